/**
 * Queue consumer for the notification tasks (one queue per kind, both consumed here). Each message is handled on
 * its own (its own try/catch, its own ack or retry and delay), so one bad
 * message never sinks the batch. The task row, not the message, decides what
 * happens: a duplicate or re-enqueued message never sends twice.
 *
 * This folder knows tasks, not what a booking says: what a task sends (the
 * email, the webhook body) comes from the `Renderers` that worker/index.ts
 * passes in. Of a booking it writes only the delivery columns (tasks.ts), in
 * the same batch as the task's own change, since D1 has no transaction across
 * two calls.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { database } from '../db/client.js';
import { safeErrorText } from '../db/errors.js';
import { type NotificationTask, notificationTasks } from '../db/schema.js';
import { type Config, readConfig } from '../env.js';
import { type Log, logger } from '../log.js';
import { backoffSeconds, MAX_ATTEMPTS, MAX_DELAY_SECONDS } from './backoff.js';
import { type TaskMessage, taskMessage } from './outbox.js';
import { claimTask, completeTask, failTask, scheduleRetry } from './tasks.js';
import { deliverWebhook } from './webhook.js';

/** An email as the `send_email` binding takes it. */
export interface EmailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; type: string; content: string; disposition: 'attachment' }[];
}

/** What a task sends, or why it sends nothing (the attempt then counts as done). */
export type Outgoing<T> = { send: T } | { skip: string };

/** What the consumer needs to know about what it delivers, given by worker/index.ts. */
export interface Renderers {
  /** The email of a task. */
  email(task: NotificationTask, ctx: RenderContext): Promise<Outgoing<EmailMessage>>;
  /** The webhook body of a task. */
  webhook(task: NotificationTask, ctx: RenderContext): Promise<Outgoing<string>>;
}

/** What a renderer may read. */
export interface RenderContext {
  db: Db;
  config: Config;
  now: Date;
}

/** The consumer's dependencies: the renderers, and the clock, network and randomness (tests replace them). */
export interface ConsumerDeps extends Renderers {
  now: () => Date;
  fetch: typeof fetch;
  random: () => number;
  webhookTimeoutMs: number;
  /** How long an email send may take before the attempt counts as failed: well inside the lease. */
  emailTimeoutMs: number;
}

/** The real clock, network and randomness. */
export const runtimeDeps = (renderers: Renderers): ConsumerDeps => ({
  ...renderers,
  now: () => new Date(),
  fetch: (...a) => fetch(...a),
  random: Math.random,
  webhookTimeoutMs: 10_000,
  emailTimeoutMs: EMAIL_TIMEOUT_MS,
});

/**
 * An email send that has not answered after this long is given up on, so the
 * attempt settles (and retries) while it still holds its 60 s lease. The
 * service may still deliver it: email is at-least-once, and the window for a
 * second copy is a send slower than this.
 */
export const EMAIL_TIMEOUT_MS = 20_000;

/** Resolves as `work` does, or rejects with a TimeoutError after `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  const timeout = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' })));
  });
  return Promise.race([work, timeout]);
}

type Outcome = { ack: true } | { ack: false; delaySeconds: number };
type Attempt = { ok: true; skipped?: string } | { ok: false; error: string; retryAfter?: number | null; gone?: boolean };

/** A delivery arriving this close before its due time is early, not a duplicate. */
const EARLY_TOLERANCE_MS = 30_000;

interface Ctx {
  env: Env;
  config: Config;
  db: Db;
  deps: ConsumerDeps;
  log: Log;
}

/** Handles a batch of the notifications queue. */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, deps: ConsumerDeps): Promise<void> {
  const config = readConfig(env);
  const db = database(env.DB);
  await Promise.all(
    batch.messages.map(async (msg) => {
      const log = logger({ task_id: isTaskMessage(msg.body) ? msg.body.task_id : `message:${msg.id}` });
      try {
        const outcome = await handleMessage(msg.body, { env, config, db, deps, log });
        if (outcome.ack) msg.ack();
        else msg.retry({ delaySeconds: outcome.delaySeconds });
      } catch (error) {
        const delaySeconds = backoffSeconds(msg.attempts, config.WEBHOOK_BACKOFF_BASE_SECONDS, deps.random);
        log.error('task_error', { queue: batch.queue, message_id: msg.id, error: safeErrorText(error), retry_in: delaySeconds });
        msg.retry({ delaySeconds });
      }
    }),
  );
}

