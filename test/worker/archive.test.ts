import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Booking, ProblemBody } from '../../contract/api.js';
import worker from '../../worker/index.js';
import { archiveOldBookings } from '../../worker/jobs/archive.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allBookings, db, harness, postJson, testLog, validBooking } from './helpers.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

async function bookingAged(days: number) {
  const res = await harness().request('/api/bookings', postJson(validBooking()));
  const { id } = await bodyOf<Booking>(res);
  await env.DB.prepare('UPDATE demo_bookings SET created_at = ?, updated_at = ? WHERE id = ?').bind(daysAgo(days), daysAgo(days), id).run();
  return id;
}

const archived = async () =>
  (
    await env.DB.prepare('SELECT id, archived_at, status FROM demo_bookings_archive').all<{
      id: string;
      archived_at: string;
      status: string;
    }>()
  ).results;

describe('yearly archive', () => {
  it('moves a booking of 366 days and keeps one of 364; a second run moves nothing', async () => {
    const young = await bookingAged(364);
    const old = await bookingAged(366);
    expect(await archiveOldBookings(db(), new Date(), testLog)).toBe(1);
    expect((await allBookings()).map((b) => b.id)).toEqual([young]);
    const [copy] = await archived();
    expect(copy!.id).toBe(old);
    expect(copy!.archived_at).not.toBeNull();
    expect(await archiveOldBookings(db(), new Date(), testLog)).toBe(0);
    expect(await archived()).toHaveLength(1);
  });

  it('a chunk failing half way leaves every row in exactly one table, and the next run finishes the job', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await bookingAged(400 - i));
    // The 4th oldest row cannot be copied: the second chunk of two fails.
    await env.DB.prepare(
      `CREATE TRIGGER test_archive_fault BEFORE INSERT ON demo_bookings_archive WHEN NEW.id = '${ids[3]}' BEGIN SELECT RAISE(ABORT, 'simulated fault'); END`,
    ).run();
    await expect(archiveOldBookings(db(), new Date(), testLog, 2)).rejects.toThrow();
    const hot = (await allBookings()).map((b) => b.id);
    const cold = (await archived()).map((b) => b.id);
    expect(cold.sort()).toEqual([ids[0], ids[1]].sort());
    expect(hot.sort()).toEqual([ids[2], ids[3], ids[4]].sort());

    await env.DB.prepare('DROP TRIGGER test_archive_fault').run();
    expect(await archiveOldBookings(db(), new Date(), testLog, 2)).toBe(3);
    expect(await allBookings()).toHaveLength(0);
    expect((await archived()).map((b) => b.id).sort()).toEqual([...ids].sort());
  });

  it('an archived booking stays readable and refuses every change', async () => {
    const id = await bookingAged(366);
    await archiveOldBookings(db(), new Date(), testLog);
    const h = harness();
    const read = await h.request(`/api/bookings/${id}`, { headers: ADMIN });
    expect(read.status).toBe(200);
    const body = await bodyOf<Booking>(read);
    expect([body.id, body.status]).toEqual([id, 'pending']);
    expect(body.archived_at).toBeTruthy();
    const patch = await h.request(`/api/bookings/${id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{"status":"confirmed"}',
    });
    expect(patch.status).toBe(409);
    expect((await bodyOf<ProblemBody>(patch)).rule).toBe('archived_booking_immutable');
    expect((await h.request(`/api/bookings/${id}/cancel`, { method: 'POST', headers: ADMIN })).status).toBe(409);
    await expect(env.DB.prepare("UPDATE demo_bookings_archive SET status = 'cancelled'").run()).rejects.toThrow(
      /archived_booking_immutable/,
    );
    await expect(env.DB.prepare('DELETE FROM demo_bookings_archive').run()).rejects.toThrow(/no_delete_of_bookings/);
    expect((await archived())[0]!.status).toBe('pending');
  });

  it('runs from the daily cron trigger (also dropping expired Idempotency-Key records); the 5-minute trigger does not', async () => {
    await bookingAged(400);
    // Two Idempotency-Key records, one past its 24 h: the daily run drops that one.
    const h = harness();
    await h.request('/api/bookings', postJson(validBooking(), { 'idempotency-key': 'old-key' }));
    await h.request('/api/bookings', postJson(validBooking(), { 'idempotency-key': 'new-key' }));
    await env.DB.prepare("UPDATE idempotency_keys SET created_at = ? WHERE key = 'old-key'").bind(daysAgo(2)).run();
    const keys = async () => (await env.DB.prepare('SELECT key FROM idempotency_keys').all<{ key: string }>()).results.map((r) => r.key);
    const tick = (cron: string) => worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), env);
    await tick('*/5 * * * *');
    expect(await archived()).toHaveLength(0);
    expect((await keys()).sort()).toEqual(['new-key', 'old-key']);
    await tick('17 3 * * *');
    expect(await archived()).toHaveLength(1);
    expect(await keys()).toEqual(['new-key']);
  });
});
