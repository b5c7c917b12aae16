/** How a stored booking reads in the admin API, the webhook and the export. */
import type { ClickIds, EmailState, FirstTouch, WebhookState } from '../../contract/limits.js';
import type { ArchivedBooking, Booking } from '../db/schema.js';

/** Columns that are bookkeeping, not part of the booking as anyone reads it. */
type Internal = 'webhook_failed_at' | 'email_failed_at' | 'last_event_id' | 'contact_mailbox' | 'click_ids' | 'first_touch';

export type BookingView = Omit<Booking, Internal> & {
  webhook_status: WebhookState;
  email_status: EmailState;
  click_ids: ClickIds | null;
  first_touch: FirstTouch | null;
  archived_at?: string | null;
};

/**
 * Where the sales webhook stands for a booking. `webhook_failed_at` is set in
 * the same batch as any webhook task of the booking failing, and cleared only
 * by the redelivery that resets those tasks, so it says "a failed task not
 * redelivered", whatever succeeded later.
 */
export function webhookStatus(
  row: Pick<Booking, 'webhook_delivered_at' | 'webhook_failed_at' | 'status' | 'redacted_at' | 'spam_reason'>,
): WebhookState {
  if (row.webhook_failed_at) return 'failed';
  if (row.webhook_delivered_at) return 'delivered';
  return neverAnnounced(row) ? 'none' : 'pending';
}

/**
 * Where the prospect's emails stand for a booking: `email_failed_at` is set
 * in the same batch as any email task of the booking failing, and cleared
 * only by the resend that resets those tasks.
 */
export function emailStatus(
  row: Pick<Booking, 'confirmation_sent_at' | 'email_failed_at' | 'status' | 'redacted_at' | 'spam_reason'>,
): EmailState {
  if (row.email_failed_at) return 'failed';
  if (row.confirmation_sent_at) return 'sent';
  return neverAnnounced(row) ? 'none' : 'pending';
}

/** A booking nobody is told of (no webhook, no email): still spam, cancelled as spam, or erased before it went out. */
const neverAnnounced = (row: Pick<Booking, 'status' | 'redacted_at' | 'spam_reason'>) =>
  row.status === 'spam' || row.redacted_at !== null || (row.spam_reason !== null && row.status === 'cancelled');

/** A JSON column, read back (written by this worker from validated input). */
const json = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

/** The admin API's representation of a row, hot or archived. */
export function toView(row: Booking | ArchivedBooking): BookingView {
  const {
    webhook_failed_at: _failed,
    email_failed_at: _emailFailed,
    last_event_id: _last,
    contact_mailbox: _mailbox,
    click_ids,
    first_touch,
    ...rest
  } = row;
  return {
    ...rest,
    click_ids: json<ClickIds>(click_ids),
    first_touch: json<FirstTouch>(first_touch),
    webhook_status: webhookStatus(row),
    email_status: emailStatus(row),
  };
}
