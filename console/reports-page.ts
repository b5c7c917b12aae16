/**
 * <reports-page>: what converted, as a sales manager asks it. A period (this
 * month, last month, the last 12 weeks, this year: on the viewer's clock) and
 * a grouping (week, month, source, campaign) give each group's funnel:
 * requests → demos confirmed → completed, and the no-shows. The headline
 * says the period in one sentence; the bars show each group's requests with
 * the confirmed and completed part; the table holds every number (and is
 * what a screen reader reads). Each group opens its requests in the inbox,
 * and the period exports as CSV. The address keeps the choice
 * (`#reports?period=last-month&by=campaign`).
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { REPORT_GROUPS, type ReportGroup } from '../contract/limits.js';
import { ApiError, api, type Filters, type Funnel, filterQuery, type Report } from './api.js';
import { base } from './console.styles.js';

declare global {
  interface HTMLElementTagNameMap {
    'reports-page': ReportsPage;
  }
}

export const PERIODS = ['this-month', 'last-month', 'last-12-weeks', 'this-year'] as const;
type Period = (typeof PERIODS)[number];

const PERIOD_WORDS: Record<Period, string> = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'last-12-weeks': 'Last 12 weeks',
  'this-year': 'This year',
};
const GROUP_WORDS: Record<ReportGroup, string> = { week: 'By week', month: 'By month', source: 'By source', campaign: 'By campaign' };
const COLOURS = { requested: '#b6d7f5', confirmed: '#0969da', completed: '#1a7f37' };

/** A period's bounds on the viewer's clock (Date does the calendar, DST included). */
function boundsOf(period: Period, now = new Date()): { from: Date; to: Date } {
  const y = now.getFullYear();
  const m = now.getMonth();
  if (period === 'this-month') return { from: new Date(y, m, 1), to: new Date(y, m + 1, 1) };
  if (period === 'last-month') return { from: new Date(y, m - 1, 1), to: new Date(y, m, 1) };
  if (period === 'this-year') return { from: new Date(y, 0, 1), to: new Date(y + 1, 0, 1) };
  const monday = new Date(y, m, now.getDate() - ((now.getDay() + 6) % 7));
  return {
    from: new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() - 7 * 11),
    to: new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7),
  };
}

