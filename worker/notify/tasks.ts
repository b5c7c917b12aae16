/**
 * State changes of one notification task, each a single statement or one
 * D1 batch, so a crash between two steps never leaves the task and its
 * booking disagreeing. Every settle (done, retry, failed) applies only while
 * the attempt still holds its claim, so an attempt that outlived its lease
 * cannot overwrite what a later attempt recorded.
 *
 * The only booking columns this module writes are its delivery columns, in
 * the batch of the task's own change: confirmation_sent_at,
 * webhook_delivered_at and webhook_attempts speak of the `created` event, as
 * the data model documents them; webhook_failed_at and email_failed_at mark
 * any failed webhook or email until it is sent again.
 */
import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { demoBookings, type NotificationTask, notificationTasks } from '../db/schema.js';
import { isToRep } from './recipient.js';

/** How long an attempt holds its task: longer than the 10 s webhook timeout plus the bookkeeping. */
export const LEASE_MS = 60_000;

const t = notificationTasks;

/** True for the task whose outcome the booking's delivery columns record (the prospect's, not the rep's copy). */
const isCreated = (task: NotificationTask) => task.event_type === 'demo_booking.created' && !isToRep(task);

/** The task row still held by this attempt (its claim token), in the given state. */
const holds = (task: NotificationTask, state?: NotificationTask['state']): SQL =>
  sql`exists (select 1 from ${t} where ${t.id} = ${task.id} and ${t.claim_id} = ${task.claim_id}${state ? sql` and ${t.state} = ${state}` : sql``})`;

/**
 * Takes the task for one attempt if it is pending and due: counts the
 * attempt (also in demo_bookings.webhook_attempts for the created webhook)
 * and leases the task so a duplicate message cannot attempt at the same time.
 *
 * @returns the task as claimed, or null when another attempt holds it or it is not due.
 */
export async function claimTask(db: Db, task: NotificationTask, now: Date): Promise<NotificationTask | null> {
  const claimId = crypto.randomUUID();
  const claim = db
    .update(t)
    .set({ attempts: sql`${t.attempts} + 1`, claim_id: claimId, next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where(and(eq(t.id, task.id), eq(t.state, 'pending'), lte(t.next_attempt_at, now.toISOString())))
    .returning();
  if (!(task.kind === 'webhook' && isCreated(task))) return (await claim)[0] ?? null;
  // Counted on the booking only if this claim won: the sub-select sees the claim token.
  const countOnBooking = db
    .update(demoBookings)
    .set({ webhook_attempts: sql`${demoBookings.webhook_attempts} + 1`, updated_at: now.toISOString() })
    .where(and(eq(demoBookings.id, task.booking_id), holds({ ...task, claim_id: claimId })));
  const [claimed] = await db.batch([claim, countOnBooking]);
  return claimed[0] ?? null;
}

/** The attempt delivered (or had nothing to send): the task is done and, for the created event, the booking records when. */
export async function completeTask(db: Db, task: NotificationTask, now: Date, skipped?: string) {
  const at = now.toISOString();
  const done = db
    .update(t)
    .set({ state: 'done', completed_at: at, last_error: skipped ?? null })
    .where(and(eq(t.id, task.id), eq(t.claim_id, task.claim_id ?? ''), eq(t.state, 'pending')));
  if (skipped || !isCreated(task)) return void (await done);
  const column = task.kind === 'email' ? { confirmation_sent_at: at } : { webhook_delivered_at: at };
  const unset =
    task.kind === 'email' ? sql`${demoBookings.confirmation_sent_at} is null` : sql`${demoBookings.webhook_delivered_at} is null`;
  const mark = db
    .update(demoBookings)
    .set({ ...column, updated_at: at })
    .where(and(eq(demoBookings.id, task.booking_id), unset, holds(task, 'done')));
  await db.batch([done, mark]);
}

/** The attempt failed and another follows after `delaySeconds`. */
export async function scheduleRetry(db: Db, task: NotificationTask, now: Date, delaySeconds: number, error: string) {
  await db
    .update(t)
    .set({ next_attempt_at: new Date(now.getTime() + delaySeconds * 1000).toISOString(), last_error: error.slice(0, 500) })
    .where(and(eq(t.id, task.id), eq(t.claim_id, task.claim_id ?? ''), eq(t.state, 'pending')));
}

/** The last attempt failed (or the receiver said 410 Gone): the task is failed and the booking shows it, for its kind. */
export async function failTask(db: Db, task: NotificationTask, now: Date, error: string) {
  const at = now.toISOString();
  const failed = db
    .update(t)
    .set({ state: 'failed', completed_at: at, last_error: error.slice(0, 500) })
    .where(and(eq(t.id, task.id), eq(t.claim_id, task.claim_id ?? ''), eq(t.state, 'pending')));
  const mark = task.kind === 'email' ? { email_failed_at: at } : { webhook_failed_at: at };
  await db.batch([
    failed,
    db
      .update(demoBookings)
      .set({ ...mark, updated_at: at })
      .where(and(eq(demoBookings.id, task.booking_id), holds(task, 'failed'))),
  ]);
}
