/**
 * Idempotency-Key for POST /api/bookings: the same key and body within 24 h
 * gets the first answer again, with no second row and no second email.
 *
 * The middleware parses the key, hashes the body and answers a replay before
 * the handler runs (so a spent single-use Turnstile token never blocks a
 * retry). The handler writes the key's record in its own D1 batch with
 * `recordStatements`. When that batch fails on the key (a concurrent twin)
 * or on the per-email limit its own first attempt filled, the middleware
 * answers with the first result instead of the refusal.
 */
import { and, eq, gt, lt } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { LIMITS } from '../../contract/limits.js';
import type { Db } from '../db/client.js';
import { idempotencyKeys } from '../db/schema.js';
import type { AppEnv } from './app-env.js';
import { Problem } from './problem.js';

/** The key of a request and the hash of its body. */
export interface IdempotencyClaim {
  key: string;
  requestHash: string;
}

/** The header's value: 1 to 255 visible ASCII characters (documented as this pattern). */
export const KEY_PATTERN = `^[\\x21-\\x7e]{1,${LIMITS.idempotencyKeyMax}}$`;
const keyPattern = new RegExp(KEY_PATTERN);

/** Records older than this answer nothing any more. */
export const keyCutoff = (now: Date) => new Date(now.getTime() - LIMITS.idempotencyHours * 3_600_000).toISOString();

/** The key of a request, or undefined without one; a 400 Problem for a malformed one. */
export function parseKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!keyPattern.test(header))
    throw new Problem(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters.', { rule: 'idempotency_key_format' });
  return header;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The first answer to a key within 24 h, or null; a 409 Problem when the
 * key came with another body.
 */
export async function findReplay(db: Db, claim: IdempotencyClaim, now: Date): Promise<unknown | null> {
  const [first] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.key, claim.key), gt(idempotencyKeys.created_at, keyCutoff(now))));
  if (!first) return null;
  if (first.request_hash !== claim.requestHash)
    throw new Problem(409, 'This Idempotency-Key was already used with a different request body.', { rule: 'idempotency_key_reused' });
  return JSON.parse(first.response);
}

/** The statements that record a key's first answer, for the handler's own batch. */
export function recordStatements(db: Db, claim: IdempotencyClaim, bookingId: string, response: unknown, now: Date) {
  return [
    // An expired record of this key makes way for the new one, in the same transaction.
    db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.key, claim.key), lt(idempotencyKeys.created_at, keyCutoff(now)))),
    db.insert(idempotencyKeys).values({
      key: claim.key,
      request_hash: claim.requestHash,
      booking_id: bookingId,
      response: JSON.stringify(response),
      created_at: now.toISOString(),
    }),
  ] as const;
}

/** The refusal a batch gets when a concurrent request with the same key stored first. */
export const keyTaken = () =>
  new Problem(409, 'This Idempotency-Key is being used by another request; retry it.', { rule: 'idempotency_key_reused' });

/** Forgets the answers kept for a booking (they hold its personal data). */
export const forgetBooking = (db: Db, bookingId: string) => db.delete(idempotencyKeys).where(eq(idempotencyKeys.booking_id, bookingId));

/** Drops records past their 24 h (the daily job). */
export async function dropExpiredKeys(db: Db, now: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.created_at, keyCutoff(now)));
}

/** Refusals behind which the first answer to the key may stand. */
const mayHideReplay = (error: Error | undefined) =>
  error instanceof Problem && (error.options.rule === 'idempotency_key_reused' || error.options.rule === 'rate_limit_per_email');

/**
 * Honours `Idempotency-Key` on a create route whose handler answers 201.
 *
 * @example app.post('/', idempotency(), handler) // the handler reads c.get('idempotency')
 */
export const idempotency = (clock: () => Date = () => new Date()) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const key = parseKey(c.req.header('idempotency-key'));
    if (!key) return next();
    const claim = { key, requestHash: await sha256Hex(await c.req.text()) };
    const replayed = { 'idempotent-replayed': 'true' };
    const earlier = await findReplay(c.get('db'), claim, clock());
    if (earlier) return c.json(earlier, 201, replayed);
    c.set('idempotency', claim);
    await next();
    if (!mayHideReplay(c.error)) return;
    const first = await findReplay(c.get('db'), claim, clock());
    if (!first) return;
    c.res = c.json(first, 201, replayed);
    c.res.headers.delete('retry-after'); // the refusal's, kept by Hono when a response replaces another
  });
