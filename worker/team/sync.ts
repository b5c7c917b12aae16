/**
 * Calendar sync (SPEC 8.2): the cron and "Sync now" hand one task per feed
 * to the calendar queue, so one slow or huge feed delays nobody else; the
 * consumer fetches a feed (https, a timeout, a size cap, a conditional GET),
 * reads its busy intervals and replaces the feed's set in one batch. A
 * failure keeps the previous set and records why, in words that never hold
 * the address or anything the feed says.
 */
import { eq, sql } from 'drizzle-orm';
import { TEAM_LIMITS } from '../../contract/team.js';
import { type Db, database } from '../db/client.js';
import { busyIntervals as busyTable, calendarFeeds, salesReps } from '../db/schema.js';
import { type Config, isLoopback, readConfig } from '../env.js';
import { type Log, logger } from '../log.js';
import { busyIntervals, FeedError } from './busy.js';

/** A calendar queue message: which feed to sync. */
export interface SyncMessage {
  feed_id: string;
}

/** What the consumer needs from outside: the clock, the network, how long a feed may take. */
export interface SyncDeps {
  now: () => Date;
  fetch: typeof fetch;
  timeoutMs: number;
}

export const runtimeSyncDeps: SyncDeps = {
  now: () => new Date(),
  fetch: (...a) => fetch(...a),
  timeoutMs: TEAM_LIMITS.feedTimeoutMs,
};

const DAY = 86_400_000;
/** Intervals per insert statement: each bound as one JSON list (D1 allows 100 parameters, not 100 rows). */
const ROWS_PER_INSERT = 2000;

/** The outcome of one feed's sync. */
export type SyncOutcome = 'synced' | 'unchanged' | 'failed' | 'skipped';

/** The calendar queue's consumer: each message on its own, acked whatever the feed did (the next cron tick retries). */
export async function syncBatch(batch: MessageBatch<SyncMessage>, env: Env, deps: SyncDeps = runtimeSyncDeps): Promise<void> {
  const db = database(env.DB);
  const config = readConfig(env);
  const log = logger({ job: 'calendar-sync' });
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        await syncFeed(db, message.body.feed_id, config, deps, log);
        message.ack();
      } catch (error) {
        // Only the database failing lands here: the message comes back.
        log.error('calendar_sync_crashed', { feed_id: message.body.feed_id, error: (error as Error).name });
        message.retry({ delaySeconds: 60 });
      }
    }),
  );
}

/** Syncs one feed now: its busy set replaced, or kept with the reason it could not be. */
export async function syncFeed(db: Db, feedId: string, config: Config, deps: SyncDeps, log: Log): Promise<SyncOutcome> {
  const [row] = await db
    .select({ feed: calendarFeeds, zone: salesReps.time_zone, email: salesReps.email, active: salesReps.active })
    .from(calendarFeeds)
    .innerJoin(salesReps, eq(salesReps.id, calendarFeeds.rep_id))
    .where(eq(calendarFeeds.id, feedId));
  if (!row?.active) return 'skipped';
  const { feed } = row;
  const started = deps.now();
  const at = started.toISOString();
  try {
    const response = await fetchFeed(feed, config, deps);
    if (response.status === 304) {
      await db.update(calendarFeeds).set({ last_attempt_at: at, last_ok_at: at, last_error: null }).where(eq(calendarFeeds.id, feed.id));
      return 'unchanged';
    }
    const text = await readCapped(response);
    const from = started.getTime();
    const intervals = readBusy(text, {
      from,
      to: from + (config.BOOKING_HORIZON_DAYS + 1) * DAY,
      zone: row.zone,
      email: row.email,
      apiBase: config.PUBLIC_BASE_URL,
    });
    await replaceBusySet(db, feed, intervals, {
      at,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    });
    log.info('calendar_synced', { feed_id: feed.id, rep_id: feed.rep_id, busy: intervals.length, ms: deps.now().getTime() - from });
    return 'synced';
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    await db.update(calendarFeeds).set({ last_attempt_at: at, last_error: error.message }).where(eq(calendarFeeds.id, feed.id));
    log.warn('calendar_sync_failed', { feed_id: feed.id, rep_id: feed.rep_id, reason: error.message });
    return 'failed';
  }
}

