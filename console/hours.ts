/**
 * A rep's working hours as the Team page shows and edits them: one line per
 * day ("09:00–12:00, 13:00–17:00"), and the same stretches on the viewer's
 * clock for the coming week. Zone math goes through contract/zone.ts.
 */
import { type HoursRange, minutesOf, type Weekday, type WorkingHours, weekdayOf } from '../contract/team.js';
import { addDays, instantOfLocal, localDate } from '../contract/zone.js';

export const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** "09:00–12:00, 13:00–17:00"; an empty day is "". */
export const hoursLine = (ranges: HoursRange[]) => ranges.map(([a, b]) => `${a}–${b}`).join(', ');

/** A typed line read back into stretches ("9-12, 13:00 – 17:30"), or null when it is not one. Blank is a day off. */
export function parseHoursLine(line: string): HoursRange[] | null {
  const text = line.trim();
  if (!text) return [];
  const ranges: HoursRange[] = [];
  for (const part of text.split(/[,;]/)) {
    const ends = part.split(/[-–—]| to /).map((t) => t.trim());
    if (ends.length !== 2) return null;
    const times = ends.map((t) => {
      const [, hour, minute = '00'] = /^(\d{1,2})(?::?(\d{2}))?$/.exec(t) ?? [];
      return hour ? `${hour.padStart(2, '0')}:${minute}` : null;
    });
    if (!times[0] || !times[1]) return null;
    ranges.push([times[0], times[1]]);
  }
  return ranges;
}

/**
 * Each day's stretches as the viewer's clock reads them in the coming week
 * ("Mon 03:00–11:00"): the rep's next such day, read in the rep's zone, shown
 * in the viewer's, so a change of clocks in either zone shows as it will be.
 */
export function hoursOnViewersClock(hours: WorkingHours, repZone: string, viewerZone: string, now = Date.now()): Record<Weekday, string> {
  const today = localDate(now, repZone);
  const format = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: viewerZone,
  });
  const result = {} as Record<Weekday, string>;
  for (let i = 0; i < 7; i++) {
    const date = addDays(today, i);
    const day = weekdayOf(date);
    result[day] = hours[day]
      .map(([a, b]) => {
        const start = format.format(instantOfLocal(date, minutesOf(a), repZone));
        const end = format.format(instantOfLocal(date, minutesOf(b), repZone));
        // "Mon 15:00–Mon 23:00" reads as "Mon 15:00–23:00"; a stretch past midnight keeps both days.
        return start.slice(0, 3) === end.slice(0, 3) ? `${start}–${end.slice(4)}` : `${start}–${end}`;
      })
      .join(', ');
  }
  return result;
}
