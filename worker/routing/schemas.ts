/**
 * The zod schemas of the routing API (SPEC 8.5): the ordered rules (GET and
 * PUT /api/routing answer and take `{rules}`), their saved versions, and the
 * dry run's question and answer. A rule is refused under its rule name.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../contract/i18n.js';
import { LIMITS, ORGANIZATION_SIZES } from '../../contract/limits.js';
import { ROUTING_FIELDS, ROUTING_LIMITS } from '../../contract/routing.js';
import { onDemand } from '../http/openapi.js';

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** What each field of `when` accepts, as a value check. */
const VALUE_OF: Record<(typeof ROUTING_FIELDS)[number], (v: string) => boolean> = {
  organization_size: (v) => (ORGANIZATION_SIZES as readonly string[]).includes(v),
  locale: (v) => (LOCALES as readonly string[]).includes(v),
  country: (v) => /^[A-Z]{2}$/.test(v),
  email_domain: (v) => DOMAIN.test(v),
};
const VALUE_WORDS: Record<(typeof ROUTING_FIELDS)[number], string> = {
  organization_size: `one of ${ORGANIZATION_SIZES.join(', ')}`,
  locale: `one of ${LOCALES.join(', ')}`,
  country: 'a two-letter country code in capitals (DE, US)',
  email_domain: 'a domain in lower case (acme.com)',
};

const values = z.array(z.string().trim()).max(ROUTING_LIMITS.valuesMax).meta({ description: 'The accepted values (any one matches).' });

export const routingRuleSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .meta({ description: `Unique among the rules; 1..${ROUTING_LIMITS.nameMax} characters.`, 'x-rule': 'routing_rule_name' }),
    when: z
      .strictObject(
        Object.fromEntries(ROUTING_FIELDS.map((f) => [f, values.optional()])) as Record<
          (typeof ROUTING_FIELDS)[number],
          z.ZodOptional<typeof values>
        >,
      )
      .meta({
        description:
          'The fields the rule tests: organization_size, locale, country (the request’s CF-IPCountry) and email_domain (subdomains match too). Every field named must hold one of its values; {} matches everyone.',
        'x-rule': 'routing_rule_when',
      }),
    reps: z
      .array(z.uuid())
      .max(ROUTING_LIMITS.repsPerRuleMax)
      .meta({ description: 'The rep ids eligible when this rule matches: each an active rep.', 'x-rule': 'routing_rule_reps' }),
  })
  .openapi('RoutingRule');

/** GET and PUT /api/routing. */
export const routingSchema = z
  .strictObject({
    rules: z.array(routingRuleSchema).meta({ description: `In order: the first match wins. At most ${ROUTING_LIMITS.rulesMax}.` }),
  })
  .superRefine((body, ctx) => {
    const issue = (path: (string | number)[], rule: string, message: string) =>
      ctx.addIssue({ code: 'custom', path, message, params: { rule } });
    if (body.rules.length > ROUTING_LIMITS.rulesMax)
      issue(['rules'], 'routing_rules_max', `At most ${ROUTING_LIMITS.rulesMax} rules; this list has ${body.rules.length}.`);
    const seen = new Set<string>();
    body.rules.forEach((rule, i) => {
      if (!rule.name || rule.name.length > ROUTING_LIMITS.nameMax)
        issue(['rules', i, 'name'], 'routing_rule_name', `Name each rule (1 to ${ROUTING_LIMITS.nameMax} characters).`);
      else if (seen.has(rule.name.toLowerCase()))
        issue(['rules', i, 'name'], 'routing_rule_name', `Another rule is already named “${rule.name}”.`);
      seen.add(rule.name.toLowerCase());
      if (!rule.reps.length) issue(['rules', i, 'reps'], 'routing_rule_reps', `“${rule.name}” names no rep: give it at least one.`);
      if (new Set(rule.reps).size !== rule.reps.length)
        issue(['rules', i, 'reps'], 'routing_rule_reps', `“${rule.name}” names a rep twice.`);
      for (const field of ROUTING_FIELDS) {
        const list = rule.when[field];
        if (list === undefined) continue;
        if (!list.length)
          issue(['rules', i, 'when', field], 'routing_rule_when', `“${rule.name}”: list at least one ${field}, or leave the field out.`);
        const wrong = list.find((v) => !VALUE_OF[field](v));
        if (wrong !== undefined)
          issue(['rules', i, 'when', field], 'routing_rule_when', `“${rule.name}”: ${field} “${wrong}” is not ${VALUE_WORDS[field]}.`);
      }
    });
  })
  .openapi('Routing');
export type RoutingBody = z.output<typeof routingSchema>;

/** One saved version of the rules: who saved it, when, and the whole list. */
export const routingVersionSchema = onDemand(() =>
  z.object({ id: z.string(), actor: z.string(), at: z.iso.datetime(), rules: z.array(routingRuleSchema) }).openapi('RoutingVersion'),
);

export const routingHistorySchema = onDemand(() =>
  z
    .object({ data: z.array(routingVersionSchema.built()).meta({ description: 'Newest first: the first is in force.' }) })
    .openapi('RoutingHistory'),
);

/**
 * POST /api/routing/dry-run: a would-be booking. The create body is taken as
 * it is (its other fields are accepted and not read), every field optional,
 * with the country it would come from and, to try an edit, rules not saved yet.
 */
export const dryRunRequestSchema = z
  .looseObject({
    contact_email: z
      .string()
      .trim()
      .max(LIMITS.emailMax)
      .nullish()
      .meta({ description: 'Its domain routes, and finds the account’s owner.' }),
    organization_size: z.enum(ORGANIZATION_SIZES).nullish(),
    locale: z.enum(LOCALES).nullish(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullish()
      .meta({ description: 'The country the visitor would book from (a booking reads CF-IPCountry).' }),
    slot_start: z.iso
      .datetime({ offset: true })
      .nullish()
      .meta({ description: 'A start to book: who is free then decides. Without it, every eligible rep counts as free.' }),
    rules: z
      .array(routingRuleSchema)
      .max(ROUTING_LIMITS.rulesMax)
      .optional()
      .meta({ description: 'Rules to try instead of those in force (an edit not saved yet); nothing is saved.' }),
  })
  .openapi('RoutingDryRunRequest');
export type DryRunRequest = z.output<typeof dryRunRequestSchema>;

const repRef = z.object({ id: z.string(), name: z.string() }).openapi('RepRef');

export const dryRunAnswerSchema = onDemand(() =>
  z
    .object({
      rule: z.string().nullable().meta({ description: 'The matched rule’s name; null when none matched (every active rep is eligible).' }),
      eligible_reps: z
        .array(repRef)
        .meta({ description: 'Who may take it: the rule’s (or every) active rep who demos in the language, calendars synced.' }),
      owner: repRef.nullable().meta({ description: 'The rep of the company’s earlier booking (not for free-mail domains), or null.' }),
      pick: repRef.nullable().meta({ description: 'The rep a booking would get now; null when nobody eligible is free then.' }),
      why: z.array(z.string()).meta({ description: 'The steps that led there, in words.' }),
    })
    .openapi('RoutingDryRun'),
);
