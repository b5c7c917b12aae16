/**
 * The small pages of the cancel link, in the requester's language, escaped
 * with hono/html and styled by /cancel.css (no inline script or style).
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Locale } from '../../contract/i18n.js';
import { fill, REQUESTER_WORDS } from '../../contract/words/requester/index.js';

/** A whole page with a heading and a body. */
export function page(lang: Locale, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="${lang}">
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
