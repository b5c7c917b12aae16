/**
 * The one module for time-zone math: wall-clock times in an IANA zone and
 * the instants they name, through Intl (the runtime's tz database), never
 * hand-added offsets. A wall time that does not exist (the hour skipped when
 * clocks go forward) or exists twice (the hour repeated when they go back)
 * is read as RFC 5545 and Temporal's "compatible" do: a skipped time moves
 * forward by the gap, a repeated one is its first occurrence.
 */

/** A local date and time, as a calendar shows it. Months are 1..12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

/** The wall time in `zone` at an instant (ms since the epoch). */
export function wallTimeAt(instant: number, zone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatIn(zone).formatToParts(instant)) if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
  // Years before 1 CE never occur here; era parts are ignored.
  return wall;
}

/** A wall time's fields read as if UTC: the arithmetic base of offsets. */
const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Offsets already read, by zone and quarter hour (a feed converts thousands of times in a few zones). */
const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;

/**
 * The zone's offset from UTC at an instant, in ms (east positive): +05:30 in
 * Asia/Kolkata is 19,800,000. Clocks change only on a quarter hour of UTC
 * (every offset in use is a multiple of 15 minutes, and changes happen on a
 * local quarter hour), so one reading holds for the whole quarter hour.
 */
export function offsetAt(instant: number, zone: string): number {
  const quarter = Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${zone} ${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = asUtc(wallTimeAt(quarter, zone)) - quarter;
    if (offsets.size >= 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * The instant a wall time names in `zone` (ms since the epoch), read
 * "compatibly" where clocks change (see the module's header).
 *
 * @example instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin') // 03:30 CEST, 01:30Z
 */
export function instantOf(wall: WallTime, zone: string): number {
  const local = asUtc(wall);
  // Offsets a day either side: a zone changes its offset at most once in two days.
  const before = offsetAt(local - 86_400_000, zone);
  const after = offsetAt(local + 86_400_000, zone);
  const candidates = [local - before, local - after].filter((t) => t + offsetAt(t, zone) === local);
  if (candidates.length) return Math.min(...candidates);
  // In the gap: the offset before it, which lands after the gap by its length.
  return local - before;
}

/** Days since 1970-01-01 of a local date: days to count and weekdays to find, free of zones. */
export const dayNumber = (year: number, month: number, day: number) => Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);

/** The local date `days` after a given one, as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The local date (`YYYY-MM-DD`) in `zone` at an instant. */
export function localDate(instant: number, zone: string): string {
  const w = wallTimeAt(instant, zone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The instant a local date's clock reads `minutes` past midnight in `zone` (1440 is the next midnight). */
export function instantOfLocal(date: string, minutes: number, zone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const dayOffset = Math.floor(minutes / 1440);
  const rest = minutes - dayOffset * 1440;
  const base = new Date(Date.UTC(year, month - 1, day + dayOffset));
  return instantOf(
    {
      year: base.getUTCFullYear(),
      month: base.getUTCMonth() + 1,
      day: base.getUTCDate(),
      hour: Math.floor(rest / 60),
      minute: rest % 60,
      second: 0,
    },
    zone,
  );
}
