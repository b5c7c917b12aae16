/**
 * When a rep is free for a demo (SPEC 8.3), as pure functions of what D1
 * holds: their week and date overrides on their own clock, their busy time
 * from calendars, and their booked slots. A slot starts on the step grid
 * from the rep's local hour, lasts the demo's length, lies inside one of the
 * day's stretches, keeps BUFFER_MINUTES clear of anything busy on each side,
 * is at least the notice ahead and inside the horizon, and the rep has fewer
 * than the day's maximum of demos. Wall time becomes instants through
 * contract/zone.ts only, so a day when clocks change has the hours it has
 * (a start in the skipped hour does not exist and is not offered).
 */
import { type DateOverrides, type HoursRange, minutesOf, type WorkingHours, weekdayOf } from '../../contract/team.js';
import { addDays, instantOfLocal, localDate, offsetAt } from '../../contract/zone.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** [start, end) in ms since the epoch. */
export type Span = [start: number, end: number];

/** What one rep's free time is read from. */
export interface RepTime {
  id: string;
  zone: string;
  hours: WorkingHours;
  overrides: DateOverrides;
  /** Busy time from their calendars and their booked slots, sorted and merged (`merged`). */
  busy: Span[];
  /** The starts of their active booked slots: what the day's maximum counts. */
  bookedStarts: number[];
}

/** The settings that shape slots, in ms and counts. */
export interface SlotRules {
  durationMs: number;
  bufferMs: number;
  stepMinutes: number;
  /** No slot starts before this (now + the notice). */
  earliest: number;
  /** No slot starts at or after this (now + the horizon). */
  latest: number;
  maxPerDay: number;
}

/** Sorted, merged spans: each starts after the previous one ends, so their ends are sorted too. */
export function merged(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** True when [start, end) comes within `buffer` of a merged span. */
function clashes(busy: Span[], start: number, end: number, buffer: number): boolean {
  // The first span ending after start - buffer (ends are sorted): the only one that can reach the slot first.
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((busy[mid] as Span)[1] > start - buffer) hi = mid;
    else lo = mid + 1;
  }
  const next = busy[lo];
  return next !== undefined && next[0] < end + buffer;
}

/** A day's stretches: its override if it has one, else its weekday's. */
const stretchesOf = (rep: Pick<RepTime, 'hours' | 'overrides'>, date: string): HoursRange[] =>
  rep.overrides[date] ?? rep.hours[weekdayOf(date)];

/**
 * The grid of a rep's week: every start (ms, sorted) in [from, to) on the
 * step grid of their stretches, with its local date, whose demo fits in its
 * stretch, past the notice and inside the horizon, before any busy time is
 * looked at. Reps of one zone, week and overrides share it.
 */
