import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { anonymizeIp, rateLimitKey } from '../../worker/http/ip.js';
import { allBookings, harness, postJson, validBooking } from './helpers.js';

describe('ip_address_anonymization', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['10.0.0.255', '10.0.0.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:DB8:0:0:1::1', '2001:db8::'],
    ['::1', '::'],
    ['fe80::1%eth0', 'fe80::'],
    ['::ffff:192.0.2.128', '192.0.2.0'],
    ['64:ff9b::c000:280', '64:ff9b::'],
    ['2a00:1450:4001:81c::200e', '2a00:1450:4001::'],
  ])('%s is stored as %s', (raw, expected) => expect(anonymizeIp(raw)).toBe(expected));

  it.each(['', 'localhost', '999.1.1.1', '1:2:3:4:5:6:7:8:9', '1::2::3', 'gggg::1'])('%j is no address (null)', (raw) =>
    expect(anonymizeIp(raw)).toBeNull(),
  );

  it.each(['1.2.3.4.5', '192.0.2.12345', '1.2.3', '::ffff:1.2.3.4.5', '1:2::3.4.5.6.7'])(
    'a CF-Connecting-IP of %j that is no address: the booking is stored without one (no 500)',
    async (raw) => {
      const res = await harness().request('/api/bookings', postJson(validBooking(), { 'cf-connecting-ip': raw }));
      expect(res.status).toBe(201);
      expect((await allBookings()).map((b) => b.ip_address)).toEqual([null]);
    },
  );

  it('takes the address from CF-Connecting-IP, never from the body, and stores it anonymized', async () => {
    const h = harness();
    const res = await h.request('/api/bookings', postJson(validBooking(), { 'cf-connecting-ip': '2001:db8:85a3:8d3:1319:8a2e:370:7348' }));
    expect(res.status).toBe(201);
    expect((await allBookings())[0]!.ip_address).toBe('2001:db8:85a3::');
    const v4 = await h.request('/api/bookings', postJson(validBooking(), { 'cf-connecting-ip': '203.0.113.77' }));
    expect(v4.status).toBe(201);
    expect((await allBookings()).map((b) => b.ip_address)).toContain('203.0.113.0');
  });

  it('the database refuses a full address (CHECK constraint)', async () => {
    const h = harness();
    await h.request('/api/bookings', postJson(validBooking()));
    await expect(env.DB.prepare("UPDATE demo_bookings SET ip_address = '203.0.113.77'").run()).rejects.toThrow(/CHECK constraint failed/);
    await expect(env.DB.prepare("UPDATE demo_bookings SET ip_address = '2001:db8:85a3:8d3:1319:8a2e:370:7348'").run()).rejects.toThrow(
      /CHECK/,
    );
  });
});

/** The brake counts in windows aligned to the wall clock's minute: a burst that straddles a minute would be counted twice. */
async function startOfFreshMinute(burstSeconds: number): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 60_000 - burstSeconds * 1000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

describe('the per-IP brake', () => {
  it('counts an IPv6 client by its /64: hopping between addresses of one network does not escape it', async () => {
    const h = harness();
    await startOfFreshMinute(30);
    const network = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    const answers: number[] = [];
    for (let i = 0; i < 21; i++) {
      const address = `${network}:${(i + 1).toString(16)}:0:0:${(i * 7 + 3).toString(16)}`;
      answers.push((await h.request('/api/bookings', postJson(validBooking(), { 'cf-connecting-ip': address }))).status);
    }
    expect(answers.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(answers[20]).toBe(429);
    // Another /64 is another client.
    const elsewhere = await h.request('/api/bookings', postJson(validBooking(), { 'cf-connecting-ip': '2001:db8:ffff:fffe::1' }));
    expect(elsewhere.status).toBe(201);
  }, 90_000);

  it.each([
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
  ])('%s is counted as %s', (raw, key) => expect(rateLimitKey(raw)).toBe(key));
});
