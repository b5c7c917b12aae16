/**
 * The visitor's language: English, German, French and Spanish. The widget's
 * words and the server's messages follow it; the booking keeps it for every
 * email. Rule names never change with it.
 */
import type { RuleName } from './rules.js';

export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** A language's words: the widget's labels, and the message of each rule a visitor can meet. */
export interface Dictionary {
  labels: Record<string, string>;
  rules: Partial<Record<RuleName, string>>;
  /** The top of a refusal whose fields are listed ("Some fields need another look."). */
  check_fields: string;
}

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