function gridStarts(rep: Pick<RepTime, 'zone' | 'hours' | 'overrides'>, from: number, to: number, rules: SlotRules) {
  const out: { start: number; date: string }[] = [];
  const lastDay = localDate(Math.min(to, rules.latest) + DAY, rep.zone);
  for (let date = localDate(Math.max(from, rules.earliest) - DAY, rep.zone); date <= lastDay; date = addDays(date, 1)) {
    const stretches = stretchesOf(rep, date);
    if (!stretches.length) continue;
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    // The day's midnight read as if UTC: the base its wall times are counted from.
    const dayStart = Date.UTC(y, mo - 1, d);
    // Most days keep one offset from midnight to midnight: every wall time is then midnight's instant plus its
    // minutes, with no zone math per slot. A day the clocks change on is read slot by slot through the zone.
    const midnight = instantOfLocal(date, 0, rep.zone);
    const steady = midnight + offsetAt(midnight, rep.zone) === dayStart && offsetAt(midnight + DAY - 1, rep.zone) === dayStart - midnight;
    const instant = (m: number) => (steady ? midnight + m * MINUTE : instantOfLocal(date, m, rep.zone));
    for (const [a, b] of stretches) {
      const stretchEnd = instant(minutesOf(b));
      for (let m = Math.ceil(minutesOf(a) / rules.stepMinutes) * rules.stepMinutes; m < minutesOf(b); m += rules.stepMinutes) {
        const start = instant(m);
        if (start + rules.durationMs > stretchEnd) break;
        if (start < from || start >= to || start < rules.earliest || start >= rules.latest) continue;
        // A wall time in the hour the clocks skip names no instant of its own: not offered. (Read back through the
        // zone's offset, which contract/zone.ts remembers per quarter hour: cheaper than formatting the instant.)
        if (!steady && start + offsetAt(start, rep.zone) !== dayStart + m * MINUTE) continue;
        out.push({ start, date });
      }
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** A rep's count of booked demos per local date: what the day's maximum compares. */
function demosPerDay(rep: RepTime): Map<string, number> {
  const perDay = new Map<string, number>();
  for (const start of rep.bookedStarts) {
    const day = localDate(start, rep.zone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return perDay;
}

/** Whether a rep whose grid holds `start` (on local `date`) is free for it: under the day's maximum, clear of busy time with buffers. */
const freeFor = (rep: RepTime, perDay: Map<string, number>, start: number, date: string, rules: SlotRules): boolean =>
  (perDay.get(date) ?? 0) < rules.maxPerDay && !clashes(rep.busy, start, start + rules.durationMs, rules.bufferMs);

/** Reps grouped by what their grid is made of: zone, week and overrides. */
function sameGrid<T extends Pick<RepTime, 'zone' | 'hours' | 'overrides'>>(reps: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const rep of reps) {
    const key = `${rep.zone}\n${JSON.stringify(rep.hours)}\n${JSON.stringify(rep.overrides)}`;
    const group = groups.get(key);
    if (group) group.push(rep);
    else groups.set(key, [rep]);
  }
  return groups;
}

/** The reps free for a slot starting at `start` (each group's grid read once, around that start only). */
export function freeAtStart<T extends { time: RepTime }>(reps: T[], start: number, rules: SlotRules): T[] {
  const free: T[] = [];
  for (const group of sameGrid(reps.map((r) => ({ ...r.time, of: r }))).values()) {
    const onGrid = gridStarts(group[0] as RepTime, start, start + 1, rules).find((g) => g.start === start);
    if (!onGrid) continue;
    for (const rep of group) if (freeFor(rep, demosPerDay(rep), start, onGrid.date, rules)) free.push(rep.of);
  }
  return free;
}

/**
 * The starts (ms, sorted) in [from, to) at which at least one of the reps is
 * free. Reps sharing a zone, week and overrides share one grid, and each
 * start asks them in turn only until one is free: the cost follows the grids
 * and the busy reps, not every rep times every start.
 */
export function unionOfFreeStarts(reps: RepTime[], from: number, to: number, rules: SlotRules): number[] {
  const groups = sameGrid(reps);
  const offered = new Set<number>();
  const perDay = new Map<RepTime, Map<string, number>>();
  const countsOf = (rep: RepTime) => {
    const known = perDay.get(rep);
    if (known) return known;
    const counts = demosPerDay(rep);
    perDay.set(rep, counts);
    return counts;
  };
  for (const group of groups.values())
    for (const { start, date } of gridStarts(group[0] as RepTime, from, to, rules)) {
      if (offered.has(start)) continue;
      if (group.some((rep) => freeFor(rep, countsOf(rep), start, date, rules))) offered.add(start);
    }
  return [...offered].sort((a, b) => a - b);
}

/** The settings of a deployment, as SlotRules at a moment. */
export function slotRules(
  config: {
    DEMO_DURATION_MINUTES: number;
    BUFFER_MINUTES: number;
    SLOT_STEP_MINUTES: number;
    MIN_NOTICE_HOURS: number;
    BOOKING_HORIZON_DAYS: number;
    MAX_DEMOS_PER_REP_PER_DAY: number;
  },
  now: number,
): SlotRules {
  return {
    durationMs: config.DEMO_DURATION_MINUTES * MINUTE,
    bufferMs: config.BUFFER_MINUTES * MINUTE,
    stepMinutes: config.SLOT_STEP_MINUTES,
    earliest: now + config.MIN_NOTICE_HOURS * 60 * MINUTE,
    latest: now + config.BOOKING_HORIZON_DAYS * DAY,
    maxPerDay: config.MAX_DEMOS_PER_REP_PER_DAY,
  };
}
