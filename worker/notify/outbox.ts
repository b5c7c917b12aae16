/**
 * The transactional outbox. A notification task is a row written in the same
 * batch as the change that causes it; the queue message only names the row.
 * If the enqueue after the commit fails, or no consumer takes the message,
 * the sweeper finds the row still pending well past its `next_attempt_at`
 * and enqueues it again. Consumers act on the row, so a second message never
 * sends twice.
 */
import type { SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type EventType, NOTIFICATION_KINDS, type NotificationKind } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { inIdList } from '../db/id-list.js';
import { demoBookings, type NotificationTask, notificationTasks } from '../db/schema.js';
import { selectedValues } from '../db/values.js';
import type { Log } from '../log.js';

/** What travels on a notifications queue: the task's row decides everything; `kind` only labels the message. */
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

/**
 * One queue per kind of task, each with its own consumer: a hanging email
 * service holds up only emails, and a slow sales endpoint only webhooks (on
 * one shared queue, a batch lasts as long as its slowest send and the next
 * batch waits for it).
 */
export interface TaskQueues {
  EMAIL_QUEUE: Queue<TaskMessage>;
  WEBHOOK_QUEUE: Queue<TaskMessage>;
}

const QUEUE_OF: Record<NotificationKind, keyof TaskQueues> = { email: 'EMAIL_QUEUE', webhook: 'WEBHOOK_QUEUE' };

/** The message naming a task. */
export const taskMessage = (task: Pick<NotificationTask, 'id' | 'kind'>): TaskMessage => ({ task_id: task.id, kind: task.kind });

/**
 * Sends the tasks to their kind's queue, one sendBatch per queue and chunk of
 * 100, the queues in parallel (one round trip for a change's tasks). A failed
 * send is logged and its tasks made due for the very next sweep; it never
 * fails the caller, whose change is already committed.
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
  const chunks: { queue: Queue<TaskMessage>; chunk: Pick<NotificationTask, 'id' | 'kind'>[] }[] = [];
  for (const kind of NOTIFICATION_KINDS) {
    const ofKind = tasks.filter((task) => task.kind === kind);
    // A sendBatch takes at most 100 messages; the sweeper hands over up to its page.
    for (let i = 0; i < ofKind.length; i += SEND_BATCH_MAX)
      chunks.push({ queue: queues[QUEUE_OF[kind]], chunk: ofKind.slice(i, i + SEND_BATCH_MAX) });
  }
  const results = await Promise.all(
    chunks.map(async ({ queue, chunk }) => {
      try {
        await queue.sendBatch(chunk.map((task) => ({ body: taskMessage(task), contentType: 'json' })));
        return [];
      } catch (error) {
        log.error('enqueue_failed', { tasks: chunk.length, error: String(error) });
        return chunk.map((task) => task.id);
      }
    }),
  );
  const failed = results.flat();
  if (failed.length) {
    await db
      .update(notificationTasks)
      .set({ next_attempt_at: new Date(now.getTime() - SWEEP_GRACE_MS).toISOString() })
      .where(inIdList(notificationTasks.id, failed))
      .catch((error: unknown) => log.error('outbox_mark_failed', { error: String(error) }));
  }
  return tasks.length - failed.length;
}
