/**
 * POST /api/bookings/:id/webhook/redeliver and …/email/resend, and
 * POST /api/bookings/webhook/redeliver-failed: a new delivery cycle for
 * failed webhooks or emails, with the same
 * task ids (a webhook keeps its webhook-id, so receivers de-duplicate) and a
 * fresh count of attempts.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { RULES } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import { inIdList } from '../db/id-list.js';
import { demoBookings, type NotificationTask, notificationTasks } from '../db/schema.js';
import { Problem } from '../http/problem.js';

/** The booking's column that marks a failed task of each kind. */
const failedMark = { webhook: 'webhook_failed_at', email: 'email_failed_at' } as const;

const refusal = {
  webhook: { detail: 'No webhook of this booking has failed; there is nothing to redeliver.', rule: RULES.webhook_not_failed },
  email: { detail: 'No email of this booking has failed; there is nothing to resend.', rule: RULES.email_not_failed },
} as const;

/**
 * Resets the failed tasks of one kind of the given bookings to pending and
 * clears those bookings' failed mark of that kind, in one batch. A task
 * another call restarted meanwhile is no longer failed, so it restarts once.
 *
 * @returns the tasks to enqueue.
 */
async function restart(db: Db, bookingIds: readonly string[], kind: NotificationTask['kind'], now: Date): Promise<NotificationTask[]> {
  const t = notificationTasks;
  const mark = failedMark[kind];
  const [tasks] = await db.batch([
    db
      .update(t)
      .set({ state: 'pending', attempts: 0, claim_id: null, next_attempt_at: now.toISOString(), completed_at: null })
      .where(and(inIdList(t.booking_id, bookingIds), eq(t.kind, kind), eq(t.state, 'failed')))
      .returning(),
    // Only a booking marked failed changes, so a refused call writes nothing.
    db
      .update(demoBookings)
      .set({ [mark]: null, updated_at: now.toISOString() })
      .where(and(inIdList(demoBookings.id, bookingIds), isNotNull(demoBookings[mark]))),
  ]);
  return tasks;
}

/**
 * A new delivery cycle for one booking's failed tasks of one kind.
 *
 * @returns the tasks to enqueue. Throws 409 when no task of that kind has failed.
 */
export async function restartFailed(db: Db, bookingId: string, kind: NotificationTask['kind'], now: Date): Promise<NotificationTask[]> {
  const tasks = await restart(db, [bookingId], kind, now);
  if (tasks.length === 0) throw new Problem(409, refusal[kind].detail, { rule: refusal[kind].rule });
  return tasks;
}

/** The most bookings one "redeliver every failed webhook" call restarts; the answer says when more are left. */
export const REDELIVER_ALL_PAGE = 200;

/**
 * A new delivery cycle for the failed webhooks of every booking marked
 * failing (oldest first, REDELIVER_ALL_PAGE at a time), from the failing
 * partial index.
 *
 * @returns the tasks to enqueue, and whether failing bookings are left.
 */
export async function restartAllFailedWebhooks(db: Db, now: Date): Promise<{ tasks: NotificationTask[]; more: boolean }> {
  const b = demoBookings;
  const failing = await db
    .select({ id: b.id })
    .from(b)
    .where(isNotNull(b.webhook_failed_at))
    .orderBy(b.created_at)
    .limit(REDELIVER_ALL_PAGE + 1);
  const ids = failing.slice(0, REDELIVER_ALL_PAGE).map((r) => r.id);
  return { tasks: ids.length ? await restart(db, ids, 'webhook', now) : [], more: failing.length > REDELIVER_ALL_PAGE };
}
