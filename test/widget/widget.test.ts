import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemBody } from '../../contract/api.js';
import { BAD_INPUTS } from '../../contract/examples.js';
import { bodyOf } from '../api-body.js';
import {
  baseUrl,
  berlinLocal,
  bookingsFor,
  control,
  createThroughApi,
  fieldError,
  fillValid,
  launch,
  newContext,
  personPause,
  uniqueEmail,
} from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const success = (page: Page) => page.locator('demo-booking [part="success"]');
const submit = (page: Page) => page.locator('demo-booking button[type="submit"]');

async function open(path: string, viewport?: { width: number; height: number }) {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  await control(page, 'contact_name').waitFor();
  await personPause(page);
  return { context, page };
}

describe('attribution', () => {
  it('stores the page URL without its fragment and the UTM values of the URL', async () => {
    const { context, page } = await open('/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn-launch#book');
    const email = await fillValid(page);
    await submit(page).click();
    await expect.poll(() => success(page).isVisible()).toBe(true);
    expect(await success(page).textContent()).toContain(email);
    const [booking] = await bookingsFor(email);
    expect(booking).toMatchObject({
      source_url: `${baseUrl}/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn-launch`,
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'autumn-launch',
      organization_size: '11-50',
      status: 'pending',
    });

    // A second page of the site without UTM parameters still credits the campaign.
    const second = await context.newPage();
    await second.goto(`${baseUrl}/strict`);
    await personPause(second);
    const again = await fillValid(second);
    await submit(second).click();
    await expect.poll(() => success(second).isVisible()).toBe(true);
    const [later] = await bookingsFor(again);
    expect(later).toMatchObject({ source_url: `${baseUrl}/strict`, utm_source: 'newsletter', utm_campaign: 'autumn-launch' });
    await context.close();
  });
});

describe('validation shared with the server', () => {
  it('refuses each bad input of contract/examples.ts in the widget and in the API under the same rule', async () => {
    const { context, page } = await open('/');
    for (const bad of BAD_INPUTS) {
      await page.reload();
      await control(page, 'contact_name').waitFor();
      await fillValid(page);
      await control(page, bad.field).fill(bad.value);
      await page.evaluate(() => {
        const w = window as unknown as { rules?: string[] };
        delete w.rules;
        document.addEventListener('demo-booking-error', (e) => (w.rules = (e as CustomEvent).detail.rules), { once: true });
      });
      await submit(page).click();
      const widgetRules = await expect
        .poll(() => page.evaluate(() => (window as unknown as { rules?: string[] }).rules), {
          message: `widget event for ${bad.field}=${bad.value.slice(0, 12)}`,
        })
        .toBeDefined()
        .then(() => page.evaluate(() => (window as unknown as { rules: string[] }).rules));
      expect(widgetRules, `${bad.field}=${bad.value.slice(0, 20)}`).toEqual([bad.rule]);
      await expect.poll(() => fieldError(page, bad.field).textContent()).not.toBe('');
      expect(await control(page, bad.field).getAttribute('aria-invalid')).toBe('true');
      // Focus moves to the first field in error.
      expect(await page.evaluate(() => document.querySelector('demo-booking')!.shadowRoot!.activeElement?.getAttribute('name'))).toBe(
        bad.field,
      );

      const body = {
        organization_name: 'Harbor Mentors',
        contact_name: 'Grace Hopper',
        contact_email: uniqueEmail(),
        [bad.field]: bad.value,
      };
      const res = await createThroughApi(body);
      const problem = await bodyOf<ProblemBody>(res);
      expect(res.status).toBe(422);
      expect((problem.errors ?? []).map((e) => [e.path, e.rule])).toEqual([[bad.field, bad.rule]]);
      expect(await fieldError(page, bad.field).textContent()).toBe(problem.errors?.[0]?.message);
    }
    await context.close();
  });

  it('shows the 429 of a 4th pending request for one email next to the email field', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 3; i++)
      expect((await createThroughApi({ organization_name: 'A', contact_name: 'B', contact_email: email })).status).toBe(201);
    const { context, page } = await open('/');
    await fillValid(page, email);
    await submit(page).click();
    await expect.poll(() => fieldError(page, 'contact_email').textContent()).toContain('cannot take another demo request for this address');
    expect(await control(page, 'contact_email').getAttribute('aria-invalid')).toBe('true');
    expect(await bookingsFor(email)).toHaveLength(3);
    await context.close();
  });

  it('shows the server’s 422 for a time under 24 hours next to the date field (visitor clock two hours slow)', async () => {
    const { context, page } = await open('/');
    const realNow = Date.now();
    await page.clock.setFixedTime(new Date(realNow - 2 * 3_600_000));
    await page.reload();
    await page.clock.setFixedTime(new Date(realNow - 2 * 3_600_000 + 5000)); // the visitor takes a few seconds
    const email = await fillValid(page);
    await control(page, 'preferred_date').fill(berlinLocal(23, realNow));
    await submit(page).click();
    await expect.poll(() => fieldError(page, 'preferred_date').textContent()).toContain('at least 24 hours');
    expect(await bookingsFor(email)).toHaveLength(0);
    // Choosing a later time books it, in UTC.
    await control(page, 'preferred_date').fill(berlinLocal(30, realNow));
    await submit(page).click();
    await expect.poll(() => success(page).isVisible()).toBe(true);
    const [booking] = await bookingsFor(email);
    expect(booking!.preferred_date).toMatch(/Z$/);
    expect(Math.abs(Date.parse(booking!.preferred_date as string) - (realNow + 30 * 3_600_000))).toBeLessThan(61_000);
    await context.close();
  });
});

