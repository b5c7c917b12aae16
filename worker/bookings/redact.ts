/**
 * Erasure on request (GDPR art. 17) without deleting the row: the personal
 * fields are overwritten, the audit trail (id, status, dates, attribution)
 * stays, and the answers kept for Idempotency-Key replays are dropped. The
 * history keeps its entries (the audit trail outlives erasure) without their
 * free text, and gains a `redacted` entry.
 * Works on hot and archived bookings alike; repeating it changes nothing.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { canonicalMailbox } from '../../contract/rules.js';
import type { Db } from '../db/client.js';
import { type Booking, demoBookings, demoBookingsArchive } from '../db/schema.js';
import { forgetBooking } from '../http/idempotency.js';
import type { Log } from '../log.js';
import { insertEventIf, newEvent, scrubEvents } from './history.js';
import { pageOnly } from './privacy.js';
import { requireBooking } from './repository.js';

export const REDACTED = '[redacted]';

/**
 * What the personal fields become. The email stays unique per booking so no
 * rule groups redacted rows. Attribution keeps where the request came from
 * (the page, without its query) but no free text that could name someone.
 */
export const redactedFields = (id: string, at: string, row: Pick<Booking, 'source_url' | 'referrer' | 'landing_page' | 'privacy_url'>) => ({
  organization_name: REDACTED,
  contact_name: REDACTED,
  contact_email: `redacted+${id}@redacted.invalid`,
  contact_mailbox: `redacted+${id}@redacted.invalid`,
  contact_phone: null,
  message: null,
  ip_address: null,
  source_url: pageOnly(row.source_url),
  landing_page: pageOnly(row.landing_page),
  referrer: pageOnly(row.referrer),
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  utm_term: null,
  utm_content: null,
  click_ids: null,
  first_touch: null,
  // That consent was given, and when, stays (consent_at); the words and the policy's query go.
  consent_text: null,
  privacy_url: pageOnly(row.privacy_url),
  redacted_at: at,
  updated_at: at,
});

/** Redacts a booking on behalf of `actor`; 404 when there is none. */
export async function redactBooking(db: Db, id: string, by: { now: Date; actor: string; log: Log }): Promise<Booking> {
  const { now, log } = by;
  const found = await requireBooking(db, id);
  if (found.row.redacted_at) return found.row;
  const table = found.archived ? demoBookingsArchive : demoBookings;
  const status = found.row.status;
  const event = newEvent({ bookingId: id, type: 'redacted', from: status, to: status, actor: by.actor, now });
  const [[redacted]] = await db.batch([
    db
      .update(table)
      .set({ ...redactedFields(id, now.toISOString(), found.row), last_event_id: event.id })
      .where(and(eq(table.id, id), isNull(table.redacted_at)))
      .returning(),
    insertEventIf(db, event, table),
    scrubEvents(db, id),
    forgetBooking(db, id),
  ]);
  log.info('booking_redacted', { booking_id: id, archived: found.archived });
  return redacted ?? (await requireBooking(db, id)).row;
}

/** The most bookings one erasure by email reaches; the answer says when more are left. */
export const ERASE_PERSON_MAX = 200;

/**
 * Erases every booking, hot or archived, of the person whose mailbox the
 * address delivers to (contract canonicalMailbox: `Ann+demo@x.com` is
 * `ann@x.com`), each as redactBooking does. Each booking is erased whole or
 * not at all, so a failure halfway is finished by asking again.
 */
export async function redactPerson(
  db: Db,
  email: string,
  by: { now: Date; actor: string; log: Log },
): Promise<{ booking_ids: string[]; more: boolean }> {
  const mailbox = canonicalMailbox(email);
  const whose = (t: typeof demoBookings | typeof demoBookingsArchive) =>
    db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.contact_mailbox, mailbox), isNull(t.redacted_at)))
      .limit(ERASE_PERSON_MAX + 1);
  const [hot, archived] = await db.batch([whose(demoBookings), whose(demoBookingsArchive)]);
  const ids = [...hot, ...archived].map((r) => r.id);
  for (const id of ids.slice(0, ERASE_PERSON_MAX)) await redactBooking(db, id, by);
  return { booking_ids: ids.slice(0, ERASE_PERSON_MAX), more: ids.length > ERASE_PERSON_MAX };
}
