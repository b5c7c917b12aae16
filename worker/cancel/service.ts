/**
 * The requester cancels through the link in the email: from pending or
 * confirmed only, idempotently, with a `demo_booking.cancelled` webhook task
 * written in the same batch as the status change (the outbox).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../env.js';
import { demoBookings, type Booking, type NotificationTask } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { getBooking } from '../bookings/admin.js';
import { insertTaskIf, newTasks } from '../notify/outbox.js';

export type CancelOutcome =
  | { result: 'cancelled'; booking: Booking; tasks: NotificationTask[] }
  | { result: 'already_cancelled' | 'not_cancellable'; booking: Booking }
  | { result: 'not_found' };

const CANCELLABLE = ['pending', 'confirmed'] as const;

/**
 * Where a booking stands for its requester's cancel link. A redacted booking
 * is not found: nothing of the request is left to show.
 */
export function standing(found: Awaited<ReturnType<typeof getBooking>>): 'cancellable' | 'already_cancelled' | 'not_cancellable' | 'not_found' {
  if (!found || found.row.redacted_at) return 'not_found';
  if (found.row.status === 'cancelled') return 'already_cancelled';
  if (found.archived || !(CANCELLABLE as readonly string[]).includes(found.row.status)) return 'not_cancellable';
  return 'cancellable';
}

/** Cancels a booking on its requester's behalf. */
export async function cancelByRequester(db: Db, id: string, now: Date): Promise<CancelOutcome> {
  const found = await getBooking(db, id);
  const before = standing(found);
  if (before === 'not_found') return { result: 'not_found' };
  if (before !== 'cancellable') return { result: before, booking: found!.row };
  const at = now.toISOString();
  const tasks = newTasks(id, 'demo_booking.cancelled', now);
  const b = demoBookings;
  try {
    const [updated] = await db.batch([
      db
        .update(b)
        .set({ status: 'cancelled', updated_at: at })
        .where(and(eq(b.id, id), inArray(b.status, [...CANCELLABLE])))
        .returning(),
      ...tasks.map((task) => insertTaskIf(db, task, and(eq(b.id, id), eq(b.status, 'cancelled'), eq(b.updated_at, at)))),
    ]);
    if (updated[0]) return { result: 'cancelled', booking: updated[0], tasks };
  } catch (error) {
    // A concurrent cancel won the race and wrote the event first.
    if (!isUniqueViolation(error, 'notification_tasks')) throw error;
  }
  const after = (await getBooking(db, id))!;
  return { result: after.row.status === 'cancelled' ? 'already_cancelled' : 'not_cancellable', booking: after.row };
}
