/**
 * <sales-console>: where the sales team works its demo requests. The inbox
 * (newest first, status tabs with counts, date range, "webhook failing",
 * search, paging, j/k or arrow keys and Enter), the booking beside it, the
 * numbers above it, and the CSV of the current filter; the Demos page
 * (`#demos`, `#day/…`), the Team page (`#team`), where reps, their hours
 * and their calendars are kept, and the Routing page (`#routing`).
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { BOOKING_STATUSES, type BookingStatus } from '../contract/limits.js';
import { ApiError, api, type Booking, type BookingDetail, type Filters, filterQuery, type Insights, type SalesRep } from './api.js';
import { demosViewOf } from './demos-page.js';
import { reportOfHash } from './reports-page.js';
import './booking-panel.js';
import './bulk-actions.js';
import { base } from './console.styles.js';
import { localDay, repNameOf, STATUS_WORDS, when } from './format.js';
import './insights-chart.js';
import './routing-page.js';
import './team-page.js';

declare global {
  interface HTMLElementTagNameMap {
    'sales-console': SalesConsole;
  }
}

const TABS: (BookingStatus | 'all')[] = ['all', ...BOOKING_STATUSES];

/** The console's pages, named by the address's fragment so a page can be linked and survives a reload. */
type View = 'requests' | 'team' | 'demos' | 'routing' | 'reports';
/** A link to one booking: `#booking/<id>` opens it in the inbox. */
const bookingOfHash = (): string | null => /^#booking\/([0-9a-f-]{36})$/i.exec(location.hash)?.[1] ?? null;
const viewOfHash = (): View =>
  location.hash === '#team'
    ? 'team'
    : location.hash === '#routing'
      ? 'routing'
      : demosViewOf(location.hash)
        ? 'demos'
        : reportOfHash(location.hash)
          ? 'reports'
          : 'requests';
/** How often an open inbox looks for news (the numbers and the first page). */
const REFRESH_MS = 20_000;

/** A day on the viewer's clock, as a date field shows it, of an instant. */
const dateField = (iso: string | undefined) => (iso ? localDay(new Date(iso)) : '');

/** The list's filters as the address keeps them (`#requests?status=pending&q=acme`), so a view survives a reload and can be shared. */
/** The filters the address carries as free text. */
const TEXT_FILTERS = ['q', 'created_after', 'created_before', 'utm_source', 'utm_campaign'] as const;

function filtersOfHash(): Filters {
  const m = /^#requests\?(.*)$/.exec(location.hash);
  if (!m) return {};
  const p = new URLSearchParams(m[1]);
  const status = p.get('status');
  const texts = TEXT_FILTERS.flatMap((key) => (p.get(key) ? [[key, p.get(key)]] : []));
  return {
    ...(status && (BOOKING_STATUSES as readonly string[]).includes(status) ? { status: status as BookingStatus } : {}),
    ...Object.fromEntries(texts),
    ...(p.get('webhook') === 'failed' ? { webhook: 'failed' as const } : {}),
    ...(p.get('sort') === 'largest' ? { sort: 'largest' as const } : {}),
    ...(p.get('email_status') === 'failed' ? { email_status: 'failed' as const } : {}),
  };
}

const TITLES: Record<View, string> = { requests: 'Demo requests', team: 'Team', demos: 'Demos', routing: 'Routing', reports: 'Reports' };

