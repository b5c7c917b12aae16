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
});
