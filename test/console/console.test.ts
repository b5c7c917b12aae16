/**
 * The sales console in real Chromium against `wrangler dev`, signed in as a
 * rep through Cloudflare Access (the test plays Access: it signs the
 * identity token the edge would add to every request).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BookingDetail } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { parseCsv } from '../csv.js';
import { uniqueName, wallTime } from '../widget/browser.js';
import { baseUrl, book, REP, SHOTS, scrollsSideways, signedIn, useBrowser, violations } from './session.js';

useBrowser();

const option = (page: Page, organization: string) => page.locator('li[role="option"]', { hasText: organization });

describe('the sales console', () => {
  it('a rep finds a request, opens it by keyboard, confirms it through the dialog, and the history names them', async () => {
    const org = uniqueName('Northwind');
    await book(`${org} Other`, 5);
    const id = await book(org);
    const { context, page, errors } = await signedIn();
    await page.getByLabel('Search').fill(org);
    await option(page, `${org} Other`).waitFor();
    await page.screenshot({ path: `${SHOTS}/console-inbox.png`, fullPage: true });

    // Keyboard: focus the first row, move down with j, up with k, open with Enter.
    await page.locator('li[role="option"]').first().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const focused = await page.evaluate(() => {
      const root = document.querySelector('sales-console')!.shadowRoot!;
      return (root.activeElement as HTMLElement | null)?.dataset.id ?? null;
    });
    expect(focused).not.toBeNull();
    await option(page, org).filter({ hasNotText: 'Other' }).focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('booking-panel');
    await panel.getByRole('heading', { name: org }).waitFor();
    await expect.poll(() => panel.getByText('linkedin').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/console-booking.png`, fullPage: true });

    // Only the moves a pending request allows.
    const actions = await panel.getByRole('group', { name: 'Actions' }).getByRole('button').allTextContents();
    expect(actions).toEqual(['Confirm', 'Cancel', 'Redact']);

    await panel.getByRole('button', { name: 'Confirm' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Confirm the demo' });
    await dialog.waitFor();
    // Ten days on at 15:30 UTC, typed as the rep's New York wall time; the prospect's Berlin time shows beside it.
    const demo = new Date(Date.now() + 10 * 86_400_000);
    demo.setUTCHours(15, 30, 0, 0);
    await dialog.getByLabel(/Date and time/).fill(wallTime(demo, 'America/New_York'));
    await dialog.getByLabel(/Meeting link/).fill('https://meet.example.com/northwind');
    await expect.poll(() => dialog.getByText('(Europe/Berlin)').textContent()).toContain(wallTime(demo, 'Europe/Berlin').slice(11));
    await page.screenshot({ path: `${SHOTS}/console-confirm-dialog.png` });
    await dialog.getByRole('button', { name: 'Confirm the demo' }).click();

    await expect.poll(() => panel.locator('.badge').textContent()).toBe('Confirmed');
    await expect.poll(() => panel.locator('ol.timeline').textContent()).toContain(`by ${REP}`);
    const detail = await bodyOf<BookingDetail>(await page.request.get(`${baseUrl}/api/bookings/${id}`));
    expect(detail.status).toBe('confirmed');
    expect(detail.preferred_date).toBe(demo.toISOString());
    expect(detail.events.at(-1)).toMatchObject({ type: 'confirmed', actor: REP });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a move refused because a colleague changed the booking is explained in words, and the view refreshes', async () => {
    const org = uniqueName('Colleague');
    const id = await book(org);
    const { context, page } = await signedIn();
    await page.getByLabel('Search').fill(org);
    await option(page, org).click();
    const panel = page.locator('booking-panel');
    await panel.getByRole('heading', { name: org }).waitFor();
    // Meanwhile a colleague cancels it.
    await page.request.post(`${baseUrl}/api/bookings/${id}/cancel`, { headers: { origin: baseUrl } });
    await panel.getByRole('button', { name: 'Confirm' }).click();
    const dialog = panel.getByRole('dialog');
    await dialog.getByLabel(/Date and time/).fill(wallTime(new Date(Date.now() + 5 * 86_400_000), 'America/New_York'));
    await dialog.getByRole('button', { name: 'Confirm the demo' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('changed this booking meanwhile');
    await expect.poll(() => panel.locator('.badge').textContent()).toBe('Cancelled');
    await context.close();
  });

  it('the Export CSV link downloads the current filter', async () => {
    const org = uniqueName('Export');
    await book(org);
    const { context, page } = await signedIn();
    await page.getByLabel('Search').fill(org);
    await expect.poll(() => page.locator('li[role="option"]').count()).toBe(1);
    const link = page.getByRole('link', { name: 'Export CSV' });
    expect(await link.getAttribute('download')).not.toBeNull();
    const href = (await link.getAttribute('href'))!;
    expect(new URL(href, baseUrl).searchParams.get('q')).toBe(org);
    // A browser download skips the test's stand-in for Access (Playwright adds no headers to it), so the
    // link is fetched as the edge would pass it on: with the rep's identity.
    const res = await page.request.get(new URL(href, baseUrl).href);
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="demo-bookings-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(await res.text(), ',');
    expect(header!.slice(0, 4)).toEqual(['id', 'organization_name', 'organization_id', 'contact_name']);
    expect(rows).toHaveLength(1);
    expect(rows[0]![1]).toBe(org);
    // The times also on the rep's clock.
    expect(header).toContain('created_at (America/New_York)');
    await context.close();
  });

  it('axe finds no violations; at phone width there is no horizontal scroll and a booking opens full width', async () => {
    const org = uniqueName('Phone');
    await book(org);
    const desktop = await signedIn();
    await desktop.page.getByLabel('Search').fill(org);
    await option(desktop.page, org).click();
    await desktop.page.locator('booking-panel').getByRole('heading', { name: org }).waitFor();
    expect(await violations(desktop.page)).toEqual([]);
    await desktop.context.close();

    const phone = await signedIn({ viewport: { width: 390, height: 844 } });
    const noSideScroll = async () => !(await scrollsSideways(phone.page));
    expect(await noSideScroll()).toBe(true);
    await phone.page.screenshot({ path: `${SHOTS}/console-phone-inbox.png`, fullPage: true });
    await phone.page.getByLabel('Search').fill(org);
    await option(phone.page, org).click();
    await phone.page.locator('booking-panel').getByRole('heading', { name: org }).waitFor();
    expect(await noSideScroll()).toBe(true);
    await phone.page.screenshot({ path: `${SHOTS}/console-phone-booking.png`, fullPage: true });
    expect(await violations(phone.page)).toEqual([]);
    await phone.page.getByRole('button', { name: '← Requests' }).click();
    await option(phone.page, org).waitFor();
    await phone.context.close();
  });
});
