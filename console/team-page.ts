/**
 * <team-page>: the sales team as a manager keeps it. Each rep with their
 * hours (on their clock and the viewer's), their calendars and how each is
 * syncing (last sync, busy intervals kept, the error, stale), and the
 * changes: add or edit a rep, add or remove a calendar, sync now, deactivate
 * or reactivate. The server checks every change; its refusals show in words.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { CreateRepRequest } from '../contract/api.js';
import { LOCALES, type Locale } from '../contract/i18n.js';
import { DEFAULT_WORKING_HOURS, TEAM_LIMITS, WEEKDAYS, type WorkingHours } from '../contract/team.js';
import { ApiError, api, type CalendarFeed, type SalesRep } from './api.js';
import { base, dialogs } from './console.styles.js';
import { ownZone, when } from './format.js';
import { DAY_NAMES, hoursLine, hoursOnViewersClock, parseHoursLine } from './hours.js';

declare global {
  interface HTMLElementTagNameMap {
    'team-page': TeamPage;
  }
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', ar: 'Arabic' };

/** The dialogs of the page: a rep's form (new or existing), or removing a calendar. */
type Dialog = { kind: 'rep'; rep: SalesRep | null } | { kind: 'remove-feed'; rep: SalesRep; feed: CalendarFeed };

/** How a feed is doing, in words and a badge class. */
function feedHealth(feed: CalendarFeed): { word: string; tone: 'ok' | 'warn' | 'bad' } {
  if (feed.stale) return { word: feed.last_ok_at ? 'Stale' : 'Never synced', tone: 'bad' };
  if (feed.last_error) return { word: 'Failing', tone: 'warn' };
  if (!feed.last_ok_at) return { word: 'First sync on its way', tone: 'warn' };
  return { word: 'Synced', tone: 'ok' };
}

/** Why a rep is offered to nobody right now, or null. */
function unavailable(rep: SalesRep): string | null {
  if (!rep.active) return 'Deactivated';
  if (rep.calendars.some((f) => f.stale)) return 'Unavailable: a calendar is stale';
  return null;
}

@customElement('team-page')
export class TeamPage extends LitElement {
  static override styles = [
    base,
    dialogs,
    css`
      :host { display: block; }
      .bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; margin-bottom: 1rem; }
      h2 { font-size: 1.15rem; margin: 0; }
      .reps { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 34rem), 1fr)); list-style: none; margin: 0; padding: 0; }
      .rep { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; min-width: 0; display: grid; gap: .75rem; align-content: start; }
      .rep.inactive { background: #f6f8fa; }
      .rep header { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; }
      h3 { margin: 0; font-size: 1.1rem; overflow-wrap: anywhere; }
      h4 { margin: 0 0 .35rem; font-size: .95rem; }
      .email { color: var(--muted); overflow-wrap: anywhere; }
      .facts { color: var(--muted); font-size: .9rem; margin: 0; }
      .tone-ok { color: var(--ok); }
      .tone-warn { color: var(--warn); }
      .tone-bad { color: var(--danger); }
      table { border-collapse: collapse; width: 100%; font-size: .9rem; }
      th, td { text-align: left; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
      th[scope='row'] { font-weight: 600; white-space: nowrap; }
      td.off { color: var(--muted); }
      .table-wrap { overflow-x: auto; }
      ul.feeds { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
      ul.feeds li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .6rem; display: grid; gap: .2rem; min-width: 0; }
      .feed-url { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; overflow-wrap: anywhere; }
      .feed-row { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; justify-content: space-between; }
      .feed-state { font-size: .85rem; color: var(--muted); }
      .feed-error { font-size: .85rem; color: var(--danger); overflow-wrap: anywhere; }
      form.add-feed { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
      form.add-feed label { display: grid; gap: .15rem; flex: 1 1 16rem; font-size: .85rem; color: var(--muted); }
      .actions { display: flex; flex-wrap: wrap; gap: .5rem; }
      .status { min-height: 1.5rem; margin: 0 0 .5rem; }
      dialog { width: min(36rem, calc(100vw - 2rem)); max-height: calc(100vh - 2rem); overflow-y: auto; }
      dialog fieldset { border: 1px solid var(--line); border-radius: 6px; display: grid; gap: .4rem; padding: .5rem .75rem .75rem; margin: 0; min-width: 0; }
      dialog legend { font-weight: 600; padding: 0 .25rem; }
      dialog .day { display: grid; grid-template-columns: 7rem minmax(0, 1fr); align-items: center; gap: .5rem; font-weight: 400; }
      dialog .check { display: inline-flex; gap: .35rem; align-items: center; font-weight: 400; margin-right: .75rem; }
      .hint { font-weight: 400; font-size: .85rem; color: var(--muted); }
      p.hint { margin: 0; }
      @media (max-width: 560px) { dialog .day { grid-template-columns: minmax(0, 1fr); gap: .1rem; } }
    `,
  ];

