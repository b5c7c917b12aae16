/**
 * The widget with live slots (SPEC 8.6) in real Chromium against
 * `wrangler dev`: with an active rep the visitor gives their details, then
 * picks a real free time (by mouse or keyboard alone) and is booked at once
 * with the rep; a time someone took meanwhile is answered with the nearest
 * free ones; a German page speaks German with German dates. The rep is
 * deactivated afterwards, so the other files see a team without free times.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SalesRep, SlotsAnswer } from '../../contract/api.js';
import { AR_PICKER } from '../../contract/words/picker/ar.js';
import { bodyOf } from '../api-body.js';
import {
  adminToken,
  baseUrl,
  berlinLocal,
  bookingsFor,
  control,
  createThroughApi,
  fillValid,
  launch,
  newContext,
  personPause,
  uniqueEmail,
} from './browser.js';

const SHOTS = 'test-results/screenshots';
const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };

let browser: Browser;
let rep: SalesRep;
beforeAll(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
  // A rep who works every day around the clock on the visitor's (Berlin) side, with no calendar: many free times.
  const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '18:00']]]));
  const res = await fetch(`${baseUrl}/api/team`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({
      name: 'Rosa Rep',
      email: `rosa.${Date.now()}@acme.example`,
      time_zone: 'Europe/Berlin',
      working_hours: everyDay,
    }),
  });
  expect(res.status).toBe(201);
  rep = await bodyOf<SalesRep>(res);
});
afterAll(async () => {
  await fetch(`${baseUrl}/api/team/${rep.id}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ active: false }) });
  await browser?.close();
});

/** A second form on the page, as a marketer adds one with its own attributes. */
const addWidget = (page: Page, id: string, attributes: Record<string, string>) =>
  page.evaluate(
    ([id, attributes]) => {
      const el = document.createElement('demo-booking');
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      el.id = id;
      document.body.append(el);
    },
    [id, attributes] as const,
  );

const picker = (page: Page) => page.locator('demo-booking [part="picker"]');
const submit = (page: Page) => page.locator('demo-booking button[type="submit"]');

async function open(path = '/') {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  await control(page, 'contact_name').waitFor();
  await personPause(page);
  return { context, page };
}

