/**
 * valid_status_transition: where each status may move. The worker
 * enforces it; the sales console offers only these moves.
 */
import type { BookingStatus } from './limits.js';

export const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  spam: ['pending', 'cancelled'],
  confirmed: ['completed', 'no_show', 'cancelled'],
  no_show: ['confirmed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** The statuses from which the requester may cancel through the link in their emails. */
export const REQUESTER_CANCELLABLE: readonly BookingStatus[] = ['pending', 'confirmed'];

/** True when a booking in `from` may move to `to` (a move to itself is not a move). */
export const canMove = (from: BookingStatus, to: BookingStatus) => TRANSITIONS[from].includes(to);
