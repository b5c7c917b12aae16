/**
 * Notes on a booking: what a rep learned (who wrote what, when), kept as
 * `note` entries of its history. A note changes nothing of the booking, so
 * it announces nothing and leaves its latest change as it was; erasure drops
 * a note's text with the rest of the free text. The CSV carries them.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { inIdList } from '../db/id-list.js';
import { bookingEvents, demoBookings } from '../db/schema.js';
import { selectedValues } from '../db/values.js';
import { Problem } from '../http/problem.js';
import { detailsOf, type EventView, newEvent, toEventView } from './history.js';
import { requireChangeable } from './repository.js';

/** Adds a note by `actor` to a booking that is neither archived nor erased; the entry written. */
export async function addNote(db: Db, id: string, text: string, by: { now: Date; actor: string }): Promise<EventView> {
  const booking = await requireChangeable(db, id);
  const event = newEvent({
    bookingId: id,
    type: 'note',
    from: booking.status,
    to: booking.status,
    actor: by.actor,
    now: by.now,
    details: { note: text },
  });
  const b = demoBookings;
  // Written only while the booking is not erased, in the same statement that checks it.
  const [written] = await db
    .insert(bookingEvents)
    .select(
      db
        .select(selectedValues(bookingEvents, event))
        .from(b)
        .where(and(eq(b.id, id), isNull(b.redacted_at))),
    )
    .returning();
  if (!written)
    throw new Problem(409, 'This booking’s personal data was erased: it takes no more notes.', { rule: 'archived_booking_immutable' });
  return toEventView(written);
}

/** The notes of some bookings, oldest first, each as `2026-12-02T14:05:00.000Z ann@acme.com: text`, by booking. */
export async function notesOf(db: Db, bookingIds: string[]): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  if (bookingIds.length === 0) return notes;
  const e = bookingEvents;
  const rows = await db
    .select()
    .from(e)
    .where(and(inIdList(e.booking_id, bookingIds), eq(e.type, 'note')))
    .orderBy(asc(e.booking_id), asc(e.id));
  for (const row of rows) {
    const text = detailsOf(row).note;
    if (!text) continue; // erased
    const line = `${row.at} ${row.actor}: ${text}`;
    notes.set(row.booking_id, notes.has(row.booking_id) ? `${notes.get(row.booking_id)}\n${line}` : line);
  }
  return notes;
}
