/**
 * Spam defences that lose nothing: a submission they catch is stored with
 * status `spam` (and why) and answered like any other, so a bot learns
 * nothing, while a person caught by mistake can be rescued by an admin.
 */
import { LIMITS, type SpamReason } from '../../contract/limits.js';
import { EN_RULES } from '../../contract/words/en-rules.js';
import { Problem } from '../http/problem.js';
import type { Log } from '../log.js';
import type { CreateBookingRequest } from './requests.js';

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

export interface SpamCheckOptions {
  /** When set, a valid Turnstile token is required. */
  turnstileSecret?: string;
  /** The client's full address, sent to Turnstile only (never stored). */
  ip?: string;
  fetch?: typeof fetch;
  log: Log;
}

/**
 * Judges a create request: the honeypot, the time it took to fill, and the
 * Turnstile token when Turnstile is configured.
 *
 * @returns the reason it is spam, or null. Throws a 422 Problem when the
 * token is expired or was already used, so the widget can get a fresh one.
 */
export async function spamReason(input: CreateBookingRequest, opts: SpamCheckOptions): Promise<SpamReason | null> {
  if (input.hp_check) return 'honeypot';
  if (input.elapsed_ms != null && input.elapsed_ms < LIMITS.minFillMs) return 'too_fast';
  if (!opts.turnstileSecret) return null;
  if (!input.turnstile_token) return 'turnstile';
  const outcome = await verifyTurnstile(input.turnstile_token, opts.turnstileSecret, opts);
  if (outcome === 'expired') {
    const message = EN_RULES.turnstile_token_expired;
    throw new Problem(422, message, { errors: [{ path: 'turnstile_token', rule: 'turnstile_token_expired', message }] });
  }
  return outcome === 'fail' ? 'turnstile' : null;
}

async function verifyTurnstile(token: string, secret: string, opts: SpamCheckOptions): Promise<'pass' | 'fail' | 'expired'> {
  const form = new FormData();
  form.set('secret', secret);
  form.set('response', token);
  if (opts.ip) form.set('remoteip', opts.ip);
  try {
    const res = await (opts.fetch ?? fetch)(SITEVERIFY, { method: 'POST', body: form, signal: AbortSignal.timeout(5000) });
    // An error page (a proxy's 502 in HTML, say) is no verdict: it counts as unreachable.
    if (!res.ok) throw new Error(`siteverify answered ${res.status}`);
    const result = (await res.json()) as { success?: boolean; 'error-codes'?: string[] };
    if (result.success) return 'pass';
    return result['error-codes']?.includes('timeout-or-duplicate') ? 'expired' : 'fail';
  } catch (error) {
    // Turnstile unreachable, or no JSON verdict: let the person through rather
    // than punish them for an outage (the honeypot and the timing still apply).
    opts.log.warn('turnstile_unreachable', { error: String(error) });
    return 'pass';
  }
}
