import { env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { Booking, BookingPage, CreatedBooking } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allTasks, harness, postJson, validBooking } from './helpers.js';
import { captured, createWithTasks, deliver, notifyEnv, rows } from './notify-helpers.js';

describe('webhook delivery schedule', () => {
  it('retries 5 times at base x 4^(n-1) seconds, then dead-letters on the 6th failure and marks the booking failed', async () => {
    const { id, webhook } = await createWithTasks();
    const n = notifyEnv({ webhookPath: `/fail/${id}` });
    let clock = Date.now();
    const expected = [60, 240, 960, 3840, 15360];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const result = await deliver(webhook.id, n.env, { now: () => new Date(clock) }, { attempts: attempt });
      const { task, booking } = await rows(webhook.id, id);
      expect(task.attempts).toBe(attempt);
      expect(booking.webhook_attempts).toBe(attempt);
      if (attempt < 6) {
        expect(result.retryMessages).toEqual([{ msgId: expect.any(String), delaySeconds: expected[attempt - 1] }]);
        expect(result.explicitAcks).toEqual([]);
        expect(task.state).toBe('pending');
        expect(booking.webhook_failed_at).toBeNull();
        clock += expected[attempt - 1]! * 1000;
      } else {
        expect(result.retryMessages).toEqual([]);
        expect(result.explicitAcks).toHaveLength(1);
        expect(task.state).toBe('failed');
        expect(task.last_error).toBe('HTTP 500');
        expect(booking.webhook_failed_at).not.toBeNull();
        expect(n.dlq.sent).toEqual([{ task_id: webhook.id, kind: 'webhook' }]);
      }
    }
    expect(await captured(`/fail/${id}`)).toHaveLength(6);
  });

  it('adds up to 10 % jitter and caps the delay at the 12 h Queues maximum', async () => {
    const { id, webhook } = await createWithTasks();
    const jittered = await deliver(webhook.id, notifyEnv({ webhookPath: `/fail/${id}` }).env, { random: () => 0.999 });
    expect(jittered.retryMessages[0]!.delaySeconds).toBe(66);

    const second = await createWithTasks();
    await env.DB.prepare('UPDATE notification_tasks SET attempts = 3 WHERE id = ?').bind(second.webhook.id).run();
    const capped = await deliver(second.webhook.id, notifyEnv({ webhookPath: `/fail/${second.id}`, base: 3600 }).env);
    expect(capped.retryMessages[0]!.delaySeconds).toBe(43_200); // 3600 x 4^3 would be 64 h
  });
});

