/**
 * Live slots through the public routes (SPEC 8.3, 8.4): POST /api/slots
 * answers from D1, and POST /api/bookings with slot_start books a rep at
 * once, the database refusing any overlap of one rep's bookings however many
 * requests race. The clock is set to a Monday morning before Europe's clocks
 * go back, so every expected time below is fixed.
 */
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookingDetail, CreatedBooking, DemoList, SalesRep, SlotsAnswer, SlotUnavailable } from '../../contract/api.js';
import { signCancelToken } from '../../worker/cancel/token.js';
import * as schema from '../../worker/db/schema.js';
import type { WebhookEvent } from '../../worker/messages/webhook.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allBookings, db, harness, postJson, uniqueEmail, validBooking } from './helpers.js';
import { captured, deliver, notifyEnv } from './notify-helpers.js';
import { addCalendar, addRep, FEEDS, syncAt } from './team-helpers.js';

const NOW = '2026-10-19T06:00:00.000Z'; // Monday, 08:00 in Berlin (CEST)

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW));
  // Each test starts from a team of its own.
  await env.DB.prepare('UPDATE sales_reps SET active = 0').run();
});
afterEach(() => {
  vi.useRealTimers();
});

type Harness = ReturnType<typeof harness>;

/** A minute later: history entries of one booking follow each other. */
const later = () => vi.setSystemTime(new Date(Date.now() + 60_000));

