/**
 * POST /api/routing/dry-run (SPEC 8.5), admin only: where a would-be booking
 * goes and why, with no side effect. It runs the decision a slot booking runs
 * (decide.ts), on the rows a booking of that slot reads, so it answers
 * exactly what the booking then does; `rules` tries an edit not saved yet.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { adminRoute } from '../http/admin-route.js';
import type { AppEnv } from '../http/app-env.js';
import { jsonBody, limitBody } from '../http/body.js';
import { bodyRefusals, defaultHook, json } from '../http/openapi.js';
import { requireJson } from '../http/validate.js';
import { dryRunAnswerSchema, dryRunRequestSchema } from '../routing/schemas.js';
import { repRef } from '../routing/service.js';
import { decideFor } from './decide.js';

export const dryRunRoutes = new OpenAPIHono<AppEnv>({ defaultHook });

const dryRun = adminRoute({
  method: 'post',
  path: '/',
  operationId: 'routingDryRun',
  summary: 'Where a would-be booking goes and why, with no side effect',
  middleware: [limitBody, requireJson] as const,
  request: { body: jsonBody(dryRunRequestSchema) },
  responses: { 200: json('The decision, step by step.', dryRunAnswerSchema), ...bodyRefusals },
});

dryRunRoutes.openapi(dryRun, async (c) => {
  const body = c.req.valid('json');
  const now = new Date();
  const start = body.slot_start ? Date.parse(body.slot_start) : null;
  const { rules: tryRules, ...fields } = body;
  const decision = await decideFor(c.get('db'), c.get('config'), now, { ...fields, country: fields.country ?? null }, start, tryRules);
  const pick = decision.order[0]?.rep ?? null;
  return c.json(
    {
      rule: decision.rule,
      eligible_reps: decision.eligible.map((e) => repRef(e.rep)),
      owner: decision.owner ? repRef(decision.owner) : null,
      pick: pick ? repRef(pick) : null,
      why: decision.why,
    },
    200,
  );
});
