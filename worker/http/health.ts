/** GET /api/health: liveness. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';
import { defaultHook, json, PUBLIC_SECURITY, serverError } from './openapi.js';

export const health = new OpenAPIHono<AppEnv>({ defaultHook });

const route = createRoute({
  method: 'get',
  path: '/',
  operationId: 'health',
  summary: 'Liveness',
  tags: ['public'],
  security: PUBLIC_SECURITY,
  responses: {
    200: json('Up.', z.object({ status: z.literal('ok') }).openapi('Health')),
    ...serverError,
    503: json(
      'Deployed without what it needs; each problem names its variable.',
      z.object({ status: z.literal('misconfigured'), problems: z.array(z.string()) }).openapi('Misconfigured'),
    ),
  },
});

health.openapi(route, (c) => c.json({ status: 'ok' as const }, 200));
