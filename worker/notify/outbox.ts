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

/** What travels on the notifications queue: the task's row decides everything; `kind` only labels the message. */
export interface TaskMessage {
  task_id: string;
  kind: NotificationKind;
}

/** The most messages one sendBatch takes. */
const SEND_BATCH_MAX = 100;

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

/** The queue every task goes to. */
export interface TaskQueues {
  NOTIFY_QUEUE: Queue<TaskMessage>;
}

/** The message naming a task. */
export const taskMessage = (task: Pick<NotificationTask, 'id' | 'kind'>): TaskMessage => ({ task_id: task.id, kind: task.kind });

/**
 * Sends the tasks to the notifications queue in one sendBatch (one round
 * trip, however many tasks a change causes). A failed send is logged and its
 * tasks made due for the very next sweep; it never fails the caller, whose
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
  if (tasks.length === 0) return 0;
  // The queue takes at most 100 messages per sendBatch; the sweeper hands over up to its page.
  const failed: string[] = [];
  for (let i = 0; i < tasks.length; i += SEND_BATCH_MAX) {
    const chunk = tasks.slice(i, i + SEND_BATCH_MAX);
    try {
      await queues.NOTIFY_QUEUE.sendBatch(chunk.map((task) => ({ body: taskMessage(task), contentType: 'json' })));
    } catch (error) {
      log.error('enqueue_failed', { tasks: chunk.length, error: String(error) });
      failed.push(...chunk.map((task) => task.id));
    }
  }
  if (failed.length) {
    await db
      .update(notificationTasks)
      .set({ next_attempt_at: new Date(now.getTime() - SWEEP_GRACE_MS).toISOString() })
      .where(inArray(notificationTasks.id, failed))
      .catch((error: unknown) => log.error('outbox_mark_failed', { error: String(error) }));
  }
  return tasks.length - failed.length;
}
