/** The inbox sorted by organization size, page after page (a file of its own: its bookings stay under the per-address limit). */
import { describe, expect, it } from 'vitest';
import type { BookingPage } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, harness } from './helpers.js';
import { createWithTasks } from './notify-helpers.js';

describe('inbox sorted by organization size', () => {
  it('lists the largest organizations first, newest first within a size, page after page', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const sizes = ['11-50', '1001+', null, '201-1000', '1001+', '1-10', '51-200'];
    const made: { id: string; size: string | null }[] = [];
    for (const size of sizes)
      made.push({ id: (await createWithTasks({ organization_name: `Sized ${tag}`, organization_size: size })).id, size });
    const h = harness();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.request(`/api/bookings?q=Sized%20${tag}&sort=largest&limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: ADMIN,
      });
      expect(res.status).toBe(200);
      const page = await bodyOf<BookingPage>(res);
      seen.push(...page.data.map((b) => b.id));
      cursor = page.next_cursor;
    } while (cursor);
    const rank = (s: string | null) => ['1-10', '11-50', '51-200', '201-1000', '1001+'].indexOf(s ?? '') + 1;
    const expected = made
      .map((m, i) => ({ ...m, i }))
      .sort((a, b) => rank(b.size) - rank(a.size) || b.i - a.i)
      .map((m) => m.id);
    expect(seen).toEqual(expected);
    // A newest-first cursor is not a size cursor.
    const newest = await bodyOf<BookingPage>(await h.request(`/api/bookings?q=Sized%20${tag}&limit=2`, { headers: ADMIN }));
    expect((await h.request(`/api/bookings?q=Sized%20${tag}&sort=largest&cursor=${newest.next_cursor}`, { headers: ADMIN })).status).toBe(
      400,
    );
  });
});
