/**
 * The validation rules of a booking, by their rule names, with the
 * message shown to the requester. The widget runs these before it posts and
 * the worker runs the very same functions, so both refuse the same input
 * with the same rule name and words.
 */
import { type BookingField, type BookingInput, LIMITS, ORGANIZATION_SIZES } from './limits.js';
import { EN_CHECKS } from './words/en.js';

/** Rule names: six validation and five business rules of the data model, plus the checks it leaves unnamed. */
export const RULES = {
  organization_name_not_empty: 'organization_name_not_empty',
  contact_name_not_empty: 'contact_name_not_empty',
  contact_email_format: 'contact_email_format',
  preferred_date_must_be_future: 'preferred_date_must_be_future',
  message_max_length: 'message_max_length',
  ip_address_anonymization: 'ip_address_anonymization',
  confirmation_email_on_create: 'confirmation_email_on_create',
  webhook_notification_on_create: 'webhook_notification_on_create',
  no_delete_of_bookings: 'no_delete_of_bookings',
  rate_limit_per_email: 'rate_limit_per_email',
  valid_status_transition: 'valid_status_transition',
  contact_phone_format: 'contact_phone_format',
  organization_size_value: 'organization_size_value',
  preferred_date_format: 'preferred_date_format',
  preferred_date_max_ahead: 'preferred_date_max_ahead',
  source_url_format: 'source_url_format',
  utm_max_length: 'utm_max_length',
  timezone_format: 'timezone_format',
  unknown_field: 'unknown_field',
  organization_id_exists: 'organization_id_exists',
  archived_booking_immutable: 'archived_booking_immutable',
  idempotency_key_reused: 'idempotency_key_reused',
  rate_limit_per_ip: 'rate_limit_per_ip',
  invalid_value: 'invalid_value',
  turnstile_token_expired: 'turnstile_token_expired',
  idempotency_key_format: 'idempotency_key_format',
  invalid_cursor: 'invalid_cursor',
  webhook_not_failed: 'webhook_not_failed',
  email_not_failed: 'email_not_failed',
  preferred_date_required_to_confirm: 'preferred_date_required_to_confirm',
  meeting_url_format: 'meeting_url_format',
  booking_events_append_only: 'booking_events_append_only',
  cross_site_request: 'cross_site_request',
  referrer_format: 'referrer_format',
  landing_page_format: 'landing_page_format',
  click_ids_format: 'click_ids_format',
  first_touch_format: 'first_touch_format',
  contact_email_work_domain: 'contact_email_work_domain',
  consent_required: 'consent_required',
  consent_text_required: 'consent_text_required',
  rep_name_not_empty: 'rep_name_not_empty',
  rep_email_format: 'rep_email_format',
  rep_email_taken: 'rep_email_taken',
  working_hours_format: 'working_hours_format',
  date_overrides_format: 'date_overrides_format',
  rep_weight_range: 'rep_weight_range',
  rep_languages_value: 'rep_languages_value',
  feed_url_format: 'feed_url_format',
  feeds_per_rep_max: 'feeds_per_rep_max',
  team_events_append_only: 'team_events_append_only',
  slot_unavailable: 'slot_unavailable',
  slot_start_format: 'slot_start_format',
  slot_or_preferred_date: 'slot_or_preferred_date',
  assigned_rep_active: 'assigned_rep_active',
  routing_rules_max: 'routing_rules_max',
  routing_rule_name: 'routing_rule_name',
  routing_rule_when: 'routing_rule_when',
  routing_rule_reps: 'routing_rule_reps',
  routing_rep_active: 'routing_rep_active',
  outcome_undo_window: 'outcome_undo_window',
  routing_versions_append_only: 'routing_versions_append_only',
} as const;
export type RuleName = keyof typeof RULES;

/** One refused field: where, which rule, and the words to show. */
export interface FieldError {
  path: string;
  rule: RuleName;
  message: string;
}

/** Context a check needs: the clock, and how far ahead a date must be. */
export interface CheckContext {
  now: Date;
  minLeadHours?: number;
}

type Check = (value: string, ctx: CheckContext) => [RuleName, string] | null;

const codePoints = (s: string) => [...s].length;