describe('what the receiver gets', () => {
  it('a Standard Webhooks request the standardwebhooks library verifies, with the booking but not its IP', async () => {
    const { id, webhook } = await createWithTasks({ message: 'Hello <b>sales</b>' });
    const n = notifyEnv({ webhookPath: `/ok/${id}` });
    const result = await deliver(webhook.id, n.env);
    expect(result.explicitAcks).toHaveLength(1);
    const [request] = await captured(`/ok/${id}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['webhook-id']).toBe(webhook.id);
    const event = new Webhook(env.WEBHOOK_SECRET).verify(request!.body, request!.headers) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(event.type).toBe('demo_booking.created');
    expect(event.data).toMatchObject({ id, status: 'pending', message: 'Hello <b>sales</b>' });
    expect(event.data).not.toHaveProperty('ip_address');
    expect(() => new Webhook('whsec_dGhpcyBpcyBhbm90aGVyIGtleSBhbHRvZ2V0aGVy').verify(request!.body, request!.headers)).toThrow();
    const { task, booking } = await rows(webhook.id, id);
    expect([task.state, booking.webhook_attempts]).toEqual(['done', 1]);
    expect(booking.webhook_delivered_at).not.toBeNull();
  });

  it('each attempt is signed afresh with the same webhook-id', async () => {
    const { id, webhook } = await createWithTasks();
    const n = notifyEnv({ webhookPath: `/fail/${id}` });
    const t0 = Date.now();
    await deliver(webhook.id, n.env, { now: () => new Date(t0) });
    await deliver(webhook.id, n.env, { now: () => new Date(t0 + 61_000) });
    const [first, second] = await captured(`/fail/${id}`);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(Number(second!.headers['webhook-timestamp']) - Number(first!.headers['webhook-timestamp'])).toBe(61);
    expect(second!.headers['webhook-signature']).not.toBe(first!.headers['webhook-signature']);
  });
});

describe('faults', () => {
  it('a receiver that hangs past the timeout counts as a failed attempt and is retried', async () => {
    const { id, webhook } = await createWithTasks();
    const result = await deliver(webhook.id, notifyEnv({ webhookPath: `/hang/${id}` }).env, { webhookTimeoutMs: 200 });
    expect(result.retryMessages[0]!.delaySeconds).toBe(60);
    const { task, booking } = await rows(webhook.id, id);
    expect(task.last_error).toMatch(/timed out after 200 ms/);
    expect([booking.webhook_attempts, booking.webhook_delivered_at]).toEqual([1, null]);
  });

  it('a refused connection is retried', async () => {
    const { id, webhook } = await createWithTasks();
    const result = await deliver(webhook.id, notifyEnv({ webhookPath: `/refused/${id}` }).env);
    expect(result.retryMessages).toHaveLength(1);
    const { task, booking } = await rows(webhook.id, id);
    expect(task.state).toBe('pending');
    expect(booking.webhook_attempts).toBe(1);
  });

  it('410 Gone stops at once: failed, dead-lettered, no retry', async () => {
    const { id, webhook } = await createWithTasks();
    const n = notifyEnv({ webhookPath: `/gone/${id}` });
    const result = await deliver(webhook.id, n.env);
    expect(result.retryMessages).toEqual([]);
    const { task, booking } = await rows(webhook.id, id);
    expect([task.state, booking.webhook_attempts]).toEqual(['failed', 1]);
    expect(booking.webhook_failed_at).not.toBeNull();
    expect(n.dlq.sent).toHaveLength(1);
  });

  it('429 with Retry-After waits as long as the receiver asks', async () => {
    const { id, webhook } = await createWithTasks();
    const result = await deliver(webhook.id, notifyEnv({ webhookPath: `/busy/${id}` }).env);
    expect(result.retryMessages[0]!.delaySeconds).toBe(7200);
  });

  it('the same message delivered twice, one after the other or at once, makes one attempt', async () => {
    const { id, webhook } = await createWithTasks();
    const n = notifyEnv({ webhookPath: `/ok/${id}` });
    await Promise.all([deliver(webhook.id, n.env, {}, { id: 'same' }), deliver(webhook.id, n.env, {}, { id: 'same' })]);
    const again = await deliver(webhook.id, n.env, {}, { id: 'same' });
    expect(again.explicitAcks).toHaveLength(1);
    expect(await captured(`/ok/${id}`)).toHaveLength(1);
    expect((await rows(webhook.id, id)).booking.webhook_attempts).toBe(1);
  });

  it('a duplicate arriving while the task waits out its backoff is dropped without an attempt', async () => {
    const { id, webhook } = await createWithTasks();
    const n = notifyEnv({ webhookPath: `/fail/${id}` });
    await deliver(webhook.id, n.env);
    const duplicate = await deliver(webhook.id, n.env);
    expect(duplicate.explicitAcks).toHaveLength(1);
    expect(await captured(`/fail/${id}`)).toHaveLength(1);
    expect((await rows(webhook.id, id)).booking.webhook_attempts).toBe(1);
  });

  it('a message that names no task is acknowledged and dropped, without sinking its batch', async () => {
    const { id, webhook } = await createWithTasks();
    const n = notifyEnv({ webhookPath: `/ok/${id}` });
    expect((await deliver('01900000-0000-7000-8000-00000000dead', n.env)).explicitAcks).toHaveLength(1);
    expect((await deliver(webhook.id, n.env)).explicitAcks).toHaveLength(1);
  });
});

describe('webhook_status', () => {
  it('a failed event reads failed whatever succeeded before or after, until redelivered; the filter lists it', async () => {
    const h = harness();
    const { id, webhook } = await createWithTasks();
    await deliver(webhook.id, notifyEnv({ webhookPath: `/ok/${id}` }).env);
    await h.request(`/api/bookings/${id}/cancel`, { method: 'POST', headers: ADMIN });
    const cancelled = (await allTasks()).find(
      (t) => t.booking_id === id && t.event_type === 'demo_booking.cancelled' && t.kind === 'webhook',
    )!;
    await deliver(cancelled.id, notifyEnv({ webhookPath: `/gone/${id}` }).env); // dead-lettered at once
    const read = async () => (await bodyOf<Booking>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }))).webhook_status;
    expect(await read()).toBe('failed');
    const failed = await bodyOf<BookingPage>(await h.request('/api/bookings?webhook=failed', { headers: ADMIN }));
    expect(failed.data.map((b) => b.id)).toEqual([id]);
    const delivered = await bodyOf<BookingPage>(await h.request('/api/bookings?webhook=delivered', { headers: ADMIN }));
    expect(delivered.data).toEqual([]);
    // The other order: created fails first, a later event succeeds; still failed.
    const second = await createWithTasks();
    await deliver(second.webhook.id, notifyEnv({ webhookPath: `/gone/${second.id}` }).env);
    await h.request(`/api/bookings/${second.id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'confirmed', preferred_date: new Date(Date.now() + 72 * 3_600_000).toISOString() }),
    });
    const confirmed = (await allTasks()).find(
      (t) => t.booking_id === second.id && t.event_type === 'demo_booking.confirmed' && t.kind === 'webhook',
    )!;
    await deliver(confirmed.id, notifyEnv({ webhookPath: `/ok/${second.id}` }).env);
    const again = await bodyOf<Booking>(await h.request(`/api/bookings/${second.id}`, { headers: ADMIN }));
    expect(again.webhook_status).toBe('failed');
    // A redelivery that succeeds clears it.
    await h.request(`/api/bookings/${id}/webhook/redeliver`, { method: 'POST', headers: ADMIN });
    await deliver(cancelled.id, notifyEnv({ webhookPath: `/ok/${id}` }).env);
    expect(await read()).toBe('delivered');
  });

  it('a booking no webhook will ever announce reads none, not pending forever', async () => {
    const h = harness();
    const spam = (await bodyOf<CreatedBooking>(await h.request('/api/bookings', postJson(validBooking({ hp_check: 'bot' }))))).id;
    const { id: erased } = await createWithTasks();
    await h.request(`/api/bookings/${erased}/redact`, { method: 'POST', headers: ADMIN });
    const { id: waiting } = await createWithTasks();
    const state = async (id: string) => (await bodyOf<Booking>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }))).webhook_status;
    expect([await state(spam), await state(erased), await state(waiting)]).toEqual(['none', 'none', 'pending']);
    const none = await bodyOf<BookingPage>(await h.request('/api/bookings?webhook=none', { headers: ADMIN }));
    expect(none.data.map((b) => b.id).sort()).toEqual([spam, erased].sort());
    const pending = await bodyOf<BookingPage>(await h.request('/api/bookings?webhook=pending', { headers: ADMIN }));
    expect(pending.data.map((b) => b.id)).toEqual([waiting]);
  });
});
