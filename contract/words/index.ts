/** Every language's dictionary, for the worker (the widget loads one at a time, on demand). */
import type { Dictionary, Locale } from '../i18n.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';

/** The dictionaries of the languages other than English (English is en.ts: EN_LABELS and the checks' more precise EN_CHECKS; en-rules.ts: EN_RULES). */
export const DICTIONARIES: Record<Exclude<Locale, 'en'>, Dictionary> = { de, fr, es, ar };
