/** Chromium for the widget tests, and small helpers to drive the form as a person would. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import type { BookingPage, SalesRep, TeamPage } from '../../contract/api.js';
import { launchChromium } from '../../scripts/chromium.js';
import { bodyOf } from '../api-body.js';

export const baseUrl = inject('baseUrl');
export const adminToken = inject('adminToken');

export const launch = launchChromium;

let ipCounter = 0;

/**
 * A fresh browser profile. Each context books from its own client address
 * (set as CF-Connecting-IP, as Cloudflare would), so the per-IP brake stays
 * out of the way of tests that are not about it.
 */
export async function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
  timezoneId = 'Europe/Berlin',
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, timezoneId, locale: 'en-GB' });
  const ip = `203.0.113.${(++ipCounter % 250) + 1}`;
  await context.route('**/api/**', (route) => route.continue({ headers: { ...route.request().headers(), 'cf-connecting-ip': ip } }));
  return context;
}

/** The widget's control for a field (inside its shadow root; Playwright pierces open shadow roots); `widget` picks one of several. */
export const control = (page: Page, field: string, widget = 'demo-booking') => page.locator(`${widget} [name="${field}"]`);
export const fieldError = (page: Page, field: string) => page.locator(`demo-booking #f-${field}-error`);

let emailCounter = 0;
export const uniqueEmail = () => `visitor${Date.now()}${++emailCounter}@example.com`;

/** Fills the required fields and a few optional ones. */
export async function fillValid(page: Page, email = uniqueEmail(), widget = 'demo-booking') {
  await control(page, 'contact_name', widget).fill('Grace Hopper');
  await control(page, 'contact_email', widget).fill(email);
  await control(page, 'organization_name', widget).fill('Harbor Mentors');
  await control(page, 'organization_size', widget).selectOption('11-50');
  await control(page, 'message', widget).fill('We would like to see the matching flow.');
  return email;
}

/** Bookings for an address, read through the admin API. */
export async function bookingsFor(email: string) {
  const res = await fetch(`${baseUrl}/api/bookings?email=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!res.ok) throw new Error(`admin API answered ${res.status}`);
  return (await bodyOf<BookingPage>(res)).data;
}

/** The admin API's headers for a JSON body. */
export const adminJson = () => ({ authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' });

/** Working hours with the same stretch every day of the week. */
export const everyDay = (from: string, to: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [[from, to]]]));

/** Sets reps active or not through the admin API. */
export async function setActive(reps: { id: string }[], active: boolean) {
  for (const rep of reps)
    await fetch(`${baseUrl}/api/team/${rep.id}`, { method: 'PATCH', headers: adminJson(), body: JSON.stringify({ active }) });
}

/** Steps every active rep aside (the worker is shared by the browser test files: each starts from the team it needs). */
export async function clearTeam() {
  const team = await bodyOf<TeamPage>(await fetch(`${baseUrl}/api/team`, { headers: adminJson() }));
  await setActive(
    team.data.filter((r) => r.active),
    false,
  );
}

/** Adds a rep through the admin API. */
export async function addRepThroughApi(body: Record<string, unknown>): Promise<SalesRep> {
  const res = await fetch(`${baseUrl}/api/team`, { method: 'POST', headers: adminJson(), body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST /api/team answered ${res.status}: ${await res.text()}`);
  return bodyOf<SalesRep>(res);
}

/** Creates a booking straight through the API, from its own address. */
export async function createThroughApi(body: Record<string, unknown>, ip = `198.51.100.${(++ipCounter % 250) + 1}`) {
  return fetch(`${baseUrl}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify(body),
  });
}

/** "2026-12-09T10:30": an instant as a datetime-local value in a zone. */
export function wallTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** A datetime-local value `hours` from now in Europe/Berlin (the contexts' zone). */
export const berlinLocal = (hours: number, from = Date.now()) => wallTime(new Date(from + hours * 3_600_000), 'Europe/Berlin');

/**
 * A person takes more than a moment between seeing the form and sending it;
 * the widget's time-to-fill defence keeps faster submissions as spam.
 */
export const personPause = (page: Page) => page.waitForTimeout(1600);

/**
 * A unique organization name for a test: the prefix and eight random letters.
 * Letters only, since a name holding a run of digits reads as a phone number and is refused.
 */
export const uniqueName = (prefix: string) =>
  `${prefix} ${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => String.fromCharCode(97 + (b % 26))).join('')}`;
