import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { BookingDetail, ProblemBody } from '../../contract/api.js';
import { buildConfirmation } from '../../worker/messages/email.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, harness, postJson, validBooking } from './helpers.js';
import { createWithTasks, deliver, notifyEnv, recordingEmail, rows } from './notify-helpers.js';

describe('confirmation email', () => {
  it('is sent once to the requester from EMAIL_FROM, in text and HTML, and sets confirmation_sent_at', async () => {
    const { id, email: task } = await createWithTasks({ contact_email: 'Ada@Example.com', timezone: 'America/New_York' });
    const n = notifyEnv();
    const result = await deliver(task.id, n.env);
    expect(result.explicitAcks).toHaveLength(1);
    expect(n.email.sent).toHaveLength(1);
    const [mail] = n.email.sent;
    expect(mail!.to).toBe('ada@example.com');
    expect(mail!.from).toBe(env.EMAIL_FROM);
    expect(mail!.text).toContain('Northwind Mentoring');
    expect(mail!.html).toContain('Northwind Mentoring');
    const { task: after, booking } = await rows(task.id, id);
    expect(after.state).toBe('done');
    expect(booking.confirmation_sent_at).not.toBeNull();
  });

  it('shows the preferred time in UTC and in the requester’s zone', async () => {
    const at = '2027-03-10T15:30:00.000Z';
    const { email: task } = await createWithTasks({
      preferred_date: new Date(Math.max(Date.parse(at), Date.now() + 48 * 3_600_000)).toISOString(),
      timezone: 'Asia/Tokyo',
    });
    const n = notifyEnv();
    await deliver(task.id, n.env);
    const { text } = n.email.sent[0]!;
    expect(text).toMatch(/Preferred time \(UTC\): .+ UTC/);
    expect(text).toMatch(/Preferred time \(Asia\/Tokyo\): /);
    const utcLine = /Preferred time \(UTC\): .* (\d{2}):(\d{2}) UTC/.exec(text)!;
    const tokyoLine = /Preferred time \(Asia\/Tokyo\): .* (\d{2}):(\d{2})/.exec(text)!;
    expect((Number(tokyoLine[1]) - Number(utcLine[1]) + 24) % 24).toBe(9);
  });

  it('relays nothing a stranger wrote: no message and no phone, a subject of fixed words, in every language', async () => {
    const message = `Your account is locked: visit https://evil.example/login <b>now</b> ${'x'.repeat(4_900)}`;
    for (const [locale, subject] of [
      ['en', 'Your demo request'],
      ['de', 'Ihre Demo-Anfrage'],
      ['fr', 'Votre demande de démo'],
      ['es', 'Tu solicitud de demo'],
      ['ar', 'طلبك لعرض توضيحي'],
    ] as const) {
      const { email: task } = await createWithTasks({ locale, message, contact_phone: '+1 202 555 0143' });
      const n = notifyEnv();
      await deliver(task.id, n.env);
      const mail = n.email.sent[0]!;
      expect(mail.subject, locale).toBe(subject);
      for (const part of [mail.text, mail.html]) {
        expect(part, locale).not.toContain('evil.example');
        expect(part, locale).not.toContain('555 0143');
      }
      expect(mail.text, locale).toContain('Northwind Mentoring');
    }
  });

  it('refuses a name or organization that holds a link, an email address or a phone number, under their rules, in every language', async () => {
    const h = harness();
    const cases = [
      { contact_name: 'Your account is locked, visit https://evil.example' },
      { contact_name: 'Call 0800 123 4567 now' },
      { organization_name: 'Acme www.evil.example' },
      { organization_name: 'Write to help@evil.example' },
    ];
    for (const locale of ['en', 'de'] as const)
      for (const fields of cases) {
        const res = await h.request('/api/bookings', postJson(validBooking(fields), { 'accept-language': locale }));
        expect(res.status, JSON.stringify(fields)).toBe(422);
        const rule = Object.keys(fields)[0] === 'contact_name' ? 'contact_name_not_empty' : 'organization_name_not_empty';
        expect((await bodyOf<ProblemBody>(res)).errors?.map((e) => e.rule)).toEqual([rule]);
      }
    // Names people have still pass: accents, apostrophes, a company with a number, "Booking Holdings".
    for (const fields of [
      { contact_name: "Zoë O'Brien-Núñez" },
      { organization_name: '3M Deutschland GmbH' },
      { organization_name: 'Studio 54 & Co.' },
    ])
      expect((await h.request('/api/bookings', postJson(validBooking(fields)))).status, JSON.stringify(fields)).toBe(201);
  });

  it('a name with CR/LF is refused at the door, and nothing the requester typed reaches a header: the subject is fixed words', async () => {
    const refused = await harness().request(
      '/api/bookings',
      postJson(validBooking({ organization_name: 'Acme\r\nBcc: victim@example.net', contact_name: 'Eve\r\nX-Injected: 1' })),
    );
    expect(refused.status).toBe(422);
    // Defence in depth, for rows written before the input rules.
    const { id, email } = await createWithTasks();
    const mail = buildConfirmation(
      { ...(await rows(email.id, id)).booking, organization_name: `Acme\r\nBcc: v@example.net\u0085X: 1\u2028Y\u202e${'🎉'.repeat(300)}` },
      { from: env.EMAIL_FROM, timezone: null },
    );
    expect(mail.subject).toBe('Your demo request');
  });

  it('a refused send (E_RATE_LIMIT_EXCEEDED) is retried with backoff; after the 6th it is dead-lettered', async () => {
    const { id, email: task } = await createWithTasks();
    const n = notifyEnv({ email: recordingEmail({ failWith: 'E_RATE_LIMIT_EXCEEDED' }) });
    let clock = Date.now();
    for (let attempt = 1; attempt <= 6; attempt++) {
      const result = await deliver(task.id, n.env, { now: () => new Date(clock) });
      if (attempt < 6) {
        expect(result.retryMessages[0]!.delaySeconds).toBe(60 * 4 ** (attempt - 1));
        clock += 60_000 * 4 ** (attempt - 1);
      } else {
        expect(result.explicitAcks).toHaveLength(1);
      }
    }
    const { task: after, booking } = await rows(task.id, id);
    expect(after.state).toBe('failed');
    expect(after.last_error).toContain('E_RATE_LIMIT_EXCEEDED');
    expect(booking.confirmation_sent_at).toBeNull();
    expect(n.dlq.sent).toEqual([{ task_id: task.id, kind: 'email' }]);
    // The sales team sees why in the booking's notifications.
    const detail = await bodyOf<BookingDetail>(await harness().request(`/api/bookings/${id}`, { headers: ADMIN }));
    expect(detail.notifications.find((x) => x.kind === 'email')).toMatchObject({
      state: 'failed',
      attempts: 6,
      last_error: expect.stringContaining('E_RATE_LIMIT_EXCEEDED'),
    });
    expect(detail.notifications.find((x) => x.kind === 'webhook')).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('the same message delivered twice sends one email', async () => {
    const { email: task } = await createWithTasks();
    const n = notifyEnv();
    await Promise.all([deliver(task.id, n.env, {}, { id: 'dup' }), deliver(task.id, n.env, {}, { id: 'dup' })]);
    await deliver(task.id, n.env, {}, { id: 'dup', attempts: 2 });
    expect(n.email.sent).toHaveLength(1);
  });

  it('is never sent for a booking that already has confirmation_sent_at', async () => {
    const { id, email: task } = await createWithTasks();
    await env.DB.prepare("UPDATE demo_bookings SET confirmation_sent_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").bind(id).run();
    const n = notifyEnv();
    expect((await deliver(task.id, n.env)).explicitAcks).toHaveLength(1);
    expect(n.email.sent).toHaveLength(0);
    expect((await rows(task.id, id)).booking.confirmation_sent_at).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a send slower than its bound settles as a retry inside the lease; a duplicate meanwhile sends nothing more', async () => {
    const { id, email: task } = await createWithTasks();
    const n = notifyEnv({ email: recordingEmail({ slowMs: 300 }) });
    const slow = deliver(task.id, n.env, { emailTimeoutMs: 50 }, { id: 'first' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const duplicate = await deliver(task.id, n.env, { emailTimeoutMs: 50 }, { id: 'duplicate' });
    expect(duplicate.explicitAcks).toHaveLength(1); // the lease holder is working on it
    const first = await slow;
    expect(first.retryMessages).toHaveLength(1);
    const { task: after, booking } = await rows(task.id, id);
    expect(after.state).toBe('pending');
    expect(after.last_error).toBe('email not accepted (TimeoutError)');
    expect(Date.parse(after.next_attempt_at)).toBeGreaterThan(Date.now() + 50_000); // the backoff, not the lease
    expect(booking.confirmation_sent_at).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(n.email.sent).toHaveLength(1); // the slow one went out late; nothing else did
  });
});
