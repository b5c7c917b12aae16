/**
 * What the console draws: bookings per status, requests per week for the
 * last 12 weeks split by status, and the top last-touch sources; and the
 * report, a period's funnel (requested → confirmed → completed, no-shows) by
 * week, month, source or campaign. Each is one aggregate query over an
 * index range.
 */
import { and, asc, count, desc, gte, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Funnel, Insights, Report } from '../../contract/api.js';
import { BOOKING_STATUSES, type BookingStatus } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { demoBookings } from '../db/schema.js';

export const INSIGHT_WEEKS = 12;
const TOP_SOURCES = 8;

/** A count of 0 for every status. */
export const zeroCounts = (): Record<BookingStatus, number> =>
  Object.fromEntries(BOOKING_STATUSES.map((s) => [s, 0])) as Record<BookingStatus, number>;

/** Monday 00:00 UTC of the week `now` is in, as YYYY-MM-DD. */
function mondayOf(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

/** The console's numbers, as of `now`. */
export async function bookingInsights(db: Db, now: Date): Promise<Insights> {
  const b = demoBookings;
  const first = mondayOf(now);
  first.setUTCDate(first.getUTCDate() - 7 * (INSIGHT_WEEKS - 1));
  const since = first.toISOString();
  const week = sql<string>`date(${b.created_at}, '-6 days', 'weekday 1')`;
  const [byStatus, byWeek, bySource] = await db.batch([
    db.select({ status: b.status, n: count() }).from(b).groupBy(b.status),
    db.select({ week, status: b.status, n: count() }).from(b).where(gte(b.created_at, since)).groupBy(week, b.status),
    db
      .select({ utm_source: b.utm_source, n: count() })
      .from(b)
      .where(gte(b.created_at, since))
      .groupBy(b.utm_source)
      .orderBy(desc(count()))
      .limit(TOP_SOURCES),
  ]);
  const counts = zeroCounts();
  for (const row of byStatus) counts[row.status] = row.n;
  const weeks = Array.from({ length: INSIGHT_WEEKS }, (_, i) => {
    const d = new Date(first);
    d.setUTCDate(d.getUTCDate() + 7 * i);
    return { week: d.toISOString().slice(0, 10), counts: zeroCounts() };
  });
  for (const row of byWeek) {
    const slot = weeks.find((w) => w.week === row.week);
    if (slot) slot.counts[row.status] = row.n;
  }
  return { counts, weeks, sources: bySource.map((r) => ({ utm_source: r.utm_source, count: r.n })) };
}

/** The most sources or campaigns a report lists (the total counts them all). */
const REPORT_KEYS_MAX = 50;

/** A funnel's counts over the rows of a query, by each booking's status now. */
const funnel = () => {
  const b = demoBookings;
  return {
    requested: count(),
    confirmed: sql<number>`coalesce(sum(${b.status} in ('confirmed', 'completed', 'no_show')), 0)`,
    completed: sql<number>`coalesce(sum(${b.status} = 'completed'), 0)`,
    no_show: sql<number>`coalesce(sum(${b.status} = 'no_show'), 0)`,
    cancelled: sql<number>`coalesce(sum(${b.status} = 'cancelled'), 0)`,
  };
};

/** The requests created in [from, to) (spam left out), grouped `by`, with the period's total. */
export async function conversionReport(db: Db, q: { from: string; to: string; by: Report['by'] }): Promise<Report> {
  const b = demoBookings;
  const from = new Date(q.from).toISOString();
  const to = new Date(q.to).toISOString();
  const key: SQL<string | null> = {
    week: sql<string>`date(${b.created_at}, '-6 days', 'weekday 1')`,
    month: sql<string>`substr(${b.created_at}, 1, 7)`,
    source: sql<string | null>`${b.utm_source}`,
    campaign: sql<string | null>`${b.utm_campaign}`,
  }[q.by];
  const inPeriod = and(gte(b.created_at, from), lt(b.created_at, to), ne(b.status, 'spam'));
  const byTime = q.by === 'week' || q.by === 'month';
  const [rows, [total]] = await db.batch([
    db
      .select({ key, ...funnel() })
      .from(b)
      .where(inPeriod)
      .groupBy(key)
      .orderBy(...(byTime ? [asc(key)] : [desc(count()), sql`${key} is null`, asc(key)]))
      .limit(byTime ? -1 : REPORT_KEYS_MAX),
    db.select(funnel()).from(b).where(inPeriod),
  ]);
  const zero: Funnel = { requested: 0, confirmed: 0, completed: 0, no_show: 0, cancelled: 0 };
  return { from, to, by: q.by, rows, total: total ?? zero };
}
