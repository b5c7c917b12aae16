/**
 * Who gets the demo (SPEC 8.5), what routing reads from D1: the rules in
 * force (the newest saved version; saving checks every rep named is an active
 * rep and appends a version with its actor), the first rule a would-be
 * booking matches, and the company's owner (the rep of its latest booking;
 * never for a free-mail domain). slots/decide.ts makes the decision from them.
 */
import { and, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { emailDomain, firstMatch, type RoutingInput, type RoutingRule } from '../../contract/routing.js';
import type { Db } from '../db/client.js';
import { inIdList } from '../db/id-list.js';
import { contactDomain, demoBookings, routingVersions, type SalesRep, salesReps } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { isFreeMail } from '../mail/free-mail.js';

/** Newest first: by insertion (rowid), so two saves in one millisecond keep their order. */
const newestFirst = desc(sql`rowid`);

/** The rules in force (the newest version), or none. */
export function rulesQuery(db: Db) {
  return db.select({ rules: routingVersions.rules }).from(routingVersions).orderBy(newestFirst).limit(1);
}

export const currentRules = async (db: Db): Promise<RoutingRule[]> => (await rulesQuery(db))[0]?.rules ?? [];

/** Every saved version, newest first. */
export const routingHistory = (db: Db, limit = 50) => db.select().from(routingVersions).orderBy(newestFirst).limit(limit);

/**
 * Saves the rules as the new version, on behalf of `actor`. Each rep named
 * must be an active rep (422 routing_rep_active, naming where).
 */
export async function saveRules(db: Db, rules: RoutingRule[], actor: string, now: Date): Promise<RoutingRule[]> {
  const named = [...new Set(rules.flatMap((r) => r.reps))];
  const active = new Set(
    named.length
      ? (
          await db
            .select({ id: salesReps.id })
            .from(salesReps)
            .where(and(inIdList(salesReps.id, named), eq(salesReps.active, true)))
        ).map((r) => r.id)
      : [],
  );
  const errors = rules.flatMap((rule, i) =>
    rule.reps
      .map((id, j) => [id, j] as const)
      .filter(([id]) => !active.has(id))
      .map(([id, j]) => ({
        path: `rules.${i}.reps.${j}`,
        rule: 'routing_rep_active' as const,
        message: `“${rule.name}” names ${id}, which is no active rep.`,
      })),
  );
  if (errors.length) throw new Problem(422, 'Some rules name reps who cannot take demos.', { errors });
  await db.insert(routingVersions).values({ id: uuidv7({ msecs: now.getTime() }), rules, actor, at: now.toISOString() });
  return rules;
}

/**
 * The rep of the company's latest booking with a rep (not spam), by the
 * address's domain; none for a free-mail address (a mailbox, not a company).
 */
export function ownerQuery(db: Db, domain: string) {
  const b = demoBookings;
  return db
    .select({ rep_id: b.assigned_rep_id })
    .from(b)
    .where(and(sql`${contactDomain} = ${domain}`, isNotNull(b.assigned_rep_id), ne(b.status, 'spam')))
    .orderBy(desc(b.created_at))
    .limit(1);
}

/** The domain whose earlier bookings may give the company an owner: none for a free-mail address. */
export const companyDomain = (email: string | null | undefined): string | null => {
  const domain = emailDomain(email);
  return domain && !isFreeMail(`x@${domain}`) ? domain : null;
};

/** What routing reads from a would-be booking. */
export interface RoutingAsk extends RoutingInput {
  contact_email?: string | null;
}

/** The routing input of an ask: its email's domain among the fields. */
const inputOf = (ask: RoutingAsk): RoutingInput => ({
  organization_size: ask.organization_size ?? null,
  locale: ask.locale ?? null,
  country: ask.country ?? null,
  email_domain: emailDomain(ask.contact_email) || null,
});

/** The rule that routes an ask, and the rep ids it makes eligible (null: every active rep). */
export function routeOf(rules: RoutingRule[], ask: RoutingAsk): { rule: RoutingRule | null; only: Set<string> | null } {
  const rule = firstMatch(rules, inputOf(ask));
  return { rule, only: rule ? new Set(rule.reps) : null };
}

/** A rep as routing answers name them. */
export const repRef = (rep: Pick<SalesRep, 'id' | 'name'>) => ({ id: rep.id, name: rep.name });
