/**
 * Headless Chromium for the browser tests and the benchmarks, from the
 * @sparticuz/chromium npm package (nothing is downloaded at run time),
 * driven by playwright-core.
 */
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

// @sparticuz/chromium's own flags are made for one-shot serverless runs:
// --single-process ends the browser with its first closed context, and
// --disable-web-security would hide CORS and CSP mistakes. Those are dropped,
// and background networking is off (there is no network here).
const UNWANTED =
  /^--(single-process|disable-web-security|allow-running-insecure-content|disable-site-isolation-trials|disable-features=|headless)/;

export async function launchChromium(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [
      ...chromium.args.filter((a) => !UNWANTED.test(a)),
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    headless: true,
  });
}
