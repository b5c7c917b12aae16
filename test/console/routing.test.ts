/**
 * The console's Routing page in real Chromium against `wrangler dev`: a
 * sales manager writes a rule, watches the dry run answer as they type (with
 * the rule not saved yet), saves it, makes a bad edit and undoes it from the
 * saved versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Routing, RoutingHistory, SalesRep } from '../../contract/api.js';
import { bodyOf } from '../api-body.js';
import { addRepThroughApi, adminJson, clearTeam, setActive, uniqueName } from '../widget/browser.js';
import { baseUrl, REP, SHOTS, scrollsSideways, signedIn, useBrowser, violations } from './session.js';

useBrowser();

const admin = adminJson;
let ann: SalesRep;
let bruno: SalesRep;

const addRep = (name: string, languages: string[]) =>
  addRepThroughApi({
    name,
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@acme.example`,
    time_zone: 'Europe/Berlin',
    languages,
  });

beforeAll(async () => {
  await clearTeam();
  ann = await addRep(uniqueName('Ann'), []);
  bruno = await addRep(uniqueName('Bruno'), ['de']);
});

afterAll(async () => {
  // The widget's tests expect no rules and no free times.
  await fetch(`${baseUrl}/api/routing`, { method: 'PUT', headers: admin(), body: JSON.stringify({ rules: [] }) });
  await setActive([ann, bruno].filter(Boolean), false);
});

const rules = async () => (await bodyOf<Routing>(await fetch(`${baseUrl}/api/routing`, { headers: admin() }))).rules;

describe('the Routing page', () => {
  it('a manager writes a rule; the dry run answers as they type, before saving; saved with their name; a bad edit is undone from the versions', async () => {
    const s = await signedIn({ path: '/admin#routing' });
    const { page } = s;
    await page.getByRole('heading', { name: 'Routing rules' }).waitFor();
    const dry = page.locator('routing-page section.dry');
    // Before any rule: everyone is eligible.
    await expect.poll(() => dry.locator('dl').textContent()).toContain('none matched: every active rep');

    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.getByRole('listitem', { name: /^Rule 1:/ });
    await rule.getByLabel('Rule 1 name').fill('German speakers');
    await rule.getByRole('group', { name: 'Language' }).getByLabel('de').check();
    await rule.getByRole('group', { name: 'Reps' }).getByLabel(bruno.name).check();
    // The visitor of the dry run speaks German: the rule (not saved yet) sends them to Bruno.
    await dry.getByLabel('Language').selectOption('de');
    await expect.poll(() => dry.locator('dd.pick').textContent()).toBe(bruno.name);
    expect(await dry.locator('dl').textContent()).toContain('German speakers');
    expect(await dry.locator('ol').textContent()).toContain('Rule “German speakers” matched (locale de)');
    expect(await page.getByText('Not saved yet').count()).toBe(1);
    expect(await rules()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/console-routing.png`, fullPage: true });
    // An English visitor matches nothing: both are eligible.
    await dry.getByLabel('Language').selectOption('en');
    await expect.poll(() => dry.locator('dl').textContent()).toContain('none matched');

    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved: 1 rule in force.');
    expect(await rules()).toEqual([{ name: 'German speakers', when: { locale: ['de'] }, reps: [bruno.id] }]);

    // A bad edit: the rule removed and saved. Undone by restoring the version before it.
    await rule.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved: 0 rules in force.');
    const versions = page.locator('ul.versions li');
    await expect.poll(() => versions.first().textContent()).toContain('0 rules · in force');
    await versions.nth(1).getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('listitem', { name: 'Rule 1: German speakers' }).waitFor();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved: 1 rule in force.');
    expect(await rules()).toEqual([{ name: 'German speakers', when: { locale: ['de'] }, reps: [bruno.id] }]);
    const history = await bodyOf<RoutingHistory>(await fetch(`${baseUrl}/api/routing/history`, { headers: admin() }));
    expect(history.data.slice(0, 3).map((v) => [v.actor, v.rules.length])).toEqual([
      [REP, 1],
      [REP, 0],
      [REP, 1],
    ]);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });

  it('a refused save is explained; axe finds nothing; at 390 px nothing scrolls sideways', async () => {
    const s = await signedIn({ path: '/admin#routing' });
    await s.page.getByRole('listitem', { name: 'Rule 1: German speakers' }).waitFor();
    // A rule with no rep: the server's words, nothing saved.
    await s.page.getByRole('button', { name: 'Add a rule' }).click();
    await s.page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => s.page.locator('routing-page section').first().getByRole('alert').textContent()).toContain('names no rep');
    expect((await rules()).length).toBe(1);
    expect(await violations(s.page)).toEqual([]);
    await s.context.close();

    const phone = await signedIn({ viewport: { width: 390, height: 844 }, path: '/admin#routing' });
    await phone.page.getByRole('listitem', { name: 'Rule 1: German speakers' }).waitFor();
    await phone.page.locator('routing-page dd.pick').waitFor();
    expect(await scrollsSideways(phone.page)).toBe(false);
    expect(await violations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/console-routing-phone.png`, fullPage: true });
    await phone.context.close();
  });
});
