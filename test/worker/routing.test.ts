/**
 * Routing (SPEC 8.5) through the public and admin routes: ordered rules
 * (GET/PUT /api/routing, every version kept with its actor), each `when`
 * field routing as written, account ownership, and the dry run, which
 * answers exactly what a booking then does. The clock is a Monday morning;
 * every rep works a different hour of Tuesday 20 October (UTC), so the slots
 * offered say whose they are.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreatedBooking, ProblemBody, SalesRep, SlotsAnswer } from '../../contract/api.js';
import type { RoutingRule } from '../../contract/routing.js';
import type { WebhookEvent } from '../../worker/messages/webhook.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allBookings, harness, postJson, validBooking } from './helpers.js';
import { captured, deliver, notifyEnv } from './notify-helpers.js';
import { addRep } from './team-helpers.js';

const NOW = '2026-10-19T06:00:00.000Z';
type Harness = ReturnType<typeof harness>;

interface DryRun {
  rule: string | null;
  eligible_reps: { id: string; name: string }[];
  owner: { id: string; name: string } | null;
  pick: { id: string; name: string } | null;
  why: string[];
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW));
  await env.DB.prepare('UPDATE sales_reps SET active = 0').run();
});
afterEach(async () => {
  vi.useRealTimers();
});

let companies = 0;
/** An address at a company of its own, or at `domain`. */
const emailAt = (domain = `company-${++companies}-${crypto.randomUUID().slice(0, 6)}.example`) =>
  `buyer.${crypto.randomUUID().slice(0, 8)}@${domain}`;

/** A rep working one hour of Tuesday (UTC), from `hour`:00. */
const repAt = (h: Harness, hour: number, extra: Record<string, unknown> = {}) =>
  addRep(h, {
    name: `Rep ${hour}`,
    time_zone: 'UTC',
    working_hours: { tue: [[`${hour}:00`.padStart(5, '0'), `${hour + 1}:00`.padStart(5, '0')]] },
    ...extra,
  });

const putRules = (h: Harness, rules: unknown) =>
  h.request('/api/routing', { method: 'PUT', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });

const rule = (name: string, when: RoutingRule['when'], reps: SalesRep[]): RoutingRule => ({ name, when, reps: reps.map((r) => r.id) });

