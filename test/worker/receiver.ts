/**
 * A sales-webhook receiver for the worker tests, run by miniflare as the
 * worker's outbound service (in Node, outside workerd). Every request is
 * recorded; the path picks the answer:
 *
 *   /ok/…  204     /fail/…  500      /gone/…  410
 *   /busy/…  429 with Retry-After: 7200      /hang/…  answers after 3 s
 *   /refused/…  the connection fails
 *
 * `GET http://receiver.test/__captured?prefix=/ok/abc` returns what was recorded under a prefix.
 * Requests to challenges.cloudflare.com get a stand-in for Turnstile's siteverify;
 * `/cdn-cgi/access/certs` on any host answers the keys a test put for that
 * host (`PUT /__jwks?host=127.0.0.1:1234`), and `GET /__jwks?host=…` says how
 * often they were fetched. Calendar feeds are served at FEED_HOST (feed-server.ts).
 */
import { FEED_HOST, feedServer } from './feed-server.js';

interface Captured {
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const captured: Captured[] = [];

/**
 * Turnstile's siteverify, by the token: `pass…` succeeds, `once…` succeeds
 * once and is then spent, `dup…` answers timeout-or-duplicate, anything else
 * is an invalid response.
 */
const spent = new Set<string>();

async function siteverify(request: Request): Promise<Response> {
  const form = await request.formData();
  const token = String(form.get('response') ?? '');
  if (!form.get('secret')) return Response.json({ success: false, 'error-codes': ['missing-input-secret'] });
  if (token.startsWith('pass')) return Response.json({ success: true, 'error-codes': [] });
  if (token.startsWith('once') && !spent.has(token)) {
    spent.add(token);
    return Response.json({ success: true, 'error-codes': [] });
  }
  if (token.startsWith('once')) return Response.json({ success: false, 'error-codes': ['timeout-or-duplicate'] });
  if (token.startsWith('dup')) return Response.json({ success: false, 'error-codes': ['timeout-or-duplicate'] });
  return Response.json({ success: false, 'error-codes': ['invalid-input-response'] });
}

/** Cloudflare Access certs per team host (set by a test with PUT /__jwks?host=…, `fail` to answer 500), and how often each was fetched. */
const jwks = new Map<string, { keys: unknown[]; fetched: number; fail?: boolean }>();

function accessCerts(request: Request, url: URL): Response | null {
  if (url.pathname === '/__jwks') {
    const host = url.searchParams.get('host') ?? '';
    if (request.method === 'GET') return Response.json({ fetched: jwks.get(host)?.fetched ?? 0 });
    return null;
  }
  if (url.pathname !== '/cdn-cgi/access/certs') return null;
  const set = jwks.get(url.host);
  if (!set) return new Response('no such team', { status: 404 });
  set.fetched++;
  if (set.fail) return new Response('certs unavailable', { status: 500 });
  return Response.json({ keys: set.keys });
}

export async function receiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname === 'challenges.cloudflare.com') return siteverify(request);
  if (url.hostname === FEED_HOST) return feedServer(request, url);
  if (url.pathname === '/__jwks' && request.method === 'PUT') {
    const host = url.searchParams.get('host') ?? '';
    const { keys, fail } = (await request.json()) as { keys: unknown[]; fail?: boolean };
    jwks.set(host, { keys, fail, fetched: jwks.get(host)?.fetched ?? 0 });
    return new Response(null, { status: 204 });
  }
  const certs = accessCerts(request, url);
  if (certs) return certs;
  if (url.pathname === '/__captured') {
    const prefix = url.searchParams.get('prefix') ?? '';
    return Response.json(captured.filter((c) => c.path.startsWith(prefix)));
  }
  captured.push({ url: request.url, path: url.pathname, headers: Object.fromEntries(request.headers), body: await request.text() });
  const scenario = url.pathname.split('/')[1];
  switch (scenario) {
    case 'ok':
      return new Response(null, { status: 204 });
    case 'fail':
      return new Response('upstream broke', { status: 500 });
    case 'gone':
      return new Response(null, { status: 410 });
    case 'busy':
      return new Response(null, { status: 429, headers: { 'retry-after': '7200' } });
    case 'hang':
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return new Response(null, { status: 200 });
    case 'refused':
      throw new Error('connect ECONNREFUSED');
    default:
      return new Response('no such scenario', { status: 404 });
  }
}
