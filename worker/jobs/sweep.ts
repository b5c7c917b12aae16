/**
 * The outbox sweeper (cron): a task still pending more than the grace period
 * after its next_attempt_at was never enqueued (the send failed) or its
 * message was lost; it is sent to the queue again. A task waiting out a
 * backoff delay has next_attempt_at in the future, so it is left alone.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { notificationTasks } from '../db/schema.js';
import type { Log } from '../log.js';
import { enqueueTasks, SWEEP_GRACE_MS, type TaskQueues } from '../notify/outbox.js';

/** How many tasks one sweep re-enqueues at most. */
export const SWEEP_BATCH = 100;

/** The sweep's query: pending tasks overdue by the grace period, most overdue first. */
export function dueTasksQuery(db: Db, now: Date) {
  const t = notificationTasks;
  const overdue = new Date(now.getTime() - SWEEP_GRACE_MS).toISOString();
  return db
    .select({ id: t.id, kind: t.kind })
    .from(t)
    .where(and(eq(t.state, 'pending'), lte(t.next_attempt_at, overdue)))
    .orderBy(asc(t.next_attempt_at))
    .limit(SWEEP_BATCH);
}

/**
 * Gives the candidates that are still pending and overdue a fresh
 * next_attempt_at, in one conditional statement, and says which it took.
 */
export function takeOverdue(db: Db, ids: string[], now: Date) {
  const t = notificationTasks;
  const overdue = new Date(now.getTime() - SWEEP_GRACE_MS).toISOString();
  return db
    .update(t)
    .set({ next_attempt_at: now.toISOString() })
    .where(and(inArray(t.id, ids), eq(t.state, 'pending'), lte(t.next_attempt_at, overdue)))
    .returning({ id: t.id, kind: t.kind });
}

/**
 * Re-enqueues overdue tasks. Each one is first given a fresh next_attempt_at,
 * so the next sweep does not send it again while its message is on the way;
 * a send that fails makes it overdue again.
 *
 * @returns how many tasks were enqueued.
 */
export async function sweepOutbox(queues: TaskQueues, db: Db, now: Date, log: Log): Promise<number> {
  const due = await dueTasksQuery(db, now);
  if (due.length === 0) return 0;
  await db
    .update(notificationTasks)
    .set({ next_attempt_at: now.toISOString() })
    .where(
      inArray(
        notificationTasks.id,
        due.map((t) => t.id),
      ),
    );
  const sent = await enqueueTasks(queues, db, due, now, log);
  log.info('outbox_swept', { due: due.length, enqueued: sent });
  return sent;
}
