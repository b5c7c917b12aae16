/**
 * The team's reads and changes: reps and their feeds as the API shows them
 * (feed addresses masked, each feed's health), and every change written in
 * one batch with its history entry and actor.
 */
import { and, asc, eq, gt, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { BusyInterval, CalendarFeed as FeedView, SalesRep as RepView, TeamHistoryEntry } from '../../contract/api.js';
import type { Locale } from '../../contract/i18n.js';
import { DEFAULT_WORKING_HOURS, maskFeedUrl, TEAM_LIMITS, type TeamEventType } from '../../contract/team.js';
import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { busyIntervals, type CalendarFeed, calendarFeeds, demoBookings, type SalesRep, salesReps, teamEvents } from '../db/schema.js';
import { type Config, isLoopback } from '../env.js';
import { Problem } from '../http/problem.js';
import type { CreateRep, PatchRep } from './requests.js';

/** The one answer for an id no rep has. */
export const NO_SUCH_REP = 'No sales rep has this id.';
const NO_SUCH_FEED = 'This rep has no calendar with this id.';

/** Who changes the team, and when. */
export interface By {
  now: Date;
  actor: string;
}

/** True when a feed has had no successful sync for STALE_FEED_MINUTES (counted from when it was added, before its first). */
export const isStale = (feed: Pick<CalendarFeed, 'last_ok_at' | 'created_at'>, now: Date, staleMinutes: number) =>
  Date.parse(feed.last_ok_at ?? feed.created_at) < now.getTime() - staleMinutes * 60_000;

export const toFeedView = (feed: CalendarFeed, now: Date, staleMinutes: number): FeedView => ({
  id: feed.id,
  url: maskFeedUrl(feed.url),
  created_at: feed.created_at,
  last_attempt_at: feed.last_attempt_at,
  last_ok_at: feed.last_ok_at,
  last_error: feed.last_error,
  busy_count: feed.busy_count,
  stale: isStale(feed, now, staleMinutes),
});

const toRepView = (rep: SalesRep, feeds: CalendarFeed[], now: Date, staleMinutes: number): RepView => ({
  id: rep.id,
  name: rep.name,
  email: rep.email,
  time_zone: rep.time_zone,
  working_hours: rep.working_hours,
  date_overrides: rep.date_overrides,
  languages: rep.languages as Locale[],
  meeting_url: rep.meeting_url,
  weight: rep.weight,
  active: rep.active,
  created_at: rep.created_at,
  updated_at: rep.updated_at,
  calendars: feeds.map((f) => toFeedView(f, now, staleMinutes)),
});

/** Every rep, active first then by name, with their feeds. */
export async function listTeam(db: Db, now: Date, config: Config): Promise<RepView[]> {
  const [reps, feeds] = await db.batch([
    db.select().from(salesReps).orderBy(asc(salesReps.name), asc(salesReps.id)),
    db.select().from(calendarFeeds).orderBy(asc(calendarFeeds.created_at)),
  ]);
  return reps
    .sort((a, b) => Number(b.active) - Number(a.active))
    .map((rep) =>
      toRepView(
        rep,
        feeds.filter((f) => f.rep_id === rep.id),
        now,
        config.STALE_FEED_MINUTES,
      ),
    );
}

/** The rep with this id, or null. */
export async function findRep(db: Db, id: string): Promise<SalesRep | null> {
  const [rep] = await db.select().from(salesReps).where(eq(salesReps.id, id));
  return rep ?? null;
}

/** The rep with their feeds; 404 when there is none. */
export async function requireRep(db: Db, id: string): Promise<{ rep: SalesRep; feeds: CalendarFeed[] }> {
  const [reps, feeds] = await db.batch([
    db.select().from(salesReps).where(eq(salesReps.id, id)),
    db.select().from(calendarFeeds).where(eq(calendarFeeds.rep_id, id)).orderBy(asc(calendarFeeds.created_at)),
  ]);
  const rep = reps[0];
  if (!rep) throw new Problem(404, NO_SUCH_REP);
  return { rep, feeds };
}

/** A rep as the API shows them. */
export async function repView(db: Db, id: string, now: Date, config: Config): Promise<RepView> {
  const { rep, feeds } = await requireRep(db, id);
  return toRepView(rep, feeds, now, config.STALE_FEED_MINUTES);
}

/** The rep's history, oldest first. */
export async function teamEventsOf(db: Db, repId: string): Promise<TeamHistoryEntry[]> {
  const rows = await db.select().from(teamEvents).where(eq(teamEvents.rep_id, repId)).orderBy(asc(teamEvents.id));
  return rows.map((e) => ({ id: e.id, type: e.type, actor: e.actor, at: e.at, details: JSON.parse(e.details) as Record<string, unknown> }));
}

const event = (repId: string, type: TeamEventType, by: By, details: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  rep_id: repId,
  type,
  actor: by.actor,
  at: by.now.toISOString(),
  details: JSON.stringify(details),
});

