/**
 * Who gets the demo (SPEC 8.5): ordered routing rules, each `{name, when,
 * reps}`. A rule matches when every field its `when` names holds one of the
 * listed values (fields AND, values OR); `when: {}` matches everyone (an
 * "otherwise" rule at the end). The first match's reps are eligible; no match
 * means every active rep. Worker and console both read rules with these
 * functions: plain data and pure functions only.
 */
import type { Locale } from './i18n.js';
import type { OrganizationSize } from './limits.js';

/** The fields a rule may test: the form's answers and where the request came from. */
export const ROUTING_FIELDS = ['organization_size', 'locale', 'country', 'email_domain'] as const;
export type RoutingField = (typeof ROUTING_FIELDS)[number];

export const ROUTING_LIMITS = {
  rulesMax: 100,
  nameMax: 100,
  /** Values one field of a rule may list. */
  valuesMax: 200,
  repsPerRuleMax: 200,
} as const;

/** What a rule tests: each named field's accepted values. */
export type RoutingWhen = Partial<Record<RoutingField, string[]>>;

export interface RoutingRule {
  name: string;
  when: RoutingWhen;
  /** Rep ids, in no particular order: round robin (and ownership) decide among them. */
  reps: string[];
}

/** What a would-be booking tells routing. */
export interface RoutingInput {
  organization_size?: OrganizationSize | null;
  locale?: Locale | null;
  /** ISO 3166 alpha-2, as Cloudflare's CF-IPCountry names it. */
  country?: string | null;
  /** The contact email's domain, lower case. */
  email_domain?: string | null;
}

/** The domain of an address, lower case ("" for none). */
export const emailDomain = (email: string | null | undefined): string =>
  email?.includes('@') ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : '';

/**
 * How a value is compared: countries and domains without regard to case (and
 * a domain rule also matches its subdomains: `acme.com` takes `eu.acme.com`).
 */
function holds(field: RoutingField, accepted: string[], value: string | null | undefined): boolean {
  if (!value) return false;
  const v = value.toLowerCase();
  if (field === 'email_domain') return accepted.some((a) => v === a.toLowerCase() || v.endsWith(`.${a.toLowerCase()}`));
  return accepted.some((a) => a.toLowerCase() === v);
}

/** True when every field the rule names holds one of its values. */
const ruleMatches = (rule: RoutingRule, input: RoutingInput): boolean =>
  ROUTING_FIELDS.every((field) => {
    const accepted = rule.when[field];
    return accepted === undefined || holds(field, accepted, input[field]);
  });

/** The first rule that matches, or null. */
export const firstMatch = (rules: RoutingRule[], input: RoutingInput): RoutingRule | null =>
  rules.find((rule) => ruleMatches(rule, input)) ?? null;
