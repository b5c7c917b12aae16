/** Full attribution: five UTM values, ad click ids, referrer, landing page, first and last touch, everywhere. */
import { env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { Booking, BookingDetail } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { parseCsv } from '../csv.js';
import { ADMIN, harness, postJson, validBooking } from './helpers.js';
import { captured, deliver, notifyEnv } from './notify-helpers.js';

const touch = {
  utm_source: 'google',
  utm_medium: 'cpc',
  utm_campaign: 'q4-demo',
  utm_term: 'mentoring software',
  utm_content: 'ad-b',
  click_ids: { gclid: 'EAIaIQobChMI8fXk', msclkid: 'a1b2c3' },
  referrer: 'https://www.google.com/',
  landing_page: 'https://www.example.com/lp/mentoring?utm_source=google&gclid=EAIaIQobChMI8fXk',
  first_touch: { utm_source: 'linkedin', utm_campaign: 'autumn', click_ids: { li_fat_id: 'li-123' }, at: '2026-10-01T09:00:00.000Z' },
};

describe('attribution', () => {
  it('is stored and flows to the admin API, the webhook body and the CSV export', async () => {
    const h = harness();
    const res = await h.request('/api/bookings', postJson(validBooking(touch)));
    expect(res.status).toBe(201);
    const { id } = await bodyOf<Booking>(res);
    const read = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));
    expect(read).toMatchObject(touch);

    const n = notifyEnv({ webhookPath: `/ok/${id}` });
    await deliver(h.webhook.sent[0]!.task_id, n.env);
    const [request] = await captured(`/ok/${id}`);
    const event = new Webhook(env.WEBHOOK_SECRET).verify(request!.body, request!.headers) as { data: Record<string, unknown> };
    expect(event.data).toMatchObject(touch);

    const csv = await (await h.request('/api/bookings/export.csv', { headers: ADMIN })).text();
    const [columns, row] = parseCsv(csv, ',');
    for (const name of ['utm_term', 'utm_content', 'click_ids', 'referrer', 'landing_page', 'first_touch']) expect(columns).toContain(name);
    expect(JSON.parse(row![columns!.indexOf('click_ids')]!)).toMatchObject({ gclid: 'EAIaIQobChMI8fXk' });
  });

  it('validates lengths and types like every other field; unknown click ids or touch keys are a 400', async () => {
    const h = harness();
    const refused = async (overrides: Record<string, unknown>, status: number) => {
      const res = await h.request('/api/bookings', postJson(validBooking(overrides)));
      expect(res.status, JSON.stringify(overrides)).toBe(status);
    };
    await refused({ utm_term: 't'.repeat(256) }, 422);
    await refused({ click_ids: { gclid: 'x'.repeat(513) } }, 422);
    await refused({ click_ids: { gclid: 'has space' } }, 422);
    await refused({ click_ids: { dclid: 'unknown-network' } }, 400);
    await refused({ click_ids: 'gclid=abc' }, 422);
    await refused({ first_touch: { utm_source: 'x' } }, 422); // no `at`
    await refused({ first_touch: { utm_source: 'x', at: '2026-10-01T09:00:00Z', extra: 1 } }, 400);
    await refused({ referrer: 'javascript:alert(1)' }, 422);
    await refused({ landing_page: 'not a url' }, 422);
  });
});
