/**
 * Creating a booking: one D1 batch writes the row, its notification tasks
 * (the outbox) and the Idempotency-Key record, so either all of it is stored
 * or none. rate_limit_per_email is enforced inside that batch by a trigger.
 */
import { and, eq, gt, lt, min } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { LIMITS } from '../../contract/limits.js';
import type { Db } from '../env.js';
import { demoBookings, idempotencyKeys, notificationTasks, type Booking, type NewBooking, type NotificationTask } from '../db/schema.js';
import { isRuleViolation, isUniqueViolation } from '../db/errors.js';
import { Problem } from '../http/problem.js';
import { newTasks } from '../notify/outbox.js';
import type { CreateBookingRequest, CreatedBooking } from './schema.js';
import type { SpamReason } from '../../contract/limits.js';

export interface CreateOptions {
  now: Date;
  /** Already anonymized client address. */
  ip: string | null;
  /** Set for a submission the spam defences caught: kept as `spam`, notifying no one. */
  spamReason?: SpamReason | null;
  idempotency?: { key: string; requestHash: string };
}

export interface CreateResult {
  booking: CreatedBooking;
  /** Tasks to enqueue now; empty for a replay or a spam booking. */
  tasks: NotificationTask[];
  replayed: boolean;
}

/** Idempotency-Key records older than this answer nothing any more. */
export const keyCutoff = (now: Date) => new Date(now.getTime() - LIMITS.idempotencyHours * 3_600_000).toISOString();

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
    created_at: row.created_at,
  };
}

/**
 * Stores a booking with its outbox tasks, or answers an earlier request with
 * the same Idempotency-Key. Throws a 429 Problem under rate_limit_per_email
 * and a 409 Problem when a key is reused for another body.
 */
export async function createBooking(db: Db, input: CreateBookingRequest, opts: CreateOptions): Promise<CreateResult> {
  const nowIso = opts.now.toISOString();
  const status = opts.spamReason ? 'spam' : 'pending';
  const row: NewBooking = {
    id: uuidv7({ msecs: opts.now.getTime() }),
    organization_name: input.organization_name ?? '',
    contact_name: input.contact_name ?? '',
    contact_email: input.contact_email ?? '',
    contact_phone: input.contact_phone ?? null,
    organization_size: (input.organization_size as NewBooking['organization_size']) ?? null,
    preferred_date: input.preferred_date ? new Date(input.preferred_date).toISOString() : null,
    message: input.message ?? null,
    status,
    source_url: input.source_url ?? null,
    utm_source: input.utm_source ?? null,
    utm_medium: input.utm_medium ?? null,
    utm_campaign: input.utm_campaign ?? null,
    ip_address: opts.ip,
    spam_reason: opts.spamReason ?? null,
    created_at: nowIso,
    updated_at: nowIso,
  };
  // A caught submission is answered exactly like an accepted one.
  const booking = { ...toCreated(row), status: 'pending' as const };
  const tasks =
    status === 'pending'
      ? newTasks(row.id, 'demo_booking.created', opts.now, { timezone: input.timezone ?? null })
      : [];
  const key = opts.idempotency;

  try {
    await db.batch([
      db.insert(demoBookings).values(row),
      ...tasks.map((t) => db.insert(notificationTasks).values(t)),
      ...(key
        ? [
            // An expired record of this key makes way for the new one, in the same transaction.
            db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.key, key.key), lt(idempotencyKeys.created_at, keyCutoff(opts.now)))),
            db.insert(idempotencyKeys).values({
              key: key.key,
              request_hash: key.requestHash,
              booking_id: row.id,
              response: JSON.stringify(booking),
              created_at: nowIso,
            }),
          ]
        : []),
    ]);
  } catch (error) {
    // A retry of a stored request fails on its key, or on the limit its own
    // first attempt filled: either way it gets the first answer again.
    const limited = isRuleViolation(error, 'rate_limit_per_email');
    if (key && (limited || isUniqueViolation(error, 'idempotency_keys'))) {
      const first = await findReplay(db, key, opts.now);
      if (first) return first;
      if (!limited) throw new Problem(409, 'This Idempotency-Key is being renewed; retry the request.', { rule: 'idempotency_key_reused' });
    }
    if (limited) throw await rateLimited(db, row.contact_email, opts.now);
    throw error;
  }
  return { booking, tasks, replayed: false };
}

/**
 * The first answer to an Idempotency-Key within 24 h, or null; a 409 Problem
 * when the key came with another body.
 */
export async function findReplay(db: Db, key: { key: string; requestHash: string }, now: Date): Promise<CreateResult | null> {
  const [first] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.key, key.key), gt(idempotencyKeys.created_at, keyCutoff(now))));
  if (!first) return null;
  if (first.request_hash !== key.requestHash)
    throw new Problem(409, 'This Idempotency-Key was already used with a different request body.', { rule: 'idempotency_key_reused' });
  return { booking: JSON.parse(first.response) as CreatedBooking, tasks: [], replayed: true };
}

async function rateLimited(db: Db, email: string, now: Date): Promise<Problem> {
  const windowMs = LIMITS.pendingWindowDays * 86_400_000;
  const since = new Date(now.getTime() - windowMs).toISOString();
  const [oldest] = await db
    .select({ at: min(demoBookings.created_at) })
    .from(demoBookings)
    .where(and(eq(demoBookings.contact_email, email), eq(demoBookings.status, 'pending'), gt(demoBookings.created_at, since)));
  const freesAt = oldest?.at ? Date.parse(oldest.at) + windowMs : now.getTime() + windowMs;
  const retryAfter = Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
  const message = `You already have ${LIMITS.pendingPerEmail} open demo requests with this email address; we will be in touch about them.`;
  return new Problem(429, message, {
    rule: 'rate_limit_per_email',
    errors: [{ path: 'contact_email', rule: 'rate_limit_per_email', message }],
    headers: { 'retry-after': String(retryAfter) },
  });
}