@customElement('sales-console')
export class SalesConsole extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; background: var(--page); min-height: 100vh; }
      nav ul { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; }
      nav a { display: inline-block; padding: .35rem .7rem; border-radius: 6px; color: var(--ink); text-decoration: none; }
      nav a[aria-current='page'] { background: var(--ink); color: #fff; }
      .top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; padding: .75rem 1rem; background: var(--panel); border-bottom: 1px solid var(--line); }
      h1 { font-size: 1.25rem; margin: 0; }
      a.button { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; color: var(--ink); text-decoration: none; background: var(--panel); }
      .who { color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
      main { padding: 1rem; display: grid; gap: 1rem; max-width: 1400px; margin: 0 auto; }
      .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; min-width: 0; }
      .tabs { display: flex; flex-wrap: wrap; gap: .35rem; margin: 0; padding: 0; list-style: none; }
      .tabs button[aria-pressed='true'], .chip[aria-pressed='true'] { background: var(--ink); color: #fff; border-color: var(--ink); }
      .count { font-variant-numeric: tabular-nums; opacity: .8; margin-left: .25rem; }
      .filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin-top: .75rem; }
      .filters label { display: grid; gap: .15rem; font-size: .85rem; color: var(--muted); }
      .filters label.check { display: flex; align-items: center; gap: .4rem; color: var(--ink); min-height: 2.25rem; }
      .filters input[type='search'] { min-width: 14rem; }
      .work { display: grid; gap: 1rem; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); align-items: start; }
      /* A booking opened far down the list stays in view beside it. */
      .work booking-panel { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
      @media (max-width: 900px) {
        .work { grid-template-columns: minmax(0, 1fr); }
        .work booking-panel { position: static; max-height: none; }
        .work.reading .inbox { display: none; }
        .work:not(.reading) booking-panel { display: none; }
        .filters input[type='search'] { min-width: 0; width: 100%; }
        /* Two fields a row on a phone (the search the whole row), so the inbox starts on the first screen. */
        .filters { gap: .5rem .75rem; }
        .filters label { flex: 1 1 8.5rem; }
        .filters label.search { flex-basis: 100%; }
        .filters label.check { min-height: 2rem; }
        main.reading > .card { display: none; }
        /* The inbox first on a phone: the numbers after it. */
        main > .insights { order: 1; }
      }
      ul[role='listbox'] { list-style: none; margin: 0; padding: 0; display: grid; gap: 1px; background: var(--line); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
      li[role='option'] { background: var(--panel); padding: .6rem .75rem; cursor: pointer; display: grid; gap: .15rem; min-width: 0; }
      li[role='option'][aria-selected='true'] { background: #ddf4ff; }
      li[role='option']:focus-visible { outline-offset: -3px; }
      .row1 { display: flex; justify-content: space-between; gap: .5rem; min-width: 0; }
      .org { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .row2 { font-size: .85rem; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .failing { color: var(--danger); font-weight: 600; }
      .more { margin-top: .75rem; }
      .chip { border-radius: 999px; padding: .2rem .7rem; font-size: .85rem; }
      .exports { display: flex; gap: .5rem; flex-wrap: wrap; }
      .hint { font-size: .8rem; color: var(--muted); margin: .5rem 0 0; }
    `,
  ];

  @state() private view: View = viewOfHash();
  /** The address's fragment: which demos the Demos page shows. */
  @state() private hash = location.hash;
  @state() private me = '';
  /** The team: who has each booked demo. */
  @state() private team: SalesRep[] = [];
  @state() private insights: Insights | null = null;
  /** What the current filters find in each status (the tabs). */
  @state() private counts: Record<BookingStatus, number> | null = null;
  /** The bookings' version the list was read at: news only when it moves. */
  private version: string | null | undefined;
  @state() private filters: Filters = filtersOfHash();
  /** Words for screen readers when the inbox changed by itself. */
  @state() private news = '';
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  @state() private rows: Booking[] = [];
  @state() private cursor: string | null = null;
  @state() private loading = true;
  @state() private error = '';
  @state() private selected: BookingDetail | null = null;
  @state() private reading = false;
  /** The inbox row that takes focus on Tab (roving tabindex). */
  @state() private focusIndex = 0;

  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Only the newest list request may paint: an earlier search answering late is dropped. */
  private listTicket = 0;

  private readonly followHash = () => {
    const was = this.hash;
    this.view = viewOfHash();
    this.hash = location.hash;
    // A link to a filtered inbox (from a report) applies its filters.
    if (this.view === 'requests' && location.hash.startsWith('#requests?') && location.hash !== was) {
      this.filters = filtersOfHash();
      if (this.me) void this.reload();
    }
    const linked = bookingOfHash();
    if (linked) void this.openBooking(linked);
    document.title = this.view === 'requests' ? 'Demo requests' : `${TITLES[this.view]} · Demo requests`;
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.followHash);
    this.followHash();
    void this.start();
    this.refreshTimer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.followHash);
    clearInterval(this.refreshTimer);
  }

  /**
   * Looks for news while the inbox is on screen: new requests join the top of
   * the list, changed ones are updated in place; the pages loaded, the open
   * booking and the focus stay as they are.
   */
  private async refresh() {
    if (document.visibilityState !== 'visible' || this.view !== 'requests' || this.loading) return;
    const ticket = this.listTicket;
    try {
      // One indexed read while nothing changed; the list, its counts and the numbers only when something did.
      const { version } = await api.version();
      if (version === this.version) return;
      const [page] = await Promise.all([api.list(this.filters), this.loadCounts(), this.loadInsights()]);
      if (ticket !== this.listTicket) return;
      this.version = version;
      const known = new Map(this.rows.map((r) => [r.id, r]));
      const fresh = page.data.filter((r) => !known.has(r.id));
      const updated = new Map(page.data.map((r) => [r.id, r]));
      this.rows = [...fresh, ...this.rows.map((r) => updated.get(r.id) ?? r)];
      if (fresh.length) this.news = `${fresh.length} new request${fresh.length === 1 ? '' : 's'}`;
    } catch {
      // A missed look: the next one tries again.
    }
  }

  private async start() {
    try {
      const [me, team] = await Promise.all([api.me(), api.team(), this.reload(), this.loadInsights()]);
      this.me = me.actor;
      this.team = team.data;
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown) {
    this.error = error instanceof ApiError ? error.message : 'The console could not reach the server. Check your connection and reload.';
  }

  private async loadInsights() {
    this.insights = await api.insights();
  }

  /** The tabs' counts: what the current filters find in each status. */
  private async loadCounts() {
    const { status: _status, sort: _sort, ...filters } = this.filters;
    const ticket = this.listTicket;
    const { counts } = await api.counts(filters);
    if (ticket === this.listTicket) this.counts = counts;
  }

  /** The first page of the current filter. */
  private async reload() {
    this.loading = true;
    const ticket = ++this.listTicket;
    try {
      const [page, { version }] = await Promise.all([api.list(this.filters), api.version(), this.loadCounts()]);
      if (ticket !== this.listTicket) return;
      this.version = version;
      this.rows = page.data;
      this.cursor = page.next_cursor;
      this.focusIndex = 0;
      this.error = '';
    } catch (error) {
      this.fail(error);
    } finally {
      if (ticket === this.listTicket) this.loading = false;
    }
  }

  private async more() {
    if (!this.cursor) return;
    this.loading = true;
    const ticket = this.listTicket;
    try {
      const page = await api.list(this.filters, this.cursor);
      if (ticket !== this.listTicket) return;
      this.rows = [...this.rows, ...page.data];
      this.cursor = page.next_cursor;
    } catch (error) {
      this.fail(error);
    } finally {
      this.loading = false;
    }
  }

  private setFilters(change: Partial<Filters>) {
    this.filters = { ...this.filters, ...change };
    const query = filterQuery(this.filters);
    history.replaceState(null, '', `#requests${query ? `?${query}` : ''}`);
    this.hash = location.hash;
    void this.reload();
  }

  private async openBooking(id: string) {
    try {
      this.selected = await api.get(id);
      this.reading = true;
      await this.updateComplete;
      const title = this.renderRoot.querySelector('booking-panel')?.shadowRoot?.querySelector<HTMLElement>('#booking-title');
      title?.setAttribute('tabindex', '-1');
      // At phone width the list gives way to the booking: focus follows, rather than falling to the page.
      if (matchMedia('(max-width: 900px)').matches) title?.focus();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Back from a booking to the list (phone width): focus returns to its row. */
  private readonly backToList = async () => {
    this.reading = false;
    await this.updateComplete;
    const id = this.selected?.id;
    this.renderRoot.querySelector<HTMLElement>(`li[role="option"][data-id="${id}"]`)?.focus();
  };

  /** After a change: the booking and its row updated in place (the list keeps its pages and its place), and the numbers. */
  private async changed(id: string) {
    await Promise.all([this.loadInsights(), this.openBooking(id)]);
    const changed = this.selected;
    if (changed?.id !== id) return;
    const { notifications: _n, events: _e, ...row } = changed;
    this.rows = this.rows.map((r) => (r.id === id ? row : r));
  }

  /** j/k or the arrows move through the inbox, Enter (or Space) opens. */
  private keydown(event: KeyboardEvent) {
    const options = [...this.renderRoot.querySelectorAll<HTMLElement>('li[role="option"]')];
    const index = options.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const step = event.key === 'j' || event.key === 'ArrowDown' ? 1 : event.key === 'k' || event.key === 'ArrowUp' ? -1 : 0;
    if (step) {
      event.preventDefault();
      options[Math.min(options.length - 1, Math.max(0, index + step))]?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const id = options[index]?.dataset.id;
      if (id) void this.openBooking(id);
    }
  }

  private renderRow(b: Booking, i: number) {
    const chosen = this.selected?.id === b.id;
    return html`<li role="option" tabindex=${i === this.focusIndex ? 0 : -1} data-id=${b.id} aria-selected=${chosen ? 'true' : 'false'}
      @focus=${() => (this.focusIndex = i)} @click=${() => this.openBooking(b.id)}>
      <div class="row1"><span class="org">${b.organization_name}</span><span class="badge s-${b.status}">${STATUS_WORDS[b.status]}</span></div>
      <div class="row2">${[
        b.contact_name,
        b.contact_email,
        b.organization_size && `${b.organization_size} people`,
        b.utm_campaign && `campaign ${b.utm_campaign}`,
      ]
        .filter(Boolean)
        .join(' · ')}</div>
      <div class="row2">Requested ${when(b.created_at)}${
        b.slot_end && b.preferred_date
          ? html` · demo ${when(b.preferred_date)}${b.assigned_rep_id ? ` with ${repNameOf(this.team, b.assigned_rep_id)}` : ''}`
          : b.preferred_date
            ? html` · wants ${when(b.preferred_date)}`
            : nothing
      }
        ${b.webhook_status === 'failed' ? html` · <span class="failing">webhook failing</span>` : nothing}
        ${b.email_status === 'failed' ? html` · <span class="failing">email failing</span>` : nothing}</div>
    </li>`;
  }

  override render() {
    const counts = this.counts;
    const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
    const active = this.filters.status ?? 'all';
    const todayStart = new Date(new Date().setHours(0, 0, 0, 0)).toISOString();
    const today = this.filters.created_after === todayStart && !this.filters.created_before;
    const header = html`<header class="top">
        <h1>${TITLES[this.view]}</h1>
        <nav aria-label="Console"><ul>
          <li><a href="#requests" aria-current=${this.view === 'requests' ? 'page' : 'false'}>Requests</a></li>
          <li><a href="#demos" aria-current=${this.view === 'demos' ? 'page' : 'false'}>Demos</a></li>
          <li><a href="#reports?period=last-month&by=week" aria-current=${this.view === 'reports' ? 'page' : 'false'}>Reports</a></li>
          <li><a href="#team" aria-current=${this.view === 'team' ? 'page' : 'false'}>Team</a></li>
          <li><a href="#routing" aria-current=${this.view === 'routing' ? 'page' : 'false'}>Routing</a></li>
        </ul></nav>
        <span class="who">${this.me ? html`Signed in as <strong>${this.me}</strong>` : nothing}</span>
        ${
          this.view === 'requests'
            ? html`<span class="exports"><a class="button" href=${api.exportUrl(this.filters)} download>Export CSV</a>
                <a class="button" href=${api.exportUrl(this.filters, true)} download>CSV for Excel</a></span>`
            : nothing
        }
      </header>`;
    const alert = this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing;
    if (this.view === 'team') return html`${header}<main>${alert}<team-page></team-page></main>`;
    if (this.view === 'routing') return html`${header}<main>${alert}<routing-page .team=${this.team}></routing-page></main>`;
    if (this.view === 'reports') return html`${header}<main>${alert}<reports-page .route=${this.hash}></reports-page></main>`;
    if (this.view === 'demos')
      return html`${header}<main>${alert}<demos-page .me=${this.me} .team=${this.team} .route=${this.hash}></demos-page></main>`;
    return html`
      ${header}
      <main class=${this.reading ? 'reading' : ''}>
        ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
        <section class="card insights" aria-label="Requests over time"><insights-chart .insights=${this.insights}></insights-chart></section>
        <section class="card" aria-label="Filters">
          <ul class="tabs" aria-label="Status">
            ${TABS.map(
              (tab) => html`<li><button type="button" aria-pressed=${active === tab ? 'true' : 'false'}
                @click=${() => this.setFilters({ status: tab === 'all' ? undefined : tab })}>
                ${tab === 'all' ? 'All' : STATUS_WORDS[tab]}<span class="count">${tab === 'all' ? (total ?? '') : (counts?.[tab] ?? '')}</span>
              </button></li>`,
            )}
          </ul>
          <div class="filters">
            <button type="button" class="chip" aria-pressed=${today ? 'true' : 'false'}
              @click=${() => this.setFilters({ created_after: today ? undefined : todayStart, created_before: undefined })}>Today’s new</button>
            <label>Sort <select @change=${(e: Event) => this.setFilters({ sort: (e.target as HTMLSelectElement).value === 'largest' ? 'largest' : undefined })}>
              <option value="" ?selected=${!this.filters.sort}>Newest first</option>
              <option value="largest" ?selected=${this.filters.sort === 'largest'}>Largest organization first</option>
            </select></label>
            <label class="search">Search <input type="search" placeholder="Organization, name or email" .value=${this.filters.q ?? ''}
              @input=${(e: Event) => {
                const q = (e.target as HTMLInputElement).value.trim();
                clearTimeout(this.searchTimer);
                this.searchTimer = setTimeout(() => this.setFilters({ q: q || undefined }), 250);
              }}></label>
            <label>From <input type="date" .value=${dateField(this.filters.created_after)} @change=${(e: Event) => {
              const v = (e.target as HTMLInputElement).value;
              this.setFilters({ created_after: v ? new Date(`${v}T00:00:00`).toISOString() : undefined });
            }}></label>
            <label>To <input type="date" .value=${dateField(this.filters.created_before)} @change=${(e: Event) => {
              const v = (e.target as HTMLInputElement).value;
              this.setFilters({ created_before: v ? new Date(`${v}T23:59:59.999`).toISOString() : undefined });
            }}></label>
            <label class="check"><input type="checkbox" .checked=${this.filters.webhook === 'failed'}
              @change=${(e: Event) => this.setFilters({ webhook: (e.target as HTMLInputElement).checked ? 'failed' : undefined })}> Webhook failing</label>
            <label class="check"><input type="checkbox" .checked=${this.filters.email_status === 'failed'}
              @change=${(e: Event) => this.setFilters({ email_status: (e.target as HTMLInputElement).checked ? 'failed' : undefined })}> Email failing</label>
            ${(['utm_source', 'utm_campaign'] as const).map((key) =>
              this.filters[key]
                ? html`<button type="button" class="chip" aria-label=${`Show every ${key === 'utm_source' ? 'source' : 'campaign'}`}
                    @click=${() => this.setFilters({ [key]: undefined })}>${key === 'utm_source' ? 'Source' : 'Campaign'}: ${this.filters[key]} ✕</button>`
                : nothing,
            )}
          </div>
          <bulk-actions .filters=${this.filters} .shown=${this.rows.length} @bulk-done=${() => void this.reload()}></bulk-actions>
        </section>
        <div class="work ${this.reading ? 'reading' : ''}">
          <section class="inbox" aria-label="Requests">
            ${
              this.rows.length
                ? html`<ul role="listbox" aria-label=${this.filters.sort === 'largest' ? 'Requests, largest organization first' : 'Requests, newest first'} @keydown=${this.keydown}>${this.rows.map((b, i) => this.renderRow(b, i))}</ul>`
                : html`<p class="card muted">${this.loading ? 'Loading…' : 'No requests match.'}</p>`
            }
            ${this.cursor ? html`<button type="button" class="more" ?disabled=${this.loading} @click=${this.more}>Load more</button>` : nothing}
            <p class="hint">Keys: j / k or ↑ / ↓ to move, Enter to open. The list looks for news every ${REFRESH_MS / 1000} s.</p>
            <p class="visually-hidden" role="status">${this.news}</p>
          </section>
          <booking-panel .booking=${this.selected} .team=${this.team}
            @booking-changed=${(e: CustomEvent<{ id: string }>) => this.changed(e.detail.id)}
            @panel-close=${this.backToList}></booking-panel>
        </div>
      </main>
    `;
  }
}
