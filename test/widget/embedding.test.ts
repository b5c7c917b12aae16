/**
 * The widget as marketers embed it: on a right-to-left page, in narrow
 * columns, set up by a framework before the script has loaded, loaded twice.
 * Each page is served on the worker's origin (the script's own), as a CMS
 * would serve it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EN_LABELS } from '../../contract/words/en.js';
import { DICTIONARIES } from '../../contract/words/index.js';
import { startLocalWorker } from '../../scripts/local-worker.js';
import { baseUrl, bookingsFor, control, fillValid, launch, newContext } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A page of `body` (with `html` attributes) on the worker's origin, the widget's script where the body puts it. */
async function host(context: BrowserContext, body: string, htmlAttributes = 'lang="en"'): Promise<{ page: Page; errors: string[] }> {
  const url = `${baseUrl}/embedding-test-page`;
  await context.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html ${htmlAttributes}><head><meta name="viewport" content="width=device-width"></head><body style="margin:0">${body}</body></html>`,
    }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

const script = '<script type="module" src="/widget.js"></script>';
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('the widget on real pages', () => {
  it('on a right-to-left page at phone width nothing scrolls sideways, and the English widget says it is English, left to right', async () => {
    const context = await newContext(browser, { width: 390, height: 844 });
    // The marketer chose English for this form; the page around it is Arabic.
    const { page, errors } = await host(
      context,
      `<main><p>مرحبا</p><demo-booking lang="en"></demo-booking></main>${script}`,
      'lang="ar" dir="rtl"',
    );
    await control(page, 'contact_name').waitFor();
    expect(await sideways(page)).toBe(false);
    const widget = page.locator('demo-booking');
    expect([await widget.getAttribute('lang'), await widget.getAttribute('dir')]).toEqual(['en', 'ltr']);
    const box = await widget.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/screenshots/embed-rtl-phone.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on an Arabic page the widget speaks Arabic, right to left: labels start at the right, errors and the thank-you are Arabic, the booking is stored as ar', async () => {
    const context = await newContext(browser, { width: 390, height: 844 });
    const { page, errors } = await host(
      context,
      `<main><demo-booking mode="request"></demo-booking></main>${script}`,
      'lang="ar" dir="rtl"',
    );
    const ar = DICTIONARIES.ar;
    await expect.poll(() => page.locator('demo-booking [part="heading"]').textContent()).toBe(ar.labels.heading);
    const widget = page.locator('demo-booking');
    expect([await widget.getAttribute('lang'), await widget.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    expect(await sideways(page)).toBe(false);
    // Right to left: a label's words start at its field's right edge and end well before its left one.
    const [words, field] = await page.evaluate(() => {
      const root = document.querySelector('demo-booking')!.shadowRoot!;
      const range = document.createRange();
      range.selectNodeContents(root.querySelector('label[for="f-contact_name"]')!);
      const { left, right } = range.getBoundingClientRect();
      const input = root.querySelector('[name="contact_name"]')!.getBoundingClientRect();
      return [
        { left, right },
        { left: input.left, right: input.right },
      ];
    });
    expect(Math.abs(words.right - field.right)).toBeLessThan(2);
    expect(words.left).toBeGreaterThan(field.left + 100);

    await page.locator('demo-booking button[type="submit"]').click();
    await expect.poll(() => page.locator('demo-booking #f-contact_name-error').textContent()).toBe(ar.rules.contact_name_not_empty);
    await page.screenshot({ path: 'test-results/screenshots/embed-arabic-errors.png', fullPage: true });
    const email = await fillValid(page);
    await page.locator('demo-booking button[type="submit"]').click();
    await expect.poll(() => page.locator('demo-booking [part="success"]').textContent()).toContain(ar.labels.success_heading);
    expect((await bookingsFor(email))[0]).toMatchObject({ locale: 'ar' });
    await page.screenshot({ path: 'test-results/screenshots/embed-arabic-thanks.png' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([240, 280, 320])('fits a %i px column: no part is wider, and a long address in the thank-you wraps', async (width) => {
    const context = await newContext(browser, { width: 1024, height: 900 });
    const { page } = await host(
      context,
      `<aside id="col" style="width:${width}px;border:1px solid #ccc"><demo-booking mode="request"></demo-booking></aside>${script}`,
    );
    await control(page, 'contact_name').waitFor();
    const overflow = () =>
      page.evaluate((w) => {
        const root = document.querySelector('demo-booking')!.shadowRoot!;
        const left = document.getElementById('col')!.getBoundingClientRect().left;
        return [...root.querySelectorAll('*')]
          .filter((el) => el.getBoundingClientRect().right > left + w + 1 + 0.5)
          .map((el) => `${el.tagName}.${el.className}${el.closest('.hp') ? '(hp)' : ''}:${el.getAttribute('name') ?? ''}`);
      }, width);
    expect(await overflow()).toEqual([]);
    await fillValid(page, `someone.with.a.rather.long.address.${width}.${Date.now()}@subsidiary.example.com`);
    await page.locator('demo-booking button[type="submit"]').click();
    await page.locator('demo-booking [part="success"]').waitFor();
    expect(await overflow()).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/embed-column-${width}.png` });
    await context.close();
  });

  it('properties a framework set before the script loaded are kept; labels as a JSON string work; a later lang switches the words', async () => {
    const context = await newContext(browser);
    // As React or Vue render first: the elements exist, their properties set, before widget.js defines them.
    const { page, errors } = await host(
      context,
      `<demo-booking id="a"></demo-booking><demo-booking id="b"></demo-booking>
       <script>
         document.getElementById('a').labels = { submit: 'Book it now' };
         document.getElementById('b').labels = '{"submit":"Send it"}';
         setTimeout(() => { const s = document.createElement('script'); s.type = 'module'; s.src = '/widget.js'; document.body.append(s); }, 50);
       </script>`,
    );
    const button = (id: string) => page.locator(`#${id} button[type="submit"]`);
    await expect.poll(() => button('a').textContent()).toBe('Book it now');
    expect(await button('b').textContent()).toBe('Send it');
    await page.evaluate(() => document.getElementById('b')!.setAttribute('lang', 'de'));
    await expect.poll(() => page.locator('#b h2').textContent()).not.toBe(await page.locator('#a h2').textContent());
    expect(await page.locator('#b label', { hasText: 'E-Mail' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a React 19 page that renders before the script loads: labels as JSON apply, an object is named in a warning, lang switches, the booking is stored', async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('pages/react-app.jsx', import.meta.url))],
      bundle: true,
      format: 'esm',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
    });
    const context = await newContext(browser);
    await context.route(`${baseUrl}/react-app.js`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0]!.text }),
    );
    const warnings: string[] = [];
    context.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    const { page, errors } = await host(context, `<div id="root"></div><script type="module" src="/react-app.js"></script>`);
    const submit = (id: string) => page.locator(`#${id} button[type="submit"]`);
    await expect.poll(() => submit('json').textContent()).toBe('Book it now');
    // React wrote the object as the text "[object Object]" before the element existed: the widget keeps its own words and says why.
    expect(await submit('object').textContent()).toBe(EN_LABELS.submit);
    expect(warnings.some((w) => w.includes('[object Object]') && w.includes('JSON.stringify'))).toBe(true);
    await page.locator('#german').click();
    await expect.poll(() => page.locator('#json label', { hasText: 'E-Mail' }).count()).toBeGreaterThan(0);
    expect(await submit('json').textContent()).toBe('Book it now');
    const email = await fillValid(page, undefined, '#json');
    await submit('json').click();
    await page.locator('#json [part="success"]').waitFor();
    expect((await bookingsFor(email))[0]).toMatchObject({ locale: 'de', organization_name: 'Harbor Mentors' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a Vue 3 page that renders before the script loads: labels set as a property (.prop) apply, lang switches', async () => {
    const vue = createRequire(import.meta.url).resolve('vue/dist/vue.esm-browser.prod.js');
    const context = await newContext(browser);
    await context.route(`${baseUrl}/vue.js`, (route) => route.fulfill({ path: vue, contentType: 'text/javascript' }));
    await context.route(`${baseUrl}/vue-app.js`, (route) =>
      route.fulfill({ path: fileURLToPath(new URL('pages/vue-app.js', import.meta.url)), contentType: 'text/javascript' }),
    );
    const { page, errors } = await host(context, `<div id="root"></div><script type="module" src="/vue-app.js"></script>`);
    const submit = page.locator('#vue button[type="submit"]');
    await expect.poll(() => submit.textContent()).toBe('Book it now');
    await page.locator('#german').click();
    await expect.poll(() => page.locator('#vue label', { hasText: 'E-Mail' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an English page with no options fetches one script, widget.js, and nothing before it is usable', async () => {
    const context = await newContext(browser);
    const scripts: string[] = [];
    context.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    const { page } = await host(context, `<demo-booking mode="request"></demo-booking>${script}`);
    await control(page, 'contact_name').waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts).toEqual(['/widget.js']);
    await context.close();
  });

  it('loaded twice (a CMS plugin and a pasted snippet), the page throws nothing and the form works', async () => {
    const context = await newContext(browser);
    const { page, errors } = await host(
      context,
      `<demo-booking mode="request"></demo-booking>${script}<script type="module" src="/widget.js?v=plugin"></script>`,
    );
    await control(page, 'contact_name').waitFor();
    await page.waitForLoadState('load');
    expect(errors).toEqual([]);
    await fillValid(page);
    await page.locator('demo-booking button[type="submit"]').click();
    await page.locator('demo-booking [part="success"]').waitFor();
    await context.close();
  });
});

