/**
 * The words the requester reads, one file per language: every email to them
 * (`{name}`-style slots filled by the worker; dates formatted by INTL in i18n.ts,
 * the language's conventions, in the visitor's time zone) and the pages their
 * cancel link opens. A language missing a word does not compile.
 */
import type { Locale } from '../../i18n.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

export interface RequesterWords {
  hello: string;
  facts: {
    organization: string;
    name: string;
    email: string;
    size: string;
    preferred: string;
    time: string;
    was: string;
    link: string;
    reason: string;
  };
  request: { subject: string; intro: string; cancelAsk: string; cancelLink: string };
  confirmed: { subject: string; intro: string };
  moved: { subject: string; intro: string };
  /** The demo keeps its time with another rep ({when}, {rep}). */
  newHost: { subject: string; intro: string };
  cantMakeIt: string;
  cancelDemo: string;
  cancelled: { subject: string; intro: string };
  declined: { subject: string; intro: string };
  invite: { summary: string; join: string; later: string };
  /** The pages the cancel link opens: each outcome a [heading, message]. */
  pages: {
    confirmTitle: string;
    confirmBody: string;
    confirmBodyWhen: string;
    confirmButton: string;
    keep: string;
    cancelled: [string, string];
    alreadyCancelled: [string, string];
    notCancellable: [string, string];
    notFound: [string, string];
    expired: [string, string];
    broken: [string, string];
    /** A booked demo's page (SPEC 8.7): another free time of the same rep, or cancelling. */
    demoTitle: string;
    demoBody: string;
    otherTimes: string;
    noOtherTimes: string;
    moveButton: string;
    cancelDemoButton: string;
    /** After a move: the heading, and the new time's line. */
    moved: [string, string];
    /** The chosen time was taken meanwhile. */
    taken: [string, string];
  };
  /** The link in a booked demo's emails. */
  changeDemo: string;
}

/** Every language's words, by locale. */
export const REQUESTER_WORDS: Record<Locale, RequesterWords> = { en, de, fr, es, ar };

/** Fills `{slot}`s. */
export const fill = (text: string, slots: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? '');
