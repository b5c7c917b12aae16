/**
 * What broke in a day of real use of the console (issue "The console as a
 * sales team's daily tool"), each in real Chromium against `wrangler dev`:
 * the date field, a late search, focus, contrast on a selected row, an erased
 * demo that could not be cancelled, outcomes offered before the demo, and
 * the inbox below the first screen of a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BookingDetail } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { uniqueName } from '../widget/browser.js';
import { baseUrl, book, REP, signedIn, useBrowser } from './session.js';

useBrowser();

const admin = () => ({ authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' });

const patch = (id: string, body: object) =>
  fetch(`${baseUrl}/api/bookings/${id}`, { method: 'PATCH', headers: admin(), body: JSON.stringify(body) });
const detail = async (id: string) => bodyOf<BookingDetail>(await fetch(`${baseUrl}/api/bookings/${id}`, { headers: admin() }));

/** What has focus, through the shadow roots: its tag, id and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${(el.textContent ?? '').trim().slice(0, 40)}` : 'none';
  });

const option = (page: Page, organization: string) => page.locator('li[role="option"]', { hasText: organization });

async function open(page: Page, organization: string) {
  await page.getByLabel('Search').fill(organization);
  // The search has answered (the list holds that booking alone) before the row is chosen.
  await expect.poll(() => page.locator('li[role="option"]').count()).toBe(1);
  await option(page, organization).click();
  await page.locator('booking-panel').getByRole('heading', { name: organization }).waitFor();
}

describe('a day of real use', () => {
  it('typing a day with a leading zero keeps the date and time; Escape gives focus back to the button that opened the dialog; a keyboard confirm leaves focus on the booking', async () => {
    const org = uniqueName('Zero Day');
    const id = await book(org, 5);
    const { context, page } = await signedIn({ timezoneId: 'UTC' });
    await open(page, org);
    const panel = page.locator('booking-panel');
    const confirm = panel.getByRole('button', { name: 'Confirm' });
    await confirm.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Confirm the demo' });
    const field = dialog.getByLabel(/^Date and time/);
    await field.waitFor();
    const before = await field.inputValue();
    // Into the day part of the field (month, day, year in this locale), then 0 and 9.
    await field.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('09');
    const after = await field.inputValue();
    expect(after).not.toBe('');
    expect(after.slice(8, 10)).toBe('09');
    expect(after.slice(0, 7)).toBe(before.slice(0, 7));
    expect(after.slice(11)).toBe(before.slice(11));

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('button Confirm');

    // Confirmed by keyboard alone: focus stays in the booking, on its title, not on the page.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Confirm the demo' }).press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await detail(id)).status).toBe('confirmed');
    await expect.poll(() => focused(page)).toBe(`h2#booking-title ${org}`);
    await context.close();
  });

  it('a search answered late never paints over the latest one', async () => {
    const name = uniqueName('Nordlicht');
    await book(name);
    await book(`${name.slice(0, 3)}mandy ${crypto.randomUUID().slice(0, 4)}`);
    const { context, page } = await signedIn();
    // The short search's answer is held back until after the full one has painted.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(
      (url) => url.pathname === '/api/bookings' && url.searchParams.get('q') === name.slice(0, 3),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    const search = page.getByLabel('Search');
    await search.fill(name.slice(0, 3));
    await page.waitForTimeout(400);
    await search.fill(name);
    await expect.poll(() => page.locator('li[role="option"]').count()).toBe(1);
    release();
    await page.waitForTimeout(800);
    expect(await page.locator('li[role="option"]').allTextContents()).toEqual([expect.stringContaining(name)]);
    await context.close();
  });

  it('search finds a word inside the organization, in any case and without its accents', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    await book(`Österreich ${tag} Robotik`);
    const { context, page } = await signedIn();
    const search = page.getByLabel('Search');
    for (const text of [`osterreich ${tag}`, `${tag.toUpperCase()} robotik`]) {
      await search.fill(text);
      await expect
        .poll(() => page.locator('li[role="option"]').allTextContents())
        .toEqual([expect.stringContaining(`Österreich ${tag} Robotik`)]);
    }
    await context.close();
  });

  it('a note is added to the booking and names who wrote it; the email and phone are links', async () => {
    const org = uniqueName('Noted');
    await book(org, 3, { contact_phone: '+49 30 1234567' });
    const { context, page } = await signedIn();
    await open(page, org);
    const panel = page.locator('booking-panel');
    expect(await panel.getByRole('link', { name: /@prospect\.example$/ }).getAttribute('href')).toMatch(/^mailto:paula\./);
    expect(await panel.getByRole('link', { name: '+49 30 1234567' }).getAttribute('href')).toBe('tel:+49301234567');
    await panel.getByLabel('Add a note').fill('Asked for SSO pricing.');
    await panel.getByRole('button', { name: 'Add note' }).click();
    const entry = panel.locator('.timeline li', { hasText: 'Asked for SSO pricing.' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain(REP);
    expect(await panel.getByLabel('Add a note').inputValue()).toBe('');
    await context.close();
  });

  it('the status tabs count what the filters find', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    await book(`Tabs ${tag} One`);
    const cancelled = await book(`Tabs ${tag} Two`);
    expect((await fetch(`${baseUrl}/api/bookings/${cancelled}/cancel`, { method: 'POST', headers: admin(), body: '{}' })).status).toBe(200);
    const { context, page } = await signedIn();
    await page.getByLabel('Search').fill(`Tabs ${tag}`);
    const tab = (name: string) => page.getByRole('list', { name: 'Status' }).getByRole('button', { name: new RegExp(`^${name}`) });
    await expect.poll(() => tab('All').textContent()).toMatch(/All\s*2\s*$/);
    expect(await tab('Pending').textContent()).toMatch(/Pending\s*1\s*$/);
    expect(await tab('Cancelled').textContent()).toMatch(/Cancelled\s*1\s*$/);
    expect(await tab('Confirmed').textContent()).toMatch(/Confirmed\s*0\s*$/);
    await context.close();
  });

  it('on a selected row, Confirmed, No-show and Cancelled keep 4.5:1 contrast', async () => {
    const orgs = { confirmed: uniqueName('Contrast C'), no_show: uniqueName('Contrast N'), cancelled: uniqueName('Contrast X') };
    for (const [status, org] of Object.entries(orgs)) {
      const id = await book(org);
      if (status !== 'cancelled') expect((await patch(id, { status: 'confirmed' })).status).toBe(200);
      if (status === 'no_show') expect((await patch(id, { status: 'no_show' })).status).toBe(200);
      if (status === 'cancelled')
        expect((await fetch(`${baseUrl}/api/bookings/${id}/cancel`, { method: 'POST', headers: admin(), body: '{}' })).status).toBe(200);
    }
    const { context, page } = await signedIn();
    for (const org of Object.values(orgs)) {
      await open(page, org);
      const badge = option(page, org).locator('.badge');
      const ratio = await badge.evaluate((el) => {
        const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          }) as [number, number, number];
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const row = el.closest('li') as HTMLElement;
        const [a, b] = [lum(getComputedStyle(el).color), lum(getComputedStyle(row).backgroundColor)];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
      expect(await option(page, org).getAttribute('aria-selected')).toBe('true');
      expect(ratio, org).toBeGreaterThanOrEqual(4.5);
    }
    await context.close();
  });

  it('an erased demo that is still confirmed can be cancelled from the console (nothing else is offered)', async () => {
    const org = uniqueName('Erased Confirmed');
    const id = await book(org);
    expect((await patch(id, { status: 'confirmed' })).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/bookings/${id}/redact`, { method: 'POST', headers: admin() })).status).toBe(200);
    // Erased, it has no name to search for: a link opens it.
    const { context, page } = await signedIn({ path: `/admin#booking/${id}` });
    await page.locator('booking-panel').getByRole('heading', { name: '[redacted]' }).waitFor();
    const actions = page.locator('booking-panel').getByRole('group', { name: 'Actions' });
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Cancel']);
    await actions.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the demo' });
    await dialog.getByRole('button', { name: 'Cancel the demo' }).click();
    await expect.poll(async () => (await detail(id)).status).toBe('cancelled');
    await context.close();
  });

  it('Complete and No-show are not offered before the demo starts; once it has, they ask before they apply, and can be undone', async () => {
    const future = uniqueName('Next Week');
    const id = await book(future, 7);
    expect((await patch(id, { status: 'confirmed' })).status).toBe(200);
    const { context, page } = await signedIn();
    await open(page, future);
    const actions = page.locator('booking-panel').getByRole('group', { name: 'Actions' });
    expect(await actions.getByRole('button').allTextContents()).not.toContain('Complete');
    expect(await actions.getByRole('button').allTextContents()).not.toContain('No-show');
    expect(await page.locator('booking-panel').getByText('Complete and No-show are offered from the demo’s start').count()).toBe(1);

    // A demo that has begun (the admin API moves it into the past, as an integration may).
    const past = uniqueName('Just Now');
    const pastId = await book(past, 2);
    expect((await patch(pastId, { status: 'confirmed' })).status).toBe(200);
    expect((await patch(pastId, { preferred_date: new Date(Date.now() + 2000).toISOString() })).status).toBe(200);
    await page.waitForTimeout(2500);
    await open(page, past);
    await actions.getByRole('button', { name: 'Complete' }).press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Mark as completed' });
    await dialog.waitFor();
    expect((await detail(pastId)).status).toBe('confirmed'); // nothing yet: it asks
    await dialog.getByRole('button', { name: 'Mark as completed' }).click();
    await expect.poll(async () => (await detail(pastId)).status).toBe('completed');
    // A slip is undone from the booking, as a correction in its history.
    await page.locator('booking-panel').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await detail(pastId)).status).toBe('confirmed');
    expect((await detail(pastId)).events.at(-1)?.type).toBe('outcome_undone');
    await page.locator('booking-panel').getByText('Outcome undone').waitFor();
    expect(await page.locator('booking-panel').getByRole('button', { name: 'Undo' }).count()).toBe(0);
    await context.close();
  });

  it('at phone width the inbox comes first; Enter on a row focuses the booking, “← Requests” focuses its row again', async () => {
    const org = uniqueName('Phone First');
    await book(org);
    const { context, page } = await signedIn({ viewport: { width: 390, height: 844 } });
    const first = page.locator('li[role="option"]').first();
    await first.waitFor();
    const box = await first.boundingBox();
    expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(844);
    await page.getByLabel('Search').fill(org);
    await option(page, org).waitFor();
    await option(page, org).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe(`h2#booking-title ${org}`);
    await page.locator('booking-panel').getByRole('button', { name: '← Requests' }).click();
    await expect.poll(() => focused(page)).toContain(`li ${org}`);
    await context.close();
  });

  it('a row names the organization’s size and the campaign, beside the contact', async () => {
    const org = uniqueName('Sized Row');
    await book(org);
    const { context, page } = await signedIn();
    await page.getByLabel('Search').fill(org);
    await expect.poll(() => option(page, org).locator('.row2').first().textContent()).toContain('campaign winter-webinar');
    expect(await option(page, org).locator('.row2').first().textContent()).toMatch(
      /^Paula Prospect · paula\.\w+@prospect\.example · 51-200 people · campaign winter-webinar$/,
    );
    await context.close();
  });

  it('filters live in the address: a reload keeps them and the link can be shared', async () => {
    const org = uniqueName('Kept Filter');
    await book(org);
    const { context, page } = await signedIn();
    await page.getByRole('button', { name: /^Pending/ }).click();
    await page.getByLabel('Search').fill(org);
    await expect.poll(() => page.locator('li[role="option"]').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('status=pending');
    const link = page.url();
    const shared = await context.newPage();
    await shared.goto(link);
    await shared.locator('li[role="option"]', { hasText: org }).waitFor();
    expect(await shared.getByLabel('Search').inputValue()).toBe(org);
    expect(await shared.getByRole('button', { name: /^Pending/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await shared.locator('li[role="option"]').count()).toBe(1);
    await context.close();
  });

  it('a new request appears in an open inbox without a reload, and the booking being read stays open', async () => {
    const prefix = uniqueName('Live Inbox');
    await book(`${prefix} first`);
    const { context, page } = await signedIn();
    await page.getByLabel('Search').fill(prefix);
    await expect.poll(() => page.locator('li[role="option"]').allTextContents()).toEqual([expect.stringContaining(`${prefix} first`)]);
    await option(page, `${prefix} first`).click();
    await page
      .locator('booking-panel')
      .getByRole('heading', { name: `${prefix} first` })
      .waitFor();
    await book(`${prefix} second`);
    await option(page, `${prefix} second`).waitFor({ timeout: 30_000 });
    expect(
      await page
        .locator('booking-panel')
        .getByRole('heading', { name: `${prefix} first` })
        .count(),
    ).toBe(1);
    await context.close();
  }, 60_000);

  it('acting deep in a long list keeps the list and the place; the booking opened there is in view', async () => {
    const prefix = uniqueName('Deep List');
    for (let i = 0; i < 55; i++) await book(`${prefix} ${String(i).padStart(2, '0')}`);
    const { context, page } = await signedIn({ viewport: { width: 1400, height: 900 } });
    const searched = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === prefix);
    await page.getByLabel('Search').fill(prefix);
    await searched;
    await expect.poll(() => page.locator('li[role="option"]').count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => page.locator('li[role="option"]').count()).toBe(55);
    // Newest first: the first booked is the last row.
    const deep = option(page, `${prefix} 01`);
    await deep.scrollIntoViewIfNeeded();
    await deep.click();
    const panel = page.locator('booking-panel');
    const heading = panel.getByRole('heading', { name: `${prefix} 01` });
    await heading.waitFor();
    expect(await heading.isVisible()).toBe(true);
    const box = await heading.boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
    await panel.getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm the demo' });
    await dialog.getByRole('button', { name: 'Confirm the demo' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => deep.locator('.badge').textContent()).toBe('Confirmed');
    expect(await page.locator('li[role="option"]').count()).toBe(55);
    const rowBox = await deep.boundingBox();
    expect(rowBox && rowBox.y >= 0 && rowBox.y < 900).toBe(true);
    await context.close();
  }, 90_000);
});
