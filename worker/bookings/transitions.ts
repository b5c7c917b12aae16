/**
 * The one place a booking's status moves (valid_status_transition),
 * and where every admin or requester change of a booking is applied: the
 * admin PATCH and cancel, the requester's cancel link, the rescue of a spam
 * booking. A change is a compare-and-set on the status it was read in,
 * applied in one D1 batch with its history entry and the notification tasks
 * it causes; the entry and the tasks are written only if that very update
 * applied (the booking's last_event_id names the entry), so two concurrent
 * changes can never both pass, and there is never a change without its
 * entry or an entry without its change.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import { canMove } from '../../contract/lifecycle.js';
import { type BookingStatus, type HistoryType, LIMITS } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { isRuleViolation } from '../db/errors.js';
import { type Booking, type BookingEvent, demoBookings, type NotificationTask } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { insertTaskIf } from '../notify/outbox.js';
import { channelsOf, historyTypeOf, tasksOf } from './consequences.js';
import { appliedCondition, type EventDetails, insertEventIf, newEvent } from './history.js';

/** A change of a booking: its status and the fields that may change with it. */
export interface BookingChange {
  status?: BookingStatus;
  organization_id?: string | null;
  /** ISO 8601 UTC, already checked by the caller. */
  preferred_date?: string | null;
  meeting_url?: string | null;
  /** A booked slot's end, how long its rep stays blocked, and its rep (a move or reassignment). */
  slot_end?: string | null;
  blocked_until?: string | null;
  assigned_rep_id?: string | null;
  /** Why (a cancel reason): kept in the history only. */
  reason?: string | null;
}

/** What a change did: the booking after it, its history entry, and the tasks to enqueue. */
export interface ChangeResult {
  booking: Booking;
  event: BookingEvent | null;
  tasks: NotificationTask[];
}

const slotTaken = () => {
  const message = 'The rep has another demo at that time (buffers included).';
  return new Problem(409, message, { rule: 'slot_unavailable', errors: [{ path: 'slot_start', rule: 'slot_unavailable', message }] });
};

const changedMeanwhile = () =>
  new Problem(409, 'The booking changed while this request was handled; read it again and retry.', { rule: 'valid_status_transition' });

type Diff = Partial<
  Pick<Booking, 'status' | 'organization_id' | 'preferred_date' | 'meeting_url' | 'slot_end' | 'blocked_until' | 'assigned_rep_id'>
>;

/** The fields of `change` that differ from `current`. */
function differences(current: Booking, change: BookingChange): Diff {
  const diff: Diff = {};
  if (change.status !== undefined && change.status !== current.status) diff.status = change.status;
  if (change.organization_id !== undefined && change.organization_id !== current.organization_id)
    diff.organization_id = change.organization_id;
  if (change.preferred_date !== undefined && change.preferred_date !== current.preferred_date) diff.preferred_date = change.preferred_date;
  if (change.meeting_url !== undefined && change.meeting_url !== current.meeting_url) diff.meeting_url = change.meeting_url;
  for (const key of ['slot_end', 'blocked_until', 'assigned_rep_id'] as const)
    if (change[key] !== undefined && change[key] !== current[key]) diff[key] = change[key];
  return diff;
}

/** What the entry says beyond the status: each field's old and new value, and the reason. */
function describe(current: Booking, diff: Diff, change: BookingChange): EventDetails {
  const details: EventDetails = {};
  for (const key of ['preferred_date', 'organization_id', 'meeting_url', 'assigned_rep_id'] as const) {
    if (diff[key] !== undefined) details[key] = { from: current[key], to: diff[key] ?? null };
  }
  // A confirmation names its time and link even when they were set before.
  if (diff.status === 'confirmed') {
    details.preferred_date ??= { from: current.preferred_date, to: current.preferred_date };
    if (current.meeting_url || diff.meeting_url) details.meeting_url ??= { from: current.meeting_url, to: current.meeting_url };
  }
  if (change.reason) details.reason = change.reason;
  if (diff.status === 'pending' && current.spam_reason) details.spam_reason = current.spam_reason;
  return details;
}

/**
 * The reps a change of a booked slot is emailed to: its rep gets the changed
 * (or withdrawn) invitation, and a rep it was taken from gets the withdrawal.
 */
function repsToTell(current: Booking, diff: Diff, type: HistoryType): string[] {
  if (!current.slot_end || !['rescheduled', 'reassigned', 'cancelled'].includes(type)) return [];
  const rep = diff.assigned_rep_id ?? current.assigned_rep_id;
  const previous = diff.assigned_rep_id !== undefined ? current.assigned_rep_id : null;
  return [rep, previous].filter((id): id is string => !!id);
}

