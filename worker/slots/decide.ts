/**
 * The decision of who gets a demo, in order and in words: what a slot
 * booking tries (the owner first when eligible and free, then weighted round
 * robin among the others free), and what the dry run explains. One function
 * for both, so the dry run answers exactly what a booking then does.
 */

import type { RoutingRule } from '../../contract/routing.js';
import { emailDomain, ROUTING_FIELDS } from '../../contract/routing.js';
import type { Db } from '../db/client.js';
import type { Config } from '../env.js';
import { companyDomain, type RoutingAsk } from '../routing/service.js';
import { type Load, roundRobin } from './pick.js';
import { type EligibleRep, freeAt, type LeftOut, type TeamTime, teamTime } from './service.js';

const DAY = 86_400_000;

export interface Decision {
  /** The matched rule's name, or null. */
  rule: string | null;
  eligible: EligibleRep[];
  /** The company's owner (the rep of its latest booking), or null. */
  owner: EligibleRep['rep'] | null;
  /** Who a booking tries, in order: the owner first when eligible and free, then round robin. Empty: nobody free. */
  order: EligibleRep[];
  /** The owner heads the order. */
  byOwner: boolean;
  why: string[];
}

const LEFT_OUT_WORDS: Record<Exclude<LeftOut, 'rule'>, string> = {
  language: 'does not demo in this language',
  calendar: 'calendar not synced, or stale',
};

const names = (reps: { rep: { name: string } }[]) => reps.map((r) => r.rep.name).join(', ');

/**
 * Decides for `ask` at `start` (a slot's start, ms) or, with no start, among
 * every eligible rep whatever their calendar says.
 */
async function decide(db: Db, team: TeamTime, ask: RoutingAsk, start: number | null, now: Date): Promise<Decision> {
  const { rule, owner, inactive, leftOut } = team.routing;
  const why: string[] = [];
  if (rule) {
    const tests = ROUTING_FIELDS.filter((f) => rule.when[f]).map((f) => `${f} ${rule.when[f]?.join(' or ')}`);
    why.push(`Rule “${rule.name}” matched${tests.length ? ` (${tests.join('; ')})` : ' (it matches everyone)'}: its reps are eligible.`);
  } else why.push('No rule matched: every active rep is eligible.');
  if (inactive.length) why.push(`Skipped, deactivated: ${inactive.map((r) => r.name).join(', ')}.`);
  const notEligible = leftOut.filter((l) => l.why !== 'rule');
  if (notEligible.length)
    why.push(`Not eligible: ${notEligible.map((l) => `${l.rep.name} (${LEFT_OUT_WORDS[l.why as Exclude<LeftOut, 'rule'>]})`).join(', ')}.`);
  why.push(team.eligible.length ? `Eligible: ${names(team.eligible)}.` : 'Nobody is eligible.');

  const domain = companyDomain(ask.contact_email);
  const ownerEligible = owner ? team.eligible.find((e) => e.rep.id === owner.id) : undefined;
  if (!ask.contact_email) why.push('No email address: no account owner to look for.');
  else if (!domain) why.push(`${emailDomain(ask.contact_email)} is a free-mail domain: no company owns it.`);
  else if (!owner) why.push(`No earlier booking from ${domain}: nobody owns the account yet.`);
  else if (!ownerEligible) why.push(`${owner.name} owns ${domain} (its latest booking) but is not eligible here.`);

  const free = start === null ? team.eligible : freeAt(team, start);
  if (start !== null)
    why.push(
      free.length
        ? `Free at ${new Date(start).toISOString()}: ${names(free)}.`
        : `Nobody eligible is free at ${new Date(start).toISOString()}.`,
    );
  const ownerFree = !!ownerEligible && free.includes(ownerEligible);
  if (ownerEligible && domain)
    why.push(
      ownerFree
        ? `${ownerEligible.rep.name} owns ${domain} (its latest booking)${start === null ? '' : ' and is free then'}: the account stays with them.`
        : `${ownerEligible.rep.name} owns ${domain} but is not free then: round robin decides.`,
    );
  const { order: rest, load } = await roundRobin(
    db,
    free.filter((e) => !(ownerFree && e === ownerEligible)),
    now,
  );
  const order = ownerFree && ownerEligible ? [ownerEligible, ...rest] : rest;
  const first = rest[0];
  if (!ownerFree && first) why.push(roundRobinWords(first, rest.length, load, start === null ? 'eligible' : 'free'));
  return { rule: rule?.name ?? null, eligible: team.eligible, owner, order, byOwner: ownerFree, why };
}

/**
 * Reads the team around `start` (a day either side: the slot's local day and
 * its neighbours' demos) and decides: what a booking of that slot acts on and
 * what the dry run answers, from the same rows. With no start, the next two
 * weeks; `tryRules` routes by an edit not saved yet.
 */
export async function decideFor(
  db: Db,
  config: Config,
  now: Date,
  ask: RoutingAsk,
  start: number | null,
  tryRules?: RoutingRule[],
): Promise<Decision> {
  const window = start === null ? { from: now.getTime(), to: now.getTime() + 14 * DAY } : { from: start - 1, to: start + 1 };
  return decide(db, await teamTime(db, config, now, { ...window, ask, tryRules }), ask, start, now);
}

function roundRobinWords(first: EligibleRep, among: number, load: Map<string, Load>, who: 'free' | 'eligible'): string {
  if (among === 1) return `${first.rep.name} is the only one ${who}: they get it.`;
  const n = load.get(first.rep.id)?.n ?? 0;
  return `Weighted round robin among ${among}: ${first.rep.name} has the fewest bookings in 30 days per unit of weight (${n} at weight ${first.rep.weight}).`;
}
