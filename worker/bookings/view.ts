/** How a stored booking reads in the admin API. */
import type { WebhookState } from '../../contract/limits.js';
import type { ArchivedBooking, Booking } from '../db/schema.js';

export type BookingView = Omit<Booking, 'webhook_failed_at' | 'last_event_id'> & { webhook_status: WebhookState; archived_at?: string };

/** Where the sales webhook stands for a booking. */
export function webhookStatus(row: Pick<Booking, 'webhook_delivered_at' | 'webhook_failed_at'>): WebhookState {
  if (row.webhook_delivered_at) return 'delivered';
  return row.webhook_failed_at ? 'failed' : 'pending';
}

/** The admin API's representation of a row, hot or archived. */
export function toView(row: Booking | ArchivedBooking): BookingView {
  const { webhook_failed_at: _failed, last_event_id: _last, ...rest } = row;
  return { ...rest, webhook_status: webhookStatus(row) };
}
