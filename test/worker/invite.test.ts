/** The iCalendar text of an invite, read back by an independent parser (ical.js). */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildInvite, fold } from '../../worker/messages/invite.js';

const base = {
  method: 'REQUEST' as const,
  uid: '019ad2a4-6c1e-7d2b-9f4a-0c8e5b1d2f3a@demo.example.com',
  sequence: 2,
  start: new Date('2027-03-04T14:30:00Z'),
  durationMinutes: 45,
  summary: 'Demo for Smith, Jones; Partners \\ Co',
  description: `Join: https://meet.example.com/${'x'.repeat(120)}\nSecond line, with ünïcödé 🎉 characters ${'é'.repeat(60)}`,
  organizer: 'demos@example.com',
  attendee: { email: 'ada@example.com', name: 'Ada "The Countess" Lovelace' },
  url: 'https://meet.example.com/abc?x=1,2;3',
  now: new Date('2027-03-01T08:00:00Z'),
};

describe('the calendar invite', () => {
  it('parses back to the same event: escaped , ; \\ and newlines, folded long lines, UTC times, the attendee', () => {
    const text = buildInvite(base);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe(base.uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('summary')).toBe(base.summary);
    expect(event.getFirstPropertyValue('description')).toBe(base.description);
    expect(event.getFirstPropertyValue('location')).toBe(base.url);
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2027-03-04T14:30:00.000Z');
    expect((event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString()).toBe('2027-03-04T15:15:00.000Z');
    expect(event.getFirstProperty('attendee')!.getParameter('cn')).toBe('Ada "The Countess" Lovelace');
    expect(event.getFirstPropertyValue('attendee')).toBe('mailto:ada@example.com');
  });

  it('ends every line with CRLF and keeps each within 75 octets, never splitting a character', () => {
    const text = buildInvite(base);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    const long = fold(`DESCRIPTION:${'🎉'.repeat(40)}`);
    expect(long.split('\r\n ').join('')).toBe(`DESCRIPTION:${'🎉'.repeat(40)}`);
  });

  it('a CANCEL keeps the UID and says the event is cancelled', () => {
    const calendar = new ICAL.Component(ICAL.parse(buildInvite({ ...base, method: 'CANCEL', sequence: 3 })));
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('uid')).toBe(base.uid);
  });
});
