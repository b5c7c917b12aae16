import { createMessageBatch, createScheduledController, env, SELF } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { Booking, BookingPage } from '../../contract/api.js';
import type { NotificationTask } from '../../worker/db/schema.js';
import worker from '../../worker/index.js';
import { failTask, scheduleRetry } from '../../worker/notify/tasks.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allTasks, db, harness, postJson, recordingQueues, validBooking } from './helpers.js';
import { bookingCopier, captured, createWithTasks, deliver, notifyEnv, rows } from './notify-helpers.js';

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/** Runs the cron as the platform does (the 5-minute tick) at `at`, with recording queues; answers what each received. */
async function cronTick(at: Date, opts: { fail?: boolean } = {}) {
  const queues = recordingQueues(opts);
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '*/5 * * * *' }), { ...env, ...queues.bindings });
  return { ...queues, sent: [...queues.email.sent, ...queues.webhook.sent] };
}

/**
 * A backlog as a crash leaves it: `count` bookings, each a copy of one made
 * through the API with its own id and address, whose two tasks were never
 * enqueued and are long overdue.
 */
async function seedLostBacklog(count: number) {
  const template = await createWithTasks();
  const copyBooking = await bookingCopier(template.id, ['id', 'contact_email', 'contact_mailbox']);
  const copyTask = env.DB.prepare(
    `INSERT INTO notification_tasks (id, booking_id, event_id, kind, event_type, payload, state, attempts, next_attempt_at, created_at)
     SELECT ?1, ?2, event_id, kind, event_type, payload, 'pending', 0, ?3, created_at FROM notification_tasks WHERE id = ?4`,
  );
  const lostAt = minutes(-60).toISOString();
  const ids: string[] = [];
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID();
    ids.push(id);
    statements.push(copyBooking(id, `backlog${i}@example.com`, `backlog${i}@example.com`));
    for (const task of [template.email, template.webhook]) statements.push(copyTask.bind(crypto.randomUUID(), id, lostAt, task.id));
  }
  await env.DB.batch(statements);
  await env.DB.prepare(`UPDATE notification_tasks SET state = 'done' WHERE booking_id = ?`).bind(template.id).run();
  return ids;
}

describe('enqueueing', () => {
  it('a create hands its email to the email queue and its webhook to the webhook queue, one sendBatch each', async () => {
    const h = harness();
    const res = await h.request('/api/bookings', postJson(validBooking()));
    const { id } = await bodyOf<Booking>(res);
    const tasks = (await allTasks()).filter((t) => t.booking_id === id);
    expect(h.email.sent).toEqual(tasks.filter((t) => t.kind === 'email').map((t) => ({ task_id: t.id, kind: 'email' })));
    expect(h.webhook.sent).toEqual(tasks.filter((t) => t.kind === 'webhook').map((t) => ({ task_id: t.id, kind: 'webhook' })));
    expect([h.email.calls, h.webhook.calls]).toEqual([1, 1]);
  });

  it('a cron tick sends every overdue task it takes in one sendBatch per queue', async () => {
    await createWithTasks();
    await createWithTasks();
    const tick = await cronTick(minutes(6));
    expect(tick.email.sent).toHaveLength(2);
    expect(tick.webhook.sent).toHaveLength(2);
    expect([tick.email.calls, tick.webhook.calls]).toEqual([1, 1]);
  });
});

describe('outbox sweeper (the cron)', () => {
  it('when the queue send fails after the commit, the create still answers 201 and one cron tick sends exactly one email and one webhook', async () => {
    const h = harness({ failQueues: true });
    const res = await h.request('/api/bookings', postJson(validBooking()));
    expect(res.status).toBe(201);
    const { id } = await bodyOf<Booking>(res);

    const tick = await cronTick(new Date());
    expect(tick.sent).toHaveLength(2);
    const n = notifyEnv({ webhookPath: `/ok/${id}` });
    for (const m of tick.sent) await deliver(m.task_id, n.env);
    expect(n.email.sent).toHaveLength(1);
    expect(await captured(`/ok/${id}`)).toHaveLength(1);

    // Later ticks find nothing to do.
    expect((await cronTick(minutes(30))).sent).toHaveLength(0);
  });

  it('re-enqueues a task nobody took within 5 minutes, and only once per grace period', async () => {
    await createWithTasks();
    expect((await cronTick(minutes(4))).sent).toHaveLength(0);
    expect((await cronTick(minutes(6))).sent).toHaveLength(2);
    expect((await cronTick(minutes(7))).sent).toHaveLength(0);
    expect((await cronTick(minutes(12))).sent).toHaveLength(2);
  });

  it('leaves alone a task that is waiting out its backoff delay', async () => {
    const { id, webhook } = await createWithTasks();
    await deliver(webhook.id, notifyEnv({ webhookPath: `/busy/${id}` }).env); // retry in 2 h
    expect((await cronTick(minutes(60))).webhook.sent).toHaveLength(0);
    expect((await cronTick(minutes(126))).webhook.sent).toEqual([{ task_id: webhook.id, kind: 'webhook' }]);
  });

  it('never takes a task a consumer holds: its lease is not overdue, so it is not sent twice', async () => {
    const { id, webhook } = await createWithTasks();
    const n = notifyEnv({ webhookPath: `/hang/${id}` });
    const attempt = deliver(webhook.id, n.env, { now: () => minutes(6) });
    await vi.waitUntil(async () => (await rows(webhook.id, id)).task.claim_id !== null, { timeout: 2000 });
    expect((await cronTick(minutes(6))).sent.map((m) => m.task_id)).not.toContain(webhook.id);
    await attempt;
    expect(await captured(`/hang/${id}`)).toHaveLength(1);
  });

  it('after a crash, a backlog of 1,000 lost tasks drains in one cron tick, and every booking gets one email and one webhook', async () => {
    const ids = await seedLostBacklog(500);
    const tick = await cronTick(new Date());
    const taskIds = tick.sent.map((m) => m.task_id);
    expect(new Set(taskIds).size).toBe(1000);
    expect(taskIds).toHaveLength(1000);
    expect((await cronTick(minutes(1))).sent).toHaveLength(0);

    const n = notifyEnv({ webhookPath: '/ok/backlog' });
    for (let i = 0; i < tick.sent.length; i += 100) {
      const batch = createMessageBatch(
        'demo-booking-webhooks',
        tick.sent.slice(i, i + 100).map((body, j) => ({ id: `backlog-${i + j}`, timestamp: new Date(), attempts: 1, body })),
      );
      await worker.queue(batch, n.env);
    }
    expect(n.email.sent.map((m) => m.to).sort()).toEqual(ids.map((_, i) => `backlog${i}@example.com`).sort());
    const delivered = (await captured('/ok/backlog')).map((r) => (JSON.parse(r.body) as { data: { id: string } }).data.id);
    expect(delivered.sort()).toEqual([...ids].sort());
    expect((await allTasks()).filter((t) => t.state !== 'done')).toEqual([]);
  }, 60_000);

  it('a tick whose sends fail leaves its whole page overdue, and the next tick sends each task once', async () => {
    await seedLostBacklog(75);
    expect((await cronTick(new Date(), { fail: true })).sent).toHaveLength(0);
    const next = await cronTick(new Date());
    expect(new Set(next.sent.map((m) => m.task_id)).size).toBe(150);
    expect(next.sent).toHaveLength(150);
  });
});

