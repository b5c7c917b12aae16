/**
 * POST /api/slots (SPEC 8.3): the times a visitor may book, answered from D1
 * alone. Public like the create (CORS, body limit, its own per-IP brake).
 * `contact_email` is read for routing only: never stored, never logged.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { SLOT_LIMITS } from '../../contract/slots.js';
import { addDays, instantOfLocal, localDate } from '../../contract/zone.js';
import type { AppEnv } from '../http/app-env.js';
import { jsonBody, limitBody } from '../http/body.js';
import { perIpBrake } from '../http/ip.js';
import { bodyRefusals, defaultHook, json, PUBLIC_SECURITY, problem, retryAfter, serverError } from '../http/openapi.js';
import { requireJson } from '../http/validate.js';
import { slotsAnswerSchema, slotsRequestSchema } from './schemas.js';
import { asSlots, offeredStarts, startsOf, teamTime } from './service.js';

export const slots = new OpenAPIHono<AppEnv>({ defaultHook });

const offer = createRoute({
  method: 'post',
  path: '/',
  operationId: 'listSlots',
  summary: 'The times a visitor may book, in their days',
  tags: ['public'],
  security: PUBLIC_SECURITY,
  middleware: [limitBody, requireJson, perIpBrake('slots')] as const,
  request: { body: jsonBody(slotsRequestSchema) },
  responses: {
    200: json('The slots (UTC, sorted), or mode preferred_time when the team has no active rep.', slotsAnswerSchema),
    ...bodyRefusals,
    429: problem('The per-IP brake (rate_limit_per_ip).', retryAfter),
    ...serverError,
  },
});

slots.openapi(offer, async (c) => {
  const body = c.req.valid('json');
  const config = c.get('config');
  const now = new Date();
  const first = body.from ?? localDate(now.getTime(), body.time_zone);
  const from = instantOfLocal(first, 0, body.time_zone);
  const to = instantOfLocal(addDays(first, body.days ?? SLOT_LIMITS.daysDefault), 0, body.time_zone);
  const ask = { ...body, country: c.req.header('cf-ipcountry') ?? null };
  const team = await teamTime(c.get('db'), config, now, { from, to, ask });
  // The account's owner, when eligible and free in the window, is offered alone: the company keeps its rep.
  const ownersTimes = startsOf(team, team.routing.owner?.id, from, to);
  return c.json(
    {
      mode: team.activeCount > 0 ? ('slots' as const) : ('preferred_time' as const),
      time_zone: body.time_zone,
      duration_minutes: config.DEMO_DURATION_MINUTES,
      slots: asSlots(ownersTimes.length ? ownersTimes : offeredStarts(team, from, to), team.rules),
    },
    200,
  );
});
