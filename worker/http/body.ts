/** Request bodies: the size limit every JSON route shares, and how a route declares its JSON body. */
import type { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { LIMITS } from '../../contract/limits.js';
import { Problem } from './problem.js';

/** 413 for a body over 32 KiB, counted while it is read (also for a chunked body without Content-Length). */
export const limitBody = bodyLimit({
  maxSize: LIMITS.bodyBytesMax,
  onError: () => {
    throw new Problem(413, `The request body must be at most ${LIMITS.bodyBytesMax / 1024} KiB.`);
  },
});

/** A route's JSON body: required, or optional (a body-less request then validates as `{}`). */
export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({ required, content: { 'application/json': { schema } } });