describe('end to end through the local queues', () => {
  it('a create leads to the email and the webhook being delivered, each once', async () => {
    const res = await SELF.fetch('https://demo.example.com/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.10' },
      body: JSON.stringify(validBooking()),
    });
    expect(res.status).toBe(201);
    const { id } = await bodyOf<Booking>(res);
    await vi.waitUntil(
      async () => {
        const [b] = await env.DB.prepare('SELECT * FROM demo_bookings WHERE id = ?')
          .bind(id)
          .all<Record<string, unknown>>()
          .then((r) => r.results);
        return b?.confirmation_sent_at && b.webhook_delivered_at ? b : null;
      },
      { timeout: 8000, interval: 50 },
    );
    const { results } = await env.DB.prepare('SELECT webhook_attempts FROM demo_bookings WHERE id = ?')
      .bind(id)
      .all<{ webhook_attempts: number }>();
    expect(results[0]!.webhook_attempts).toBe(1);
    const received = (await captured('/ok/default')).filter((r) => r.body.includes(id));
    expect(received).toHaveLength(1);
    expect((await allTasks()).every((t) => t.state === 'done')).toBe(true);
  });
});

describe('POST /api/bookings/:id/webhook/redeliver', () => {
  it('starts a new cycle for a failed webhook, with the same webhook-id, and then delivers it', async () => {
    const { id, webhook } = await createWithTasks();
    await deliver(webhook.id, notifyEnv({ webhookPath: `/gone/${id}` }).env);
    const h = harness();
    expect((await bodyOf<BookingPage>(await h.request('/api/bookings?webhook=failed', { headers: ADMIN }))).data.map((b) => b.id)).toEqual([
      id,
    ]);

    const res = await h.request(`/api/bookings/${id}/webhook/redeliver`, { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(202);
    expect(h.webhook.sent).toEqual([{ task_id: webhook.id, kind: 'webhook' }]);
    const reset = await rows(webhook.id, id);
    expect([reset.task.state, reset.task.attempts, reset.booking.webhook_failed_at]).toEqual(['pending', 0, null]);

    await deliver(webhook.id, notifyEnv({ webhookPath: `/ok/${id}` }).env);
    const after = await rows(webhook.id, id);
    expect(after.booking.webhook_delivered_at).not.toBeNull();
    expect(after.booking.webhook_attempts).toBe(2); // every attempt ever made
    const [request] = await captured(`/ok/${id}`);
    expect(request!.headers['webhook-id']).toBe(webhook.id);
  });

  it('answers 409 when nothing has failed, and 401 without the token', async () => {
    const { id } = await createWithTasks();
    const h = harness();
    const res = await h.request(`/api/bookings/${id}/webhook/redeliver`, { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(409);
    expect(h.webhook.sent).toHaveLength(0);
    expect((await h.request(`/api/bookings/${id}/webhook/redeliver`, { method: 'POST' })).status).toBe(401);
  });
});

describe('settling an attempt', () => {
  it('an attempt that lost its lease cannot overwrite what a later attempt recorded', async () => {
    const { id, webhook } = await createWithTasks();
    const [claimed] = await env.DB.prepare("UPDATE notification_tasks SET claim_id = 'old', attempts = 1 WHERE id = ? RETURNING *")
      .bind(webhook.id)
      .all<NotificationTask>()
      .then((r) => r.results);
    // A later attempt took the task over (its own claim) and delivered it.
    await env.DB.prepare("UPDATE notification_tasks SET claim_id = 'new', state = 'done' WHERE id = ?").bind(webhook.id).run();
    await failTask(db(), claimed!, new Date(), 'late failure of the old attempt');
    await scheduleRetry(db(), claimed!, new Date(), 60, 'late retry of the old attempt');
    const { task, booking } = await rows(webhook.id, id);
    expect([task.state, task.last_error]).toEqual(['done', null]);
    expect(booking.webhook_failed_at).toBeNull();
  });
});
