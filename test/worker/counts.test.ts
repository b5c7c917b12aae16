/** The inbox's tabs (counts that follow the filters) and the marker an open console polls for news. */
import { describe, expect, it } from 'vitest';
import { bodyOf } from '../api-body.js';
import { ADMIN, harness } from './helpers.js';
import { createWithTasks } from './notify-helpers.js';

describe('the inbox’s tabs and its news', () => {
  it('GET /api/bookings/counts counts what the filters find, by status', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const ids = [
      (await createWithTasks({ organization_name: `Counted ${tag} A` })).id,
      (await createWithTasks({ organization_name: `Counted ${tag} B` })).id,
      (await createWithTasks({ organization_name: `Counted ${tag} C` })).id,
    ];
    const h = harness();
    const cancel = await h.request(`/api/bookings/${ids[0]}/cancel`, { method: 'POST', headers: ADMIN });
    expect(cancel.status).toBe(200);
    const res = await h.request(`/api/bookings/counts?q=Counted%20${tag}`, { headers: ADMIN });
    expect(res.status).toBe(200);
    expect((await bodyOf<{ counts: Record<string, number> }>(res)).counts).toEqual({
      pending: 2,
      spam: 0,
      confirmed: 0,
      no_show: 0,
      completed: 0,
      cancelled: 1,
    });
    expect((await h.request('/api/bookings/counts?status=pending', { headers: ADMIN })).status).toBe(400);
  });

  it('GET /api/bookings/version moves when a booking is created or changed, and only then', async () => {
    const h = harness();
    const version = async () =>
      (await bodyOf<{ version: string | null }>(await h.request('/api/bookings/version', { headers: ADMIN }))).version;
    const before = await version();
    expect(await version()).toBe(before);
    const { id } = await createWithTasks();
    const created = await version();
    expect(created).not.toBe(before);
    expect(await version()).toBe(created);
    await new Promise((r) => setTimeout(r, 5));
    await h.request(`/api/bookings/${id}/cancel`, { method: 'POST', headers: ADMIN });
    expect(await version()).not.toBe(created);
  });
});
