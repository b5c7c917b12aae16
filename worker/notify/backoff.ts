/**
 * When to try a failed delivery again (webhook_notification_on_create): base × 4^(n-1) seconds
 * after the n-th failed attempt, plus up to 10 % jitter so that receivers
 * recovering from an outage are not hit by every sender at once, capped at
 * the Queues maximum delay. Six attempts in all.
 */

/** Attempts per delivery cycle: the first and 5 retries. */
export const MAX_ATTEMPTS = 6;
/** Cloudflare Queues refuses longer delays (12 h). */
export const MAX_DELAY_SECONDS = 43_200;

/**
 * Delay before the attempt after the `attempt`-th failed one.
 *
 * @example backoffSeconds(1, 60, () => 0) // 60; then 240, 960, 3840, 15360
 */
export function backoffSeconds(attempt: number, baseSeconds: number, random: () => number = Math.random): number {
  const exact = baseSeconds * 4 ** (attempt - 1);
  return Math.min(MAX_DELAY_SECONDS, Math.round(exact * (1 + 0.1 * random())));
}

/**
 * Seconds a `Retry-After` header asks for (delta seconds or an HTTP date),
 * or null when absent or unreadable.
 */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
