/**
 * The emails to the prospect (confirmation_email_on_create): the confirmation of the request, the
 * confirmed demo with its calendar invite, the moved demo, and the
 * cancellation. Each is one list of facts rendered as plain text and as HTML,
 * every requester value escaped in the HTML (hono/html) and kept out of
 * headers or stripped of control characters where it reaches one.
 */
import { html } from 'hono/html';
import { DIRECTION, INTL } from '../../contract/i18n.js';
import { inviteUid } from '../../contract/invite.js';
import { fill, REQUESTER_WORDS } from '../../contract/words/requester/index.js';
import { detailsOf, eventsOf, findEvent } from '../bookings/history.js';
import { findBookingRow } from '../bookings/repository.js';
import { signCancelToken } from '../cancel/token.js';
import type { Booking, BookingEvent, NotificationTask, SalesRep } from '../db/schema.js';
import type { EmailMessage, Outgoing, RenderContext } from '../notify/consumer.js';
import { isToRep, repIdOf } from '../notify/recipient.js';
import { findRep } from '../team/service.js';
import { buildInvite } from './invite.js';

/**
 * Anything that reaches a mail header: one line, with no C0/C1 control, no
 * format (bidi, zero-width) character and no line or paragraph separator.
 */
export const headerSafe = (value: string) => value.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').trim();

/** At most `max` characters, cut between code points, never inside a surrogate pair. */
const cut = (value: string, max: number) => [...value].slice(0, max).join('');

