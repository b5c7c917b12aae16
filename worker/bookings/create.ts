/**
 * Creating a booking: one D1 batch writes the row, its notification tasks
 * (the outbox) and the Idempotency-Key record, so either all of it is stored
 * or none. rate_limit_per_email is enforced inside that batch by a trigger.
 */
import { v7 as uuidv7 } from 'uuid';
import type { CreatedBooking } from '../../contract/api.js';
import { ACTOR_REQUESTER, ACTOR_SYSTEM, type SpamReason } from '../../contract/limits.js';
import { canonicalMailbox } from '../../contract/rules.js';
import { EN_RULES } from '../../contract/words/en-rules.js';
import type { Db } from '../db/client.js';
import { isRuleViolation, isUniqueViolation } from '../db/errors.js';
import { type Booking, bookingEvents, demoBookings, type NewBooking, type NotificationTask, notificationTasks } from '../db/schema.js';
import { type IdempotencyClaim, keyTaken, recordStatements } from '../http/idempotency.js';
import { Problem } from '../http/problem.js';
import type { SlotTimes } from '../slots/service.js';
import { channelsOf, tasksOf } from './consequences.js';
import { type BookingRouting, newEvent } from './history.js';
import { withoutPersonal, withoutPersonalData, withoutPersonalValues } from './privacy.js';
import type { CreateBookingRequest } from './requests.js';

export interface CreateOptions {
  now: Date;
  /** Already anonymized client address. */
  ip: string | null;
  /** Set for a submission the spam defences caught: kept as `spam`, notifying no one. */
  spamReason?: SpamReason | null;
  /** The request's Idempotency-Key, recorded in the same batch. */
  idempotency?: IdempotencyClaim;
  /** The country the request came from (CF-IPCountry): routing reads it. */
  country?: string | null;
  /** A booked slot and the rep it goes to: the booking is confirmed at once (SPEC 8.4). A caught submission has no rep. */
  slot?: SlotTimes & { rep?: { id: string; name: string; meeting_url: string | null }; routing?: BookingRouting };
}

/** The rep's time was taken by another booking first (the database's no-overlap trigger refused this one). */
export class SlotTaken extends Error {}

export interface CreateResult {
  booking: CreatedBooking;
  /** Tasks to enqueue now; empty for a spam booking. */
  tasks: NotificationTask[];
}

/** An object as JSON text, or null when it is absent or empty. */
const nonEmptyJson = (value: object | null | undefined) => (value && Object.keys(value).length ? JSON.stringify(value) : null);

/** The 201 body: id, status and the requester's fields as stored. */
export function toCreated(row: Booking | NewBooking): CreatedBooking {
  return {
    id: row.id,
    status: row.status ?? 'pending',
    organization_name: row.organization_name,
    contact_name: row.contact_name,
    contact_email: row.contact_email,
    contact_phone: row.contact_phone ?? null,
    organization_size: row.organization_size ?? null,
    preferred_date: row.preferred_date ?? null,
    message: row.message ?? null,
    source_url: row.source_url ?? null,
    utm_source: row.utm_source ?? null,
    utm_medium: row.utm_medium ?? null,
    utm_campaign: row.utm_campaign ?? null,
    utm_term: row.utm_term ?? null,
    utm_content: row.utm_content ?? null,
    click_ids: row.click_ids ? JSON.parse(row.click_ids) : null,
    referrer: row.referrer ?? null,
    landing_page: row.landing_page ?? null,
    first_touch: row.first_touch ? JSON.parse(row.first_touch) : null,
    consent_text: row.consent_text ?? null,
    consent_at: row.consent_at ?? null,
    privacy_url: row.privacy_url ?? null,
    created_at: row.created_at,
    slot_end: row.slot_end ?? null,
    assigned_rep: null,
  };
}

/**
 * Stores a booking with its outbox tasks. Throws a 429 Problem under
 * rate_limit_per_email, and a 409 when a concurrent request stored the same
 * Idempotency-Key first.
 */