/** PATCH /api/bookings/{id} as an admin. */
const patch = (h: Harness, id: string, body: Record<string, unknown>) =>
  h.request(`/api/bookings/${id}`, {
    method: 'PATCH',
    headers: { ...ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const tasksOf = (id: string) => db().select().from(schema.notificationTasks).where(eq(schema.notificationTasks.booking_id, id));
const inviteOf = (m: unknown) => (m as { attachments: { content: string }[] }).attachments[0]!.content;
/** A minute passes (the clock is frozen otherwise, and history entries are ordered by their time). */

async function slotsFor(h: Harness, body: Record<string, unknown>): Promise<SlotsAnswer> {
  const res = await h.request('/api/slots', postJson(body));
  expect(res.status, await res.clone().text()).toBe(200);
  return bodyOf<SlotsAnswer>(res);
}
const starts = (answer: SlotsAnswer) => answer.slots.map((s) => s.start);

/** An address at a company of its own: no earlier booking makes it an account with an owner. */
const newCompanyEmail = () => uniqueEmail().replace('@example.com', `@company-${crypto.randomUUID().slice(0, 8)}.example`);

/** Books a slot as a prospect of a new company would. */
const book = (h: Harness, slot_start: string, extra: Record<string, unknown> = {}) =>
  h.request('/api/bookings', postJson(validBooking({ preferred_date: undefined, slot_start, contact_email: newCompanyEmail(), ...extra })));

const BERLIN_TUESDAY = [
  '07:00',
  '07:30',
  '08:00',
  '08:30',
  '09:00',
  '09:30', // 09:00–12:00 CEST
  '11:00',
  '11:30',
  '12:00',
  '12:30',
  '13:00',
  '13:30',
  '14:00',
  '14:30', // 13:00–17:00 CEST
].map((t) => `2026-10-20T${t}:00.000Z`);

describe('POST /api/slots', () => {
  it('a team’s answer is exactly the union of each rep’s answer alone (reps sharing a week, other zones, an override, booked times)', async () => {
    const h = harness();
    const a = await addRep(h, { time_zone: 'Europe/Berlin' });
    const b = await addRep(h, { time_zone: 'Europe/Berlin' });
    const c = await addRep(h, { time_zone: 'America/New_York' });
    const d = await addRep(h, { time_zone: 'Asia/Kolkata', date_overrides: { '2026-10-21': [['10:15', '12:45']] } });
    // Booked times held by whoever round robin gives them to: the shared Berlin grid loses a rep there, not the time.
    for (const at of ['2026-10-20T07:00:00Z', '2026-10-20T07:00:00Z', '2026-10-21T13:00:00Z']) expect((await book(h, at)).status).toBe(201);
    // Times only Berlin works (Kolkata's day ends at 11:30 UTC, New York's starts at 13:00): 11:30 held by one
    // Berlin rep and 12:30 by the other, whoever comes first in the team.
    for (const [at, rep] of [
      ['2026-10-20T11:30:00Z', a],
      ['2026-10-20T12:30:00Z', b],
    ] as const) {
      const booked = await bodyOf<CreatedBooking>(await book(h, at));
      later();
      expect((await patch(h, booked.id, { assigned_rep_id: rep.id })).status).toBe(200);
    }
    const reps = [a, b, c, d];
    const setActive = (ids: string[]) =>
      Promise.all(
        reps.map((r) =>
          h.request(`/api/team/${r.id}`, {
            method: 'PATCH',
            headers: { ...ADMIN, 'content-type': 'application/json' },
            body: JSON.stringify({ active: ids.includes(r.id) }),
          }),
        ),
      );
    const ask = { time_zone: 'Europe/Berlin', from: '2026-10-19', days: 7 };
    const team = starts(await slotsFor(h, ask));
    const alone: string[] = [];
    for (const r of reps) {
      await setActive([r.id]);
      alone.push(...starts(await slotsFor(h, ask)));
    }
    expect(team).toEqual([...new Set(alone)].sort());
    expect(team).not.toContain('2026-10-20T07:00:00.000Z'); // both Berlin reps are booked then
    expect(team).toContain('2026-10-20T11:30:00.000Z'); // one Berlin rep is still free
    expect(team).toContain('2026-10-20T12:30:00.000Z'); // the other one
  });

  it('with no active rep, answers mode preferred_time and no slots (the widget asks for a preferred time)', async () => {
    const h = harness();
    expect(await slotsFor(h, { time_zone: 'Europe/Berlin' })).toEqual({
      mode: 'preferred_time',
      time_zone: 'Europe/Berlin',
      duration_minutes: 30,
      slots: [],
    });
  });

  it('offers a rep’s working hours on the 30-minute grid, 30-minute demos inside each stretch, past the 24 h notice, UTC and sorted', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'Europe/Berlin' });
    // Monday is inside the notice (now is Monday 08:00): nothing; Tuesday is the whole day.
    const answer = await slotsFor(h, { time_zone: 'Europe/Berlin', from: '2026-10-19', days: 2 });
    expect(answer.mode).toBe('slots');
    expect(starts(answer)).toEqual(BERLIN_TUESDAY);
    expect(answer.slots[0]).toEqual({ start: '2026-10-20T07:00:00.000Z', end: '2026-10-20T07:30:00.000Z' });
    // The visitor's days: from Tokyo, "Tuesday" starts 7 hours earlier in UTC and holds only Berlin's Tuesday morning… and Monday night's nothing.
    const tokyo = await slotsFor(h, { time_zone: 'Asia/Tokyo', from: '2026-10-20', days: 1 });
    expect(starts(tokyo)).toEqual(BERLIN_TUESDAY.filter((s) => s < '2026-10-20T15:00:00.000Z'));
  });

  it('keeps the rep’s wall-clock hours across the end of summer time (Berlin, Sunday 25 October): 09:00 is 07:00Z before, 08:00Z after', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'Europe/Berlin', working_hours: { fri: [['09:00', '10:00']], mon: [['09:00', '10:00']] } });
    const answer = await slotsFor(h, { time_zone: 'Europe/Berlin', from: '2026-10-23', days: 4 });
    expect(starts(answer)).toEqual([
      '2026-10-23T07:00:00.000Z',
      '2026-10-23T07:30:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-10-26T08:30:00.000Z',
    ]);
  });

  it('offers no start in the hour the clocks skip, and a day that repeats an hour gets its extra half hours right (Berlin overrides on 29 March and 25 October)', async () => {
    vi.setSystemTime(new Date('2026-03-20T12:00:00.000Z'));
    const h = harness();
    await addRep(h, {
      time_zone: 'Europe/Berlin',
      working_hours: {},
      date_overrides: { '2026-03-29': [['01:00', '04:00']] },
    });
    const spring = await slotsFor(h, { time_zone: 'UTC', from: '2026-03-28', days: 3 });
    // 01:00, 01:30 CET; 02:00 and 02:30 do not exist; 03:00, 03:30 CEST.
    expect(starts(spring)).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
  });

  it.each([
    // New York falls back on Sunday 1 November 2026: 09:00 is 13:00Z on Friday, 14:00Z on Monday.
    ['America/New_York', '2026-10-25T12:00:00.000Z', '2026-10-30', ['2026-10-30T13:00:00.000Z', '2026-11-02T14:00:00.000Z']],
    // Sydney springs forward on Sunday 4 October 2026: 09:00 is 23:00Z the day before on Friday, 22:00Z on Monday.
    ['Australia/Sydney', '2026-09-28T00:00:00.000Z', '2026-10-01', ['2026-10-01T23:00:00.000Z', '2026-10-04T22:00:00.000Z']],
  ] as const)('keeps %s’s wall-clock 09:00 across its change of clocks', async (zone, now, from, expected) => {
    vi.setSystemTime(new Date(now));
    const h = harness();
    await addRep(h, { time_zone: zone, working_hours: { fri: [['09:00', '09:30']], mon: [['09:00', '09:30']] } });
    // Asked from the rep's zone and from Tokyo: the same instants.
    for (const visitor of [zone, 'Asia/Tokyo']) {
      const answer = await slotsFor(h, { time_zone: visitor, from, days: 5 });
      expect(starts(answer).filter((s) => expected.includes(s as never))).toEqual([...expected]);
      expect(starts(answer).length).toBeLessThanOrEqual(2);
    }
  });

  it('puts starts on the rep’s own local hour in half- and quarter-hour zones (Kolkata +05:30, Kathmandu +05:45)', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'Asia/Kolkata', working_hours: { wed: [['09:00', '10:00']] } });
    await addRep(h, { time_zone: 'Asia/Kathmandu', working_hours: { wed: [['09:00', '10:00']] } });
    const answer = await slotsFor(h, { time_zone: 'UTC', from: '2026-10-21', days: 1 });
    expect(starts(answer)).toEqual([
      '2026-10-21T03:15:00.000Z',
      '2026-10-21T03:30:00.000Z',
      '2026-10-21T03:45:00.000Z',
      '2026-10-21T04:00:00.000Z',
    ]);
  });

  it('keeps a calendar’s busy time and its 10-minute buffer clear; a rep whose calendar has not synced, or is stale, is offered to nobody', async () => {
    const h = harness();
    const weekdays = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['08:00', '18:00']]]));
    const rep = await addRep(h, { time_zone: 'Europe/Berlin', email: 'ada@northwind.example', working_hours: weekdays });
    const feed = await addCalendar(h, rep.id, `${FEEDS}/google.ics`);
    const week = { time_zone: 'Europe/Berlin', from: '2026-10-20', days: 4 };
    // Added, not yet synced: nobody can vouch for the rep's time.
    expect(starts(await slotsFor(h, week))).toEqual([]);
    await syncAt(NOW, [feed.id]);
    const busy = (await (
      await h.request(`/api/team/${rep.id}/busy?from=2026-10-20T00:00:00Z&to=2026-10-24T00:00:00Z`, { headers: ADMIN })
    ).json()) as {
      data: { start: string; end: string }[];
    };
    expect(busy.data.length).toBeGreaterThan(0);
    // Tuesday to Friday, 08:00–18:00 CEST (06:00–16:00Z), every half hour a demo fits.
    const grid = ['20', '21', '22', '23'].flatMap((d) =>
      Array.from({ length: 20 }, (_, i) => `2026-10-${d}T${String(6 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00.000Z`),
    );
    // Every offered slot stays 10 minutes clear of every busy interval, and every slot that does is offered.
    const clear = (s: string) =>
      busy.data.every((b) => Date.parse(s) + 40 * 60_000 <= Date.parse(b.start) || Date.parse(b.end) + 10 * 60_000 <= Date.parse(s));
    const offered = starts(await slotsFor(h, week));
    expect(offered).toEqual(grid.filter(clear));
    expect(offered.length).toBeLessThan(grid.length);
    // Past STALE_FEED_MINUTES with no sync: unavailable.
    vi.setSystemTime(new Date(Date.parse(NOW) + 121 * 60_000));
    expect(starts(await slotsFor(h, week))).toEqual([]);
  });

  it('offers only reps who demo in the visitor’s language (or in any)', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'Europe/Berlin', languages: ['de'], working_hours: { tue: [['09:00', '10:00']] } });
    await addRep(h, { time_zone: 'Europe/London', languages: [], working_hours: { tue: [['15:00', '16:00']] } });
    expect(starts(await slotsFor(h, { time_zone: 'UTC', from: '2026-10-20', days: 1, locale: 'de' }))).toEqual([
      '2026-10-20T07:00:00.000Z',
      '2026-10-20T07:30:00.000Z',
      '2026-10-20T14:00:00.000Z',
      '2026-10-20T14:30:00.000Z',
    ]);
    expect(starts(await slotsFor(h, { time_zone: 'UTC', from: '2026-10-20', days: 1, locale: 'fr' }))).toEqual([
      '2026-10-20T14:00:00.000Z',
      '2026-10-20T14:30:00.000Z',
    ]);
  });

  it('refuses a body it cannot read, naming the field', async () => {
    const h = harness();
    for (const body of [{}, { time_zone: '+02:00' }, { time_zone: 'UTC', days: 32 }, { time_zone: 'UTC', from: '20.10.2026' }]) {
      const res = await h.request('/api/slots', postJson(body));
      expect([400, 422]).toContain(res.status);
    }
  });
});

