/**
 * The four tasks a sales team does every week, each in at most three actions
 * (a click, a choice or a typed value), performed in Chromium as a rep
 * would, with the screenshots the README shows.
 */
import { DatabaseSync } from 'node:sqlite';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { BookingDetail } from '../../contract/api.js';
import { d1File } from '../../scripts/local-worker.js';
import { bodyOf } from '../api-body.js';
import { until } from '../e2e/mailbox.js';
import { baseUrl, book, SHOTS, scrollsSideways, signedIn, useBrowser, violations } from './session.js';

useBrowser();

const admin = () => ({ authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' });
const detail = async (id: string) => bodyOf<BookingDetail>(await fetch(`${baseUrl}/api/bookings/${id}`, { headers: admin() }));
const patch = async (id: string, body: object) =>
  expect((await fetch(`${baseUrl}/api/bookings/${id}`, { method: 'PATCH', headers: admin(), body: JSON.stringify(body) })).status).toBe(
    200,
  );

/** Arranges in the worker's D1 what the API cannot: a booking made last month, a webhook that failed after all its retries. */
function arrange(sql: string, ...params: string[]) {
  const db = new DatabaseSync(d1File(inject('stateDir')));
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** Counts what the rep does: each click, choice or typed value is one action. */
function actions(page: Page) {
  let n = 0;
  return {
    click: async (locator: ReturnType<Page['locator']>) => {
      n++;
      await locator.click();
    },
    fill: async (locator: ReturnType<Page['locator']>, value: string) => {
      n++;
      await locator.fill(value);
    },
    choose: async (locator: ReturnType<Page['locator']>, value: string) => {
      n++;
      await locator.selectOption(value);
    },
    get count() {
      return n;
    },
    page,
  };
}

describe('a week’s tasks in three actions each', () => {
  it('find today’s new requests and open the largest', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    await book(`Small ${tag}`, 3, { organization_size: '11-50' });
    await book(`Largest ${tag}`, 3, { organization_size: '1001+' });
    await book(`Mid ${tag}`, 3, { organization_size: '201-1000' });
    const { context, page } = await signedIn();
    const act = actions(page);
    await act.click(page.getByRole('button', { name: 'Today’s new' }));
    await act.choose(page.getByLabel('Sort'), 'largest');
    // The rep sees the sorted list before choosing from it.
    await page
      .locator('li[role="option"]')
      .first()
      .filter({ hasText: `Largest ${tag}` })
      .waitFor();
    await act.click(page.locator('li[role="option"]').first());
    await page
      .locator('booking-panel')
      .getByRole('heading', { name: `Largest ${tag}` })
      .waitFor();
    expect(act.count).toBeLessThanOrEqual(3);
    expect(page.url()).toContain('sort=largest');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/task-today-largest.png` });
    await context.close();
  });

  it('what converted last month, by campaign', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const made: Record<string, string[]> = { [`webinar-${tag}`]: [], [`pricing-${tag}`]: [] };
    for (const [campaign, n] of [
      [`webinar-${tag}`, 4],
      [`pricing-${tag}`, 2],
    ] as const)
      for (let i = 0; i < n; i++) made[campaign]?.push(await book(`Converted ${tag} ${i}`, 3, { utm_campaign: campaign }));
    const [a1, a2, a3] = made[`webinar-${tag}`] ?? [];
    const [b1] = made[`pricing-${tag}`] ?? [];
    for (const id of [a1, a2, a3, b1]) await patch(id as string, { status: 'confirmed' });
    await patch(a1 as string, { status: 'completed' });
    await patch(a2 as string, { status: 'completed' });
    await patch(a3 as string, { status: 'no_show' });
    await patch(b1 as string, { status: 'completed' });
    // They were requested in the middle of last month (the viewer's month).
    const now = new Date();
    const lastMonth = new Date(now.getFullYear(), now.getMonth() - 1, 15, 12).toISOString();
    arrange('UPDATE demo_bookings SET created_at = ? WHERE utm_campaign IN (?, ?)', lastMonth, `webinar-${tag}`, `pricing-${tag}`);

    const { context, page } = await signedIn();
    const act = actions(page);
    await act.click(page.getByRole('link', { name: 'Reports' }));
    await act.click(page.getByText('Last month', { exact: true }));
    await act.click(page.getByText('By campaign', { exact: true }));
    const row = (campaign: string) => page.locator('reports-page tbody tr', { hasText: campaign });
    await row(`webinar-${tag}`).waitFor();
    expect(act.count).toBeLessThanOrEqual(3);
    expect(await row(`webinar-${tag}`).locator('td').allTextContents()).toEqual([
      `webinar-${tag}`,
      '4',
      '3',
      '2',
      '1',
      '0',
      '75 %',
      '67 %',
      '33 %',
    ]);
    expect(await row(`pricing-${tag}`).locator('td').allTextContents()).toEqual([
      `pricing-${tag}`,
      '2',
      '1',
      '1',
      '0',
      '0',
      '50 %',
      '100 %',
      '0 %',
    ]);
    expect(await page.locator('reports-page .headline').textContent()).toMatch(/6\s+requests → 4\s+demos confirmed \(67 %\)/);
    expect(page.url()).toContain('#reports?period=last-month&by=campaign');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/task-converted-by-campaign.png`, fullPage: true });
    // On a phone the report reads without sideways scrolling (the table scrolls in its own box).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(page)).toBe(false);
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/task-converted-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
    // A campaign opens its requests in the inbox.
    await row(`webinar-${tag}`).getByRole('link').click();
    await expect.poll(() => page.locator('li[role="option"]').count()).toBe(4);
    expect(await page.locator('li[role="option"]', { hasText: `Converted ${tag}` }).count()).toBe(4);
    await context.close();
  });

  it('redeliver everything that failed', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const ids = [await book(`Failing ${tag} A`), await book(`Failing ${tag} B`)];
    // Delivered once, then (as if the sales endpoint had been down) failed after every retry.
    for (const id of ids)
      await until('the webhook delivered', async () => ((await detail(id)).webhook_status === 'delivered' ? true : null));
    for (const id of ids) {
      arrange(
        "UPDATE notification_tasks SET state = 'failed', attempts = 6, last_error = 'HTTP 503' WHERE booking_id = ? AND kind = 'webhook'",
        id,
      );
      arrange('UPDATE demo_bookings SET webhook_failed_at = ?, webhook_delivered_at = NULL WHERE id = ?', new Date().toISOString(), id);
    }
    const { context, page } = await signedIn();
    const act = actions(page);
    await act.click(page.getByLabel('Webhook failing'));
    await page.locator('li[role="option"]', { hasText: `Failing ${tag} A` }).waitFor();
    await act.click(page.getByRole('button', { name: 'Redeliver every failing webhook' }));
    const dialog = page.getByRole('dialog', { name: 'Redeliver every failing webhook' });
    await dialog.waitFor();
    await page.screenshot({ path: `${SHOTS}/task-redeliver-all.png` });
    expect(await violations(page)).toEqual([]); // the dialog open
    await act.click(dialog.getByRole('button', { name: 'Redeliver all' }));
    await page.getByText(/\d+ webhooks? sent again/).waitFor();
    expect(act.count).toBeLessThanOrEqual(3);
    for (const id of ids)
      await until('the webhook delivered', async () => ((await detail(id)).webhook_status === 'delivered' ? true : null));
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('erase everything about one person', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const email = `leave.me.${tag}@prospect.example`;
    const ids = [
      await book(`Forget ${tag} One`, 3, { contact_email: email }),
      await book(`Forget ${tag} Two`, 4, { contact_email: email.replace('@', '+events@') }),
    ];
    const kept = await book(`Keep ${tag}`);
    const { context, page } = await signedIn();
    const act = actions(page);
    await act.fill(page.getByLabel('Search'), email);
    await act.click(page.getByRole('button', { name: `Erase everything about ${email}` }));
    const dialog = page.getByRole('dialog', { name: `Erase everything about ${email}` });
    await dialog.waitFor();
    await page.screenshot({ path: `${SHOTS}/task-erase-person.png` });
    expect(await violations(page)).toEqual([]); // the dialog open
    await act.click(dialog.getByRole('button', { name: 'Erase all' }));
    await page.getByText(`2 bookings of ${email} erased.`).waitFor();
    expect(act.count).toBeLessThanOrEqual(3);
    for (const id of ids) expect((await detail(id)).redacted_at).not.toBeNull();
    expect((await detail(kept)).redacted_at).toBeNull();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
});
