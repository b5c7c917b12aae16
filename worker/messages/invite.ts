/**
 * The calendar invite of a confirmed demo (RFC 5545 iCalendar, iTIP method
 * REQUEST or CANCEL). One UID per booking, so a calendar updates the event in
 * place when SEQUENCE grows and removes it on CANCEL. A few lines of text
 * rather than a library: no iCalendar writer small enough for the bundle was
 * worth its weight; the tests parse every invite with ical.js.
 */

export interface Invite {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  start: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  organizer: string;
  /** The organizer's name (the rep's, for a booked slot). */
  organizerName?: string;
  attendee: { email: string; name: string };
  url: string | null;
  now: Date;
}

/** 20270304T143000Z */
const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped. */
export const escapeText = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n');

/**
 * A parameter value (RFC 5545 3.2), quoted, with RFC 6868's caret encoding:
 * `^` as `^^`, a line break as `^n`, `"` as `^'`, so a name reaches the
 * calendar unaltered; any other control character is dropped.
 */
const param = (value: string) =>
  `"${value
    .replace(/\^/g, '^^')
    .replace(/\r\n|\r|\n/g, '^n')
    .replace(/"/g, "^'")
    .replace(/\p{Cc}/gu, '')}"`;

/** An address for mailto:, without anything that could end the line. */
const mailto = (email: string) => `mailto:${email.replace(/[\s\p{Cc}]/gu, '')}`;

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (3.1), never inside a UTF-8 character:
 * each continuation starts with one space.
 */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // a continuation's leading space counts
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The invite as iCalendar text (CRLF line ends). */
export function buildInvite(i: Invite): string {
  const end = new Date(i.start.getTime() + i.durationMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Demo booking//Demo booking 1.0//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${i.method}`,
    'BEGIN:VEVENT',
    `UID:${i.uid}`,
    `SEQUENCE:${i.sequence}`,
    `DTSTAMP:${utc(i.now)}`,
    `DTSTART:${utc(i.start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${escapeText(i.summary)}`,
    `DESCRIPTION:${escapeText(i.description)}`,
    ...(i.url ? [`LOCATION:${escapeText(i.url)}`, `URL:${i.url.replace(/[\s\p{Cc}]/gu, '')}`] : []),
    `ORGANIZER${i.organizerName ? `;CN=${param(i.organizerName)}` : ''}:${mailto(i.organizer)}`,
    `ATTENDEE;CN=${param(i.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${mailto(i.attendee.email)}`,
    `STATUS:${i.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
