/**
 * What the console draws: bookings per status, requests per week for the
 * last 12 weeks split by status, and the top last-touch sources. Each is one
 * aggregate query over an index range.
 */
import { count, desc, gte, sql } from 'drizzle-orm';
import type { Insights } from '../../contract/api.js';
import { BOOKING_STATUSES, type BookingStatus } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { demoBookings } from '../db/schema.js';

export const INSIGHT_WEEKS = 12;
const TOP_SOURCES = 8;

const zeroCounts = (): Record<BookingStatus, number> =>
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
