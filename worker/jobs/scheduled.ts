/** The cron entry: every run sweeps the outbox. */
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../db/schema.js';
import { sweepOutbox } from './sweep.js';

/** Runs the jobs of one cron tick. */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const db = drizzle(env.DB, { schema });
  const now = new Date(controller.scheduledTime);
  await sweepOutbox(env, db, now);
}
