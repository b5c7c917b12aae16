/**
 * The floor: the least work a create can do on this stack, to measure the
 * product against. A Hono app whose POST parses JSON, runs one D1 batch of
 * two statements (an INSERT … SELECT guarded by "fewer than 3 rows for this
 * email in 7 days", and an outbox INSERT of two rows) and one Queue
 * sendBatch of two messages, then answers 201 with the id. No validation,
 * spam checks, idempotency, limiter, history or richer row. And the floor of
 * the slots answer (below).
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

/**
 * The floor of POST /api/slots: the same rows the product reads for the
 * answer (the active reps, their feeds, their busy intervals and booked slots
 * around the window, the routing rules in force), in one D1 batch, returned as they are: no validation,
 * no zone math, no computing of a single slot.
 */
app.post('/api/slots', async (c) => {
  const { days = 14 } = await c.req.json<{ days?: number }>();
  const now = Date.now();
  const DAY = 86_400_000;
  const from = new Date(now).toISOString();
  const to = new Date(now + (days + 1) * DAY).toISOString();
  const earliest = new Date(now - 32 * DAY).toISOString();
  const [reps, feeds, busy, booked, rules] = await c.env.DB.batch([
    c.env.DB.prepare('SELECT * FROM sales_reps WHERE active = 1'),
    c.env.DB.prepare(
      'SELECT f.rep_id, f.last_ok_at, f.created_at FROM calendar_feeds f JOIN sales_reps r ON r.id = f.rep_id WHERE r.active = 1',
    ),
    c.env.DB.prepare(
      `SELECT b.rep_id, b.start, b."end" FROM busy_intervals b JOIN sales_reps r ON r.id = b.rep_id
       WHERE r.active = 1 AND b.start >= ?1 AND b.start < ?2 AND b."end" > ?3 ORDER BY b.rep_id, b.start`,
    ).bind(earliest, to, from),
    c.env.DB.prepare(
      `SELECT id, assigned_rep_id, preferred_date, slot_end FROM demo_bookings WHERE assigned_rep_id IS NOT NULL
       AND slot_end IS NOT NULL AND status IN ('pending', 'confirmed') AND preferred_date > ?1 AND preferred_date < ?2`,
    ).bind(from, to),
    c.env.DB.prepare('SELECT rules FROM routing_versions ORDER BY rowid DESC LIMIT 1'),
  ]);
  return c.json({ reps: reps?.results, feeds: feeds?.results, busy: busy?.results, booked: booked?.results, rules: rules?.results });
});

export default app;
