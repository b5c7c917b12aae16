/**
 * The console's Demos page in real Chromium against `wrangler dev`: the
 * signed-in rep's agenda, the team's day, and moving a demo or giving it to
 * another rep, with the database's refusal of a taken time said in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingDetail, CreatedBooking, SalesRep, SlotsAnswer, TeamPage } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { addRepThroughApi, adminJson, clearTeam, everyDay, setActive, uniqueName } from '../widget/browser.js';
import { baseUrl, REP, SHOTS, scrollsSideways, signedIn, useBrowser, violations } from './session.js';

useBrowser();

const admin = adminJson;

/** An active rep with this email, working 08:00–18:00 UTC every day (added, or brought back if an earlier run added them). */
async function activeRep(name: string, email: string): Promise<SalesRep> {
  const working_hours = everyDay('08:00', '18:00');
  try {
    return await addRepThroughApi({ name, email, time_zone: 'UTC', working_hours });
  } catch {
    const team = await bodyOf<TeamPage>(await fetch(`${baseUrl}/api/team`, { headers: admin() }));
    const rep = team.data.find((r) => r.email === email);
    if (!rep) throw new Error(`no rep ${email}`);
    await fetch(`${baseUrl}/api/team/${rep.id}`, {
      method: 'PATCH',
      headers: admin(),
      body: JSON.stringify({ active: true, working_hours }),
    });
    return rep;
  }
}

async function bookSlot(start: string, org: string): Promise<CreatedBooking> {
  const res = await fetch(`${baseUrl}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.78' },
    body: JSON.stringify({
      organization_name: org,
      contact_name: 'Dana Demo',
      contact_email: `dana.${crypto.randomUUID().slice(0, 8)}@prospect.example`,
      slot_start: start,
      timezone: 'Europe/Paris',
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return bodyOf<CreatedBooking>(res);
}

const detail = async (id: string) => bodyOf<BookingDetail>(await fetch(`${baseUrl}/api/bookings/${id}`, { headers: admin() }));

let rita: SalesRep;
let otto: SalesRep;
let first: CreatedBooking;
let second: CreatedBooking;
let ritaOrg: string;
let ottoOrg: string;

beforeAll(async () => {
  // Only these two reps: whoever an earlier file left active steps aside.
  await clearTeam();
  rita = await activeRep('Rita Rep', REP);
  const slots = await bodyOf<SlotsAnswer>(
    await fetch(`${baseUrl}/api/slots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ time_zone: 'UTC', days: 7 }),
    }),
  );
  const start = slots.slots[0]!.start;
  ritaOrg = uniqueName('Agenda Works');
  ottoOrg = uniqueName('Otto Industries');
  first = await bookSlot(start, ritaOrg);
  otto = await activeRep(uniqueName('Otto'), `otto.${Date.now()}@acme.example`);
  // The same time again: Rita is taken, so the database gives it to Otto.
  second = await bookSlot(start, ottoOrg);
  expect([first.assigned_rep?.id, second.assigned_rep?.id]).toEqual([rita.id, otto.id]);
});

afterAll(() => setActive([rita, otto].filter(Boolean), false));