describe('booking a slot', () => {
  it('confirms at once with the rep, keeps the rep’s link, and the slot is offered no more; cancelling frees it at once', async () => {
    const h = harness();
    const rep = await addRep(h, {
      time_zone: 'Europe/Berlin',
      working_hours: { tue: [['09:00', '10:00']] },
      meeting_url: 'https://meet.example.com/ada',
    });
    const res = await book(h, '2026-10-20T07:00:00Z');
    expect(res.status, await res.clone().text()).toBe(201);
    const created = await bodyOf<CreatedBooking>(res);
    expect(created).toMatchObject({
      status: 'confirmed',
      preferred_date: '2026-10-20T07:00:00.000Z',
      slot_end: '2026-10-20T07:30:00.000Z',
      assigned_rep: { id: rep.id, name: rep.name },
    });
    const [row] = await db().select().from(schema.demoBookings).where(eq(schema.demoBookings.id, created.id));
    expect(row).toMatchObject({
      assigned_rep_id: rep.id,
      meeting_url: 'https://meet.example.com/ada',
      blocked_until: '2026-10-20T07:40:00.000Z',
    });
    // 07:30 is within the 10-minute buffer of the booked 07:00–07:30: gone too.
    expect(starts(await slotsFor(h, { time_zone: 'UTC', from: '2026-10-20', days: 1 }))).toEqual([]);
    expect((await h.request(`/api/bookings/${created.id}/cancel`, postJson({}, ADMIN))).status).toBe(200);
    expect(starts(await slotsFor(h, { time_zone: 'UTC', from: '2026-10-20', days: 1 }))).toEqual([
      '2026-10-20T07:00:00.000Z',
      '2026-10-20T07:30:00.000Z',
    ]);
  });

  it('two prospects booking the only rep’s slot at the same moment: exactly one gets it, the other 409 slot_unavailable with the nearest alternatives', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'Europe/Berlin', working_hours: { tue: [['09:00', '12:00']] } });
    const answers = await Promise.all(Array.from({ length: 6 }, () => book(h, '2026-10-20T08:00:00Z')));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const refused = await bodyOf<SlotUnavailable>(answers.find((r) => r.status === 409)!);
    expect(refused.rule).toBe('slot_unavailable');
    // 07:00 and 07:30 are too close now to 08:00–08:30 with its buffer, as is 08:30; the nearest free times around it.
    expect(refused.alternatives.map((a) => a.start)).toEqual([
      '2026-10-20T07:00:00.000Z',
      '2026-10-20T09:00:00.000Z',
      '2026-10-20T09:30:00.000Z',
    ]);
    const held = (await allBookings()).filter((b) => b.preferred_date === '2026-10-20T08:00:00.000Z' && b.status === 'confirmed');
    expect(held).toHaveLength(1);
  });

  it('with two reps free, the same slot booked twice at once goes to both, one each: a lost race tries the next rep in the same request', async () => {
    const h = harness();
    const a = await addRep(h, { time_zone: 'Europe/Berlin', working_hours: { tue: [['09:00', '10:00']] } });
    const b = await addRep(h, { time_zone: 'Europe/Berlin', working_hours: { tue: [['09:00', '10:00']] } });
    const answers = await Promise.all([book(h, '2026-10-20T07:00:00Z'), book(h, '2026-10-20T07:00:00Z')]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const reps = await Promise.all(answers.map(async (r) => (await bodyOf<CreatedBooking>(r)).assigned_rep?.id));
    expect(reps.sort()).toEqual([a.id, b.id].sort());
    const third = await book(h, '2026-10-20T07:00:00Z');
    expect(third.status).toBe(409);
  });

  it('50 prospects book one slot at once with 2 reps free: exactly 2 are stored, one per rep; 48 get 409 with alternatives', async () => {
    const h = harness();
    const a = await addRep(h, { time_zone: 'Europe/Berlin', working_hours: { tue: [['09:00', '12:00']] } });
    const b = await addRep(h, { time_zone: 'Europe/Berlin', working_hours: { tue: [['09:00', '12:00']] } });
    const answers = await Promise.all(Array.from({ length: 50 }, () => book(h, '2026-10-20T08:00:00Z')));
    const created = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status === 409);
    expect([created.length, refused.length]).toEqual([2, 48]);
    const reps = await Promise.all(created.map(async (r) => (await bodyOf<CreatedBooking>(r)).assigned_rep?.id));
    expect(reps.sort()).toEqual([a.id, b.id].sort());
    for (const r of refused) {
      const body = await bodyOf<SlotUnavailable>(r);
      expect(body.rule).toBe('slot_unavailable');
      expect(body.alternatives.length).toBeGreaterThan(0);
      expect(body.alternatives.map((x) => x.start)).not.toContain('2026-10-20T08:00:00.000Z');
    }
  });

  it('weighted round robin over 300 bookings with weights 2:1:1: each rep’s share within 3 points of its weight’s', async () => {
    const h = harness({ env: { MAX_DEMOS_PER_REP_PER_DAY: '48' } });
    const allDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
    const reps = [
      await addRep(h, { time_zone: 'UTC', weight: 2, working_hours: allDay }),
      await addRep(h, { time_zone: 'UTC', weight: 1, working_hours: allDay }),
      await addRep(h, { time_zone: 'UTC', weight: 1, working_hours: allDay }),
    ];
    const count = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      // Each slot its own hour: no buffer clash, every rep free for every one.
      const start = new Date(Date.parse('2026-10-20T08:00:00Z') + i * 60 * 60_000).toISOString();
      const res = await book(h, start);
      expect(res.status).toBe(201);
      const id = (await bodyOf<CreatedBooking>(res)).assigned_rep!.id;
      count.set(id, (count.get(id) ?? 0) + 1);
    }
    const shares = reps.map((r) => ((count.get(r.id) ?? 0) / 300) * 100);
    for (const [i, expected] of [50, 25, 25].entries()) expect(Math.abs(shares[i]! - expected)).toBeLessThanOrEqual(3);
  }, 120_000);

  it('random interleavings of booking, moving, reassigning and cancelling never leave a rep with two overlapping active bookings (checked in SQL)', async () => {
    const h = harness({ env: { MAX_DEMOS_PER_REP_PER_DAY: '48' } });
    const hours = { tue: [['08:00', '12:00']] };
    const reps = [await addRep(h, { time_zone: 'UTC', working_hours: hours }), await addRep(h, { time_zone: 'UTC', working_hours: hours })];
    const ids: string[] = [];
    // Starts every 10 minutes, so that moves land inside other demos and their buffers.
    const start = fc.integer({ min: 0, max: 20 }).map((i) => new Date(Date.parse('2026-10-20T08:00:00Z') + i * 10 * 60_000).toISOString());
    // Cancels are rarer, so that the team's morning fills up and moves and reassignments land on taken times.
    const op = fc.oneof(
      { weight: 4, arbitrary: start.map((at) => ({ kind: 'book' as const, at })) },
      { weight: 4, arbitrary: fc.tuple(fc.nat(), start).map(([n, at]) => ({ kind: 'move' as const, n, at })) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 1 })).map(([n, rep]) => ({ kind: 'reassign' as const, n, rep })),
      },
      { weight: 1, arbitrary: fc.nat().map((n) => ({ kind: 'cancel' as const, n })) },
    );
    const run = async (o: { kind: 'book' | 'move' | 'reassign' | 'cancel'; at?: string; n?: number; rep?: number }) => {
      const target = ids.length ? ids[(o.n ?? 0) % ids.length] : undefined;
      const admin = { ...ADMIN, 'content-type': 'application/json' };
      if (o.kind === 'book') {
        const res = await book(h, o.at!);
        if (res.status === 201) ids.push((await bodyOf<CreatedBooking>(res)).id);
        else expect([409, 429]).toContain(res.status);
      } else if (target && o.kind === 'move') {
        const res = await h.request(`/api/bookings/${target}`, {
          method: 'PATCH',
          headers: admin,
          body: JSON.stringify({ slot_start: o.at }),
        });
        expect([200, 409]).toContain(res.status);
      } else if (target && o.kind === 'reassign') {
        const res = await h.request(`/api/bookings/${target}`, {
          method: 'PATCH',
          headers: admin,
          body: JSON.stringify({ assigned_rep_id: reps[o.rep!]!.id }),
        });
        expect([200, 409]).toContain(res.status);
      } else if (target && o.kind === 'cancel') {
        const res = await h.request(`/api/bookings/${target}/cancel`, postJson({}, ADMIN));
        expect([200, 409]).toContain(res.status);
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 8 }), async (rounds) => {
        // Each round's operations run at once; the rounds one after another.
        for (const round of rounds) await Promise.all(round.map((o) => run(o)));
        const { results } = await env.DB.prepare(
          `SELECT count(*) AS n FROM demo_bookings a JOIN demo_bookings b
             ON a.assigned_rep_id = b.assigned_rep_id AND a.id < b.id
            WHERE a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
              AND a.slot_end IS NOT NULL AND b.slot_end IS NOT NULL
              AND a.preferred_date < b.blocked_until AND b.preferred_date < a.blocked_until`,
        ).all<{ n: number }>();
        expect(results[0]!.n).toBe(0);
      }),
      { numRuns: 12, seed: 20261202 },
    );
    expect(ids.length).toBeGreaterThan(0);
  }, 120_000);

  it('the database itself refuses an overlapping booking of one rep, whatever writes it', async () => {
    const h = harness();
    const rep = await addRep(h, { time_zone: 'Europe/Berlin', working_hours: { tue: [['09:00', '12:00']] } });
    const created = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z'));
    const copy = (start: string, end: string, until: string) =>
      env.DB.prepare(
        `INSERT INTO demo_bookings (id, organization_name, contact_name, contact_email, status, preferred_date, slot_end, blocked_until, assigned_rep_id, created_at, updated_at)
         VALUES (?1, 'X', 'Y', 'z@example.com', 'confirmed', ?2, ?3, ?4, ?5, ?6, ?6)`,
      )
        .bind(crypto.randomUUID(), start, end, until, rep.id, NOW)
        .run();
    // Starts inside the buffer after 08:30: refused. Ends inside the buffer before 08:00: refused. Clear of both: stored.
    await expect(copy('2026-10-20T08:35:00.000Z', '2026-10-20T09:05:00.000Z', '2026-10-20T09:15:00.000Z')).rejects.toThrow(
      /slot_unavailable/,
    );
    await expect(copy('2026-10-20T07:25:00.000Z', '2026-10-20T07:55:00.000Z', '2026-10-20T08:05:00.000Z')).rejects.toThrow(
      /slot_unavailable/,
    );
    await copy('2026-10-20T08:40:00.000Z', '2026-10-20T09:10:00.000Z', '2026-10-20T09:20:00.000Z');
    // A move onto another booking's time is refused the same way.
    await expect(
      env.DB.prepare('UPDATE demo_bookings SET preferred_date = ?1, slot_end = ?2, blocked_until = ?3 WHERE id = ?4')
        .bind('2026-10-20T08:50:00.000Z', '2026-10-20T09:20:00.000Z', '2026-10-20T09:30:00.000Z', created.id)
        .run(),
    ).rejects.toThrow(/slot_unavailable/);
  });

  it('weighted round robin: weights 2 and 1 share 12 bookings 8 and 4 (over two days: a rep takes at most 6 a day)', async () => {
    const h = harness();
    const hours = { tue: [['08:00', '14:00']], wed: [['08:00', '14:00']] };
    const heavy = await addRep(h, { time_zone: 'UTC', weight: 2, working_hours: hours });
    const light = await addRep(h, { time_zone: 'UTC', weight: 1, working_hours: hours });
    const got: string[] = [];
    for (let i = 0; i < 12; i++) {
      const start = new Date(Date.parse(i < 6 ? '2026-10-20T08:00:00Z' : '2026-10-21T02:00:00Z') + i * 60 * 60_000).toISOString();
      const res = await book(h, start);
      expect(res.status).toBe(201);
      got.push((await bodyOf<CreatedBooking>(res)).assigned_rep!.id);
    }
    expect(got.filter((id) => id === heavy.id)).toHaveLength(8);
    expect(got.filter((id) => id === light.id)).toHaveLength(4);
  });

  it('refuses slot_start with preferred_date (400), a start that is not a date (422) and one no rep offers (409), storing nothing', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'Europe/Berlin', working_hours: { tue: [['09:00', '10:00']] } });
    const before = (await allBookings()).length;
    const both = await h.request('/api/bookings', postJson(validBooking({ slot_start: '2026-10-20T07:00:00Z' })));
    expect(both.status).toBe(400);
    expect((await bodyOf<SlotUnavailable>(both)).rule).toBe('slot_or_preferred_date');
    const garbled = await book(h, 'Tuesday at nine');
    expect(garbled.status).toBe(422);
    expect((await bodyOf<SlotUnavailable>(garbled)).errors?.[0]?.rule).toBe('slot_start_format');
    // 07:10 is off the grid; 07:00 tomorrow-but-one is outside the hours.
    for (const start of ['2026-10-20T07:10:00Z', '2026-10-21T07:00:00Z', '2026-10-19T09:00:00Z'])
      expect((await book(h, start)).status).toBe(409);
    expect((await allBookings()).length).toBe(before);
  });

  it('rate_limit_per_email counts a mailbox’s upcoming booked slots', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'UTC', working_hours: { tue: [['08:00', '12:00']] } });
    const email = uniqueEmail();
    for (const t of ['08:00', '09:00', '10:00']) expect((await book(h, `2026-10-20T${t}:00Z`, { contact_email: email })).status).toBe(201);
    expect((await book(h, '2026-10-20T11:00:00Z', { contact_email: email })).status).toBe(429);
  });

  it('the prospect gets the confirmed email with an invite the rep organizes; the rep gets the same invite; the webhook names slot and rep', async () => {
    const h = harness();
    const rep: SalesRep = await addRep(h, {
      name: 'Grace Hopper',
      time_zone: 'America/New_York',
      working_hours: { tue: [['09:00', '10:00']] },
    });
    const created = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T13:00:00Z', { timezone: 'Europe/Berlin' }));
    const tasks = await db().select().from(schema.notificationTasks).where(eq(schema.notificationTasks.booking_id, created.id));
    expect(tasks.map((t) => t.kind).sort()).toEqual(['email', 'email', 'webhook']);
    const path = `/ok/slots-${created.id}`;
    const n = notifyEnv({ webhookPath: path });
    for (const t of tasks) await deliver(t.id, n.env);
    const toProspect = n.email.sent.find((m) => m.to === created.contact_email)!;
    const toRep = n.email.sent.find((m) => m.to === rep.email)!;
    expect(toProspect.subject).toMatch(/confirmed/i);
    expect(toRep.subject).toBe('New demo: Northwind Mentoring, Tuesday, 20 October 2026 at 09:00');
    const inviteOf = (m: unknown) => (m as { attachments: { content: string }[] }).attachments[0]!.content;
    const uid = (ics: string) => /UID:(.*)\r\n/.exec(ics)?.[1];
    expect(uid(inviteOf(toProspect))).toBe(uid(inviteOf(toRep)));
    expect(inviteOf(toProspect)).toContain('ORGANIZER;CN="Grace Hopper":mailto:');
    expect(inviteOf(toProspect)).toContain('DTSTART:20261020T130000Z');
    // The prospect's email is the one confirmation_sent_at records.
    const [row] = await db().select().from(schema.demoBookings).where(eq(schema.demoBookings.id, created.id));
    expect(row!.confirmation_sent_at).not.toBeNull();
    const [hook] = await captured(path);
    const body = JSON.parse(hook!.body) as WebhookEvent;
    expect(body.type).toBe('demo_booking.created');
    expect(body.slot).toEqual({ start: '2026-10-20T13:00:00.000Z', end: '2026-10-20T13:30:00.000Z' });
    expect(body.rep).toEqual({ id: rep.id, name: 'Grace Hopper', email: rep.email });
    expect(body.data).toMatchObject({ status: 'confirmed', assigned_rep_id: rep.id, slot_end: '2026-10-20T13:30:00.000Z' });
  });
});

