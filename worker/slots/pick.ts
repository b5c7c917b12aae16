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

/** A rep's load: bookings in the last 30 days and the latest one's creation. */
export interface Load {
  n: number;
  last: string;
}

/** The reps in the order a booking tries them, with the loads that ordered them. */
export async function roundRobin(db: Db, reps: EligibleRep[], now: Date): Promise<{ order: EligibleRep[]; load: Map<string, Load> }> {
  if (reps.length < 2) return { order: reps, load: new Map() };
  const rows = await loadQuery(
    db,
    reps.map((r) => r.rep.id),
    now,
  );
  const load = new Map(rows.map((r) => [r.rep_id ?? '', { n: r.n, last: r.last ?? '' }]));
  const key = (r: EligibleRep) => ({ share: (load.get(r.rep.id)?.n ?? 0) / r.rep.weight, last: load.get(r.rep.id)?.last ?? '' });
  const order = [...reps].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka.share - kb.share || ka.last.localeCompare(kb.last) || a.rep.id.localeCompare(b.rep.id);
  });
  return { order, load };
}
