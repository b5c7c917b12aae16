/**
 * The console's browser tests' shared tools: Chromium, a person signed in
 * through Cloudflare Access (the test plays Access: it signs the identity
 * token the edge would add to every request), and axe-core run in the page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { importJWK, SignJWT } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Booking } from '../../contract/api.js';
import { launchChromium } from '../../scripts/chromium.js';
import { bodyOf } from '../api-body.js';

export const baseUrl = inject('baseUrl');
export const REP = 'rita.rep@acme.example';
export const SHOTS = 'test-results/screenshots';

let browser: Browser;

/** Starts Chromium for the file's tests and closes it after them. */
export function useBrowser(): void {
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
}

async function accessToken(email: string) {
  const access = inject('access');
  const key = await importJWK(access.privateJwk, 'RS256');
  return new SignJWT({ email, type: 'app' })
    .setProtectedHeader({ alg: 'RS256', kid: access.kid })
    .setIssuer(access.teamDomain)
    .setAudience([access.aud])
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** What the page wrote to its console as errors, and what it threw. */
  errors: string[];
}

/** A browser signed in through Access at `path` (every request carries the identity, as the edge adds it). */
export async function signedIn({
  viewport = { width: 1400, height: 1000 },
  timezoneId = 'America/New_York',
  path = '/admin',
} = {}): Promise<Session> {
  const context = await browser.newContext({ viewport, timezoneId, locale: 'en-US' });
  await context.setExtraHTTPHeaders({ 'cf-access-jwt-assertion': await accessToken(REP) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl}${path}`);
  await page.getByText(`Signed in as ${REP}`).waitFor();
  return { context, page, errors };
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page, as `rule (nodes)`. */
export function violations(page: Page): Promise<string[]> {
  return page.evaluate(async (source) => {
    // Indirect eval runs axe-core in the page's global scope; the test injects it, not the page (whose CSP forbids eval).
    // biome-ignore lint/security/noGlobalEval: see above.
    const globalEval = eval;
    globalEval(source);
    const axeRun = (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axeRun.run(document);
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  }, axeSource());
}

/** The page scrolls sideways: something is wider than the screen. */
export const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** A request for a demo `daysAhead` days out at 15:00 UTC, through the public API from its own address; its id. */
export async function book(organization: string, daysAhead = 3, more: Record<string, unknown> = {}) {
  const at = new Date(Date.now() + daysAhead * 86_400_000);
  at.setUTCHours(15, 0, 0, 0);
  const res = await fetch(`${baseUrl}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `192.0.2.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify({
      organization_name: organization,
      contact_name: 'Paula Prospect',
      contact_email: `paula.${crypto.randomUUID().slice(0, 8)}@prospect.example`,
      organization_size: '51-200',
      preferred_date: at.toISOString(),
      timezone: 'Europe/Berlin',
      utm_source: 'linkedin',
      utm_campaign: 'winter-webinar',
      source_url: 'https://www.example.com/pricing',
      elapsed_ms: 9000,
      ...more,
    }),
  });
  expect(res.status).toBe(201);
  return (await bodyOf<Booking>(res)).id;
}
