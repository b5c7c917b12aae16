/**
 * Bookings over HTTP: the public create and the admin API. Each route is
 * declared once (method, path, input, every response it can give) right
 * before its handler; the work is done by the services.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { LIMITS } from '../../contract/limits.js';
import { actorOf, requireAdmin } from '../http/admin-auth.js';
import type { AppEnv } from '../http/app-env.js';
import { idempotency, KEY_PATTERN } from '../http/idempotency.js';
import { ADMIN_SECURITY, defaultHook, json, PUBLIC_SECURITY, problem, retryAfter, serverError, unauthorized } from '../http/openapi.js';
import { Problem } from '../http/problem.js';
import { requireJson } from '../http/validate.js';
import { enqueueTasks } from '../notify/outbox.js';
import { createBooking } from './create.js';
import { eventsOf } from './history.js';
import { anonymizeIp } from './ip.js';
import { redactBooking } from './redact.js';
import { restartWebhook } from './redeliver.js';
import { findBooking, getChangeableBooking, listBookings, notificationsOf } from './repository.js';
import {
  bookingDetailSchema,
  bookingPageSchema,
  bookingSchema,
  cancelBookingSchema,
  createBookingSchema,
  createdBookingSchema,
  idParams,
  listQuerySchema,
  patchBookingSchema,
} from './schema.js';
import { spamReason } from './spam.js';
import { updateBooking } from './update.js';
import { toView } from './view.js';

export const bookings = new OpenAPIHono<AppEnv>({ defaultHook });

const limitBody = bodyLimit({
  maxSize: LIMITS.bodyBytesMax,
  onError: () => {
    throw new Problem(413, `The request body must be at most ${LIMITS.bodyBytesMax / 1024} KiB.`);
  },
});

/** Per-IP brake (Workers Rate Limiting: approximate, per location). The address is only a key here, never stored. */
const limitPerIp = createMiddleware<AppEnv>(async (c, next) => {
  const ip = c.req.header('cf-connecting-ip') ?? 'unknown';
  const { success } = await c.env.RL.limit({ key: `create:${ip}` });
  if (!success)
    throw new Problem(429, 'Too many requests from this network; please try again in a minute.', {
      rule: 'rate_limit_per_ip',
      headers: { 'retry-after': '60' },
    });
  await next();
});

const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const bodyRefusals = {
  400: problem('Malformed JSON, or fields this request does not take.'),
  413: problem(`Body over ${LIMITS.bodyBytesMax / 1024} KiB.`),
  415: problem('Not JSON.'),
  422: problem('A value was refused; errors[] names each field and rule.'),
};
const notFound = { 404: problem('No booking has this id.') };

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createBooking',
  summary: 'Request a demo',
  tags: ['public'],
  security: PUBLIC_SECURITY,
  middleware: [limitBody, requireJson, limitPerIp, idempotency()] as const,
  request: {
    headers: z.object({
      'idempotency-key': z
        .string()
        .regex(new RegExp(KEY_PATTERN))
        .optional()
        .meta({ description: 'The same key and body within 24 h get the first answer again.' }),
    }),
    body: jsonBody(createBookingSchema),
  },
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
  const now = new Date();
  const clientIp = c.req.header('cf-connecting-ip');
  const reason = await spamReason(input, { turnstileSecret: c.var.config.TURNSTILE_SECRET, ip: clientIp, log: c.var.log });
  if (reason) c.var.log.info('booking_caught_as_spam', { reason });
  const result = await createBooking(c.var.db, input, {
    now,
    spamReason: reason,
    ip: anonymizeIp(clientIp),
    idempotency: c.var.idempotency,
  });
  await enqueueTasks(c.env, c.var.db, result.tasks, now, c.var.log);
  return c.json(result.booking, 201);
});

const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listBookings',
  summary: 'List bookings, newest first',
  tags: ['admin'],
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  request: { query: listQuerySchema },
  responses: {
    200: json('A page of bookings.', bookingPageSchema),
    400: problem('A filter or the cursor was refused.'),
    ...unauthorized,
    ...serverError,
  },
});

bookings.openapi(list, async (c) => c.json(await listBookings(c.var.db, c.req.valid('query')), 200));

const read = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getBooking',
  summary: 'One booking (hot or archived), with its notifications',
  tags: ['admin'],
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  request: { params: idParams },
  responses: { 200: json('The booking.', bookingDetailSchema), ...unauthorized, ...notFound, ...serverError },
});