describe('the Demos page', () => {
  it('“My demos” is the signed-in rep’s agenda by day; a taken rep is refused in words in the dialog; the team’s day shows each rep’s demos; a move and a reassignment land', async () => {
    const s = await signedIn({ timezoneId: 'UTC', path: '/admin#demos' });
    const { page } = s;
    await page.getByRole('heading', { name: 'Demos', level: 1 }).waitFor();
    const day = first.preferred_date!.slice(0, 10);
    const dayHeading = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(first.preferred_date!),
    );
    const mine = page.locator('demos-page section.list');
    await mine.getByRole('heading', { name: dayHeading }).waitFor();
    expect(await mine.textContent()).toContain(ritaOrg);
    expect(await mine.textContent()).not.toContain(ottoOrg);
    expect(await mine.locator('.at').first().textContent()).toBe(first.preferred_date!.slice(11, 16));
    await page.screenshot({ path: `${SHOTS}/console-my-demos.png`, fullPage: true });

    // Give Rita's demo to Otto, who has a demo then: refused in words, the dialog stays, nothing changes.
    await mine.getByRole('button', { name: new RegExp(ritaOrg) }).click();
    const panel = page.locator('demos-page booking-panel');
    await panel.getByRole('heading', { name: ritaOrg }).waitFor();
    await panel.getByRole('button', { name: 'Give to another rep' }).click();
    const dialog = page.getByRole('dialog', { name: 'Give to another rep' });
    await dialog.waitFor();
    await dialog.getByLabel(/^Rep/).selectOption({ label: `${otto.name} (UTC)` });
    await dialog.getByRole('button', { name: 'Give to another rep' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe(`${otto.name} has another demo at that time (buffers included). Choose another rep, or move the demo first.`);
    await page.screenshot({ path: `${SHOTS}/console-reassign-refused.png` });
    expect((await detail(first.id)).assigned_rep_id).toBe(rita.id);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The refusal left with its dialog.
    expect(await panel.getByRole('alert').count()).toBe(0);

    // Move Otto's demo two hours later, from the team's day.
    await page.getByRole('link', { name: 'Team day' }).click();
    await page.getByRole('link', { name: 'Previous day' }).waitFor();
    await page.goto(`${baseUrl}/admin#day/${day}`);
    const list = page.locator('demos-page section.list');
    await list.getByRole('heading', { name: otto.name }).waitFor();
    expect(await list.getByRole('list', { name: new RegExp(`^${rita.name},`) }).textContent()).toContain(ritaOrg);
    expect(await list.getByRole('list', { name: new RegExp(`^${otto.name},`) }).textContent()).toContain(ottoOrg);
    await page.screenshot({ path: `${SHOTS}/console-team-day.png`, fullPage: true });
    await list.getByRole('button', { name: new RegExp(ottoOrg) }).click();
    await panel.getByRole('heading', { name: ottoOrg }).waitFor();
    await panel.getByRole('button', { name: 'Move', exact: true }).click();
    const move = page.getByRole('dialog', { name: 'Move the demo' });
    await move.waitFor();
    const later = new Date(Date.parse(second.preferred_date!) + 2 * 3_600_000).toISOString();
    await move.getByLabel(/^Date and time/).fill(later.slice(0, 16));
    await move.getByRole('button', { name: 'Move the demo' }).click();
    await move.waitFor({ state: 'detached' });
    await expect.poll(async () => (await detail(second.id)).preferred_date).toBe(later);
    await expect.poll(() => list.getByRole('list', { name: new RegExp(`^${otto.name},`) }).textContent()).toContain(later.slice(11, 16));

    // Now Rita is free then: Otto's demo goes to her, and her agenda has both.
    await panel.getByRole('button', { name: 'Give to another rep' }).click();
    await dialog.waitFor();
    await dialog.getByLabel(/^Rep/).selectOption({ label: `${rita.name} (UTC)` });
    await dialog.getByRole('button', { name: 'Give to another rep' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await detail(second.id)).assigned_rep_id).toBe(rita.id);
    expect((await detail(second.id)).events.at(-1)?.type).toBe('reassigned');
    await page.getByRole('link', { name: 'My demos' }).click();
    await expect
      .poll(() => mine.getByRole('button').allTextContents())
      .toEqual([expect.stringContaining(ritaOrg), expect.stringContaining(ottoOrg)]);
    // The refusal is the only failed request the page made.
    expect(s.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    await s.context.close();
  });

  it('axe finds nothing on the agenda, the day and the dialog; at 390 px nothing scrolls sideways and a demo opens over the list', async () => {
    const desktop = await signedIn({ timezoneId: 'UTC', path: '/admin#demos' });
    await desktop.page.locator('demos-page li button').first().waitFor();
    expect(await violations(desktop.page)).toEqual([]);
    await desktop.page.goto(`${baseUrl}/admin#day/${first.preferred_date!.slice(0, 10)}`);
    await desktop.page.locator('demos-page li button').first().click();
    await desktop.page.locator('demos-page booking-panel').getByRole('button', { name: 'Give to another rep' }).click();
    await desktop.page.getByRole('dialog').waitFor();
    expect(await violations(desktop.page)).toEqual([]);
    await desktop.context.close();

    const phone = await signedIn({ viewport: { width: 390, height: 844 }, timezoneId: 'UTC', path: '/admin#demos' });
    const item = phone.page.locator('demos-page li button').first();
    await item.waitFor();
    expect(await scrollsSideways(phone.page)).toBe(false);
    expect(await violations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/console-phone-demos.png`, fullPage: true });
    await item.click();
    const back = phone.page.locator('demos-page booking-panel').getByRole('button', { name: '← Demos' });
    await back.waitFor();
    expect(await scrollsSideways(phone.page)).toBe(false);
    await back.click();
    await item.waitFor();
    await phone.context.close();
  });
});
