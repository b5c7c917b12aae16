/**
 * A booked slot end to end against `wrangler dev`: a visitor in Los Angeles
 * picks a rep's free time in real Chromium, the real queues deliver the
 * prospect's and the rep's emails, and their invites (read by ical.js) are
 * one event. Then the rep's calendar publishes that event, as calendar apps
 * do, and the next sync neither blocks the time twice nor loses it; a move
 * frees the old time at once, before the calendar catches up.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Booking, BusyPage, SalesRep, SalesRepDetail, SlotsAnswer } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import {
  addRepThroughApi,
  bookingsFor,
  clearTeam,
  control,
  everyDay,
  fillValid,
  launch,
  newContext,
  personPause,
  setActive,
  uniqueEmail,
  uniqueName,
} from '../widget/browser.js';
import { parseInvite } from '../worker/invite-oracle.js';
import { emailsContaining, until } from './mailbox.js';

const baseUrl = inject('baseUrl');
const receiverUrl = inject('receiverUrl');
const admin = { authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' };
const LA = 'America/Los_Angeles';

const repDetail = async (id: string) => bodyOf<SalesRepDetail>(await fetch(`${baseUrl}/api/team/${id}`, { headers: admin }));
const slotsIn = async (timeZone: string) =>
  bodyOf<SlotsAnswer>(
    await fetch(`${baseUrl}/api/slots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.201' },
      body: JSON.stringify({ time_zone: timeZone, days: 14 }),
    }),
  );
/** Publishes the rep's calendar at the feed's address. */
const publish = (name: string, text: string) => fetch(`${receiverUrl}/calendars/${name}`, { method: 'PUT', body: text });
/** Asks for a sync and waits until the feed has read the calendar again. */
async function syncedAgain(rep: SalesRep) {
  const before = (await repDetail(rep.id)).calendars[0]?.last_ok_at ?? '';
  expect((await fetch(`${baseUrl}/api/team/${rep.id}/sync`, { method: 'POST', headers: admin })).status).toBe(202);
  return until('the feed to sync again', async () => {
    const feed = (await repDetail(rep.id)).calendars[0];
    return feed?.last_ok_at && feed.last_ok_at > before ? feed : null;
  });
}

