/**
 * Development-only calendar feed: what `npm run dev` gives its example rep,
 * so a newcomer sees a calendar sync with no account. A week like a rep's:
 * a stand-up every weekday (a recurring event), a weekly pipeline review,
 * two customer calls in the coming days, and an all-day reminder marked
 * free (which blocks nothing). Times are in Europe/Berlin, relative to today.
 * Outside ENVIRONMENT=development it does not exist (404).
 */
import { Hono } from 'hono';
import { addDays, localDate } from '../../contract/zone.js';
import type { AppEnv } from '../http/app-env.js';
import { Problem } from '../http/problem.js';

export const EXAMPLE_CALENDAR_PATH = '/dev/example-calendar.ics';
const ZONE = 'Europe/Berlin';

/** `2026-12-02` and `09:30` as an iCalendar local date-time. */
const local = (date: string, time: string) => `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;

/** The example feed for the week around `now`. */
export function exampleCalendar(now: Date): string {
  const today = localDate(now.getTime(), ZONE);
  const stamp = `${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const event = (uid: string, lines: string[]) => ['BEGIN:VEVENT', `UID:${uid}@example.test`, `DTSTAMP:${stamp}`, ...lines, 'END:VEVENT'];
  const at = (date: string, start: string, end: string) => [
    `DTSTART;TZID=${ZONE}:${local(date, start)}`,
    `DTEND;TZID=${ZONE}:${local(date, end)}`,
  ];
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Demo booking//Example calendar//EN',
    ...event('standup', [...at(addDays(today, -7), '09:30', '10:00'), 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'SUMMARY:Stand-up']),
    ...event('pipeline', [...at(addDays(today, -7), '14:00', '15:00'), 'RRULE:FREQ=WEEKLY', 'SUMMARY:Pipeline review']),
    ...event('call-1', [...at(addDays(today, 1), '11:00', '12:00'), 'SUMMARY:Customer call']),
    ...event('call-2', [...at(addDays(today, 2), '15:00', '16:30'), 'SUMMARY:Customer call']),
    ...event('reminder', [
      `DTSTART;VALUE=DATE:${addDays(today, 3).replaceAll('-', '')}`,
      `DTEND;VALUE=DATE:${addDays(today, 4).replaceAll('-', '')}`,
      'TRANSP:TRANSPARENT',
      'SUMMARY:Quarter end (reminder)',
    ]),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export const exampleCalendarFeed = new Hono<AppEnv>();

exampleCalendarFeed.get('/', (c) => {
  if (!c.get('config').isDevelopment) throw new Problem(404, 'There is nothing at this address.');
  return c.body(exampleCalendar(new Date()), 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store' });
});
