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
import { Problem } from '../http/problem.js';

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
