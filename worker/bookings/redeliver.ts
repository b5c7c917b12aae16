/**
 * POST /api/bookings/:id/webhook/redeliver: a new delivery cycle for a
 * booking's failed webhook tasks, with the same webhook-id (receivers
 * de-duplicate on it) and a fresh count of attempts.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { demoBookings, type NotificationTask, notificationTasks } from '../db/schema.js';
import { Problem } from '../http/problem.js';

/**
 * Resets the booking's failed webhook tasks to pending and clears the
 * booking's failed mark, in one batch.
 *
 * @returns the tasks to enqueue. Throws 409 when no webhook of the booking has failed.
 */
export async function restartWebhook(db: Db, bookingId: string, now: Date): Promise<NotificationTask[]> {
  const t = notificationTasks;
  const failed = and(eq(t.booking_id, bookingId), eq(t.kind, 'webhook'), eq(t.state, 'failed'));
  const [tasks] = await db.batch([
    db
      .update(t)
      .set({ state: 'pending', attempts: 0, claim_id: null, next_attempt_at: now.toISOString(), completed_at: null })
      .where(failed)
      .returning(),
    // Only a booking marked failed changes, so a refused call writes nothing.
    db
      .update(demoBookings)
      .set({ webhook_failed_at: null, updated_at: now.toISOString() })
      .where(and(eq(demoBookings.id, bookingId), isNotNull(demoBookings.webhook_failed_at))),
  ]);
  if (tasks.length === 0)
    throw new Problem(409, 'No webhook of this booking has failed; there is nothing to redeliver.', { rule: 'webhook_not_failed' });
  return tasks;
}