/** The hours of Tuesday the slots offer a visitor (each rep has one hour: whose times they are). */
async function hoursOffered(h: Harness, ask: Record<string, unknown>, country?: string): Promise<number[]> {
  const res = await h.request(
    '/api/slots',
    postJson({ time_zone: 'UTC', from: '2026-10-20', days: 1, ...ask }, country ? { 'cf-ipcountry': country } : {}),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return [...new Set((await bodyOf<SlotsAnswer>(res)).slots.map((s) => new Date(s.start).getUTCHours()))].sort((a, b) => a - b);
}

const book = (h: Harness, start: string, fields: Record<string, unknown> = {}, country?: string) =>
  h.request(
    '/api/bookings',
    postJson(
      validBooking({ preferred_date: undefined, slot_start: start, contact_email: emailAt(), ...fields }),
      country ? { 'cf-ipcountry': country } : {},
    ),
  );

const dryRun = async (h: Harness, body: Record<string, unknown>) => {
  const res = await h.request('/api/routing/dry-run', postJson(body, ADMIN));
  expect(res.status, await res.clone().text()).toBe(200);
  return bodyOf<DryRun>(res);
};

describe('GET and PUT /api/routing', () => {
  it('saves ordered rules as a new version with its actor; the previous version stays whole in the history; refusals name their rule and change nothing', async () => {
    const h = harness();
    const a = await repAt(h, 8);
    const b = await repAt(h, 10);
    const first = [rule('Enterprise', { organization_size: ['1001+'] }, [a])];
    expect((await putRules(h, first)).status).toBe(200);
    vi.setSystemTime(new Date(Date.now() + 60_000));
    const second = [rule('German', { locale: ['de'] }, [b]), ...first];
    const saved = await putRules(h, second);
    expect(saved.status).toBe(200);
    expect(await bodyOf(saved)).toEqual({ rules: second });
    expect(await bodyOf(await h.request('/api/routing', { headers: ADMIN }))).toEqual({ rules: second });
    const history = await bodyOf<{ data: { actor: string; rules: RoutingRule[] }[] }>(
      await h.request('/api/routing/history', { headers: ADMIN }),
    );
    expect(history.data.slice(0, 2).map((v) => [v.actor, v.rules])).toEqual([
      ['admin-token', second],
      ['admin-token', first],
    ]);

    await h.request(`/api/team/${b.id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    const refusals: [unknown, string, string][] = [
      [[rule('Gone', {}, [b])], 'routing_rep_active', 'rules.0.reps.0'],
      [[{ name: 'Nobody', when: {}, reps: [] }], 'routing_rule_reps', 'rules.0.reps'],
      [[rule('Twice', {}, [a]), rule('twice', {}, [a])], 'routing_rule_name', 'rules.1.name'],
      [[rule('', {}, [a])], 'routing_rule_name', 'rules.0.name'],
      [[rule('Size', { organization_size: ['huge'] }, [a])], 'routing_rule_when', 'rules.0.when.organization_size'],
      [[rule('Country', { country: [] }, [a])], 'routing_rule_when', 'rules.0.when.country'],
      [Array.from({ length: 101 }, (_, i) => rule(`R${i}`, {}, [a])), 'routing_rules_max', 'rules'],
    ];
    for (const [rules, name, path] of refusals) {
      const res = await putRules(h, rules);
      expect(res.status, name).toBe(422);
      expect((await bodyOf<ProblemBody>(res)).errors).toContainEqual(expect.objectContaining({ rule: name, path }));
    }
    const unknownRep = await putRules(h, [{ name: 'Ghost', when: {}, reps: ['01900000-0000-7000-8000-0000000000aa'] }]);
    expect((await bodyOf<ProblemBody>(unknownRep)).errors?.[0]?.rule).toBe('routing_rep_active');
    expect(await bodyOf(await h.request('/api/routing', { headers: ADMIN }))).toEqual({ rules: second });
    // The versions are append-only in the database itself.
    await expect(env.DB.prepare("UPDATE routing_versions SET actor = 'someone'").run()).rejects.toThrow(/routing_versions_append_only/);
    await expect(env.DB.prepare('DELETE FROM routing_versions').run()).rejects.toThrow(/routing_versions_append_only/);
    expect(
      (await h.request('/api/routing', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"rules":[]}' })).status,
    ).toBe(401);
  });
});

describe('who is offered and who gets the demo', () => {
  it('each when field routes as written, the first match wins, no match means every active rep; a deactivated rep in a rule is skipped, never picked', async () => {
    const h = harness();
    const [size, lang, country, domain, other] = [
      await repAt(h, 8),
      await repAt(h, 10),
      await repAt(h, 12),
      await repAt(h, 14),
      await repAt(h, 16),
    ];
    expect(
      (
        await putRules(h, [
          rule('Enterprise', { organization_size: ['1001+'] }, [size]),
          rule('German', { locale: ['de'] }, [lang]),
          rule('DACH', { country: ['DE', 'AT', 'CH'] }, [country]),
          rule('Acme', { email_domain: ['acme.example'] }, [domain]),
        ])
      ).status,
    ).toBe(200);
    expect(await hoursOffered(h, { organization_size: '1001+' })).toEqual([8]);
    expect(await hoursOffered(h, { locale: 'de' })).toEqual([10]);
    expect(await hoursOffered(h, {}, 'AT')).toEqual([12]);
    expect(await hoursOffered(h, { contact_email: 'ann@acme.example' })).toEqual([14]);
    expect(await hoursOffered(h, { contact_email: 'bo@eu.acme.example' })).toEqual([14]); // a subdomain
    // First match wins: an enterprise lead in German from Austria goes to the enterprise rule's rep.
    expect(await hoursOffered(h, { organization_size: '1001+', locale: 'de' }, 'AT')).toEqual([8]);
    // No match: everyone.
    expect(await hoursOffered(h, { organization_size: '11-50', locale: 'en' }, 'US')).toEqual([8, 10, 12, 14, 16]);
    const booked = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T10:00:00Z', { locale: 'de' }));
    expect(booked.assigned_rep?.id).toBe(lang.id);
    // Never a time only a rep outside the rule has: the German lead cannot book 16:00.
    expect((await book(h, '2026-10-20T16:00:00Z', { locale: 'de' })).status).toBe(409);

    // The dry run tries an edit not saved yet, and saves nothing.
    const rulesBefore = await bodyOf(await h.request('/api/routing', { headers: ADMIN }));
    const tried = await dryRun(h, { locale: 'de', slot_start: '2026-10-20T16:00:00Z', rules: [rule('Try', { locale: ['de'] }, [other])] });
    expect(tried).toMatchObject({ rule: 'Try', pick: { id: other.id } });
    expect(await bodyOf(await h.request('/api/routing', { headers: ADMIN }))).toEqual(rulesBefore);

    // A rule with a deactivated rep: the rep is skipped, the others stay.
    expect((await putRules(h, [rule('Two', { organization_size: ['1001+'] }, [size, other])])).status).toBe(200);
    await h.request(`/api/team/${size.id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(await hoursOffered(h, { organization_size: '1001+' })).toEqual([16]);
    expect((await book(h, '2026-10-20T08:00:00Z', { organization_size: '1001+' })).status).toBe(409);
    const explained = await dryRun(h, { organization_size: '1001+', slot_start: '2026-10-20T16:00:00Z' });
    expect(explained).toMatchObject({ rule: 'Two', eligible_reps: [{ id: other.id }], pick: { id: other.id } });
    expect(explained.why.join(' ')).toContain(`Skipped, deactivated: ${size.name}`);
  });

  it('the account’s owner gets it when eligible and free (its times are offered first), over round robin; a free-mail domain owns nothing; a busy owner falls back to round robin', async () => {
    const h = harness();
    // Both work Tuesday morning; on Wednesday Ann works 08–10 and Bob 10–12.
    const ann = await addRep(h, { name: 'Ann', time_zone: 'UTC', working_hours: { tue: [['08:00', '12:00']], wed: [['08:00', '10:00']] } });
    const bob = await addRep(h, { name: 'Bob', time_zone: 'UTC', working_hours: { tue: [['08:00', '12:00']], wed: [['10:00', '12:00']] } });
    const domain = `owned-${crypto.randomUUID().slice(0, 6)}.example`;
    const first = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z', { contact_email: emailAt(domain) }));
    const owner = first.assigned_rep!.id === ann.id ? ann : bob;
    const otherRep = owner === ann ? bob : ann;
    // Round robin now favours the other rep (the owner has a booking, they have none); the company keeps its rep.
    const again = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T09:00:00Z', { contact_email: emailAt(domain) }));
    expect(again.assigned_rep?.id).toBe(owner.id);
    // The webhook and the history say ownership decided it.
    const n = notifyEnv({ webhookPath: `/ok/owner-${domain}` });
    const { id } = again;
    const tasks = await env.DB.prepare("SELECT id FROM notification_tasks WHERE booking_id = ? AND kind = 'webhook'")
      .bind(id)
      .all<{ id: string }>();
    for (const t of tasks.results) await deliver(t.id, n.env);
    const [hook] = (await captured(`/ok/owner-${domain}`)).map((r) => JSON.parse(r.body) as WebhookEvent);
    expect(hook?.routing).toEqual({ rule: null, owner: true });
    expect(hook?.event.details).toMatchObject({ routing: { rule: null, owner: true } });
    // On Wednesday someone of that company is offered the owner's times only; anyone else both reps'.
    const ownersHours = owner === ann ? [8, 9] : [10, 11];
    expect(await hoursOffered(h, { from: '2026-10-21', contact_email: emailAt(domain) })).toEqual(ownersHours);
    expect(await hoursOffered(h, { from: '2026-10-21', contact_email: emailAt() })).toEqual([8, 9, 10, 11]);

    // The owner is busy at 08:00 (their first demo): round robin gives it to the other rep, and says so.
    const busy = await dryRun(h, { contact_email: emailAt(domain), slot_start: '2026-10-20T08:00:00Z' });
    expect(busy).toMatchObject({ owner: { id: owner.id }, pick: { id: otherRep.id } });
    expect(busy.why.join(' ')).toContain('is not free then: round robin decides');
    const fallback = await bodyOf<CreatedBooking>(await book(h, '2026-10-20T08:00:00Z', { contact_email: emailAt(domain) }));
    expect(fallback.assigned_rep?.id).toBe(otherRep.id);

    // Free mail: two bookings from gmail.com make no owner.
    await book(h, '2026-10-21T10:00:00Z', { contact_email: `one.${crypto.randomUUID().slice(0, 6)}@gmail.com` });
    const mailbox = await dryRun(h, {
      contact_email: `two.${crypto.randomUUID().slice(0, 6)}@gmail.com`,
      slot_start: '2026-10-21T11:00:00Z',
    });
    expect(mailbox.owner).toBeNull();
    expect(mailbox.why.join(' ')).toContain('gmail.com is a free-mail domain');
  });

  it('the dry run has no side effect and answers exactly what a booking then does (random teams, rules and earlier bookings)', async () => {
    const h = harness();
    const sizes = ['1-10', '11-50', '51-200', '201-1000', '1001+'] as const;
    const locales = ['en', 'de', 'fr'] as const;
    const domains = ['alpha.example', 'beta.example', 'gmail.com'];
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          reps: fc.array(
            fc.record({
              hours: fc.constantFrom([['08:00', '10:00']], [['09:00', '11:00']], [['08:00', '11:00']]),
              weight: fc.integer({ min: 1, max: 3 }),
              german: fc.boolean(),
            }),
            { minLength: 1, maxLength: 4 },
          ),
          rules: fc.array(
            fc.record({
              when: fc.record(
                { organization_size: fc.subarray([...sizes], { minLength: 1 }), locale: fc.subarray([...locales], { minLength: 1 }) },
                { requiredKeys: [] },
              ),
              reps: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }),
            }),
            { maxLength: 3 },
          ),
          earlier: fc.array(fc.record({ domain: fc.constantFrom(...domains), minute: fc.constantFrom(0, 30, 60, 90) }), { maxLength: 3 }),
          ask: fc.record({
            organization_size: fc.constantFrom(...sizes),
            locale: fc.constantFrom(...locales),
            domain: fc.constantFrom(...domains),
            minute: fc.constantFrom(0, 30, 60, 90, 120),
          }),
        }),
        async ({ reps, rules, earlier, ask }) => {
          round++;
          await env.DB.prepare('UPDATE sales_reps SET active = 0').run();
          // A day of its own for each round: earlier rounds' bookings hold other days.
          const day = new Date(Date.parse('2026-10-22T00:00:00Z') + round * 86_400_000);
          const weekday = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][day.getUTCDay()] as string;
          vi.setSystemTime(new Date(day.getTime() - 2 * 86_400_000));
          const team: SalesRep[] = [];
          for (const [i, r] of reps.entries())
            team.push(
              await addRep(h, {
                name: `P${round}-${i}`,
                time_zone: 'UTC',
                weight: r.weight,
                languages: r.german ? ['de'] : [],
                working_hours: { [weekday]: r.hours },
              }),
            );
          const routed = rules.map((r, i) => ({
            name: `Rule ${i}`,
            when: r.when,
            reps: [...new Set(r.reps.map((k) => team[k % team.length]!.id))],
          }));
          expect((await putRules(h, routed)).status).toBe(200);
          const at = (minute: number) => new Date(day.getTime() + 8 * 3_600_000 + minute * 60_000).toISOString();
          const tag = `r${round}`;
          const mail = (domain: string) =>
            `${tag}.${crypto.randomUUID().slice(0, 6)}@${domain === 'gmail.com' ? 'gmail.com' : `${tag}${domain}`}`;
          for (const e of earlier) await book(h, at(e.minute), { contact_email: mail(e.domain) });

          const fields = { organization_size: ask.organization_size, locale: ask.locale, contact_email: mail(ask.domain) };
          const before = (await allBookings()).length;
          const predicted = await dryRun(h, { ...fields, slot_start: at(ask.minute) });
          expect((await allBookings()).length).toBe(before); // no side effect
          const res = await book(h, at(ask.minute), fields);
          if (predicted.pick) {
            expect(res.status, JSON.stringify(predicted)).toBe(201);
            expect((await bodyOf<CreatedBooking>(res)).assigned_rep?.id, JSON.stringify(predicted)).toBe(predicted.pick.id);
          } else expect(res.status, JSON.stringify(predicted)).toBe(409);
        },
      ),
      { numRuns: 30 },
    );
  });
});
