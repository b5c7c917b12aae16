import { describe, expect, it } from 'vitest';
import type { Booking, BookingPage, ProblemBody } from '../../contract/api.js';
import { MAX_ATTEMPTS } from '../../worker/notify/backoff.js';
import { bodyOf } from '../api-body.js';
import { parseCsv } from '../csv.js';
import { ADMIN, harness } from './helpers.js';
import { createWithTasks, deliver, notifyEnv, recordingEmail } from './notify-helpers.js';

const DAY = 86_400_000;

/** Every attempt at the email refused by the email service, a day apart, until it is dead-lettered. */
async function failEveryAttempt(taskId: string) {
  const refusing = notifyEnv({ email: recordingEmail({ failWith: 'E_SENDER_NOT_VERIFIED' }) });
  for (let n = 1; n <= MAX_ATTEMPTS; n++) await deliver(taskId, refusing.env, { now: () => new Date(Date.now() + n * DAY) });
  return refusing.dlq.sent;
}

describe('email_status: a failed confirmation email is visible and can be sent again', () => {
  it('reads failed after the last attempt, is listed by the filter and in the CSV, and a resend delivers it', async () => {
    const h = harness();
    const { id, email } = await createWithTasks();
    const { id: fine } = await createWithTasks();
    const read = async (bookingId: string) =>
      (await bodyOf<Booking>(await h.request(`/api/bookings/${bookingId}`, { headers: ADMIN }))).email_status;
    const listed = async (state: string) =>
      (await bodyOf<BookingPage>(await h.request(`/api/bookings?email_status=${state}`, { headers: ADMIN }))).data.map((b) => b.id);
    expect(await read(id)).toBe('pending');

    expect(await failEveryAttempt(email.id)).toEqual([{ task_id: email.id, kind: 'email' }]);
    expect(await read(id)).toBe('failed');
    expect(await listed('failed')).toEqual([id]);
    expect(await listed('pending')).toEqual([fine]);

    const csv = await (await h.request('/api/bookings/export.csv?email_status=failed', { headers: ADMIN })).text();
    const [header, ...rows] = parseCsv(csv, ',');
    expect(rows.map((r) => r[header!.indexOf('id')])).toEqual([id]);
    expect(rows[0]![header!.indexOf('email_status')]).toBe('failed');

    const res = await h.request(`/api/bookings/${id}/email/resend`, { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(202);
    expect(h.email.sent).toEqual([{ task_id: email.id, kind: 'email' }]);
    expect(await listed('failed')).toEqual([]);
    const working = notifyEnv();
    await deliver(email.id, working.env);
    expect(working.email.sent).toHaveLength(1);
    expect(await read(id)).toBe('sent');
  });

  it('a resend with no failed email is refused with email_not_failed and changes nothing', async () => {
    const h = harness();
    const { id } = await createWithTasks();
    const res = await h.request(`/api/bookings/${id}/email/resend`, { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(409);
    expect((await bodyOf<ProblemBody>(res)).rule).toBe('email_not_failed');
    expect(h.email.sent).toEqual([]);
  });
});
