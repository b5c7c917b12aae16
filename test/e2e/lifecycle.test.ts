/**
 * A booking's life against the real worker (`wrangler dev`): its local D1,
 * its local queues with their consumers, its email binding writing to disk,
 * and the sales webhook delivered to a receiver on loopback.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, inject, it } from 'vitest';
import type { Booking, BookingDetail } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { uniqueName } from '../widget/browser.js';
import { parseInvite } from '../worker/invite-oracle.js';
import { emailsContaining, type StoredEmail, until } from './mailbox.js';
import type { Received } from './receiver.js';

const baseUrl = inject('baseUrl');
const admin = { authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' };
const receiverUrl = inject('receiverUrl');
const webhook = new Webhook(inject('webhookSecret'));

type Signed = { type: string; data: { id: string; status: string }; event: { id: string; from_status: string | null; to_status: string } };

const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** The signed webhooks the receiver got for a booking, verified, in the order they arrived. */
async function webhooksOf(id: string): Promise<Signed[]> {
  const all = (await (await fetch(`${receiverUrl}/__captured`)).json()) as Received[];
  return all.map((r) => webhook.verify(r.body, r.headers) as Signed).filter((e) => e.data.id === id);
}

const waitForWebhook = (id: string, type: string) =>
  until(`${type} of ${id}`, async () => (await webhooksOf(id)).find((e) => e.type === type) ?? null);

/** The email with that intro, once it is on disk whole: the local binding writes the text before its attachments. */
const waitForEmail = (marker: string, intro: string, attachments = 0) =>
  until(
    `email "${intro}" for ${marker}`,
    () => emailsContaining(marker).find((m) => m.text.includes(intro) && m.attachments.length >= attachments) ?? null,
  );

const invite = (mail: StoredEmail) => parseInvite(mail.attachments[0]!);

async function book(organization: string) {
  const res = await fetch(`${baseUrl}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({
      organization_name: organization,
      contact_name: 'Grace Hopper',
      contact_email: `${organization.toLowerCase().replace(/\W/g, '')}@example.com`,
      preferred_date: inDays(3, 9),
      timezone: 'Europe/Berlin',
      elapsed_ms: 8000,
    }),
  });
  expect(res.status).toBe(201);
  return (await bodyOf<Booking>(res)).id;
}

const change = (id: string, body: object, path = '') =>
  fetch(`${baseUrl}/api/bookings/${id}${path}`, { method: path ? 'POST' : 'PATCH', headers: admin, body: JSON.stringify(body) });

describe('a booking’s life through the real queues', () => {
  it('created → confirmed → rescheduled → completed: each signed webhook, each email, each invite, the history', async () => {
    const org = uniqueName('Walkthrough');
    const id = await book(org);
    await waitForWebhook(id, 'demo_booking.created');
    await waitForEmail(org, 'Thank you for requesting a demo');

    const start = inDays(4, 13);
    expect((await change(id, { status: 'confirmed', preferred_date: start, meeting_url: 'https://meet.example.com/walk' })).status).toBe(
      200,
    );
    const confirmed = await waitForEmail(org, 'Your demo is confirmed', 1);
    expect(confirmed.text).toContain('https://meet.example.com/walk');
    expect(confirmed.text).toMatch(/Time \(Europe\/Berlin\): /);
    const first = invite(confirmed);
    expect(first).toMatchObject({ method: 'REQUEST', sequence: 0, start });

    const moved = inDays(5, 15);
    expect((await change(id, { preferred_date: moved })).status).toBe(200);
    const update = invite(await waitForEmail(org, 'Your demo has a new time', 1));
    expect(update).toMatchObject({ method: 'REQUEST', uid: first.uid, sequence: 1, start: moved });

    expect((await change(id, { status: 'completed' })).status).toBe(200);
    await waitForWebhook(id, 'demo_booking.completed');
    const received = await webhooksOf(id);
    expect(received.map((e) => e.type).sort()).toEqual(
      ['demo_booking.completed', 'demo_booking.confirmed', 'demo_booking.created', 'demo_booking.rescheduled'].sort(),
    );
    // Ordered by the history entry's id (UUIDv7), they are in the order of the changes.
    expect(received.sort((a, b) => a.event.id.localeCompare(b.event.id)).map((e) => e.event.to_status)).toEqual([
      'pending',
      'confirmed',
      'confirmed',
      'completed',
    ]);
    const history = await bodyOf<BookingDetail>(await fetch(`${baseUrl}/api/bookings/${id}`, { headers: admin }));
    expect(history.events.map((e) => `${e.type}:${e.actor}`)).toEqual([
      'created:requester',
      'confirmed:admin-token',
      'rescheduled:admin-token',
      'completed:admin-token',
    ]);
  });

  it('confirmed → cancelled by sales: a cancelled webhook and an email withdrawing the invite (METHOD:CANCEL, same UID)', async () => {
    const org = uniqueName('Cancelled');
    const id = await book(org);
    const start = inDays(6, 10);
    await change(id, { status: 'confirmed', preferred_date: start });
    const sent = invite(await waitForEmail(org, 'Your demo is confirmed', 1));
    expect((await change(id, { reason: 'Budget frozen' }, '/cancel')).status).toBe(200);
    const withdrawn = invite(await waitForEmail(org, 'Your demo is cancelled', 1));
    expect(withdrawn).toMatchObject({ method: 'CANCEL', uid: sent.uid, start });
    const cancelled = await waitForWebhook(id, 'demo_booking.cancelled');
    expect(cancelled.event).toMatchObject({ from_status: 'confirmed', to_status: 'cancelled' });
  });

  it('10 × completed and 10 × no_show at once on one confirmed booking: one wins, one history entry, one webhook', async () => {
    const org = uniqueName('Race');
    const id = await book(org);
    await change(id, { status: 'confirmed', preferred_date: inDays(3, 11) });
    const moves = ['completed', 'no_show'].flatMap((status) => Array.from({ length: 10 }, () => status));
    const answers = await Promise.all(moves.map(async (status) => ({ status, code: (await change(id, { status })).status })));
    const after = await bodyOf<BookingDetail>(await fetch(`${baseUrl}/api/bookings/${id}`, { headers: admin }));
    const ends = after.events.filter((e) => e.type === 'completed' || e.type === 'no_show');
    expect(ends).toHaveLength(1);
    expect(answers.filter((a) => a.status !== after.status).every((a) => a.code === 409)).toBe(true);
    expect(answers.some((a) => a.status === after.status && a.code === 200)).toBe(true);
    await waitForWebhook(id, `demo_booking.${after.status}`);
    await new Promise((r) => setTimeout(r, 1500)); // time for a second one to show up, if there were one
    expect((await webhooksOf(id)).filter((e) => e.type === `demo_booking.${after.status}`)).toHaveLength(1);
  });
});