/** A calendar as a calendar app publishes it: its events, no METHOD. */
const calendar = (events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Calendar app//EN', ...events, 'END:VCALENDAR'].join('\r\n');
const stamp = (at: number) => `${new Date(at).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

let browser: Browser;
let rep: SalesRep;
const feedName = `lena-${Date.now()}.ics`;
/** The rep's own meeting, two days out at 10:00 UTC: it must stay busy after every sync. */
const own = (() => {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setUTCHours(10, 0, 0, 0);
  return d.getTime();
})();
const ownEvent = [
  'BEGIN:VEVENT',
  'UID:standup@calendar.example',
  `DTSTAMP:${stamp(Date.now())}`,
  `DTSTART:${stamp(own)}`,
  `DTEND:${stamp(own + 3_600_000)}`,
  'SUMMARY:Pipeline review',
  'END:VEVENT',
];

beforeAll(async () => {
  browser = await launch();
  await clearTeam();
  rep = await addRepThroughApi({
    name: 'Lena Larsen',
    email: `lena.${Date.now()}@acme.example`,
    time_zone: 'Europe/Berlin',
    working_hours: everyDay('07:00', '20:00'),
  });
  await publish(feedName, calendar(ownEvent));
  expect(
    (
      await fetch(`${baseUrl}/api/team/${rep.id}/calendars`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ url: `${receiverUrl}/calendars/${feedName}` }),
      })
    ).status,
  ).toBe(201);
  await until('the first sync', async () => ((await repDetail(rep.id)).calendars[0]?.last_ok_at ? true : null));
});

afterAll(async () => {
  if (rep) await setActive([rep], false);
  await browser?.close();
});

describe('a booked slot, end to end', () => {
  it('a visitor in Los Angeles books a time; both emails carry one invite (same UID, the slot’s instant); the rep’s next sync neither doubles nor loses it; a move frees the old time at once', async () => {
    const context = await newContext(browser, { width: 1280, height: 900 }, LA);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await control(page, 'contact_name').waitFor();
    await personPause(page);
    const org = uniqueName('Pacific Freight');
    const email = await fillValid(page, uniqueEmail());
    await control(page, 'organization_name').fill(org);
    await page.locator('demo-booking button[type="submit"]').click();
    const picker = page.locator('demo-booking [part="picker"]');
    await picker.getByText(`Times in ${LA}`).waitFor();
    const first = picker.locator('.times button').first();
    const shown = (await first.textContent())?.trim() ?? '';
    await first.click();
    await page.locator('demo-booking [part="success"]').getByRole('heading', { name: 'Your demo is booked' }).waitFor();
    await context.close();

    const [stored] = (await bookingsFor(email)) as Booking[];
    expect(stored).toMatchObject({ status: 'confirmed', assigned_rep_id: rep.id, timezone: LA });
    const start = stored!.preferred_date!;
    // The button said the slot's time on the visitor's (Los Angeles) clock.
    expect(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: LA }).format(new Date(start))).toBe(shown);

    // The real queues deliver both emails; ical.js reads one event in each.
    const prospectMail = await until('the prospect’s email', () =>
      emailsContaining(org).find((m) => m.text.includes('Your demo is confirmed') && m.attachments.length > 0),
    );
    const repMail = await until('the rep’s email', () =>
      emailsContaining(org).find((m) => m.text.includes('booked a demo with you') && m.attachments.length > 0),
    );
    const theirs = parseInvite(prospectMail.attachments[0]!);
    const ours = parseInvite(repMail.attachments[0]!);
    expect(theirs.uid).toBe(`${stored!.id}@${new URL(baseUrl).hostname}`);
    expect(ours.uid).toBe(theirs.uid);
    expect([theirs.start, ours.start]).toEqual([start, start]);
    expect([theirs.end, ours.end]).toEqual([stored!.slot_end, stored!.slot_end]);
    expect(String(theirs.organizer)).toBe(`mailto:${rep.email}`);
    expect(prospectMail.text).toMatch(/Time \(America\/Los_Angeles\): /);

    // The rep's calendar now holds the demo (the invite as their app stores it) next to their own meeting.
    const demoEvent = repMail.attachments[0]!.split(/\r?\n/).slice(
      repMail.attachments[0]!.split(/\r?\n/).indexOf('BEGIN:VEVENT'),
      repMail.attachments[0]!.split(/\r?\n/).indexOf('END:VEVENT') + 1,
    );
    await publish(feedName, calendar([...ownEvent, ...demoEvent]));
    await syncedAgain(rep);
    const window = `from=${new Date(Date.parse(start) - 86_400_000).toISOString()}&to=${new Date(Date.parse(start) + 3 * 86_400_000).toISOString()}`;
    const busy = (await bodyOf<BusyPage>(await fetch(`${baseUrl}/api/team/${rep.id}/busy?${window}`, { headers: admin }))).data;
    const overlapping = busy.filter((b) => b.start < stored!.slot_end! && b.end > start);
    // Once, as the booking (with its buffers): not again as calendar time.
    expect(overlapping.map((b) => b.source)).toEqual(['booking']);
    // The sync did read the calendar: the rep's own meeting is busy.
    if (own < Date.parse(start) + 3 * 86_400_000)
      expect(busy.some((b) => b.source === 'calendar' && Date.parse(b.start) === own)).toBe(true);
    expect((await slotsIn(LA)).slots.map((s) => s.start)).not.toContain(start);

    // A move: the old time is free at once, though the calendar still shows the demo there until it syncs.
    const next = (await slotsIn(LA)).slots.map((s) => s.start).find((s) => Date.parse(s) > Date.parse(start) + 2 * 3_600_000)!;
    const moved = await fetch(`${baseUrl}/api/bookings/${stored!.id}`, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ slot_start: next }),
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await slotsIn(LA)).slots.map((s) => s.start)).toContain(start);
    expect((await slotsIn(LA)).slots.map((s) => s.start)).not.toContain(next);
  });
});