bookings.openapi(read, async (c) => {
  const { id } = c.req.valid('param');
  const found = await findBooking(c.var.db, id);
  const [notifications, events] = await Promise.all([notificationsOf(c.var.db, id), eventsOf(c.var.db, id)]);
  return c.json({ ...toView(found.row), notifications, events }, 200);
});

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateBooking',
  summary: 'Change status, organization_id or preferred_date',
  tags: ['admin'],
  security: ADMIN_SECURITY,
  middleware: [requireAdmin, limitBody, requireJson] as const,
  request: { params: idParams, body: jsonBody(patchBookingSchema) },
  responses: {
    200: json('The booking after the change (unchanged when nothing differs).', bookingSchema),
    ...bodyRefusals,
    ...unauthorized,
    ...notFound,
    409: problem('valid_status_transition (also when the booking changed meanwhile), or archived_booking_immutable.'),
    ...serverError,
  },
});

bookings.openapi(patch, async (c) => {
  const now = new Date();
  const { booking, tasks } = await updateBooking(c.var.db, c.req.valid('param').id, c.req.valid('json'), { now, actor: actorOf(c) });
  await enqueueTasks(c.env, c.var.db, tasks, now, c.var.log);
  return c.json(toView(booking), 200);
});

const cancel = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  operationId: 'cancelBooking',
  summary: 'Cancel',
  tags: ['admin'],
  security: ADMIN_SECURITY,
  middleware: [requireAdmin, limitBody] as const,
  request: {
    params: idParams,
    body: { required: false, content: { 'application/json': { schema: cancelBookingSchema } } },
  },
  responses: {
    200: json('Cancelled (or already was).', bookingSchema),
    400: problem('Malformed JSON, or fields this request does not take.'),
    413: problem(`Body over ${LIMITS.bodyBytesMax / 1024} KiB.`),
    415: problem('A body that is not JSON.'),
    422: problem('A value was refused.'),
    ...unauthorized,
    ...notFound,
    409: problem('Not cancellable from its status (valid_status_transition), or archived.'),
    ...serverError,
  },
});

bookings.openapi(cancel, async (c) => {
  const now = new Date();
  const { reason } = c.req.valid('json');
  const by = { now, actor: actorOf(c) };
  const { booking, tasks } = await updateBooking(c.var.db, c.req.valid('param').id, { status: 'cancelled', reason }, by);
  await enqueueTasks(c.env, c.var.db, tasks, now, c.var.log);
  return c.json(toView(booking), 200);
});

const redeliver = createRoute({
  method: 'post',
  path: '/{id}/webhook/redeliver',
  operationId: 'redeliverWebhook',
  summary: 'A new delivery cycle for a failed sales webhook (same webhook-id)',
  tags: ['admin'],
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  request: { params: idParams },
  responses: {
    202: json(
      'Enqueued.',
      z.object({ id: z.uuid(), redelivering: z.array(z.object({ webhook_id: z.uuid(), event_type: z.string() })) }).openapi('Redelivery'),
    ),
    ...unauthorized,
    ...notFound,
    409: problem('webhook_not_failed, or archived_booking_immutable.'),
    ...serverError,
  },
});

bookings.openapi(redeliver, async (c) => {
  const { id } = c.req.valid('param');
  await getChangeableBooking(c.var.db, id);
  const now = new Date();
  const tasks = await restartWebhook(c.var.db, id, now);
  await enqueueTasks(c.env, c.var.db, tasks, now, c.var.log);
  return c.json({ id, redelivering: tasks.map((t) => ({ webhook_id: t.id, event_type: t.event_type })) }, 202);
});

const redact = createRoute({
  method: 'post',
  path: '/{id}/redact',
  operationId: 'redactBooking',
  summary: 'Erase the personal fields (GDPR art. 17); the row and its audit trail stay',
  tags: ['admin'],
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  request: { params: idParams },
  responses: { 200: json('The booking after erasure.', bookingSchema), ...unauthorized, ...notFound, ...serverError },
});

bookings.openapi(redact, async (c) => {
  const booking = await redactBooking(c.var.db, c.req.valid('param').id, { now: new Date(), actor: actorOf(c), log: c.var.log });
  return c.json(toView(booking), 200);
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteBooking',
  summary: 'Never allowed (no_delete_of_bookings): cancel instead',
  tags: ['admin'],
  security: PUBLIC_SECURITY,
  request: { params: z.object({ id: z.string() }) },
  responses: { 405: problem('no_delete_of_bookings, with or without a token.') },
});

// no_delete_of_bookings: there is no way to delete a booking, with or without a token.
bookings.openapi(remove, () => {
  throw new Problem(405, 'Bookings are never deleted; cancel it instead (POST /api/bookings/:id/cancel).', {
    rule: 'no_delete_of_bookings',
    headers: { allow: 'GET, PATCH' },
  });
});
