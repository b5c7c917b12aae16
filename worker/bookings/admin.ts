/**
 * What the sales team does with bookings: list, read, and move them through
 * their lifecycle. Plain functions of (db, input, clock); no HTTP context.
 */
import { and, desc, eq, gt, isNotNull, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { FIELD_CHECKS } from '../../contract/rules.js';
import type { Db } from '../env.js';
import { demoBookings, demoBookingsArchive, notificationTasks, organizations, type Booking, type NotificationTask } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { Problem } from '../http/problem.js';
import { insertTaskIf, newTasks } from '../notify/outbox.js';
import { canMove } from './lifecycle.js';
import type { ListQuery, PatchBookingRequest } from './schema.js';
import { toView, type BookingView } from './view.js';

const encodeCursor = (row: Pick<Booking, 'created_at' | 'id'>) => btoa(JSON.stringify([row.created_at, row.id])).replace(/=+$/, '');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // fall through to the refusal below
  }
  throw new Problem(400, 'The cursor is not one this API issued.', { rule: 'invalid_cursor' });
}

/** The query behind a list page: filters, keyset condition, newest first, one row more than the page. */
export function listQuery(db: Db, q: ListQuery) {
  const t = demoBookings;
  const where: (SQL | undefined)[] = [
    q.status && eq(t.status, q.status),
    q.email ? eq(t.contact_email, q.email) : undefined,
    q.organization_id ? eq(t.organization_id, q.organization_id) : undefined,
    q.created_after ? gt(t.created_at, new Date(q.created_after).toISOString()) : undefined,
    q.created_before ? lt(t.created_at, new Date(q.created_before).toISOString()) : undefined,
    q.webhook === 'delivered' ? isNotNull(t.webhook_delivered_at) : undefined,
    q.webhook === 'failed' ? and(isNull(t.webhook_delivered_at), isNotNull(t.webhook_failed_at)) : undefined,
    q.webhook === 'pending' ? and(isNull(t.webhook_delivered_at), isNull(t.webhook_failed_at)) : undefined,
  ];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
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

/** Bookings newest first, filtered, one page at a time (keyset pagination on created_at, id). */
export async function listBookings(db: Db, q: ListQuery): Promise<{ data: BookingView[]; next_cursor: string | null }> {
  const rows = await listQuery(db, q);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { data: page.map(toView), next_cursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}

/** One booking, from the hot table or the archive; null when there is none. */
export async function getBooking(db: Db, id: string): Promise<{ view: BookingView; row: Booking; archived: boolean } | null> {
  const [hot] = await db.select().from(demoBookings).where(eq(demoBookings.id, id));
  if (hot) return { view: toView(hot), row: hot, archived: false };
  const [cold] = await db.select().from(demoBookingsArchive).where(eq(demoBookingsArchive.id, id));
  return cold ? { view: toView(cold), row: cold, archived: true } : null;
}

/** The booking's notification tasks, oldest first: what was sent, what failed and why. */
export async function notificationsOf(db: Db, bookingId: string) {
  const t = notificationTasks;
  return db
    .select({
      id: t.id,
      kind: t.kind,
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
}

/** Like getBooking, but a missing booking is a 404 and an archived one refuses change (409). */
export async function getChangeableBooking(db: Db, id: string): Promise<Booking> {
  const found = await getBooking(db, id);
  if (!found) throw new Problem(404, 'No booking has this id.');
  if (found.archived) throw new Problem(409, 'This booking is archived and can no longer change.', { rule: 'archived_booking_immutable' });
  return found.row;
}

/**
 * Applies an admin change. A status move follows valid_status_transition and
 * only applies if the booking is still in the status it was read in, so two
 * concurrent moves cannot both pass. Rescuing a `spam` booking to `pending`
 * adds its notification tasks in the same batch.
 *
 * @returns the booking after the change, and the tasks to enqueue.
 */
export async function updateBooking(
  db: Db,
  id: string,
  patch: PatchBookingRequest,
  now: Date,
): Promise<{ view: BookingView; tasks: NotificationTask[] }> {
  const current = await getChangeableBooking(db, id);
  const changes: Partial<Booking> = {};
  if (patch.status !== undefined && patch.status !== current.status) {
    if (!canMove(current.status, patch.status))
      throw new Problem(409, `A booking cannot move from ${current.status} to ${patch.status}.`, { rule: 'valid_status_transition' });
    changes.status = patch.status;
  }
  if (patch.organization_id !== undefined && patch.organization_id !== current.organization_id) {
    if (patch.organization_id !== null) await assertOrganization(db, patch.organization_id);
    changes.organization_id = patch.organization_id;
  }
  if (patch.preferred_date !== undefined) {
    const date = patch.preferred_date === null ? null : checkedAdminDate(patch.preferred_date, now);
    if (date !== current.preferred_date) changes.preferred_date = date;
  }
  if (Object.keys(changes).length === 0) return { view: toView(current), tasks: [] };

  // A spam booking rescued to pending gets its notifications now: the tasks
  // are written only if this very update applied (same batch, same stamp).
  const at = now.toISOString();
  const tasks = current.status === 'spam' && changes.status === 'pending' ? newTasks(id, 'demo_booking.created', now) : [];
  const b = demoBookings;
  const update = db
    .update(b)
    .set({ ...changes, updated_at: at })
    .where(and(eq(b.id, id), eq(b.status, current.status)))
    .returning();
  let updated: Booking[];
  try {
    const applied = and(eq(b.id, id), eq(b.status, 'pending'), eq(b.updated_at, at));
    const [rows] = await db.batch([update, ...tasks.map((task) => insertTaskIf(db, task, applied))]);
    updated = rows;
  } catch (error) {
    if (isUniqueViolation(error, 'notification_tasks')) throw changedMeanwhile();
    throw error;
  }
  if (!updated[0]) throw changedMeanwhile();
  return { view: toView(updated[0]), tasks };
}

const changedMeanwhile = () =>
  new Problem(409, 'The booking changed while this request was handled; read it again and retry.', { rule: 'valid_status_transition' });

async function assertOrganization(db: Db, organizationId: string) {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org)
    throw new Problem(422, 'No organization has this id.', {
      errors: [{ path: 'organization_id', rule: 'organization_id_exists', message: 'No organization has this id.' }],
    });
}

/** Admins may set any future time (no 24 h lead), within the same 365 days. */
function checkedAdminDate(value: string, now: Date): string {
  const failed = FIELD_CHECKS.preferred_date(value, { now, minLeadHours: 0 });
  if (failed) throw new Problem(422, failed[1], { errors: [{ path: 'preferred_date', rule: failed[0], message: failed[1] }] });
  return new Date(value).toISOString();
}
