/** The team's admin API (SPEC 8.1): reps, their feeds, validation by rule name, history with the actor, never a delete. */
import { describe, expect, it } from 'vitest';
import type { ProblemBody, SalesRep, SalesRepDetail, TeamPage } from '../../contract/api.js';
import { DEFAULT_WORKING_HOURS } from '../../contract/team.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, harness, postJson } from './helpers.js';
import { addCalendar, addRep, FEEDS } from './team-helpers.js';

const patchJson = (body: unknown): RequestInit => ({
  method: 'PATCH',
  headers: { ...ADMIN, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const refusal = async (res: Response) => {
  const problem = await bodyOf<ProblemBody>(res);
  // Each refused field once, by its name (a path may go deeper: working_hours.thu.0.1).
  return { status: res.status, rules: [...new Set((problem.errors ?? []).map((e) => `${e.path.split('.')[0]}:${e.rule}`))] };
};

describe('POST /api/team', () => {
  it('adds a rep with the usual week, the email lower-cased and the zone canonical; they are listed', async () => {
    const h = harness();
    const rep = await addRep(h, { name: 'Grace Hopper', email: 'Grace@Northwind.Example', time_zone: 'america/new_york' });
    expect(rep).toMatchObject({
      name: 'Grace Hopper',
      email: 'grace@northwind.example',
      time_zone: 'America/New_York',
      working_hours: DEFAULT_WORKING_HOURS,
      date_overrides: {},
      languages: [],
      meeting_url: null,
      weight: 1,
      active: true,
      calendars: [],
    });
    const page = await bodyOf<TeamPage>(await h.request('/api/team', { headers: ADMIN }));
    expect(page.data.map((r) => r.id)).toEqual([rep.id]);
  });

  it.each([
    ['an unknown zone', { time_zone: 'Mars/Olympus' }, 'time_zone:timezone_format'],
    ['an offset instead of a zone', { time_zone: '+02:00' }, 'time_zone:timezone_format'],
    [
      'overlapping hours',
      {
        working_hours: {
          ...DEFAULT_WORKING_HOURS,
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      },
      'working_hours:working_hours_format',
    ],
    [
      'unsorted hours',
      {
        working_hours: {
          ...DEFAULT_WORKING_HOURS,
          tue: [
            ['13:00', '17:00'],
            ['09:00', '12:00'],
          ],
        },
      },
      'working_hours:working_hours_format',
    ],
    [
      'an end before the start',
      { working_hours: { ...DEFAULT_WORKING_HOURS, wed: [['17:00', '09:00']] } },
      'working_hours:working_hours_format',
    ],
    ['a day that is not one', { working_hours: { ...DEFAULT_WORKING_HOURS, funday: [] } }, 'working_hours:working_hours_format'],
    ['25:00', { working_hours: { ...DEFAULT_WORKING_HOURS, thu: [['09:00', '25:00']] } }, 'working_hours:working_hours_format'],
    ['30 February as an override', { date_overrides: { '2026-02-30': [] } }, 'date_overrides:date_overrides_format'],
    ['an http meeting room', { meeting_url: 'http://meet.example.com/ada' }, 'meeting_url:meeting_url_format'],
    ['weight 11', { weight: 11 }, 'weight:rep_weight_range'],
    ['a language we do not offer', { languages: ['it'] }, 'languages:rep_languages_value'],
    ['an empty name', { name: '  ' }, 'name:rep_name_not_empty'],
    ['an address that is not one', { email: 'ada@' }, 'email:rep_email_format'],
  ])('refuses %s under its rule, and stores nothing', async (_, change, rule) => {
    const h = harness();
    const body = { name: 'Ada', email: 'ada@northwind.example', time_zone: 'Europe/Berlin', ...change };
    const res = await h.request('/api/team', postJson(body, ADMIN));
    expect(await refusal(res)).toEqual({ status: 422, rules: [rule] });
    expect((await bodyOf<TeamPage>(await h.request('/api/team', { headers: ADMIN }))).data).toEqual([]);
  });

  it('accepts 24:00 as the end of a day, and a day off', async () => {
    const h = harness();
    const rep = await addRep(h, { working_hours: { ...DEFAULT_WORKING_HOURS, fri: [['20:00', '24:00']], mon: [] } });
    expect(rep.working_hours.fri).toEqual([['20:00', '24:00']]);
  });

  it('refuses a second rep with the same address (rep_email_taken, 409), however it is written', async () => {
    const h = harness();
    await addRep(h, { email: 'ada@northwind.example' });
    const res = await h.request('/api/team', postJson({ name: 'Ada 2', email: 'ADA@northwind.example', time_zone: 'UTC' }, ADMIN));
    expect(await refusal(res)).toEqual({ status: 409, rules: ['email:rep_email_taken'] });
  });

  it('is admin only', async () => {
    const h = harness();
    expect((await h.request('/api/team')).status).toBe(401);
    expect((await h.request('/api/team', postJson({ name: 'x', email: 'x@y.example', time_zone: 'UTC' }))).status).toBe(401);
  });
});

describe('PATCH /api/team/{id}', () => {
  it('changes what differs, records old and new with the actor; deactivating is recorded and the rep is never deleted', async () => {
    const h = harness();
    const rep = await addRep(h, { weight: 2 });
    const changed = await bodyOf<SalesRep>(
      await h.request(`/api/team/${rep.id}`, patchJson({ weight: 3, name: rep.name, meeting_url: 'https://meet.example.com/ada' })),
    );
    expect(changed).toMatchObject({ weight: 3, meeting_url: 'https://meet.example.com/ada' });
    await h.request(`/api/team/${rep.id}`, patchJson({ active: false }));
    const removed = await h.request(`/api/team/${rep.id}`, { method: 'DELETE', headers: ADMIN });
    expect(removed.status).toBe(405);
    const detail = await bodyOf<SalesRepDetail>(await h.request(`/api/team/${rep.id}`, { headers: ADMIN }));
    expect(detail.active).toBe(false);
    expect(detail.events.map((e) => [e.type, e.actor])).toEqual([
      ['created', 'admin-token'],
      ['updated', 'admin-token'],
      ['deactivated', 'admin-token'],
    ]);
    expect(detail.events[1]!.details).toEqual({
      changes: { weight: { from: 2, to: 3 }, meeting_url: { from: null, to: 'https://meet.example.com/ada' } },
    });
  });

  it('answers 404 for an id no rep has, in words about reps', async () => {
    const h = harness();
    const res = await h.request('/api/team/019ad2a4-6c1e-7d2b-9f4a-0c8e5b1d2f3a', patchJson({ weight: 2 }));
    expect(res.status).toBe(404);
    expect((await bodyOf<ProblemBody>(res)).detail).toBe('No sales rep has this id.');
  });
});

describe('calendar feeds', () => {
  it('takes webcal:// as https, masks the address in every answer and the history, and queues the first sync at once', async () => {
    const h = harness();
    const rep = await addRep(h);
    const feed = await addCalendar(h, rep.id, 'webcal://calendar.example.test/feeds/secret-9f8e7d.ics');
    expect(feed).toMatchObject({ url: 'https://calendar.example.test/…', last_ok_at: null, busy_count: 0, stale: false });
    expect(h.calendar.sent).toEqual([{ feed_id: feed.id }]);
    const detail = await (await h.request(`/api/team/${rep.id}`, { headers: ADMIN })).text();
    expect(detail).not.toContain('secret-9f8e7d');
    expect(detail).toContain('"type":"feed_added"');
  });

  it.each([
    ['plain http', 'http://calendar.example.test/feeds/google.ics'],
    ['credentials in the address', 'https://ada:pw@calendar.example.test/feeds/google.ics'],
    ['not an address', 'my calendar'],
  ])('refuses %s (feed_url_format)', async (_, url) => {
    const h = harness();
    const rep = await addRep(h);
    const res = await h.request(`/api/team/${rep.id}/calendars`, postJson({ url }, ADMIN));
    expect(await refusal(res)).toEqual({ status: 422, rules: ['url:feed_url_format'] });
  });

  it('takes at most five feeds per rep (feeds_per_rep_max)', async () => {
    const h = harness();
    const rep = await addRep(h);
    for (let i = 0; i < 5; i++) await addCalendar(h, rep.id, `${FEEDS}/google.ics?n=${i}`);
    const res = await h.request(`/api/team/${rep.id}/calendars`, postJson({ url: `${FEEDS}/google.ics?n=6` }, ADMIN));
    expect(await refusal(res)).toEqual({ status: 409, rules: ['url:feeds_per_rep_max'] });
  });

  it('busy time is asked for in windows of at most 62 days', async () => {
    const h = harness();
    const rep = await addRep(h);
    const res = await h.request(`/api/team/${rep.id}/busy?from=2026-10-01T00:00:00Z&to=2026-12-31T00:00:00Z`, { headers: ADMIN });
    expect(res.status).toBe(400);
  });
});
