/**
 * The console's Team page in real Chromium against `wrangler dev`: a sales
 * manager adds a rep and their calendars, watches them sync, and keeps the
 * team. The calendars are real feeds over HTTP: the dev worker's own example
 * calendar, and an address of it that answers 404.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { CreatedBooking, SalesRepDetail, SlotsAnswer, TeamPage } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { uniqueName } from '../widget/browser.js';
import { baseUrl, REP, type Session, SHOTS, scrollsSideways, signedIn, useBrowser, violations } from './session.js';

useBrowser();

// The reps these tests add leave the team afterwards: the widget's tests expect a team without free times.
afterAll(async () => {
  const team = await bodyOf<TeamPage>(await fetch(`${baseUrl}/api/team`, { headers: adminHeaders() }));
  for (const rep of team.data.filter((r) => r.active))
    await fetch(`${baseUrl}/api/team/${rep.id}`, { method: 'PATCH', headers: adminHeaders(), body: JSON.stringify({ active: false }) });
});

const adminHeaders = () => ({ authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' });

async function repNamed(name: string): Promise<SalesRepDetail> {
  const team = await bodyOf<TeamPage>(await fetch(`${baseUrl}/api/team`, { headers: adminHeaders() }));
  const rep = team.data.find((r) => r.name === name);
  if (!rep) throw new Error(`no rep named ${name}`);
  return bodyOf<SalesRepDetail>(await fetch(`${baseUrl}/api/team/${rep.id}`, { headers: adminHeaders() }));
}

/** Adds a rep through the API (for the tests that start from one). */
async function addRep(name: string, extra: Record<string, unknown> = {}) {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@acme.example`;
  const res = await fetch(`${baseUrl}/api/team`, {
    method: 'POST',
    headers: adminHeaders(),
    body: JSON.stringify({ name, email, time_zone: 'Europe/Berlin', ...extra }),
  });
  expect(res.status).toBe(201);
}

const card = (s: Session, name: string) => s.page.locator('li.rep', { has: s.page.getByRole('heading', { name, exact: true }) });

describe('the Team page', () => {
  it('a manager adds a rep by keyboard; their hours show on their clock and on the viewer’s; a calendar syncs and its address stays masked', async () => {
    const name = uniqueName('Priya');
    // The viewer is in Tokyo, the rep in Kolkata: neither changes clocks, so the hours below hold all year.
    const s = await signedIn({ timezoneId: 'Asia/Tokyo', path: '/admin#team' });
    await s.page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await s.page.getByRole('button', { name: 'Add a rep' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Add a rep' });
    await dialog.waitFor();
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel(/^Email/).fill(`${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@acme.example`);
    await dialog.getByLabel(/^Time zone/).fill('Asia/Kolkata');
    await dialog.getByLabel('Friday').fill('');
    await dialog.getByLabel('German').check();
    await dialog.getByLabel(/^Round-robin weight/).fill('3');
    await s.page.screenshot({ path: `${SHOTS}/team-add-rep.png` });
    await dialog.getByLabel(/^Meeting link/).press('Enter');
    await dialog.waitFor({ state: 'detached' });

    const rep = card(s, name);
    await rep.waitFor();
    // Monday 09:00–12:00 and 13:00–17:00 in Kolkata (UTC+5:30) are 12:30–15:30 and 16:30–20:30 in Tokyo (UTC+9).
    const monday = rep.getByRole('row', { name: /^Mon/ });
    await expect.poll(() => monday.textContent()).toContain('09:00–12:00, 13:00–17:00');
    expect(await monday.textContent()).toContain('Mon 12:30–15:30, Mon 16:30–20:30');
    expect(await rep.getByRole('row', { name: /^Fri/ }).textContent()).toContain('Off');
    expect(await rep.textContent()).toContain('Demos in German · round-robin weight 3');
    expect(await rep.getByRole('columnheader').nth(1).textContent()).toBe('Their hours (Asia/Kolkata)');

    // The dev worker's example calendar (http is allowed on loopback in development only).
    const secret = `${baseUrl}/dev/example-calendar.ics`;
    await rep.getByLabel(/Calendar address/).fill(secret);
    await rep.getByRole('button', { name: 'Add calendar' }).click();
    await expect.poll(() => rep.locator('ul.feeds li').count()).toBe(1);
    // The queue syncs it; the page looks again by itself.
    await expect.poll(() => rep.locator('ul.feeds li .badge').textContent(), { timeout: 20_000 }).toBe('Synced');
    const synced = await repNamed(name);
    expect(synced.calendars[0]?.busy_count).toBeGreaterThan(0);
    expect(await rep.locator('ul.feeds li').textContent()).toContain(`${synced.calendars[0]?.busy_count} busy times`);
    expect(await rep.locator('.badge').first().textContent()).toBe('Available');
    // Masked on the page: scheme and host, never the secret path.
    expect(await rep.locator('.feed-url').first().textContent()).toBe(`${new URL(baseUrl).origin}/…`);
    expect(await s.page.content()).not.toContain('example-calendar.ics');
    await s.page.screenshot({ path: `${SHOTS}/team-desktop.png`, fullPage: true });

    // Recorded with the actor.
    expect(synced.events.map((e) => [e.type, e.actor])).toEqual([
      ['created', REP],
      ['feed_added', REP],
    ]);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('a feed that answers no calendar shows as failing with the reason; it can be removed after a question; Sync now is announced', async () => {
    const name = uniqueName('Bruno');
    await addRep(name);
    const s = await signedIn({ path: '/admin#team' });
    const rep = card(s, name);
    await rep.waitFor();
    // The worker itself answers 404 there: no calendar.
    await rep.getByLabel(/Calendar address/).fill(`${baseUrl}/dev/calendars/bruno.ics`);
    await rep.getByRole('button', { name: 'Add calendar' }).click();
    await expect.poll(() => rep.locator('ul.feeds li .badge').textContent(), { timeout: 20_000 }).toBe('Failing');
    expect(await rep.locator('.feed-error').textContent()).toBe('The calendar server answered 404.');
    expect(await rep.locator('.feed-error').textContent()).not.toContain('bruno.ics');

    await rep.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => s.page.getByRole('status').textContent()).toContain(`Syncing one calendar of ${name}`);

    const remove = rep.getByRole('button', { name: /^Remove calendar/ });
    await remove.click();
    const dialog = s.page.getByRole('dialog', { name: 'Remove this calendar?' });
    await dialog.waitFor();
    // Escape keeps the calendar and gives focus back to the button that asked.
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => remove.evaluate((b) => b.matches(':focus'))).toBe(true);
    await remove.press('Enter');
    await dialog.getByRole('button', { name: 'Remove calendar' }).click();
    await expect.poll(() => rep.locator('ul.feeds li').count()).toBe(0);
    expect((await repNamed(name)).events.map((e) => e.type)).toEqual(['created', 'feed_added', 'feed_removed']);
    await s.context.close();
  });

  it('a refused change is explained in the dialog and changes nothing; edit, deactivate and reactivate', async () => {
    const name = uniqueName('Chloe');
    await addRep(name);
    const s = await signedIn({ path: '/admin#team' });
    const rep = card(s, name);
    await rep.getByRole('button', { name: 'Edit' }).click();
    const dialog = s.page.getByRole('dialog', { name: `Edit ${name}` });
    await dialog.waitFor();
    // Not hours at all: the page says which day.
    await dialog.getByLabel('Tuesday').fill('after lunch');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Tuesday');
    // Hours, but overlapping: the server refuses them in words.
    await dialog.getByLabel('Tuesday').fill('09:00–13:00, 12:00–17:00');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('must not overlap');
    await dialog.getByLabel('Tuesday').fill('10-16');
    await dialog.getByLabel(/^Round-robin weight/).fill('2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rep.getByRole('row', { name: /^Tue/ }).textContent()).toContain('10:00–16:00');
    const edited = await repNamed(name);
    expect(edited.working_hours.tue).toEqual([['10:00', '16:00']]);
    expect(edited.weight).toBe(2);

    await rep.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => rep.locator('header .badge').textContent()).toBe('Deactivated');
    expect((await repNamed(name)).active).toBe(false);
    await rep.getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(() => rep.locator('header .badge').textContent()).toBe('Available');
    expect((await repNamed(name)).events.map((e) => e.type)).toEqual(['created', 'updated', 'deactivated', 'reactivated']);
    await s.context.close();
  });

  it('axe finds nothing; at 1280 and 390 px wide nothing scrolls sideways; the Team tab is a link that survives a reload', async () => {
    const name = uniqueName('Dagny');
    await addRep(name, { meeting_url: 'https://meet.example.com/a-very-long-room-name-that-must-wrap-on-a-phone-screen' });
    const desktop = await signedIn({ viewport: { width: 1280, height: 900 } });
    await desktop.page.getByRole('link', { name: 'Team' }).click();
    await card(desktop, name).waitFor();
    expect(await desktop.page.getByRole('link', { name: 'Team' }).getAttribute('aria-current')).toBe('page');
    expect(await violations(desktop.page)).toEqual([]);
    expect(await scrollsSideways(desktop.page)).toBe(false);
    await desktop.page.reload();
    await card(desktop, name).waitFor();
    await desktop.page.screenshot({ path: `${SHOTS}/team-1280.png`, fullPage: true });
    await desktop.page.getByRole('button', { name: 'Add a rep' }).click();
    await desktop.page.getByRole('dialog').waitFor();
    expect(await violations(desktop.page)).toEqual([]);
    await desktop.context.close();

    const phone = await signedIn({ viewport: { width: 390, height: 844 }, path: '/admin#team' });
    await card(phone, name).waitFor();
    expect(await scrollsSideways(phone.page)).toBe(false);
    expect(await violations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/team-390.png`, fullPage: true });
    await phone.page.getByRole('link', { name: 'Requests' }).click();
    await phone.page.getByRole('heading', { name: 'Demo requests', level: 1 }).waitFor();
    await phone.context.close();
  });

  it('a booked slot shows in the inbox and in the booking with its time and its rep', async () => {
    const name = uniqueName('Emil');
    await addRep(name, {
      working_hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '18:00']]])),
    });
    const slots = await bodyOf<SlotsAnswer>(
      await fetch(`${baseUrl}/api/slots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ time_zone: 'UTC', days: 7 }),
      }),
    );
    const org = uniqueName('Slotted');
    const res = await fetch(`${baseUrl}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.77' },
      body: JSON.stringify({
        organization_name: org,
        contact_name: 'Sam Slot',
        contact_email: `sam.${Date.now()}@prospect.example`,
        slot_start: slots.slots[0]!.start,
        timezone: 'Europe/Paris',
      }),
    });
    expect(res.status).toBe(201);
    // Round robin may give it to a rep the earlier tests added: whoever it is, the console names them.
    const booked = (await bodyOf<CreatedBooking>(res)).assigned_rep!.name;
    expect(booked).toBeTruthy();
    const s = await signedIn();
    await s.page.getByLabel('Search').fill(org);
    const row = s.page.locator('li[role="option"]', { hasText: org });
    await expect.poll(() => row.textContent()).toContain(`with ${booked}`);
    await row.click();
    const panel = s.page.locator('booking-panel');
    await panel.getByRole('heading', { name: org }).waitFor();
    expect(await panel.locator('dl').first().textContent()).toContain(`With${booked}`);
    expect(await panel.locator('dl').first().textContent()).toContain('Booked demo (theirs, Europe/Paris)');
    expect(await panel.locator('ol.timeline').textContent()).toMatch(/Booked for \w{3} \d{1,2} \w{3}, \d{2}:\d{2}/);
    await s.page.screenshot({ path: `${SHOTS}/console-booked-slot.png`, fullPage: true });
    await s.context.close();
  });
});
