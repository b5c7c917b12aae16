/**
 * The public booking route: a visitor's request for a demo. Declared once
 * (method, path, input, every response it can give) right before its
 * handler; the work is done by the services.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { EN_RULES } from '../../contract/words/en.js';
import { sendAfterCommit } from '../http/after-commit.js';
import type { AppEnv } from '../http/app-env.js';
import { jsonBody, limitBody } from '../http/body.js';
import { idempotency, KEY_PATTERN } from '../http/idempotency.js';
import { bodyRefusals, defaultHook, json, PUBLIC_SECURITY, problem, retryAfter, serverError } from '../http/openapi.js';
import { Problem } from '../http/problem.js';
import { requireJson } from '../http/validate.js';
import { createdBookingSchema } from './answers.js';
import { createBooking } from './create.js';
import { anonymizeIp, rateLimitKey } from './ip.js';
import { createBookingSchema } from './requests.js';
import { spamReason } from './spam.js';
import { assertWorkEmail } from './work-email.js';

export const bookings = new OpenAPIHono<AppEnv>({ defaultHook });

/** Per-IP brake (Workers Rate Limiting: approximate, per location), IPv6 by its /64. The address is only a key here, never stored. */
const limitPerIp = createMiddleware<AppEnv>(async (c, next) => {
  const { success } = await c.env.RL.limit({ key: `create:${rateLimitKey(c.req.header('cf-connecting-ip'))}` });
  if (!success)
    throw new Problem(429, EN_RULES.rate_limit_per_ip, {
      rule: 'rate_limit_per_ip',
      headers: { 'retry-after': '60' },
    });
  await next();
});

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createBooking',
  summary: 'Request a demo',
  tags: ['public'],
  security: PUBLIC_SECURITY,
  middleware: [limitBody, requireJson, limitPerIp, idempotency()] as const,
  // The key is read and checked by the idempotency middleware (idempotency_key_format), not by a second validator.
  parameters: [
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'The same key and body within 24 h get the first answer again.',
      schema: { type: 'string', pattern: KEY_PATTERN },
    },
  ],
  request: { body: jsonBody(createBookingSchema) },
  responses: {
    201: {
      ...json('Stored; the confirmation email and the sales webhook follow.', createdBookingSchema),
      headers: {
        'Idempotent-Replayed': {
          description: '`true` when this is the first answer to the Idempotency-Key again.',
          schema: { type: 'string' },
        },
      },
    },
    ...bodyRefusals,
    409: problem('idempotency_key_reused: the key came with another body, or a concurrent request holds it.'),
    429: problem('rate_limit_per_email, or the per-IP brake (rate_limit_per_ip).', retryAfter),
    ...serverError,
  },
});

bookings.openapi(create, async (c) => {
  const input = c.req.valid('json');
  const config = c.get('config');
  const log = c.get('log');
  const db = c.get('db');
  if (config.REQUIRE_WORK_EMAIL) assertWorkEmail(input.contact_email ?? '');
  const now = new Date();
  const clientIp = c.req.header('cf-connecting-ip');
  const reason = await spamReason(input, { turnstileSecret: config.TURNSTILE_SECRET, ip: clientIp, log });
  if (reason) log.info('booking_caught_as_spam', { reason });
  const result = await createBooking(db, input, {
    now,
    spamReason: reason,
    ip: anonymizeIp(clientIp),
    idempotency: c.get('idempotency'),
  });
  await sendAfterCommit(c, result.tasks, now);
  return c.json(result.booking, 201);
});
