/** The widget on a marketer's pages: a hostile theme, a consent box, work addresses only. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emailsContaining } from '../e2e/mailbox.js';
import { bookingsFor, control, fieldError, fillValid, launch, newContext, personPause, uniqueEmail, uniqueName } from './browser.js';

const site = inject('receiverUrl');
const submit = (page: Page) => page.locator('demo-booking button[type="submit"]');
const success = (page: Page) => page.locator('demo-booking [part="success"]');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The computed text styles of the widget's parts. */
async function looks(path: string) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${site}${path}`);
  await control(page, 'contact_name').waitFor();
  const styles = await page.evaluate(() => {
    const root = document.querySelector('demo-booking')!.shadowRoot!;
    const pick = (selector: string) => {
      const s = getComputedStyle(root.querySelector(selector)!);
      return [s.fontSize, s.textTransform, s.letterSpacing, s.textAlign, s.lineHeight, s.wordSpacing, s.fontStyle, s.paddingTop].join(
        ' | ',
      );
    };
    return {
      heading: pick('h2'),
      label: pick('label'),
      input: pick('input[name="contact_name"]'),
      button: pick('button'),
      hint: pick('.hint'),
    };
  });
  const box = await page.locator('demo-booking').boundingBox();
  await page.screenshot({ path: `test-results/screenshots/theme-${path.split('/').pop()}.png`, fullPage: true });
  await context.close();
  return { styles, height: Math.round(box!.height) };
}

describe('on a hostile theme', () => {
  it('looks exactly as on a neutral page: no shrinking with a 62.5 % root, no inherited capitals, spacing or centring', async () => {
    const neutral = await looks('/host/neutral');
    const hostile = await looks('/host/hostile-theme');
    expect(hostile.styles).toEqual(neutral.styles);
    expect(hostile.height).toBe(neutral.height);
    expect(neutral.styles.label.split(' | ')[0]).toBe('16px');
  });
});

describe('options a marketer turns on', () => {
  it('a consent box must be ticked; the booking keeps its words, its time and the policy', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site}/host/options`);
    await page.locator('demo-booking input[name="consent"]').waitFor();
    await personPause(page);
    const email = await fillValid(page, `consent.${Date.now()}@northwind-mentoring.org`);
    await submit(page).click();
    await expect.poll(() => fieldError(page, 'consent').textContent()).toContain('Please agree');
    expect(await bookingsFor(email)).toHaveLength(0);
    expect(await page.locator('demo-booking a[href="https://www.example.com/privacy"]').textContent()).toBe('Privacy policy');
    await page.locator('demo-booking input[name="consent"]').check();
    await submit(page).click();
    await expect.poll(() => success(page).isVisible()).toBe(true);
    const [booking] = await bookingsFor(email);
    expect(booking).toMatchObject({
      consent_text: 'I agree that Acme may contact me about this demo.',
      privacy_url: 'https://www.example.com/privacy',
      consent_at: expect.any(String),
    });
    await context.close();
  });

  it('work addresses only: a free-mail address is refused on the email field before anything is sent', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/bookings')) posted++;
    });
    await page.goto(`${site}/host/options`);
    await page.locator('demo-booking input[name="consent"]').waitFor();
    await personPause(page);
    await fillValid(page, `ada.${uniqueEmail()}`.replace(/@.*/, '@gmail.com'));
    await page.locator('demo-booking input[name="consent"]').check();
    await submit(page).click();
    await expect.poll(() => fieldError(page, 'contact_email').textContent()).toContain('work email');
    expect(await control(page, 'contact_email').getAttribute('aria-invalid')).toBe('true');
    expect(posted).toBe(0);
    await context.close();
  });
});

describe('in the visitor’s language', () => {
  it('a German page gets the German widget, German refusals, and the German confirmation email', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site}/host/de`);
    await page.locator('demo-booking h2').waitFor();
    expect(await page.locator('demo-booking h2').textContent()).toBe('Demo anfragen');
    expect(await page.locator('demo-booking label[for="f-contact_email"]').textContent()).toContain('Geschäftliche E-Mail-Adresse');
    await personPause(page);
    const organization = uniqueName('Nordwind');
    await control(page, 'contact_name').fill('Greta Müller');
    await control(page, 'organization_name').fill(organization);
    await control(page, 'contact_email').fill('greta@');
    await submit(page).click();
    await expect.poll(() => fieldError(page, 'contact_email').textContent()).toContain('gültige E-Mail-Adresse');
    const email = `greta.${Date.now()}@nordwind.example`;
    await control(page, 'contact_email').fill(email);
    await submit(page).click();
    await expect.poll(() => success(page).textContent()).toContain('Vielen Dank!');
    const [booking] = await bookingsFor(email);
    expect(booking).toMatchObject({ locale: 'de' });
    const german = () => emailsContaining(organization).find((m) => m.text.includes('Vielen Dank für Ihre Demo-Anfrage'));
    await expect.poll(() => !!german(), { timeout: 30_000 }).toBe(true);
    expect(german()!.text).toContain('Guten Tag Greta Müller,');
    await page.screenshot({ path: 'test-results/screenshots/widget-de-booked.png' });
    await context.close();
  });
});
