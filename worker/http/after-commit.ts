/**
 * The one policy for handing a change's notification tasks to the queues.
 * The tasks were committed with the change (the outbox), so the answer never
 * waits for the queues: the enqueue runs after the response (waitUntil), and
 * if it fails or is lost the sweeper sends the tasks within minutes.
 */
import type { Context } from 'hono';
import type { NotificationTask } from '../db/schema.js';
import { enqueueTasks } from '../notify/outbox.js';
import type { AppEnv } from './app-env.js';

/**
 * Enqueues the committed tasks after the response. Where there is no
 * execution context (the app called directly in tests) the caller awaits
 * the enqueue instead, so nothing is ever dropped.
 *
 * @example await sendAfterCommit(c, result.tasks, now); return c.json(body, 201);
 */
export function sendAfterCommit(
  c: Context<AppEnv>,
  tasks: Pick<NotificationTask, 'id' | 'kind'>[],
  now: Date,
): Promise<unknown> | undefined {
  const work = enqueueTasks(c.env, c.get('db'), tasks, now, c.get('log'));
  try {
    c.executionCtx.waitUntil(work);
    return undefined;
  } catch {
    return work;
  }
}
