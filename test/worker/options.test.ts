/** Who may ask (REQUIRE_WORK_EMAIL) and the proof of consent. */
import { describe, expect, it } from 'vitest';
import type { Booking, ProblemBody } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allBookings, harness, postJson, validBooking } from './helpers.js';

describe('REQUIRE_WORK_EMAIL', () => {
  it('refuses free-mail addresses with 422 contact_email_work_domain and a message asking for a work address', async () => {
    const h = harness({ env: { REQUIRE_WORK_EMAIL: 'true' } });
    for (const email of [
      'ada@gmail.com',
      'ada@outlook.com',
      'ada@yahoo.de',
      'ada@gmx.net',
      'ada@web.de',
      'ada@proton.me',
      'ada@icloud.com',
    ]) {
      const res = await h.request('/api/bookings', postJson(validBooking({ contact_email: email })));
      expect(res.status, email).toBe(422);
      const problem = await bodyOf<ProblemBody>(res);
      expect(problem.errors?.[0]).toMatchObject({ path: 'contact_email', rule: 'contact_email_work_domain' });
      expect(problem.errors?.[0]?.message).toMatch(/work email/);
    }
    expect(await allBookings()).toHaveLength(0);
    expect((await h.request('/api/bookings', postJson(validBooking({ contact_email: 'ada@northwind-mentoring.org' })))).status).toBe(201);
  });

  it('is off by default: a free-mail address books', async () => {
    expect((await harness().request('/api/bookings', postJson(validBooking({ contact_email: 'ada@gmail.com' })))).status).toBe(201);
  });
});

describe('consent', () => {
  it('keeps the proof: the exact words shown, when (by the server clock) and the policy', async () => {
    const h = harness();
    const text = 'I agree that Acme may contact me about this demo.';
    const before = Date.now();
    const res = await h.request(
      '/api/bookings',
      postJson(validBooking({ consent: { text, privacy_url: 'https://www.example.com/privacy' } })),
    );
    expect(res.status).toBe(201);
    const { id } = await bodyOf<Booking>(res);
    const booking = await bodyOf<Booking>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));
    expect(booking.consent_text).toBe(text);
    expect(booking.privacy_url).toBe('https://www.example.com/privacy');
    expect(Date.parse(booking.consent_at!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('refuses a claim of consent with an empty or invisible text, or a policy that is not https; none at all is fine', async () => {
    const h = harness();
    for (const consent of [{ text: '' }, { text: '   ' }, { text: '\u200b' }]) {
      const res = await h.request('/api/bookings', postJson(validBooking({ consent })));
      expect(res.status, JSON.stringify(consent)).toBe(422);
      expect((await bodyOf<ProblemBody>(res)).errors?.[0]?.rule).toBe('consent_text_required');
    }
    expect(
      (await h.request('/api/bookings', postJson(validBooking({ consent: { text: 'Yes', privacy_url: 'http://x.example/p' } })))).status,
    ).toBe(422);
    expect((await h.request('/api/bookings', postJson(validBooking({ consent: { text: 'Yes', extra: 1 } })))).status).toBe(400);
    const none = await h.request('/api/bookings', postJson(validBooking()));
    expect((await bodyOf<Booking>(none)).consent_text).toBeNull();
  });
});
