import { describe, expect, it } from 'vitest';
import type { Booking, ProblemBody } from '../../contract/api.js';
import { createBookingSchema } from '../../worker/bookings/requests.js';
import { spamReason } from '../../worker/bookings/spam.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allBookings, allTasks, harness, postJson, uniqueEmail, validBooking } from './helpers.js';
import { captured, deliver, notifyEnv } from './notify-helpers.js';

const TURNSTILE = { TURNSTILE_SECRET: '1x0000000000000000000000000000000AA' };

async function expectCaught(h: ReturnType<typeof harness>, body: Record<string, unknown>, reason: string) {
  const res = await h.request('/api/bookings', postJson(body));
  expect(res.status).toBe(201); // answered like a success
  const answer = await bodyOf<Booking>(res);
  expect(answer.status).toBe('pending');
  const row = (await allBookings()).find((b) => b.id === answer.id)!;
  expect([row.status, row.spam_reason]).toEqual(['spam', reason]);
  expect((await allTasks()).filter((t) => t.booking_id === answer.id)).toHaveLength(0);
  expect(h.email.sent.length + h.webhook.sent.length).toBe(0);
  return answer.id;
}

describe('spam defences keep everything', () => {
  it('a filled honeypot is kept as spam, with no email and no webhook', async () => {
    await expectCaught(harness(), validBooking({ hp_check: 'https://spam.example' }), 'honeypot');
  });

  it('a form sent within 1.5 s of being shown is kept as spam; a slower one is not', async () => {
    const h = harness();
    await expectCaught(h, validBooking({ elapsed_ms: 300 }), 'too_fast');
    const res = await h.request('/api/bookings', postJson(validBooking({ elapsed_ms: 4000 })));
    expect((await bodyOf<Booking>(res)).id).toBeTruthy();
    expect((await allBookings()).filter((b) => b.status === 'pending')).toHaveLength(1);
  });

  it('spam does not count toward rate_limit_per_email', async () => {
    const h = harness();
    const email = uniqueEmail();
    for (let i = 0; i < 3; i++) await expectCaught(h, validBooking({ contact_email: email, hp_check: 'x' }), 'honeypot');
    for (let i = 0; i < 3; i++)
      expect((await h.request('/api/bookings', postJson(validBooking({ contact_email: email })))).status).toBe(201);
    expect((await h.request('/api/bookings', postJson(validBooking({ contact_email: email })))).status).toBe(429);
  });

  it('an admin rescuing spam to pending sends the email and the webhook once', async () => {
    const h = harness();
    const id = await expectCaught(h, validBooking({ hp_check: 'x' }), 'honeypot');
    const rescue = () =>
      h.request(`/api/bookings/${id}`, {
        method: 'PATCH',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: '{"status":"pending"}',
      });
    const results = await Promise.all([rescue(), rescue()]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await rescue()).status).toBe(200); // already pending: a no-op
    const tasks = await allTasks();
    expect(tasks.map((t) => t.kind).sort()).toEqual(['email', 'webhook']);
    expect([h.email.sent.length, h.webhook.sent.length]).toEqual([1, 1]);

    const n = notifyEnv({ webhookPath: `/ok/${id}` });
    await deliver(h.email.sent[0]!.task_id, n.env);
    await deliver(h.webhook.sent[0]!.task_id, n.env);
    expect(n.email.sent).toHaveLength(1);
    expect(await captured(`/ok/${id}`)).toHaveLength(1);
  });
});

describe('Turnstile (siteverify answered by the test receiver)', () => {
  const h = () => harness({ env: TURNSTILE });

  it('a passing token makes a pending booking', async () => {
    const t = h();
    const res = await t.request('/api/bookings', postJson(validBooking({ turnstile_token: 'pass-1' })));
    expect(res.status).toBe(201);
    expect((await allBookings())[0]!.status).toBe('pending');
    expect(t.email.sent).toHaveLength(1);
  });

  it('a failing token and a missing token are kept as spam', async () => {
    await expectCaught(h(), validBooking({ turnstile_token: 'forged' }), 'turnstile');
    await expectCaught(h(), validBooking(), 'turnstile');
  });

  it('an expired or reused token (timeout-or-duplicate) is refused with 422 and stores nothing, so the widget can get a new one', async () => {
    const t = h();
    const res = await t.request('/api/bookings', postJson(validBooking({ turnstile_token: 'dup-1' })));
    expect(res.status).toBe(422);
    const problem = await bodyOf<ProblemBody>(res);
    expect(problem.errors?.[0]).toMatchObject({ path: 'turnstile_token', rule: 'turnstile_token_expired' });
    expect(await allBookings()).toHaveLength(0);
  });

  it('a retry with the same Idempotency-Key gets the first answer, although its single-use token is spent', async () => {
    const t = h();
    const body = validBooking({ turnstile_token: `once-${crypto.randomUUID()}` });
    const first = await t.request('/api/bookings', postJson(body, { 'idempotency-key': 'turnstile-retry' }));
    const retry = await t.request('/api/bookings', postJson(body, { 'idempotency-key': 'turnstile-retry' }));
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(await retry.json()).toEqual(await first.json());
    expect(await allBookings()).toHaveLength(1);
    // Without the key, the spent token is refused as expired.
    expect((await t.request('/api/bookings', postJson(body))).status).toBe(422);
  });

  it('without TURNSTILE_SECRET no token is needed', async () => {
    const res = await harness().request('/api/bookings', postJson(validBooking()));
    expect(res.status).toBe(201);
    expect((await allBookings())[0]!.status).toBe('pending');
  });

  it('siteverify answering an error page instead of JSON counts as unreachable: the person gets through, and it is logged', async () => {
    const input = createBookingSchema.parse(validBooking({ turnstile_token: 'any-token', elapsed_ms: 5000 }));
    const warnings: string[] = [];
    const log = { info: () => {}, error: () => {}, warn: (event: string) => warnings.push(event) };
    const htmlError = async () =>
      new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const notJson = async () => new Response('upstream says hi', { status: 200 });
    for (const fetch of [htmlError, notJson]) {
      expect(await spamReason(input, { turnstileSecret: TURNSTILE.TURNSTILE_SECRET, fetch, log })).toBeNull();
    }
    expect(warnings).toEqual(['turnstile_unreachable', 'turnstile_unreachable']);
    // A JSON verdict still decides.
    const refuses = async () => Response.json({ success: false, 'error-codes': ['invalid-input-response'] });
    expect(await spamReason(input, { turnstileSecret: TURNSTILE.TURNSTILE_SECRET, fetch: refuses, log })).toBe('turnstile');
  });
});
