/**
 * What a change of a booking causes: the kind of history entry it is, the
 * webhook event sales tools hear, and whether the prospect gets an email.
 */
import type { BookingStatus, EventType, HistoryType, NotificationKind } from '../../contract/limits.js';
import { ACTOR_REQUESTER } from '../../contract/limits.js';
import type { NotificationTask } from '../db/schema.js';
import { newTasks } from '../notify/outbox.js';
import { toRep } from '../notify/recipient.js';

/** The entry a change makes in the history. */
export function historyTypeOf(from: BookingStatus, to: BookingStatus, timeOrLinkChanged: boolean): HistoryType {
  if (from !== to) {
    if (from === 'spam' && to === 'pending') return 'spam_rescued';
    if (to === 'confirmed' || to === 'cancelled' || to === 'completed' || to === 'no_show') return to;
  }
  // A confirmed demo whose time or link moves gets an updated invite.
  return to === 'confirmed' && timeOrLinkChanged ? 'rescheduled' : 'updated';
}

/** The webhook event of an entry, if sales tools hear of it. */
export function webhookEventOf(type: HistoryType, from: BookingStatus | null): EventType | null {
  switch (type) {
    case 'created':
      return 'demo_booking.created';
    case 'spam_rescued':
      return 'demo_booking.created'; // it never was announced
    case 'cancelled':
      return from === 'spam' ? null : 'demo_booking.cancelled';
    case 'confirmed':
    case 'rescheduled':
    case 'completed':
    case 'no_show':
    case 'reassigned':
    case 'outcome_undone':
      return `demo_booking.${type}`;
    default:
      return null;
  }
}

/**
 * Whether the prospect is emailed: when the request arrives (or is rescued),
 * when the demo is confirmed, moved or given to another rep (the invite's
 * organizer changes), and when it is cancelled after an
 * invite went out, or by sales while still pending. A prospect who cancels a
 * pending request saw the answer on the page.
 */
export function emailsProspect(type: HistoryType, from: BookingStatus | null, actor: string): boolean {
  if (type === 'created' || type === 'spam_rescued' || type === 'confirmed' || type === 'rescheduled' || type === 'reassigned') return true;
  if (type !== 'cancelled') return false;
  return from === 'confirmed' || from === 'no_show' || (from === 'pending' && actor !== ACTOR_REQUESTER);
}

/** The channels an entry's notification goes out on. */
export function channelsOf(
  type: HistoryType,
  from: BookingStatus | null,
  actor: string,
): { event: EventType; kinds: NotificationKind[] } | null {
  const event = webhookEventOf(type, from);
  if (!event) return null;
  return { event, kinds: emailsProspect(type, from, actor) ? ['email', 'webhook'] : ['webhook'] };
}

/**
 * The outbox tasks of an entry: one per channel, and one email to each rep in
 * `reps`: a booked slot's rep gets their own copy of the invitation, and a rep
 * the demo was taken from gets its withdrawal.
 */
export function tasksOf(
  channels: { event: EventType; kinds: NotificationKind[] } | null,
  entry: { bookingId: string; eventId: string; now: Date },
  reps: string[],
): NotificationTask[] {
  if (!channels) return [];
  const of = { ...entry, eventType: channels.event };
  return [
    ...newTasks({ ...of, kinds: channels.kinds }),
    ...reps.flatMap((id) => newTasks({ ...of, kinds: ['email'], payload: toRep(id) })),
  ];
}
