/**
 * The admin API's guard: `Authorization: Bearer <ADMIN_TOKEN>`, compared in
 * constant time. It also names who acts: the history records `admin-token`
 * for a machine client holding the shared token.
 */

import type { Context } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { createMiddleware } from 'hono/factory';
import { timingSafeEqual } from 'hono/utils/buffer';
import type { AppEnv } from './app-env.js';

/** The actor of changes made with the bearer token. */
export const TOKEN_ACTOR = 'admin-token';

const bearer = bearerAuth<AppEnv>({ verifyToken: (token, c) => timingSafeEqual(token, c.env.ADMIN_TOKEN) });

/** Answers 401 (problem+json, with WWW-Authenticate) without the right token; sets `actor` with it. */
export const requireAdmin = createMiddleware<AppEnv>((c, next) =>
  bearer(c, async () => {
    c.set('actor', TOKEN_ACTOR);
    await next();
  }),
);

/** Who acts in an admin request; only ever read behind requireAdmin. */
export function actorOf(c: Context<AppEnv>): string {
  const actor = c.var.actor;
  if (!actor) throw new Error('actorOf() read outside requireAdmin');
  return actor;
}
