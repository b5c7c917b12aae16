/**
 * Who gets a booked slot among the reps free for it (SPEC 8.5, last part):
 * weighted round robin. The rep with the fewest bookings in the last 30 days
 * per unit of weight first, then the one assigned longest ago, then by id.
 * The booking then tries them in this order: the database refuses a rep
 * whose time another booking took first, and the next one is tried.
 */
import { and, count, gt, max, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { inIdList } from '../db/id-list.js';
import { demoBookings } from '../db/schema.js';
import type { EligibleRep } from './service.js';

const WINDOW_MS = 30 * 86_400_000;

/** The reps in the order a booking tries them. */
/** Each rep's bookings of the last 30 days and their latest, read from the rep-and-creation index alone. */
export function loadQuery(db: Db, repIds: string[], now: Date) {
  return db
    .select({ rep_id: demoBookings.assigned_rep_id, n: count(), last: max(demoBookings.created_at) })
    .from(demoBookings)
    .where(
      and(
        inIdList(demoBookings.assigned_rep_id, repIds),
        gt(demoBookings.created_at, new Date(now.getTime() - WINDOW_MS).toISOString()),
        ne(demoBookings.status, 'spam'),
      ),
    )
    .groupBy(demoBookings.assigned_rep_id);
}

export async function roundRobinOrder(db: Db, reps: EligibleRep[], now: Date): Promise<EligibleRep[]> {
  if (reps.length < 2) return reps;
  const rows = await loadQuery(
    db,
    reps.map((r) => r.rep.id),
    now,
  );
  const load = new Map(rows.map((r) => [r.rep_id, r]));
  const key = (r: EligibleRep) => ({ share: (load.get(r.rep.id)?.n ?? 0) / r.rep.weight, last: load.get(r.rep.id)?.last ?? '' });
  return [...reps].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka.share - kb.share || ka.last.localeCompare(kb.last) || a.rep.id.localeCompare(b.rep.id);
  });
}
