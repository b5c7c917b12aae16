import { env, SELF } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { NotificationTask } from '../../worker/db/schema.js';
import { dueTasksQuery, sweepOutbox, takeOverdue } from '../../worker/jobs/sweep.js';
import { failTask, scheduleRetry } from '../../worker/notify/tasks.js';
import { ADMIN, allTasks, db, harness, postJson, recordingQueue, testLog, validBooking } from './helpers.js';
import { captured, createWithTasks, deliver, notifyEnv, rows } from './notify-helpers.js';

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe('enqueueing', () => {
  it('a create hands its email and its webhook to the notifications queue in one sendBatch', async () => {
    const h = harness();
    const res = await h.request('/api/bookings', postJson(validBooking()));
    const { id } = (await res.json()) as { id: string };
    const tasks = (await allTasks()).filter((t) => t.booking_id === id);
    expect(h.queue.calls).toBe(1);
    expect(h.queue.sent).toEqual(expect.arrayContaining(tasks.map((t) => ({ task_id: t.id, kind: t.kind }))));
    expect(h.queue.sent).toHaveLength(2);
  });

  it('a sweep sends every overdue task it takes in one sendBatch', async () => {
    await createWithTasks();
    await createWithTasks();
    const queues = { NOTIFY_QUEUE: recordingQueue() };
    const sent = await sweepOutbox(queues as never, db(), minutes(6), testLog);
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(queues.NOTIFY_QUEUE.sent).toHaveLength(sent);
    expect(queues.NOTIFY_QUEUE.calls).toBe(1);
  });
});

describe('outbox sweeper', () => {
  it('when the queue send fails after the commit, the create still answers 201 and one sweep sends exactly one email and one webhook', async () => {
    const h = harness({ failQueues: true });
    const res = await h.request('/api/bookings', postJson(validBooking()));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const queues = { NOTIFY_QUEUE: recordingQueue() };
    const n = notifyEnv({ webhookPath: `/ok/${id}` });
    expect(await sweepOutbox(queues as never, db(), new Date(), testLog)).toBe(2);
    for (const m of queues.NOTIFY_QUEUE.sent) await deliver(m.task_id, n.env);
    expect(n.email.sent).toHaveLength(1);
    expect(await captured(`/ok/${id}`)).toHaveLength(1);

    // Later sweeps find nothing to do.
    expect(await sweepOutbox(queues as never, db(), minutes(30), testLog)).toBe(0);
    expect(queues.NOTIFY_QUEUE.sent).toHaveLength(2);
  });

  it('re-enqueues a task nobody took within 5 minutes, and only once per grace period', async () => {
    await createWithTasks();
    const queues = { NOTIFY_QUEUE: recordingQueue() };
    expect(await sweepOutbox(queues as never, db(), minutes(4), testLog)).toBe(0);
    expect(await sweepOutbox(queues as never, db(), minutes(6), testLog)).toBe(2);
    expect(await sweepOutbox(queues as never, db(), minutes(7), testLog)).toBe(0);
    expect(await sweepOutbox(queues as never, db(), minutes(12), testLog)).toBe(2);
  });

  it('leaves alone a task that is waiting out its backoff delay', async () => {
    const { id, webhook } = await createWithTasks();
    await deliver(webhook.id, notifyEnv({ webhookPath: `/busy/${id}` }).env); // retry in 2 h
    const queues = { NOTIFY_QUEUE: recordingQueue() };
    const webhooks = () => queues.NOTIFY_QUEUE.sent.filter((m) => m.kind === 'webhook');
    await sweepOutbox(queues as never, db(), minutes(60), testLog);
    expect(webhooks()).toHaveLength(0);
    await sweepOutbox(queues as never, db(), minutes(126), testLog);
    expect(webhooks()).toEqual([{ task_id: webhook.id, kind: 'webhook' }]);
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
    const { id } = (await res.json()) as { id: string };
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
    expect(
      ((await (await h.request('/api/bookings?webhook=failed', { headers: ADMIN })).json()) as { data: { id: string }[] }).data.map(
        (b) => b.id,
      ),
    ).toEqual([id]);

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

describe('the sweeper and the consumers', () => {
  it('never steals a live lease: a task a consumer claimed after the sweep read it is not taken, nor sent twice', async () => {
    const { id, webhook } = await createWithTasks();
    // Both tasks look lost to the sweep's read ...
    const candidates = (await dueTasksQuery(db(), minutes(6))).map((t) => t.id);
    expect(candidates).toContain(webhook.id);
    // ... but a consumer claims the webhook before the sweep's update runs.
    const n = notifyEnv({ webhookPath: `/hang/${id}` });
    const attempt = deliver(webhook.id, n.env, { now: () => minutes(6) });
    await vi.waitUntil(async () => (await rows(webhook.id, id)).task.claim_id !== null, { timeout: 2000 });
    const taken = await takeOverdue(db(), candidates, minutes(6));
    expect(taken.map((t) => t.id)).not.toContain(webhook.id);
    await attempt;
    expect(await captured(`/hang/${id}`)).toHaveLength(1);
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
