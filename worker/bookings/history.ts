/**
 * A booking's history (booking_events): one entry per change, written in the
 * same D1 batch as the change, only if that change's own update applied (the
 * booking's `last_event_id` names the entry). Entries are append-only; erasure
 * may scrub the free text in their details.
 */
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { HistoryEntry } from '../../contract/api.js';
import type { BookingStatus, HistoryType } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { type BookingEvent, bookingEvents, demoBookings, type demoBookingsArchive } from '../db/schema.js';
import { selectedValues } from '../db/values.js';

/** What an entry may say beyond the status. */
/** How a booked slot was routed (SPEC 8.5), as its history and webhook carry it. */
export interface BookingRouting {
  rule: string | null;
  owner: boolean;
}

export type EventDetails = {
  preferred_date?: { from: string | null; to: string | null };
  organization_id?: { from: string | null; to: string | null };
  meeting_url?: { from: string | null; to: string | null };
  /** The rep who has the demo, before and after. */
  assigned_rep_id?: { from: string | null; to: string | null };
  /** How a booked slot was routed: the rule that matched (or null) and whether the account's owner got it. */
  routing?: BookingRouting;
  /** Free text (a cancel reason): scrubbed by erasure. */
  reason?: string;
  spam_reason?: string;
  /** The entry an `outcome_undone` corrects. */
  undoes?: string;
  /** A rep's note (a `note` entry): scrubbed by erasure. */
  note?: string;
};

/** Keys of details that may hold personal data, dropped by erasure. */
const FREE_TEXT_KEYS = ['reason', 'note'] as const;

/** A history entry, as the API and the webhook show it (contract/api.ts HistoryEntry), its details typed. */
export type EventView = HistoryEntry & { details: EventDetails };

/** A new entry (not yet written). */
export function newEvent(e: {
  bookingId: string;
  type: HistoryType;
  from: BookingStatus | null;
  to: BookingStatus | null;
  actor: string;
  now: Date;
  details?: EventDetails;
}): BookingEvent {
  return {
    id: uuidv7({ msecs: e.now.getTime() }),
    booking_id: e.bookingId,
    type: e.type,
    from_status: e.from,
    to_status: e.to,
    actor: e.actor,
    at: e.now.toISOString(),
    details: JSON.stringify(e.details ?? {}),
  };
}

/** The entry's details, read back. */
export const detailsOf = (event: Pick<BookingEvent, 'details'>): EventDetails => JSON.parse(event.details) as EventDetails;

/** The view of an entry. */
export const toEventView = (e: BookingEvent): EventView => ({
  id: e.id,
  type: e.type,
  from_status: e.from_status,
  to_status: e.to_status,
  actor: e.actor,
  at: e.at,
  details: detailsOf(e),
});

/**
 * Writes an entry only if the booking (hot, or archived with `archived`)
 * names it as its last change when the statement runs: put after the
 * booking's update in one batch, the entry exists exactly when the update did.
 */
export function insertEventIf(db: Db, event: BookingEvent, table: typeof demoBookings | typeof demoBookingsArchive = demoBookings) {
  const row = db
    .select(selectedValues(bookingEvents, event))
    .from(table)
    .where(and(eq(table.id, event.booking_id), eq(table.last_event_id, event.id)));
  return db.insert(bookingEvents).select(row);
}

/** The condition under which the things a change causes are written: the change applied. */
export const appliedCondition = (event: BookingEvent): SQL | undefined =>
  and(eq(demoBookings.id, event.booking_id), eq(demoBookings.last_event_id, event.id));

/** A booking's history, oldest first. */
export async function eventsOf(db: Db, bookingId: string): Promise<EventView[]> {
  const rows = await db.select().from(bookingEvents).where(eq(bookingEvents.booking_id, bookingId)).orderBy(asc(bookingEvents.id));
  return rows.map(toEventView);
}

/** One entry, or null. */
export async function findEvent(db: Db, id: string): Promise<BookingEvent | null> {
  const [event] = await db.select().from(bookingEvents).where(eq(bookingEvents.id, id));
  return event ?? null;
}

/** Drops the free text from a booking's entries (erasure); the entries stay. */
export const scrubEvents = (db: Db, bookingId: string) =>
  db
    .update(bookingEvents)
    .set({
      details: sql`json_remove(${bookingEvents.details}, ${sql.join(
        FREE_TEXT_KEYS.map((k) => sql`${`$.${k}`}`),
        sql`, `,
      )})`,
    })
    .where(eq(bookingEvents.booking_id, bookingId));
