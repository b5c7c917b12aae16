import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Booking, BookingDetail, BookingPage, ProblemBody } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allBookings, harness, postJson, uniqueEmail, validBooking } from './helpers.js';
import { createWithTasks } from './notify-helpers.js';

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { ...ADMIN, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function seed(h: ReturnType<typeof harness>, n: number, overrides: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await h.request('/api/bookings', postJson(validBooking(overrides)));
    ids.push((await bodyOf<Booking>(res)).id);
  }
  return ids;
}

describe('admin authentication', () => {
  const id = '01900000-0000-7000-8000-000000000000';
  const routes: [string, string][] = [
    ['GET', '/api/bookings'],
    ['GET', `/api/bookings/${id}`],
    ['PATCH', `/api/bookings/${id}`],
    ['POST', `/api/bookings/${id}/cancel`],
    ['POST', `/api/bookings/${id}/redact`],
    ['POST', `/api/bookings/${id}/webhook/redeliver`],
    ['POST', `/api/bookings/${id}/undo-outcome`],
    ['POST', '/api/bookings/webhook/redeliver-failed'],
    ['POST', '/api/bookings/redact-by-email'],
  ];
  it.each(routes)('%s %s answers 401 with no token and with a wrong one', async (method, path) => {
    const h = harness();
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: `Basic ${btoa('admin:x')}` },
    ] as Record<string, string>[]) {
      const res = await h.request(path, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{"status":"cancelled"}',
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });
});

