import { describe, expect, it } from 'vitest';
import type { CreatedBooking, ProblemBody } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { allBookings, allTasks, harness, postJson, validBooking } from './helpers.js';

/** Posts a body and asserts the refusal stored nothing and enqueued nothing. */
async function expectRefused(body: unknown, status: number, rule: string, path?: string, init?: RequestInit) {
  const h = harness();
  const res = await h.request('/api/bookings', init ?? postJson(body));
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = await bodyOf<ProblemBody>(res);
  expect(problem.status).toBe(status);
  const rules = [problem.rule, ...(problem.errors ?? []).map((e) => e.rule)];
  expect(rules).toContain(rule);
  if (path) expect(problem.errors?.find((e) => e.rule === rule)?.path).toBe(path);
  expect(problem.errors?.every((e) => e.message.length > 0) ?? true).toBe(true);
  expect(JSON.stringify(problem)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  expect(await allBookings()).toHaveLength(0);
  expect(await allTasks()).toHaveLength(0);
  expect(h.email.sent.length + h.webhook.sent.length).toBe(0);
}

async function expectAccepted(body: unknown) {
  const h = harness();
  const res = await h.request('/api/bookings', postJson(body));
  expect(res.status, await res.clone().text()).toBe(201);
  return await bodyOf<CreatedBooking>(res);
}

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

describe('organization_name_not_empty', () => {
  it('refuses an empty, blank or over-long organization name', async () => {
    await expectRefused(validBooking({ organization_name: '' }), 422, 'organization_name_not_empty', 'organization_name');
    await expectRefused(validBooking({ organization_name: '   ' }), 422, 'organization_name_not_empty');
    await expectRefused(validBooking({ organization_name: 'x'.repeat(201) }), 422, 'organization_name_not_empty');
    await expectRefused(validBooking({ organization_name: undefined }), 422, 'organization_name_not_empty');
  });
  it('accepts and trims a 200-character name', async () => {
    const created = await expectAccepted(validBooking({ organization_name: `  ${'é'.repeat(200)}  ` }));
    expect(created.organization_name).toBe('é'.repeat(200));
  });
});

describe('contact_name_not_empty', () => {
  it('refuses a missing or blank contact name', async () => {
    await expectRefused(validBooking({ contact_name: ' \t ' }), 422, 'contact_name_not_empty', 'contact_name');
    await expectRefused(validBooking({ contact_name: null }), 422, 'contact_name_not_empty');
  });
  it('accepts a one-letter name', async () => {
    expect((await expectAccepted(validBooking({ contact_name: 'Q' }))).contact_name).toBe('Q');
  });
});

describe('contact_email_format', () => {
  it.each(['not-an-email', 'a@b', 'a b@example.com', 'a@example..com', `${'a'.repeat(250)}@example.com`, 'a@-example.com'])(
    'refuses %s',
    async (email) => expectRefused(validBooking({ contact_email: email }), 422, 'contact_email_format', 'contact_email'),
  );
  it('refuses a non-string email', async () => expectRefused(validBooking({ contact_email: 42 }), 422, 'contact_email_format'));
  it('accepts a plus address and stores it trimmed and lower-cased', async () => {
    const created = await expectAccepted(validBooking({ contact_email: '  Ada.Lovelace+Demo@Example.CO.uk ' }));
    expect(created.contact_email).toBe('ada.lovelace+demo@example.co.uk');
  });
});

describe('preferred_date_must_be_future', () => {
  it('refuses a time in the past or under 24 hours ahead with 422', async () => {
    await expectRefused(validBooking({ preferred_date: hours(-1) }), 422, 'preferred_date_must_be_future', 'preferred_date');
    await expectRefused(validBooking({ preferred_date: hours(23.5) }), 422, 'preferred_date_must_be_future');
  });
  it('refuses a time more than 365 days ahead and one without an offset', async () => {
    await expectRefused(validBooking({ preferred_date: hours(24 * 366) }), 422, 'preferred_date_max_ahead');
    await expectRefused(validBooking({ preferred_date: '2030-01-01T10:00' }), 422, 'preferred_date_format');
  });
  it('accepts 25 hours ahead given with an offset and returns it in UTC', async () => {
    const at = new Date(Date.now() + 25 * 3_600_000);
    at.setUTCSeconds(0, 0);
    const local = `${new Date(at.getTime() + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00`;
    const created = await expectAccepted(validBooking({ preferred_date: local }));
    expect(created.preferred_date).toBe(at.toISOString());
  });
  it('accepts no preferred date at all', async () => {
    expect((await expectAccepted(validBooking({ preferred_date: null }))).preferred_date).toBeNull();
  });
});

describe('message_max_length', () => {
  it('refuses 5,001 characters', async () => {
    await expectRefused(validBooking({ message: 'm'.repeat(5001) }), 422, 'message_max_length', 'message');
  });
  it('counts code points, not UTF-16 units: 5,000 emoji are accepted', async () => {
    const created = await expectAccepted(validBooking({ message: '😀'.repeat(5000) }));
    expect([...(created.message as string)]).toHaveLength(5000);
  });
});

describe('the other fields', () => {
  it('refuses a bad phone, size, source URL, UTM value and time zone under their rules', async () => {
    await expectRefused(validBooking({ contact_phone: '12345' }), 422, 'contact_phone_format', 'contact_phone');
    await expectRefused(validBooking({ contact_phone: 'call me maybe' }), 422, 'contact_phone_format');
    await expectRefused(validBooking({ organization_size: '5000' }), 422, 'organization_size_value');
    await expectRefused(validBooking({ source_url: 'javascript:alert(1)' }), 422, 'source_url_format');
    await expectRefused(validBooking({ utm_campaign: 'c'.repeat(256) }), 422, 'utm_max_length');
    await expectRefused(validBooking({ timezone: 'Mars/Olympus' }), 422, 'timezone_format');
  });
  it('stores empty optional fields as null', async () => {
    const created = await expectAccepted(validBooking({ contact_phone: '', message: '  ', utm_source: null }));
    expect([created.contact_phone, created.message, created.utm_source]).toEqual([null, null, null]);
  });
});

describe('what hides or misleads', () => {
  it('refuses an impossible date instead of moving it (30 February is not 2 March), in create and in PATCH', async () => {
    const next = new Date().getUTCFullYear() + 1;
    await expectRefused(validBooking({ preferred_date: `${next}-02-30T10:00:00Z` }), 422, 'preferred_date_format', 'preferred_date');
    await expectRefused(validBooking({ preferred_date: `${next}-04-31T10:00:00+02:00` }), 422, 'preferred_date_format');
    await expectRefused(validBooking({ preferred_date: `${next}-01-10T24:00:00Z` }), 422, 'preferred_date_format');
    const h = harness();
    const { id } = await bodyOf<CreatedBooking>(await h.request('/api/bookings', postJson(validBooking())));
    const res = await h.request(`/api/bookings/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${h.env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ preferred_date: `${next}-02-30T10:00:00Z` }),
    });
    expect(res.status).toBe(422);
  });

  it('refuses control, bidi and format characters in single-line fields; a message keeps its line breaks and tabs', async () => {
    for (const [field, value, rule] of [
      ['contact_name', 'Ada\u0000Lovelace', 'contact_name_not_empty'],
      ['contact_name', 'Ada\u0007', 'contact_name_not_empty'],
      ['contact_name', 'Ada\u0085Lovelace', 'contact_name_not_empty'],
      ['organization_name', 'Acme\u202eevil', 'organization_name_not_empty'],
      ['organization_name', '\u200b', 'organization_name_not_empty'],
      ['organization_name', 'Acme\u2028Corp', 'organization_name_not_empty'],
      ['utm_campaign', 'spring\u2066sale', 'utm_max_length'],
      ['message', 'hello\u0000', 'message_max_length'],
      ['source_url', 'https://www.example.com/\u0000', 'source_url_format'],
    ] as const)
      await expectRefused(validBooking({ [field]: value }), 422, rule, field);
    const created = await expectAccepted(validBooking({ message: 'Line one\nLine two\twith a tab', contact_name: 'Mo\u200cha' }));
    expect(created.message).toBe('Line one\nLine two\twith a tab');
  });

  it('takes only IANA time zone names, stored canonically', async () => {
    for (const timezone of ['+05:00', 'EST', 'GMT+2', 'Europe/Atlantis'])
      await expectRefused(validBooking({ timezone }), 422, 'timezone_format', 'timezone');
    await expectAccepted(validBooking({ timezone: 'europe/berlin' }));
    const [row] = await allBookings();
    expect(row!.timezone).toBe('Europe/Berlin');
  });

  it('keeps a zone’s current name where the runtime knows it by an older one (Asia/Kolkata, not Asia/Calcutta)', async () => {
    for (const [typed, stored] of [
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['asia/kolkata', 'Asia/Kolkata'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
      ['AMERICA/ARGENTINA/BUENOS_AIRES', 'America/Argentina/Buenos_Aires'],
    ]) {
      const created = await expectAccepted(validBooking({ timezone: typed }));
      const row = (await allBookings()).find((b) => b.id === created.id);
      expect(row!.timezone).toBe(stored);
    }
  });
});

describe('the request itself', () => {
  it('refuses unknown fields with 400, naming each', async () => {
    await expectRefused(validBooking({ status: 'confirmed' }), 400, 'unknown_field', 'status');
    await expectRefused(validBooking({ ip_address: '1.2.3.0' }), 400, 'unknown_field', 'ip_address');
  });
  it('refuses malformed JSON with 400, another media type with 415, and more than 32 KiB with 413', async () => {
    const post = (body: string, type: string): RequestInit => ({ method: 'POST', headers: { 'content-type': type }, body });
    const h = harness();
    expect((await h.request('/api/bookings', post('{"organization_name":', 'application/json'))).status).toBe(400);
    expect((await h.request('/api/bookings', post('organization_name=x', 'application/x-www-form-urlencoded'))).status).toBe(415);
    const big = JSON.stringify(validBooking({ message: 'x'.repeat(33 * 1024) }));
    const res = await h.request('/api/bookings', post(big, 'application/json'));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await allBookings()).toHaveLength(0);
  });
  it('reports every refused field at once', async () => {
    const h = harness();
    const res = await h.request(
      '/api/bookings',
      postJson(validBooking({ organization_name: '', contact_email: 'nope', message: 'x'.repeat(5001) })),
    );
    const problem = await bodyOf<ProblemBody>(res);
    expect((problem.errors ?? []).map((e) => e.rule).sort()).toEqual([
      'contact_email_format',
      'message_max_length',
      'organization_name_not_empty',
    ]);
  });
});
