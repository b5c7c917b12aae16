/**
 * Demo booking worker: the HTTP API (fetch), the notification consumers
 * (queue) and the cron jobs (scheduled).
 */
import { app } from './app.js';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
