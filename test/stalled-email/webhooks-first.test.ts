import { env, SELF } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { Booking } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { validBooking } from '../worker/helpers.js';

/** The bookings' delivery columns, read straight from D1. */
const deliveries = async (ids: string[]) =>
  (
    await env.DB.prepare(
      `SELECT webhook_delivered_at, confirmation_sent_at FROM demo_bookings WHERE id IN (SELECT value FROM json_each(?))`,
    )
      .bind(JSON.stringify(ids))
      .all<{ webhook_delivered_at: string | null; confirmation_sent_at: string | null }>()
  ).results;

describe('a hanging email service', () => {
  it('does not hold up the sales webhooks: all of them go out within seconds while every email send hangs', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await SELF.fetch('https://demo.example.com/api/bookings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': `192.0.2.${i + 1}` },
        body: JSON.stringify(validBooking({ contact_email: `prospect${i}@hang.example.com` })),
      });
      expect(res.status).toBe(201);
      ids.push((await bodyOf<Booking>(res)).id);
    }
    const started = Date.now();
    await vi.waitUntil(async () => (await deliveries(ids)).every((b) => b.webhook_delivered_at !== null), { timeout: 5000, interval: 50 });
    expect(Date.now() - started).toBeLessThan(5000);
    // The emails are still hanging: none has been accepted.
    expect((await deliveries(ids)).filter((b) => b.confirmation_sent_at !== null)).toEqual([]);
  }, 30_000);
});
