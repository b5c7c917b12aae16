/** Work a response need not wait for, kept alive after it with waitUntil. */
import type { Context } from 'hono';

/**
 * Runs `work` after the response where the runtime allows it (waitUntil);
 * where there is no execution context (the app called directly in tests) the
 * caller awaits it instead, so nothing is ever dropped.
 *
 * @example afterResponse(c, enqueueTasks(...)); return c.json(body, 201);
 */
export function afterResponse(c: Context, work: Promise<unknown>): Promise<unknown> | undefined {
  try {
    c.executionCtx.waitUntil(work);
    return undefined;
  } catch {
    return work;
  }
}
