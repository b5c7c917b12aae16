import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, bookingsFor, control, fillValid, launch, newContext, personPause } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open() {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await control(page, 'contact_name').waitFor();
  return { context, page };
}

const submitted = (page: import('playwright-core').Page) => page.locator('demo-booking [part="success"]').waitFor();

describe('spam defences in a real browser', () => {
  it('an autofilled form is not caught: autofill fills every control that asks for it, none of which is the honeypot', async () => {
    const { context, page } = await open();
    const email = `autofill${Date.now()}@example.com`;
    // What a browser's autofill does: one burst of values into every control with an autocomplete token, with input events.
    const filled = await page.evaluate((address) => {
      const root = document.querySelector('demo-booking')!.shadowRoot!;
      const profile: Record<string, string> = {
        name: 'Mary Jackson',
        email: address,
        organization: 'Hampton Mentors',
        tel: '+1 757 555 0100',
        on: 'x',
      };
      const names: string[] = [];
      for (const input of root.querySelectorAll<HTMLInputElement>('input')) {
        const token = input.autocomplete || 'on';
        if (token === 'off') continue;
        input.value = profile[token] ?? profile.on!;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        names.push(input.name);
      }
      return names;
    }, email);
    expect(filled).not.toContain('hp_check');
    const honeypot = control(page, 'hp_check');
    expect(await honeypot.getAttribute('autocomplete')).toBe('off');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    // Hidden in any direction (no offset a right-to-left page would scroll to): a 1 px box clipped to nothing, and aria-hidden.
    const hidden = await page.evaluate(() => {
      const box = document.querySelector('demo-booking')!.shadowRoot!.querySelector<HTMLElement>('.hp')!;
      const r = box.getBoundingClientRect();
      return { width: r.width, height: r.height, clip: getComputedStyle(box).clipPath, hidden: box.getAttribute('aria-hidden') };
    });
    expect(hidden).toEqual({ width: 1, height: 1, clip: 'inset(50%)', hidden: 'true' });
    await personPause(page);
    await page.locator('demo-booking button[type="submit"]').click();
    await submitted(page);
    const [booking] = await bookingsFor(email);
    expect(booking).toMatchObject({ status: 'pending', spam_reason: null, contact_name: 'Mary Jackson' });
    await context.close();
  });

  it('a bot that fills the hidden honeypot sees success, and its booking is kept as spam', async () => {
    const { context, page } = await open();
    const email = await fillValid(page);
    await control(page, 'hp_check').fill('http://cheap-pills.example', { force: true });
    await personPause(page);
    await page.locator('demo-booking button[type="submit"]').click();
    await submitted(page);
    const [booking] = await bookingsFor(email);
    expect(booking).toMatchObject({ status: 'spam', spam_reason: 'honeypot' });
    await context.close();
  });

  it('with a Turnstile site key, the widget renders the check and sends its token', async () => {
    const { context, page } = await open();
    // No network here: Turnstile's script is answered by a stand-in that hands out a token.
    await page.route('https://challenges.cloudflare.com/turnstile/v0/api.js*', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: "window.turnstile = { render(el, o) { el.setAttribute('data-rendered', o.sitekey); setTimeout(() => o.callback('pass-token-from-turnstile')); return 'w1'; }, reset() {} };",
      }),
    );
    await page.evaluate(() => document.querySelector('demo-booking')!.setAttribute('turnstile-site-key', '1x00000000000000000000AA'));
    await page.locator('demo-booking .turnstile[data-rendered="1x00000000000000000000AA"]').waitFor({ state: 'attached' });
    await fillValid(page);
    await personPause(page);
    const request = page.waitForRequest((r) => r.url().endsWith('/api/bookings') && r.method() === 'POST');
    await page.locator('demo-booking button[type="submit"]').click();
    expect(JSON.parse((await request).postData()!).turnstile_token).toBe('pass-token-from-turnstile');
    await submitted(page);
    await context.close();
  });
});
