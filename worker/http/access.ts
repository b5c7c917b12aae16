/**
 * Cloudflare Access: the identity in `Cf-Access-Jwt-Assertion`, verified with
 * jose against the team's keys (RS256 only; `aud` must hold the application's
 * tag, `iss` must be the team domain, `exp` and `nbf` hold). The keys are
 * cached; a token with an unknown `kid` makes one refetch at most once a
 * minute, so made-up key ids cannot flood the certs endpoint, while a key
 * Access rotated in (every 6 weeks) is picked up within a minute.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';

/** How soon an unknown `kid` may refetch the keys after the last fetch. */
export const KEY_REFETCH_COOLDOWN_MS = 60_000;

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** The team's key set, one per team domain per isolate. */
function keysOf(teamDomain: string) {
  let keys = keySets.get(teamDomain);
  if (!keys) {
    keys = createRemoteJWKSet(new URL('/cdn-cgi/access/certs', teamDomain), {
      cooldownDuration: KEY_REFETCH_COOLDOWN_MS,
      cacheMaxAge: 60 * 60_000,
      timeoutDuration: 5_000,
    });
    keySets.set(teamDomain, keys);
  }
  return keys;
}

/**
 * The identity an Access token names (a user's `email`, a service token's
 * `common_name`), or null when the token does not verify.
 *
 * @example await accessIdentity(c.req.header('cf-access-jwt-assertion'), config.access) // 'ann@acme.com'
 */
export async function accessIdentity(token: string | undefined, access: { teamDomain: string; aud: string }): Promise<string | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keysOf(access.teamDomain), {
      issuer: access.teamDomain,
      audience: access.aud,
      algorithms: ['RS256'],
    });
    if (typeof payload.email === 'string' && payload.email) return payload.email;
    if (typeof payload.common_name === 'string' && payload.common_name) return payload.common_name;
    return null;
  } catch {
    return null;
  }
}
