import { describe, expect, it } from 'vitest';
import type { BookingPage } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { parseCsv } from '../csv.js';
import { ADMIN, harness } from './helpers.js';
import { createWithTasks } from './notify-helpers.js';

describe('search of any length the document allows (up to 200 characters)', () => {
  it.each([49, 50, 120, 200])('a %i-character q finds the organization in the list and in the CSV export (no 500)', async (length) => {
    const name = `${'Nordlicht Mentoring '.repeat(10)}`.slice(0, 200);
    const { id } = await createWithTasks({ organization_name: name });
    await createWithTasks({ organization_name: 'Other' });
    const q = encodeURIComponent(name.slice(0, length).toLowerCase());
    const h = harness();
    const list = await h.request(`/api/bookings?q=${q}`, { headers: ADMIN });
    expect(list.status).toBe(200);
    expect((await bodyOf<BookingPage>(list)).data.map((b) => b.id)).toEqual([id]);
    const csv = await h.request(`/api/bookings/export.csv?q=${q}`, { headers: ADMIN });
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv(await csv.text(), ',');
    expect(rows.map((r) => r[header!.indexOf('id')])).toEqual([id]);
  });
});
