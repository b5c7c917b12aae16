/**
 * Who may use the admin API and the console, and who they are:
 *
 * - a Cloudflare Access identity (`Cf-Access-Jwt-Assertion`, verified), the
 *   person's email: the console's users;
 * - `Authorization: Bearer <ADMIN_TOKEN>` (constant-time), actor
 *   `admin-token`: machine clients;
 * - in development only, the console's own session cookie, actor
 *   `developer@localhost`, so `npm run dev` shows everything without Access.
 *
 * A state-changing request from another site is refused first: Access adds
 * its header to any request carrying its cookie, so a page elsewhere could
 * otherwise act through a signed-in rep's browser.
 */
import type { Context } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { timingSafeEqual } from 'hono/utils/buffer';
import type { Config } from '../env.js';
import { accessIdentity } from './access.js';
import type { AppEnv } from './app-env.js';
import { Problem } from './problem.js';

/** The actor of changes made with the bearer token. */
export const TOKEN_ACTOR = 'admin-token';
/** Who `npm run dev` signs in to the console. */
export const DEVELOPER = 'developer@localhost';
/** The development console session's cookie. */
export const DEV_SESSION_COOKIE = 'console_dev_session';

const bearer = bearerAuth<AppEnv>({ verifyToken: (token, c) => timingSafeEqual(token, c.env.ADMIN_TOKEN) });

const encoder = new TextEncoder();

/** The value of the development session cookie: an HMAC of a fixed label, so it cannot be made up. */
export async function devSessionValue(secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode('demo-booking development console session v1'));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 403 for a state-changing request another site sent (Origin not ours, or Sec-Fetch-Site cross-site). */
export function refuseCrossSite(c: Context<AppEnv>): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header('origin');
  const ours = new URL(c.req.url).origin;
  if (c.req.header('sec-fetch-site') === 'cross-site' || (origin !== undefined && origin !== ours))
    throw new Problem(403, 'Changes to bookings are only accepted from this site.', { rule: 'cross_site_request' });
}

/**
 * True when an Access identity may be an admin: anyone Access lets through
 * while ADMIN_EMAILS and ADMIN_EMAIL_DOMAINS are both empty, else only those
 * listed, by identity or by email domain.
 */
export function isAllowedAdmin(identity: string, config: Pick<Config, 'ADMIN_EMAILS' | 'ADMIN_EMAIL_DOMAINS'>): boolean {
  const { ADMIN_EMAILS: emails, ADMIN_EMAIL_DOMAINS: domains } = config;
  if (emails.length === 0 && domains.length === 0) return true;
  const id = identity.toLowerCase();
  return emails.includes(id) || domains.includes(id.slice(id.lastIndexOf('@') + 1));
}

/** The identity a valid Access token names, and whether the allowlist lets it be an admin; null without one. */
export async function accessPerson(c: Context<AppEnv>): Promise<{ identity: string; allowed: boolean } | null> {
  const config = c.get('config');
  const assertion = c.req.header('cf-access-jwt-assertion');
  const identity = config.access && assertion ? await accessIdentity(assertion, config.access) : null;
  return identity ? { identity, allowed: isAllowedAdmin(identity, config) } : null;
}

/** The signed-in admin, from Access (and on the allowlist) or the development session; null when neither. */
export async function consoleIdentity(c: Context<AppEnv>): Promise<string | null> {
  const { access, isDevelopment, WEBHOOK_SECRET } = c.get('config');
  if (access && c.req.header('cf-access-jwt-assertion')) {
    const person = await accessPerson(c);
    return person?.allowed ? person.identity : null;
  }
  if (isDevelopment && getCookie(c, DEV_SESSION_COOKIE) === (await devSessionValue(WEBHOOK_SECRET))) return DEVELOPER;
  return null;
}

/**
 * Lets an admin through and sets `actor`; answers 403 for a cross-site
 * change and 401 (problem+json, with WWW-Authenticate) for everyone else.
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  refuseCrossSite(c);
  if (!c.req.header('authorization')) {
    const person = await consoleIdentity(c);
    if (person) {
      c.set('actor', person);
      return next();
    }
  }
  return bearer(c, async () => {
    c.set('actor', TOKEN_ACTOR);
    await next();
  });
});

/** Who acts in an admin request; only ever read behind requireAdmin. */
export function actorOf(c: Context<AppEnv>): string {
  const actor = c.get('actor');
  if (!actor) throw new Error('actorOf() read outside requireAdmin');
  return actor;
}