function isTaskMessage(body: unknown): body is TaskMessage {
  return typeof body === 'object' && body !== null && 'task_id' in body && typeof body.task_id === 'string';
}

async function handleMessage(body: unknown, ctx: Ctx): Promise<Outcome> {
  if (!isTaskMessage(body)) {
    ctx.log.error('task_message_invalid');
    return { ack: true }; // retrying cannot make it valid
  }
  const now = ctx.deps.now();
  const [task] = await ctx.db.select().from(notificationTasks).where(eq(notificationTasks.id, body.task_id));
  if (task?.state !== 'pending') return { ack: true };
  const waitMs = Date.parse(task.next_attempt_at) - now.getTime();
  if (waitMs > EARLY_TOLERANCE_MS) return { ack: true }; // a duplicate: the task's own message or the sweeper brings it back
  if (waitMs > 0) return { ack: false, delaySeconds: Math.ceil(waitMs / 1000) };

  const claimed = await claimTask(ctx.db, task, now);
  if (!claimed) return { ack: true }; // another delivery of it holds the task
  return settle(claimed, await attempt(claimed, ctx, now), ctx, now);
}

/** Records the attempt's result and says what the queue should do with the message. */
async function settle(task: NotificationTask, result: Attempt, ctx: Ctx, now: Date): Promise<Outcome> {
  const log = { kind: task.kind, booking_id: task.booking_id, attempt: task.attempts };
  if (result.ok) {
    await completeTask(ctx.db, task, now, result.skipped);
    ctx.log.info(result.skipped ? 'task_skipped' : 'task_delivered', { ...log, reason: result.skipped });
    return { ack: true };
  }
  if (result.gone || task.attempts >= MAX_ATTEMPTS) {
    await failTask(ctx.db, task, now, result.error);
    await ctx.env.NOTIFY_DLQ.send(taskMessage(task), { contentType: 'json' });
    ctx.log.error('task_dead_lettered', { ...log, error: result.error });
    return { ack: true };
  }
  const backoff = backoffSeconds(task.attempts, ctx.config.WEBHOOK_BACKOFF_BASE_SECONDS, ctx.deps.random);
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(backoff, result.retryAfter ?? 0));
  await scheduleRetry(ctx.db, task, now, delaySeconds, result.error);
  ctx.log.warn('task_retry', { ...log, error: result.error, retry_in: delaySeconds });
  return { ack: false, delaySeconds };
}

/** One attempt at the task's delivery. */
function attempt(task: NotificationTask, ctx: Ctx, now: Date): Promise<Attempt> {
  const render = { db: ctx.db, config: ctx.config, now };
  return task.kind === 'email' ? sendEmail(task, ctx, render) : sendWebhook(task, ctx, render);
}

async function sendEmail(task: NotificationTask, ctx: Ctx, render: RenderContext): Promise<Attempt> {
  const outgoing = await ctx.deps.email(task, render);
  if ('skip' in outgoing) return { ok: true, skipped: outgoing.skip };
  try {
    await within(ctx.env.EMAIL.send(outgoing.send), ctx.deps.emailTimeoutMs);
    return { ok: true };
  } catch (error) {
    // The code only: the service's message may quote the recipient, and this text is logged.
    const code =
      (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code) ||
      (error instanceof Error ? error.name : 'unknown');
    return { ok: false, error: `email not accepted (${code})` };
  }
}

async function sendWebhook(task: NotificationTask, ctx: Ctx, render: RenderContext): Promise<Attempt> {
  if (!ctx.config.webhookUrl) return { ok: false, error: 'SALES_WEBHOOK_URL is not set' };
  const outgoing = await ctx.deps.webhook(task, render);
  if ('skip' in outgoing) return { ok: true, skipped: outgoing.skip };
  const result = await deliverWebhook({
    url: ctx.config.webhookUrl,
    secret: ctx.config.WEBHOOK_SECRET,
    id: task.id,
    body: outgoing.send,
    now: render.now,
    timeoutMs: ctx.deps.webhookTimeoutMs,
    fetch: ctx.deps.fetch,
  });
  return result.ok ? { ok: true } : result;
}
