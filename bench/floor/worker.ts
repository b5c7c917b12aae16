/**
 * The floor: the least work a create can do on this stack, to measure the
 * product against. A Hono app whose POST parses JSON, runs one D1 batch of
 * two statements (an INSERT … SELECT guarded by "fewer than 3 rows for this
 * email in 7 days", and an outbox INSERT of two rows) and one Queue
 * sendBatch of two messages, then answers 201 with the id. No validation,
 * spam checks, idempotency, limiter, history or richer row.
 */
import { Hono } from 'hono';

interface FloorEnv {
  DB: D1Database;
  EMAIL_QUEUE: Queue;
}

const app = new Hono<{ Bindings: FloorEnv }>();

app.post('/api/bookings', async (c) => {
  const body = await c.req.json<{ organization_name: string; contact_name: string; contact_email: string }>();
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  const [inserted] = await c.env.DB.batch([
    c.env.DB.prepare(
      `INSERT INTO demo_bookings (id, organization_name, contact_name, contact_email, status, webhook_attempts, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, 'pending', 0, ?5, ?5
       WHERE (SELECT count(*) FROM demo_bookings WHERE contact_email = ?4 AND created_at > strftime('%Y-%m-%dT%H:%M:%fZ', ?5, '-7 days')) < 3`,
    ).bind(id, body.organization_name, body.contact_name, body.contact_email, now),
    c.env.DB.prepare(
      `INSERT INTO notification_tasks (id, booking_id, kind, event_type, payload, state, attempts, next_attempt_at, created_at)
       VALUES (?1, ?3, 'email', 'demo_booking.created', '{}', 'pending', 0, ?4, ?4), (?2, ?3, 'webhook', 'demo_booking.created', '{}', 'pending', 0, ?4, ?4)`,
    ).bind(crypto.randomUUID(), crypto.randomUUID(), id, now),
  ]);
  if (!inserted?.meta.changes) return c.json({ error: 'rate_limit_per_email' }, 429);
  await c.env.EMAIL_QUEUE.sendBatch([{ body: { task_id: id } }, { body: { task_id: id } }]);
  return c.json({ id }, 201);
});

export default app;
