/**
 * The routing API (SPEC 8.5), admin only: the ordered rules in force (GET,
 * PUT: each save a new version with its actor), the versions saved (to see
 * and undo a bad edit). The dry run (POST /api/routing/dry-run) runs the
 * slots' decision and lives with it (slots/dry-run.ts). Declared once;
 * /openapi.json comes from here.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf } from '../http/admin-auth.js';
import { adminRoute } from '../http/admin-route.js';
import type { AppEnv } from '../http/app-env.js';
import { jsonBody, limitBody } from '../http/body.js';
import { bodyRefusals, defaultHook, json, problem } from '../http/openapi.js';
import { refuseNamelessQuery, requireJson } from '../http/validate.js';
import { routingHistorySchema, routingSchema } from './schemas.js';
import { currentRules, routingHistory, saveRules } from './service.js';

export const routing = new OpenAPIHono<AppEnv>({ defaultHook });

const read = adminRoute({
  method: 'get',
  path: '/',
  operationId: 'getRouting',
  summary: 'The routing rules in force, in order (the first match wins; no match: every active rep)',
  middleware: [refuseNamelessQuery] as const,
  request: { query: z.strictObject({}) },
  responses: { 200: json('The rules.', routingSchema), 400: problem('An unknown query parameter.') },
});

routing.openapi(read, async (c) => c.json({ rules: await currentRules(c.get('db')) }, 200));

const save = adminRoute({
  method: 'put',
  path: '/',
  operationId: 'putRouting',
  summary: 'Replace the routing rules (recorded as a new version with its actor; the previous one stays readable)',
  middleware: [limitBody, requireJson] as const,
  request: { body: jsonBody(routingSchema) },
  responses: {
    200: json('The rules now in force.', routingSchema),
    ...bodyRefusals,
  },
});

routing.openapi(save, async (c) => {
  const { rules } = c.req.valid('json');
  return c.json({ rules: await saveRules(c.get('db'), rules, actorOf(c), new Date()) }, 200);
});

const history = adminRoute({
  method: 'get',
  path: '/history',
  operationId: 'getRoutingHistory',
  summary: 'The saved versions of the rules, newest first (the last 50): who saved what, when',
  middleware: [refuseNamelessQuery] as const,
  request: { query: z.strictObject({}) },
  responses: { 200: json('The versions.', routingHistorySchema), 400: problem('An unknown query parameter.') },
});

routing.openapi(history, async (c) => c.json({ data: await routingHistory(c.get('db')) }, 200));
