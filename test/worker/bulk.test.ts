/** The console's bulk actions: every failing webhook redelivered at once; every booking of one person erased at once. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { BookingDetail, BookingPage } from '../../contract/api.js';
import { archiveOldBookings } from '../../worker/jobs/archive.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, db, harness, postJson, testLog } from './helpers.js';
import { createWithTasks, deliver, notifyEnv, rows } from './notify-helpers.js';

const post = (path: string, body?: unknown) =>
  harness().request(path, {
    method: 'POST',
    headers: { ...ADMIN, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

const failing = async () =>
  (await bodyOf<BookingPage>(await harness().request('/api/bookings?webhook=failed&limit=100', { headers: ADMIN }))).data.map((b) => b.id);

describe('POST /api/bookings/webhook/redeliver-failed', () => {
  it('restarts every failed webhook once (same webhook-id), clears the failing list, and a second call finds nothing', async () => {
    const made = [await createWithTasks(), await createWithTasks(), await createWithTasks()];
    for (const { id, webhook } of made) await deliver(webhook.id, notifyEnv({ webhookPath: `/gone/${id}` }).env);
    expect(await failing()).toEqual(expect.arrayContaining(made.map((m) => m.id)));

    const h = harness();
    const res = await h.request('/api/bookings/webhook/redeliver-failed', { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(202);
    expect(await bodyOf(res)).toEqual({ redelivering: expect.any(Number), more: false });
    expect(h.webhook.sent).toEqual(expect.arrayContaining(made.map((m) => ({ task_id: m.webhook.id, kind: 'webhook' }))));
    for (const { id, webhook } of made) {
      const reset = await rows(webhook.id, id);
      expect([reset.task.state, reset.task.attempts, reset.booking.webhook_failed_at]).toEqual(['pending', 0, null]);
    }
    expect(await failing()).toEqual([]);
    const again = await post('/api/bookings/webhook/redeliver-failed');
    expect(await bodyOf(again)).toEqual({ redelivering: 0, more: false });
  });

  it('two at once restart each webhook once', async () => {
    const { id, webhook } = await createWithTasks();
    await deliver(webhook.id, notifyEnv({ webhookPath: `/gone/${id}` }).env);
    const answers = await Promise.all([post('/api/bookings/webhook/redeliver-failed'), post('/api/bookings/webhook/redeliver-failed')]);
    const counts = await Promise.all(answers.map(async (r) => (await bodyOf<{ redelivering: number }>(r)).redelivering));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('POST /api/bookings/redact-by-email', () => {
  it('erases every booking of the person (any case, a +tag, the archive too) and no one else’s; repeating it changes nothing', async () => {
    const h = harness();
    const person = `erase.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const mine = [
      (await createWithTasks({ contact_email: person })).id,
      (await createWithTasks({ contact_email: person.replace('@', '+demo@') })).id,
    ];
    const other = (await createWithTasks({ contact_email: `keep.${person}` })).id;
    // One of the person's bookings from over a year ago, already in the archive.
    const old = (await createWithTasks({ contact_email: person.toUpperCase() })).id;
    await env.DB.prepare("UPDATE demo_bookings SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(old).run();
    await archiveOldBookings(db(), new Date(), testLog);

    const res = await post('/api/bookings/redact-by-email', { email: ` ${person.toUpperCase()} ` });
    expect(res.status).toBe(200);
    const { booking_ids, more } = await bodyOf<{ booking_ids: string[]; more: boolean }>(res);
    expect(booking_ids.sort()).toEqual([...mine, old].sort());
    expect(more).toBe(false);
    for (const id of [...mine, old]) {
      const b = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));
      expect(b.redacted_at).not.toBeNull();
      expect(JSON.stringify(b)).not.toContain(person.split('@')[0]);
    }
    const kept = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${other}`, { headers: ADMIN }));
    expect([kept.redacted_at, kept.contact_email]).toEqual([null, `keep.${person}`]);

    const again = await post('/api/bookings/redact-by-email', { email: person });
    expect(await bodyOf(again)).toEqual({ booking_ids: [], more: false });
  });

  it('an address without an @ is refused and erases nothing', async () => {
    const res = await post('/api/bookings/redact-by-email', { email: 'not-an-address' });
    expect(res.status).toBe(422);
    const missing = await harness().request('/api/bookings/redact-by-email', postJson({}, ADMIN));
    expect(missing.status).toBe(422);
  });
});