describe('GET /api/bookings/demos: the console’s agenda and day view', () => {
  it('lists the window’s booked demos soonest first, of one rep or of the team; a cancelled one frees its place and leaves the list; requests are not demos', async () => {
    const h = harness();
    const hours = { time_zone: 'UTC', working_hours: { tue: [['08:00', '12:00']] } };
    const ann = await addRep(h, hours);
    const bob = await addRep(h, hours);
    const late = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T10:00:00Z'));
    const early = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z'));
    const dropped = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T09:00:00Z'));
    later();
    expect((await h.request(`/api/bookings/${dropped.id}/cancel`, postJson({}, ADMIN))).status).toBe(200);
    await h.request('/api/bookings', postJson(validBooking({ contact_email: uniqueEmail() }))); // a request, not a demo
    const demos = async (q: string) => {
      const res = await h.request(`/api/bookings/demos?${q}`, { headers: ADMIN });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await bodyOf<DemoList>(res)).data;
    };
    const day = 'from=2026-10-20T00:00:00Z&to=2026-10-21T00:00:00Z';
    const team = (await demos(day)).filter((d) => [ann.id, bob.id].includes(d.assigned_rep_id!));
    expect(team.map((d) => d.id)).toEqual([early.id, late.id]);
    expect(team.map((d) => d.assigned_rep_id).sort()).toEqual([ann.id, bob.id].sort());
    const mine = await demos(`${day}&rep_id=${team[0]!.assigned_rep_id}`);
    expect(mine.map((d) => d.id)).toEqual([early.id]);
    expect(await demos(`from=2026-10-21T00:00:00Z&to=2026-10-22T00:00:00Z&rep_id=${ann.id}`)).toEqual([]);
    const tooLong = await h.request('/api/bookings/demos?from=2026-10-20T00:00:00Z&to=2027-01-20T00:00:00Z', { headers: ADMIN });
    expect(tooLong.status).toBe(400);
    expect((await h.request(`/api/bookings/demos?${day}`)).status).toBe(401);
  });
});