/** GETs the feed, conditionally when it has validators; refuses what is not https (loopback http in development only). */
async function fetchFeed(feed: typeof calendarFeeds.$inferSelect, config: Config, deps: SyncDeps): Promise<Response> {
  const url = new URL(feed.url);
  if (url.protocol !== 'https:' && !(config.isDevelopment && url.protocol === 'http:' && isLoopback(url)))
    throw new FeedError('The feed address must be https.');
  const headers: Record<string, string> = { accept: 'text/calendar, */*;q=0.5', 'user-agent': 'demo-booking calendar sync' };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.last_modified) headers['if-modified-since'] = feed.last_modified;
  let response: Response;
  try {
    response = await deps.fetch(url.href, { headers, signal: AbortSignal.timeout(deps.timeoutMs) });
  } catch (error) {
    // The runtime's message may hold the address: fixed words only.
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    throw new FeedError(
      timedOut
        ? `The calendar server did not answer within ${Math.round(deps.timeoutMs / 1000)} s.`
        : 'The calendar server could not be reached.',
    );
  }
  if (response.status === 304 && (feed.etag || feed.last_modified)) return response;
  if (!response.ok) {
    await response.body?.cancel();
    throw new FeedError(`The calendar server answered ${response.status}.`);
  }
  return response;
}

/** The body as text, refused past the size cap without reading further. */
async function readCapped(response: Response): Promise<string> {
  const tooBig = () => new FeedError(`The feed is larger than ${TEAM_LIMITS.feedBytesMax / 1024 / 1024} MB.`);
  if (Number(response.headers.get('content-length') ?? 0) > TEAM_LIMITS.feedBytesMax) {
    await response.body?.cancel();
    throw tooBig();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.byteLength;
      if (size > TEAM_LIMITS.feedBytesMax) {
        await reader.cancel();
        throw tooBig();
      }
      chunks.push(part.value);
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError('The calendar server stopped sending the feed halfway.');
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** The feed's busy intervals; anything the parser throws is a feed that cannot be read. */
function readBusy(text: string, ctx: Parameters<typeof busyIntervals>[1]) {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) throw new FeedError('The address did not answer with an iCalendar feed.');
  try {
    return busyIntervals(text, ctx);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError('The feed could not be read as a calendar.');
  }
}

/**
 * Replaces a feed's busy set and records the success, in one batch (D1 runs
 * a batch as one transaction): readers see the old set or the new, never
 * none. Rows are written only while the feed still exists, so a feed removed
 * meanwhile leaves nothing behind.
 */
async function replaceBusySet(
  db: Db,
  feed: typeof calendarFeeds.$inferSelect,
  intervals: [number, number][],
  v: { at: string; etag: string | null; lastModified: string | null },
) {
  const inserts = [];
  for (let i = 0; i < intervals.length; i += ROWS_PER_INSERT) {
    const rows = JSON.stringify(
      intervals.slice(i, i + ROWS_PER_INSERT).map(([s, e]) => [new Date(s).toISOString(), new Date(e).toISOString()]),
    );
    inserts.push(
      db.insert(busyTable).select(
        sql`select ${feed.id}, ${feed.rep_id}, json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${rows})
          where exists (select 1 from calendar_feeds where id = ${feed.id})`,
      ),
    );
  }
  await db.batch([
    db.delete(busyTable).where(eq(busyTable.feed_id, feed.id)),
    ...inserts,
    db
      .update(calendarFeeds)
      .set({
        last_attempt_at: v.at,
        last_ok_at: v.at,
        last_error: null,
        etag: v.etag,
        last_modified: v.lastModified,
        busy_count: intervals.length,
      })
      .where(eq(calendarFeeds.id, feed.id)),
  ]);
}

/** Hands one sync task per feed to the calendar queue (100 messages per send, the queue's limit). */
export async function enqueueSyncs(queue: Queue<SyncMessage>, feedIds: readonly string[]): Promise<void> {
  for (let i = 0; i < feedIds.length; i += 100)
    await queue.sendBatch(feedIds.slice(i, i + 100).map((feed_id) => ({ body: { feed_id }, contentType: 'json' as const })));
}

/** The cron's part: every feed of every active rep, handed to the queue. */
export async function enqueueAllSyncs(env: Env, db: Db): Promise<number> {
  const feeds = await db
    .select({ id: calendarFeeds.id })
    .from(calendarFeeds)
    .innerJoin(salesReps, eq(salesReps.id, calendarFeeds.rep_id))
    .where(eq(salesReps.active, true));
  await enqueueSyncs(
    env.CALENDAR_QUEUE,
    feeds.map((f) => f.id),
  );
  return feeds.length;
}
