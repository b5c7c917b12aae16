/**
 * Attribution on a marketer's site on another origin than the worker: an ad
 * click lands on one page, the visitor reads a second page, and books there.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bookingsFor, control, fillValid, launch, newContext, personPause } from './browser.js';

const site = inject('receiverUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('attribution across pages of a site on another origin', () => {
  it('keeps the landing page, the external referrer, the last touch with its click ids and the first touch', async () => {
    const context = await newContext(browser);
    // First visit weeks ago: a LinkedIn campaign, the first touch.
    const earlier = await context.newPage();
    await earlier.goto(`${site}/host/webinar?utm_source=linkedin&utm_medium=social&utm_campaign=autumn&li_fat_id=li-42`);
    await control(earlier, 'contact_name').waitFor();
    await earlier.close();
    // Today, in a new tab (a new visit): an ad click from Google lands, then the visitor reads the pricing page.
    const page = await context.newPage();
    const landing = `${site}/host/landing?utm_source=google&utm_medium=cpc&utm_campaign=q4-demo&utm_term=mentoring&utm_content=ad-b&gclid=EAIaIQobChMI`;
    await page.goto(`${landing}#top`, { referer: 'https://www.google.com/search?q=mentoring' });
    await control(page, 'contact_name').waitFor();
    await page.goto(`${site}/host/pricing`);
    await control(page, 'contact_name').waitFor();
    await personPause(page);
    await page.evaluate(() => {
      const w = window as unknown as { success?: unknown; dataLayer: unknown[] };
      w.dataLayer = [];
      document.addEventListener('demo-booking-success', (e) => (w.success = (e as CustomEvent).detail));
    });
    const email = await fillValid(page);
    await page.locator('demo-booking button[type="submit"]').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { success?: unknown }).success)).toBeTruthy();
    const { success, dataLayer } = await page.evaluate(() => {
      const w = window as unknown as { success: Record<string, unknown>; dataLayer: unknown[] };
      return { success: w.success, dataLayer: w.dataLayer };
    });
    // What a tag manager needs for an ads conversion, and nothing personal.
    expect(success).toEqual({ id: expect.any(String), utm_source: 'google', utm_campaign: 'q4-demo', click_ids: ['gclid'] });
    expect(dataLayer).toContainEqual({ event: 'demo_booking_success', ...success });

    const [booking] = await bookingsFor(email);
    expect(booking).toMatchObject({
      source_url: `${site}/host/pricing`,
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'q4-demo',
      utm_term: 'mentoring',
      utm_content: 'ad-b',
      click_ids: { gclid: 'EAIaIQobChMI' },
      landing_page: landing,
      referrer: 'https://www.google.com/search?q=mentoring',
      first_touch: {
        utm_source: 'linkedin',
        utm_medium: 'social',
        utm_campaign: 'autumn',
        click_ids: { li_fat_id: 'li-42' },
        at: expect.any(String),
      },
    });
    await context.close();
  });
});
