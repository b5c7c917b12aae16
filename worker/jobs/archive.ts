/**
 * The yearly archive: bookings whose created_at is more than 365
 * days old move from demo_bookings to demo_bookings_archive in chunks. Each
 * chunk is copied and removed in one D1 batch, so a crash between chunks
 * loses nothing and duplicates nothing; the next run continues. Each moved
 * booking's history gains an `archived` entry in the same batch.
 */
import { and, asc, getTableColumns, inArray, lt, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ACTOR_SYSTEM } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { bookingEvents, demoBookings, demoBookingsArchive } from '../db/schema.js';
import type { Log } from '../log.js';

/** Rows per chunk: one id per bound parameter, under D1's 100 per statement. */
export const ARCHIVE_CHUNK = 90;
/** Chunks per run: keeps one run well inside a cron invocation's limits. */
export const ARCHIVE_MAX_CHUNKS = 200;
export const ARCHIVE_AFTER_DAYS = 365;

/**
 * Moves one chunk of the oldest expired bookings.
 *
 * @returns how many rows moved (0 when nothing is left).
 */
export async function archiveChunk(db: Db, now: Date, size = ARCHIVE_CHUNK): Promise<number> {
  const cutoff = new Date(now.getTime() - ARCHIVE_AFTER_DAYS * 86_400_000).toISOString();
  const due = await db
    .select({ id: demoBookings.id })
    .from(demoBookings)
    .where(lt(demoBookings.created_at, cutoff))
    .orderBy(asc(demoBookings.created_at))
    .limit(size);
  if (due.length === 0) return 0;
  const ids = due.map((r) => r.id);
  const archivedAt = now.toISOString();
  // One history entry per booking; their ids travel as one bound JSON object {booking id: entry id}.
  const entryIds = JSON.stringify(Object.fromEntries(ids.map((id) => [id, uuidv7({ msecs: now.getTime() })])));
  const b = demoBookings;
  const value = <T>(expression: ReturnType<typeof sql<T>>, name: string) => expression.as(name);
  const entries = db
    .select({
      id: value(sql<string>`json_extract(${entryIds}, '$."' || ${b.id} || '"')`, 'id'),
      booking_id: value(sql<string>`${b.id}`, 'booking_id'),
      type: value(sql<'archived'>`'archived'`, 'type'),
      from_status: value(sql<string>`${b.status}`, 'from_status'),
      to_status: value(sql<string>`${b.status}`, 'to_status'),
      actor: value(sql<string>`${ACTOR_SYSTEM}`, 'actor'),
      at: value(sql<string>`${archivedAt}`, 'at'),
      details: value(sql<string>`'{}'`, 'details'),
    })
    .from(b)
    .where(and(inArray(b.id, ids), lt(b.created_at, cutoff)));
  // The no-delete trigger lets a row go only once its copy exists, which the
  // first statement of this same transaction makes.
  await db.batch([
    db.insert(bookingEvents).select(entries),
    db.insert(demoBookingsArchive).select(
      db
        .select({ ...getTableColumns(demoBookings), archived_at: sql<string>`${archivedAt}`.as('archived_at') })
        .from(demoBookings)
        .where(and(inArray(demoBookings.id, ids), lt(demoBookings.created_at, cutoff))),
    ),
    db.delete(demoBookings).where(inArray(demoBookings.id, ids)),
  ]);
  return ids.length;
}

/**
 * Runs chunks until nothing is due (or the per-run cap), logging the count.
 *
 * @returns how many rows moved in this run.
 */
export async function archiveOldBookings(db: Db, now: Date, log: Log, chunkSize = ARCHIVE_CHUNK): Promise<number> {
  let moved = 0;
  for (let chunk = 0; chunk < ARCHIVE_MAX_CHUNKS; chunk++) {
    const n = await archiveChunk(db, now, chunkSize);
    moved += n;
    if (n < chunkSize) break;
  }
  log.info('bookings_archived', { moved, older_than_days: ARCHIVE_AFTER_DAYS });
  return moved;
}
