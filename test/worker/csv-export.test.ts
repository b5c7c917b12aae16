import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { isFormula, parseCsv } from '../csv.js';
import { ADMIN, harness } from './helpers.js';
import { createWithTasks } from './notify-helpers.js';

/** Values as a hostile requester (or an older row) could leave them. */
const HOSTILE = {
  organization_name: 'Acme;=1+1;@SUM(2+2)',
  contact_name: '\u200B=HYPERLINK("https://evil.example","Open")',
  message: 'Hello\n=2+2\r\n+cmd|" /C calc"!A0\n  -1+1\n\uFF1D1+1',
  utm_campaign: 'spring, \uFF0BSUM(1)',
  contact_phone: '+44 20 7946 0958',
};

describe('GET /api/bookings/export.csv against formula injection', () => {
  it('no cell runs as a formula whether the spreadsheet splits on "," or on ";", and phone numbers stay readable', async () => {
    const { id } = await createWithTasks();
    await env.DB.prepare(
      'UPDATE demo_bookings SET organization_name = ?, contact_name = ?, message = ?, utm_campaign = ?, contact_phone = ? WHERE id = ?',
    )
      .bind(...Object.values(HOSTILE), id)
      .run();
    const csv = await (await harness().request('/api/bookings/export.csv', { headers: ADMIN })).text();

    for (const separator of [',', ';'] as const) {
      const formulas = parseCsv(csv, separator)
        .flat()
        .filter((cell) => isFormula(cell));
      expect(formulas, `split on "${separator}"`).toEqual([]);
    }

    const [header, row] = parseCsv(csv, ',');
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(header).toHaveLength(row!.length);
    expect(cell('id')).toBe(id);
    expect(cell('organization_name')).toBe("Acme;'=1+1;'@SUM(2+2)");
    expect(cell('message')).toBe("Hello\n'=2+2\r\n'+cmd|\" /C calc\"!A0\n  '-1+1\n'\uFF1D1+1");
    expect(cell('utm_campaign')).toBe("spring, '\uFF0BSUM(1)");
    // Excel shows a leading apostrophe as "this is text": the phone reads +44 20 7946 0958.
    expect(cell('contact_phone')).toBe("'+44 20 7946 0958");
    expect(cell('webhook_attempts')).toBe('0');
  });
});

const exported = async (query: string) => {
  const res = await harness().request(`/api/bookings/export.csv?${query}`, { headers: ADMIN });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes); // drops a leading BOM, as a spreadsheet does
const UTF8_BOM = [0xef, 0xbb, 0xbf];

describe('GET /api/bookings/export.csv as a spreadsheet user wants it', () => {
  it('leaves spam out unless asked for (include_spam=true, or status=spam)', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const kept = await createWithTasks({ organization_name: `Real ${tag}` });
    const spam = await createWithTasks({ organization_name: `Spammy ${tag}` });
    await env.DB.prepare("UPDATE demo_bookings SET status = 'spam', spam_reason = 'honeypot' WHERE id = ?").bind(spam.id).run();
    const ids = async (query: string) => {
      const [header, ...rows] = parseCsv(text(await exported(query)), ',');
      return rows.map((r) => r[header!.indexOf('id')]).sort();
    };
    expect(await ids(`q=${tag}`)).toEqual([kept.id]);
    expect(await ids(`q=${tag}&include_spam=true`)).toEqual([kept.id, spam.id].sort());
    expect(await ids(`q=${tag}&status=spam`)).toEqual([spam.id]);
  });

  it('adds the times on the viewer’s clock, in columns that name the zone', async () => {
    const { id } = await createWithTasks({ preferred_date: '2027-03-28T09:30:00.000Z' });
    await env.DB.prepare("UPDATE demo_bookings SET created_at = '2026-07-01T22:15:00.000Z' WHERE id = ?").bind(id).run();
    const [header, ...rows] = parseCsv(text(await exported('time_zone=Europe/Berlin')), ',');
    const row = rows.find((r) => r[header!.indexOf('id')] === id)!;
    const cell = (name: string) => row[header!.indexOf(name)];
    expect(header!.indexOf('created_at (Europe/Berlin)')).toBe(header!.indexOf('created_at') + 1);
    expect(cell('created_at (Europe/Berlin)')).toBe('2026-07-02 00:15'); // summer time: UTC+2, the next day
    expect(cell('preferred_date (Europe/Berlin)')).toBe('2027-03-28 11:30'); // the day clocks go forward
    expect((await harness().request('/api/bookings/export.csv?time_zone=Mars/Olympus', { headers: ADMIN })).status).toBe(400);
  });

  it('for Excel: a byte order mark first, and a phone number as text without an apostrophe; nothing else runs as a formula', async () => {
    const { id } = await createWithTasks({ contact_phone: '+44 20 7946 0958' });
    const hostile = await createWithTasks();
    await env.DB.prepare("UPDATE demo_bookings SET contact_phone = '+1+cmd|calc' WHERE id = ?").bind(hostile.id).run();
    const csv = await exported('excel=true');
    expect([...csv.slice(0, 3)]).toEqual(UTF8_BOM);
    const [header, ...rows] = parseCsv(text(csv), ',');
    const phone = (bookingId: string) => rows.find((r) => r[header!.indexOf('id')] === bookingId)![header!.indexOf('contact_phone')];
    expect(phone(id)).toBe('="+44 20 7946 0958"');
    expect(phone(hostile.id)).toBe("'+1+cmd|calc");
    const formulas = rows.flat().filter((cell) => isFormula(cell) && !/^="\+[\d ]+"$/.test(cell));
    expect(formulas).toEqual([]);
    expect([...(await exported('')).slice(0, 3)]).not.toEqual(UTF8_BOM);
  });
});
