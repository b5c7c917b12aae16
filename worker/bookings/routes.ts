/**
 * Bookings over HTTP: the public create and the admin API. Each handler
 * stands right after its path; the work is done by the services.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { LIMITS } from '../../contract/limits.js';
import type { AppEnv } from '../env.js';
import { UUID } from '../http/params.js';
import { requireAdmin } from '../http/admin-auth.js';
import { Problem } from '../http/problem.js';
import { requireJson, validJson, validQuery } from '../http/validate.js';
import { enqueueTasks } from '../notify/outbox.js';
import { getBooking, getChangeableBooking, listBookings, notificationsOf, updateBooking } from './admin.js';
import { restartWebhook } from '../notify/redeliver.js';
import { createBooking, findReplay } from './create.js';
import { anonymizeIp } from './ip.js';
import { spamReason } from './spam.js';
import { redactBooking } from './redact.js';
import { createBookingSchema, listQuerySchema, patchBookingSchema, type CreatedBooking } from './schema.js';

export const bookings = new Hono<AppEnv>();


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

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(header))
    throw new Problem(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters.', { rule: 'idempotency_key_format' });
  return header;
}

bookings.post('/', limitBody, requireJson, limitPerIp, validJson(createBookingSchema), async (c) => {
  const input = c.req.valid('json');
  const key = idempotencyKey(c.req.header('idempotency-key'));
  const idempotency = key ? { key, requestHash: await sha256Hex(await c.req.text()) } : undefined;
  const now = new Date();
  // A retry is answered before anything else: its single-use Turnstile token is spent.
  const earlier = idempotency && (await findReplay(c.var.db, idempotency, now));
  if (earlier) return replayed(c, earlier.booking);
  const clientIp = c.req.header('cf-connecting-ip');
  const reason = await spamReason(input, { turnstileSecret: c.var.config.TURNSTILE_SECRET, ip: clientIp });
  if (reason) console.log(JSON.stringify({ event: 'booking_caught_as_spam', reason, request_id: c.var.requestId }));
  const result = await createBooking(c.var.db, input, { now, spamReason: reason, ip: anonymizeIp(clientIp), idempotency });
  if (result.replayed) return replayed(c, result.booking);
  await enqueueTasks(c.env, c.var.db, result.tasks, now);
  return c.json(result.booking, 201);
});

/** The first answer to an Idempotency-Key, again. */
const replayed = (c: Context<AppEnv>, booking: CreatedBooking) => {
  c.header('idempotent-replayed', 'true');
  return c.json(booking, 201);
};

bookings.get('/', requireAdmin, validQuery(listQuerySchema), async (c) => c.json(await listBookings(c.var.db, c.req.valid('query'))));

bookings.get(`/:id{${UUID}}`, requireAdmin, async (c) => {
  const id = c.req.param('id').toLowerCase();
  const found = await getBooking(c.var.db, id);
  if (!found) throw new Problem(404, 'No booking has this id.');
  return c.json({ ...found.view, notifications: await notificationsOf(c.var.db, id) });
});

bookings.patch(`/:id{${UUID}}`, requireAdmin, limitBody, requireJson, validJson(patchBookingSchema), async (c) => {
  const now = new Date();
  const { view, tasks } = await updateBooking(c.var.db, c.req.param('id').toLowerCase(), c.req.valid('json'), now);
  await enqueueTasks(c.env, c.var.db, tasks, now);
  return c.json(view);
});

bookings.post(`/:id{${UUID}}/cancel`, requireAdmin, async (c) => {
  const { view } = await updateBooking(c.var.db, c.req.param('id').toLowerCase(), { status: 'cancelled' }, new Date());
  return c.json(view);
});

bookings.post(`/:id{${UUID}}/webhook/redeliver`, requireAdmin, async (c) => {
  const id = c.req.param('id').toLowerCase();
  await getChangeableBooking(c.var.db, id);
  const now = new Date();
  const tasks = await restartWebhook(c.var.db, id, now);
  await enqueueTasks(c.env, c.var.db, tasks, now);
  return c.json({ id, redelivering: tasks.map((t) => ({ webhook_id: t.id, event_type: t.event_type })) }, 202);
});

bookings.post(`/:id{${UUID}}/redact`, requireAdmin, async (c) => c.json(await redactBooking(c.var.db, c.req.param('id').toLowerCase(), new Date())));

// no_delete_of_bookings: there is no way to delete a booking, with or without a token.
bookings.delete('/:id', () => {
  throw new Problem(405, 'Bookings are never deleted; cancel it instead (POST /api/bookings/:id/cancel).', {
    rule: 'no_delete_of_bookings',
    headers: { allow: 'GET, PATCH' },
  });
});