  @state() private reps: SalesRep[] = [];
  @state() private loading = true;
  @state() private error = '';
  /** What the last change did, read out politely. */
  @state() private status = '';
  @state() private dialog: Dialog | null = null;
  @state() private dialogError = '';
  @state() private busy = false;

  @query('dialog') private dialogElement?: HTMLDialogElement;
  /** Where focus goes back when a dialog closes. */
  private opener: HTMLElement | null = null;
  private refreshTimers: ReturnType<typeof setTimeout>[] = [];

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const t of this.refreshTimers) clearTimeout(t);
  }

  override updated() {
    const d = this.dialogElement;
    if (this.dialog && d && !d.open) {
      d.showModal();
      d.querySelector<HTMLElement>('input, button.primary')?.focus();
    }
  }

  private async load() {
    try {
      this.reps = (await api.team()).data;
      this.error = '';
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : 'The console could not reach the server. Check your connection and reload.';
    } finally {
      this.loading = false;
    }
  }

  private openDialog(dialog: Dialog, event: Event) {
    this.opener = event.currentTarget as HTMLElement;
    this.dialogError = '';
    this.dialog = dialog;
  }

  private closeDialog() {
    this.dialogElement?.close();
    this.dialog = null;
    if (this.opener?.isConnected) this.opener.focus();
  }

  /** Runs a change, then reloads the team; a refusal shows where the change was asked for. */
  private async change(run: () => Promise<string>, inDialog: boolean): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.dialogError = '';
    this.error = '';
    try {
      this.status = await run();
      await this.load();
      return true;
    } catch (error) {
      const words = error instanceof ApiError ? error.message : 'The change could not be sent. Check your connection and try again.';
      if (inDialog) this.dialogError = words;
      else this.error = words;
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async submitRep(event: SubmitEvent) {
    event.preventDefault();
    if (this.dialog?.kind !== 'rep') return;
    const existing = this.dialog.rep;
    const data = new FormData(event.target as HTMLFormElement);
    const hours = {} as WorkingHours;
    for (const day of WEEKDAYS) {
      const ranges = parseHoursLine(String(data.get(`hours-${day}`) ?? ''));
      if (!ranges) {
        this.dialogError = `${DAY_NAMES[day]}: write the hours like 09:00–12:00, 13:00–17:00 (or leave it empty for a day off).`;
        return;
      }
      hours[day] = ranges;
    }
    const link = String(data.get('meeting_url') ?? '').trim();
    const body: CreateRepRequest = {
      name: String(data.get('name') ?? '').trim(),
      email: String(data.get('email') ?? '').trim(),
      time_zone: String(data.get('time_zone') ?? '').trim(),
      working_hours: hours,
      languages: LOCALES.filter((l) => data.get(`language-${l}`) === 'on'),
      meeting_url: link || null,
      weight: Number(data.get('weight') ?? 1),
    };
    const done = await this.change(async () => {
      if (existing) {
        await api.patchRep(existing.id, body);
        return `${body.name}: saved.`;
      }
      await api.createRep(body);
      return `${body.name} joined the team. Add their calendar so prospects see their free times.`;
    }, true);
    if (done) this.closeDialog();
  }

  private async addFeed(event: SubmitEvent, rep: SalesRep) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const url = String(new FormData(form).get('url') ?? '').trim();
    const done = await this.change(async () => {
      await api.addFeed(rep.id, { url });
      this.refreshSoon();
      return `Calendar added for ${rep.name}; its first sync is on its way.`;
    }, false);
    if (done) form.reset();
  }

  private async removeFeed() {
    if (this.dialog?.kind !== 'remove-feed') return;
    const { rep, feed } = this.dialog;
    const done = await this.change(async () => {
      await api.removeFeed(rep.id, feed.id);
      return `Calendar removed from ${rep.name}; its busy times no longer count.`;
    }, true);
    if (done) {
      this.dialogElement?.close();
      this.dialog = null;
      this.renderRoot.querySelector<HTMLElement>(`[data-rep="${rep.id}"] h3`)?.focus();
    }
  }

  private syncNow(rep: SalesRep) {
    void this.change(async () => {
      const { queued } = await api.sync(rep.id);
      this.refreshSoon();
      return queued.length
        ? `Syncing ${queued.length === 1 ? 'one calendar' : `${queued.length} calendars`} of ${rep.name}; this page updates when it is done.`
        : `${rep.name} has no calendar to sync.`;
    }, false);
  }

  private setActive(rep: SalesRep, active: boolean) {
    void this.change(async () => {
      await api.patchRep(rep.id, { active });
      return active ? `${rep.name} is active again.` : `${rep.name} is deactivated: offered to no prospect, bookings kept.`;
    }, false);
  }

  /** A sync runs on a queue: look again shortly, twice. */
  private refreshSoon() {
    for (const t of this.refreshTimers) clearTimeout(t);
    this.refreshTimers = [1500, 5000].map((ms) => setTimeout(() => void this.load(), ms));
  }

  private renderHours(rep: SalesRep) {
    const viewer = ownZone();
    const same = viewer === rep.time_zone;
    const theirs = hoursOnViewersClock(rep.working_hours, rep.time_zone, viewer);
    return html`<div class="table-wrap"><table>
      <caption class="visually-hidden">Working hours of ${rep.name}</caption>
      <thead><tr><th scope="col">Day</th><th scope="col">Their hours (${rep.time_zone})</th>
        ${same ? nothing : html`<th scope="col">On your clock (${viewer})</th>`}</tr></thead>
      <tbody>${WEEKDAYS.map((day) => {
        const line = hoursLine(rep.working_hours[day]);
        return html`<tr><th scope="row">${DAY_NAMES[day].slice(0, 3)}</th>
          <td class=${line ? '' : 'off'}>${line || 'Off'}</td>
          ${same ? nothing : html`<td class=${line ? '' : 'off'}>${theirs[day] || '—'}</td>`}</tr>`;
      })}</tbody>
    </table></div>
    ${Object.keys(rep.date_overrides).length ? html`<p class="facts">Other hours on ${Object.keys(rep.date_overrides).sort().join(', ')}.</p>` : nothing}`;
  }

  private renderFeed(rep: SalesRep, feed: CalendarFeed) {
    const health = feedHealth(feed);
    return html`<li>
      <div class="feed-row"><span class="feed-url">${feed.url}</span>
        <span class="badge tone-${health.tone}">${health.word}</span></div>
      <div class="feed-row">
        <span class="feed-state">${feed.last_ok_at ? `Last synced ${when(feed.last_ok_at)}` : 'Never synced'} · ${feed.busy_count} busy ${feed.busy_count === 1 ? 'time' : 'times'}
          ${feed.last_attempt_at && feed.last_attempt_at !== feed.last_ok_at ? ` · last tried ${when(feed.last_attempt_at)}` : ''}</span>
        <button type="button" class="danger" aria-label="Remove calendar ${feed.url} of ${rep.name}"
          @click=${(e: Event) => this.openDialog({ kind: 'remove-feed', rep, feed }, e)}>Remove</button>
      </div>
      ${feed.last_error ? html`<div class="feed-error">${feed.last_error}</div>` : nothing}
    </li>`;
  }

  private renderRep(rep: SalesRep) {
    const why = unavailable(rep);
    const languages = rep.languages.length ? rep.languages.map((l) => LANGUAGE_NAMES[l]).join(', ') : 'any language';
    const full = rep.calendars.length >= TEAM_LIMITS.feedsPerRepMax;
    return html`<li class="rep ${rep.active ? '' : 'inactive'}" data-rep=${rep.id} aria-labelledby="rep-${rep.id}">
      <header>
        <h3 id="rep-${rep.id}" tabindex="-1">${rep.name}</h3>
        <span class="email">${rep.email}</span>
        ${why ? html`<span class="badge tone-${rep.active ? 'bad' : 'warn'}">${why}</span>` : html`<span class="badge tone-ok">Available</span>`}
      </header>
      <p class="facts">Demos in ${languages} · round-robin weight ${rep.weight}${rep.meeting_url ? html` · meets at <span class="feed-url">${rep.meeting_url}</span>` : ''}</p>
      <div>${this.renderHours(rep)}</div>
      <div>
        <h4>Calendars</h4>
        ${rep.calendars.length ? html`<ul class="feeds">${rep.calendars.map((f) => this.renderFeed(rep, f))}</ul>` : html`<p class="facts">No calendar yet: every working hour counts as free.</p>`}
        ${
          full
            ? html`<p class="facts">${TEAM_LIMITS.feedsPerRepMax} calendars is the most a rep can have.</p>`
            : html`<form class="add-feed" @submit=${(e: SubmitEvent) => this.addFeed(e, rep)}>
              <label>Calendar address (iCal, https or webcal) <input type="url" name="url" required inputmode="url" autocomplete="off"
                placeholder="https://calendar.google.com/calendar/ical/…/basic.ics" maxlength=${TEAM_LIMITS.feedUrlMax}></label>
              <button type="submit" ?disabled=${this.busy}>Add calendar</button>
            </form>`
        }
      </div>
      <div class="actions" role="group" aria-label="Actions for ${rep.name}">
        <button type="button" @click=${(e: Event) => this.openDialog({ kind: 'rep', rep }, e)}>Edit</button>
        ${rep.calendars.length ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.syncNow(rep)}>Sync now</button>` : nothing}
        ${
          rep.active
            ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.setActive(rep, false)}>Deactivate</button>`
            : html`<button type="button" ?disabled=${this.busy} @click=${() => this.setActive(rep, true)}>Reactivate</button>`
        }
      </div>
    </li>`;
  }

  private renderRepForm(rep: SalesRep | null) {
    const hours = rep?.working_hours ?? DEFAULT_WORKING_HOURS;
    const zones = Intl.supportedValuesOf('timeZone');
    return html`<form @submit=${this.submitRep}>
      <h3 id="dialog-title">${rep ? `Edit ${rep.name}` : 'Add a rep'}</h3>
      <label>Name <input name="name" required maxlength=${TEAM_LIMITS.nameMax} autocomplete="off" .value=${rep?.name ?? ''}></label>
      <label>Email <span class="hint">(their calendar invites go here)</span>
        <input name="email" type="email" required autocomplete="off" .value=${rep?.email ?? ''}></label>
      <label>Time zone <span class="hint">(their hours below are on this clock)</span>
        <input name="time_zone" required list="zones" autocomplete="off" .value=${rep?.time_zone ?? ownZone()}>
        <datalist id="zones">${zones.map((z) => html`<option value=${z}></option>`)}</datalist></label>
      <fieldset><legend>Working hours</legend>
        <p class="hint">Like 09:00–12:00, 13:00–17:00. Leave a day empty for a day off.</p>
        ${WEEKDAYS.map(
          (day) => html`<label class="day">${DAY_NAMES[day]}
            <input name="hours-${day}" autocomplete="off" .value=${hoursLine(hours[day])} placeholder="Off"></label>`,
        )}
      </fieldset>
      <fieldset><legend>Demos in</legend>
        <p class="hint">None ticked: any language.</p>
        <div>${LOCALES.map(
          (l) =>
            html`<label class="check"><input type="checkbox" name="language-${l}" .checked=${rep?.languages.includes(l) ?? false}> ${LANGUAGE_NAMES[l]}</label>`,
        )}</div>
      </fieldset>
      <label>Round-robin weight <span class="hint">(${TEAM_LIMITS.weightMin}–${TEAM_LIMITS.weightMax}; 2 gets twice the demos of 1)</span>
        <input name="weight" type="number" required min=${TEAM_LIMITS.weightMin} max=${TEAM_LIMITS.weightMax} step="1" .value=${String(rep?.weight ?? 1)}></label>
      <label>Meeting link <span class="hint">(optional, https; goes in their invites)</span>
        <input name="meeting_url" type="url" inputmode="url" placeholder="https://" .value=${rep?.meeting_url ?? ''}></label>
      ${this.dialogError ? html`<p class="alert" role="alert">${this.dialogError}</p>` : nothing}
      <div class="buttons">
        <button type="button" @click=${this.closeDialog}>Back</button>
        <button type="submit" class="primary" ?disabled=${this.busy}>${rep ? 'Save' : 'Add rep'}</button>
      </div>
    </form>`;
  }

  private renderDialog() {
    const d = this.dialog;
    if (!d) return nothing;
    return html`<dialog aria-labelledby="dialog-title" @close=${() => {
      this.dialog = null;
      if (this.opener?.isConnected) this.opener.focus();
    }}>
      ${
        d.kind === 'rep'
          ? this.renderRepForm(d.rep)
          : html`<form @submit=${(e: Event) => {
              e.preventDefault();
              void this.removeFeed();
            }}>
            <h3 id="dialog-title">Remove this calendar?</h3>
            <p>${d.rep.name} stops being busy at the times it holds. To add it back you will need its address again.</p>
            <p class="feed-url">${d.feed.url}</p>
            ${this.dialogError ? html`<p class="alert" role="alert">${this.dialogError}</p>` : nothing}
            <div class="buttons">
              <button type="button" @click=${this.closeDialog}>Back</button>
              <button type="submit" class="danger" ?disabled=${this.busy}>Remove calendar</button>
            </div>
          </form>`
      }
    </dialog>`;
  }

  override render() {
    const active = this.reps.filter((r) => r.active).length;
    return html`
      <div class="bar">
        <h2>${this.loading || !this.reps.length ? 'The team' : `${active} active ${active === 1 ? 'rep' : 'reps'}${this.reps.length > active ? `, ${this.reps.length - active} deactivated` : ''}`}</h2>
        <button type="button" class="primary" @click=${(e: Event) => this.openDialog({ kind: 'rep', rep: null }, e)}>Add a rep</button>
      </div>
      <p class="status" role="status">${this.status}</p>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${
        this.reps.length
          ? html`<ul class="reps" aria-label="The team">${this.reps.map((r) => this.renderRep(r))}</ul>`
          : html`<p class="muted">${this.loading ? 'Loading…' : 'No reps yet. Add the first one: prospects then book their free times.'}</p>`
      }
      ${this.renderDialog()}
    `;
  }
}
