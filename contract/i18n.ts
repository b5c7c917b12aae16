/**
 * The visitor's language: English, German, French, Spanish and Arabic. The
 * widget's words and the server's messages follow it; the booking keeps it
 * for every email. Rule names never change with it.
 */
import type { FIELD_RULE, RuleName, VisitorField } from './rules.js';
import type { Labels } from './words/en.js';

export const LOCALES = ['en', 'de', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** Which way each language is written: the widget, the emails and the cancel pages are laid out this way. */
export const DIRECTION: Record<Locale, 'ltr' | 'rtl'> = { en: 'ltr', de: 'ltr', fr: 'ltr', es: 'ltr', ar: 'rtl' };

/** Each language's conventions for dates and times, as Intl takes them (Arabic: the Gregorian calendar, Latin digits). */
export const INTL: Record<Locale, string> = { en: 'en-GB', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', ar: 'ar-u-ca-gregory-nu-latn' };

/** Every rule a visitor can meet in the widget: their fields' rules, and the refusals of a submit. */
export type VisitorRule =
  | (typeof FIELD_RULE)[VisitorField]
  | Extract<
      RuleName,
      | 'preferred_date_must_be_future'
      | 'preferred_date_max_ahead'
      | 'contact_email_work_domain'
      | 'rate_limit_per_email'
      | 'rate_limit_per_ip'
      | 'turnstile_token_expired'
      | 'consent_required'
      | 'slot_unavailable'
    >;

/** A language's words: every widget label, and the message of every rule a visitor can meet (a missing one does not compile). */
export interface Dictionary {
  labels: Labels;
  rules: Record<VisitorRule, string>;
  /** The top of a refusal whose fields are listed ("Some fields need another look."). */
  check_fields: string;
}

/** A dictionary's words for any rule: those of a rule a visitor can meet, else undefined (the rule's own message stands). */
export const ruleWords = (dictionary: Dictionary, rule: RuleName): string | undefined =>
  (dictionary.rules as Partial<Record<RuleName, string>>)[rule];

/**
 * The first supported language among the candidates (a `lang` attribute,
 * the page's, Accept-Language entries, the browser's), by primary subtag;
 * English when none is.
 *
 * @example pickLocale(['de-CH', 'en']) // 'de'
 */
export function pickLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const tag of candidates) {
    const primary = tag?.trim().slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(primary ?? '')) return primary as Locale;
  }
  return 'en';
}

/** The tags of an Accept-Language header, best first. */
export const acceptLanguages = (header: string | undefined) =>
  (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q = 'q=1'] = part.trim().split(';');
      return { tag, q: Number(q.split('=')[1] ?? 1) || 0 };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
