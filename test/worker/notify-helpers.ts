/** Tools for the notification tests: deliver a task's message to the consumer and read the outcome. */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { vi } from 'vitest';
import type { Booking } from '../../contract/api.js';
import * as schema from '../../worker/db/schema.js';
import { renderers } from '../../worker/index.js';
import { type ConsumerDeps, consumeBatch, runtimeDeps } from '../../worker/notify/consumer.js';
import { bodyOf } from '../api-body.js';
import { db, harness, postJson, recordingQueue, validBooking } from './helpers.js';

export interface SentEmail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

/** An EMAIL binding that records each message, or throws like the real one does on refusal. */
export function recordingEmail(opts: { failWith?: string; slowMs?: number } = {}) {
  const sent: SentEmail[] = [];
  return {
    sent,
    async send(message: SentEmail) {
      if (opts.failWith) throw Object.assign(new Error(`send refused: ${opts.failWith}`), { code: opts.failWith });
      // A slow service: the message still goes out, late.
      if (opts.slowMs) await new Promise((resolve) => setTimeout(resolve, opts.slowMs));
      sent.push(message);
      return { messageId: `<${sent.length}@test>` };
    },
  };
}

/** Creates a booking through the API and returns it with its two outbox tasks. */
export async function createWithTasks(overrides: Record<string, unknown> = {}) {
  const h = harness();
  const res = await h.request('/api/bookings', postJson(validBooking(overrides)));
  const { id } = await bodyOf<Booking>(res);
  const tasks = await db().select().from(schema.notificationTasks).where(eq(schema.notificationTasks.booking_id, id));
  return { id, email: tasks.find((t) => t.kind === 'email')!, webhook: tasks.find((t) => t.kind === 'webhook')! };
}

/** A test environment: the real bindings with a receiver path, a recording EMAIL and DLQs. */
export function notifyEnv(opts: { webhookPath?: string; email?: ReturnType<typeof recordingEmail>; base?: number } = {}) {
  const email = opts.email ?? recordingEmail();
  const dlq = recordingQueue();
  const testEnv = {
    ...env,
    SALES_WEBHOOK_URL: `http://receiver.test${opts.webhookPath ?? `/ok/${crypto.randomUUID()}`}`,
    WEBHOOK_BACKOFF_BASE_SECONDS: String(opts.base ?? 60),
    EMAIL: email as unknown as SendEmail,
    NOTIFY_DLQ: dlq as unknown as Queue,
  } satisfies Env;
  return { env: testEnv, email, dlq };
}

let messageCounter = 0;

/** Delivers one message naming `taskId` to the consumer and returns the queue's view of the outcome. */
export async function deliver(
  taskId: string,
  testEnv: Env,
  deps: Partial<ConsumerDeps> = {},
  message: { id?: string; attempts?: number } = {},
) {
  const [task] = await db()
    .select({ kind: schema.notificationTasks.kind })
    .from(schema.notificationTasks)
    .where(eq(schema.notificationTasks.id, taskId));
  const batch = createMessageBatch(`demo-booking-${task?.kind ?? 'webhook'}s`, [
    { id: message.id ?? `msg-${++messageCounter}`, timestamp: new Date(), attempts: message.attempts ?? 1, body: { task_id: taskId } },
  ]);
  // getQueueResult of @cloudflare/vitest-plugin 1.5 records which messages were
  // retried but drops the delay, so the delay is read off the retry() call.
  const delays = new Map<string, number | undefined>();
  for (const msg of batch.messages) {
    const retry = msg.retry.bind(msg);
    vi.spyOn(msg, 'retry').mockImplementation((options) => {
      delays.set(msg.id, options?.delaySeconds);
      retry(options);
    });
  }
  const ctx = createExecutionContext();
  await consumeBatch(batch, testEnv, { ...runtimeDeps(renderers), random: () => 0, ...deps });
  const result = await getQueueResult(batch, ctx);
  return { ...result, retryMessages: result.retryMessages.map((m) => ({ msgId: m.msgId, delaySeconds: delays.get(m.msgId) })) };
}

/** What the receiver recorded under a path prefix. */
export async function captured(prefix: string) {
  const res = await fetch(`http://receiver.test/__captured?prefix=${encodeURIComponent(prefix)}`);
  return (await res.json()) as { path: string; headers: Record<string, string>; body: string }[];
}

/** The current row of a task and of its booking. */
export async function rows(taskId: string, bookingId: string) {
  const [task] = await db().select().from(schema.notificationTasks).where(eq(schema.notificationTasks.id, taskId));
  const [booking] = await db().select().from(schema.demoBookings).where(eq(schema.demoBookings.id, bookingId));
  return { task: task!, booking: booking! };
}

/**
 * An INSERT that copies the booking `templateId` (made through the API) into
 * a new row straight in D1, so the database's own triggers decide; the
 * `varied` columns take the values given to each call, in that order.
 *
 * @example const copy = await bookingCopier(id, ['id', 'created_at']); await copy(crypto.randomUUID(), at).run();
 */
export async function bookingCopier(templateId: string, varied: string[]) {
  const { results } = await env.DB.prepare("SELECT name FROM pragma_table_info('demo_bookings')").all<{ name: string }>();
  const columns = results.map((c) => c.name);
  const selected = columns.map((c) => (varied.includes(c) ? `?${varied.indexOf(c) + 2}` : c));
  const copy = env.DB.prepare(
    `INSERT INTO demo_bookings (${columns.join(', ')}) SELECT ${selected.join(', ')} FROM demo_bookings WHERE id = ?1`,
  );
  return (...values: unknown[]) => copy.bind(templateId, ...values);
}
