/** A deployed worker missing what it needs says so, by name, instead of half working. */
import { describe, expect, it } from 'vitest';
import type { ProblemBody } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { harness, PRODUCTION, postJson, validBooking } from './helpers.js';

describe('configuration of a deployed worker', () => {
  it('without PUBLIC_BASE_URL: /api/health answers 503 naming it, and other routes refuse with 503; nothing is stored', async () => {
    const h = harness({ env: { ...PRODUCTION, PUBLIC_BASE_URL: '' } });
    const health = await h.request('/api/health');
    expect(health.status).toBe(503);
    const body = (await health.json()) as { status: string; problems: string[] };
    expect(body.status).toBe('misconfigured');
    expect(body.problems.join(' ')).toContain('PUBLIC_BASE_URL');
    const create = await h.request('/api/bookings', postJson(validBooking()));
    expect(create.status).toBe(503);
    expect((await bodyOf<ProblemBody>(create)).detail).toContain('PUBLIC_BASE_URL');
    expect(h.email.sent).toHaveLength(0);
  });

  it('an empty or plain-http SALES_WEBHOOK_URL is refused; http to a loopback receiver is accepted', async () => {
    for (const url of ['', 'http://hooks.example.com/x']) {
      const res = await harness({ env: { ...PRODUCTION, SALES_WEBHOOK_URL: url } }).request('/api/health');
      expect(res.status, url).toBe(503);
      expect(JSON.stringify(await res.json())).toContain('SALES_WEBHOOK_URL');
    }
    for (const url of ['https://hooks.example.com/x', 'http://127.0.0.1:9999/hook', 'http://localhost:9999/hook']) {
      const res = await harness({ env: { ...PRODUCTION, SALES_WEBHOOK_URL: url } }).request('/api/health');
      expect(res.status, url).toBe(200);
    }
  });

  it('a secret missing or of the wrong shape: health answers 503 naming it (never its value), a booking is refused with 503 and nothing is stored', async () => {
    for (const [name, value] of [
      ['WEBHOOK_SECRET', ''],
      ['WEBHOOK_SECRET', 'not-a-whsec-key-but-long'],
      ['ADMIN_TOKEN', 'short-one'],
    ] as const) {
      const h = harness({ env: { ...PRODUCTION, [name]: value } });
      const health = await h.request('/api/health');
      const text = await health.text();
      expect([health.status, text.includes(name)], name).toEqual([503, true]);
      if (value) expect(text).not.toContain(value);
      const create = await h.request('/api/bookings', postJson(validBooking()));
      expect(create.status).toBe(503);
      expect((await bodyOf<ProblemBody>(create)).detail).toContain(name);
      expect(h.email.sent).toHaveLength(0);
    }
  });

  it('names variables, never their values', async () => {
    const res = await harness({ env: { ...PRODUCTION, SALES_WEBHOOK_URL: 'http://secret-partner.example/key=abc' } }).request(
      '/api/health',
    );
    expect(await res.text()).not.toContain('secret-partner');
  });

  it('in development the defaults stand in: no PUBLIC_BASE_URL and no receiver still work', async () => {
    const h = harness({ env: { ENVIRONMENT: 'development', PUBLIC_BASE_URL: '', SALES_WEBHOOK_URL: '' } });
    expect((await h.request('/api/health')).status).toBe(200);
    expect((await h.request('/api/bookings', postJson(validBooking()))).status).toBe(201);
  });

  it('ALLOWED_ORIGINS=* lets any site book from the browser (preflight and create)', async () => {
    const h = harness({ env: { ...PRODUCTION, ALLOWED_ORIGINS: '*' } });
    const origin = 'https://shop.any-site.example';
    const preflight = await h.request('/api/bookings', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, origin]);
    const create = await h.request('/api/bookings', postJson(validBooking(), { origin }));
    expect([create.status, create.headers.get('access-control-allow-origin')]).toEqual([201, origin]);
  });

  it('an ALLOWED_ORIGINS entry that is not an origin is refused at start-up: health names the variable (never the value), in development too', async () => {
    for (const entry of ['www.example.com', 'https://www.example.com/', 'https://www.example.com/pricing', 'ftp://files.example.com'])
      for (const environment of [PRODUCTION, { ENVIRONMENT: 'development' }]) {
        const res = await harness({ env: { ...environment, ALLOWED_ORIGINS: `https://ok.example.com, ${entry}` } }).request('/api/health');
        expect(res.status, entry).toBe(503);
        const text = await res.text();
        expect(text, entry).toContain('ALLOWED_ORIGINS');
        expect(text, entry).not.toContain(entry);
      }
    const fine = await harness({ env: { ...PRODUCTION, ALLOWED_ORIGINS: 'https://www.example.com, http://localhost:8787' } }).request(
      '/api/health',
    );
    expect(fine.status).toBe(200);
  });
});
