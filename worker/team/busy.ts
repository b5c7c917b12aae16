/**
 * Reads an iCalendar feed (ical.js) into the busy intervals a calendar app
 * would show over a window, as UTC instants, merged. Only start and end
 * leave this module: titles, attendees, locations and descriptions are read
 * by the parser and dropped here.
 *
 * What blocks (SPEC 8.2): every event and occurrence, except a cancelled
 * one, a transparent ("free") one, one Outlook marks FREE or
 * WORKINGELSEWHERE, and one the rep declined; VFREEBUSY periods of type
 * BUSY, BUSY-TENTATIVE and BUSY-UNAVAILABLE (not FREE). Recurrences expand
 * RRULE, RDATE and EXDATE in the event's own wall time (so DST never shifts
 * them), and an occurrence overridden by a RECURRENCE-ID is replaced by its
 * override (moved, changed or cancelled). A demo this API booked (its
 * invitation's UID) is left out: the booking itself blocks that time.
 */
import ICAL from 'ical.js';
import { ownInviteUids } from '../../contract/invite.js';
import { TEAM_LIMITS } from '../../contract/team.js';
import { instantOf, instantOfLocal, type WallTime } from '../../contract/zone.js';
import { ianaZone } from './zone-names.js';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Property = InstanceType<typeof ICAL.Property>;

/** A busy interval: start and end, ms since the epoch. */
export type Interval = [start: number, end: number];

/** What a feed is read for: the window, and the rep (floating and all-day times are theirs). */
export interface ReadContext {
  from: number;
  to: number;
  /** The rep's IANA zone. */
  zone: string;
  /** The rep's address: an event they declined does not block. */
  email: string;
  /**
   * The API's public address: an event whose UID is a demo it booked does not
   * block (the booking does, with its buffers, and a moved or cancelled demo
   * must not hold its old time until the calendar catches up).
   */
  apiBase?: string;
}

/** A feed that could not be read; its message says why, in words safe to store and show. */
export class FeedError extends Error {}

/** Steps of recurrence expansion a feed may take, all events together, before it is refused as too complex. */
const EXPANSION_STEPS_MAX = 2_000_000;
const DAY = 86_400_000;

/**
 * The busy intervals of a feed over [from, to), sorted and merged.
 *
 * @throws FeedError when the text is not an iCalendar feed.
 */
export function busyIntervals(text: string, ctx: ReadContext): Interval[] {
  const calendars = parseCalendars(text);
  const found: Interval[] = [];
  const budget = { steps: 0 };
  const isOwn = ctx.apiBase ? ownInviteUids(ctx.apiBase) : () => false;
  for (const calendar of calendars) {
    const events = calendar.getAllSubcomponents('vevent');
    // Overrides first: a master's occurrence that one replaces is not read from the master.
    const replaced = new Map<string, Set<string>>();
    for (const event of events) {
      const recurrenceId = event.getFirstProperty('recurrence-id');
      if (!recurrenceId) continue;
      const uid = String(event.getFirstPropertyValue('uid') ?? '');
      const key = occurrenceKey(recurrenceId.getFirstValue() as Time, tzidOf(recurrenceId), ctx.zone);
      replaced.set(uid, (replaced.get(uid) ?? new Set()).add(key));
    }
    for (const event of events)
      if (!isOwn(String(event.getFirstPropertyValue('uid') ?? ''))) readEvent(event, ctx, replaced, found, budget);
    for (const freeBusy of calendar.getAllSubcomponents('vfreebusy')) readFreeBusy(freeBusy, found);
  }
  return merge(found, ctx);
}

function parseCalendars(text: string): Component[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch {
    // The parser's message quotes the feed's text (a title, an attendee): never kept.
    throw new FeedError('The feed is not valid iCalendar.');
  }
  const roots = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) as unknown[];
  const calendars = roots.map((root) => new ICAL.Component(root as ConstructorParameters<typeof ICAL.Component>[0]));
  if (!calendars.length || calendars.some((c) => c.name !== 'vcalendar'))
    throw new FeedError('The feed is not an iCalendar (no VCALENDAR).');
  return calendars;
}

/** The TZID a date-time property names, if any. */
const tzidOf = (property: Property | null) => {
  const tzid = property?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : null;
};

