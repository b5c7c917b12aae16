/**
 * The confirmation email (SPEC 5): one list of lines rendered as plain text
 * and as HTML, every requester value escaped in the HTML (hono/html) and
 * kept out of headers or stripped of CR/LF where it reaches one.
 */
import { html } from 'hono/html';
import type { Booking } from '../db/schema.js';

export interface ConfirmationEmail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

/** Anything that reaches a mail header: one line, no CR/LF, no other control characters. */
export const headerSafe = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/** "Friday, 4 December 2026 at 14:30" in the given zone. */
function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** The facts the email repeats back, as [label, value] lines. */
function summary(booking: Booking, timezone: string | null): [string, string][] {
  const lines: [string, string | null][] = [
    ['Organization', booking.organization_name],
    ['Name', booking.contact_name],
    ['Email', booking.contact_email],
    ['Phone', booking.contact_phone],
    ['Organization size', booking.organization_size],
    ['Preferred time (UTC)', booking.preferred_date && `${formatTime(booking.preferred_date, 'UTC')} UTC`],
    [
      `Preferred time (${timezone ?? ''})`,
      booking.preferred_date && timezone && timezone !== 'UTC' ? formatTime(booking.preferred_date, timezone) : null,
    ],
    ['Message', booking.message],
  ];
  return lines.filter((line): line is [string, string] => line[1] !== null && line[1] !== '');
}

/**
 * Builds the confirmation for a booking. `timezone` is the visitor's IANA
 * zone from the widget, if it sent one; `cancelUrl` the requester's signed
 * cancel link.
 */
export function buildConfirmation(
  booking: Booking,
  opts: { from: string; timezone: string | null; cancelUrl?: string },
): ConfirmationEmail {
  const lines = summary(booking, opts.timezone);
  const greeting = `Hello ${booking.contact_name},`;
  const intro = 'Thank you for requesting a demo. We have your request and someone from our team will be in touch shortly to confirm a time.';
  const cancel = opts.cancelUrl ? `If you no longer need the demo, you can cancel the request here: ${opts.cancelUrl}` : null;
  const text = [greeting, '', intro, '', ...lines.map(([label, value]) => `${label}: ${value}`), ...(cancel ? ['', cancel] : [])].join('\n');
  const body = html`<!doctype html>
<html lang="en"><body style="font-family:system-ui,sans-serif;color:#1a1a1a;line-height:1.5">
<p>${greeting}</p>
<p>${intro}</p>
<table cellpadding="6" style="border-collapse:collapse">
${lines.map(([label, value]) => html`<tr><th align="left" valign="top">${label}</th><td style="white-space:pre-wrap">${value}</td></tr>`)}
</table>
${opts.cancelUrl ? html`<p>No longer need the demo? <a href="${opts.cancelUrl}">Cancel the request</a>.</p>` : ''}
</body></html>`;
  return {
    to: booking.contact_email,
    from: opts.from,
    subject: headerSafe(`Your demo request for ${booking.organization_name}`).slice(0, 200),
    text,
    html: body.toString(),
  };
}
