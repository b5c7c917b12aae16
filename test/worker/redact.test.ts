import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Booking, BookingDetail, CreatedBooking } from '../../contract/api.js';
import { archiveOldBookings } from '../../worker/jobs/archive.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, db, harness, postJson, testLog, validBooking } from './helpers.js';
import { captured, deliver, notifyEnv } from './notify-helpers.js';

const redact = (h: ReturnType<typeof harness>, id: string, headers: Record<string, string> = ADMIN) =>
  h.request(`/api/bookings/${id}/redact`, { method: 'POST', headers });

describe('erasure on request', () => {
  it('overwrites the personal fields, keeps the audit trail, and nothing personal is sent afterwards', async () => {
    const h = harness();
    const body = validBooking({ contact_email: 'erase.me@example.com' });
    const created = await h.request('/api/bookings', postJson(body, { 'idempotency-key': 'erase-1', 'cf-connecting-ip': '203.0.113.50' }));
    const { id } = await bodyOf<Booking>(created);
    const before = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));

    expect((await redact(h, id, {})).status).toBe(401);
    const res = await redact(h, id);
    expect(res.status).toBe(200);
    const after = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));
    expect(after).toMatchObject({
      contact_name: '[redacted]',
      organization_name: '[redacted]',
      contact_email: `redacted+${id}@redacted.invalid`,
      contact_phone: null,
      message: null,
      ip_address: null,
    });
    for (const kept of ['id', 'status', 'created_at', 'preferred_date', 'organization_size'] as const)
      expect(after[kept], kept).toEqual(before[kept]);
    // Where the request came from stays; the query, the fragment and the free-text campaign values go.
    expect(before.source_url).toBe('https://www.example.com/pricing?utm_source=news');
    expect([after.source_url, after.utm_source, after.utm_medium, after.utm_campaign]).toEqual([
      'https://www.example.com/pricing',
      null,
      null,
      null,
    ]);
    expect(after.redacted_at).toBeTruthy();
    expect(after.updated_at).not.toBe(before.updated_at);
    const raw = JSON.stringify((await env.DB.prepare('SELECT * FROM demo_bookings').all()).results);
    expect(raw).not.toContain('erase.me@example.com');
    expect(raw).not.toContain('Ada Lovelace');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM idempotency_keys').first<{ n: number }>())!.n).toBe(0);
    const { notifications: _notifications, events, ...view } = after;
    expect(await (await redact(h, id)).json()).toEqual(view); // twice: the same
    // The history keeps every entry, with a `redacted` one naming who erased it.
    expect((events as { type: string; actor: string }[]).map((e) => [e.type, e.actor])).toEqual([
      ['created', 'requester'],
      ['redacted', 'admin-token'],
    ]);

    // The tasks still in the outbox send nothing personal: they are skipped.
    const n = notifyEnv({ webhookPath: `/ok/${id}` });
    await deliver(h.email.sent[0]!.task_id, n.env);
    await deliver(h.webhook.sent[0]!.task_id, n.env);
    expect(n.email.sent).toHaveLength(0);
    expect(await captured(`/ok/${id}`)).toHaveLength(0);
  });

  it('works on an archived booking', async () => {
    const h = harness();
    const { id } = await bodyOf<CreatedBooking>(await h.request('/api/bookings', postJson(validBooking())));
    await env.DB.prepare('UPDATE demo_bookings SET created_at = ?')
      .bind(new Date(Date.now() - 400 * 86_400_000).toISOString())
      .run();
    await archiveOldBookings(db(), new Date(), testLog);
    const res = await redact(h, id);
    expect(res.status).toBe(200);
    expect(await bodyOf<Booking>(res)).toMatchObject({
      contact_name: '[redacted]',
      archived_at: expect.any(String),
    });
  });

  it('answers 404 for an unknown booking', async () => {
    expect((await redact(harness(), '01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('personal data riding along with attribution is never stored: ?email=, ?name=, ?phone=, an address in a value or a UTM', async () => {
    const h = harness();
    const res = await h.request(
      '/api/bookings',
      postJson(
        validBooking({
          source_url:
            'https://www.example.com/demo?utm_source=ads&email=ada%40example.com&name=Ada&phone=123&ref=ada@example.com&page=2#from=ada@example.com',
          utm_campaign: 'ada@example.com',
          utm_source: 'newsletter',
        }),
      ),
    );
    expect(res.status).toBe(201);
    const [row] = await env.DB.prepare('SELECT source_url, utm_source, utm_campaign FROM demo_bookings')
      .all<Record<string, string | null>>()
      .then((r) => r.results);
    expect(row).toEqual({ source_url: 'https://www.example.com/demo?utm_source=ads&page=2', utm_source: 'newsletter', utm_campaign: null });
    // A malformed escape in the query is no reason to fail the booking.
    expect((await h.request('/api/bookings', postJson(validBooking({ source_url: 'https://www.example.com/?%&q=%E0%A4%A' })))).status).toBe(
      201,
    );
  });

  it('every attribution value and address is filtered alike: click ids, the first touch, user-info, a personal path, the privacy policy', async () => {
    const h = harness();
    const res = await h.request(
      '/api/bookings',
      postJson(
        validBooking({
          source_url: 'https://www.example.com/thanks/ann.lee@acme.io/profile?utm_source=ads',
          landing_page: 'https://user%40x.example:pw@www.example.com/lp?campaign=spring',
          utm_term: '+1 202 555 0143',
          utm_campaign: '2026-10-01',
          click_ids: { gclid: 'ann.lee@acme.io', msclkid: 'a1b2c3' },
          first_touch: {
            utm_source: 'ann.lee@acme.io',
            utm_medium: '020 7946 0958',
            utm_campaign: 'autumn',
            click_ids: { fbclid: '+15550109999' },
            at: '2026-10-01T09:00:00Z',
          },
          consent: { text: 'I agree to be contacted.', privacy_url: 'https://www.example.com/privacy?email=ann@acme.io&name=Ann&lang=de' },
        }),
      ),
    );
    expect(res.status).toBe(201);
    const { id } = await bodyOf<CreatedBooking>(res);
    const stored = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));
    expect(stored).toMatchObject({
      source_url: 'https://www.example.com/thanks/?utm_source=ads',
      landing_page: 'https://www.example.com/lp?campaign=spring',
      utm_term: null,
      utm_campaign: '2026-10-01',
      click_ids: { msclkid: 'a1b2c3' },
      first_touch: { utm_campaign: 'autumn', click_ids: {}, at: '2026-10-01T09:00:00.000Z' },
      privacy_url: 'https://www.example.com/privacy?lang=de',
    });
    const raw = JSON.stringify((await env.DB.prepare('SELECT * FROM demo_bookings').all()).results);
    for (const personal of ['ann.lee', '555 0143', '020 7946', '5550109999', 'user%40x', ':pw@'])
      expect(raw, personal).not.toContain(personal);
  });

  it('erasure also clears the consent words and the policy address query (that consent was given, and when, stays) and cuts a personal path', async () => {
    const h = harness();
    const res = await h.request(
      '/api/bookings',
      postJson(validBooking({ consent: { text: 'I, Ann Lee, agree.', privacy_url: 'https://www.example.com/privacy?v=3' } })),
    );
    const { id } = await bodyOf<CreatedBooking>(res);
    // An address stored before the path filter existed.
    await env.DB.prepare('UPDATE demo_bookings SET source_url = ? WHERE id = ?')
      .bind('https://www.example.com/thanks/ann.lee@acme.io/profile?x=1', id)
      .run();
    const before = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));
    expect(before.consent_at).toBeTruthy();
    const after = await bodyOf<Booking>(await redact(h, id));
    expect(after).toMatchObject({
      consent_text: null,
      consent_at: before.consent_at,
      privacy_url: 'https://www.example.com/privacy',
      source_url: 'https://www.example.com/thanks/',
    });
  });
});
