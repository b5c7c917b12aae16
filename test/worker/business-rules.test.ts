import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Booking, CreatedBooking, ProblemBody } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allBookings, allTasks, harness, postJson, uniqueEmail, validBooking } from './helpers.js';

const create = async (h: ReturnType<typeof harness>, body = validBooking(), headers: Record<string, string> = {}) => {
  const res = await h.request('/api/bookings', postJson(body, headers));
  // One body, read as the booking created or as the refusal, whichever the status says it is.
  const answer = await bodyOf<unknown>(res);
  return { res, body: answer as CreatedBooking, problem: answer as ProblemBody };
};

describe('confirmation_email_on_create and webhook_notification_on_create', () => {
  it('a create commits the row with one email task and one webhook task, and sends one message to each queue', async () => {
    const h = harness();
    const { res, body } = await create(h);
    expect(res.status).toBe(201);
    expect(body.status).toBe('pending');
    expect(h.email.sent).toHaveLength(1);
    expect(h.webhook.sent).toHaveLength(1);
    const tasks = await allTasks();
    expect(tasks.map((t) => [t.kind, t.booking_id, t.event_type, t.state]).sort()).toEqual([
      ['email', body.id, 'demo_booking.created', 'pending'],
      ['webhook', body.id, 'demo_booking.created', 'pending'],
    ]);
    // Each message names its own task, which names the booking.
    expect(h.email.sent[0]!.task_id).toBe(tasks.find((t) => t.kind === 'email')!.id);
    expect(h.webhook.sent[0]!.task_id).toBe(tasks.find((t) => t.kind === 'webhook')!.id);
  });

  it('keeps the visitor time zone on the booking, for every later email (a rescued spam booking too)', async () => {
    const h = harness();
    await create(h, validBooking({ timezone: 'America/Chicago' }));
    await create(h, validBooking({ timezone: 'Asia/Tokyo', hp_check: 'bot' }));
    expect((await allBookings()).map((b) => [b.status, b.timezone]).sort()).toEqual([
      ['pending', 'America/Chicago'],
      ['spam', 'Asia/Tokyo'],
    ]);
  });

  it('a refused create sends nothing', async () => {
    const h = harness();
    const { res } = await create(h, validBooking({ contact_email: 'bad' }));
    expect(res.status).toBe(422);
    expect(h.email.sent.length + h.webhook.sent.length).toBe(0);
  });

  it('when the queues are down the create still answers 201 and the tasks stay in the outbox, due for the sweeper', async () => {
    const h = harness({ failQueues: true });
    const { res } = await create(h);
    expect(res.status).toBe(201);
    const tasks = await allTasks();
    expect(tasks).toHaveLength(2);
    for (const t of tasks) expect(Date.parse(t.next_attempt_at)).toBeLessThanOrEqual(Date.now() - 5 * 60_000);
  });
});

