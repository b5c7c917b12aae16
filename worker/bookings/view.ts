/** How a stored booking reads in the admin API, the webhook and the export. */
import type { ClickIds, EmailState, FirstTouch, WebhookState } from '../../contract/limits.js';
import type { ArchivedBooking, Booking } from '../db/schema.js';

/** Columns that are bookkeeping, not part of the booking as anyone reads it. */
type Internal =
  | 'webhook_failed_at'
  | 'email_failed_at'
  | 'last_event_id'
  | 'contact_mailbox'
  | 'blocked_until'
  | 'click_ids'
  | 'first_touch';

export type BookingView = Omit<Booking, Internal> & {
  webhook_status: WebhookState;
  email_status: EmailState;
  click_ids: ClickIds | null;
  first_touch: FirstTouch | null;
  archived_at?: string | null;
};

/**
 * Where one channel's delivery stands for a booking, from its failed mark
 * (set in the same batch as any task of that channel failing, cleared only
 * by the redelivery or resend that resets those tasks, so it says "a failed
 * task not sent again", whatever succeeded later) and its done mark (the
 * created event's delivery): `failed`, else `done`, else `none` for a booking
 * nobody is told of, else `pending`.
 */
function deliveryState<Done extends string>(
  failedAt: string | null,
  doneAt: string | null,
  done: Done,
  row: Pick<Booking, 'status' | 'redacted_at' | 'spam_reason'>,
): 'failed' | Done | 'none' | 'pending' {
  if (failedAt) return 'failed';
  if (doneAt) return done;
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
    blocked_until: _blocked,
    click_ids,
    first_touch,
    ...rest
  } = row;
  return {
    ...rest,
    click_ids: json<ClickIds>(click_ids),
    first_touch: json<FirstTouch>(first_touch),
    webhook_status: deliveryState(row.webhook_failed_at, row.webhook_delivered_at, 'delivered', row),
    email_status: deliveryState(row.email_failed_at, row.confirmation_sent_at, 'sent', row),
  };
}
