/** Cloudflare Access identities on the admin API, with keys made here and served as the team's certs. */
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookingDetail, CreatedBooking, ProblemBody } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, harness, PRODUCTION, postJson, validBooking } from './helpers.js';

const AUD = 'test-access-aud-0123456789';
let port = 20_000;

/** A team of its own (its own host, so its own key cache), with one signing key published. */
async function team(env: Partial<Env> = {}) {
  const host = `127.0.0.1:${++port}`;
  const domain = `http://${host}`;
  const key = await newKey('key-1');
  await publish(host, [key.jwk]);
  const h = harness({ env: { ACCESS_TEAM_DOMAIN: domain, ACCESS_AUD: AUD, ...env } });
  return { host, domain, key, h };
}

async function newKey(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } as JWK };
}

const publish = (host: string, keys: JWK[], opts: { fail?: boolean } = {}) =>
  fetch(`http://receiver.test/__jwks?host=${encodeURIComponent(host)}`, { method: 'PUT', body: JSON.stringify({ keys, ...opts }) });
const fetches = async (host: string) =>
  ((await (await fetch(`http://receiver.test/__jwks?host=${encodeURIComponent(host)}`)).json()) as { fetched: number }).fetched;

function token(
  key: { kid: string; privateKey: CryptoKey },
  claims: { iss: string; aud?: string | string[]; email?: string; common_name?: string },
  times: { exp?: number | null; nbf?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const { iss, aud = [AUD], ...rest } = claims;
  const jwt = new SignJWT({ ...rest, type: 'app' })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt(now)
    .setNotBefore(times.nbf ?? now - 5);
  // exp: null leaves the claim out.
  return (times.exp === null ? jwt : jwt.setExpirationTime(times.exp ?? now + 3600)).sign(key.privateKey);
}

const asPerson = (jwt: string) => ({ 'cf-access-jwt-assertion': jwt });

afterEach(() => vi.restoreAllMocks());

describe('Cloudflare Access on the admin API', () => {
  it('a valid token lets the person in, and the history names them as the actor', async () => {
    const t = await team();
    const jwt = await token(t.key, { iss: t.domain, email: 'ann@acme.example' });
    expect(await (await t.h.request('/api/me', { headers: asPerson(jwt) })).json()).toEqual({ actor: 'ann@acme.example' });
    const { id } = await bodyOf<CreatedBooking>(await t.h.request('/api/bookings', postJson(validBooking())));
    const cancel = await t.h.request(`/api/bookings/${id}/cancel`, { method: 'POST', headers: asPerson(jwt) });
    expect(cancel.status).toBe(200);
    const detail = await bodyOf<BookingDetail>(await t.h.request(`/api/bookings/${id}`, { headers: ADMIN }));
    expect(detail.events.at(-1)!.actor).toBe('ann@acme.example');
  });

  it('a service token is known by its common_name', async () => {
    const t = await team();
    const jwt = await token(t.key, { iss: t.domain, common_name: 'crm-sync.access' });
    expect(await (await t.h.request('/api/me', { headers: asPerson(jwt) })).json()).toEqual({ actor: 'crm-sync.access' });
  });

  it('refuses expired, not-yet-valid, wrong audience, wrong issuer, wrong key, alg none and garbage with 401', async () => {
    const t = await team();
    const now = Math.floor(Date.now() / 1000);
    const stranger = await newKey('key-1'); // same kid, another key: the signature cannot match
    const header = btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '');
    const body = btoa(JSON.stringify({ iss: t.domain, aud: [AUD], email: 'eve@evil.example', exp: now + 3600 })).replace(/=+$/, '');
    const refused = {
      expired: await token(t.key, { iss: t.domain, email: 'a@x.example' }, { exp: now - 60 }),
      withoutExp: await token(t.key, { iss: t.domain, email: 'a@x.example' }, { exp: null }),
      notYetValid: await token(t.key, { iss: t.domain, email: 'a@x.example' }, { nbf: now + 600 }),
      wrongAud: await token(t.key, { iss: t.domain, aud: ['another-app'], email: 'a@x.example' }),
      wrongIss: await token(t.key, { iss: 'https://other-team.cloudflareaccess.com', email: 'a@x.example' }),
      wrongKey: await token(stranger, { iss: t.domain, email: 'a@x.example' }),
      algNone: `${header}.${body}.`,
      garbage: 'not-a-jwt',
    };
    for (const [name, jwt] of Object.entries(refused)) {
      const res = await t.h.request('/api/bookings', { headers: asPerson(jwt) });
      expect(res.status, name).toBe(401);
    }
  });

  it('an unknown kid refetches the keys at most once a minute; after Access rotates, the new key works', async () => {
    const t = await team();
    expect((await t.h.request('/api/me', { headers: asPerson(await token(t.key, { iss: t.domain, email: 'a@x.example' })) })).status).toBe(
      200,
    );
    expect(await fetches(t.host)).toBe(1);
    // Made-up key ids within the minute cost nothing.
    const madeUp = await newKey('made-up');
    for (let i = 0; i < 5; i++)
      await t.h.request('/api/me', { headers: asPerson(await token(madeUp, { iss: t.domain, email: 'a@x.example' })) });
    expect(await fetches(t.host)).toBe(1);
    // Access rotates: the new key is published; a minute on, a token signed with it is accepted.
    const rotated = await newKey('key-2');
    await publish(t.host, [t.key.jwk, rotated.jwk]);
    const signed = await token(rotated, { iss: t.domain, email: 'new@x.example' });
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
    const res = await t.h.request('/api/me', { headers: asPerson(signed) });
    expect(res.status).toBe(200);
    expect(await fetches(t.host)).toBe(2);
  });

  it('40 requests at once with a key id nobody published make one fetch of the certs, not 40', async () => {
    const t = await team();
    const known = await token(t.key, { iss: t.domain, email: 'a@x.example' });
    // A cold isolate: 40 people at once, one fetch, everyone let in.
    const first = await Promise.all(Array.from({ length: 40 }, () => t.h.request('/api/me', { headers: asPerson(known) })));
    expect(first.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(await fetches(t.host)).toBe(1);
    // A minute on, 40 tokens naming an unknown key id at once: one more fetch.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
    const madeUp = await token(await newKey('made-up'), { iss: t.domain, email: 'eve@evil.example' });
    const flood = await Promise.all(Array.from({ length: 40 }, () => t.h.request('/api/me', { headers: asPerson(madeUp) })));
    expect(flood.map((r) => r.status)).toEqual(Array(40).fill(401));
    expect(await fetches(t.host)).toBe(2);
  });

  it('while the certs endpoint fails, requests are refused and the certs are tried once a minute, not on every request', async () => {
    const t = await team();
    await publish(t.host, [t.key.jwk], { fail: true });
    const jwt = await token(t.key, { iss: t.domain, email: 'a@x.example' });
    for (let i = 0; i < 10; i++) expect((await t.h.request('/api/me', { headers: asPerson(jwt) })).status).toBe(401);
    expect(await fetches(t.host)).toBe(1);
    // It recovers: a minute on, the next request fetches again and gets in.
    await publish(t.host, [t.key.jwk]);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
    expect((await t.h.request('/api/me', { headers: asPerson(jwt) })).status).toBe(200);
    expect(await fetches(t.host)).toBe(2);
  });

  it('with ADMIN_EMAILS / ADMIN_EMAIL_DOMAINS set, only listed people are admins; others get 401 and a console page that says why', async () => {
    const t = await team({ ADMIN_EMAILS: 'Ann@Acme.example, crm-sync.access', ADMIN_EMAIL_DOMAINS: '@partner.example' });
    const as = async (claims: { email?: string; common_name?: string }) => asPerson(await token(t.key, { iss: t.domain, ...claims }));
    for (const allowed of [{ email: 'ann@acme.example' }, { email: 'bob@partner.example' }, { common_name: 'crm-sync.access' }])
      expect((await t.h.request('/api/me', { headers: await as(allowed) })).status, JSON.stringify(allowed)).toBe(200);
    const eve = await as({ email: 'eve@acme.example' });
    expect((await t.h.request('/api/me', { headers: eve })).status).toBe(401);
    const { id } = await bodyOf<CreatedBooking>(await t.h.request('/api/bookings', postJson(validBooking())));
    expect((await t.h.request(`/api/bookings/${id}/cancel`, { method: 'POST', headers: eve })).status).toBe(401);
    const page = await t.h.request('/admin', { headers: eve });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('eve@acme.example, which is not on this worker&#39;s admin list');
    // The bearer token (machines) is not an Access identity: it still works.
    expect((await t.h.request('/api/me', { headers: ADMIN })).status).toBe(200);
  });

  it('without Access configured, a token is not enough', async () => {
    const t = await team();
    const jwt = await token(t.key, { iss: t.domain, email: 'a@x.example' });
    const res = await harness().request('/api/me', { headers: asPerson(jwt) });
    expect(res.status).toBe(401);
  });
});

describe('cross-site changes', () => {
  it('a change whose Origin is another site, or whose Sec-Fetch-Site is cross-site, is refused with 403 on every route', async () => {
    const h = harness();
    const { id } = await bodyOf<CreatedBooking>(await h.request('/api/bookings', postJson(validBooking())));
    const routes: [string, string, string?][] = [
      ['PATCH', `/api/bookings/${id}`, '{"status":"confirmed","preferred_date":"2030-01-01T10:00:00Z"}'],
      ['POST', `/api/bookings/${id}/cancel`],
      ['POST', `/api/bookings/${id}/webhook/redeliver`],
      ['POST', `/api/bookings/${id}/redact`],
      ['POST', `/api/bookings/${id}/undo-outcome`],
      ['POST', '/api/bookings/webhook/redeliver-failed'],
      ['POST', '/api/bookings/redact-by-email', '{"email":"someone@example.com"}'],
    ];
    for (const [method, path, body] of routes) {
      for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
        const res = await h.request(path, {
          method,
          headers: { ...ADMIN, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
          body,
        });
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
        expect((await bodyOf<ProblemBody>(res)).rule).toBe('cross_site_request');
      }
    }
    const detail = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));
    expect([detail.status, detail.redacted_at]).toEqual(['pending', null]);
    // The worker's own origin, and a machine client with no Origin, are let through.
    const own = await h.request(`/api/bookings/${id}/cancel`, { method: 'POST', headers: { ...ADMIN, origin: 'http://localhost' } });
    expect(own.status).toBe(200);
  });
});

describe('the console page', () => {
  it('is served with a strict CSP and never framed; refused with a set-up page where Access is not configured', async () => {
    const t = await team();
    const jwt = await token(t.key, { iss: t.domain, email: 'ann@acme.example' });
    const ok = await t.h.request('/admin', { headers: asPerson(jwt) });
    expect(ok.status).toBe(200);
    const csp = ok.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(await ok.text()).toContain('<sales-console>');
    const bad = await t.h.request('/admin', { headers: asPerson('garbage') });
    expect(bad.status).toBe(403);
    const production = harness({ env: PRODUCTION });
    const unset = await production.request('/admin');
    expect(unset.status).toBe(403);
    expect(await unset.text()).toContain('ACCESS_TEAM_DOMAIN');
  });

  it('in development, signs the developer in without a prompt; the session works only in development', async () => {
    const h = harness();
    const page = await h.request('/admin');
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect(await (await h.request('/api/me', { headers: { cookie } })).json()).toEqual({ actor: 'developer@localhost' });
    const production = harness({ env: PRODUCTION });
    expect((await production.request('/api/me', { headers: { cookie } })).status).toBe(401);
  });
});
