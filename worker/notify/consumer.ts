/**
 * Queue consumer for the email and webhook tasks. Each message is handled on
 * its own (its own try/catch, its own ack or retry and delay), so one bad
 * message never sinks the batch. The task row, not the message, decides what
 * happens: a duplicate or re-enqueued message never sends twice.
 */
import { eq } from 'drizzle-orm';
import { database } from '../db/client.js';
import { notificationTasks, type Booking, type NotificationTask } from '../db/schema.js';
import { safeErrorText } from '../db/errors.js';
import { readConfig, type Config, type Db } from '../env.js';
import { getBooking } from '../bookings/admin.js';
import { MAX_ATTEMPTS, MAX_DELAY_SECONDS, backoffSeconds } from './backoff.js';
import { buildConfirmation } from './email.js';
import type { EventType, TaskMessage } from './outbox.js';
import { claimTask, completeTask, failTask, scheduleRetry } from './tasks.js';
import { deliverWebhook } from './webhook.js';
import { webhookEvent } from './payload.js';
import { DEV_SINK_PATH } from '../dev/sink.js';
import { signCancelToken } from '../cancel/token.js';

/** What the consumer can be given instead of the real clock, network and randomness (tests). */
export interface ConsumerDeps {
  now: () => Date;
  fetch: typeof fetch;
  random: () => number;
  webhookTimeoutMs: number;
}

const defaultDeps = (): ConsumerDeps => ({ now: () => new Date(), fetch: (...a) => fetch(...a), random: Math.random, webhookTimeoutMs: 10_000 });

type Outcome = { ack: true } | { ack: false; delaySeconds: number };
type Attempt = { ok: true; skipped?: string } | { ok: false; error: string; retryAfter?: number | null; gone?: boolean };

/** A delivery arriving this close before its due time is early, not a duplicate. */
const EARLY_TOLERANCE_MS = 30_000;

/** Handles a batch from either queue. */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, overrides: Partial<ConsumerDeps> = {}): Promise<void> {
  const deps = { ...defaultDeps(), ...overrides };
  const config = readConfig(env);
  const db = database(env.DB);
  await Promise.all(
    batch.messages.map(async (msg) => {
      try {
        const outcome = await handleMessage(msg.body, { env, config, db, deps });
        if (outcome.ack) msg.ack();
        else msg.retry({ delaySeconds: outcome.delaySeconds });
      } catch (error) {
        const delaySeconds = backoffSeconds(msg.attempts, config.WEBHOOK_BACKOFF_BASE_SECONDS, deps.random);
        console.error(JSON.stringify({ event: 'task_error', queue: batch.queue, message_id: msg.id, error: safeErrorText(error), retry_in: delaySeconds }));
        msg.retry({ delaySeconds });
      }
    }),
  );
}

interface Ctx {
  env: Env;
  config: Config;
  db: Db;
  deps: ConsumerDeps;
}

function isTaskMessage(body: unknown): body is TaskMessage {
  return typeof body === 'object' && body !== null && typeof (body as TaskMessage).task_id === 'string';
}

async function handleMessage(body: unknown, ctx: Ctx): Promise<Outcome> {
  if (!isTaskMessage(body)) {
    console.error(JSON.stringify({ event: 'task_message_invalid' }));
    return { ack: true }; // retrying cannot make it valid
  }
  const now = ctx.deps.now();
  const [task] = await ctx.db.select().from(notificationTasks).where(eq(notificationTasks.id, body.task_id));
  if (!task || task.state !== 'pending') return { ack: true };
  const waitMs = Date.parse(task.next_attempt_at) - now.getTime();
  if (waitMs > EARLY_TOLERANCE_MS) return { ack: true }; // a duplicate: the task's own message or the sweeper brings it back
  if (waitMs > 0) return { ack: false, delaySeconds: Math.ceil(waitMs / 1000) };

  const claimed = await claimTask(ctx.db, task, now);
  if (!claimed) return { ack: true }; // another delivery of it holds the task
  const found = await getBooking(ctx.db, claimed.booking_id);
  const attempt = found ? await attemptTask(claimed, found.row, ctx, now) : { ok: true as const, skipped: 'booking not found' };
  return settle(claimed, attempt, ctx, now);
}

