/**
 * Reading bookings: one booking (hot or archived), a filtered page, and its
 * notifications. The one place that says "no booking has this id".
 */
import { and, count, desc, eq, gt, gte, isNotNull, isNull, lt, lte, max, ne, not, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import {
  type BookingStatus,
  type EmailState,
  ORGANIZATION_SIZES,
  type OrganizationSize,
  type WebhookState,
} from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { type ArchivedBooking, type Booking, demoBookings, demoBookingsArchive, notificationTasks } from '../db/schema.js';
import { NO_SUCH_BOOKING } from '../http/openapi.js';
import { Problem } from '../http/problem.js';
import { recipientOf } from '../notify/recipient.js';
import { zeroCounts } from './insights.js';
import type { DemosQuery, ListQuery } from './requests.js';
import { type BookingView, toView } from './view.js';

/** A booking as found: the row, and whether it lives in the archive. */
export type FoundBooking = { row: Booking; archived: false } | { row: ArchivedBooking; archived: true };

/** An organization's size as a number to sort by: 0 when not given, then smallest to largest. */
const sizeRank = (size: string | null) => ORGANIZATION_SIZES.indexOf(size as OrganizationSize) + 1;
const SIZE_RANK = sql<number>`(CASE ${demoBookings.organization_size} ${sql.join(
  ORGANIZATION_SIZES.map((s, i) => sql.raw(`WHEN '${s}' THEN ${i + 1}`)),
  sql` `,
)} ELSE 0 END)`;

/** Where the next page starts: the last row's created_at and id, led by its size rank when the list is sorted by size. */
type Cursor = [string, string] | [number, string, string];

const encodeCursor = (row: Pick<Booking, 'created_at' | 'id' | 'organization_size'>, sort: ListQuery['sort']) =>
  btoa(JSON.stringify(sort === 'largest' ? [sizeRank(row.organization_size), row.created_at, row.id] : [row.created_at, row.id])).replace(
    /=+$/,
    '',
  );

function decodeCursor(cursor: string, sort: ListQuery['sort']): Cursor {
  try {
    const value: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(value)) {
      const [a, b, c] = value;
      if (sort !== 'largest' && value.length === 2 && typeof a === 'string' && typeof b === 'string') return [a, b];
      if (sort === 'largest' && value.length === 3 && Number.isInteger(a) && typeof b === 'string' && typeof c === 'string')
        return [a, b, c];
    }
  } catch {
    // fall through to the refusal below
  }
  throw new Problem(400, 'The cursor is not one this API issued.', { rule: 'invalid_cursor' });
}

/** The fewest characters the trigram index answers; a shorter search reads organizations that start with it. */
const SEARCH_INDEXED_MIN = 3;

/**
 * Bookings whose organization, contact name or email (so also its domain)
 * contains the text, any case and accents (migration 0026's trigram index,
 * as one FTS5 phrase). One or two characters: organizations starting with them.
 */
function search(text: string): SQL {
  const t = demoBookings;
  if ([...text].length < SEARCH_INDEXED_MIN) return sql`instr(lower(${t.organization_name}), lower(${text})) = 1`;
  const phrase = `"${text.replaceAll('"', '""')}"`;
  return sql`${t}.rowid IN (SELECT rowid FROM booking_search WHERE booking_search MATCH ${phrase})`;
}

/** view.ts neverAnnounced, as SQL. */
const neverAnnounced = () => {
  const t = demoBookings;
  return or(eq(t.status, 'spam'), isNotNull(t.redacted_at), and(isNotNull(t.spam_reason), eq(t.status, 'cancelled'))) ?? sql`0`;
};

/**
 * The rows of one delivery state (view.ts deliveryState) of a channel, given
 * its failed and done columns, each an index range: `failed` from the
 * channel's partial index, the others on its done column.
 */
function deliveryFilter(failed: SQLiteColumn, done: SQLiteColumn, state: WebhookState | EmailState): SQL | undefined {
  switch (state) {
    case 'failed':
      return isNotNull(failed);
    case 'none':
      return and(isNull(done), isNull(failed), neverAnnounced());
    case 'pending':
      return and(isNull(done), isNull(failed), not(neverAnnounced()));
    default: // delivered, sent
      return and(isNotNull(done), isNull(failed));
  }
}

/** The list's filters as conditions. */
function filtersOf(q: Omit<ListQuery, 'limit' | 'cursor' | 'sort'> & { exclude_spam?: boolean }): (SQL | undefined)[] {
  const t = demoBookings;
  return [
    q.status ? eq(t.status, q.status) : q.exclude_spam ? ne(t.status, 'spam') : undefined,
    q.email ? eq(t.contact_email, q.email) : undefined,
    q.q ? search(q.q) : undefined,
    q.organization_id ? eq(t.organization_id, q.organization_id) : undefined,
    q.utm_source ? eq(t.utm_source, q.utm_source) : undefined,
    q.utm_campaign ? eq(t.utm_campaign, q.utm_campaign) : undefined,
    q.created_after ? gt(t.created_at, new Date(q.created_after).toISOString()) : undefined,
    q.created_before ? lt(t.created_at, new Date(q.created_before).toISOString()) : undefined,
    q.webhook ? deliveryFilter(t.webhook_failed_at, t.webhook_delivered_at, q.webhook) : undefined,
    q.email_status ? deliveryFilter(t.email_failed_at, t.confirmation_sent_at, q.email_status) : undefined,
  ];
}

