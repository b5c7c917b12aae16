/**
 * The sales team (SPEC 8.1, 8.2): a rep's weekly working hours and date
 * overrides, their checks, the team's limits, and how a feed's secret
 * address is shown. Worker and console both use these; plain data and pure
 * functions only.
 */
import { LOCALES } from './i18n.js';
import { dayNumber } from './zone.js';

/** The days of a rep's week, as `working_hours` keys them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday of a local date (`YYYY-MM-DD`). */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(dayNumber(y, m, d) + 3) % 7] as Weekday;
}

/** One stretch of a day, local to the rep's zone: `["09:00", "12:00"]`; `24:00` may end a day. */
export type HoursRange = [string, string];
/** A rep's week: each day's stretches, sorted and not overlapping; `[]` is a day off. */
export type WorkingHours = Record<Weekday, HoursRange[]>;
/** Days that differ from the week (`"2026-12-24": []` is a day off), keyed by the local date. */
export type DateOverrides = Record<string, HoursRange[]>;

/** Where a busy interval comes from: a calendar feed, or a booking the rep has. */
export const BUSY_SOURCES = ['calendar', 'booking'] as const;
export type BusySource = (typeof BUSY_SOURCES)[number];

/** What changed on the team, as its history records it. */
export const TEAM_EVENT_TYPES = ['created', 'updated', 'deactivated', 'reactivated', 'feed_added', 'feed_removed'] as const;
export type TeamEventType = (typeof TEAM_EVENT_TYPES)[number];

export const TEAM_LIMITS = {
  nameMax: 200,
  weightMin: 1,
  weightMax: 10,
  /** A day may hold this many stretches, and overrides this many dates. */
  rangesPerDayMax: 8,
  overridesMax: 366,
  feedsPerRepMax: 5,
  feedUrlMax: 2048,
  /** A feed bigger than this is refused (the previous busy set is kept). */
  feedBytesMax: 4 * 1024 * 1024,
  /** A feed that has not answered after this long is given up on. */
  feedTimeoutMs: 10_000,
  /** One recurring event yields at most this many occurrences, however dense its rule. */
  occurrencesPerEventMax: 20_000,
} as const;

/** The defaults of the team's settings (each a variable of wrangler.toml). */
export const TEAM_DEFAULTS = {
  /** A feed with no successful sync for this long makes its rep unavailable. */
  staleFeedMinutes: 120,
  /** Slots are offered this far ahead; feeds are read one day further. */
  bookingHorizonDays: 21,
} as const;

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** Minutes since midnight of an `HH:MM` (24:00 is 1440). */
export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Why a day's stretches are refused, or null: each an `[start, end]` pair of
 * `HH:MM`, start before end, sorted, not overlapping.
 */
export function rangesProblem(ranges: unknown): string | null {
  if (!Array.isArray(ranges)) return 'must be a list of ["HH:MM", "HH:MM"] pairs';
  if (ranges.length > TEAM_LIMITS.rangesPerDayMax) return `may hold at most ${TEAM_LIMITS.rangesPerDayMax} stretches`;
  let lastEnd = -1;
  for (const range of ranges) {
    if (!Array.isArray(range) || range.length !== 2 || !range.every((t) => typeof t === 'string' && TIME.test(t)))
      return 'each stretch is a pair of times like ["09:00", "17:00"]';
    const [start, end] = [minutesOf(range[0]), minutesOf(range[1])];
    if (start === 1440) return '24:00 may only end a stretch';
    if (start >= end) return `${range[0]}–${range[1]} ends before it starts`;
    if (start < lastEnd) return 'stretches must be sorted and must not overlap';
    lastEnd = end;
  }
  return null;
}

/** Why a week is refused, or null: exactly the seven days, each well-formed. */
export function workingHoursProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'must be an object with the days mon … sun';
  const keys = Object.keys(value);
  const extra = keys.find((k) => !(WEEKDAYS as readonly string[]).includes(k));
  if (extra) return `${extra} is not a day (mon, tue, wed, thu, fri, sat, sun)`;
  for (const day of WEEKDAYS) {
    const problem = rangesProblem((value as Record<string, unknown>)[day] ?? []);
    if (problem) return `${day}: ${problem}`;
  }
  return null;
}

/** Why date overrides are refused, or null: real dates, each day well-formed. */
export function dateOverridesProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'must be an object keyed by dates like 2026-12-24';
  const entries = Object.entries(value);
  if (entries.length > TEAM_LIMITS.overridesMax) return `may hold at most ${TEAM_LIMITS.overridesMax} dates`;
  for (const [date, ranges] of entries) {
    if (!DATE.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return `${date} is not a date`;
    const problem = rangesProblem(ranges);
    if (problem) return `${date}: ${problem}`;
  }
  return null;
}

/** A week with every day present (missing days are days off). */
export const fullWeek = (hours: Partial<WorkingHours>): WorkingHours =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, hours[d] ?? []])) as WorkingHours;

/** The usual week: Monday to Friday, 09:00–12:00 and 13:00–17:00. */
export const DEFAULT_WORKING_HOURS: WorkingHours = fullWeek(
  Object.fromEntries(
    WEEKDAYS.slice(0, 5).map((d) => [
      d,
      [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
    ]),
  ),
);

/** The languages a rep may demo in. */
export const REP_LANGUAGES = LOCALES;

/**
 * A feed address as it may be shown: scheme, host and an ellipsis. The
 * address is a secret (it grants read access to a calendar); the path and
 * query, which hold the secret part, are never shown.
 *
 * @example maskFeedUrl('https://calendar.google.com/calendar/ical/x%40y/private-abc/basic.ics') // 'https://calendar.google.com/…'
 */
export function maskFeedUrl(url: string): string {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}/…`;
  } catch {
    return '…';
  }
}
