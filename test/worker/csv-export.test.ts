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
