import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { allBookings, harness, postJson, validBooking } from './helpers.js';

it('creates a booking', async () => {
  const h = harness();
  const res = await h.request('/api/bookings', postJson(validBooking()));
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  expect(await allBookings()).toHaveLength(1);
  expect(h.email.sent).toHaveLength(1);
});

it('health through SELF', async () => {
  const res = await SELF.fetch('http://x/api/health');
  expect(res.status).toBe(200);
});
