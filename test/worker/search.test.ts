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
