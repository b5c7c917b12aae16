/**
 * The outbox sweeper: tasks still pending past their `sweep_after` were
 * never enqueued (the send failed) or never taken by a consumer; they are
 * sent to their queue again. A task waiting out a retry delay has its
 * `sweep_after` pushed past that delay by the consumer, so it is left alone.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../env.js';
import { notificationTasks } from '../db/schema.js';

/** How many tasks one sweep re-enqueues at most. */
export const SWEEP_BATCH = 100;

/** The sweep's query: due pending tasks, oldest due first. */
export function dueTasksQuery(db: Db, now: Date) {
  const t = notificationTasks;
  return db
    .select({ id: t.id, kind: t.kind })
    .from(t)
    .where(and(eq(t.state, 'pending'), lte(t.sweep_after, now.toISOString())))
    .orderBy(asc(t.sweep_after))
    .limit(SWEEP_BATCH);
}
