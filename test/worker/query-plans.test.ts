import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { demosQuery, listQuery } from '../../worker/bookings/repository.js';
import { demosQuerySchema, listQuerySchema } from '../../worker/bookings/requests.js';
import { database } from '../../worker/db/client.js';
import { claimOverduePage } from '../../worker/jobs/sweep.js';
import { ownerQuery } from '../../worker/routing/service.js';
import { loadQuery } from '../../worker/slots/pick.js';
import { busyQuery } from '../../worker/team/service.js';

const db = database(env.DB);

/** The EXPLAIN QUERY PLAN lines of a Drizzle query, as SQLite would run it. */
async function plan(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join('\n');
}

/**
 * A plan that reads no table from end to end (every access is an index
 * search or an index-ordered scan) and, unless `sorts` is allowed, never
 * sorts all matching rows (a page reads its rows already in order).
 */
function expectIndexed(detail: string, index: RegExp, sorts = false) {
  expect(detail).toMatch(index);
  expect(detail).not.toMatch(/SCAN (demo_bookings|notification_tasks)(?! USING)/);
  if (!sorts) expect(detail).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
}

describe('query plans use indexes, not table scans', () => {
  const list = (q: Record<string, string>) => listQuery(db, listQuerySchema.parse(q));
  const cursor = btoa(JSON.stringify(['2026-01-01T00:00:00.000Z', '01900000-0000-7000-8000-000000000000']));
  it.each([
    [{}, /idx_demo_bookings_created_at/],
    [{ status: 'pending' }, /idx_demo_bookings_status_created_at/],
    [{ status: 'no_show', cursor }, /idx_demo_bookings_status_created_at \(status=\? AND created_at<\?\)/],
    [{ email: 'a@example.com' }, /idx_demo_bookings_contact_email_created_at/],
    [{ created_after: '2026-01-01T00:00:00Z', created_before: '2026-02-01T00:00:00Z' }, /idx_demo_bookings_created_at/],
    [{ webhook: 'delivered' }, /idx_demo_bookings_(webhook_delivered_at|created_at)/],
    [{ webhook: 'failed' }, /idx_demo_bookings_failing_created_at/],
    [{ webhook: 'pending' }, /idx_demo_bookings_webhook_delivered_at_created_at/],
    [{ webhook: 'none' }, /idx_demo_bookings_webhook_delivered_at_created_at/],
    [{ cursor }, /idx_demo_bookings_created_at \(created_at<\?\)/],
  ])('admin list %j', async (q, index) => expectIndexed(await plan(list(q)), index));

  it('admin list by organization (few rows per organization: sorting them is fine)', async () =>
    expectIndexed(
      await plan(list({ organization_id: '01900000-0000-7000-8000-0000000000aa' })),
      /idx_demo_bookings_organization_id/,
      true,
    ));

  it('admin list searching any part of a name or address reads the trigram index, not the table', async () => {
    const detail = await plan(list({ q: 'robotics' }));
    expect(detail).toMatch(/booking_search VIRTUAL TABLE INDEX/);
    // The matches are read by rowid and sorted: a search's hits are few next to the table.
    expectIndexed(detail, /SEARCH demo_bookings USING INTEGER PRIMARY KEY \(rowid=\?\)/, true);
  });

  it('the bookings’ version an open console polls is one step down the updated_at index', async () => {
    const { results } = await env.DB.prepare('EXPLAIN QUERY PLAN SELECT max(updated_at) FROM demo_bookings').all<{ detail: string }>();
    expect(results.map((r) => r.detail).join('\n')).toMatch(/SEARCH demo_bookings USING COVERING INDEX idx_demo_bookings_updated_at/);
  });

  it('the per-mailbox count behind rate_limit_per_email (the trigger)', async () => {
    const count = await env.DB.prepare(
      "EXPLAIN QUERY PLAN SELECT count(*) FROM demo_bookings WHERE contact_mailbox = ? AND status = 'pending' AND created_at > ?",
    )
      .bind('a@example.com', '2026-01-01T00:00:00.000Z')
      .all<{ detail: string }>();
    expectIndexed(
      count.results.map((r) => r.detail).join('\n'),
      /idx_demo_bookings_contact_mailbox_created_at \(contact_mailbox=\? AND created_at>\?\)/,
    );
  });

  it.each([
    [{}, /idx_demo_bookings_slot_start \(preferred_date>\? AND preferred_date<\?\)/],
    [
      { rep_id: '01900000-0000-7000-8000-0000000000aa' },
      /idx_demo_bookings_rep_slot \(assigned_rep_id=\? AND preferred_date>\? AND preferred_date<\?\)/,
    ],
  ])('the booked demos of a window (the console’s day view and agenda) %j', async (extra, index) => {
    const q = demosQuerySchema.parse({ from: '2026-12-07T00:00:00Z', to: '2026-12-08T00:00:00Z', ...extra });
    expectIndexed(await plan(demosQuery(db, q)), index);
  });

  it('weighted round robin’s load: each rep’s last 30 days counted from the rep-and-creation index alone', async () => {
    const ids = ['01900000-0000-7000-8000-0000000000aa', '01900000-0000-7000-8000-0000000000bb'];
    expectIndexed(await plan(loadQuery(db, ids, new Date())), /USING COVERING INDEX idx_demo_bookings_rep_created/, true);
  });

  it('the account’s owner: a company’s latest booking with a rep, from the domain index', async () => {
    expectIndexed(await plan(ownerQuery(db, 'acme.example')), /idx_demo_bookings_domain_owner/);
  });

  it('the outbox sweep', async () => {
    expectIndexed(await plan(claimOverduePage(db, new Date())), /idx_notification_tasks_sweep/);
  });
});

describe('the busy read is one index range, whatever the team size', () => {
  const window = { from: '2026-12-07T00:00:00.000Z', to: '2027-01-07T00:00:00.000Z', horizonDays: 21 };
  const notScanned = (detail: string) => expect(detail).not.toMatch(/SCAN busy_intervals(?! USING)/);

  it('the active team for 31 days (what slots read): a range of the start index, reps found by key', async () => {
    const detail = await plan(busyQuery(db, window));
    expect(detail).toMatch(/SEARCH busy_intervals USING INDEX idx_busy_intervals_start \(start>\? AND start<\?\)/);
    expect(detail).toMatch(/SEARCH sales_reps USING (INDEX|PRIMARY KEY|INTEGER PRIMARY KEY|COVERING INDEX)/);
    notScanned(detail);
  });

  it('one rep (GET /api/team/{id}/busy): a range of that rep’s starts, already in order', async () => {
    const detail = await plan(busyQuery(db, { ...window, repId: '01900000-0000-7000-8000-0000000000aa' }));
    expect(detail).toMatch(/SEARCH busy_intervals USING INDEX idx_busy_intervals_rep_start \(rep_id=\? AND start>\? AND start<\?\)/);
    expect(detail).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    notScanned(detail);
  });
});