export async function createBooking(db: Db, input: CreateBookingRequest, opts: CreateOptions): Promise<CreateResult> {
  const nowIso = opts.now.toISOString();
  // A caught submission holds no rep's time.
  const slot = !opts.spamReason && opts.slot?.rep ? { ...opts.slot, rep: opts.slot.rep } : undefined;
  const status = opts.spamReason ? 'spam' : slot ? 'confirmed' : 'pending';
  const id = uuidv7({ msecs: opts.now.getTime() });
  // Spam is the system's judgement; anything else is the requester's own request.
  const actor = opts.spamReason ? ACTOR_SYSTEM : ACTOR_REQUESTER;
  const event = newEvent({
    bookingId: id,
    type: 'created',
    from: null,
    to: status,
    actor,
    now: opts.now,
    details: opts.spamReason
      ? { spam_reason: opts.spamReason }
      : slot
        ? {
            preferred_date: { from: null, to: slot.preferred_date },
            assigned_rep_id: { from: null, to: slot.rep.id },
            ...(opts.slot?.routing ? { routing: opts.slot.routing } : {}),
          }
        : {},
  });
  const row: NewBooking = {
    id,
    organization_name: input.organization_name ?? '',
    contact_name: input.contact_name ?? '',
    contact_email: input.contact_email ?? '',
    contact_mailbox: canonicalMailbox(input.contact_email ?? ''),
    contact_phone: input.contact_phone ?? null,
    organization_size: input.organization_size ?? null,
    preferred_date: slot?.preferred_date ?? (input.preferred_date ? new Date(input.preferred_date).toISOString() : null),
    slot_end: slot?.slot_end ?? null,
    assigned_rep_id: slot?.rep.id ?? null,
    blocked_until: slot?.blocked_until ?? null,
    meeting_url: slot?.rep.meeting_url ?? null,
    message: input.message ?? null,
    status,
    // Personal data riding along with attribution is not kept.
    source_url: withoutPersonalData(input.source_url ?? null),
    utm_source: withoutPersonal(input.utm_source),
    utm_medium: withoutPersonal(input.utm_medium),
    utm_campaign: withoutPersonal(input.utm_campaign),
    utm_term: withoutPersonal(input.utm_term),
    utm_content: withoutPersonal(input.utm_content),
    click_ids: nonEmptyJson(input.click_ids && withoutPersonalValues(input.click_ids)),
    referrer: withoutPersonalData(input.referrer ?? null),
    landing_page: withoutPersonalData(input.landing_page ?? null),
    first_touch: nonEmptyJson(
      input.first_touch && { ...withoutPersonalValues(input.first_touch), at: new Date(input.first_touch.at).toISOString() },
    ),
    // Proof of consent: the words as shown, the policy, and the server's own time.
    consent_text: input.consent?.text ?? null,
    consent_at: input.consent ? nowIso : null,
    privacy_url: withoutPersonalData(input.consent?.privacy_url ?? null),
    ip_address: opts.ip,
    spam_reason: opts.spamReason ?? null,
    timezone: input.timezone ?? null,
    locale: input.locale ?? 'en',
    last_event_id: event.id,
    created_at: nowIso,
    updated_at: nowIso,
  };
  // A caught submission is answered like an accepted one.
  const booking: CreatedBooking = slot
    ? { ...toCreated(row), assigned_rep: { id: slot.rep.id, name: slot.rep.name } }
    : opts.slot
      ? { ...toCreated(row), status: 'confirmed', preferred_date: opts.slot.preferred_date, slot_end: opts.slot.slot_end }
      : { ...toCreated(row), status: 'pending' };
  // The rep's copy of the invite, so the demo lands on their calendar.
  const tasks = tasksOf(
    status === 'spam' ? null : channelsOf('created', null, actor),
    { bookingId: id, eventId: event.id, now: opts.now },
    slot ? [slot.rep.id] : [],
  );
  const key = opts.idempotency;
  try {
    await db.batch([
      db.insert(demoBookings).values(row),
      db.insert(bookingEvents).values(event),
      ...(tasks.length ? [db.insert(notificationTasks).values(tasks)] : []),
      ...(key ? recordStatements(db, key, row.id, booking, opts.now) : []),
    ]);
  } catch (error) {
    if (isRuleViolation(error, 'rate_limit_per_email')) throw rateLimited();
    if (isRuleViolation(error, 'slot_unavailable')) throw new SlotTaken();
    if (key && isUniqueViolation(error, 'idempotency_keys')) throw keyTaken();
    throw error;
  }
  return { booking, tasks };
}

/** How long a refused address is asked to wait: fixed and coarse, so the answer says nothing of its past requests. */
export const RATE_LIMIT_RETRY_AFTER_SECONDS = 86_400;

/** rate_limit_per_email's refusal: the same words and wait for everyone, confirming nothing about the address. */
function rateLimited(): Problem {
  const message = EN_RULES.rate_limit_per_email;
  return new Problem(429, message, {
    rule: 'rate_limit_per_email',
    errors: [{ path: 'contact_email', rule: 'rate_limit_per_email', message }],
    headers: { 'retry-after': String(RATE_LIMIT_RETRY_AFTER_SECONDS) },
  });
}
