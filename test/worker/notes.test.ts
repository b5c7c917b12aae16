/** Notes on a booking: who wrote what, when; in the history and the CSV; erased with the booking's personal data. */
import { describe, expect, it } from 'vitest';
import type { BookingDetail, HistoryEntry } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { parseCsv } from '../csv.js';
import { ADMIN, allTasks, harness } from './helpers.js';
import { createWithTasks } from './notify-helpers.js';

const h = harness();
const note = (id: string, text: unknown) =>
  h.request(`/api/bookings/${id}/notes`, {
    method: 'POST',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
const detail = async (id: string) => bodyOf<BookingDetail>(await h.request(`/api/bookings/${id}`, { headers: ADMIN }));

describe('notes on a booking', () => {
  it('are history entries naming who wrote them; they change nothing, announce nothing, and come in the CSV', async () => {
    const { id } = await createWithTasks({ organization_name: 'Noted GmbH' });
    const before = await detail(id);
    const tasksBefore = (await allTasks()).length;
    const res = await note(id, '  Wants SSO; call back Tuesday.  ');
    expect(res.status).toBe(201);
    const entry = await bodyOf<HistoryEntry>(res);
    expect(entry).toMatchObject({ type: 'note', actor: 'admin-token', details: { note: 'Wants SSO; call back Tuesday.' } });
    expect((await note(id, 'Second: sent the deck.')).status).toBe(201);
    const after = await detail(id);
    expect(after.events.slice(-2).map((e) => e.details.note)).toEqual(['Wants SSO; call back Tuesday.', 'Second: sent the deck.']);
    expect([after.status, after.updated_at]).toEqual([before.status, before.updated_at]);
    expect((await allTasks()).length).toBe(tasksBefore);

    const csv = await (await h.request('/api/bookings/export.csv?q=Noted%20GmbH', { headers: ADMIN })).text();
    const [header, row] = parseCsv(csv, ',');
    expect(row![header!.indexOf('notes')]).toMatch(
      /^\S+Z admin-token: Wants SSO; call back Tuesday\.\n\S+Z admin-token: Second: sent the deck\.$/,
    );
  });

  it('an empty or too long note is refused; an erased booking takes none and its notes are gone', async () => {
    const { id } = await createWithTasks();
    expect((await note(id, '   ')).status).toBe(422);
    expect((await note(id, 'x'.repeat(2001))).status).toBe(422);
    expect((await note(id, 'Private: their CFO is Jane Roe.')).status).toBe(201);
    expect((await h.request(`/api/bookings/${id}/redact`, { method: 'POST', headers: ADMIN })).status).toBe(200);
    const erased = await detail(id);
    expect(JSON.stringify(erased.events)).not.toContain('Jane Roe');
    expect(erased.events.some((e) => e.type === 'note')).toBe(true); // the entry stays, without its text
    expect((await note(id, 'more')).status).toBe(409);
  });
});