/**
 * Characters no one types into a single-line field: C0 and C1 controls, and
 * the format characters that hide or reorder text (bidi overrides, zero
 * widths, line and paragraph separators). U+200C and U+200D stay: some
 * scripts need them inside words. As a character class body, so the API's
 * published patterns use the very same list.
 */
export const FORBIDDEN_CHARS =
  '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u180e\\u200b\\u200e\\u200f\\u202a-\\u202e\\u2028\\u2029\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb';
/** The same for a message, where line breaks and tabs belong. */
export const FORBIDDEN_IN_MESSAGE = FORBIDDEN_CHARS.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f');
const forbidden = new RegExp(`[${FORBIDDEN_CHARS}]|\\udb40[\\udc00-\\udc7f]`);
const forbiddenInMessage = new RegExp(`[${FORBIDDEN_IN_MESSAGE}]|\\udb40[\\udc00-\\udc7f]`);
/** Characters that show nothing: a value made only of these (and spaces) is empty. As a class body, like FORBIDDEN_CHARS. */
export const INVISIBLE_CHARS = '\\s\\u200b-\\u200d\\u2060\\ufeff\\u3164\\u115f\\u1160\\uffa0\\u2800';
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');
const clean = (v: string, rule: RuleName, refused = forbidden): [RuleName, string] | null =>
  refused.test(v) ? [rule, EN_CHECKS.invisible] : null;

// A practical address: one @, no spaces or control characters, a dotted
// domain of DNS labels. Full RFC 5322 grammar (quoted locals, comments) is
// rarely typed into a form and more often a typo than an address.
export const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PHONE = /^[+0-9 ().-]*$/;
/** The phone rule as one pattern (characters and 7..15 digits), for API descriptions. */
export const PHONE_PATTERN = `^[ ().+-]*(?:[0-9][ ().+-]*){${LIMITS.phoneDigitsMin},${LIMITS.phoneDigitsMax}}$`;
// ISO 8601 date-time with seconds optional and an explicit offset.
// Hours 00-23, minutes and seconds 00-59, an offset within a day.
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * A web address (any scheme://, or www.), an email address (any @) or a
 * phone number (7 digits or more, with phone punctuation between): what a
 * name must not hold, since names are shown in the email sent to an address
 * nobody has proven is the requester's (a relay for a stranger's link). One
 * pattern without flags, so the API publishes it as it is (`not.pattern`).
 */
export const CONTACT_DETAILS_PATTERN = '[A-Za-z][A-Za-z0-9+.-]*://|[Ww][Ww][Ww]\\.|@|[0-9](?:[ ().\\/-]*[0-9]){6}';
const CONTACT_DETAILS = new RegExp(CONTACT_DETAILS_PATTERN);

const required =
  (rule: RuleName, label: string): Check =>
  (v) =>
    v.replace(INVISIBLE, '') === ''
      ? [rule, EN_CHECKS.enter(label)]
      : codePoints(v) > LIMITS.nameMax
        ? [rule, EN_CHECKS.keepUnder(label, LIMITS.nameMax)]
        : CONTACT_DETAILS.test(v)
          ? [rule, EN_CHECKS.noContactDetails(label)]
          : clean(v, rule);

const maxLength =
  (rule: RuleName, max: number, label: string, refused = forbidden): Check =>
  (v) =>
    codePoints(v) > max ? [rule, EN_CHECKS.atMost(label, max)] : clean(v, rule, refused);

/** An absolute http(s) URL of at most 2,048 characters, with nothing hidden in it. */
const isPageUrl = (v: string) => v.length <= LIMITS.urlMax && /^https?:\/\/[^\s]+$/i.test(v) && !forbidden.test(v) && URL.canParse(v);

/** True when the date names a real day: 30 February is refused, not moved to 2 March. */
const isRealDay = (v: string) => new Date(`${v.slice(0, 10)}T00:00:00Z`).toISOString().startsWith(v.slice(0, 10));

/** The fields a visitor types into the form. */
export type VisitorField =
  | 'organization_name'
  | 'contact_name'
  | 'contact_email'
  | 'contact_phone'
  | 'organization_size'
  | 'preferred_date'
  | 'message';