/** "Friday, 4 December 2026 at 14:30" ("Freitag, 4. Dezember 2026 um 14:30") in the given zone and language. */
function formatTime(iso: string, timeZone: string, intl = 'en-GB'): string {
  return new Intl.DateTimeFormat(intl, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** The time in the visitor's zone (when known) and in UTC, as fact lines. */
function timeLines(label: string, iso: string | null, timezone: string | null, intl?: string): [string, string | null][] {
  return [
    [`${label} (${timezone ?? ''})`, iso && timezone && timezone !== 'UTC' ? formatTime(iso, timezone, intl) : null],
    [`${label} (UTC)`, iso && `${formatTime(iso, 'UTC', intl)} UTC`],
  ];
}

/** The words of the booking's language. */
const localeOf = (booking: Booking) => booking.locale ?? 'en';
const wordsOf = (booking: Booking) => REQUESTER_WORDS[localeOf(booking)];
/** The booking's language's conventions for dates. */
const intlOf = (booking: Booking) => INTL[localeOf(booking)];

interface Letter {
  booking: Booking;
  /** Someone other than the prospect (the rep), greeted by name, in English. */
  recipient?: { email: string; name: string };
  from: string;
  subject: string;
  intro: string;
  facts: [string, string | null][];
  /** A closing line with a link: [text before, link text, url]. */
  link?: [string, string, string];
  attachments?: EmailMessage['attachments'];
}

/** Renders a letter as text and HTML. */
function compose(l: Letter): EmailMessage {
  const facts = l.facts.filter((f): f is [string, string] => f[1] !== null && f[1] !== '');
  // A rep reads English; the prospect their own language.
  const lang = l.recipient ? 'en' : localeOf(l.booking);
  const greeting = fill(REQUESTER_WORDS[lang].hello, {
    name: l.recipient?.name ?? l.booking.contact_name,
  });
  const text = [
    greeting,
    '',
    l.intro,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(l.link ? ['', `${l.link[0]} ${l.link[1]}: ${l.link[2]}`] : []),
  ].join('\n');
  // Right to left for Arabic: the whole email, and its table's labels on the side the text starts.
  const dir = DIRECTION[lang];
  const start = dir === 'rtl' ? 'right' : 'left';
  const body = html`<!doctype html>
<html lang="${lang}" dir="${dir}"><body style="font-family:system-ui,sans-serif;color:#1a1a1a;line-height:1.5">
<p>${greeting}</p>
<p>${l.intro}</p>
<table cellpadding="6" style="border-collapse:collapse">
${facts.map(([label, value]) => html`<tr><th align="${start}" valign="top">${label}</th><td style="white-space:pre-wrap">${value}</td></tr>`)}
</table>
${l.link ? html`<p>${l.link[0]} <a href="${l.link[2]}">${l.link[1]}</a>.</p>` : ''}
</body></html>`;
  return {
    to: l.recipient?.email ?? l.booking.contact_email,
    from: l.from,
    subject: cut(headerSafe(l.subject), 200),
    text,
    html: body.toString(),
    ...(l.attachments ? { attachments: l.attachments } : {}),
  };
}

/**
 * The confirmation that the request arrived. `cancelUrl` is the requester's
 * signed cancel link. The address is not yet proven to be the requester's,
 * so the email carries nothing a stranger could write to someone else: no
 * message, no phone number, a subject of fixed words; the names it shows
 * were refused at validation if they held a link, an address or a number.
 */
export function buildConfirmation(booking: Booking, opts: { from: string; timezone: string | null; cancelUrl?: string }): EmailMessage {
  const w = wordsOf(booking);
  return compose({
    booking,
    from: opts.from,
    subject: w.request.subject,
    intro: w.request.intro,
    facts: [
      [w.facts.organization, booking.organization_name],
      [w.facts.name, booking.contact_name],
      [w.facts.email, booking.contact_email],
      [w.facts.size, booking.organization_size],
      ...timeLines(w.facts.preferred, booking.preferred_date, opts.timezone, intlOf(booking)),
    ],
    ...(opts.cancelUrl ? { link: [w.request.cancelAsk, w.request.cancelLink, opts.cancelUrl] as [string, string, string] } : {}),
  });
}

/** The history entries that sent or changed an invite (a booked slot's is sent by its creation, and by a new rep). */
const INVITE_TYPES = new Set(['confirmed', 'rescheduled', 'cancelled', 'reassigned']);
const changesInvite = (e: { type: string; to_status: string | null }) =>
  INVITE_TYPES.has(e.type) || (e.type === 'created' && e.to_status === 'confirmed');

/** What a confirmed, moved or cancelled demo's email needs from its entry and the history. */
interface InviteState {
  start: string;
  url: string | null;
  /** Invites sent before this one: the SEQUENCE. */
  sequence: number;
  /** An invite went out before (so a cancel must withdraw it). */
  invited: boolean;
  /** The time of the last invite sent before this entry (what a cancellation withdraws), if any. */
  lastInvited: string | null;
  /** A later entry changed the invite again: this one is stale. */
  superseded: boolean;
}

async function inviteState(ctx: RenderContext, booking: Booking, event: BookingEvent): Promise<InviteState> {
  const history = await eventsOf(ctx.db, booking.id);
  const before = history.filter((e) => e.id < event.id && changesInvite(e));
  const sent = before.filter((e) => e.type !== 'cancelled');
  const details = detailsOf(event);
  return {
    start: details.preferred_date?.to ?? booking.preferred_date ?? event.at,
    url: details.meeting_url ? details.meeting_url.to : booking.meeting_url,
    sequence: before.length,
    invited: sent.length > 0,
    lastInvited: [...sent].reverse().find((e) => e.details.preferred_date?.to)?.details.preferred_date?.to ?? null,
    superseded: history.some((e) => e.id > event.id && changesInvite(e)),
  };
}

/** The rep who has a booked slot: they organize its invite. */
type Organizer = Pick<SalesRep, 'email' | 'name'> | null;

function invite(
  ctx: RenderContext,
  booking: Booking,
  state: InviteState,
  method: 'REQUEST' | 'CANCEL',
  start: string,
  rep: Organizer = null,
) {
  const text = buildInvite({
    method,
    uid: inviteUid(booking.id, ctx.config.PUBLIC_BASE_URL),
    sequence: state.sequence,
    start: new Date(start),
    durationMinutes: ctx.config.DEMO_DURATION_MINUTES,
    summary: fill(wordsOf(booking).invite.summary, { org: booking.organization_name }),
    description: state.url ? fill(wordsOf(booking).invite.join, { url: state.url }) : wordsOf(booking).invite.later,
    organizer: rep?.email ?? ctx.config.EMAIL_FROM,
    ...(rep ? { organizerName: rep.name } : {}),
    attendee: { email: booking.contact_email, name: booking.contact_name },
    url: state.url,
    now: ctx.now,
  });
  const type = `text/calendar; charset=utf-8; method=${method}`;
  return [{ filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', type, content: text, disposition: 'attachment' as const }];
}

async function cancelLink(ctx: RenderContext, booking: Booking): Promise<string> {
  const token = await signCancelToken(ctx.config.WEBHOOK_SECRET, booking.id, ctx.now);
  return new URL(`/cancel/${booking.id}?token=${token}`, ctx.config.PUBLIC_BASE_URL).href;
}

/** "Your demo is confirmed" (or moved): the time in both zones, the link, the cancel link and the invite. */
async function scheduled(
  ctx: RenderContext,
  booking: Booking,
  event: BookingEvent,
  rep: Organizer = null,
): Promise<Outgoing<EmailMessage>> {
  const state = await inviteState(ctx, booking, event);
  if (state.superseded) return { skip: 'a later change sends the current invite' };
  const w = wordsOf(booking);
  const words = event.type === 'rescheduled' ? w.moved : event.type === 'reassigned' ? w.newHost : w.confirmed;
  const when = formatTime(state.start, booking.timezone ?? 'UTC', intlOf(booking));
  const names = { when, rep: rep?.name ?? '' };
  return {
    send: compose({
      booking,
      from: ctx.config.EMAIL_FROM,
      subject: fill(words.subject, names),
      intro: fill(words.intro, names),
      facts: [
        [w.facts.organization, booking.organization_name],
        ...timeLines(w.facts.time, state.start, booking.timezone, intlOf(booking)),
        [w.facts.link, state.url],
      ],
      // A booked slot's link also offers another time of the rep (SPEC 8.7).
      link: [w.cantMakeIt, booking.slot_end ? w.changeDemo : w.cancelDemo, await cancelLink(ctx, booking)],
      attachments: invite(ctx, booking, state, 'REQUEST', state.start, rep),
    }),
  };
}

/**
 * The rep's copy of a booked slot: who booked, when on the rep's clock and the
 * prospect's, the link, and the same invite (same UID and SEQUENCE) as the
 * prospect's, so the demo lands on the rep's calendar. A rep the demo was
 * taken from (`handedTo` names who has it now) gets its withdrawal, as for a
 * cancellation, even when later changes followed: no later one writes to them.
 */
async function forRep(
  ctx: RenderContext,
  booking: Booking,
  event: BookingEvent,
  rep: SalesRep,
  handedTo: Organizer = null,
): Promise<Outgoing<EmailMessage>> {
  const state = await inviteState(ctx, booking, event);
  if (state.superseded && !handedTo) return { skip: 'a later change sends the current invite' };
  if (event.type === 'cancelled' || handedTo) {
    const start = (handedTo ? detailsOf(event).preferred_date?.from : null) ?? state.lastInvited ?? booking.preferred_date ?? event.at;
    const what = handedTo ? `is now with ${handedTo.name}` : 'is cancelled';
    return {
      send: compose({
        booking,
        recipient: { email: rep.email, name: rep.name },
        from: ctx.config.EMAIL_FROM,
        subject: `${handedTo ? 'Handed over' : 'Cancelled'}: demo with ${booking.organization_name}, ${formatTime(start, rep.time_zone)}`,
        intro: `The demo with ${booking.contact_name} of ${booking.organization_name} ${what}. The attachment removes it from your calendar.`,
        facts: [
          ['Organization', booking.organization_name],
          [`Time (yours, ${rep.time_zone})`, formatTime(start, rep.time_zone)],
          ['Reason', detailsOf(event).reason ?? null],
        ],
        attachments: invite(ctx, booking, state, 'CANCEL', start, rep),
      }),
    };
  }
  const when = formatTime(state.start, rep.time_zone);
  return {
    send: compose({
      booking,
      recipient: { email: rep.email, name: rep.name },
      from: ctx.config.EMAIL_FROM,
      subject: `New demo: ${booking.organization_name}, ${when}`,
      intro: `${booking.contact_name} of ${booking.organization_name} booked a demo with you. The invite attached puts it on your calendar.`,
      facts: [
        ['Organization', booking.organization_name],
        ['Contact', booking.contact_name],
        ['Email', booking.contact_email],
        ['Phone', booking.contact_phone],
        ['Organization size', booking.organization_size],
        [`Time (yours, ${rep.time_zone})`, when],
        [`Time (theirs, ${booking.timezone ?? 'zone unknown'})`, booking.timezone ? formatTime(state.start, booking.timezone) : null],
        ['Meeting link', state.url],
        ['Message', booking.message],
      ],
      link: ['Open it in', 'the sales console', new URL('/admin', ctx.config.PUBLIC_BASE_URL).href],
      attachments: invite(ctx, booking, state, 'REQUEST', state.start, rep),
    }),
  };
}

/** The cancellation: with a CANCEL invite when one went out, else a short note that sales cancelled the request. */
async function cancelled(
  ctx: RenderContext,
  booking: Booking,
  event: BookingEvent,
  rep: Organizer = null,
): Promise<Outgoing<EmailMessage>> {
  const state = await inviteState(ctx, booking, event);
  const reason = detailsOf(event).reason ?? null;
  const w = wordsOf(booking);
  if (!state.invited)
    return {
      send: compose({
        booking,
        from: ctx.config.EMAIL_FROM,
        subject: w.declined.subject,
        intro: w.declined.intro,
        facts: [[w.facts.reason, reason]],
      }),
    };
  const start = state.lastInvited ?? booking.preferred_date ?? event.at;
  return {
    send: compose({
      booking,
      from: ctx.config.EMAIL_FROM,
      subject: fill(w.cancelled.subject, { when: formatTime(start, booking.timezone ?? 'UTC', intlOf(booking)) }),
      intro: w.cancelled.intro,
      facts: [
        [w.facts.organization, booking.organization_name],
        ...timeLines(w.facts.was, start, booking.timezone, intlOf(booking)),
        [w.facts.reason, reason],
      ],
      attachments: invite(ctx, booking, state, 'CANCEL', start, rep),
    }),
  };
}

/**
 * The email of a task. Nothing for a booking that is gone or redacted; the
 * request's confirmation also not for one caught as spam, cancelled, or
 * already confirmed by email (confirmation_email_on_create: never twice).
 */
export async function renderEmail(task: NotificationTask, ctx: RenderContext): Promise<Outgoing<EmailMessage>> {
  const booking = await findBookingRow(ctx.db, task.booking_id);
  if (!booking) return { skip: 'booking not found' };
  if (booking.redacted_at) return { skip: 'booking redacted' };
  // A booked slot's rep organizes its invitation and gets their own copy of every change of it.
  const rep = booking.slot_end && booking.assigned_rep_id ? await findRep(ctx.db, booking.assigned_rep_id) : null;
  if (task.event_type === 'demo_booking.created' && !rep && !isToRep(task)) {
    // A request: its confirmation (tasks written before the history existed have no entry, and need none).
    if (booking.confirmation_sent_at) return { skip: 'confirmation already sent' };
    if (booking.status === 'spam' || booking.status === 'cancelled') return { skip: `booking ${booking.status}` };
    return {
      send: buildConfirmation(booking, {
        from: ctx.config.EMAIL_FROM,
        timezone: booking.timezone,
        cancelUrl: await cancelLink(ctx, booking),
      }),
    };
  }
  const event = task.event_id ? await findEvent(ctx.db, task.event_id) : null;
  if (!event) return { skip: 'history entry not found' };
  if (isToRep(task)) {
    const repId = repIdOf(task) ?? booking.assigned_rep_id;
    const to = repId === rep?.id ? rep : repId ? await findRep(ctx.db, repId) : null;
    if (!to) return { skip: 'rep not found' };
    // The rep the demo was taken from: its withdrawal, naming who has it now.
    const taken = detailsOf(event).assigned_rep_id?.from === to.id;
    return forRep(ctx, booking, event, to, taken ? (rep ?? { name: 'another rep', email: '' }) : null);
  }
  if (task.event_type === 'demo_booking.created') {
    // A booked slot: confirmed at once, with the invite.
    if (booking.status !== 'confirmed') return { skip: `booking ${booking.status}` };
    if (booking.confirmation_sent_at) return { skip: 'confirmation already sent' };
    return scheduled(ctx, booking, event, rep);
  }
  if (
    task.event_type === 'demo_booking.confirmed' ||
    task.event_type === 'demo_booking.rescheduled' ||
    task.event_type === 'demo_booking.reassigned'
  )
    return scheduled(ctx, booking, event, rep);
  if (task.event_type === 'demo_booking.cancelled') return cancelled(ctx, booking, event, rep);
  return { skip: `no email for ${task.event_type}` };
}
