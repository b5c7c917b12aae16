/**
 * <booking-panel>: one booking as sales works it: every field, the
 * attribution, the notifications, the history with who did what, and only
 * the moves its status allows, as buttons named for them.
 *
 * @fires booking-changed - a change applied (detail: { id })
 * @fires panel-close - the rep asked to go back to the list (phone width)
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { TRANSITIONS } from '../contract/lifecycle.js';
import { type BookingStatus, LIMITS } from '../contract/limits.js';
import { ApiError, api, type BookingDetail, type HistoryEntry, type SalesRep } from './api.js';
import { base, dialogs } from './console.styles.js';
import { fromLocalInput, ownZone, repNameOf, STATUS_WORDS, toLocalInput, when } from './format.js';

declare global {
  interface HTMLElementTagNameMap {
    'booking-panel': BookingPanel;
  }
}

type Dialog = 'confirm' | 'reschedule' | 'reassign' | 'cancel' | 'redact' | 'completed' | 'no_show';

/** The button of each move a status allows. */
const MOVE_LABELS: Partial<Record<BookingStatus, string>> = {
  confirmed: 'Confirm',
  completed: 'Complete',
  no_show: 'No-show',
  cancelled: 'Cancel',
  pending: 'Not spam',
};

const HISTORY_WORDS: Record<string, string> = {
  created: 'Requested',
  confirmed: 'Confirmed',
  rescheduled: 'Rescheduled',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'Marked no-show',
  spam_rescued: 'Rescued from spam',
  updated: 'Updated',
  redacted: 'Personal data erased',
  archived: 'Archived',
  reassigned: 'Given to another rep',
  outcome_undone: 'Outcome undone',
  note: 'Note',
};

const UNDO_MS = LIMITS.outcomeUndoMinutes * 60_000;

/** The outcome the console may still undo: the booking's latest entry, a completed or no-show of the last minutes. */
function undoableOutcome(b: BookingDetail): HistoryEntry | null {
  const last = b.events.at(-1);
  if (!last || b.archived_at || (last.type !== 'completed' && last.type !== 'no_show') || last.to_status !== b.status) return null;
  return Date.now() - Date.parse(last.at) < UNDO_MS ? last : null;
}

function describe(e: HistoryEntry): string {
  const d = e.details as {
    preferred_date?: { to: string | null };
    reason?: string;
    spam_reason?: string;
    meeting_url?: { to: string | null };
    note?: string;
  };
  const parts: string[] = [];
  if (d.preferred_date?.to && (e.type === 'created' || e.type === 'confirmed' || e.type === 'rescheduled' || e.type === 'updated'))
    parts.push(`for ${when(d.preferred_date.to)}`);
  if (d.meeting_url?.to) parts.push('with a meeting link');
  if (d.reason) parts.push(`— “${d.reason}”`);
  if (d.spam_reason) parts.push(`(spam check: ${d.spam_reason})`);
  if (d.note) parts.push(`“${d.note}”`);
  return parts.join(' ');
}

