/**
 * Who an email task writes to. A task's payload may name its recipient: the
 * booking's rep (their copy of a booked slot's invite); with none, the
 * prospect. Only the prospect's email of the `created` event is what the
 * booking's confirmation_sent_at records.
 */
import type { NotificationTask } from '../db/schema.js';

/** The payload of a task whose email goes to the booking's rep. */
export const TO_REP = { recipient: 'rep' } as const;

/** True for a task whose email goes to the booking's rep. */
export function isToRep(task: Pick<NotificationTask, 'kind' | 'payload'>): boolean {
  if (task.kind !== 'email') return false;
  try {
    return (JSON.parse(task.payload) as { recipient?: string }).recipient === 'rep';
  } catch {
    return false;
  }
}
