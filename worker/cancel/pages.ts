/**
 * The small pages of the cancel link, in the requester's language, escaped
 * with hono/html and styled by /cancel.css (no inline script or style).
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { DIRECTION, type Locale } from '../../contract/i18n.js';
import { fill, REQUESTER_WORDS } from '../../contract/words/requester/index.js';

/** A whole page with a heading and a body. */
export function page(lang: Locale, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="${lang}" dir="${DIRECTION[lang]}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title><link rel="stylesheet" href="/cancel.css"></head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`;
}

/** The question before cancelling, in `lang`: a form that POSTs the same link. */
export function confirmPage(lang: Locale, what: string, when: string | null, token: string) {
  const w = REQUESTER_WORDS[lang].pages;
  const question = when ? fill(w.confirmBodyWhen, { org: what, when }) : fill(w.confirmBody, { org: what });
  return page(
    lang,
    w.confirmTitle,
    html`<p>${question}</p>
      <form method="post"><input type="hidden" name="token" value="${token}"><button type="submit">${w.confirmButton}</button></form>
      <p class="quiet">${w.keep}</p>`,
  );
}

/** A time another booking of the rep could move to: its ISO start, its short label, and its full words. */
export interface OtherTime {
  iso: string;
  label: string;
  full: string;
}

/**
 * A booked demo's page (SPEC 8.7): when and with whom it is, the rep's other
 * free times (each a button that moves it there), and cancelling. `alert`
 * says why the last try did not move it.
 */
export function demoPage(
  lang: Locale,
  d: { id: string; org: string; rep: string; when: string; token: string; times: OtherTime[]; alert?: [string, string] },
) {
  const w = REQUESTER_WORDS[lang].pages;
  return page(
    lang,
    d.alert ? d.alert[0] : w.demoTitle,
    html`${d.alert ? html`<p class="alert" role="alert">${d.alert[1]}</p>` : ''}
      <p>${fill(w.demoBody, { org: d.org, rep: d.rep, when: d.when })}</p>
      <h2>${fill(w.otherTimes, { rep: d.rep })}</h2>
      ${
        d.times.length
          ? html`<ul class="times">${d.times.map(
              (t) =>
                html`<li><form method="post" action="/cancel/${d.id}/move"><input type="hidden" name="token" value="${d.token}"><input type="hidden" name="slot_start" value="${t.iso}"><button type="submit" aria-label="${fill(w.moveButton, { when: t.full })}">${t.label}</button></form></li>`,
            )}</ul>`
          : html`<p>${w.noOtherTimes}</p>`
      }
      <form method="post" action="/cancel/${d.id}"><input type="hidden" name="token" value="${d.token}"><button type="submit">${w.cancelDemoButton}</button></form>
      <p class="quiet">${w.keep}</p>`,
  );
}

/** After a move: the new time. */
export function movedPage(lang: Locale, when: string) {
  const [title, line] = REQUESTER_WORDS[lang].pages.moved;
  return page(lang, title, html`<p>${fill(line, { when })}</p>`);
}

/** The ways a link can end, each a page of a heading and a message. */
export type Outcome = 'cancelled' | 'alreadyCancelled' | 'notCancellable' | 'notFound' | 'expired' | 'broken';

/** The page of an outcome, in `lang`. */
export function messagePage(lang: Locale, outcome: Outcome) {
  const [title, message] = REQUESTER_WORDS[lang].pages[outcome];
  return page(lang, title, html`<p>${message}</p>`);
}

/** Headers of every cancel page: never cached, never framed, nothing but our stylesheet, never sniffed as another type. */
export const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  // The token is in the URL: no page this one links to may see it.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};
