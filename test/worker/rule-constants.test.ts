import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../contract/limits.js';
import { bookingCopier, createWithTasks } from './notify-helpers.js';

const DAY = 86_400_000;

/**
 * Copies of one booking made through the API, for one mailbox, created at
 * the given times, inserted straight into D1 so the database's own trigger
 * (rate_limit_per_email) is what decides; true for each copy it let in.
 */
async function insertPendingAt(createdAt: Date[]) {
  const { id: template } = await createWithTasks();
  const copy = await bookingCopier(template, ['id', 'created_at', 'updated_at', 'contact_email', 'contact_mailbox']);
  const accepted: boolean[] = [];
  for (const at of createdAt) {
    accepted.push(
      await copy(crypto.randomUUID(), at.toISOString(), at.toISOString(), 'same@example.com', 'same@example.com')
        .run()
        .then(
          () => true,
          (error: Error) => (/rate_limit_per_email/.test(String(error.cause ?? error.message)) ? false : Promise.reject(error)),
        ),
    );
  }
  return accepted;
}

describe('the database and contract/limits.ts agree on rate_limit_per_email', () => {
  it(`the trigger lets in LIMITS.pendingPerEmail (${LIMITS.pendingPerEmail}) pending bookings of one mailbox and refuses the next`, async () => {
    const now = Date.now();
    const times = Array.from({ length: LIMITS.pendingPerEmail + 1 }, (_, i) => new Date(now + i * 1000));
    const accepted = await insertPendingAt(times);
    expect(accepted).toEqual([...Array(LIMITS.pendingPerEmail).fill(true), false]);
  });

  it(`the trigger counts LIMITS.pendingWindowDays (${LIMITS.pendingWindowDays}) days back, and not a minute more`, async () => {
    const now = Date.now();
    const window = LIMITS.pendingWindowDays * DAY;
    // Full up, all just inside the window of the last insert: refused.
    const inside = Array.from({ length: LIMITS.pendingPerEmail }, (_, i) => new Date(now - window + 60_000 + i * 1000));
    expect(await insertPendingAt([...inside, new Date(now)])).toEqual([...inside.map(() => true), false]);
  });

  it('bookings created just before the window no longer count', async () => {
    const now = Date.now();
    const window = LIMITS.pendingWindowDays * DAY;
    const outside = Array.from({ length: LIMITS.pendingPerEmail }, (_, i) => new Date(now - window - 60_000 - i * 1000));
    expect(await insertPendingAt([...outside, new Date(now)])).toEqual([...outside.map(() => true), true]);
  });
});
