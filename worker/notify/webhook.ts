/**
 * The sales webhook (webhook_notification_on_create): Standard Webhooks headers, signed afresh for
 * each attempt with the same webhook-id, posted with a 10 s timeout.
 */
import { Webhook } from 'standardwebhooks';
import { retryAfterSeconds } from './backoff.js';

/** The result of one delivery attempt. */
export type DeliveryResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; retryAfter: number | null; gone: boolean };

/**
 * The three Standard Webhooks headers for one attempt.
 *
 * @example signWebhook('whsec_…', task.id, new Date(), body)['webhook-signature'] // 'v1,…'
 */
export function signWebhook(secret: string, id: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

export interface DeliveryOptions {
  url: string;
  secret: string;
  id: string;
  body: string;
  now: Date;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Makes one attempt: 2xx is delivered; anything else says whether to stop (410) and how long the receiver asks to wait. */
export async function deliverWebhook(o: DeliveryOptions): Promise<DeliveryResult> {
  try {
    const res = await o.fetch(o.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'demo-booking-webhooks/1',
        ...signWebhook(o.secret, o.id, o.now, o.body),
      },
      body: o.body,
      signal: AbortSignal.timeout(o.timeoutMs),
      redirect: 'manual',
    });
    await res.body?.cancel(); // the answer's body is never needed
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    const asksToWait = res.status === 429 || res.status === 503;
    return {
      ok: false,
      status: res.status,
      error: `HTTP ${res.status}`,
      retryAfter: asksToWait ? retryAfterSeconds(res.headers.get('retry-after'), o.now) : null,
      gone: res.status === 410,
    };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return {
      ok: false,
      status: null,
      error: timedOut ? `timed out after ${o.timeoutMs} ms` : `network error: ${String(error)}`,
      retryAfter: null,
      gone: false,
    };
  }
}
