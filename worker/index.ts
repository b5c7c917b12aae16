/**
 * Demo booking worker: the HTTP API (fetch), the notification consumers
 * (queue) and the cron jobs (scheduled).
 */
import { app } from './app.js';
import { runScheduled } from './jobs/scheduled.js';
import { consumeBatch } from './notify/consumer.js';

export default {
  fetch: app.fetch,
  queue: (batch, env) => consumeBatch(batch, env),
  scheduled: (controller, env) => runScheduled(controller, env),
} satisfies ExportedHandler<Env, unknown>;
