/**
 * Booking a slot (SPEC 8.4): the slot is checked again against D1, the reps
 * routed to and free for it are ordered (slots/decide.ts: the account's
 * owner, then weighted round robin), and the booking is
 * inserted with the first; the database refuses it when another booking took
 * that rep's time meanwhile (a trigger, inside the insert), and the next rep
 * is tried within the same request. When nobody is left: 409
 * slot_unavailable with the nearest times still offered.
 */
import { SLOT_LIMITS } from '../../contract/slots.js';
import { EN_RULES } from '../../contract/words/en-rules.js';
import type { Db } from '../db/client.js';
import type { Config } from '../env.js';
import { Problem } from '../http/problem.js';
import { decideFor } from '../slots/decide.js';
import { asSlots, offeredStarts, slotTimes, type TeamTime, teamTime } from '../slots/service.js';
import { type CreateOptions, type CreateResult, createBooking, SlotTaken } from './create.js';
import type { CreateBookingRequest } from './requests.js';

const DAY = 86_400_000;
/** How far either side of a refused slot the alternatives are looked for. */
const ALTERNATIVES_WINDOW_MS = 7 * DAY;

export async function bookSlot(
  db: Db,
  config: Config,
  input: CreateBookingRequest & { slot_start: string },
  opts: CreateOptions,
): Promise<CreateResult> {
  const start = Date.parse(input.slot_start);
  const times = slotTimes(start, config);
  // A caught submission is stored and answered as booked, holding no rep's time.
  if (opts.spamReason) return createBooking(db, input, { ...opts, slot: times });
  const ask = { ...input, country: opts.country ?? null };
  const decision = await decideFor(db, config, opts.now, ask, start);
  for (const [i, candidate] of decision.order.entries()) {
    // What routed it, for the history and the webhook: the rule, and whether the account's owner got it.
    const routing = { rule: decision.rule, owner: decision.byOwner && i === 0 };
    try {
      return await createBooking(db, input, { ...opts, slot: { ...times, rep: candidate.rep, routing } });
    } catch (error) {
      if (!(error instanceof SlotTaken)) throw error;
    }
  }
  // Read again: what the lost races took is no alternative.
  throw slotUnavailable(
    await teamTime(db, config, opts.now, { from: start - ALTERNATIVES_WINDOW_MS, to: start + ALTERNATIVES_WINDOW_MS, ask }),
    start,
  );
}

/** 409 slot_unavailable, with up to five of the nearest other times still offered, in order. */
function slotUnavailable(team: TeamTime, start: number): Problem {
  const nearest = offeredStarts(team, start - ALTERNATIVES_WINDOW_MS, start + ALTERNATIVES_WINDOW_MS)
    .filter((s) => s !== start)
    .sort((a, b) => Math.abs(a - start) - Math.abs(b - start) || a - b)
    .slice(0, SLOT_LIMITS.alternativesMax)
    .sort((a, b) => a - b);
  const message = EN_RULES.slot_unavailable;
  return new Problem(409, message, {
    rule: 'slot_unavailable',
    errors: [{ path: 'slot_start', rule: 'slot_unavailable', message }],
    extra: {
      alternatives: asSlots(nearest, team.rules),
    },
  });
}
