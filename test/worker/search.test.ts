import { describe, expect, it } from 'vitest';
import type { BookingPage } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, harness } from './helpers.js';
import { createWithTasks } from './notify-helpers.js';

const found = async (q: string): Promise<string[]> => {
  const res = await harness().request(`/api/bookings?limit=100&q=${encodeURIComponent(q)}`, { headers: ADMIN });
  expect(res.status).toBe(200);
  return (await bodyOf<BookingPage>(res)).data.map((b) => b.id);
};

describe('inbox search: any part of an organization, a contact name or an email, any case, with or without accents', () => {
  it('finds a booking by a word inside its organization, a piece of the contact name, the domain and part of the address', async () => {
    const { id } = await createWithTasks({
      organization_name: 'Österreich Robotics GmbH',
      contact_name: 'Ingrid Søndergaard',
      contact_email: 'ingrid.sondergaard@alpen-robotik.at',
    });
    const other = await createWithTasks({
      organization_name: 'Nordlicht Mentoring',
      contact_name: 'Jan Berg',
      contact_email: 'jan@nordlicht.de',
    });
    for (const q of [
      'österreich',
      'ÖSTERREICH',
      'osterreich',
      'Robotics',
      'robot',
      'grid',
      'sondergaard',
      'Søndergaard',
      'alpen-robotik.at',
      'ingrid.so',
    ])
      expect(await found(q), q).toEqual([id]);
    expect(await found('nordlicht')).toEqual([other.id]);
    expect(await found('zzq-nothing')).toEqual([]);
  });

  it('a quote or an FTS operator in the text is searched for as written, never parsed', async () => {
    const { id } = await createWithTasks({ organization_name: 'The "Quoted" AND NOT Co' });
    expect(await found('"quoted" and not')).toEqual([id]);
    expect(await found('NEAR(')).toEqual([]);
  });

  it('one or two characters find organizations that start with them', async () => {
    const { id } = await createWithTasks({ organization_name: 'Qx Labs' });
    await createWithTasks({ organization_name: 'Labs Qx' });
    expect(await found('qx')).toEqual([id]);
  });

  it('an erased booking is no longer found by its old name or address', async () => {
    const { id } = await createWithTasks({ organization_name: 'Forgetme Widgets', contact_email: 'forget.me@forgetme.example' });
    expect(await found('forgetme')).toEqual([id]);
    const erased = await harness().request(`/api/bookings/${id}/redact`, { method: 'POST', headers: ADMIN });
    expect(erased.status).toBe(200);
    expect(await found('forgetme')).toEqual([]);
    expect(await found('forget.me')).toEqual([]);
  });
});

describe('inbox sorted by organization size', () => {
  it('lists the largest organizations first, newest first within a size, page after page', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const sizes = ['11-50', '1001+', null, '201-1000', '1001+', '1-10', '51-200'];
    const made: { id: string; size: string | null }[] = [];
    for (const size of sizes)
      made.push({ id: (await createWithTasks({ organization_name: `Sized ${tag}`, organization_size: size })).id, size });
    const h = harness();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.request(`/api/bookings?q=Sized%20${tag}&sort=largest&limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: ADMIN,
      });
      expect(res.status).toBe(200);
      const page = await bodyOf<BookingPage>(res);
      seen.push(...page.data.map((b) => b.id));
      cursor = page.next_cursor;
    } while (cursor);
    const rank = (s: string | null) => ['1-10', '11-50', '51-200', '201-1000', '1001+'].indexOf(s ?? '') + 1;
    const expected = made
      .map((m, i) => ({ ...m, i }))
      .sort((a, b) => rank(b.size) - rank(a.size) || b.i - a.i)
      .map((m) => m.id);
    expect(seen).toEqual(expected);
    // A newest-first cursor is not a size cursor.
    const newest = await bodyOf<BookingPage>(await h.request(`/api/bookings?q=Sized%20${tag}&limit=2`, { headers: ADMIN }));
    expect((await h.request(`/api/bookings?q=Sized%20${tag}&sort=largest&cursor=${newest.next_cursor}`, { headers: ADMIN })).status).toBe(
      400,
    );
  });
});

describe('the inbox’s tabs and its news', () => {
  it('GET /api/bookings/counts counts what the filters find, by status', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const ids = [
      (await createWithTasks({ organization_name: `Counted ${tag} A` })).id,
      (await createWithTasks({ organization_name: `Counted ${tag} B` })).id,
      (await createWithTasks({ organization_name: `Counted ${tag} C` })).id,
    ];
    const h = harness();
    const cancel = await h.request(`/api/bookings/${ids[0]}/cancel`, { method: 'POST', headers: ADMIN });
    expect(cancel.status).toBe(200);
    const res = await h.request(`/api/bookings/counts?q=Counted%20${tag}`, { headers: ADMIN });
    expect(res.status).toBe(200);
    expect((await bodyOf<{ counts: Record<string, number> }>(res)).counts).toEqual({
      pending: 2,
      spam: 0,
      confirmed: 0,
      no_show: 0,
      completed: 0,
      cancelled: 1,
    });
    expect((await h.request('/api/bookings/counts?status=pending', { headers: ADMIN })).status).toBe(400);
  });

  it('GET /api/bookings/version moves when a booking is created or changed, and only then', async () => {
    const h = harness();
    const version = async () =>
      (await bodyOf<{ version: string | null }>(await h.request('/api/bookings/version', { headers: ADMIN }))).version;
    const before = await version();
    expect(await version()).toBe(before);
    const { id } = await createWithTasks();
    const created = await version();
    expect(created).not.toBe(before);
    expect(await version()).toBe(created);
    await new Promise((r) => setTimeout(r, 5));
    await h.request(`/api/bookings/${id}/cancel`, { method: 'POST', headers: ADMIN });
    expect(await version()).not.toBe(created);
  });
});