describe('submitting', () => {
  it('a double click creates one booking', async () => {
    const { context, page } = await open('/');
    const email = await fillValid(page);
    let posts = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/bookings') && posts++);
    await submit(page).dblclick();
    await expect.poll(() => success(page).isVisible()).toBe(true);
    expect(await bookingsFor(email)).toHaveLength(1);
    expect(posts).toBe(1);
    await context.close();
  });

  it('an answer lost on the network keeps the input, offers a retry, and the retry creates no second booking', async () => {
    const { context, page } = await open('/');
    const email = await fillValid(page);
    const keys: string[] = [];
    let dropNext = true;
    await page.route('**/api/bookings', async (route) => {
      keys.push(route.request().headers()['idempotency-key']!);
      if (!dropNext) return route.fallback();
      dropNext = false;
      await route.fetch(); // the server stores the booking...
      await route.abort('connectionreset'); // ...but the answer never arrives
    });
    await submit(page).click();
    await expect.poll(() => page.locator('demo-booking [part="status"]').textContent()).toContain('could not reach');
    expect(await submit(page).textContent()).toContain('Try again');
    expect(await control(page, 'contact_email').inputValue()).toBe(email);
    expect(await control(page, 'message').inputValue()).toBe('We would like to see the matching flow.');
    await submit(page).click();
    await expect.poll(() => success(page).isVisible()).toBe(true);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await bookingsFor(email)).toHaveLength(1);
    await context.close();
  });

  it('the whole form can be completed with the keyboard alone', async () => {
    const { context, page } = await open('/');
    await page.locator('body').focus();
    const email = uniqueEmail();
    const focused = () =>
      page.evaluate(
        () =>
          document.querySelector('demo-booking')!.shadowRoot!.activeElement?.getAttribute('name') ??
          document.querySelector('demo-booking')!.shadowRoot!.activeElement?.getAttribute('type'),
      );
    /** Presses Tab until the named control has focus (a date control has a stop per segment). */
    const tabTo = async (name: string) => {
      for (let i = 0; i < 12 && (await focused()) !== name; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(name);
    };
    await tabTo('contact_name');
    await page.keyboard.type('Katherine Johnson');
    await tabTo('contact_email');
    await page.keyboard.type(email);
    await tabTo('organization_name');
    await page.keyboard.type('Langley Mentors');
    await tabTo('organization_size');
    await page.keyboard.press('ArrowDown');
    await tabTo('message');
    await page.keyboard.type('Keyboard only.');
    await tabTo('submit'); // the honeypot takes no focus
    await page.keyboard.press('Enter');
    await expect.poll(() => success(page).isVisible()).toBe(true);
    const [booking] = await bookingsFor(email);
    expect(booking).toMatchObject({ contact_name: 'Katherine Johnson', organization_name: 'Langley Mentors', message: 'Keyboard only.' });
    await context.close();
  });

  it('axe-core finds no accessibility violations, before and after a refused submit', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const { context, page } = await open('/');
    await page.addScriptTag({ content: axe });
    const violations = () =>
      page.evaluate(async () => {
        const result = await (
          window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }
        ).axe.run(document);
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
    expect(await violations()).toEqual([]);
    await submit(page).click();
    await expect.poll(() => fieldError(page, 'contact_name').textContent()).not.toBe('');
    expect(await violations()).toEqual([]);
    await context.close();
  });
});