describe('GET /api/bookings', () => {
  it('lists newest first and pages with an opaque cursor, without repeats or gaps', async () => {
    const h = harness();
    const ids = await seed(h, 7);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.request(`/api/bookings?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: ADMIN });
      expect(res.status).toBe(200);
      const page = await bodyOf<BookingPage>(res);
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((b) => b.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by status, email, organization, creation window and webhook state', async () => {
    const h = harness();
    const email = uniqueEmail();
    const [mine] = await seed(h, 1, { contact_email: email });
    const [other, third] = await seed(h, 2);
    await env.DB.prepare(
      "INSERT INTO organizations (id, name, created_at) VALUES ('01900000-0000-7000-8000-0000000000aa', 'Acme', '2026-01-01T00:00:00.000Z')",
    ).run();
    expect(
      (
        await h.request(
          `/api/bookings/${other}`,
          json('PATCH', { status: 'confirmed', organization_id: '01900000-0000-7000-8000-0000000000aa' }),
        )
      ).status,
    ).toBe(200);
    await env.DB.prepare("UPDATE demo_bookings SET webhook_delivered_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").bind(mine).run();
    await env.DB.prepare("UPDATE demo_bookings SET webhook_failed_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").bind(third).run();
    const list = async (q: string) =>
      (await bodyOf<BookingPage>(await h.request(`/api/bookings?${q}`, { headers: ADMIN }))).data.map((b) => b.id);
    expect(await list('status=confirmed')).toEqual([other]);
    expect(await list(`email=${encodeURIComponent(email.toUpperCase())}`)).toEqual([mine]);
    expect(await list('organization_id=01900000-0000-7000-8000-0000000000aa')).toEqual([other]);
    expect(await list('webhook=delivered')).toEqual([mine]);
    expect(await list('webhook=failed')).toEqual([third]);
    expect(await list('webhook=pending')).toEqual([other]);
    expect(await list(`created_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    expect((await list(`created_before=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).length).toBe(3);
  });

  it('refuses a bad filter, a limit over 100 and a forged cursor with 400', async () => {
    const h = harness();
    for (const q of ['status=lost', 'limit=101', 'cursor=Zm9v', 'webhook=maybe', 'created_after=yesterday', 'colour=red']) {
      const res = await h.request(`/api/bookings?${q}`, { headers: ADMIN });
      expect(res.status, q).toBe(400);
    }
  });
});

describe('GET and PATCH /api/bookings/:id', () => {
  it('reads one booking with every column, its IP anonymized; 404 for an unknown id', async () => {
    const h = harness();
    const [id] = await seed(h, 1);
    const res = await h.request(`/api/bookings/${id}`, { headers: ADMIN });
    const booking = await bodyOf<BookingDetail>(res);
    expect(res.status).toBe(200);
    expect(booking).toMatchObject({ id, status: 'pending', webhook_attempts: 0, webhook_status: 'pending', confirmation_sent_at: null });
    expect(booking.ip_address).toMatch(/\.0$/);
    expect((await h.request('/api/bookings/01900000-0000-7000-8000-000000000000', { headers: ADMIN })).status).toBe(404);
  });

  it('sets organization_id only to an organization that exists', async () => {
    const h = harness();
    const [id] = await seed(h, 1);
    const missing = await h.request(`/api/bookings/${id}`, json('PATCH', { organization_id: '01900000-0000-7000-8000-0000000000bb' }));
    expect(missing.status).toBe(422);
    expect((await bodyOf<ProblemBody>(missing)).errors?.[0]?.rule).toBe('organization_id_exists');
    expect((await allBookings())[0]!.organization_id).toBeNull();
    await env.DB.prepare(
      "INSERT INTO organizations (id, name, created_at) VALUES ('01900000-0000-7000-8000-0000000000bb', 'Acme', '2026-01-01T00:00:00.000Z')",
    ).run();
    const ok = await h.request(`/api/bookings/${id}`, json('PATCH', { organization_id: '01900000-0000-7000-8000-0000000000bb' }));
    expect(ok.status).toBe(200);
    expect((await allBookings())[0]!.organization_id).toBe('01900000-0000-7000-8000-0000000000bb');
  });

  it('reschedules preferred_date (stored as UTC) and refuses a past one', async () => {
    const h = harness();
    const [id] = await seed(h, 1);
    const soon = new Date(Date.now() + 3 * 3_600_000);
    soon.setUTCMilliseconds(0);
    const res = await h.request(`/api/bookings/${id}`, json('PATCH', { preferred_date: soon.toISOString().replace('Z', '+00:00') }));
    expect(res.status).toBe(200);
    expect((await allBookings())[0]!.preferred_date).toBe(soon.toISOString());
    const past = await h.request(`/api/bookings/${id}`, json('PATCH', { preferred_date: '2020-01-01T00:00:00Z' }));
    expect(past.status).toBe(422);
  });

  it('refuses unknown or empty patches with 400', async () => {
    const h = harness();
    const [id] = await seed(h, 1);
    expect((await h.request(`/api/bookings/${id}`, json('PATCH', { contact_email: 'x@y.zz' }))).status).toBe(400);
    expect((await h.request(`/api/bookings/${id}`, json('PATCH', {}))).status).toBe(422);
  });
});

describe('POST /api/bookings/:id/cancel', () => {
  const JSON_TYPE = { 'content-type': 'application/json' };
  it.each([
    ['an empty body sent as application/json (many clients send that header on every request)', JSON_TYPE, undefined, 200],
    ['an empty body with no Content-Type (as browsers and Playwright send it)', {}, new ArrayBuffer(0), 200],
    ['a body that is not JSON at all', JSON_TYPE, '{"reason":', 400],
  ] as const)('%s answers %i', async (_, headers, body, status) => {
    const { id } = await createWithTasks();
    const res = await harness().request(`/api/bookings/${id}/cancel`, { method: 'POST', headers: { ...ADMIN, ...headers }, body });
    expect(res.status).toBe(status);
    if (status === 200) expect((await bodyOf<Booking>(res)).status).toBe('cancelled');
  });
});

describe('public surface', () => {
  it('GET /api/health answers ok', async () => {
    const res = await harness().request('/api/health');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('CORS lets only ALLOWED_ORIGINS call the public API', async () => {
    const h = harness();
    const preflight = (origin: string) =>
      h.request('/api/bookings', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
      });
    const ok = await preflight('https://www.example.com');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.example.com');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect((await preflight('https://evil.example.net')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('GET /openapi.json describes the routes and the create schema from the zod schemas', async () => {
    const doc = (await (await harness().request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties: Record<string, unknown>; additionalProperties?: boolean }> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/bookings', '/api/bookings/{id}', '/api/bookings/{id}/cancel']));
    const create = doc.components.schemas.CreateBookingRequest!;
    expect(Object.keys(create.properties)).toEqual(
      expect.arrayContaining(['organization_name', 'contact_email', 'preferred_date', 'timezone']),
    );
    expect(create.additionalProperties).toBe(false);
    expect(doc.components.schemas.WebhookEventV1).toBeDefined();
  });

  it('an unknown path answers 404 in problem+json', async () => {
    const res = await harness().request('/api/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
