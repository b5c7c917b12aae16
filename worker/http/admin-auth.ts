/** The admin API's guard: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
import { bearerAuth } from 'hono/bearer-auth';
import { timingSafeEqual } from 'hono/utils/buffer';

/** Answers 401 (problem+json, with WWW-Authenticate) without the right token. */
export const requireAdmin = bearerAuth({
  verifyToken: (token, c) => timingSafeEqual(token, (c.env as Env).ADMIN_TOKEN),
});