/**
 * The checks of what a visitor types, after trimming: the widget runs these
 * before sending, the server runs them again. Empty optional fields are never
 * checked.
 */
export const VISITOR_CHECKS: Record<VisitorField, Check> = {
  organization_name: required('organization_name_not_empty', EN_CHECKS.organizationName),
  contact_name: required('contact_name_not_empty', EN_CHECKS.contactName),
  contact_email: (v) =>
    v.length === 0
      ? ['contact_email_format', EN_CHECKS.emailMissing]
      : v.length <= LIMITS.emailMax && EMAIL.test(v)
        ? null
        : ['contact_email_format', EN_CHECKS.emailFormat],
  contact_phone: (v) => {
    const digits = v.replace(/\D/g, '').length;
    return v.length <= LIMITS.phoneMax && PHONE.test(v) && digits >= LIMITS.phoneDigitsMin && digits <= LIMITS.phoneDigitsMax
      ? null
      : ['contact_phone_format', EN_CHECKS.phoneDigits(LIMITS.phoneDigitsMin, LIMITS.phoneDigitsMax)];
  },
  organization_size: (v) =>
    (ORGANIZATION_SIZES as readonly string[]).includes(v) ? null : ['organization_size_value', EN_CHECKS.sizeValue],
  preferred_date: (v, ctx) => {
    const at = Date.parse(v);
    if (!ISO_WITH_OFFSET.test(v) || Number.isNaN(at) || !isRealDay(v)) return ['preferred_date_format', EN_CHECKS.dateFormat];
    const lead = (ctx.minLeadHours ?? LIMITS.minLeadHours) * 3_600_000;
    if (at < ctx.now.getTime() + lead)
      return ['preferred_date_must_be_future', EN_CHECKS.leadHours(ctx.minLeadHours ?? LIMITS.minLeadHours)];
    if (at > ctx.now.getTime() + LIMITS.maxAheadDays * 86_400_000)
      return ['preferred_date_max_ahead', EN_CHECKS.aheadDays(LIMITS.maxAheadDays)];
    return null;
  },
  message: maxLength('message_max_length', LIMITS.messageMax, EN_CHECKS.message, forbiddenInMessage),
};

/** Every field's check: the visitor's fields, and what the page adds (attribution, the zone), which only the server checks. */
export const FIELD_CHECKS: Record<BookingField, Check> = {
  ...VISITOR_CHECKS,
  source_url: (v) => (isPageUrl(v) ? null : ['source_url_format', EN_CHECKS.sourceUrl]),
  utm_source: maxLength('utm_max_length', LIMITS.utmMax, 'utm_source'),
  utm_medium: maxLength('utm_max_length', LIMITS.utmMax, 'utm_medium'),
  utm_campaign: maxLength('utm_max_length', LIMITS.utmMax, 'utm_campaign'),
  utm_term: maxLength('utm_max_length', LIMITS.utmMax, 'utm_term'),
  utm_content: maxLength('utm_max_length', LIMITS.utmMax, 'utm_content'),
  referrer: (v) => (isPageUrl(v) ? null : ['referrer_format', EN_CHECKS.referrer]),
  landing_page: (v) => (isPageUrl(v) ? null : ['landing_page_format', EN_CHECKS.landingPage]),
  timezone: (v) => (canonicalTimeZone(v) ? null : ['timezone_format', EN_CHECKS.timeZone]),
};

/** Fields that must be present and non-empty. */
export const REQUIRED_FIELDS: readonly BookingField[] = ['organization_name', 'contact_name', 'contact_email'];

let ianaZones: Set<string> | undefined;
const canonicalZones = new Map<string, string>();

/** An alias typed all in lower (or upper) case, spelled as the tz database does: "asia/kolkata" → "Asia/Kolkata". */
const spelled = (zone: string) =>
  zone !== zone.toLowerCase() && zone !== zone.toUpperCase()
    ? zone
    : zone.toLowerCase().replace(/(^|[/_-])([a-z])/g, (_, sep: string, letter: string) => sep + letter.toUpperCase());