describe('moving a booked slot', () => {
  it('an admin moves it: the same rep at the new time, the invitation updated for prospect and rep (same UID, higher SEQUENCE); onto another demo of the rep: 409', async () => {
    const h = harness();
    const rep = await addRep(h, { time_zone: 'UTC', working_hours: { tue: [['08:00', '12:00']] } });
    const a = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z'));
    const b = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T10:00:00Z'));
    const n = notifyEnv({ webhookPath: `/ok/move-${a.id}` });
    for (const t of await tasksOf(a.id)) await deliver(t.id, n.env);
    later();
    const res = await patch(h, a.id, { slot_start: '2026-10-20T09:00:00Z' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await bodyOf<CreatedBooking>(res)).toMatchObject({
      preferred_date: '2026-10-20T09:00:00.000Z',
      slot_end: '2026-10-20T09:30:00.000Z',
      assigned_rep_id: rep.id,
    });
    const fresh = (await tasksOf(a.id)).filter((t) => t.event_type === 'demo_booking.rescheduled');
    expect(fresh.map((t) => t.kind).sort()).toEqual(['email', 'email', 'webhook']);
    for (const t of fresh) await deliver(t.id, n.env);
    const [first, , moved, movedForRep] = [
      n.email.sent.find((m) => m.to === a.contact_email),
      null,
      n.email.sent.filter((m) => m.to === a.contact_email).at(-1),
      n.email.sent.filter((m) => m.to === rep.email).at(-1),
    ];
    expect(/UID:(.*)\r\n/.exec(inviteOf(moved))?.[1]).toBe(/UID:(.*)\r\n/.exec(inviteOf(first))?.[1]);
    expect(inviteOf(first)).toContain('SEQUENCE:0');
    expect(inviteOf(moved)).toContain('SEQUENCE:1');
    expect(inviteOf(movedForRep)).toContain('SEQUENCE:1');
    expect(inviteOf(moved)).toContain('DTSTART:20261020T090000Z');
    const hooks = (await captured(`/ok/move-${a.id}`)).map((r) => JSON.parse(r.body) as WebhookEvent);
    expect(hooks.map((e) => e.type)).toEqual(['demo_booking.created', 'demo_booking.rescheduled']);
    // 09:45 would end within the buffer before b's 10:00: the database refuses it.
    const clash = await patch(h, a.id, { slot_start: '2026-10-20T09:45:00Z' });
    expect(clash.status).toBe(409);
    expect((await bodyOf<SlotUnavailable>(clash)).rule).toBe('slot_unavailable');
    expect(b.status).toBe('confirmed');
  });

  it('a new preferred_date on a booked slot (the console’s Reschedule) moves the slot with its end, under the same guarantee', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'UTC', working_hours: { tue: [['08:00', '12:00']] } });
    const a = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z'));
    await book(h, '2026-10-20T10:00:00Z');
    later();
    const res = await patch(h, a.id, { status: 'confirmed', preferred_date: '2026-10-20T09:00:00Z' });
    expect(res.status, await res.clone().text()).toBe(200);
    const [row] = await db().select().from(schema.demoBookings).where(eq(schema.demoBookings.id, a.id));
    expect(row).toMatchObject({
      preferred_date: '2026-10-20T09:00:00.000Z',
      slot_end: '2026-10-20T09:30:00.000Z',
      blocked_until: '2026-10-20T09:40:00.000Z',
    });
    const clash = await patch(h, a.id, { preferred_date: '2026-10-20T09:45:00Z' });
    expect(clash.status).toBe(409);
    expect((await bodyOf<SlotUnavailable>(clash)).rule).toBe('slot_unavailable');
  });

  it('an admin gives it to another rep: demo_booking.reassigned names the old and the new rep; the prospect and the new rep get the invitation the new rep organizes, the old rep its withdrawal (same UID); an inactive rep is refused', async () => {
    const h = harness();
    const first = await addRep(h, { time_zone: 'UTC', working_hours: { tue: [['08:00', '12:00']] } });
    const created = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z'));
    const second = await addRep(h, { time_zone: 'UTC', meeting_url: 'https://meet.example.com/second', working_hours: {} });
    later();
    const res = await patch(h, created.id, { assigned_rep_id: second.id });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await bodyOf<CreatedBooking>(res)).toMatchObject({ assigned_rep_id: second.id, meeting_url: 'https://meet.example.com/second' });
    const tasks = (await tasksOf(created.id)).filter((t) => t.event_type === 'demo_booking.reassigned');
    expect(tasks.map((t) => t.kind).sort()).toEqual(['email', 'email', 'email', 'webhook']);
    const n = notifyEnv({ webhookPath: `/ok/reassign-${created.id}` });
    for (const t of tasks) await deliver(t.id, n.env);
    const [hook] = (await captured(`/ok/reassign-${created.id}`)).map((r) => JSON.parse(r.body) as WebhookEvent);
    expect(hook!.type).toBe('demo_booking.reassigned');
    expect(hook!.event.details).toMatchObject({ assigned_rep_id: { from: first.id, to: second.id } });
    expect(hook!.rep).toMatchObject({ id: second.id });
    const to = (email: string) => n.email.sent.find((m) => m.to === email)!;
    expect(n.email.sent.map((m) => m.to).sort()).toEqual([created.contact_email, first.email, second.email].sort());
    for (const email of [created.contact_email, second.email]) {
      expect(inviteOf(to(email))).toContain('METHOD:REQUEST');
      expect(inviteOf(to(email))).toContain(`ORGANIZER;CN="${second.name}"`);
    }
    expect(to(created.contact_email).subject).toContain(`now with ${second.name}`);
    expect(to(first.email).subject).toMatch(/^Handed over: /);
    expect(to(first.email).text).toContain(`is now with ${second.name}`);
    expect(inviteOf(to(first.email))).toContain('METHOD:CANCEL');
    // The booking's notifications say who each email went to.
    const detail = await bodyOf<BookingDetail>(await h.request(`/api/bookings/${created.id}`, { headers: ADMIN }));
    const reassigned = detail.notifications.filter((x) => x.event_type === 'demo_booking.reassigned');
    expect(reassigned.map((x) => `${x.kind} ${x.recipient}`).sort()).toEqual([
      'email prospect',
      'email rep',
      'email rep',
      'webhook prospect',
    ]);
    for (const m of n.email.sent) {
      expect(inviteOf(m)).toContain(`UID:${created.id}@`);
      expect(inviteOf(m)).toContain('SEQUENCE:1');
    }
    await h.request(`/api/team/${first.id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    const refused = await patch(h, created.id, { assigned_rep_id: first.id });
    expect(refused.status).toBe(422);
    expect((await bodyOf<SlotUnavailable>(refused)).errors?.[0]?.rule).toBe('assigned_rep_active');
  });

  it('cancelling a booked slot withdraws the invitation from the prospect and the rep (METHOD:CANCEL, same UID)', async () => {
    const h = harness();
    const rep = await addRep(h, { time_zone: 'UTC', working_hours: { tue: [['08:00', '12:00']] } });
    const created = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z'));
    later();
    expect((await h.request(`/api/bookings/${created.id}/cancel`, postJson({ reason: 'Asked to stop' }, ADMIN))).status).toBe(200);
    const n = notifyEnv();
    for (const t of (await tasksOf(created.id)).filter((t) => t.event_type === 'demo_booking.cancelled' && t.kind === 'email'))
      await deliver(t.id, n.env);
    expect(n.email.sent.map((m) => m.to).sort()).toEqual([created.contact_email, rep.email].sort());
    for (const m of n.email.sent) {
      expect(inviteOf(m)).toContain('METHOD:CANCEL');
      expect(inviteOf(m)).toContain(`UID:${created.id}@`);
      expect(inviteOf(m)).toContain('SEQUENCE:1');
    }
  });
});

describe('the prospect moves their demo from the link in their emails (SPEC 8.7)', () => {
  const form = (body: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  const offeredOn = (page: string) => [...page.matchAll(/name="slot_start" value="([^"]+)"/g)].map((m) => m[1]);

  it('the page offers the rep’s other free times and cancelling; choosing one moves the demo, and rep and prospect get the updated invitation', async () => {
    const h = harness();
    const rep = await addRep(h, { name: 'Grace Hopper', time_zone: 'UTC', working_hours: { tue: [['08:00', '10:00']] } });
    const created = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z', { timezone: 'Europe/Berlin', locale: 'de' }));
    const token = await signCancelToken(env.WEBHOOK_SECRET, created.id, new Date());
    const page = await (await h.request(`/cancel/${created.id}?token=${token}`)).text();
    expect(page).toContain('Ihre Demo für Northwind Mentoring mit Grace Hopper');
    // Its own time is no "other" time; 08:30, which only its own buffer blocked, is.
    expect(offeredOn(page).filter((t) => t?.startsWith('2026-10-20'))).toEqual([
      '2026-10-20T08:30:00.000Z',
      '2026-10-20T09:00:00.000Z',
      '2026-10-20T09:30:00.000Z',
    ]);
    // A week later, the same hours again: the next two weeks are offered.
    expect(offeredOn(page)).toContain('2026-10-27T08:00:00.000Z');
    expect(page).toContain('aria-label="Meine Demo auf Dienstag, 20. Oktober 2026 um 11:00 (Europe/Berlin) verlegen"');
    expect(page).toContain('Meine Demo absagen');
    vi.setSystemTime(new Date(Date.now() + 60_000));
    const moved = await h.request(`/cancel/${created.id}/move`, form({ token, slot_start: '2026-10-20T09:30:00.000Z' }));
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain('Ihre Demo ist verlegt');
    const [row] = await db().select().from(schema.demoBookings).where(eq(schema.demoBookings.id, created.id));
    expect(row).toMatchObject({
      preferred_date: '2026-10-20T09:30:00.000Z',
      slot_end: '2026-10-20T10:00:00.000Z',
      assigned_rep_id: rep.id,
    });
    const tasks = (await db().select().from(schema.notificationTasks).where(eq(schema.notificationTasks.booking_id, created.id))).filter(
      (t) => t.event_type === 'demo_booking.rescheduled',
    );
    expect(tasks.map((t) => t.kind).sort()).toEqual(['email', 'email', 'webhook']);
    const [entry] = await db().select().from(schema.bookingEvents).where(eq(schema.bookingEvents.id, row!.last_event_id!));
    expect(entry).toMatchObject({ type: 'rescheduled', actor: 'requester' });
  });

  it('a time taken meanwhile is refused (409) with the times still free; a forged time the page never offered moves nothing', async () => {
    const h = harness();
    await addRep(h, { time_zone: 'UTC', working_hours: { tue: [['08:00', '11:00']] } });
    const created = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z'));
    const token = await signCancelToken(env.WEBHOOK_SECRET, created.id, new Date());
    // Someone else books 10:00 meanwhile.
    expect((await book(h, '2026-10-20T10:00:00Z')).status).toBe(201);
    const taken = await h.request(`/cancel/${created.id}/move`, form({ token, slot_start: '2026-10-20T10:00:00.000Z' }));
    expect(taken.status).toBe(409);
    const page = await taken.text();
    expect(page).toContain('That time was just taken');
    expect(offeredOn(page)).not.toContain('2026-10-20T10:00:00.000Z');
    expect(offeredOn(page).length).toBeGreaterThan(0);
    // 03:00 is outside the rep's hours: nothing moves.
    expect((await h.request(`/cancel/${created.id}/move`, form({ token, slot_start: '2026-10-20T03:00:00.000Z' }))).status).toBe(409);
    const [row] = await db().select().from(schema.demoBookings).where(eq(schema.demoBookings.id, created.id));
    expect(row!.preferred_date).toBe('2026-10-20T08:00:00.000Z');
  });
});
