/**
 * The requester cancels through the link in the email: from the statuses
 * of REQUESTER_CANCELLABLE only, idempotently. The move itself, and the
 * `demo_booking.cancelled` task it causes, belong to the transitions module.
 */

import { REQUESTER_CANCELLABLE } from '../../contract/lifecycle.js';
import { ACTOR_REQUESTER } from '../../contract/limits.js';
import { type FoundBooking, findBooking } from '../bookings/repository.js';
import { changeBooking } from '../bookings/transitions.js';
import type { Db } from '../db/client.js';
import type { Booking, NotificationTask } from '../db/schema.js';
import type { Config } from '../env.js';
import { Problem } from '../http/problem.js';
import { slotTimes, startsOf, teamTime } from '../slots/service.js';

const DAY = 86_400_000;
/** How far ahead a booked demo's page offers its rep's other times. */
const MOVE_DAYS = 14;

export type Standing = 'cancellable' | 'already_cancelled' | 'not_cancellable' | 'not_found';

export type CancelOutcome =
  | { result: 'cancelled'; booking: Booking; tasks: NotificationTask[] }
  | { result: Exclude<Standing, 'cancellable'> };

/**
 * Where a booking stands for its requester's cancel link. A redacted booking
 * is not found: nothing of the request is left to show.
 */
export function standing(found: FoundBooking | null): Standing {
  if (!found || found.row.redacted_at) return 'not_found';
  if (found.row.status === 'cancelled') return 'already_cancelled';
  if (found.archived || !REQUESTER_CANCELLABLE.includes(found.row.status)) return 'not_cancellable';
  return 'cancellable';
}

/** Cancels a booking on its requester's behalf. */
export async function cancelByRequester(db: Db, id: string, now: Date): Promise<CancelOutcome> {
  const found = await findBooking(db, id);
  const before = standing(found);
  if (before !== 'cancellable' || !found) return { result: before === 'cancellable' ? 'not_found' : before };
  try {
    const { booking, tasks } = await changeBooking(db, found.row, { status: 'cancelled' }, { now, actor: ACTOR_REQUESTER });
    return { result: 'cancelled', booking, tasks };
  } catch (error) {
    // Someone else moved it meanwhile (a concurrent cancel, or sales): say where it stands now.
    if (!(error instanceof Problem && error.options.rule === 'valid_status_transition')) throw error;
    const after = standing(await findBooking(db, id));
    return { result: after === 'cancellable' ? 'not_cancellable' : after };
  }
}

export type MoveOutcome =
  | { result: 'moved'; booking: Booking; tasks: NotificationTask[] }
  | { result: 'taken' }
  | { result: Exclude<Standing, 'cancellable'> | 'not_movable' };

/** A booked demo its requester may move: confirmed, with a slot and a rep. */
export const movable = (found: FoundBooking | null): boolean =>
  standing(found) === 'cancellable' && !!found && found.row.status === 'confirmed' && !!found.row.slot_end && !!found.row.assigned_rep_id;

/** The free starts of a booked demo's rep for the next two weeks, its own time left out (SPEC 8.7: the same rep first). */
export async function otherTimesOf(db: Db, config: Config, booking: Booking, now: Date): Promise<number[]> {
  const from = now.getTime();
  const team = await teamTime(db, config, now, { from, to: from + MOVE_DAYS * DAY, moving: booking.id });
  return startsOf(team, booking.assigned_rep_id, from, from + MOVE_DAYS * DAY).filter(
    (s) => s !== Date.parse(booking.preferred_date ?? ''),
  );
}

/** Whether the demo's rep is free at `start`, another of the times its page offers (read around that start only). */
async function freeToMoveTo(db: Db, config: Config, booking: Booking, start: number, now: Date): Promise<boolean> {
  if (start === Date.parse(booking.preferred_date ?? '') || start < now.getTime() || start >= now.getTime() + MOVE_DAYS * DAY) return false;
  const team = await teamTime(db, config, now, { from: start - 1, to: start + 1, moving: booking.id });
  return startsOf(team, booking.assigned_rep_id, start, start + 1).includes(start);
}

/**
 * Moves a booked demo to another free time of its rep, on its requester's
 * behalf: the same checks as booking it, and the database's guarantee that
 * the rep has no other demo then (a time taken meanwhile is `taken`).
 */
export async function moveByRequester(db: Db, config: Config, id: string, slotStart: string, now: Date): Promise<MoveOutcome> {
  const found = await findBooking(db, id);
  if (!found || !movable(found)) {
    const where = standing(found);
    return { result: where === 'cancellable' ? 'not_movable' : where };
  }
  const start = Date.parse(slotStart);
  if (!(await freeToMoveTo(db, config, found.row, start, now))) return { result: 'taken' };
  try {
    const { booking, tasks } = await changeBooking(db, found.row, slotTimes(start, config), { now, actor: ACTOR_REQUESTER });
    return { result: 'moved', booking, tasks };
  } catch (error) {
    if (error instanceof Problem && error.options.rule === 'slot_unavailable') return { result: 'taken' };
    if (error instanceof Problem && error.options.rule === 'valid_status_transition') return { result: 'not_movable' };
    throw error;
  }
}