/**
 * The name of an IANA zone the runtime knows, as the tz database spells it
 * ("europe/berlin" → "Europe/Berlin"), or null: offsets (+05:00) and
 * abbreviations (EST) are not zones. A current name the runtime's ICU
 * keeps as an alias of an older one stays current: Asia/Kolkata is not
 * turned into Asia/Calcutta, nor Europe/Kyiv into Europe/Kiev.
 */
export function canonicalTimeZone(zone: string): string | null {
  // Each request both normalizes and checks its zone; building a DateTimeFormat is costly, so known zones are
  // remembered, by the name as given, up to a bound (the names the runtime knows, in a few spellings each).
  const known = canonicalZones.get(zone);
  if (known) return known;
  if (zone.length > LIMITS.timezoneMax || !/^(?:[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+|UTC)$/i.test(zone)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    ianaZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
    if (!ianaZones.has(resolved)) return null;
    const name = resolved.toLowerCase() === zone.toLowerCase() ? resolved : spelled(zone);
    if (canonicalZones.size < 4000) canonicalZones.set(zone, name);
    return name;
  } catch {
    return null;
  }
}

/**
 * One typed value as it is checked: trimmed, the email lower-cased, an empty
 * optional value as null.
 */
function trimField(field: BookingField, value: unknown): string | null {
  if (typeof value !== 'string') return value == null ? null : String(value);
  const trimmed = value.trim();
  if (trimmed === '') return REQUIRED_FIELDS.includes(field) ? '' : null;
  return field === 'contact_email' ? trimmed.toLowerCase() : trimmed;
}

/** Normalizes one value the way the server stores it: as trimField, and a time zone spelled as the tz database does. */
export function normalizeField(field: BookingField, value: unknown): string | null {
  const v = trimField(field, value);
  return field === 'timezone' && v ? (canonicalTimeZone(v) ?? v) : v;
}

/**
 * Checks what a visitor typed, as the widget does before sending; returns
 * every refused field (empty when valid).
 *
 * @example checkVisitorFields({ contact_email: 'x' }, { now: new Date() })
 */
export function checkVisitorFields(input: BookingInput, ctx: CheckContext): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of Object.keys(VISITOR_CHECKS) as VisitorField[]) {
    const value = trimField(field, input[field]);
    if (value === null && !REQUIRED_FIELDS.includes(field)) continue;
    const failed = VISITOR_CHECKS[field](value ?? '', ctx);
    if (failed) errors.push({ path: field, rule: failed[0], message: failed[1] });
  }
  return errors;
}

/** The rule a field is refused under when its value has the wrong type. */
export const FIELD_RULE = {
  organization_name: 'organization_name_not_empty',
  contact_name: 'contact_name_not_empty',
  contact_email: 'contact_email_format',
  contact_phone: 'contact_phone_format',
  organization_size: 'organization_size_value',
  preferred_date: 'preferred_date_format',
  message: 'message_max_length',
  source_url: 'source_url_format',
  utm_source: 'utm_max_length',
  utm_medium: 'utm_max_length',
  utm_campaign: 'utm_max_length',
  utm_term: 'utm_max_length',
  utm_content: 'utm_max_length',
  referrer: 'referrer_format',
  landing_page: 'landing_page_format',
  timezone: 'timezone_format',
} as const satisfies Record<BookingField, RuleName>;

/** The rule a sales rep's field (or a feed's address) is refused under, by the field's name. */
export const TEAM_FIELD_RULE = {
  name: 'rep_name_not_empty',
  email: 'rep_email_format',
  time_zone: 'timezone_format',
  working_hours: 'working_hours_format',
  date_overrides: 'date_overrides_format',
  weight: 'rep_weight_range',
  languages: 'rep_languages_value',
  meeting_url: 'meeting_url_format',
  url: 'feed_url_format',
} as const satisfies Record<string, RuleName>;

/**
 * The mailbox an address delivers to, for rate_limit_per_email: lower-case,
 * a `+tag` dropped (any domain), and for Gmail the dots ignored and
 * googlemail.com read as gmail.com. The address itself is stored as typed.
 *
 * @example canonicalMailbox('Ada.Lovelace+demo@GoogleMail.com') // 'adalovelace@gmail.com'
 */
export function canonicalMailbox(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'gmail.com' || domain === 'googlemail.com') {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}