/** What the address names: `#reports?period=…&by=…`, or null for another page. */
export function reportOfHash(hash: string): { period: Period; by: ReportGroup } | null {
  const m = /^#reports(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const p = new URLSearchParams(m[1] ?? '');
  const period = PERIODS.find((v) => v === p.get('period')) ?? 'last-month';
  const by = REPORT_GROUPS.find((v) => v === p.get('by')) ?? 'week';
  return { period, by };
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)} %` : '—');
const span = (from: Date, to: Date) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(from, new Date(to.getTime() - 1));

@customElement('reports-page')
export class ReportsPage extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); min-width: 0; }
      fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
      legend { font-weight: 600; padding: 0; margin-right: .5rem; float: left; }
      .choice input { position: absolute; opacity: 0; width: 1px; height: 1px; }
      .choice span { display: inline-block; padding: .35rem .8rem; border: 1px solid var(--line); border-radius: 999px; cursor: pointer; background: var(--panel); }
      .choice input:checked + span { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
      .choice input:focus-visible + span { outline: 3px solid var(--focus, #0969da); outline-offset: 2px; }
      .controls { display: grid; gap: .6rem; }
      .headline { font-size: 1.15rem; margin: 0; }
      .bars { display: grid; gap: .4rem; margin: 0; padding: 0; list-style: none; }
      .bar { display: grid; grid-template-columns: minmax(0, 9rem) minmax(0, 1fr) 3rem; gap: .6rem; align-items: center; font-size: .9rem; }
      .bar .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .bar svg { width: 100%; height: 1rem; display: block; }
      .legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; list-style: none; margin: 0; padding: 0; }
      .legend svg { width: .75rem; height: .75rem; vertical-align: -1px; margin-right: .3rem; }
      table { border-collapse: collapse; width: 100%; font-size: .9rem; }
      th, td { text-align: right; padding: .35rem .5rem; border-bottom: 1px solid var(--line); white-space: nowrap; }
      th:first-child, td:first-child { text-align: left; white-space: normal; min-width: 9rem; overflow-wrap: break-word; }
      tfoot td { font-weight: 600; }
      .scroll { overflow-x: auto; }
      .muted { color: var(--muted); }
      @media (max-width: 560px) { .bar { grid-template-columns: minmax(0, 6rem) minmax(0, 1fr) 2.5rem; } }
    `,
  ];

  /** The address's fragment. */
  @property({ attribute: false }) route = '#reports';
  @state() private report: Report | null = null;
  @state() private error = '';
  private ticket = 0;
  private shown = '';

  private get choice() {
    return reportOfHash(this.route) ?? { period: 'last-month' as const, by: 'week' as const };
  }

  override updated() {
    const { period, by } = this.choice;
    const key = `${period}|${by}`;
    if (key !== this.shown) {
      this.shown = key;
      void this.load(period, by);
    }
  }

  private async load(period: Period, by: ReportGroup) {
    const ticket = ++this.ticket;
    const { from, to } = boundsOf(period);
    try {
      const report = await api.report(from.toISOString(), to.toISOString(), by);
      if (ticket === this.ticket) {
        this.report = report;
        this.error = '';
      }
    } catch (error) {
      if (ticket === this.ticket)
        this.error = error instanceof ApiError ? error.message : 'The report could not be read. Check your connection.';
    }
  }

  private choose(change: Partial<{ period: Period; by: ReportGroup }>) {
    const next = { ...this.choice, ...change };
    location.hash = `#reports?period=${next.period}&by=${next.by}`;
  }

  /** The inbox's filter for one group of the report (the period, and its source or campaign). */
  private filterOf(r: Report, key: string | null): Filters | null {
    const period: Filters = { created_after: r.from, created_before: new Date(Date.parse(r.to) - 1).toISOString() };
    if (r.by === 'source' || r.by === 'campaign') return key === null ? null : { ...period, [`utm_${r.by}`]: key };
    if (!key) return period;
    const from = new Date(`${key.length === 7 ? `${key}-01` : key}T00:00:00Z`);
    const to = new Date(from);
    if (r.by === 'week') to.setUTCDate(to.getUTCDate() + 7);
    else to.setUTCMonth(to.getUTCMonth() + 1);
    return { created_after: from.toISOString(), created_before: new Date(to.getTime() - 1).toISOString() };
  }

  private keyWords(r: Report, key: string | null) {
    if (key === null) return r.by === 'source' ? '(no source)' : '(no campaign)';
    if (r.by === 'week')
      return `Week of ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(key))}`;
    if (r.by === 'month')
      return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${key}-01T00:00:00Z`));
    return key;
  }

  private bar(f: Funnel, max: number) {
    const w = (n: number) => (n / max) * 100;
    return svg`<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
      <rect width=${w(f.requested)} height="10" fill=${COLOURS.requested}></rect>
      <rect width=${w(f.confirmed)} height="10" fill=${COLOURS.confirmed}></rect>
      <rect width=${w(f.completed)} height="10" fill=${COLOURS.completed}></rect>
    </svg>`;
  }

  override render() {
    const { period, by } = this.choice;
    const r = this.report;
    const { from, to } = boundsOf(period);
    const t = r?.total;
    const max = Math.max(1, ...(r?.rows.map((row) => row.requested) ?? []));
    return html`
      <section class="card controls" aria-label="Report">
        <fieldset><legend>Period</legend>
          ${PERIODS.map(
            (p) => html`<label class="choice"><input type="radio" name="period" .checked=${p === period}
              @change=${() => this.choose({ period: p })}><span>${PERIOD_WORDS[p]}</span></label>`,
          )}
        </fieldset>
        <fieldset><legend>Group</legend>
          ${REPORT_GROUPS.map(
            (g) => html`<label class="choice"><input type="radio" name="by" .checked=${g === by}
              @change=${() => this.choose({ by: g })}><span>${GROUP_WORDS[g]}</span></label>`,
          )}
        </fieldset>
      </section>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${
        r && t
          ? html`<section class="card" aria-labelledby="headline">
              <p class="headline" id="headline" aria-live="polite">${PERIOD_WORDS[period]} (${span(from, to)}):
                <strong>${t.requested}</strong> requests → <strong>${t.confirmed}</strong> demos confirmed (${percent(t.confirmed, t.requested)})
                → <strong>${t.completed}</strong> completed (${percent(t.completed, t.confirmed)} of confirmed);
                no-shows ${percent(t.no_show, t.completed + t.no_show)} of demos held.</p>
              <ul class="legend" aria-hidden="true">
                ${(['requested', 'confirmed', 'completed'] as const).map(
                  (k) =>
                    html`<li><svg viewBox="0 0 10 10"><rect width="10" height="10" rx="2" fill=${COLOURS[k]}></rect></svg>${k === 'requested' ? 'Requests' : k === 'confirmed' ? 'Confirmed' : 'Completed'}</li>`,
                )}
              </ul>
              ${
                r.rows.length
                  ? html`<ol class="bars" aria-hidden="true">${r.rows.map(
                      (row) =>
                        html`<li class="bar"><span class="name">${this.keyWords(r, row.key)}</span>${this.bar(row, max)}<span>${percent(row.confirmed, row.requested)}</span></li>`,
                    )}</ol>`
                  : html`<p class="muted">No requests in this period.</p>`
              }
            </section>
            <section class="card" aria-labelledby="numbers"><h2 id="numbers">The numbers</h2>
              <div class="scroll"><table>
                <thead><tr><th scope="col">${GROUP_WORDS[r.by].replace('By ', '').replace(/^./, (c) => c.toUpperCase())}</th><th scope="col">Requests</th><th scope="col">Confirmed</th>
                  <th scope="col">Completed</th><th scope="col">No-show</th><th scope="col">Cancelled</th><th scope="col">Confirmed of requests</th>
                  <th scope="col">Completed of confirmed</th><th scope="col">No-show rate</th></tr></thead>
                <tbody>${r.rows.map((row) => {
                  const filter = this.filterOf(r, row.key);
                  const name = this.keyWords(r, row.key);
                  return html`<tr><td>${filter ? html`<a href=${`#requests?${filterQuery(filter)}`}>${name}</a>` : name}</td>${this.cells(row)}</tr>`;
                })}</tbody>
                <tfoot><tr><td>All</td>${this.cells(t)}</tr></tfoot>
              </table></div>
              <p class="muted">Requests created in the period (spam left out), by what they are now: "confirmed" counts the demos confirmed,
                completed or missed; a demo cancelled after its confirmation counts as cancelled. Weeks and months are in UTC.
                <a href=${api.exportUrl({ created_after: r.from, created_before: new Date(Date.parse(r.to) - 1).toISOString() })} download>Export the period's requests (CSV)</a></p>
            </section>`
          : nothing
      }
    `;
  }

  private cells(f: Funnel) {
    return html`<td>${f.requested}</td><td>${f.confirmed}</td><td>${f.completed}</td><td>${f.no_show}</td><td>${f.cancelled}</td>
      <td>${percent(f.confirmed, f.requested)}</td><td>${percent(f.completed, f.confirmed)}</td><td>${percent(f.no_show, f.completed + f.no_show)}</td>`;
  }
}