/** The query behind a list page: filters, keyset condition, newest first, one row more than the page. */
export function listQuery(db: Db, q: ListQuery & { exclude_spam?: boolean }) {
  const t = demoBookings;
  const where = filtersOf(q);
  if (q.sort === 'largest') {
    // Largest organization first, newest first within a size: the filter's rows are sorted (narrow it with a period).
    if (q.cursor) {
      const [rank, at, id] = decodeCursor(q.cursor, q.sort) as [number, string, string];
      where.push(sql`(${SIZE_RANK}, ${t.created_at}, ${t.id}) < (${rank}, ${at}, ${id})`);
    }
    return db
      .select()
      .from(t)
      .where(and(...where))
      .orderBy(desc(SIZE_RANK), desc(t.created_at), desc(t.id))
      .limit(q.limit + 1);
  }
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, q.sort) as [string, string];
    // (created_at, id) < (at, id), written so that created_at bounds an index range.
    where.push(and(lte(t.created_at, at), or(lt(t.created_at, at), lt(t.id, id))));
  }
  return db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(desc(t.created_at), desc(t.id))
    .limit(q.limit + 1);
}

/**
 * The bookings' version: the time of their latest change (every change,
 * a delivery's included, sets updated_at), one step down its index. An open
 * console reads the list again only when it moved.
 */
export async function bookingsVersion(db: Db): Promise<string | null> {
  const [row] = await db.select({ at: max(demoBookings.updated_at) }).from(demoBookings);
  return row?.at ?? null;
}

/** How many bookings of each status the list's filters find (the status filter aside): the console's tabs. */
export async function statusCounts(
  db: Db,
  q: Omit<ListQuery, 'limit' | 'cursor' | 'sort' | 'status'>,
): Promise<Record<BookingStatus, number>> {
  const t = demoBookings;
  const rows = await db
    .select({ status: t.status, n: count() })
    .from(t)
    .where(and(...filtersOf(q)))
    .groupBy(t.status);
  const counts = zeroCounts();
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** Bookings newest first, filtered, one page at a time (keyset pagination on created_at, id). */
export async function listBookings(db: Db, q: ListQuery): Promise<{ data: BookingView[]; next_cursor: string | null }> {
  const rows = await listQuery(db, q);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { data: page.map(toView), next_cursor: rows.length > q.limit && last ? encodeCursor(last, q.sort) : null };
}

/**
 * The booked demos (slots, not requests) starting in [from, to), soonest
 * first, of one rep (their slot index) or of the team (the slot start index).
 */
export function demosQuery(db: Db, q: DemosQuery) {
  const b = demoBookings;
  return db
    .select()
    .from(b)
    .where(
      and(
        isNotNull(b.slot_end),
        gte(b.preferred_date, new Date(q.from).toISOString()),
        lt(b.preferred_date, new Date(q.to).toISOString()),
        // Booked slots are confirmed at once: every status but cancelled held the time.
        ne(b.status, 'cancelled'),
        q.rep_id ? eq(b.assigned_rep_id, q.rep_id) : undefined,
      ),
    )
    .orderBy(b.preferred_date, b.id);
}

export const bookedDemos = async (db: Db, q: DemosQuery): Promise<BookingView[]> => (await demosQuery(db, q)).map(toView);

/**
 * Every booking a filter finds, newest first, one page of `size` at a time:
 * memory stays flat however many there are.
 */
export async function* everyPage(
  db: Db,
  q: Omit<ListQuery, 'limit' | 'cursor'> & { exclude_spam?: boolean },
  size = 500,
): AsyncGenerator<Booking[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await listQuery(db, { ...q, limit: size, cursor });
    const page = rows.slice(0, size);
    if (page.length) yield page;
    const last = page[page.length - 1];
    if (rows.length <= size || !last) return;
    cursor = encodeCursor(last, q.sort);
  }
}

/** One booking, from the hot table or the archive; null when there is none (requireBooking answers 404 instead). */
export async function findBooking(db: Db, id: string): Promise<FoundBooking | null> {
  const [hot] = await db.select().from(demoBookings).where(eq(demoBookings.id, id));
  if (hot) return { row: hot, archived: false };
  const [cold] = await db.select().from(demoBookingsArchive).where(eq(demoBookingsArchive.id, id));
  return cold ? { row: cold, archived: true } : null;
}

/** The row of a booking for the notifications: hot or archived, null when there is none. */
export const findBookingRow = async (db: Db, id: string): Promise<Booking | null> => (await findBooking(db, id))?.row ?? null;

/** Like findBooking, but a missing booking answers 404. */
export async function requireBooking(db: Db, id: string): Promise<FoundBooking> {
  const found = await findBooking(db, id);
  if (!found) throw new Problem(404, NO_SUCH_BOOKING);
  return found;
}

/** Like requireBooking, but an archived booking refuses change with 409 archived_booking_immutable. */
export async function requireChangeable(db: Db, id: string): Promise<Booking> {
  const found = await requireBooking(db, id);
  if (found.archived) throw new Problem(409, 'This booking is archived and can no longer change.', { rule: 'archived_booking_immutable' });
  return found.row;
}

/** The booking's notification tasks, oldest first: what was sent, what failed and why. */
export async function notificationsOf(db: Db, bookingId: string) {
  const t = notificationTasks;
  const rows = await db
    .select({
      id: t.id,
      kind: t.kind,
      payload: t.payload,
      event_type: t.event_type,
      state: t.state,
      attempts: t.attempts,
      next_attempt_at: t.next_attempt_at,
      last_error: t.last_error,
      completed_at: t.completed_at,
    })
    .from(t)
    .where(eq(t.booking_id, bookingId))
    .orderBy(t.created_at, t.kind);
  return rows.map(({ payload, ...n }) => ({ ...n, recipient: recipientOf({ kind: n.kind, payload }) }));
}