describe('rate_limit_per_email', () => {
  it('takes 3 pending bookings for one address; the 4th gets 429 with Retry-After and stores nothing', async () => {
    const h = harness();
    const email = uniqueEmail();
    for (let i = 0; i < 3; i++) expect((await create(h, validBooking({ contact_email: email }))).res.status).toBe(201);
    const { res, problem } = await create(h, validBooking({ contact_email: email.toUpperCase() }));
    expect(res.status).toBe(429);
    expect(problem.rule).toBe('rate_limit_per_email');
    expect(problem.errors?.[0]?.path).toBe('contact_email');
    // A fixed, coarse wait and the same words for every address: the answer tells nothing of when the others were made.
    expect(res.headers.get('retry-after')).toBe('86400');
    const other = harness();
    for (let i = 0; i < 3; i++) await create(other, validBooking({ contact_email: 'twin@example.com' }));
    const second = await create(other, validBooking({ contact_email: 'twin@example.com' }));
    expect([second.res.headers.get('retry-after'), second.problem.detail]).toEqual(['86400', problem.detail]);
    expect(problem.detail).not.toMatch(/\d/);
    expect(await allBookings()).toHaveLength(6);
    expect(await allTasks()).toHaveLength(12);
    expect(h.email.sent).toHaveLength(3);
  });

  it('counts one mailbox however the address is written: +tags, Gmail dots, googlemail.com; the address is kept as typed', async () => {
    const h = harness();
    for (const email of ['ada.lovelace@gmail.com', 'Ada.Lovelace+demo@gmail.com', 'adalovelace+x@googlemail.com'])
      expect((await create(h, validBooking({ contact_email: email }))).res.status).toBe(201);
    for (const email of ['a.d.a.l.o.v.e.l.a.c.e@gmail.com', 'ADALOVELACE+again@GoogleMail.com'])
      expect((await create(h, validBooking({ contact_email: email }))).res.status).toBe(429);
    expect((await allBookings()).map((b) => b.contact_email).sort()).toEqual([
      'ada.lovelace+demo@gmail.com',
      'ada.lovelace@gmail.com',
      'adalovelace+x@googlemail.com',
    ]);
    // +tags are one mailbox on every domain; dots only on Gmail.
    for (const email of ['sam+1@example.com', 'sam+2@example.com', 'sam@example.com'])
      expect((await create(h, validBooking({ contact_email: email }))).res.status).toBe(201);
    expect((await create(h, validBooking({ contact_email: 'sam+4@example.com' }))).res.status).toBe(429);
    expect((await create(h, validBooking({ contact_email: 's.am@example.com' }))).res.status).toBe(201);
  });

  it('holds under concurrency: 10 simultaneous requests for one new address store exactly 3', async () => {
    const h = harness();
    const email = uniqueEmail();
    const results = await Promise.all(Array.from({ length: 10 }, () => create(h, validBooking({ contact_email: email }))));
    const statuses = results.map((r) => r.res.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(await allBookings()).toHaveLength(3);
    expect(h.email.sent).toHaveLength(3);
  });

  it('counts only pending bookings: a confirmed one frees a place', async () => {
    const h = harness();
    const email = uniqueEmail();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create(h, validBooking({ contact_email: email }))).body.id);
    const patch = await h.request(`/api/bookings/${ids[0]}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{"status":"confirmed"}',
    });
    expect(patch.status).toBe(200);
    expect((await create(h, validBooking({ contact_email: email }))).res.status).toBe(201);
  });

  it('counts only the last 7 days', async () => {
    const h = harness();
    const email = uniqueEmail();
    for (let i = 0; i < 3; i++) await create(h, validBooking({ contact_email: email }));
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    await env.DB.prepare('UPDATE demo_bookings SET created_at = ?').bind(eightDaysAgo).run();
    expect((await create(h, validBooking({ contact_email: email }))).res.status).toBe(201);
  });
});

describe('no_delete_of_bookings', () => {
  it('DELETE /api/bookings/:id answers 405 with the rule, with or without a token, and the booking stays', async () => {
    const h = harness();
    const { body } = await create(h);
    for (const headers of [{}, ADMIN]) {
      const res = await h.request(`/api/bookings/${body.id}`, { method: 'DELETE', headers });
      expect(res.status).toBe(405);
      expect((await bodyOf<ProblemBody>(res)).rule).toBe('no_delete_of_bookings');
    }
    expect(await allBookings()).toHaveLength(1);
  });

  it('a raw DELETE through the D1 binding fails and the row is still there', async () => {
    const h = harness();
    const { body } = await create(h);
    await expect(env.DB.prepare('DELETE FROM demo_bookings WHERE id = ?').bind(body.id).run()).rejects.toThrow(/no_delete_of_bookings/);
    await expect(env.DB.prepare('DELETE FROM demo_bookings').run()).rejects.toThrow(/no_delete_of_bookings/);
    expect(await allBookings()).toHaveLength(1);
  });
});

describe('valid_status_transition', () => {
  const patch = (h: ReturnType<typeof harness>, id: string, status: string) =>
    h.request(`/api/bookings/${id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    });

  const allowed: [string[], string, number][] = [
    [[], 'confirmed', 200],
    [[], 'cancelled', 200],
    [[], 'completed', 409],
    [[], 'no_show', 409],
    [[], 'spam', 409],
    [['confirmed'], 'completed', 200],
    [['confirmed'], 'no_show', 200],
    [['confirmed'], 'pending', 409],
    [['confirmed', 'no_show'], 'confirmed', 200],
    [['confirmed', 'no_show'], 'completed', 409],
    [['confirmed', 'completed'], 'cancelled', 409],
    [['cancelled'], 'pending', 409],
    [['cancelled'], 'confirmed', 409],
  ];
  it.each(allowed)('from pending via %j to %s answers %i', async (path, to, expected) => {
    const h = harness();
    const { body } = await create(h);
    for (const step of path) expect((await patch(h, body.id, step)).status).toBe(200);
    const before = (await allBookings())[0]!;
    const res = await patch(h, body.id, to);
    expect(res.status).toBe(expected);
    const after = (await allBookings())[0]!;
    if (expected === 409) {
      expect((await bodyOf<ProblemBody>(res)).rule).toBe('valid_status_transition');
      expect(after).toEqual(before);
    } else {
      expect(after.status).toBe(to);
      expect(after.updated_at > before.updated_at || after.updated_at === before.updated_at).toBe(true);
    }
  });

  it('setting the current status again is a no-op that changes nothing', async () => {
    const h = harness();
    const { body } = await create(h);
    const before = (await allBookings())[0]!;
    const res = await patch(h, body.id, 'pending');
    expect(res.status).toBe(200);
    expect((await allBookings())[0]).toEqual(before);
  });

  it('two concurrent moves from pending, to confirmed and to cancelled, leave a status one valid path reaches', async () => {
    const h = harness();
    const { body } = await create(h);
    const results = await Promise.all([patch(h, body.id, 'confirmed'), patch(h, body.id, 'cancelled')]);
    const final = (await allBookings())[0]!.status;
    expect(results.some((r) => r.status === 200)).toBe(true);
    expect(['confirmed', 'cancelled']).toContain(final);
    for (const r of results) expect([200, 409]).toContain(r.status);
  });

  it('POST /api/bookings/:id/cancel cancels, and a cancelled booking cannot be cancelled into anything else', async () => {
    const h = harness();
    const { body } = await create(h);
    const res = await h.request(`/api/bookings/${body.id}/cancel`, { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(200);
    expect((await bodyOf<Booking>(res)).status).toBe('cancelled');
    expect((await patch(h, body.id, 'confirmed')).status).toBe(409);
  });

  it('an admin cancel writes the same demo_booking.cancelled webhook task a requester cancel does, and enqueues it', async () => {
    const h = harness();
    const { body } = await create(h);
    await h.request(`/api/bookings/${body.id}/cancel`, { method: 'POST', headers: ADMIN });
    const cancelled = (await allTasks()).filter((t) => t.booking_id === body.id && t.event_type === 'demo_booking.cancelled');
    // The webhook as for a requester's cancel; sales cancelling a pending request also tells the prospect.
    expect(cancelled.map((t) => t.kind).sort()).toEqual(['email', 'webhook']);
    expect(h.webhook.sent).toContainEqual({ task_id: cancelled.find((t) => t.kind === 'webhook')!.id, kind: 'webhook' });
    // A spam booking was never announced, so its cancel is not either.
    const spam = await create(h, validBooking({ hp_check: 'bot' }));
    await h.request(`/api/bookings/${spam.body.id}/cancel`, { method: 'POST', headers: ADMIN });
    expect((await allTasks()).filter((t) => t.booking_id === spam.body.id)).toEqual([]);
  });
});
