/**
 * GET /api/health: liveness, and whether every active rep's calendars are
 * fresh. A stale feed makes its rep unavailable, so the team offers fewer
 * times: `degraded`, naming the reps by id (never a feed's address).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { defaultHook, json, PUBLIC_SECURITY, serverError } from '../http/openapi.js';
import { staleReps } from '../team/service.js';

export const health = new OpenAPIHono<AppEnv>({ defaultHook });

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'health',
  summary: 'Liveness',
  tags: ['public'],
  security: PUBLIC_SECURITY,
  responses: {
    200: json(
      'Up; `degraded` when a rep has a calendar with no successful sync for STALE_FEED_MINUTES (that rep is offered to nobody).',
      z
        .object({
          status: z.enum(['ok', 'degraded']),
          stale_reps: z.array(z.uuid()).optional().meta({ description: 'The reps (ids) whose calendars are stale.' }),
        })
        .openapi('Health'),
    ),
    ...serverError,
    503: json(
      'Deployed without what it needs; each problem names its variable.',
      z.object({ status: z.literal('misconfigured'), problems: z.array(z.string()) }).openapi('Misconfigured'),
    ),
  },
});

health.openapi(route, async (c) => {
  const stale = await staleReps(c.get('db'), new Date(), c.get('config').STALE_FEED_MINUTES);
  return c.json(stale.length ? { status: 'degraded' as const, stale_reps: stale } : { status: 'ok' as const }, 200);
});
