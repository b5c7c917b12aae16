/**
 * <demos-page>: the booked demos, as a rep and a manager plan their day.
 * "My demos" (`#demos`) is the signed-in rep's agenda (the rep whose email is
 * their Access email) for the next 14 days, day by day; "Team day"
 * (`#day/2026-12-03`) is one day of the whole team, rep by rep, with the day
 * before and after a click away. Times are on the viewer's clock. A demo
 * opens in the booking panel beside the list, where it is moved or given to
 * another rep.
 */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api, type Booking, type BookingDetail, type SalesRep } from './api.js';
import './booking-panel.js';
import { base } from './console.styles.js';
import { localDay, ownZone, repNameOf, STATUS_WORDS } from './format.js';

declare global {
  interface HTMLElementTagNameMap {
    'demos-page': DemosPage;
  }
}

/** The agenda's reach. */
const AGENDA_DAYS = 14;

/** Midnight starting a local day (a DST day is 23 or 25 hours long: Date does the calendar). */
const midnight = (day: string) => new Date(`${day}T00:00:00`);
const shifted = (day: string, days: number) => {
  const d = midnight(day);
  d.setDate(d.getDate() + days);
  return localDay(d);
};
const time = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)) : '—';
const longDay = (day: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' }).format(midnight(day));

/** What the address names: the agenda, or a day of the team. */
export function demosViewOf(hash: string): { kind: 'mine' } | { kind: 'day'; day: string } | null {
  if (hash === '#demos') return { kind: 'mine' };
  const m = /^#day(?:\/(\d{4}-\d{2}-\d{2}))?$/.exec(hash);
  if (!m) return null;
  return { kind: 'day', day: m[1] && !Number.isNaN(midnight(m[1]).getTime()) ? m[1] : localDay(new Date()) };
}

@customElement('demos-page')
export class DemosPage extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; min-width: 0; }
      .bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
      .bar nav ul { display: flex; gap: .35rem; list-style: none; margin: 0; padding: 0; }
      .bar a { display: inline-block; padding: .35rem .7rem; border: 1px solid var(--line); border-radius: 6px; color: var(--ink); text-decoration: none; }
      .bar a[aria-current='page'] { background: var(--ink); color: #fff; border-color: var(--ink); }
      .days { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
      .work { display: grid; gap: 1rem; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); align-items: start; margin-top: 1rem; }
      @media (max-width: 900px) {
        .work { grid-template-columns: minmax(0, 1fr); }
        .work.reading .list { display: none; }
        .work:not(.reading) booking-panel { display: none; }
      }
      h2 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
      h2:first-child { margin-top: 0; }
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 1px; background: var(--line); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
      li { background: var(--panel); }
      li button { all: unset; box-sizing: border-box; display: grid; grid-template-columns: 3.5rem minmax(0, 1fr) auto; gap: .1rem .75rem; width: 100%; padding: .55rem .75rem; cursor: pointer; }
      li button:focus-visible { outline: 3px solid var(--accent); outline-offset: -3px; }
      li button[aria-pressed='true'] { background: #ddf4ff; }
      li .badge { align-self: center; }
      .at { font-weight: 600; font-variant-numeric: tabular-nums; }
      .who { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .who small { display: block; color: var(--muted); font-size: .85rem; overflow: hidden; text-overflow: ellipsis; }
      .empty { background: var(--panel); padding: .55rem .75rem; color: var(--muted); }
      .zone { font-size: .85rem; color: var(--muted); margin: .5rem 0 0; }
    `,
  ];

  /** The signed-in person (their Access email). */
  @property() me = '';
  /** The team, active reps and former ones (a demo keeps its rep's name). */
  @property({ attribute: false }) team: SalesRep[] = [];
  /** The address's fragment: `#demos` or `#day/YYYY-MM-DD`. */
  @property() route = '#demos';

  @state() private demos: Booking[] = [];
  @state() private loading = true;
  @state() private error = '';
  @state() private selected: BookingDetail | null = null;
  @state() private reading = false;

  private get myRep(): SalesRep | undefined {
    const me = this.me.toLowerCase();
    return this.team.find((r) => r.email.toLowerCase() === me);
  }

  private get view() {
    return demosViewOf(this.route) ?? { kind: 'mine' as const };
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('route') || changed.has('team') || changed.has('me')) void this.load();
  }

  private async load() {
    const route = this.route;
    const view = this.view;
    const first = view.kind === 'day' ? view.day : localDay(new Date());
    const days = view.kind === 'day' ? 1 : AGENDA_DAYS;
    const rep = view.kind === 'mine' ? this.myRep : undefined;
    if (view.kind === 'mine' && !rep) {
      this.demos = [];
      this.loading = false;
      return;
    }
    this.loading = true;
    try {
      const from = view.kind === 'mine' ? new Date() : midnight(first);
      const page = await api.demos(from.toISOString(), midnight(shifted(first, days)).toISOString(), rep?.id);
      // Only the newest request paints: a slow answer for another day is dropped.
      if (route === this.route) this.demos = page.data;
      this.error = '';
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : 'The demos could not be loaded. Check your connection and reload.';
    } finally {
      this.loading = false;
    }
  }

  private async open(id: string) {
    try {
      this.selected = await api.get(id);
      this.reading = true;
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : 'The demo could not be opened.';
    }
  }

  private async changed(id: string) {
    await Promise.all([this.load(), this.open(id)]);
  }

  private item(b: Booking, withRep: boolean) {
    return html`<li><button type="button" aria-pressed=${this.selected?.id === b.id ? 'true' : 'false'} @click=${() => this.open(b.id)}>
      <span class="at">${time(b.preferred_date)}</span>
      <span class="who">${b.organization_name}<small>${b.contact_name}${withRep ? ` · with ${repNameOf(this.team, b.assigned_rep_id ?? '')}` : ''}</small></span>
      <span class="badge s-${b.status}">${STATUS_WORDS[b.status]}</span>
    </button></li>`;
  }

  private renderMine() {
    const rep = this.myRep;
    if (!rep)
      return html`<p class="card">You (${this.me || 'not signed in'}) are not on the team: “My demos” lists the demos of the rep whose
        email is yours. Add yourself on the <a href="#team">Team page</a>, or see the <a href="#day">team’s day</a>.</p>`;
    const byDay = new Map<string, Booking[]>();
    for (const b of this.demos) {
      const day = localDay(new Date(b.preferred_date ?? b.created_at));
      byDay.set(day, [...(byDay.get(day) ?? []), b]);
    }
    if (!byDay.size)
      return html`<p class="card muted">${this.loading ? 'Loading…' : `No demos booked with ${rep.name} in the next ${AGENDA_DAYS} days.`}</p>`;
    return html`${[...byDay].map(
      ([day, demos]) => html`<h2>${longDay(day)}</h2><ol aria-label=${longDay(day)}>${demos.map((b) => this.item(b, false))}</ol>`,
    )}`;
  }

  private renderDay(day: string) {
    // Every active rep, and any former one who still has a demo that day.
    const reps = this.team.filter((r) => r.active || this.demos.some((b) => b.assigned_rep_id === r.id));
    const orphans = this.demos.filter((b) => !this.team.some((r) => r.id === b.assigned_rep_id));
    if (!reps.length && !orphans.length)
      return html`<p class="card muted">The team has no reps yet: add them on the <a href="#team">Team page</a>.</p>`;
    return html`${reps.map((r) => {
      const demos = this.demos.filter((b) => b.assigned_rep_id === r.id);
      return html`<h2>${r.name}${r.active ? nothing : ' (former rep)'}</h2>
        ${
          demos.length
            ? html`<ol aria-label=${`${r.name}, ${longDay(day)}`}>${demos.map((b) => this.item(b, false))}</ol>`
            : html`<p class="empty">${this.loading ? 'Loading…' : 'No demos.'}</p>`
        }`;
    })}${orphans.length ? html`<h2>Other</h2><ol>${orphans.map((b) => this.item(b, true))}</ol>` : nothing}`;
  }

  override render() {
    const view = this.view;
    const today = localDay(new Date());
    return html`
      <section class="card bar" aria-label="Demos">
        <nav aria-label="Demos"><ul>
          <li><a href="#demos" aria-current=${view.kind === 'mine' ? 'page' : 'false'}>My demos</a></li>
          <li><a href=${`#day/${view.kind === 'day' ? view.day : today}`} aria-current=${view.kind === 'day' ? 'page' : 'false'}>Team day</a></li>
        </ul></nav>
        ${
          view.kind === 'day'
            ? html`<div class="days" role="group" aria-label="Day">
                <a href=${`#day/${shifted(view.day, -1)}`} aria-label="Previous day">←</a>
                <label><span class="visually-hidden">Day</span><input type="date" .value=${view.day}
                  @change=${(e: Event) => {
                    const v = (e.target as HTMLInputElement).value;
                    if (v) location.hash = `#day/${v}`;
                  }}></label>
                <a href=${`#day/${shifted(view.day, 1)}`} aria-label="Next day">→</a>
                ${view.day === today ? nothing : html`<a href=${`#day/${today}`}>Today</a>`}
              </div>`
            : nothing
        }
      </section>
      <p class="zone">Times on your clock (${ownZone()}).</p>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <div class="work ${this.reading ? 'reading' : ''}">
        <section class="list" aria-label=${view.kind === 'day' ? longDay(view.day) : 'My demos'}>
          ${view.kind === 'day' ? this.renderDay(view.day) : this.renderMine()}
        </section>
        <booking-panel .booking=${this.selected} .team=${this.team} back="← Demos"
          @booking-changed=${(e: CustomEvent<{ id: string }>) => this.changed(e.detail.id)}
          @panel-close=${() => (this.reading = false)}></booking-panel>
      </div>
    `;
  }
}