describe('ALLOWED_ORIGINS = * on the worker', () => {
  it('a page on any other site books through the widget, and the worker names that site in its CORS answer', async () => {
    // A worker of its own, as a marketer configures it for many sites: `*` (the shared test worker lists its origins).
    const state = mkdtempSync(join(tmpdir(), 'demo-booking-any-origin-'));
    const token = `any-origin-${crypto.randomUUID()}`;
    const anyOrigin = await startLocalWorker(state, {
      ADMIN_TOKEN: token,
      WEBHOOK_SECRET: `whsec_${btoa(crypto.randomUUID())}`,
      ALLOWED_ORIGINS: '*',
    });
    // Another site the worker has never heard of, served by a server of its own (a page Playwright made up has no address, and Chromium keeps such pages off this machine's ports).
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<!doctype html><html lang="en"><body><h1>Another site</h1><demo-booking></demo-booking><script type="module" src="${anyOrigin.url}/widget.js"></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    try {
      const context = await newContext(browser);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${siteOrigin}/pricing`);
      await control(page, 'contact_name').waitFor();
      const email = await fillValid(page);
      const answer = page.waitForResponse((r) => r.url() === `${anyOrigin.url}/api/bookings` && r.request().method() === 'POST');
      await page.locator('demo-booking button[type="submit"]').click();
      await page.locator('demo-booking [part="success"]').waitFor();
      expect((await answer).headers()['access-control-allow-origin']).toBe(siteOrigin);
      const stored = await fetch(`${anyOrigin.url}/api/bookings?email=${encodeURIComponent(email)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { data } = (await stored.json()) as { data: { source_url: string }[] };
      expect(data.map((b) => b.source_url)).toEqual([`${siteOrigin}/pricing`]);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      site.close();
      await anyOrigin.stop();
      rmSync(state, { recursive: true, force: true });
    }
  });
});