describe('booking a real free time', () => {
  it('details first, then the picker in the visitor’s zone; a time chosen by keyboard alone is booked at once with the rep', async () => {
    const { context, page } = await open();
    // With free times the preferred-time field gives way to the picker.
    expect(await control(page, 'preferred_date').count()).toBe(0);
    const email = await fillValid(page, uniqueEmail());
    await submit(page).click();
    await picker(page).getByRole('heading', { name: 'Choose a time' }).waitFor();
    await picker(page).locator('.times button').first().waitFor();
    expect(await picker(page).getByText('Times in Europe/Berlin').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/widget-slots.png`, fullPage: true });

    // Keyboard: the first day is the tab stop; arrows move between days; Tab reaches the times.
    const days = picker(page).getByRole('group', { name: 'Days with free times' }).getByRole('button');
    await days.first().focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await days.nth(1).getAttribute('aria-pressed')).toBe('true');
    const times = picker(page)
      .getByRole('group', { name: /^Free times on / })
      .getByRole('button');
    await times.first().focus();
    await page.keyboard.press('ArrowRight');
    // A screen reader hears the whole date, not just "09:30".
    const label = (await times.nth(1).getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^\p{L}+day,? \d{1,2} \p{L}+ 2\d{3} at \d{2}:\d{2}$/u);
    await page.keyboard.press('Enter');

    const done = page.locator('demo-booking [part="success"]');
    await done.getByRole('heading', { name: 'Your demo is booked' }).waitFor();
    expect(await done.textContent()).toContain(`with Rosa Rep. The invitation is on its way to ${email}`);
    const link = done.getByRole('link', { name: 'Add to calendar' });
    expect(await link.getAttribute('download')).toBe('demo.ics');
    await page.screenshot({ path: `${SHOTS}/widget-slot-booked.png`, fullPage: true });

    const [stored] = await bookingsFor(email);
    expect(stored).toMatchObject({ status: 'confirmed', assigned_rep_id: rep.id });
    // The file holds the booked time and the UID of the emailed invitation.
    const ics = await page.evaluate(async (href) => (await fetch(href)).text(), (await link.getAttribute('href'))!);
    expect(ics).toContain(`UID:${stored!.id}@${new URL(baseUrl).hostname}`);
    expect(ics).toContain(`DTSTART:${stored!.preferred_date!.replace(/[-:]/g, '').slice(0, 15)}Z`);
    await context.close();
  });

  it('a time someone booked meanwhile: the visitor is told, and offered the nearest free times instead', async () => {
    const { context, page } = await open();
    await fillValid(page, uniqueEmail());
    await submit(page).click();
    const first = picker(page).locator('.times button').first();
    await first.waitFor();
    // Meanwhile another prospect takes exactly that time (the only rep's).
    const answer = await bodyOf<SlotsAnswer>(
      await fetch(`${baseUrl}/api/slots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ time_zone: 'Europe/Berlin', days: 14 }),
      }),
    );
    const taken = answer.slots[0]!.start;
    expect(
      (
        await createThroughApi({
          organization_name: 'Other Co',
          contact_name: 'Otto Other',
          contact_email: uniqueEmail(),
          slot_start: taken,
        })
      ).status,
    ).toBe(201);
    await first.click();
    await picker(page).getByText('Someone has just booked this time').waitFor();
    const offered = await picker(page).locator('.times button').count();
    expect(offered).toBeGreaterThan(0);
    expect(offered).toBeLessThanOrEqual(5);
    await page.screenshot({ path: `${SHOTS}/widget-slot-taken.png`, fullPage: true });
    await context.close();
  });

  it('a German page shows the picker in German, with German dates', async () => {
    const german = await newContext(browser);
    const dePage = await german.newPage();
    await dePage.goto(`${inject('receiverUrl')}/host/de`);
    await control(dePage, 'contact_name').waitFor();
    await personPause(dePage);
    await fillValid(dePage, uniqueEmail());
    await submit(dePage).click();
    await picker(dePage).getByRole('heading', { name: 'Wählen Sie einen Termin' }).waitFor();
    const label = (await picker(dePage).locator('.times button').first().getAttribute('aria-label')) ?? '';
    expect(label).toMatch(/^\p{L}+, \d{1,2}\. \p{L}+ 2\d{3} um \d{2}:\d{2}$/u);
    await dePage.screenshot({ path: `${SHOTS}/widget-slots-de.png`, fullPage: true });
    await german.close();
  });

  it('an Arabic form shows the picker right to left, dates in Arabic with Latin digits; the left arrow goes to the next day', async () => {
    const { context, page } = await open('/');
    await addWidget(page, 'arabic', { lang: 'ar' });
    await control(page, 'contact_name', '#arabic').waitFor();
    await personPause(page);
    const email = await fillValid(page, uniqueEmail(), '#arabic');
    await page.locator('#arabic button[type="submit"]').click();
    const arabicPicker = page.locator('#arabic [part="picker"]');
    await arabicPicker.getByRole('heading', { name: AR_PICKER.choose_heading }).waitFor();
    const days = arabicPicker.getByRole('group', { name: AR_PICKER.day_list }).getByRole('button');
    await days.first().focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    expect(await days.nth(1).getAttribute('aria-pressed')).toBe('true');
    // The first day sits at the right, the next one to its left.
    const [first, second] = [(await days.nth(0).boundingBox())!, (await days.nth(1).boundingBox())!];
    expect(second.x).toBeLessThan(first.x);
    const time = arabicPicker.locator('.times button').first();
    // "الجمعة، 11 ديسمبر 2026 في 9:30 ص": an Arabic weekday, a Gregorian year in Latin digits.
    expect((await time.getAttribute('aria-label')) ?? '').toMatch(/^\p{Script=Arabic}+، \d{1,2} \p{Script=Arabic}+ 2\d{3} /u);
    await page.locator('#arabic').screenshot({ path: `${SHOTS}/widget-slots-ar.png` });
    await time.click();
    await page.locator('#arabic [part="success"]').getByRole('heading', { name: AR_PICKER.booked_heading }).waitFor();
    expect((await bookingsFor(email))[0]).toMatchObject({ status: 'confirmed', locale: 'ar' });
    await context.close();
  });

  it('mode="request" keeps the preferred-time form even when the team has free times', async () => {
    const { context, page } = await open('/');
    await addWidget(page, 'forced', { mode: 'request' });
    await page.locator('#forced [name="preferred_date"]').waitFor();
    await personPause(page);
    expect(await page.locator('#forced [name="preferred_date"]').count()).toBe(1);
    await context.close();
  });

  it('when /api/slots cannot answer (a 5xx or no network), the preferred-time form is shown rather than nothing', async () => {
    for (const fail of ['5xx', 'network'] as const) {
      const context = await newContext(browser);
      await context.route('**/api/slots', (route) =>
        fail === '5xx'
          ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{}' })
          : route.abort('internetdisconnected'),
      );
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await control(page, 'contact_name').waitFor();
      await personPause(page);
      expect(await control(page, 'preferred_date').count()).toBe(1);
      const email = await fillValid(page, uniqueEmail());
      await control(page, 'preferred_date').fill(berlinLocal(72));
      await submit(page).click();
      await page.locator('demo-booking [part="success"]').waitFor();
      expect((await bookingsFor(email))[0]?.status).toBe('pending');
      await context.close();
    }
  });
});
