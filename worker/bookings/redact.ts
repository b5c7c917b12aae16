/**
 * Erasure on request (GDPR art. 17) without deleting the row: the personal
 * fields are overwritten, the audit trail (id, status, dates, attribution)
 * stays, and the answers kept for Idempotency-Key replays are dropped.
 * Works on hot and archived bookings alike; repeating it changes nothing.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../env.js';
import { demoBookings, demoBookingsArchive, idempotencyKeys } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { getBooking } from './admin.js';
import type { BookingView } from './view.js';

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
export async function redactBooking(db: Db, id: string, now: Date): Promise<BookingView> {
  const found = await getBooking(db, id);
  if (!found) throw new Problem(404, 'No booking has this id.');
  if (found.row.redacted_at) return found.view;
  const table = found.archived ? demoBookingsArchive : demoBookings;
  await db.batch([
    db.update(table).set(redactedFields(id, now.toISOString())).where(eq(table.id, id)),
    db.delete(idempotencyKeys).where(eq(idempotencyKeys.booking_id, id)),
  ]);
  console.log(JSON.stringify({ event: 'booking_redacted', booking_id: id, archived: found.archived }));
  return (await getBooking(db, id))!.view;
}
