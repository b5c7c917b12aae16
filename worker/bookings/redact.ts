/**
 * Erasure on request (GDPR art. 17) without deleting the row: the personal
 * fields are overwritten, the audit trail (id, status, dates, attribution)
 * stays, and the answers kept for Idempotency-Key replays are dropped.
 * Works on hot and archived bookings alike; repeating it changes nothing.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type Booking, demoBookings, demoBookingsArchive } from '../db/schema.js';
import { forgetBooking } from '../http/idempotency.js';
import type { Log } from '../log.js';
import { findBooking } from './repository.js';

export const REDACTED = '[redacted]';

/** What the personal fields become. The email stays unique per booking so no rule groups redacted rows. */
export const redactedFields = (id: string, at: string) => ({
  organization_name: REDACTED,
  contact_name: REDACTED,
  contact_email: `redacted+${id}@redacted.invalid`,
  contact_phone: null,
  message: null,
  ip_address: null,
  redacted_at: at,
  updated_at: at,
});

/** Redacts a booking; 404 when there is none. */
export async function redactBooking(db: Db, id: string, now: Date, log: Log): Promise<Booking> {
  const found = await findBooking(db, id);
  if (found.row.redacted_at) return found.row;
  const table = found.archived ? demoBookingsArchive : demoBookings;
  const [[redacted]] = await db.batch([
    db.update(table).set(redactedFields(id, now.toISOString())).where(eq(table.id, id)).returning(),
    forgetBooking(db, id),
  ]);
  log.info('booking_redacted', { booking_id: id, archived: found.archived });
  return redacted ?? (await findBooking(db, id)).row;
}
