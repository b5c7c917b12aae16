/**
 * The team's free time, read from D1 alone (no calendar is asked on a
 * request): the active reps, their feeds' health, their busy intervals and
 * their booked slots, in one batch, turned into each eligible rep's free
 * slots (availability.ts). A rep is eligible when active, routed to by the
 * rules (routing/service.ts), vouched for by every calendar they have (each
 * synced, none stale), and demoing in the visitor's language (or in any).
 */
import { eq } from 'drizzle-orm';
import type { RoutingRule } from '../../contract/routing.js';
import type { Db } from '../db/client.js';
import { calendarFeeds, type SalesRep, salesReps } from '../db/schema.js';
import type { Config } from '../env.js';
import { companyDomain, ownerQuery, type RoutingAsk, routeOf, rulesQuery } from '../routing/service.js';
import { bookedSlotsQuery, busyQuery, isStale } from '../team/service.js';
import { freeAtStart, merged, type RepTime, type SlotRules, type Span, slotRules, unionOfFreeStarts } from './availability.js';

const DAY = 86_400_000;

/** An eligible rep and their time. */
export interface EligibleRep {
  rep: SalesRep;
  time: RepTime;
}

/** Why an active rep is not eligible for a visitor. */
export type LeftOut = 'rule' | 'language' | 'calendar';

/** How a visitor is routed (SPEC 8.5): the rule that matched, the company's owner, and who was left out. */
export interface Routing {
  rule: RoutingRule | null;
  /** The rep of the company's latest booking (active or not), or null. */
  owner: SalesRep | null;
  /** The rule's reps who are deactivated (never picked). */
  inactive: SalesRep[];
  /** Active reps not eligible, with why. */
  leftOut: { rep: SalesRep; why: LeftOut }[];
}

/** What a window of the team's time is read from. */
export interface TeamTime {
  /** Active reps, eligible or not: with none, the widget asks for a preferred time. */
  activeCount: number;
  eligible: EligibleRep[];
  rules: SlotRules;
  routing: Routing;
}

/**
 * Reads the team's time for slots starting in [from, to), at `now`, in one
 * batch: for a visitor (`ask`, routed by the rules in force, their language
 * and their company's owner), or for any rep (a move of a booked slot).
 */
export async function teamTime(
  db: Db,
  config: Config,
  now: Date,
  window: {
    from: number;
    to: number;
    /** The would-be booking routing reads; without it every active rep is eligible. */
    ask?: RoutingAsk;
    /** Rules to route by instead of those in force (the dry run of an edit). */
    tryRules?: RoutingRule[];
    /** A booking being moved: its own time does not hold its rep. */
    moving?: string;
  },
): Promise<TeamTime> {
  const rules = slotRules(config, now.getTime());
  // Anything that could touch a slot in the window: a day either side covers a demo, its buffer and a local day.
  const from = new Date(Math.max(window.from, rules.earliest) - DAY).toISOString();
  const to = new Date(Math.min(window.to, rules.latest) + DAY).toISOString();
  const domain = window.ask ? companyDomain(window.ask.contact_email) : null;
  const [reps, feeds, busy, booked, versions, owners] = await db.batch([
    db.select().from(salesReps),
    db
      .select({ rep_id: calendarFeeds.rep_id, last_ok_at: calendarFeeds.last_ok_at, created_at: calendarFeeds.created_at })
      .from(calendarFeeds)
      .innerJoin(salesReps, eq(salesReps.id, calendarFeeds.rep_id))
      .where(eq(salesReps.active, true)),
    busyQuery(db, { from, to, horizonDays: config.BOOKING_HORIZON_DAYS }),
    bookedSlotsQuery(db, { from, to }),
    rulesQuery(db),
    // A statement that finds nothing when there is no company to own.
    ownerQuery(db, domain ?? ''),
  ]);
  const unvouched = new Set(feeds.filter((f) => !f.last_ok_at || isStale(f, now, config.STALE_FEED_MINUTES)).map((f) => f.rep_id));
  const spans = new Map<string, Span[]>();
  const starts = new Map<string, number[]>();
  for (const b of busy) append(spans, b.rep_id, [Date.parse(b.start), Date.parse(b.end)]);
  for (const b of booked) {
    if (!b.rep_id || !b.start || !b.end || b.id === window.moving) continue;
    append(spans, b.rep_id, [Date.parse(b.start), Date.parse(b.end)]);
    append(starts, b.rep_id, Date.parse(b.start));
  }
  const active = reps.filter((rep) => rep.active);
  const { rule, only } = window.ask ? routeOf(window.tryRules ?? versions[0]?.rules ?? [], window.ask) : { rule: null, only: null };
  const locale = window.ask?.locale ?? null;
  const leftOut: Routing['leftOut'] = [];
  const eligible: EligibleRep[] = [];
  for (const rep of active) {
    const why: LeftOut | null =
      only && !only.has(rep.id)
        ? 'rule'
        : locale && rep.languages.length > 0 && !rep.languages.includes(locale)
          ? 'language'
          : unvouched.has(rep.id)
            ? 'calendar'
            : null;
    if (why) leftOut.push({ rep, why });
    else
      eligible.push({
        rep,
        time: {
          id: rep.id,
          zone: rep.time_zone,
          hours: rep.working_hours,
          overrides: rep.date_overrides,
          busy: merged(spans.get(rep.id) ?? []),
          bookedStarts: starts.get(rep.id) ?? [],
        },
      });
  }
  const ownerId = domain ? owners[0]?.rep_id : null;
  return {
    activeCount: active.length,
    eligible,
    rules,
    routing: {
      rule,
      owner: reps.find((r) => r.id === ownerId) ?? null,
      inactive: only ? reps.filter((r) => !r.active && only.has(r.id)) : [],
      leftOut,
    },
  };
}

/** Adds a value to a key's list. */
function append<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A slot's columns once booked (UTC ISO): its start, its end, and how long it holds its rep (the end plus BUFFER_MINUTES). */
export function slotTimes(start: number, config: Pick<Config, 'DEMO_DURATION_MINUTES' | 'BUFFER_MINUTES'>) {
  const end = start + config.DEMO_DURATION_MINUTES * 60_000;
  return {
    preferred_date: new Date(start).toISOString(),
    slot_end: new Date(end).toISOString(),
    blocked_until: new Date(end + config.BUFFER_MINUTES * 60_000).toISOString(),
  };
}
export type SlotTimes = ReturnType<typeof slotTimes>;

/** Starts as the API answers them: `{start, end}` in UTC ISO. */
export const asSlots = (starts: number[], rules: SlotRules) =>
  starts.map((start) => ({ start: new Date(start).toISOString(), end: new Date(start + rules.durationMs).toISOString() }));

/** The slots of a window: each start at which at least one eligible rep is free, sorted. */
export const offeredStarts = (team: TeamTime, from: number, to: number): number[] =>
  unionOfFreeStarts(
    team.eligible.map((e) => e.time),
    from,
    to,
    team.rules,
  );

/** The starts of one eligible rep in a window (none when the rep is not eligible). */
export function startsOf(team: TeamTime, repId: string | null | undefined, from: number, to: number): number[] {
  const rep = team.eligible.find((e) => e.rep.id === repId);
  return rep ? offeredStarts({ ...team, eligible: [rep] }, from, to) : [];
}

/** The eligible reps free for a slot starting at `start`. */
export const freeAt = (team: TeamTime, start: number): EligibleRep[] => freeAtStart(team.eligible, start, team.rules);
