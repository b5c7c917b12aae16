import { describe, expect, it } from 'vitest';
import type { ProblemBody } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { assertDeclared, declaredStatuses } from './conformance.js';
import { ADMIN, allTasks, harness, postJson, validBooking } from './helpers.js';

type Parameter = { name: string; in: string; required?: boolean; schema: { pattern?: string } };
type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: Parameter[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
};
type Document = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, unknown>;
};

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a server, and every operation has an operationId and its security (public ones an empty list)', async () => {
    const doc = (await (await harness().request('/openapi.json')).json()) as Document;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toMatch(/^https?:\/\//);
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    expect(operations.length).toBeGreaterThanOrEqual(11);
    for (const op of operations) {
      expect(op.operationId).toMatch(/^\w+$/);
      expect(Array.isArray(op.security)).toBe(true);
    }
    expect(doc.paths['/api/bookings']!.post!.security).toEqual([]);
    expect(doc.paths['/api/bookings']!.get!.security).toEqual([{ accessJwt: [] }, { adminToken: [] }]);
    expect(doc.paths['/api/bookings']!.post!.responses['429']!.headers).toHaveProperty('Retry-After');
    expect(Object.keys(doc.webhooks)).toEqual(expect.arrayContaining(['demo_booking.created', 'demo_booking.cancelled']));
  });

  it('lists the 404 of PATCH, cancel and redeliver, the 400 of PATCH and of the list, and the 409 of create', () => {
    expect(declaredStatuses('PATCH', `/api/bookings/${UNKNOWN_ID}`)).toEqual(expect.arrayContaining(['400', '404', '409', '422']));
    expect(declaredStatuses('POST', `/api/bookings/${UNKNOWN_ID}/cancel`)).toContain('404');
    expect(declaredStatuses('POST', `/api/bookings/${UNKNOWN_ID}/webhook/redeliver`)).toContain('404');
    expect(declaredStatuses('GET', '/api/bookings')).toContain('400');
    expect(declaredStatuses('POST', '/api/bookings')).toContain('409');
  });

  it('a response the declaration does not list fails the check every harness request goes through', () => {
    expect(() => assertDeclared('GET', '/api/health', 418)).toThrow(/does not list/);
    expect(() => assertDeclared('POST', `/api/bookings/${UNKNOWN_ID}/redact`, 409)).toThrow(/does not list/);
    expect(() => assertDeclared('GET', `/api/bookings/${UNKNOWN_ID}`, 404)).not.toThrow();
  });

  it('documents the cancel form where the server reads it: token in a form body', async () => {
    const doc = (await (await harness().request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: object } }> } }>>;
    };
    const body = doc.paths['/cancel/{id}']!.post!.requestBody!;
    expect(body.content['application/x-www-form-urlencoded']!.schema.properties).toHaveProperty('token');
  });
});

describe('methods and filters', () => {
  it('a known path with an unsupported method answers 405 with Allow', async () => {
    const h = harness();
    const put = await h.request(`/api/bookings/${UNKNOWN_ID}`, { method: 'PUT', headers: ADMIN });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH']);
    const health = await h.request('/api/health', { method: 'POST' });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET, HEAD');
    expect((await h.request('/api/nothing', { method: 'PUT' })).status).toBe(404);
  });

  it('refuses an empty filter value instead of listing everything', async () => {
    const h = harness();
    for (const query of ['email=', 'cursor=', 'status=']) {
      const res = await h.request(`/api/bookings?${query}`, { headers: ADMIN });
      expect(res.status, query).toBe(400);
    }
  });

  it('a malformed Idempotency-Key is a 400 naming idempotency_key_format, and nothing is stored', async () => {
    const res = await harness().request('/api/bookings', postJson(validBooking(), { 'idempotency-key': 'has spaces' }));
    expect(res.status).toBe(400);
    expect((await bodyOf<ProblemBody>(res)).rule).toBe('idempotency_key_format');
    expect(await allTasks()).toHaveLength(0);
  });

  it('the published Idempotency-Key pattern is the one enforced: a key it admits is taken, one it refuses is a 400', async () => {
    const doc = (await (await harness().request('/openapi.json')).json()) as Document;
    const header = doc.paths['/api/bookings']!.post!.parameters!.find((p) => p.name === 'Idempotency-Key')!;
    expect(header).toMatchObject({ in: 'header', required: false });
    const pattern = new RegExp(header.schema.pattern!);
    const h = harness();
    const unique = (length: number) => crypto.randomUUID().padEnd(length, 'x');
    for (const key of [unique(36), unique(255), unique(256), 'tab\there', 'é-accent']) {
      const res = await h.request('/api/bookings', postJson(validBooking(), { 'idempotency-key': key }));
      expect(res.status, key).toBe(pattern.test(key) ? 201 : 400);
    }
  });

  it('POST /cancel/:id refuses a form over 4 KiB with 413 before reading it', async () => {
    const res = await harness().request(`/cancel/${UNKNOWN_ID}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${'x'.repeat(10 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
  });
});

describe('the document and the server agree (cases an independent fuzzer found)', () => {
  it('the cancel pages answer a malformed link with a page (text/html), as the document says', async () => {
    const h = harness();
    const badId = await h.request('/cancel/not-a-booking-id?token=abc');
    expect([badId.status, badId.headers.get('content-type')]).toEqual([404, 'text/html; charset=UTF-8']);
    const longToken = await h.request(`/cancel/${UNKNOWN_ID}?token=${'x'.repeat(201)}`);
    expect([longToken.status, longToken.headers.get('content-type')]).toEqual([400, 'text/html; charset=UTF-8']);
    expect(await longToken.text()).toContain('This link does not work');
  });

  it('consent.privacy_url takes a URI only, as its published pattern says: a raw space or é is refused, percent-encoded they pass', async () => {
    const h = harness();
    const consent = (privacy_url: string) => validBooking({ consent: { text: 'I agree.', privacy_url } });
    for (const refused of ['https://example.com/a b', 'https://example.com/é'])
      expect((await h.request('/api/bookings', postJson(consent(refused)))).status, refused).toBe(422);
    for (const taken of ['https://example.com/a%20b', 'https://example.com/%C3%A9'])
      expect((await h.request('/api/bookings', postJson(consent(taken)))).status, taken).toBe(201);
  });

  it('a query parameter without a name is refused like any unknown one', async () => {
    const h = harness();
    for (const path of ['/api/bookings?=x', '/api/bookings/export.csv?=x']) {
      const res = await h.request(path, { headers: ADMIN });
      expect(res.status, path).toBe(400);
      expect((await bodyOf<ProblemBody>(res)).errors?.[0]?.rule).toBe('unknown_field');
    }
  });

  it('PATCH on a literal path (/api/bookings/insights) is a 405, not a booking id', async () => {
    const h = harness();
    const res = await h.request('/api/bookings/insights', {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    // The CORS preflight of the public create still answers.
    const preflight = await h.request('/api/bookings', {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });
});
