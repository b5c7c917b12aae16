/**
 * Posting a booking from the widget: one Idempotency-Key per set of answers,
 * the same bytes sent again on a retry, and the answer read as success,
 * refusal (with the server's field errors) or no answer at all.
 */
import type { CreatedBooking, ProblemBody, Slot } from '../contract/api.js';
import type { FieldError } from '../contract/rules.js';

export type Outcome =
  | { kind: 'created'; id: string; email: string; booking: Partial<CreatedBooking> }
  | { kind: 'refused'; status: number; errors: FieldError[]; detail?: string; alternatives?: Slot[] }
  | { kind: 'unreachable' };

/** Remembers the last attempt so that a retry of the same answers reuses its key and body. */
export class Attempts {
  private last?: { answers: string; key: string; body: string };

  /**
   * The key and body to send. `volatile` names fields that may differ
   * between tries (such as the time taken) without making a new attempt.
   */
  next(request: Record<string, unknown>, volatile: string[]): { key: string; body: string } {
    const answers = JSON.stringify(Object.fromEntries(Object.entries(request).filter(([k]) => !volatile.includes(k))));
    if (this.last?.answers !== answers) this.last = { answers, key: crypto.randomUUID(), body: JSON.stringify(request) };
    return this.last;
  }
}

/** POSTs the body to `<apiBase>/api/bookings`. Never throws. */
export async function postBooking(apiBase: string, attempt: { key: string; body: string }): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(new URL('/api/bookings', apiBase), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': attempt.key },
      body: attempt.body,
    });
  } catch {
    return { kind: 'unreachable' };
  }
  // A created booking, or a refusal (problem+json); either may be missing when a proxy answered instead.
  const answer = (await res.json().catch(() => ({}))) as Partial<
    CreatedBooking & Pick<ProblemBody, 'detail' | 'errors'> & { alternatives: Slot[] }
  >;
  if (res.ok && answer.id) return { kind: 'created', id: answer.id, email: answer.contact_email ?? '', booking: answer };
  return { kind: 'refused', status: res.status, errors: answer.errors ?? [], detail: answer.detail, alternatives: answer.alternatives };
}
