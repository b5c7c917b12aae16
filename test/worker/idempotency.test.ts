import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Booking, ProblemBody } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { allBookings, allTasks, harness, postJson, validBooking } from './helpers.js';

describe('Idempotency-Key', () => {
  it('the same key and body answer with the first result: one row, one email, one webhook', async () => {
    const h = harness();
    const body = validBooking();
    const first = await h.request('/api/bookings', postJson(body, { 'idempotency-key': 'key-1' }));
    const second = await h.request('/api/bookings', postJson(body, { 'idempotency-key': 'key-1' }));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(await allBookings()).toHaveLength(1);
    expect(await allTasks()).toHaveLength(2);
    expect([h.email.sent.length, h.webhook.sent.length]).toEqual([1, 1]);
  });

  it('10 simultaneous requests with one key store exactly 1 booking and all return its id', async () => {
    const h = harness();
    const body = validBooking();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => h.request('/api/bookings', postJson(body, { 'idempotency-key': 'burst' }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => (await bodyOf<Booking>(r)).id)));
    expect(ids.size).toBe(1);
    const rows = await allBookings();
    expect(rows).toHaveLength(1);
    expect(ids.has(rows[0]!.id)).toBe(true);
    expect([h.email.sent.length, h.webhook.sent.length]).toEqual([1, 1]);
  });

  it('a retry of the request that filled the per-email limit still gets its first answer, not 429', async () => {
    const h = harness();
    const email = `limit.${Date.now()}@example.com`;
    for (let i = 0; i < 2; i++) await h.request('/api/bookings', postJson(validBooking({ contact_email: email })));
    const body = validBooking({ contact_email: email });
    const first = await h.request('/api/bookings', postJson(body, { 'idempotency-key': 'third' }));
    const retry = await h.request('/api/bookings', postJson(body, { 'idempotency-key': 'third' }));
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect((await bodyOf<Booking>(retry)).id).toBe((await bodyOf<Booking>(first)).id);
    expect(await allBookings()).toHaveLength(3);
    // A new request (another key) is still refused.
    expect(
      (await h.request('/api/bookings', postJson(validBooking({ contact_email: email }), { 'idempotency-key': 'fourth' }))).status,
    ).toBe(429);
  });

  it('the same key with another body is refused with 409 and stores nothing more', async () => {
    const h = harness();
    await h.request('/api/bookings', postJson(validBooking(), { 'idempotency-key': 'k' }));
    const res = await h.request('/api/bookings', postJson(validBooking(), { 'idempotency-key': 'k' }));
    expect(res.status).toBe(409);
    expect((await bodyOf<ProblemBody>(res)).rule).toBe('idempotency_key_reused');
    expect(await allBookings()).toHaveLength(1);
  });

  it('after 24 hours the key is free again and makes a new booking', async () => {
    const h = harness();
    const body = validBooking();
    await h.request('/api/bookings', postJson(body, { 'idempotency-key': 'old' }));
    await env.DB.prepare('UPDATE idempotency_keys SET created_at = ?')
      .bind(new Date(Date.now() - 25 * 3_600_000).toISOString())
      .run();
    const res = await h.request('/api/bookings', postJson(body, { 'idempotency-key': 'old' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(await allBookings()).toHaveLength(2);
  });

  it('refuses a key that is too long or not visible ASCII, storing nothing', async () => {
    const h = harness();
    const res = await h.request('/api/bookings', postJson(validBooking(), { 'idempotency-key': 'k'.repeat(256) }));
    expect(res.status).toBe(400);
    expect(await allBookings()).toHaveLength(0);
  });
});
