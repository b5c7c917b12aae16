/** The cron entry: every tick sweeps the outbox and hands each calendar feed to the sync queue; the daily tick also archives and drops expired idempotency records. */
import { database } from '../db/client.js';
import { dropExpiredKeys } from '../http/idempotency.js';
import { logger } from '../log.js';
import { enqueueAllSyncs } from '../team/sync.js';
import { archiveOldBookings } from './archive.js';
import { sweepOutbox } from './sweep.js';

/** The daily cron of wrangler.toml. */
export const DAILY_CRON = '17 3 * * *';

/** Runs the jobs of one cron tick. */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const db = database(env.DB);
  const now = new Date(controller.scheduledTime);
  await Promise.all([sweepOutbox(env, db, now, logger({ job: 'sweep' })), enqueueAllSyncs(env, db)]);
  if (controller.cron !== DAILY_CRON) return;
  await archiveOldBookings(db, now, logger({ job: 'archive' }));
  await dropExpiredKeys(db, now);
}
