/** The report: a period's funnel by week, month, source or campaign, as a sales manager reads it. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, harness } from './helpers.js';
import { createWithTasks } from './notify-helpers.js';

/** A booking created at `at` with a campaign, a source and a status now. */
async function booking(at: string, utm_campaign: string | null, status: string, utm_source = 'linkedin') {
  const { id } = await createWithTasks({ utm_campaign, utm_source });
  await env.DB.prepare('UPDATE demo_bookings SET created_at = ?, status = ? WHERE id = ?').bind(at, status, id).run();
}

const report = async (query: string) => {
  const res = await harness().request(`/api/bookings/report?${query}`, { headers: ADMIN });
  expect(res.status).toBe(200);
  return bodyOf<Report>(res);
};

describe('GET /api/bookings/report', () => {
  it('counts each campaign’s requests, demos confirmed, completed and missed in the period; spam and other periods stay out', async () => {
    await booking('2025-03-03T09:00:00.000Z', 'spring', 'completed');
    await booking('2025-03-04T09:00:00.000Z', 'spring', 'no_show');
    await booking('2025-03-12T09:00:00.000Z', 'spring', 'confirmed');
    await booking('2025-03-20T09:00:00.000Z', 'spring', 'pending');
    await booking('2025-03-21T09:00:00.000Z', 'spring', 'spam');
    await booking('2025-03-30T23:59:00.000Z', 'autumn', 'cancelled', 'google');
    await booking('2025-03-15T09:00:00.000Z', null, 'completed', 'google');
    await booking('2025-04-01T00:00:00.000Z', 'spring', 'completed');
    await booking('2025-02-28T23:59:59.000Z', 'spring', 'completed');

    const byCampaign = await report('from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z&by=campaign');
    expect(byCampaign.rows).toEqual([
      { key: 'spring', requested: 4, confirmed: 3, completed: 1, no_show: 1, cancelled: 0 },
      { key: 'autumn', requested: 1, confirmed: 0, completed: 0, no_show: 0, cancelled: 1 },
      { key: null, requested: 1, confirmed: 1, completed: 1, no_show: 0, cancelled: 0 },
    ]);
    expect(byCampaign.total).toEqual({ requested: 6, confirmed: 4, completed: 2, no_show: 1, cancelled: 1 });

    const bySource = await report('from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z&by=source');
    expect(bySource.rows.map((r) => [r.key, r.requested])).toEqual([
      ['linkedin', 4],
      ['google', 2],
    ]);

    const byWeek = await report('from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z&by=week');
    expect(byWeek.rows.map((r) => [r.key, r.requested])).toEqual([
      ['2025-03-03', 2],
      ['2025-03-10', 2],
      ['2025-03-17', 1],
      ['2025-03-24', 1],
    ]);
    const byMonth = await report('from=2025-01-01T00:00:00Z&to=2025-05-01T00:00:00Z&by=month');
    expect(byMonth.rows.map((r) => [r.key, r.requested, r.completed])).toEqual([
      ['2025-02', 1, 1],
      ['2025-03', 6, 2],
      ['2025-04', 1, 1],
    ]);
  });

  it('an empty period answers zeros; a period backwards, too long or without bounds is refused', async () => {
    const empty = await report('from=2019-01-01T00:00:00Z&to=2019-02-01T00:00:00Z&by=campaign');
    expect(empty).toMatchObject({ rows: [], total: { requested: 0, confirmed: 0, completed: 0, no_show: 0, cancelled: 0 } });
    for (const query of [
      'from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z',
      'from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z',
      'by=week',
    ])
      expect((await harness().request(`/api/bookings/report?${query}`, { headers: ADMIN })).status, query).toBe(400);
  });
});
