/** Request bodies: the size limit every JSON route shares, and how a route declares its JSON body. */
import type { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { LIMITS } from '../../contract/limits.js';
import { Problem } from './problem.js';
import { isJson } from './validate.js';

/** 413 for a body over 32 KiB, counted while it is read (also for a chunked body without Content-Length). */
export const limitBody = bodyLimit({
  maxSize: LIMITS.bodyBytesMax,
  onError: () => {
    throw new Problem(413, `The request body must be at most ${LIMITS.bodyBytesMax / 1024} KiB.`);
  },
});

/**
 * For a route whose JSON body is optional: an empty body means "no body",
 * whatever its Content-Type says (many HTTP clients send
 * `Content-Type: application/json` on every request), instead of malformed
 * JSON. Put after limitBody, which counts what is read here.
 */
export const emptyBodyIsNone = createMiddleware(async (c, next) => {
  // Hono caches each body reading as a promise (its type names the value), and parses JSON from the cached text.
  // Without a JSON Content-Type there is nothing to do: the route then reads no body at all.
  if (isJson(c.req.header('content-type')) && (await c.req.text()).trim() === '')
    Object.assign(c.req.bodyCache, { text: Promise.resolve('{}') });
  await next();
});

/** A route's JSON body: required, or optional (a body-less request then validates as `{}`; give the route emptyBodyIsNone). */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({ required, content: { 'application/json': { schema } } });