/** Records the attempt's result and says what the queue should do with the message. */
async function settle(task: NotificationTask, attempt: Attempt, ctx: Ctx, now: Date): Promise<Outcome> {
  const log = { task_id: task.id, kind: task.kind, booking_id: task.booking_id, attempt: task.attempts };
  if (attempt.ok) {
    await completeTask(ctx.db, task, now, attempt.skipped);
    console.log(JSON.stringify({ event: attempt.skipped ? 'task_skipped' : 'task_delivered', ...log, reason: attempt.skipped }));
    return { ack: true };
  }
  if (attempt.gone || task.attempts >= MAX_ATTEMPTS) {
    await failTask(ctx.db, task, now, attempt.error);
    const dlq = task.kind === 'email' ? ctx.env.EMAIL_DLQ : ctx.env.WEBHOOK_DLQ;
    await dlq.send({ task_id: task.id } satisfies TaskMessage, { contentType: 'json' });
    console.error(JSON.stringify({ event: 'task_dead_lettered', ...log, error: attempt.error }));
    return { ack: true };
  }
  const backoff = backoffSeconds(task.attempts, ctx.config.WEBHOOK_BACKOFF_BASE_SECONDS, ctx.deps.random);
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(backoff, attempt.retryAfter ?? 0));
  await scheduleRetry(ctx.db, task, now, delaySeconds, attempt.error);
  console.warn(JSON.stringify({ event: 'task_retry', ...log, error: attempt.error, retry_in: delaySeconds }));
  return { ack: false, delaySeconds };
}

/** One attempt at the task's delivery; nothing at all for a redacted booking. */
function attemptTask(task: NotificationTask, booking: Booking, ctx: Ctx, now: Date): Promise<Attempt> {
  if (booking.redacted_at) return Promise.resolve({ ok: true, skipped: 'booking redacted' });
  return task.kind === 'email' ? sendConfirmationTask(task, booking, ctx, now) : sendWebhookTask(task, booking, ctx, now);
}

async function sendConfirmationTask(task: NotificationTask, booking: Booking, ctx: Ctx, now: Date): Promise<Attempt> {
  if (booking.confirmation_sent_at) return { ok: true, skipped: 'confirmation already sent' };
  if (booking.status === 'spam' || booking.status === 'cancelled') return { ok: true, skipped: `booking ${booking.status}` };
  const { timezone } = JSON.parse(task.payload) as { timezone?: string | null };
  const token = await signCancelToken(ctx.config.WEBHOOK_SECRET, booking.id, now);
  const cancelUrl = new URL(`/cancel/${booking.id}?token=${token}`, ctx.config.PUBLIC_BASE_URL).href;
  try {
    await ctx.env.EMAIL.send(buildConfirmation(booking, { from: ctx.config.EMAIL_FROM, timezone: timezone ?? null, cancelUrl }));
    return { ok: true };
  } catch (error) {
    // The code only: the service's message may quote the recipient, and this text is logged.
    const code = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown');
    return { ok: false, error: `email not accepted (${code})` };
  }
}

async function sendWebhookTask(task: NotificationTask, booking: Booking, ctx: Ctx, now: Date): Promise<Attempt> {
  const url = ctx.config.SALES_WEBHOOK_URL || (ctx.config.isDevelopment ? new URL(DEV_SINK_PATH, ctx.config.PUBLIC_BASE_URL).href : '');
  if (!url) return { ok: false, error: 'SALES_WEBHOOK_URL is not set' };
  const event = webhookEvent(task.event_type as EventType, booking, new Date(task.created_at));
  const result = await deliverWebhook({
    url,
    secret: ctx.config.WEBHOOK_SECRET,
    id: task.id,
    body: JSON.stringify(event),
    now,
    timeoutMs: ctx.deps.webhookTimeoutMs,
    fetch: ctx.deps.fetch,
  });
  return result.ok ? { ok: true } : result;
}