const emailTaken = () =>
  new Problem(409, 'Another rep has this email address.', {
    errors: [{ path: 'email', rule: 'rep_email_taken', message: 'Another rep has this email address.' }],
  });

/** Adds a rep (with the usual week when none is given); 409 rep_email_taken when the address is another rep's. */
export async function createRep(db: Db, input: CreateRep, by: By): Promise<string> {
  const id = uuidv7();
  const at = by.now.toISOString();
  try {
    await db.batch([
      db.insert(salesReps).values({
        id,
        name: input.name,
        email: input.email,
        time_zone: input.time_zone,
        working_hours: input.working_hours ?? DEFAULT_WORKING_HOURS,
        date_overrides: input.date_overrides ?? {},
        languages: input.languages ?? [],
        meeting_url: input.meeting_url ?? null,
        weight: input.weight ?? 1,
        active: true,
        created_at: at,
        updated_at: at,
      }),
      db.insert(teamEvents).values(event(id, 'created', by, { name: input.name, email: input.email, time_zone: input.time_zone })),
    ]);
  } catch (error) {
    if (isUniqueViolation(error, 'sales_reps')) throw emailTaken();
    throw error;
  }
  return id;
}

/**
 * Changes a rep: only what differs is written and recorded (old and new);
 * `active: false` is recorded as deactivated. Nothing differs: nothing is
 * written.
 */
export async function updateRep(db: Db, id: string, patch: PatchRep, by: By): Promise<void> {
  const { rep } = await requireRep(db, id);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(patch) as [keyof PatchRep, unknown][]) {
    if (value === undefined || field === 'active') continue;
    if (JSON.stringify(rep[field]) !== JSON.stringify(value)) changes[field] = { from: rep[field], to: value };
  }
  const activeChanged = patch.active !== undefined && patch.active !== rep.active;
  if (!Object.keys(changes).length && !activeChanged) return;
  const set = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to]));
  const entries = [];
  if (Object.keys(changes).length) entries.push(event(id, 'updated', by, { changes }));
  if (activeChanged) entries.push(event(id, patch.active ? 'reactivated' : 'deactivated', by));
  try {
    await db.batch([
      db
        .update(salesReps)
        .set({ ...set, ...(activeChanged ? { active: patch.active } : {}), updated_at: by.now.toISOString() })
        .where(eq(salesReps.id, id)),
      db.insert(teamEvents).values(entries),
    ]);
  } catch (error) {
    if (isUniqueViolation(error, 'sales_reps')) throw emailTaken();
    throw error;
  }
}

/** A feed address refused under feed_url_format. */
const feedRefused = (message: string) => new Problem(422, message, { errors: [{ path: 'url', rule: 'feed_url_format', message }] });

/**
 * Adds a calendar feed to a rep: https (webcal:// is read as https; plain
 * http only for a loopback address in development), at most
 * TEAM_LIMITS.feedsPerRepMax per rep. The history keeps the masked address.
 */
export async function addFeed(db: Db, repId: string, rawUrl: string, config: Config, by: By): Promise<CalendarFeed> {
  const { feeds } = await requireRep(db, repId);
  const url = new URL(rawUrl.replace(/^webcals?:/i, 'https:'));
  if (url.protocol !== 'https:' && !(config.isDevelopment && url.protocol === 'http:' && isLoopback(url)))
    throw feedRefused('The calendar address must be https:// (or webcal://).');
  if (url.username || url.password) throw feedRefused('Give the calendar’s secret address, without a user name or password in it.');
  if (feeds.length >= TEAM_LIMITS.feedsPerRepMax) {
    const message = `A rep may have at most ${TEAM_LIMITS.feedsPerRepMax} calendars.`;
    throw new Problem(409, message, { errors: [{ path: 'url', rule: 'feeds_per_rep_max', message }] });
  }
  const feed: CalendarFeed = {
    id: uuidv7(),
    rep_id: repId,
    url: url.href,
    etag: null,
    last_modified: null,
    last_attempt_at: null,
    last_ok_at: null,
    last_error: null,
    busy_count: 0,
    created_at: by.now.toISOString(),
  };
  await db.batch([
    db.insert(calendarFeeds).values(feed),
    db.insert(teamEvents).values(event(repId, 'feed_added', by, { feed_id: feed.id, url: maskFeedUrl(feed.url) })),
  ]);
  return feed;
}

