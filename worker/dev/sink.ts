/**
 * Development-only webhook receiver: where `npm run dev` delivers the sales
 * webhook when SALES_WEBHOOK_URL is empty. It verifies the signature the way
 * a receiver would (the standardwebhooks library) and logs each event.
 * Outside ENVIRONMENT=development it does not exist (404).
 */
import { Hono } from 'hono';
import { Webhook } from 'standardwebhooks';
import type { AppEnv } from '../http/app-env.js';
import { Problem } from '../http/problem.js';

export const devSink = new Hono<AppEnv>();

devSink.post('/', async (c) => {
  if (!c.get('config').isDevelopment) throw new Problem(404, 'There is nothing at this address.');
  const body = await c.req.text();
  let event: { type?: string; data?: { id?: string; status?: string } };
  try {
    event = new Webhook(c.get('config').WEBHOOK_SECRET).verify(body, Object.fromEntries(c.req.raw.headers)) as typeof event;
  } catch (error) {
    c.get('log').warn('dev_sink_rejected', { reason: String(error) });
    throw new Problem(400, 'The webhook signature did not verify.');
  }
  c.get('log').info('dev_sink_received', {
    webhook_id: c.req.header('webhook-id'),
    type: event.type,
    booking_id: event.data?.id,
    status: event.data?.status,
  });
  return c.body(null, 204);
});
