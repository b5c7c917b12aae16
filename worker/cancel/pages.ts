/** The small pages of the cancel link, escaped with hono/html and styled by /cancel.css (no inline script or style). */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A whole page with a heading and a body. */
export function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title><link rel="stylesheet" href="/cancel.css"></head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`;
}

/** The question before cancelling: a form that POSTs the same link. */
export function confirmPage(what: string, when: string | null, token: string) {
  return page(
    'Cancel your demo request?',
    html`<p>Your request for a demo for <strong>${what}</strong>${when ? html` (preferred time ${when})` : ''} will be cancelled.</p>
      <form method="post"><input type="hidden" name="token" value="${token}"><button type="submit">Yes, cancel my request</button></form>
      <p class="quiet">Changed your mind? Just close this page.</p>`,
  );
}

export const messagePage = (title: string, message: string) => page(title, html`<p>${message}</p>`);

/** Headers of every cancel page: never cached, never framed, nothing but our stylesheet, never sniffed as another type. */
export const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  // The token is in the URL: no page this one links to may see it.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};
