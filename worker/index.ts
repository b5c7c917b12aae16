/**
 * Demo booking worker: the HTTP API (fetch), the notification consumers
 * and calendar sync (queue) and the cron jobs (scheduled). Here the notification pipeline,
 * which knows tasks only, is given what each task sends.
 */
import { app } from './app.js';
import { runScheduled } from './jobs/scheduled.js';
import { renderEmail } from './messages/email.js';
import { renderWebhook } from './messages/webhook.js';
import { consumeBatch, type Renderers, runtimeDeps } from './notify/consumer.js';
import { CALENDAR_QUEUE_NAME } from './team/queue.js';
import { type SyncMessage, syncBatch } from './team/sync.js';

/** What each notification task sends. */
export const renderers: Renderers = { email: renderEmail, webhook: renderWebhook };

const consumerDeps = runtimeDeps(renderers);

export default {
  fetch: app.fetch,
  queue: (batch, env) =>
    batch.queue === CALENDAR_QUEUE_NAME ? syncBatch(batch as MessageBatch<SyncMessage>, env) : consumeBatch(batch, env, consumerDeps),
  scheduled: (controller, env) => runScheduled(controller, env),
} satisfies ExportedHandler<Env, unknown>;
