/**
 * POST /api/bookings/:id/webhook/redeliver and …/email/resend: a new
 * delivery cycle for a booking's failed webhooks or emails, with the same
 * task ids (a webhook keeps its webhook-id, so receivers de-duplicate) and a
 * fresh count of attempts.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { RULES } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import { demoBookings, type NotificationTask, notificationTasks } from '../db/schema.js';
import { Problem } from '../http/problem.js';

/** The booking's column that marks a failed task of each kind. */
const failedMark = { webhook: 'webhook_failed_at', email: 'email_failed_at' } as const;

const refusal = {
  webhook: { detail: 'No webhook of this booking has failed; there is nothing to redeliver.', rule: RULES.webhook_not_failed },
  email: { detail: 'No email of this booking has failed; there is nothing to resend.', rule: RULES.email_not_failed },
} as const;

/**
 * Resets the booking's failed tasks of one kind to pending and clears the
 * booking's failed mark of that kind, in one batch.
 *
 * @returns the tasks to enqueue. Throws 409 when no task of that kind has failed.
 */
export async function restartFailed(db: Db, bookingId: string, kind: NotificationTask['kind'], now: Date): Promise<NotificationTask[]> {
  const t = notificationTasks;
  const failed = and(eq(t.booking_id, bookingId), eq(t.kind, kind), eq(t.state, 'failed'));
  const mark = failedMark[kind];
  const [tasks] = await db.batch([
    db
      .update(t)
      .set({ state: 'pending', attempts: 0, claim_id: null, next_attempt_at: now.toISOString(), completed_at: null })
      .where(failed)
      .returning(),
    // Only a booking marked failed changes, so a refused call writes nothing.
    db
      .update(demoBookings)
      .set({ [mark]: null, updated_at: now.toISOString() })
      .where(and(eq(demoBookings.id, bookingId), isNotNull(demoBookings[mark]))),
  ]);
  if (tasks.length === 0) throw new Problem(409, refusal[kind].detail, { rule: refusal[kind].rule });
  return tasks;
}