/**
 * Applies a change to a booking as it was read, on behalf of `actor`.
 * Setting the current values again is a no-op (no entry, no notification);
 * a move the lifecycle does not allow is a 409 `valid_status_transition`,
 * as is a booking that moved meanwhile; confirming needs a time (422).
 *
 * @example await changeBooking(db, row, { status: 'confirmed' }, { now: new Date(), actor: 'ann@acme.com' })
 */
export async function changeBooking(
  db: Db,
  current: Booking,
  change: BookingChange,
  by: { now: Date; actor: string },
): Promise<ChangeResult> {
  const diff = differences(current, change);
  if (Object.keys(diff).length === 0) return { booking: current, event: null, tasks: [] };
  const to = diff.status ?? current.status;
  if (diff.status && !canMove(current.status, diff.status))
    throw new Problem(409, `A booking cannot move from ${current.status} to ${diff.status}.`, { rule: 'valid_status_transition' });
  const time = diff.preferred_date !== undefined ? diff.preferred_date : current.preferred_date;
  if (to === 'confirmed' && !time) {
    const message = 'A demo is confirmed for a time: send preferred_date with the confirmation, or set it first.';
    throw new Problem(422, message, { errors: [{ path: 'preferred_date', rule: 'preferred_date_required_to_confirm', message }] });
  }

  const moved = diff.preferred_date !== undefined || diff.meeting_url !== undefined;
  // A booked slot given to another rep at the same time is a reassignment; a new time is a reschedule either way.
  const type =
    diff.assigned_rep_id !== undefined && diff.preferred_date === undefined && to === 'confirmed' && current.status === 'confirmed'
      ? 'reassigned'
      : historyTypeOf(current.status, to, moved);
  return apply(db, current, diff, { type, details: describe(current, diff, change) }, by);
}

/**
 * Undoes the outcome (completed, no_show) that is the booking's latest entry,
 * within LIMITS.outcomeUndoMinutes of it: the status goes back to what it
 * was, as a new `outcome_undone` entry naming the one it corrects (announced
 * as `demo_booking.outcome_undone`). Anything else is 409 `outcome_undo_window`.
 */
export async function undoOutcome(
  db: Db,
  current: Booking,
  latest: BookingEvent | null,
  by: { now: Date; actor: string },
): Promise<ChangeResult> {
  const outcome =
    latest &&
    (latest.type === 'completed' || latest.type === 'no_show') &&
    latest.to_status === current.status &&
    latest.from_status &&
    by.now.getTime() - Date.parse(latest.at) <= LIMITS.outcomeUndoMinutes * 60_000
      ? latest
      : null;
  if (!outcome?.from_status)
    throw new Problem(
      409,
      `Only a completed or no-show that is the booking's latest change can be undone, within ${LIMITS.outcomeUndoMinutes} minutes.`,
      { rule: 'outcome_undo_window' },
    );
  const diff: Diff = { status: outcome.from_status };
  return apply(
    db,
    current,
    diff,
    { type: 'outcome_undone', details: { undoes: outcome.id } },
    by,
    eq(demoBookings.last_event_id, outcome.id),
  );
}

/**
 * Writes a change as one batch: the update (a compare-and-set on the status it
 * was read in, and on `also`), its entry and its tasks, the last two only if
 * the update applied.
 */
async function apply(
  db: Db,
  current: Booking,
  diff: Diff,
  entry: { type: HistoryType; details: EventDetails },
  by: { now: Date; actor: string },
  also?: SQL,
): Promise<ChangeResult> {
  const to = diff.status ?? current.status;
  const event = newEvent({
    bookingId: current.id,
    type: entry.type,
    from: current.status,
    to,
    actor: by.actor,
    now: by.now,
    details: entry.details,
  });
  const tasks = tasksOf(
    channelsOf(entry.type, current.status, by.actor),
    { bookingId: current.id, eventId: event.id, now: by.now },
    repsToTell(current, diff, entry.type),
  );
  const b = demoBookings;
  const update = db
    .update(b)
    .set({ ...diff, updated_at: event.at, last_event_id: event.id })
    .where(and(eq(b.id, current.id), eq(b.status, current.status), also))
    .returning();
  let rows: Booking[];
  try {
    [rows] = await db.batch([update, insertEventIf(db, event), ...tasks.map((task) => insertTaskIf(db, task, appliedCondition(event)))]);
  } catch (error) {
    // The database refused the rep's time: another booking of theirs overlaps it (buffers included).
    if (isRuleViolation(error, 'slot_unavailable')) throw slotTaken();
    throw error;
  }
  const [updated] = rows;
  if (!updated) throw changedMeanwhile();
  return { booking: updated, event, tasks };
}
