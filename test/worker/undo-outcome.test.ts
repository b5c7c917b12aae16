/** An outcome recorded by mistake (completed, no-show) is undone within minutes, as a correction in the history. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Booking, BookingDetail, ProblemBody } from '../../contract/api.js';
import { LIMITS } from '../../contract/limits.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allTasks, harness, postJson, validBooking } from './helpers.js';

const h = harness();

const patch = (id: string, body: Record<string, unknown>) =>
  h.request(`/api/bookings/${id}`, {
    method: 'PATCH',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const undo = (id: string) => h.request(`/api/bookings/${id}/undo-outcome`, { method: 'POST', headers: ADMIN });
const detail = async (id: string) => bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));

/** A confirmed demo, then the outcome recorded on it through the admin API. */
async function withOutcome(outcome: 'completed' | 'no_show') {
  const { id } = await bodyOf<Booking>(await h.request('/api/bookings', postJson(validBooking())));
  const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
  expect((await patch(id, { status: 'confirmed', preferred_date: at })).status).toBe(200);
  expect((await patch(id, { status: outcome })).status).toBe(200);
  return id;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('undo of an outcome', () => {
  it.each(['completed', 'no_show'] as const)(
    '%s goes back to confirmed, as an entry naming the one it corrects, announced to sales tools',
    async (outcome) => {
      const id = await withOutcome(outcome);
      const res = await undo(id);
      expect(res.status).toBe(200);
      expect((await bodyOf<Booking>(res)).status).toBe('confirmed');
      const { events, status } = await detail(id);
      expect(status).toBe('confirmed');
      const [recorded, undone] = events.slice(-2);
      expect(recorded?.type).toBe(outcome);
      expect(undone).toMatchObject({
        type: 'outcome_undone',
        from_status: outcome,
        to_status: 'confirmed',
        details: { undoes: recorded?.id },
      });
      const tasks = (await allTasks()).filter((t) => t.booking_id === id && t.event_type === 'demo_booking.outcome_undone');
      expect(tasks.map((t) => t.kind)).toEqual(['webhook']); // the prospect never heard of the outcome
      // The demo can then be recorded again, rightly.
      expect((await patch(id, { status: 'no_show' })).status).toBe(200);
    },
  );

  it(`is refused after ${LIMITS.outcomeUndoMinutes} minutes, when the outcome is not the latest change, and with no outcome; nothing changes`, async () => {
    const late = await withOutcome('completed');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + LIMITS.outcomeUndoMinutes * 60_000 + 1000);
    const refused = await undo(late);
    expect(refused.status).toBe(409);
    expect((await bodyOf<ProblemBody>(refused)).rule).toBe('outcome_undo_window');
    vi.useRealTimers();
    expect((await detail(late)).status).toBe('completed');

    const twice = await withOutcome('no_show');
    expect((await undo(twice)).status).toBe(200);
    expect((await undo(twice)).status).toBe(409); // the latest entry is the undo now
    expect((await detail(twice)).events.filter((e) => e.type === 'outcome_undone')).toHaveLength(1);

    const { id: pending } = await bodyOf<Booking>(await h.request('/api/bookings', postJson(validBooking())));
    expect((await undo(pending)).status).toBe(409);
    expect((await detail(pending)).status).toBe('pending');
  });

  it('two undos at once: one applies, the other is refused; one entry, one webhook', async () => {
    const id = await withOutcome('completed');
    const answers = await Promise.all([undo(id), undo(id), undo(id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await detail(id)).events.filter((e) => e.type === 'outcome_undone')).toHaveLength(1);
    expect((await allTasks()).filter((t) => t.booking_id === id && t.event_type === 'demo_booking.outcome_undone')).toHaveLength(1);
  });
});
