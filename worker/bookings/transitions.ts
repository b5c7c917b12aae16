/**
 * The one place a booking's status moves (valid_status_transition, SPEC 2.1).
 * The admin PATCH, the admin cancel, the requester's cancel link and the
 * rescue of a spam booking all come here. A move is a compare-and-set on the
 * status it was read in, applied in one D1 batch with the notification tasks
 * it causes, so two concurrent moves cannot both pass and a task exists
 * exactly when its move happened.
 */
import { and, eq } from 'drizzle-orm';
import type { BookingStatus, EventType } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { type Booking, demoBookings, type NotificationTask } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { insertTaskIf, newTasks } from '../notify/outbox.js';

/** Where each status may move. */
export const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  spam: ['pending', 'cancelled'],
  confirmed: ['completed', 'no_show', 'cancelled'],
  no_show: ['confirmed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** True when a booking in `from` may move to `to` (a move to itself is not a move). */
export const canMove = (from: BookingStatus, to: BookingStatus) => TRANSITIONS[from].includes(to);

/**
 * The webhook event a move announces, if any. A rescued spam booking is
 * announced as created (it never was); a spam booking cancelled was never
 * announced, so its end is not either.
 */
export function eventOfMove(from: BookingStatus, to: BookingStatus): EventType | null {
  if (from === 'spam') return to === 'pending' ? 'demo_booking.created' : null;
  return to === 'cancelled' ? 'demo_booking.cancelled' : null;
}

/** A change of a booking: its status and the fields that may change with it. */
export interface BookingChange {
  status?: BookingStatus;
  organization_id?: string | null;
  /** ISO 8601 UTC, already checked by the caller. */
  preferred_date?: string | null;
}

/** What a change did: the booking after it, and the tasks to enqueue. */
export interface ChangeResult {
  booking: Booking;
  tasks: NotificationTask[];
}

const changedMeanwhile = () =>
  new Problem(409, 'The booking changed while this request was handled; read it again and retry.', { rule: 'valid_status_transition' });

/** The fields of `change` that differ from `current`. */
function differences(current: Booking, change: BookingChange): Partial<Booking> {
  const diff: Partial<Booking> = {};
  if (change.status !== undefined && change.status !== current.status) diff.status = change.status;
  if (change.organization_id !== undefined && change.organization_id !== current.organization_id)
    diff.organization_id = change.organization_id;
  if (change.preferred_date !== undefined && change.preferred_date !== current.preferred_date) diff.preferred_date = change.preferred_date;
  return diff;
}

/**
 * Applies a change to a booking as it was read. Setting the current status
 * again is a no-op; a move the lifecycle does not allow is a 409
 * `valid_status_transition`, as is a booking that moved meanwhile.
 *
 * @example await changeBooking(db, row, { status: 'confirmed' }, new Date())
 */
export async function changeBooking(db: Db, current: Booking, change: BookingChange, now: Date): Promise<ChangeResult> {
  const diff = differences(current, change);
  if (Object.keys(diff).length === 0) return { booking: current, tasks: [] };
  if (diff.status && !canMove(current.status, diff.status))
    throw new Problem(409, `A booking cannot move from ${current.status} to ${diff.status}.`, { rule: 'valid_status_transition' });

  const at = now.toISOString();
  const event = diff.status ? eventOfMove(current.status, diff.status) : null;
  const tasks = event ? newTasks(current.id, event, now) : [];
  const b = demoBookings;
  const update = db
    .update(b)
    .set({ ...diff, updated_at: at })
    .where(and(eq(b.id, current.id), eq(b.status, current.status)))
    .returning();
  // The tasks are written only if this very update applied (same batch, same stamp).
  const applied = and(eq(b.id, current.id), eq(b.status, diff.status ?? current.status), eq(b.updated_at, at));
  try {
    const [rows] = await db.batch([update, ...tasks.map((task) => insertTaskIf(db, task, applied))]);
    const [updated] = rows;
    if (!updated) throw changedMeanwhile();
    return { booking: updated, tasks };
  } catch (error) {
    // A concurrent identical move won the race and wrote the event first.
    if (isUniqueViolation(error, 'notification_tasks')) throw changedMeanwhile();
    throw error;
  }
}
