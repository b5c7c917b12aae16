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
import { offeredStarts, slotTimes, teamTime } from '../slots/service.js';

const DAY = 86_400_000;

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
  const team = await teamTime(db, config, now, { from, to: from + 14 * DAY, moving: booking.id });
  const own = team.eligible.find((r) => r.rep.id === booking.assigned_rep_id);
  return own
    ? offeredStarts({ ...team, eligible: [own] }, from, from + 14 * DAY).filter((s) => s !== Date.parse(booking.preferred_date ?? ''))
    : [];
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
  if (!(await otherTimesOf(db, config, found.row, now)).includes(start)) return { result: 'taken' };
  try {
    const { booking, tasks } = await changeBooking(db, found.row, slotTimes(start, config), { now, actor: ACTOR_REQUESTER });
    return { result: 'moved', booking, tasks };
  } catch (error) {
    if (error instanceof Problem && error.options.rule === 'slot_unavailable') return { result: 'taken' };
    if (error instanceof Problem && error.options.rule === 'valid_status_transition') return { result: 'not_movable' };
    throw error;
  }
}