/** Removes a feed and its busy intervals (a feed is configuration, not audit data); the history keeps that it was removed. */
export async function removeFeed(db: Db, repId: string, feedId: string, by: By): Promise<void> {
  const { feeds } = await requireRep(db, repId);
  const feed = feeds.find((f) => f.id === feedId);
  if (!feed) throw new Problem(404, NO_SUCH_FEED);
  await db.batch([
    db.delete(calendarFeeds).where(eq(calendarFeeds.id, feedId)),
    db.delete(busyIntervals).where(eq(busyIntervals.feed_id, feedId)),
    db.insert(teamEvents).values(event(repId, 'feed_removed', by, { feed_id: feedId, url: maskFeedUrl(feed.url) })),
  ]);
}

/**
 * The busy intervals that overlap [from, to) of one rep, or of the whole
 * active team (what the slots are read from), sorted by rep and start. Sync clips every interval to
 * its window (horizon + 1 day), so none is longer than that and none that
 * overlaps `from` starts earlier than that before it: the read is one range
 * of the start index, however many reps and however much history.
 */
export function busyQuery(db: Db, window: { from: string; to: string; horizonDays: number; repId?: string }) {
  const { from, to, horizonDays, repId } = window;
  const earliest = new Date(Date.parse(from) - (horizonDays + 1) * 86_400_000).toISOString();
  return db
    .select({ rep_id: busyIntervals.rep_id, start: busyIntervals.start, end: busyIntervals.end })
    .from(busyIntervals)
    .innerJoin(salesReps, eq(salesReps.id, busyIntervals.rep_id))
    .where(
      and(
        repId ? eq(busyIntervals.rep_id, repId) : eq(salesReps.active, true),
        gte(busyIntervals.start, earliest),
        lt(busyIntervals.start, to),
        gt(busyIntervals.end, from),
      ),
    )
    .orderBy(asc(busyIntervals.rep_id), asc(busyIntervals.start));
}

/** The statuses of a booked slot that holds its rep's time (a booked slot is confirmed at once). */
const HOLDING_STATUSES = ['pending', 'confirmed'] as const;

/**
 * The booked slots that hold a rep's time, starting in (from, to): of one rep
 * (their slot index) or of every rep. A demo is far shorter than a day: a
 * window widened by a day catches one that began before it.
 */
export function bookedSlotsQuery(db: Db, window: { from: string; to: string; repId?: string }) {
  const b = demoBookings;
  return db
    .select({ id: b.id, rep_id: b.assigned_rep_id, start: b.preferred_date, end: b.slot_end })
    .from(b)
    .where(
      and(
        window.repId ? eq(b.assigned_rep_id, window.repId) : isNotNull(b.assigned_rep_id),
        isNotNull(b.slot_end),
        inArray(b.status, [...HOLDING_STATUSES]),
        gt(b.preferred_date, window.from),
        lt(b.preferred_date, window.to),
      ),
    );
}

/**
 * A rep's busy time in [from, to), sorted (GET /api/team/{id}/busy): from
 * their calendars, and their booked demos. A demo's own event on their
 * calendar is not read as calendar time (see busy.ts): it shows once.
 */
export async function busyOf(db: Db, repId: string, window: { from: string; to: string; horizonDays: number }): Promise<BusyInterval[]> {
  const earlier = new Date(Date.parse(window.from) - 86_400_000).toISOString();
  const [calendar, booked] = await db.batch([
    busyQuery(db, { ...window, repId }),
    bookedSlotsQuery(db, { from: earlier, to: window.to, repId }),
  ]);
  return [
    ...calendar.map((r) => ({ start: r.start, end: r.end, source: 'calendar' as const })),
    ...booked
      .filter((r) => r.start && r.end && r.end > window.from)
      .map((r) => ({ start: r.start as string, end: r.end as string, source: 'booking' as const })),
  ].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
}

/** The reps (ids) of the active team with a stale feed: unavailable until it syncs. */
export async function staleReps(db: Db, now: Date, staleMinutes: number): Promise<string[]> {
  const feeds = await db
    .select({ rep_id: calendarFeeds.rep_id, last_ok_at: calendarFeeds.last_ok_at, created_at: calendarFeeds.created_at })
    .from(calendarFeeds)
    .innerJoin(salesReps, eq(salesReps.id, calendarFeeds.rep_id))
    .where(eq(salesReps.active, true));
  return [...new Set(feeds.filter((f) => isStale(f, now, staleMinutes)).map((f) => f.rep_id))].sort();
}

/** The feeds of some reps, for the sync queue. */
export const feedIdsOf = async (db: Db, repIds: string[]) =>
  (await db.select({ id: calendarFeeds.id }).from(calendarFeeds).where(inArray(calendarFeeds.rep_id, repIds))).map((f) => f.id);
