/**
 * Cloudflare Access: the identity in `Cf-Access-Jwt-Assertion`, verified with
 * jose against the team's keys (RS256 only; `aud` must hold the application's
 * tag, `iss` must be the team domain, `exp` is required, `exp` and `nbf`
 * hold).
 *
 * The keys are cached per isolate for an hour. They are fetched again when a
 * token names a key id the cache lacks (Access rotates its key every 6
 * weeks), at most once a minute whether the last fetch worked or failed, and
 * by one request at a time: others wait for that fetch instead of starting
 * their own. So neither made-up key ids nor a failing certs endpoint can make
 * the worker flood it. (jose's remote key set does not share a fetch between
 * requests on Workers, so the cache is kept here as plain data.)
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';

/** How soon the keys may be fetched again after the last attempt, successful or not. */
export const KEY_REFETCH_COOLDOWN_MS = 60_000;
/** How long fetched keys are used before they are fetched again. */
const KEYS_MAX_AGE_MS = 60 * 60_000;
/** How long one fetch of the keys may take. */
const KEY_FETCH_TIMEOUT_MS = 5_000;

interface TeamKeys {
  verify: ReturnType<typeof createLocalJWKSet> | null;
  fetchedAt: number;
  triedAt: number;
  fetching: boolean;
}

const teams = new Map<string, TeamKeys>();

/** Fetches the team's keys into `state`; a failure keeps what it had. Never throws. */
async function fetchKeys(teamDomain: string, state: TeamKeys): Promise<void> {
  state.fetching = true;
  state.triedAt = Date.now();
  try {
    const res = await fetch(new URL('/cdn-cgi/access/certs', teamDomain), { signal: AbortSignal.timeout(KEY_FETCH_TIMEOUT_MS) });
    const body = res.ok ? ((await res.json()) as Partial<JSONWebKeySet>) : null;
    if (Array.isArray(body?.keys)) {
      state.verify = createLocalJWKSet({ keys: body.keys });
      state.fetchedAt = Date.now();
    }
  } catch {
    // unreachable or not JSON: the cooldown holds, the cached keys (if any) stay
  } finally {
    state.fetching = false;
  }
}

/** Resolves once no fetch of the team's keys is under way (another request's), or after the fetch timeout. */
async function settled(state: TeamKeys): Promise<void> {
  const until = Date.now() + KEY_FETCH_TIMEOUT_MS;
  while (state.fetching && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The team's keys; fetched first when there are none, they are old, or `refresh` asks (an unknown key id), within the limits above. */
async function keysOf(teamDomain: string, refresh: boolean): Promise<TeamKeys['verify']> {
  let state = teams.get(teamDomain);
  if (!state) {
    state = { verify: null, fetchedAt: 0, triedAt: 0, fetching: false };
    teams.set(teamDomain, state);
  }
  const now = Date.now();
  if (refresh || !state.verify || now - state.fetchedAt > KEYS_MAX_AGE_MS) {
    if (state.fetching) await settled(state);
    else if (now - state.triedAt >= KEY_REFETCH_COOLDOWN_MS || state.triedAt === 0) await fetchKeys(teamDomain, state);
  }
  return state.verify;
}

/** The identity a verified token names: a user's `email`, a service token's `common_name`. */
function identityOf(payload: JWTPayload): string | null {
  if (typeof payload.email === 'string' && payload.email) return payload.email;
  if (typeof payload.common_name === 'string' && payload.common_name) return payload.common_name;
  return null;
}

/**
 * The identity an Access token names, or null when the token does not verify.
 *
 * @example await accessIdentity(c.req.header('cf-access-jwt-assertion'), config.access) // 'ann@acme.com'
 */
export async function accessIdentity(token: string | undefined, access: { teamDomain: string; aud: string }): Promise<string | null> {
  if (!token) return null;
  const options = { issuer: access.teamDomain, audience: access.aud, algorithms: ['RS256'], requiredClaims: ['exp'] };
  for (const refresh of [false, true]) {
    const keys = await keysOf(access.teamDomain, refresh);
    if (!keys) return null;
    try {
      return identityOf((await jwtVerify(token, keys, options)).payload);
    } catch (error) {
      // Only a key id the cached keys lack is worth one more look (a rotation); anything else is refused.
      if (!(error instanceof errors.JWKSNoMatchingKey)) return null;
    }
  }
  return null;
}
