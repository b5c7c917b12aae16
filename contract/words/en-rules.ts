/**
 * English refusals, one line per rule: what the server answers. Apart from
 * en.ts so the widget's page, which checks with EN_CHECKS and shows the other
 * languages' own lines, never loads them.
 */
import type { VisitorRule } from '../i18n.js';
import { LIMITS } from '../limits.js';
import { OPTION_RULES_EN } from '../options.js';
import { EN_CHECKS } from './en.js';

/**
 * The English message of every rule a visitor can meet, one line each: what
 * the server answers and the widget shows. The other languages translate
 * these (the Dictionary type makes a missing one a type error).
 */
export const EN_RULES = {
  organization_name_not_empty: 'Please enter your organization’s name (without a web address, an email address or a phone number).',
  contact_name_not_empty: 'Please enter your name (without a web address, an email address or a phone number).',
  contact_email_format: EN_CHECKS.emailFormat,
  contact_email_work_domain: OPTION_RULES_EN.contact_email_work_domain,
  contact_phone_format: EN_CHECKS.phoneDigits(LIMITS.phoneDigitsMin, LIMITS.phoneDigitsMax),
  organization_size_value: EN_CHECKS.sizeValue,
  preferred_date_format: EN_CHECKS.dateFormat,
  preferred_date_must_be_future: EN_CHECKS.leadHours(LIMITS.minLeadHours),
  preferred_date_max_ahead: EN_CHECKS.aheadDays(LIMITS.maxAheadDays),
  message_max_length: `${EN_CHECKS.atMost(EN_CHECKS.message, LIMITS.messageMax)} Control characters are not allowed.`,
  rate_limit_per_email:
    'We cannot take another demo request for this address right now. Please try again later, or reply to any email from us.',
  rate_limit_per_ip: 'Too many requests from this network; please try again in a minute.',
  turnstile_token_expired: 'The anti-spam check expired; please submit again.',
  consent_required: OPTION_RULES_EN.consent_required,
  slot_unavailable: 'Someone has just booked this time. Please choose another one.',
} as const satisfies Record<VisitorRule, string>;