describe('customizing', () => {
  it('labels, CSS custom properties and ::part() change what the visitor sees', async () => {
    const { context, page } = await open('/');
    await page.evaluate(() =>
      document
        .querySelector('demo-booking')!
        .setAttribute('labels', JSON.stringify({ heading: 'Talk to sales', submit: 'Book my demo', contact_email: 'Email' })),
    );
    await expect.poll(() => page.locator('demo-booking [part="heading"]').textContent()).toBe('Talk to sales');
    expect(await submit(page).textContent()).toBe('Book my demo');
    expect(await page.locator('demo-booking label[for="f-contact_email"]').textContent()).toBe('Email');
    await page.addStyleTag({
      content: 'demo-booking { --demo-booking-accent: rgb(0, 128, 0); } demo-booking::part(button) { text-transform: uppercase; }',
    });
    const style = await submit(page).evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).textTransform]);
    expect(style).toEqual(['rgb(0, 128, 0)', 'uppercase']);
    await context.close();
  });
});

describe('the strict-CSP page', () => {
  it('works with no console error, fires the events and pushes to dataLayer', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const res = await page.goto(`${baseUrl}/strict`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await control(page, 'contact_name').waitFor();
    await personPause(page);
    await page.evaluate(() => {
      const w = window as unknown as { dataLayer: unknown[]; seen: string[] };
      w.dataLayer = [];
      w.seen = [];
      for (const name of ['demo-booking-submit', 'demo-booking-success', 'demo-booking-error'])
        document.addEventListener(name, (e) => w.seen.push(`${e.type}:${JSON.stringify((e as CustomEvent).detail)}`));
    });
    await fillValid(page);
    await submit(page).click();
    await expect.poll(() => success(page).isVisible()).toBe(true);
    const { seen, dataLayer } = await page.evaluate(() => ({
      seen: (window as never as { seen: string[] }).seen,
      dataLayer: (window as never as { dataLayer: { event: string; id?: string }[] }).dataLayer,
    }));
    expect(seen[0]).toBe('demo-booking-submit:{}');
    expect(seen[1]).toMatch(/^demo-booking-success:\{"id":"[0-9a-f-]{36}","utm_source":null,"utm_campaign":null,"click_ids":\[\]\}$/);
    expect(dataLayer.map((d) => d.event)).toEqual(['demo_booking_submit', 'demo_booking_success']);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('screenshots', () => {
  it('saves the example page at desktop and phone widths, empty, refused and booked', async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const { context, page } = await open('/', viewport);
      await page.screenshot({ path: `test-results/screenshots/example-${name}.png`, fullPage: true });
      expect((await page.locator('demo-booking').boundingBox())!.width).toBeLessThanOrEqual(viewport.width);
      await submit(page).click();
      await expect.poll(() => fieldError(page, 'contact_email').textContent()).not.toBe('');
      await page.locator('demo-booking').screenshot({ path: `test-results/screenshots/errors-${name}.png` });
      await fillValid(page);
      await submit(page).click();
      await success(page).waitFor();
      await page.locator('demo-booking').screenshot({ path: `test-results/screenshots/success-${name}.png` });
      await context.close();
    }
  });
});