const wallOf = (t: Time): WallTime => ({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second });
const dateOf = (t: Time) => `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

/**
 * The instant a calendar time names: UTC as it is; a TZID that names an IANA
 * zone (or a Windows or Outlook name for one) through the tz database; a
 * zone the feed defines only by its VTIMEZONE through that definition; a
 * floating time or all-day date in the rep's zone.
 */
function instantOfTime(t: Time, tzid: string | null, repZone: string): number {
  if (t.isDate) return instantOfLocal(dateOf(t), 0, repZone);
  if (t.zone === ICAL.Timezone.utcTimezone || t.zone?.tzid === 'UTC')
    return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const iana = tzid ? ianaZone(tzid) : null;
  if (iana) return instantOf(wallOf(t), iana);
  if (tzid && t.zone && t.zone !== ICAL.Timezone.localTimezone && t.zone.tzid === tzid) return t.toUnixTime() * 1000;
  return instantOf(wallOf(t), repZone);
}

/** How an occurrence is matched to its override: its date for all-day series, else its instant. */
const occurrenceKey = (t: Time, tzid: string | null, repZone: string) => (t.isDate ? dateOf(t) : String(instantOfTime(t, tzid, repZone)));

/** Whether an event blocks time for the rep (the module's header lists what does not). */
function blocks(event: Component, repEmail: string): boolean {
  const status = String(event.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return false;
  const outlook = event.getFirstPropertyValue('x-microsoft-cdo-busystatus');
  if (outlook != null) return !['FREE', 'WORKINGELSEWHERE'].includes(String(outlook).toUpperCase());
  if (String(event.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT') return false;
  for (const attendee of event.getAllProperties('attendee')) {
    const address = String(attendee.getFirstValue() ?? '')
      .replace(/^mailto:/i, '')
      .toLowerCase();
    if (address === repEmail && String(attendee.getParameter('partstat') ?? '').toUpperCase() === 'DECLINED') return false;
  }
  return true;
}

/** An event's end as a calendar time: DTEND, else DTSTART + DURATION, else a day for a date and nothing for a date-time. */
function endOf(event: Component, start: Time): { time: Time; tzid: string | null } {
  const dtend = event.getFirstProperty('dtend');
  if (dtend) return { time: dtend.getFirstValue() as Time, tzid: tzidOf(dtend) };
  const end = start.clone();
  const duration = event.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null;
  if (duration) end.addDuration(duration);
  else if (start.isDate) end.adjust(1, 0, 0, 0);
  return { time: end, tzid: tzidOf(event.getFirstProperty('dtstart')) };
}

function readEvent(event: Component, ctx: ReadContext, replaced: Map<string, Set<string>>, found: Interval[], budget: { steps: number }) {
  const dtstart = event.getFirstProperty('dtstart');
  if (!dtstart) return;
  const start = dtstart.getFirstValue() as Time;
  const tzid = tzidOf(dtstart);
  const end = endOf(event, start);
  const isOverride = event.hasProperty('recurrence-id');
  const recurring = !isOverride && (event.hasProperty('rrule') || event.hasProperty('rdate'));
  if (!recurring) {
    if (blocks(event, ctx.email)) found.push([instantOfTime(start, tzid, ctx.zone), instantOfTime(end.time, end.tzid, ctx.zone)]);
    return;
  }
  if (!blocks(event, ctx.email)) return;
  const uid = String(event.getFirstPropertyValue('uid') ?? '');
  const overridden = replaced.get(uid);
  // The occurrence's length in wall time, as the series was written.
  const length = end.time.subtractDate(start);
  // Wall times read as UTC lie within a day of their instant: occurrences well before the window are skipped unconverted.
  const earliest = ctx.from - 2 * DAY;
  const latest = ctx.to + DAY;
  // Overrides are matched by `replaced` above: with no exceptions given, ical.js would look through every event of
  // the calendar for each series (quadratic in the feed's size).
  const iterator = new ICAL.Event(event, { exceptions: [] }).iterator();
  let emitted = 0;
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (++budget.steps > EXPANSION_STEPS_MAX) throw new FeedError('The feed’s recurring events expand to too many occurrences.');
    const asUtc = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second);
    if (asUtc > latest) break;
    const occurrenceEnd = next.clone();
    occurrenceEnd.addDuration(length);
    if (Date.UTC(occurrenceEnd.year, occurrenceEnd.month - 1, occurrenceEnd.day, occurrenceEnd.hour, occurrenceEnd.minute) < earliest)
      continue;
    if (overridden?.has(occurrenceKey(next, tzid, ctx.zone))) continue;
    found.push([instantOfTime(next, tzid, ctx.zone), instantOfTime(occurrenceEnd, tzid, ctx.zone)]);
    if (++emitted >= TEAM_LIMITS.occurrencesPerEventMax) break;
  }
}

const BLOCKING_FBTYPES = new Set(['BUSY', 'BUSY-TENTATIVE', 'BUSY-UNAVAILABLE']);

function readFreeBusy(freeBusy: Component, found: Interval[]) {
  for (const property of freeBusy.getAllProperties('freebusy')) {
    const type = String(property.getParameter('fbtype') ?? 'BUSY').toUpperCase();
    if (!BLOCKING_FBTYPES.has(type)) continue;
    for (const value of property.getValues()) {
      const period = value as InstanceType<typeof ICAL.Period>;
      const start = period.start;
      const end = period.getEnd();
      found.push([start.toUnixTime() * 1000, end.toUnixTime() * 1000]);
    }
  }
}

/** Intervals clipped to the window, empty ones dropped, sorted and merged where they touch or overlap. */
function merge(intervals: Interval[], ctx: ReadContext): Interval[] {
  const clipped = intervals
    .map(([s, e]): Interval => [Math.max(s, ctx.from), Math.min(e, ctx.to)])
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e) && e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const interval of clipped) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([...interval]);
  }
  return merged;
}