@customElement('booking-panel')
export class BookingPanel extends LitElement {
  static override styles = [
    base,
    dialogs,
    css`
      :host { display: block; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; min-width: 0; }
      header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
      h2 { margin: 0; font-size: 1.3rem; overflow-wrap: anywhere; }
      .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .75rem 0; }
      p.hint { font-size: .85rem; color: var(--muted); margin: -.25rem 0 .5rem; }
      p.undo { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .75rem; margin: 0 0 .75rem; }
      p.undo .hint { font-size: .85rem; color: var(--muted); }
      form.note { display: grid; gap: .4rem; justify-items: start; margin-top: 1.25rem; }
      form.note label { display: grid; gap: .25rem; font-weight: 600; width: 100%; }
      form.note textarea { width: 100%; box-sizing: border-box; }
      form.note .hint { font-weight: 400; font-size: .85rem; color: var(--muted); }
      section { margin-top: 1.25rem; }
      h3 { font-size: 1rem; margin: 0 0 .5rem; }
      dl { display: grid; grid-template-columns: minmax(0, 11rem) minmax(0, 1fr); gap: .3rem 1rem; margin: 0; }
      dt { color: var(--muted); }
      dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
      @media (max-width: 560px) { dl { grid-template-columns: minmax(0, 1fr); } dd { margin-bottom: .4rem; } }
      ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 2px solid var(--line); display: grid; gap: .6rem; }
      ol.timeline li { position: relative; }
      ol.timeline li::before { content: ''; position: absolute; left: -1.4rem; top: .45rem; width: .6rem; height: .6rem; border-radius: 50%; background: var(--accent); }
      table { border-collapse: collapse; width: 100%; font-size: .9rem; }
      th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
      td:last-child { overflow-wrap: anywhere; }
      .table-wrap { overflow-x: auto; }
      .back { display: none; }
      .permalink { font-size: .85rem; color: var(--accent); }
      @media (max-width: 900px) { .back { display: inline-block; } }
    `,
  ];

  /** The booking, as GET /api/bookings/:id answers. */
  @property({ attribute: false }) booking: BookingDetail | null = null;
  /** The team (active reps and former ones): who has a demo, and who may take it. */
  @property({ attribute: false }) team: SalesRep[] = [];
  /** The words of the phone-width button back to the list. */
  @property() back = '← Requests';

  @state() private dialog: Dialog | null = null;
  @state() private error = '';
  @state() private busy = false;
  /** The date field's value as typed so far ('' while a part of it is half typed). */
  @state() private dialogTime = '';
  /** The value the date field opens with: bound once, so a half-typed value is never written back over it. */
  private openingTime = '';
  @state() private typed = '';
  private undoExpiry: ReturnType<typeof setTimeout> | undefined;
  /** What had focus when a dialog opened: it gets it back when the dialog closes. */
  private opener: HTMLElement | null = null;
  /** A change was applied: focus is placed once the changed booking has rendered. */
  private focusAfterChange = false;

  @query('dialog') private dialogElement?: HTMLDialogElement;

  override updated(changed: Map<string, unknown>) {
    if (changed.has('booking') && this.focusAfterChange) {
      this.focusAfterChange = false;
      this.refocus(true);
    }
    const d = this.dialogElement;
    if (this.dialog && d && !d.open) {
      d.showModal();
      d.querySelector<HTMLElement>('input, select, textarea')?.focus();
    }
  }

  private repName(id: string | null) {
    return id ? repNameOf(this.team, id) : null;
  }

  private open(dialog: Dialog) {
    const b = this.booking;
    if (!b) return;
    this.error = '';
    this.typed = '';
    this.dialogTime = toLocalInput(b.preferred_date ? new Date(b.preferred_date) : new Date(Date.now() + 86_400_000));
    this.openingTime = this.dialogTime;
    this.opener = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.dialog = dialog;
  }

  /**
   * Focus after a dialog: back to the button that opened it, or, when a change
   * took that button away (a confirmed demo has no Confirm), to the booking's title.
   */
  private refocus(afterChange = false) {
    void this.updateComplete.then(() => {
      // After a change the buttons are the new status's (the opener's element may now be another button).
      const target = !afterChange && this.opener?.isConnected ? this.opener : this.renderRoot.querySelector<HTMLElement>('#booking-title');
      target?.focus();
    });
  }

  private close() {
    this.dialogElement?.close();
    this.dialog = null;
  }

  /** Leaves the dialog without a change: its refusal goes with it. */
  private dismiss() {
    this.error = '';
    this.close();
  }

