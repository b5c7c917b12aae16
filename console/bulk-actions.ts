/**
 * `<bulk-actions>`: the inbox's actions on many bookings at once, each behind
 * one confirmation: "Redeliver every failing webhook" (shown while the list
 * shows failing webhooks) and "Erase everything about <email>" (shown while
 * the search is an email address).
 *
 * @fires bulk-done - bookings changed: the list reads them again
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError, api, type Filters } from './api.js';
import { base, dialogs } from './console.styles.js';

type Action = 'redeliver' | 'erase';

/** The most calls one action makes (each takes up to 200 bookings). */
const CALLS_MAX = 50;

const isEmail = (q: string | undefined): q is string => !!q && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(q);

@customElement('bulk-actions')
export class BulkActions extends LitElement {
  static override styles = [base, dialogs, css`dialog h2 { font-size: 1.1rem; margin: 0; }`];

  @property({ attribute: false }) filters: Filters = {};
  /** How many rows the list shows (the failing ones when the filter is on). */
  @property({ type: Number }) shown = 0;
  @state() private action: Action | null = null;
  @state() private busy = false;
  @state() private error = '';
  /** What the last action did, in words (a status line). */
  @state() private done = '';
  @query('dialog') private dialog?: HTMLDialogElement;
  private opener: HTMLElement | null = null;

  override updated() {
    if (this.action && this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  private open(action: Action, event: Event) {
    this.opener = event.currentTarget as HTMLElement;
    this.error = '';
    this.action = action;
  }

  private close() {
    this.dialog?.close();
  }

  private async run(event: SubmitEvent) {
    event.preventDefault();
    const action = this.action;
    const email = this.filters.q;
    if (!action || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      let count = 0;
      for (let call = 0, more = true; more && call < CALLS_MAX; call++) {
        if (action === 'redeliver') {
          const r = await api.redeliverFailed();
          count += r.redelivering;
          more = r.more;
        } else if (isEmail(email)) {
          const r = await api.erasePerson(email);
          count += r.booking_ids.length;
          more = r.more;
        } else more = false;
      }
      this.done =
        action === 'redeliver'
          ? `${count} webhook${count === 1 ? '' : 's'} sent again: each leaves the failing list once it is delivered.`
          : `${count} booking${count === 1 ? '' : 's'} of ${email} erased.`;
      this.close();
      this.dispatchEvent(new CustomEvent('bulk-done', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : 'The action could not be sent. Check your connection and try again.';
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const failing = this.filters.webhook === 'failed' && this.shown > 0;
    const email = isEmail(this.filters.q) ? this.filters.q : null;
    return html`
      ${failing ? html`<button type="button" @click=${(e: Event) => this.open('redeliver', e)}>Redeliver every failing webhook</button>` : nothing}
      ${email ? html`<button type="button" class="danger" @click=${(e: Event) => this.open('erase', e)}>Erase everything about ${email}</button>` : nothing}
      <p role="status" class="hint">${this.done}</p>
      ${
        this.action
          ? html`<dialog aria-labelledby="bulk-title" @close=${() => {
              this.action = null;
              this.opener?.focus();
            }}>
              <form @submit=${this.run}>
                <h2 id="bulk-title">${this.action === 'redeliver' ? 'Redeliver every failing webhook' : `Erase everything about ${email}`}</h2>
                <p>${
                  this.action === 'redeliver'
                    ? 'Every webhook that failed after all its retries is sent again to the sales endpoint, with its same webhook-id, so a receiver that already has it ignores it.'
                    : `The name, email, phone, message and address of every booking of ${email} (its +tags and the archive included) are overwritten for good. The bookings and their history stay.`
                }</p>
                ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
                <div class="buttons">
                  <button type="button" @click=${this.close}>Back</button>
                  <button type="submit" class=${this.action === 'erase' ? 'danger' : 'primary'} ?disabled=${this.busy}>
                    ${this.action === 'redeliver' ? 'Redeliver all' : 'Erase all'}</button>
                </div>
              </form>
            </dialog>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bulk-actions': BulkActions;
  }
}
