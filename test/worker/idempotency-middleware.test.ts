/** The idempotency module on its own, mounted as a Hono middleware in front of a counting handler. */
import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ProblemBody } from '../../contract/api.js';
import { database } from '../../worker/db/client.js';
import type { AppEnv } from '../../worker/http/app-env.js';
import { idempotency, recordStatements } from '../../worker/http/idempotency.js';
import { Problem, problemResponse } from '../../worker/http/problem.js';
import { bodyOf } from '../api-body.js';
import { testLog } from './helpers.js';

const BOOKING = '01900000-0000-7000-8000-0000000000aa';

/** A create-like route: records its answer with the key, or refuses as the per-email limit would. */
function app(behaviour: 'store' | 'refuse' | 'twin') {
  let calls = 0;
  const a = new Hono<AppEnv>();
  a.use(async (c, next) => {
    c.set('db', database(env.DB));
    c.set('log', testLog);
    await next();
  });
  a.onError((error) => (error instanceof Problem ? problemResponse(error) : new Response('boom', { status: 500 })));
  a.post('/', idempotency(), async (c) => {
    calls++;
    const claim = c.var.idempotency;
    const refusal = new Problem(429, 'limit', { rule: 'rate_limit_per_email', headers: { 'retry-after': '99' } });
    if (behaviour === 'refuse') throw refusal;
    // A concurrent twin with the same key stores its answer while this one runs, then this one hits the limit.
    if (behaviour === 'twin' && claim) {
      await c.var.db.batch(recordStatements(c.var.db, claim, BOOKING, { n: 'twin' }, new Date()));
      throw refusal;
    }
    const body = { n: calls };
    if (claim) await c.var.db.batch(recordStatements(c.var.db, claim, BOOKING, body, new Date()));
    return c.json(body, 201);
  });
  return { app: a, calls: () => calls };
}

const post = (a: Hono<AppEnv>, body: string, key?: string) =>
  a.request(
    '/',
    { method: 'POST', body, headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) } },
    env,
  );

describe('idempotency middleware', () => {
  it('runs the handler once per key and body; the retry gets the first answer, marked replayed', async () => {
    const { app: a, calls } = app('store');
    const first = await post(a, '{"a":1}', 'key-1');
    const again = await post(a, '{"a":1}', 'key-1');
    expect(await first.json()).toEqual({ n: 1 });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual({ n: 1 });
    expect(calls()).toBe(1);
  });

  it('refuses the same key with another body (409 idempotency_key_reused), and passes requests without a key', async () => {
    const { app: a, calls } = app('store');
    await post(a, '{"a":1}', 'key-2');
    const other = await post(a, '{"a":2}', 'key-2');
    expect(other.status).toBe(409);
    expect((await bodyOf<ProblemBody>(other)).rule).toBe('idempotency_key_reused');
    await post(a, '{"a":1}');
    await post(a, '{"a":1}');
    expect(calls()).toBe(3);
  });

  it('turns a refusal behind which a concurrent twin’s answer stands into that answer, without the refusal’s Retry-After', async () => {
    const twin = await post(app('twin').app, '{"a":1}', 'key-3');
    expect(twin.status).toBe(201);
    expect(twin.headers.get('idempotent-replayed')).toBe('true');
    expect(twin.headers.get('retry-after')).toBeNull();
    expect(await twin.json()).toEqual({ n: 'twin' });
    // With no answer stored, the refusal stands as it was.
    const refused = await post(app('refuse').app, '{"a":1}', 'key-4');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('99');
  });

  it('refuses a malformed key with 400 idempotency_key_format before the handler runs', async () => {
    const { app: a, calls } = app('store');
    const res = await post(a, '{}', 'bad key');
    expect(res.status).toBe(400);
    expect(calls()).toBe(0);
  });
});
