/**
 * Who an email task writes to. A task's payload may name its recipient: a
 * rep of a booked slot (their copy of its invite, or its withdrawal when the
 * demo went to another rep); with none, the prospect. Only the prospect's
 * email of the `created` event is what the booking's confirmation_sent_at
 * records.
 */
import type { Recipient } from '../../contract/limits.js';
import type { NotificationTask } from '../db/schema.js';

/** The payload of a task whose email goes to the rep with this id. */
export const toRep = (repId: string) => ({ recipient: 'rep', rep_id: repId }) as const;

function payloadOf(task: Pick<NotificationTask, 'payload'>): { recipient?: string; rep_id?: string } {
  try {
    return JSON.parse(task.payload) as { recipient?: string; rep_id?: string };
  } catch {
    return {};
  }
}

/** True for a task whose email goes to a rep. */
export function isToRep(task: Pick<NotificationTask, 'kind' | 'payload'>): boolean {
  return task.kind === 'email' && payloadOf(task).recipient === 'rep';
}

/** Who the task writes to. */
export const recipientOf = (task: Pick<NotificationTask, 'kind' | 'payload'>): Recipient => (isToRep(task) ? 'rep' : 'prospect');

/** The rep a rep's task names; null for a task written before tasks named them (the booking's rep then). */
export const repIdOf = (task: Pick<NotificationTask, 'payload'>): string | null => payloadOf(task).rep_id ?? null;
