/**
 * The one module of time-zone math (contract/zone.ts), against instants
 * known from the tz database: the weeks clocks change in Berlin, New York
 * and Sydney, and Kolkata's half-hour offset. Runs in workerd, whose Intl
 * the worker uses.
 */
import { describe, expect, it } from 'vitest';
import { addDays, instantOf, instantOfLocal, localDate, offsetAt, type WallTime } from '../../contract/zone.js';

const wall = (text: string): WallTime => {
  const [date, time] = text.split(' ') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute, second: 0 };
};
const iso = (t: number) => new Date(t).toISOString();

describe('wall time to instant, where clocks change', () => {
  it.each([
    // Berlin springs forward on 29 March 2026 at 02:00 (to 03:00): 02:30 does not exist and is read as 03:30.
    ['Europe/Berlin', '2026-03-29 01:59', '2026-03-29T00:59:00.000Z'],
    ['Europe/Berlin', '2026-03-29 02:30', '2026-03-29T01:30:00.000Z'],
    ['Europe/Berlin', '2026-03-29 03:00', '2026-03-29T01:00:00.000Z'],
    // Berlin falls back on 25 October 2026 at 03:00 (to 02:00): 02:30 happens twice; the first is meant.
    ['Europe/Berlin', '2026-10-25 02:30', '2026-10-25T00:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25 03:30', '2026-10-25T02:30:00.000Z'],
    // New York: forward on 8 March 2026 at 02:00, back on 1 November 2026 at 02:00.
    ['America/New_York', '2026-03-08 02:30', '2026-03-08T07:30:00.000Z'],
    ['America/New_York', '2026-03-08 09:00', '2026-03-08T13:00:00.000Z'],
    ['America/New_York', '2026-11-01 01:30', '2026-11-01T05:30:00.000Z'],
    ['America/New_York', '2026-11-01 09:00', '2026-11-01T14:00:00.000Z'],
    // Sydney: back on 5 April 2026 at 03:00 (to 02:00), forward on 4 October 2026 at 02:00.
    ['Australia/Sydney', '2026-04-05 02:30', '2026-04-04T15:30:00.000Z'],
    ['Australia/Sydney', '2026-04-05 09:00', '2026-04-04T23:00:00.000Z'],
    ['Australia/Sydney', '2026-10-04 02:30', '2026-10-03T16:30:00.000Z'],
    ['Australia/Sydney', '2026-10-04 09:00', '2026-10-03T22:00:00.000Z'],
    // Kolkata: +05:30 all year.
    ['Asia/Kolkata', '2026-03-29 09:00', '2026-03-29T03:30:00.000Z'],
    ['Asia/Kathmandu', '2026-06-01 09:00', '2026-06-01T03:15:00.000Z'],
  ])('%s %s is %s', (zone, local, expected) => expect(iso(instantOf(wall(local), zone))).toBe(expected));

  it('a working day’s end at 24:00 is the next midnight, whatever the clocks did that day', () => {
    expect(iso(instantOfLocal('2026-03-29', 24 * 60, 'Europe/Berlin'))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(instantOfLocal('2026-10-25', 0, 'Europe/Berlin'))).toBe('2026-10-24T22:00:00.000Z');
    // That day had 25 hours.
    expect(instantOfLocal('2026-10-25', 24 * 60, 'Europe/Berlin') - instantOfLocal('2026-10-25', 0, 'Europe/Berlin')).toBe(25 * 3_600_000);
  });

  it('offsets either side of a change, to the quarter hour', () => {
    const change = Date.parse('2026-10-25T01:00:00.000Z');
    expect(offsetAt(change - 1, 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(offsetAt(change, 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(Date.parse('2026-10-25T00:59:59.999Z'), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(offsetAt(change, 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('local dates and day arithmetic', () => {
    expect(localDate(Date.parse('2026-12-31T23:30:00Z'), 'Asia/Kolkata')).toBe('2027-01-01');
    expect(localDate(Date.parse('2027-01-01T03:00:00Z'), 'America/New_York')).toBe('2026-12-31');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
