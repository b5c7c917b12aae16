/**
 * The sales console: GET /admin serves its page (the Lit app in
 * /console/console.js does the rest over the admin API), GET /api/me says who
 * is signed in. The page is only served to a signed-in person: a Cloudflare
 * Access identity, or in development the developer, who is signed in without
 * a prompt (a session cookie the admin API accepts in development only).
 * Without Access configured elsewhere, it explains how to set it up.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { accessPerson, actorOf, consoleIdentity, DEV_SESSION_COOKIE, devSessionValue, requireAdmin } from '../http/admin-auth.js';
import type { AppEnv } from '../http/app-env.js';
import { ADMIN_SECURITY, defaultHook, json, page, serverError, unauthorized } from '../http/openapi.js';

export const consolePages = new OpenAPIHono<AppEnv>({ defaultHook });

/** No inline script or style, no eval, never framed, nothing cached, no referrer leaving. */
export const CONSOLE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

const shell = () => html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Demo requests</title>
<link rel="stylesheet" href="/console/console.css">
<script type="module" src="/console/console.js"></script>
</head>
<body><sales-console></sales-console></body>
</html>`;

const SETUP_HELP = html`To give your sales team the console: create a self-hosted <strong>Cloudflare Access</strong> application for this worker's
<code>/admin</code> and <code>/api/bookings*</code> paths, then set <code>ACCESS_TEAM_DOMAIN</code> (https://&lt;team&gt;.cloudflareaccess.com)
and <code>ACCESS_AUD</code> (the application's AUD tag) in wrangler.toml. See the README, "The sales console".`;

const ADMIN_LIST_HELP = html`An administrator adds people with <code>ADMIN_EMAILS</code> (addresses) or <code>ADMIN_EMAIL_DOMAINS</code>
(whole domains) in wrangler.toml. See the README, "The sales console".`;

const refusal = (title: string, body: string, help = SETUP_HELP) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="stylesheet" href="/console/console.css"></head>
<body class="refusal"><main><h1>${title}</h1><p>${body}</p>
<p>${help}</p></main></body></html>`;

const consolePage = createRoute({
  method: 'get',
  path: '/admin',
  operationId: 'salesConsole',
  summary: 'The sales console (HTML)',
  tags: ['console'],
  security: ADMIN_SECURITY,
  responses: {
    200: page('The console, for a signed-in person.'),
    403: page('Not signed in through Cloudflare Access, or Access is not configured.'),
    ...serverError,
  },
});

async function serve(c: Context<AppEnv>) {
  const { access, isDevelopment, WEBHOOK_SECRET } = c.get('config');
  if (await consoleIdentity(c)) return c.html(await shell(), 200, CONSOLE_HEADERS);
  if (isDevelopment && !c.req.header('cf-access-jwt-assertion')) {
    // `npm run dev`: the developer is signed in without a prompt.
    setCookie(c, DEV_SESSION_COOKIE, await devSessionValue(WEBHOOK_SECRET), { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.html(await shell(), 200, CONSOLE_HEADERS);
  }
  const person = await accessPerson(c);
  const body = person
    ? refusal(
        'This account is not a console user',
        `You are signed in as ${person.identity}, which is not on this worker's admin list.`,
        ADMIN_LIST_HELP,
      )
    : access
      ? refusal('Sign in to see the console', 'Open this page through your Cloudflare Access login.')
      : refusal('The console is not set up yet', 'Cloudflare Access is not configured for this worker.');
  return c.html(await body, 403, CONSOLE_HEADERS);
}

consolePages.openapi(consolePage, (c) => serve(c));

const me = createRoute({
  method: 'get',
  path: '/api/me',
  operationId: 'whoAmI',
  summary: 'Who is signed in (the actor the history will name)',
  tags: ['console'],
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  responses: { 200: json('The signed-in identity.', z.object({ actor: z.string() }).openapi('Me')), ...unauthorized, ...serverError },
});

consolePages.openapi(me, (c) => c.json({ actor: actorOf(c) }, 200));
