/**
 * The transactional outbox. A notification task is a row written in the same
 * batch as the change that causes it; the queue message only names the row.
 * If the enqueue after the commit fails, or no consumer takes the message,
 * the sweeper finds the row still pending well past its `next_attempt_at`
 * and enqueues it again. Consumers act on the row, so a second message never
 * sends twice.
 */
import { inArray, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { EventType, NotificationKind } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { demoBookings, type NotificationTask, notificationTasks } from '../db/schema.js';
import { selectedValues } from '../db/values.js';
import type { Log } from '../log.js';

/** What travels on the email and webhook queues. */
export interface TaskMessage {
  task_id: string;
}

/** How long a task may sit past its next_attempt_at before the sweeper enqueues it again. */
export const SWEEP_GRACE_MS = 5 * 60_000;

/**
 * The tasks an event causes, one per channel it goes out on.
 *
 * @example newTasks({ bookingId, eventType: 'demo_booking.confirmed', eventId, kinds: ['email', 'webhook'], now })
 */
export function newTasks(t: {
  bookingId: string;
  eventType: EventType;
  /** The history entry that caused the tasks. */
  eventId: string;
  kinds: readonly NotificationKind[];
  now: Date;
  payload?: Record<string, unknown>;
}): NotificationTask[] {
  const { now, payload = {} } = t;
  return t.kinds.map((kind) => ({
    id: uuidv7({ msecs: now.getTime() }),
    booking_id: t.bookingId,
    event_id: t.eventId,
    kind,
    event_type: t.eventType,
    payload: JSON.stringify(payload),
    state: 'pending',
    attempts: 0,
    claim_id: null,
    next_attempt_at: now.toISOString(),
    last_error: null,
    created_at: now.toISOString(),
    completed_at: null,
  }));
}

/**
 * Inserts a task only if `condition` holds on its booking row when the
 * statement runs: put after the booking's update in one batch, the task
 * exists exactly when the update happened.
 */
export function insertTaskIf(db: Db, task: NotificationTask, condition: SQL | undefined) {
  const row = db.select(selectedValues(notificationTasks, task)).from(demoBookings).where(condition);
  return db.insert(notificationTasks).select(row);
}

/** The queues a task can go to. */
export interface TaskQueues {
  EMAIL_QUEUE: Queue;
  WEBHOOK_QUEUE: Queue;
}

/**
 * Sends one message per task to its queue. A failed send is logged and its
 * task made due for the very next sweep; it never fails the caller, whose
 * change is already committed.
 *
 * @returns how many tasks were enqueued.
 */
export async function enqueueTasks(
  queues: TaskQueues,
  db: Db,
  tasks: Pick<NotificationTask, 'id' | 'kind'>[],
  now: Date,
  log: Log,
): Promise<number> {
  const failed: string[] = [];
  await Promise.all(
    tasks.map(async (task) => {
      const queue = task.kind === 'email' ? queues.EMAIL_QUEUE : queues.WEBHOOK_QUEUE;
      try {
        await queue.send({ task_id: task.id } satisfies TaskMessage, { contentType: 'json' });
      } catch (error) {
        log.error('enqueue_failed', { task_id: task.id, kind: task.kind, error: String(error) });
        failed.push(task.id);
      }
    }),
  );
  if (failed.length) {
    await db
      .update(notificationTasks)
      .set({ next_attempt_at: new Date(now.getTime() - SWEEP_GRACE_MS).toISOString() })
      .where(inArray(notificationTasks.id, failed))
      .catch((error: unknown) => log.error('outbox_mark_failed', { error: String(error) }));
  }
  return tasks.length - failed.length;
}