  /** A refusal in the words of the dialog it answers: a taken time names the rep and what to do instead. */
  private refusal(error: ApiError): string {
    if (error.rule !== 'slot_unavailable') return error.message;
    if (this.dialog === 'reassign') {
      const chosen = this.renderRoot.querySelector<HTMLSelectElement>('select[name="rep"]')?.value ?? null;
      return `${this.repName(chosen)} has another demo at that time (buffers included). Choose another rep, or move the demo first.`;
    }
    return `${this.repName(this.booking?.assigned_rep_id ?? null)} has another demo at that time (buffers included). Choose another time, or give the demo to another rep.`;
  }

  /** Runs a change; on success tells the console, on refusal shows it in words (and refreshes after a 409). */
  private async run(change: () => Promise<unknown>) {
    const b = this.booking;
    if (!b || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await change();
      this.focusAfterChange = true;
      this.close();
      this.dispatchEvent(new CustomEvent('booking-changed', { detail: { id: b.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof ApiError ? this.refusal(error) : 'The change could not be sent. Check your connection and try again.';
      // A taken time keeps the dialog open: the rep chooses another time or rep. Else the booking may have moved: refresh it.
      if (error instanceof ApiError && error.rule !== 'slot_unavailable' && (error.status === 409 || error.status === 404)) {
        this.close();
        this.dispatchEvent(new CustomEvent('booking-changed', { detail: { id: b.id }, bubbles: true, composed: true }));
      }
    } finally {
      this.busy = false;
    }
  }

  private async addNote(event: SubmitEvent) {
    event.preventDefault();
    const b = this.booking;
    const form = event.target as HTMLFormElement;
    const text = String(new FormData(form).get('note') ?? '').trim();
    if (!b || !text || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await api.addNote(b.id, text);
      form.reset();
      this.dispatchEvent(new CustomEvent('booking-changed', { detail: { id: b.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof ApiError ? this.refusal(error) : 'The note could not be sent. Check your connection and try again.';
    } finally {
      this.busy = false;
    }
  }

  private move(to: BookingStatus) {
    if (to === 'confirmed') return this.open('confirm');
    if (to === 'cancelled') return this.open('cancel');
    // An outcome is final: asked first.
    if (to === 'completed' || to === 'no_show') return this.open(to);
    const b = this.booking;
    if (b) void this.run(() => api.patch(b.id, { status: to }));
  }

  private submitDialog(event: SubmitEvent) {
    event.preventDefault();
    const b = this.booking;
    const form = event.target as HTMLFormElement;
    if (!b) return;
    const data = new FormData(form);
    if (this.dialog === 'confirm' || this.dialog === 'reschedule') {
      const at = fromLocalInput(String(data.get('time') ?? ''));
      if (!at) {
        this.error = 'Choose a date and time.';
        return;
      }
      const link = String(data.get('meeting_url') ?? '').trim();
      const body: Record<string, unknown> = { preferred_date: at.toISOString(), ...(link ? { meeting_url: link } : {}) };
      if (this.dialog === 'confirm') body.status = 'confirmed';
      return void this.run(() => api.patch(b.id, body));
    }
    if (this.dialog === 'reassign') {
      const rep = String(data.get('rep') ?? '');
      if (!rep) {
        this.error = 'Choose the rep who takes the demo.';
        return;
      }
      return void this.run(() => api.patch(b.id, { assigned_rep_id: rep }));
    }
    if (this.dialog === 'cancel') return void this.run(() => api.cancel(b.id, String(data.get('reason') ?? '').trim()));
    if (this.dialog === 'completed' || this.dialog === 'no_show') {
      const status = this.dialog;
      return void this.run(() => api.patch(b.id, { status }));
    }
    if (this.dialog === 'redact') return void this.run(() => api.redact(b.id));
  }

  private renderDialog(b: BookingDetail) {
    if (!this.dialog) return nothing;
    const prospectZone = b.timezone ?? 'UTC';
    const at = fromLocalInput(this.dialogTime);
    const titles: Record<Dialog, string> = {
      confirm: 'Confirm the demo',
      reschedule: b.slot_end ? 'Move the demo' : 'Reschedule the demo',
      reassign: 'Give to another rep',
      completed: 'Mark as completed',
      no_show: 'Mark as no-show',
      cancel: 'Cancel the demo',
      redact: 'Erase personal data',
    };
    const scheduling = this.dialog === 'confirm' || this.dialog === 'reschedule';
    const confirmWord = b.organization_name;
    return html`<dialog aria-labelledby="dialog-title" @close=${() => {
      this.dialog = null;
      // Left without a change (Escape, Back): focus goes back now; after a change, once the booking has rendered.
      if (!this.focusAfterChange) this.refocus();
    }} @cancel=${() => (this.error = '')}>
      <form @submit=${this.submitDialog}>
        <h3 id="dialog-title">${titles[this.dialog]}</h3>
        ${
          scheduling
            ? html`<label>Date and time <span class="hint">(your time zone, ${ownZone()})</span>
                <input type="datetime-local" name="time" required .value=${this.openingTime}
                  @input=${(e: Event) => (this.dialogTime = (e.target as HTMLInputElement).value)}>
              </label>
              <p class="hint" aria-live="polite">For ${b.contact_name}: ${at ? when(at.toISOString(), prospectZone) : '—'} (${prospectZone})</p>
              <label>Meeting link <span class="hint">(optional, https)</span>
                <input type="url" name="meeting_url" inputmode="url" placeholder="https://" .value=${b.meeting_url ?? ''}>
              </label>`
            : nothing
        }
        ${
          scheduling && b.slot_end
            ? html`<p class="hint">It stays with ${this.repName(b.assigned_rep_id)}; a time when they have another demo (buffers included) is refused.
                Both sides get the updated invitation.</p>`
            : nothing
        }
        ${this.dialog === 'reassign' ? this.renderReassign(b) : nothing}
        ${
          this.dialog === 'completed' || this.dialog === 'no_show'
            ? html`<p>The demo with ${b.contact_name} of ${b.organization_name} on ${when(b.preferred_date)}
                ${this.dialog === 'completed' ? 'took place' : 'was missed by the prospect'}. It is sent to the sales tools; you can undo it
                for ${LIMITS.outcomeUndoMinutes} minutes.</p>`
            : nothing
        }
        ${
          this.dialog === 'cancel'
            ? html`<label>Reason <span class="hint">(optional; kept in the history)</span><textarea name="reason" rows="3" maxlength="500"></textarea></label>`
            : nothing
        }
        ${
          this.dialog === 'redact'
            ? html`<p>This overwrites the contact's name, email, phone, message and address for good. The booking and its history stay.</p>
              <label>Type <strong>${confirmWord}</strong> to confirm
                <input name="typed" autocomplete="off" .value=${this.typed} @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)}>
              </label>`
            : nothing
        }
        ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
        <div class="buttons">
          <button type="button" @click=${this.dismiss}>Back</button>
          <button type="submit" class=${this.dialog === 'redact' ? 'danger' : 'primary'}
            ?disabled=${this.busy || (this.dialog === 'redact' && this.typed.trim() !== confirmWord)}>
            ${titles[this.dialog]}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  private renderReassign(b: BookingDetail) {
    const others = this.team.filter((r) => r.active && r.id !== b.assigned_rep_id);
    if (!others.length) return html`<p>No other active rep: add one on the Team page first.</p>`;
    return html`<label>Rep <span class="hint">(now ${this.repName(b.assigned_rep_id)})</span>
        <select name="rep" required>
          <option value="">Choose a rep…</option>
          ${others.map((r) => html`<option value=${r.id}>${r.name} (${r.time_zone})</option>`)}
        </select>
      </label>
      <p class="hint">Same time, ${when(b.preferred_date)}. A rep with another demo then (buffers included) is refused. The prospect and
        the new rep get the invitation; ${this.repName(b.assigned_rep_id)} gets its withdrawal.</p>`;
  }

  override render() {
    const b = this.booking;
    if (!b) return html`<p class="muted">Choose a request to see it here.</p>`;
    // An erased booking can still be cancelled (its demo must not stay on the calendar); an outcome is offered
    // only once the demo has begun.
    const begun = !!b.preferred_date && Date.parse(b.preferred_date) <= Date.now();
    const undoable = undoableOutcome(b);
    // The Undo goes when its time is up.
    clearTimeout(this.undoExpiry);
    if (undoable) this.undoExpiry = setTimeout(() => this.requestUpdate(), Date.parse(undoable.at) + UNDO_MS - Date.now());
    const moves = b.archived_at
      ? []
      : TRANSITIONS[b.status].filter(
          (to) => (!b.redacted_at || to === 'cancelled') && ((to !== 'completed' && to !== 'no_show') || b.status !== 'confirmed' || begun),
        );
    const facts: [string, string | TemplateResult | null][] = [
      ['Contact', b.contact_name],
      ['Email', b.redacted_at ? b.contact_email : html`<a href=${`mailto:${b.contact_email}`}>${b.contact_email}</a>`],
      ['Phone', b.contact_phone ? html`<a href=${`tel:${b.contact_phone.replace(/[^\d+]/g, '')}`}>${b.contact_phone}</a>` : null],
      ['Organization size', b.organization_size],
      // A booked slot is the demo's time, with its rep; a request has a preferred time.
      [b.slot_end ? 'Booked demo (yours)' : 'Preferred time (yours)', when(b.preferred_date)],
      ['With', this.repName(b.assigned_rep_id)],
      [
        `${b.slot_end ? 'Booked demo' : 'Preferred time'} (theirs, ${b.timezone ?? 'unknown zone'})`,
        b.preferred_date && b.timezone ? when(b.preferred_date, b.timezone) : null,
      ],
      [
        'Meeting link',
        b.meeting_url?.startsWith('https://')
          ? html`<a href=${b.meeting_url} target="_blank" rel="noopener noreferrer">${b.meeting_url}</a>`
          : b.meeting_url,
      ],
      ['Message', b.message],
      ['Requested', when(b.created_at)],
      ['Last change', when(b.updated_at)],
      ['Organization id', b.organization_id],
      ['Spam check', b.spam_reason],
      ['Language', b.locale],
      ['Consent', b.consent_text ? `“${b.consent_text}” — ${when(b.consent_at)}${b.privacy_url ? ` (${b.privacy_url})` : ''}` : null],
    ];
    const ids = (clicks: unknown) =>
      clicks && typeof clicks === 'object'
        ? Object.entries(clicks)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join('\n') || null
        : null;
    const first = b.first_touch;
    const firstTouch = first
      ? [first.utm_source, first.utm_medium, first.utm_campaign].filter(Boolean).join(' / ') ||
        (first.click_ids ? Object.keys(first.click_ids).join(', ') : '')
      : '';
    const attribution: [string, string | null][] = [
      ['Page', b.source_url],
      ['Landing page', b.landing_page],
      ['Referrer', b.referrer],
      ['Source', b.utm_source],
      ['Medium', b.utm_medium],
      ['Campaign', b.utm_campaign],
      ['Term', b.utm_term],
      ['Content', b.utm_content],
      ['Ad click ids', ids(b.click_ids)],
      ['First touch', first ? `${firstTouch || '—'} (${when(first.at)})` : null],
      ['Network', b.ip_address],
    ];
    const shown = (rows: [string, string | TemplateResult | null][]) =>
      rows.filter((r) => r[1]).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`);
    return html`
      <header>
        <button type="button" class="back" @click=${() => this.dispatchEvent(new CustomEvent('panel-close', { bubbles: true, composed: true }))}>${this.back}</button>
        <h2 id="booking-title">${b.organization_name}</h2>
        <span class="badge s-${b.status}">${STATUS_WORDS[b.status]}</span>
        <a class="permalink" href=${`#booking/${b.id}`}>Link to this booking</a>
      </header>
      ${this.error && !this.dialog ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <div class="actions" role="group" aria-label="Actions">
        ${moves.map((to) => html`<button type="button" class=${to === 'confirmed' ? 'primary' : ''} ?disabled=${this.busy} @click=${() => this.move(to)}>${MOVE_LABELS[to]}</button>`)}
        ${b.status === 'confirmed' && !b.archived_at && !b.redacted_at ? html`<button type="button" @click=${() => this.open('reschedule')}>${b.slot_end ? 'Move' : 'Reschedule'}</button>` : nothing}
        ${
          b.status === 'confirmed' && b.slot_end && !b.archived_at && !b.redacted_at
            ? html`<button type="button" @click=${() => this.open('reassign')}>Give to another rep</button>`
            : nothing
        }
        ${b.webhook_status === 'failed' && !b.archived_at ? html`<button type="button" @click=${() => this.run(() => api.redeliver(b.id))}>Redeliver webhook</button>` : nothing}
        ${b.email_status === 'failed' && !b.archived_at ? html`<button type="button" @click=${() => this.run(() => api.resendEmail(b.id))}>Resend email</button>` : nothing}
        ${b.redacted_at ? nothing : html`<button type="button" class="danger" @click=${() => this.open('redact')}>Redact</button>`}
      </div>
      ${
        undoable
          ? html`<p class="undo">${HISTORY_WORDS[undoable.type]} by ${undoable.actor} at ${when(undoable.at)}.
              <button type="button" ?disabled=${this.busy} @click=${() => this.run(() => api.undoOutcome(b.id))}>Undo</button>
              <span class="hint">(until ${when(new Date(Date.parse(undoable.at) + UNDO_MS).toISOString())}; recorded in the history)</span></p>`
          : nothing
      }
      ${
        b.status === 'confirmed' && !begun && !b.archived_at
          ? html`<p class="hint">Complete and No-show are offered from the demo’s start, ${when(b.preferred_date)}.</p>`
          : nothing
      }
      <section aria-labelledby="facts"><h3 id="facts">Request</h3><dl>${shown(facts)}</dl></section>
      <section aria-labelledby="attribution"><h3 id="attribution">Attribution</h3>
        ${shown(attribution).length ? html`<dl>${shown(attribution)}</dl>` : html`<p class="muted">Nothing was captured.</p>`}</section>
      ${
        b.archived_at || b.redacted_at
          ? nothing
          : html`<form class="note" @submit=${this.addNote}>
              <label>Add a note <span class="hint">(the team sees who wrote it; it is in the history and the CSV)</span>
                <textarea name="note" rows="2" maxlength=${LIMITS.noteMax} required></textarea></label>
              <button type="submit" ?disabled=${this.busy}>Add note</button>
            </form>`
      }
      <section aria-labelledby="history"><h3 id="history">History</h3>
        <ol class="timeline">
          ${b.events.map(
            (
              e,
            ) => html`<li><strong>${e.type === 'created' && e.to_status === 'confirmed' ? 'Booked' : (HISTORY_WORDS[e.type] ?? e.type)}</strong> ${describe(e)}<br>
              <span class="muted">by ${e.actor}, ${when(e.at)}</span></li>`,
          )}
        </ol>
      </section>
      <section aria-labelledby="notifications"><h3 id="notifications">Notifications</h3>
        <div class="table-wrap"><table>
          <thead><tr><th scope="col">What</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last error</th></tr></thead>
          <tbody>${b.notifications.map(
            (n) =>
              html`<tr><td>${n.kind}${n.recipient === 'rep' ? ' to the rep' : ''} · ${n.event_type.replace('demo_booking.', '')}</td><td>${n.state}</td><td>${n.attempts}</td><td>${n.last_error ?? ''}</td></tr>`,
          )}</tbody>
        </table></div>
      </section>
      ${this.renderDialog(b)}
    `;
  }
}
