import { env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signCancelToken } from '../../worker/cancel/token.js';
import { ADMIN, allTasks, harness } from './helpers.js';
import { captured, createWithTasks, deliver, notifyEnv, rows } from './notify-helpers.js';

/** Creates a booking, sends its confirmation email, and returns the cancel link found in it. */
async function linkFromEmail(overrides: Record<string, unknown> = {}) {
  const booking = await createWithTasks(overrides);
  const n = notifyEnv();
  await deliver(booking.email.id, n.env);
  const mail = n.email.sent[0]!;
  const link = /(https?:\/\/\S+\/cancel\/\S+)/.exec(mail.text)![1]!;
  expect(mail.html).toContain(link.replace(/&/g, '&amp;'));
  return { ...booking, link: new URL(link) };
}

const get = (url: URL) => harness().request(url.pathname + url.search);
const post = (url: URL, token = url.searchParams.get('token')!) =>
  harness().request(url.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });

describe('requester self-cancel', () => {
  it('the link from a real confirmation email asks first (GET changes nothing), then cancels (POST) and sends a signed cancelled webhook', async () => {
    const { id, link } = await linkFromEmail({ organization_name: 'Tidewater <Mentors>' });
    expect(link.origin).toBe(env.PUBLIC_BASE_URL);
    const page = await get(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Tidewater &lt;Mentors&gt;');
    expect(html).toContain('<form method="post">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    // The token is in the URL: it must not leak through a Referer, nor the page be read as another type.
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await rows((await allTasks())[0]!.id, id)).booking.status).toBe('pending');

    const done = await post(link);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('is cancelled');
    const cancelledTask = (await allTasks()).find((t) => t.event_type === 'demo_booking.cancelled')!;
    const { booking } = await rows(cancelledTask.id, id);
    expect(booking.status).toBe('cancelled');

    const n = notifyEnv({ webhookPath: `/ok/cancel-${id}` });
    await deliver(cancelledTask.id, n.env);
    const [request] = await captured(`/ok/cancel-${id}`);
    const event = new Webhook(env.WEBHOOK_SECRET).verify(request!.body, request!.headers) as {
      type: string;
      data: { id: string; status: string };
    };
    expect(event).toMatchObject({ type: 'demo_booking.cancelled', data: { id, status: 'cancelled' } });
  });

  it('a second POST answers that it is already cancelled, and no second event is written', async () => {
    const { link } = await linkFromEmail();
    const [first, second] = await Promise.all([post(link), post(link)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await (await post(link)).text()).toContain('Already cancelled');
    expect((await allTasks()).filter((t) => t.event_type === 'demo_booking.cancelled')).toHaveLength(1);
  });

  it('refuses a tampered token, another booking’s token and an expired one, changing nothing', async () => {
    const { id, link } = await linkFromEmail();
    const other = await createWithTasks();
    const token = link.searchParams.get('token')!;
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    expect((await post(link, tampered)).status).toBe(400);
    expect((await post(new URL(`/cancel/${other.id}`, link), token)).status).toBe(400);
    const expired = await signCancelToken(env.WEBHOOK_SECRET, id, new Date(Date.now() - 31 * 86_400_000));
    expect((await post(link, expired)).status).toBe(410);
    expect((await get(new URL(`${link.pathname}?token=${expired}`, link))).status).toBe(410);
    expect((await post(link, '')).status).toBe(400);
    const statuses = (await env.DB.prepare('SELECT status FROM demo_bookings').all<{ status: string }>()).results.map((r) => r.status);
    expect(statuses).toEqual(['pending', 'pending']);
  });

  it('cannot cancel a completed demo', async () => {
    const { id, link } = await linkFromEmail();
    const h = harness();
    for (const status of ['confirmed', 'completed'])
      await h.request(`/api/bookings/${id}`, {
        method: 'PATCH',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
    expect((await post(link)).status).toBe(409);
    expect((await get(link)).status).toBe(409);
  });

  it('speaks the language of the booking its emails were written in: the question, the answer, the dates; a broken link the browser’s', async () => {
    const { link } = await linkFromEmail({ locale: 'de', timezone: 'Europe/Berlin' });
    const page = await get(link);
    const html = await page.text();
    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(html).toContain('Demo-Anfrage absagen?');
    expect(html).toMatch(/Wunschtermin \w+, \d+\. \w+ \d{4} um \d{2}:\d{2} \(Europe\/Berlin\)/);
    expect(html).toContain('Ja, Anfrage absagen');
    const done = await (await post(link)).text();
    expect(done).toContain('Ihre Demo-Anfrage ist abgesagt');
    // Before any booking is known, the browser's language: a Spanish browser, a link that does not work.
    const broken = await harness().request(`${link.pathname}?token=broken`, { headers: { 'accept-language': 'es-ES,es;q=0.9' } });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('Este enlace no funciona');
  });
});
