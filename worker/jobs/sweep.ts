/**
 * The outbox sweeper (cron): a task still pending more than the grace period
 * after its next_attempt_at was never enqueued (the send failed) or its
 * message was lost; it is sent to the queue again. A task waiting out a
 * backoff delay has next_attempt_at in the future, so it is left alone.
 *
 * A crash can leave a backlog of thousands: the sweeper claims a page at a
 * time, in one statement whose bound parameters do not grow with the page
 * (D1 allows 100), and goes on until nothing is overdue or its time is spent.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { notificationTasks } from '../db/schema.js';
import type { Log } from '../log.js';
import { enqueueTasks, SWEEP_GRACE_MS, type TaskQueues } from '../notify/outbox.js';

/** How many tasks one page of a sweep claims. */
export const SWEEP_BATCH = 100;

/** How long one sweep goes on taking pages: well inside a cron invocation's limits, and before the next tick. */
export const SWEEP_BUDGET_MS = 25_000;

/**
 * Claims the most overdue page of pending tasks by giving each a fresh
 * next_attempt_at, so no other sweep takes them while their messages are on
 * the way. One conditional statement: a task a consumer settled meanwhile is
 * not taken.
 */
export function claimOverduePage(db: Db, now: Date) {
  const t = notificationTasks;
  const overdue = new Date(now.getTime() - SWEEP_GRACE_MS).toISOString();
  const isOverdue = and(eq(t.state, 'pending'), lte(t.next_attempt_at, overdue));
  const page = db.select({ id: t.id }).from(t).where(isOverdue).orderBy(asc(t.next_attempt_at)).limit(SWEEP_BATCH);
  return db
    .update(t)
    .set({ next_attempt_at: now.toISOString() })
    .where(and(inArray(t.id, page), isOverdue))
    .returning({ id: t.id, kind: t.kind });
}

/**
 * Re-enqueues overdue tasks, a page at a time, until none is left, a send
 * fails (its tasks are overdue again for the next sweep) or the budget is
 * spent.
 *
 * @returns how many tasks were enqueued.
 */
export async function sweepOutbox(queues: TaskQueues, db: Db, now: Date, log: Log): Promise<number> {
  const until = Date.now() + SWEEP_BUDGET_MS;
  let enqueued = 0;
  let pages = 0;
  for (;;) {
    const page = await claimOverduePage(db, now);
    if (page.length === 0) break;
    pages++;
    const sent = await enqueueTasks(queues, db, page, now, log);
    enqueued += sent;
    if (sent < page.length || page.length < SWEEP_BATCH || Date.now() >= until) break;
  }
  if (pages) log.info('outbox_swept', { pages, enqueued });
  return enqueued;
}
