/**
 * The public booking route: a visitor's request for a demo. Declared once
 * (method, path, input, every response it can give) right before its
 * handler; the work is done by the services.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { sendAfterCommit } from '../http/after-commit.js';
import type { AppEnv } from '../http/app-env.js';
import { jsonBody, limitBody } from '../http/body.js';
import { idempotency, KEY_PATTERN } from '../http/idempotency.js';
import { anonymizeIp, perIpBrake } from '../http/ip.js';
import { bodyRefusals, defaultHook, json, PUBLIC_SECURITY, problem, retryAfter, serverError } from '../http/openapi.js';
import { Problem } from '../http/problem.js';
import { requireJson } from '../http/validate.js';
import { slotUnavailableSchema } from '../slots/schemas.js';
import { createdBookingSchema } from './answers.js';
import { bookSlot } from './book-slot.js';
import { createBooking } from './create.js';
import { createBookingSchema } from './requests.js';
import { spamReason } from './spam.js';
import { assertWorkEmail } from './work-email.js';

export const bookings = new OpenAPIHono<AppEnv>({ defaultHook });

/** Per-IP brake of booking, IPv6 by its /64. */
const limitPerIp = perIpBrake('create');

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
    409: {
      description:
        'slot_unavailable: no eligible rep is free at slot_start any more (with up to 5 `alternatives`); or idempotency_key_reused: the key came with another body, or a concurrent request holds it.',
      content: { 'application/problem+json': { schema: slotUnavailableSchema } },
    },
    429: problem('rate_limit_per_email, or the per-IP brake (rate_limit_per_ip).', retryAfter),
    ...serverError,
  },
});

bookings.openapi(create, async (c) => {
  const input = c.req.valid('json');
  const config = c.get('config');
  const log = c.get('log');
  const db = c.get('db');
  if (input.slot_start && input.preferred_date) throw bothTimes();
  if (config.REQUIRE_WORK_EMAIL) assertWorkEmail(input.contact_email ?? '');
  const now = new Date();
  const clientIp = c.req.header('cf-connecting-ip');
  const reason = await spamReason(input, { turnstileSecret: config.TURNSTILE_SECRET, ip: clientIp, log });
  if (reason) log.info('booking_caught_as_spam', { reason });
  const country = c.req.header('cf-ipcountry') ?? null;
  const opts = { now, spamReason: reason, ip: anonymizeIp(clientIp), idempotency: c.get('idempotency'), country };
  const slotStart = input.slot_start;
  const result = slotStart ? await bookSlot(db, config, { ...input, slot_start: slotStart }, opts) : await createBooking(db, input, opts);
  await sendAfterCommit(c, result.tasks, now);
  return c.json(result.booking, 201);
});

/** A booked time and a wished-for time in one request: which one is meant cannot be told. */
function bothTimes(): Problem {
  const message = 'Send slot_start (a time from POST /api/slots, booked at once) or preferred_date (a wish sales confirms), not both.';
  return new Problem(400, message, {
    rule: 'slot_or_preferred_date',
    errors: [{ path: 'slot_start', rule: 'slot_or_preferred_date', message }],
  });
}
