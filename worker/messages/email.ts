/**
 * The confirmation email (SPEC 5): one list of lines rendered as plain text
 * and as HTML, every requester value escaped in the HTML (hono/html) and
 * kept out of headers or stripped of CR/LF where it reaches one.
 */
import { html } from 'hono/html';
import { loadBooking } from '../bookings/repository.js';
import { signCancelToken } from '../cancel/token.js';
import type { Booking, NotificationTask } from '../db/schema.js';
import type { EmailMessage, Outgoing, RenderContext } from '../notify/consumer.js';

/** Anything that reaches a mail header: one line, no CR/LF, no other control characters. */
export const headerSafe = (value: string) => value.replace(/\p{Cc}+/gu, ' ').trim();

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
export function buildConfirmation(booking: Booking, opts: { from: string; timezone: string | null; cancelUrl?: string }): EmailMessage {
  const lines = summary(booking, opts.timezone);
  const greeting = `Hello ${booking.contact_name},`;
  const intro =
    'Thank you for requesting a demo. We have your request and someone from our team will be in touch shortly to confirm a time.';
  const cancel = opts.cancelUrl ? `If you no longer need the demo, you can cancel the request here: ${opts.cancelUrl}` : null;
  const text = [greeting, '', intro, '', ...lines.map(([label, value]) => `${label}: ${value}`), ...(cancel ? ['', cancel] : [])].join(
    '\n',
  );
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

/** What an email task carries beyond the row. */
const taskPayload = (task: NotificationTask): { timezone: string | null } => {
  const parsed: unknown = JSON.parse(task.payload);
  const timezone =
    typeof parsed === 'object' && parsed !== null && 'timezone' in parsed && typeof parsed.timezone === 'string' ? parsed.timezone : null;
  return { timezone };
};

/**
 * The email of a task: the confirmation of the request, with the signed
 * cancel link. Nothing for a booking that is gone, redacted, caught as spam,
 * cancelled, or already confirmed by email (confirmation_email_on_create:
 * never twice).
 */
export async function renderEmail(task: NotificationTask, ctx: RenderContext): Promise<Outgoing<EmailMessage>> {
  const booking = await loadBooking(ctx.db, task.booking_id);
  if (!booking) return { skip: 'booking not found' };
  if (booking.redacted_at) return { skip: 'booking redacted' };
  if (booking.confirmation_sent_at) return { skip: 'confirmation already sent' };
  if (booking.status === 'spam' || booking.status === 'cancelled') return { skip: `booking ${booking.status}` };
  const token = await signCancelToken(ctx.config.WEBHOOK_SECRET, booking.id, ctx.now);
  const cancelUrl = new URL(`/cancel/${booking.id}?token=${token}`, ctx.config.PUBLIC_BASE_URL).href;
  return { send: buildConfirmation(booking, { from: ctx.config.EMAIL_FROM, timezone: taskPayload(task).timezone, cancelUrl }) };
}
