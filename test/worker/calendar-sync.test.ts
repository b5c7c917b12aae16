/**
 * Calendar sync (SPEC 8.2) through the calendar queue's consumer, with feeds
 * served over HTTP in the shapes real calendars export. Each case names the
 * trap it covers; the expected intervals are what the calendar app shows,
 * worked out by hand in UTC.
 */
import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { TeamSync } from '../../contract/api.js';
import { runScheduled } from '../../worker/jobs/scheduled.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, harness } from './helpers.js';
import { addCalendar, addRep, busyOf, FEEDS, repNow, syncAt } from './team-helpers.js';

/** Syncs one feed of a new rep at `now` and answers its busy intervals over the 22 days read. */
async function busyFromFeed(file: string, rep: { time_zone: string; email?: string }, now: string) {
  const h = harness();
  const created = await addRep(h, rep);
  const feed = await addCalendar(h, created.id, `${FEEDS}/${file}`);
  await syncAt(now, [feed.id]);
  const to = new Date(Date.parse(now) + 22 * 86_400_000).toISOString();
  return { h, rep: created, feed, busy: await busyOf(h, created.id, now, to) };
}

describe('a Google Calendar export (Europe/Berlin, across the end of summer time on 25 October)', () => {
  it('blocks every occurrence of a weekly event, its moved occurrence where it moved to, and neither the EXDATE nor a free, declined or cancelled event', async () => {
    const { busy } = await busyFromFeed(
      'google.ics',
      { time_zone: 'Europe/Berlin', email: 'ada@northwind.example' },
      '2026-10-19T00:00:00.000Z',
    );
    expect(busy).toEqual([
      // Weekly Monday 10:00 Berlin, a series that began in September: not only its first occurrence blocks (Cal.com #8166).
      '2026-10-19T08:00:00.000Z–2026-10-19T09:00:00.000Z',
      // A one-off in UTC with attendees, location and description: only its time is kept.
      '2026-10-21T13:00:00.000Z–2026-10-21T13:30:00.000Z',
      // RECURRENCE-ID: Monday 26 October moved to Tuesday 27 at 15:00, in winter time (UTC+1), not left on Monday.
      '2026-10-27T14:00:00.000Z–2026-10-27T15:00:00.000Z',
      // An opaque two-day all-day event, in the rep's zone: local midnight to midnight (CET).
      '2026-11-03T23:00:00.000Z–2026-11-05T23:00:00.000Z',
      // After the DST change the same 10:00 is 09:00Z, not 08:00Z (Cal.com #30021); 2 November is an EXDATE.
      '2026-11-09T09:00:00.000Z–2026-11-09T10:00:00.000Z',
    ]);
  });
});

describe('an Outlook published calendar (Windows zone names, no VTIMEZONE)', () => {
  it('reads "(UTC-05:00) Eastern Time (US & Canada)" and Windows ids as IANA zones, across the US change on 1 November, and honours Outlook busy status', async () => {
    const { busy } = await busyFromFeed('outlook.ics', { time_zone: 'America/New_York' }, '2026-10-26T00:00:00.000Z');
    expect(busy).toEqual([
      // Weekly Tuesday 09:00 Eastern from January: EDT (UTC-4) in October.
      '2026-10-27T13:00:00.000Z–2026-10-27T13:30:00.000Z',
      // TZID=Eastern Standard Time (a Windows id), busy status OOF.
      '2026-10-28T18:00:00.000Z–2026-10-28T19:00:00.000Z',
      // TZID=W. Europe Standard Time, TENTATIVE blocks: 16:00 Berlin (CET) is 15:00Z, whatever the rep's own zone.
      '2026-10-30T15:00:00.000Z–2026-10-30T16:00:00.000Z',
      // EST (UTC-5) after 1 November: 14:00Z.
      '2026-11-03T14:00:00.000Z–2026-11-03T14:30:00.000Z',
      '2026-11-10T14:00:00.000Z–2026-11-10T14:30:00.000Z',
      // WORKINGELSEWHERE (though OPAQUE) and FREE on 29 October do not block.
    ]);
  });
});

describe('an Apple iCloud export (Australia/Sydney, across the start of summer time on 4 October)', () => {
  it('expands a daily series through the change, blocks a tentative event, and reads a start inside the skipped hour as the calendar does', async () => {
    const { busy } = await busyFromFeed('icloud.ics', { time_zone: 'Australia/Sydney' }, '2026-09-28T00:00:00.000Z');
    expect(busy).toEqual([
      // Daily 08:30 Sydney, COUNT=6: AEST (UTC+10) on 1-3 October ...
      '2026-09-30T22:30:00.000Z–2026-09-30T23:00:00.000Z',
      '2026-10-01T22:30:00.000Z–2026-10-01T23:00:00.000Z',
      '2026-10-02T22:30:00.000Z–2026-10-02T23:00:00.000Z',
      // 02:30 on 4 October does not exist (clocks jump 02:00 to 03:00): read as 03:30 AEDT, to 04:00 AEDT.
      '2026-10-03T16:30:00.000Z–2026-10-03T17:00:00.000Z',
      // ... and AEDT (UTC+11) from 4 October: the same 08:30 is an hour earlier in UTC.
      '2026-10-03T21:30:00.000Z–2026-10-03T22:00:00.000Z',
      '2026-10-04T21:30:00.000Z–2026-10-04T22:00:00.000Z',
      '2026-10-05T21:30:00.000Z–2026-10-05T22:00:00.000Z',
      // STATUS:TENTATIVE blocks; the cancelled review on 9 October does not.
      '2026-10-08T03:00:00.000Z–2026-10-08T04:00:00.000Z',
    ]);
  });
});

describe('a rep in Asia/Kolkata (UTC+05:30, a half-hour zone)', () => {
  it('reads a VFREEBUSY answer: BUSY, BUSY-TENTATIVE and BUSY-UNAVAILABLE block (a DURATION period too), FREE does not', async () => {
    const { busy } = await busyFromFeed('freebusy.ics', { time_zone: 'Asia/Kolkata' }, '2026-11-02T00:00:00.000Z');
    expect(busy).toEqual([
      '2026-11-03T04:00:00.000Z–2026-11-03T05:00:00.000Z',
      '2026-11-04T08:30:00.000Z–2026-11-04T09:15:00.000Z',
      '2026-11-05T10:00:00.000Z–2026-11-05T10:15:00.000Z',
      '2026-11-05T12:00:00.000Z–2026-11-05T12:30:00.000Z',
      '2026-11-06T00:00:00.000Z–2026-11-06T02:00:00.000Z',
    ]);
  });

  it('reads floating times and all-day dates in the rep’s zone, not UTC', async () => {
    const { busy } = await busyFromFeed('floating.ics', { time_zone: 'Asia/Kolkata' }, '2026-11-02T00:00:00.000Z');
    expect(busy).toEqual([
      // 15:00 floating is 15:00 IST.
      '2026-11-03T09:30:00.000Z–2026-11-03T10:30:00.000Z',
      // An all-day date with no DTEND is that one local day.
      '2026-11-06T18:30:00.000Z–2026-11-07T18:30:00.000Z',
    ]);
  });
});

const NOW = '2026-10-19T00:00:00.000Z';

/** Makes a test feed's path answer as one of the served feeds does. */
const answerAs = (path: string, file: string) =>
  fetch(`https://calendar.example.test/__feed?path=/feeds/${path}&as=${file}`, { method: 'PUT' });
const TO = '2026-11-10T00:00:00.000Z';

describe('a feed that fails keeps what the rep had', () => {
  it.each([
    ['answers 500', 'error.ics', 'The calendar server answered 500.'],
    ['is malformed halfway', 'malformed.ics', 'The feed is not valid iCalendar.'],
    ['is 5 MB', 'huge.ics', 'The feed is larger than 4 MB.'],
    ['hangs', 'hang.ics', 'The calendar server did not answer within 1 s.'],
  ])('a feed that %s: the previous busy set stays, last_error says why, another feed syncs meanwhile', async (_, file, reason) => {
    const h = harness();
    const rep = await addRep(h, { time_zone: 'Europe/Berlin', email: 'ada@northwind.example' });
    const good = await addCalendar(h, rep.id, `${FEEDS}/google.ics`);
    const flaky = await addCalendar(h, rep.id, `${FEEDS}/flaky-${file}`);
    // First both answer well (the flaky one as the Outlook export) ...
    await answerAs(`flaky-${file}`, 'outlook.ics');
    await syncAt(NOW, [good.id, flaky.id], { timeoutMs: 1000 });
    const before = await busyOf(h, rep.id, NOW, TO);
    expect(before).toHaveLength(10);
    // ... then the flaky one turns bad.
    await answerAs(`flaky-${file}`, file);
    const started = Date.now();
    await syncAt('2026-10-19T00:05:00.000Z', [flaky.id, good.id], { timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(2900);
    expect(await busyOf(h, rep.id, NOW, TO)).toEqual(before);
    const feeds = (await repNow(h, rep.id)).calendars;
    const failed = feeds.find((f) => f.id === flaky.id)!;
    expect(failed.last_error).toBe(reason);
    expect(failed.last_ok_at).toBe(NOW);
    expect(failed.url).toBe('https://calendar.example.test/…');
    expect(feeds.find((f) => f.id === good.id)).toMatchObject({ last_error: null, last_ok_at: '2026-10-19T00:05:00.000Z' });
  });
});

describe('what a feed says beyond its times', () => {
  it('no title, attendee, location, description or feed address is stored, logged or answered', async () => {
    const logged: string[] = [];
    for (const level of ['log', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const h = harness();
    const rep = await addRep(h, { time_zone: 'Europe/Berlin', email: 'ada@northwind.example' });
    await answerAs('private-ab12cd.ics', 'google.ics');
    const feed = await addCalendar(h, rep.id, `${FEEDS}/private-ab12cd.ics?token=9f8e7d6c5b4a`);
    await syncAt(NOW, [feed.id]);
    expect(await busyOf(h, rep.id, NOW, TO)).toHaveLength(5);
    // A failure's words hold no address either.
    await answerAs('private-ab12cd.ics', 'error.ics');
    await syncAt('2026-10-19T00:05:00.000Z', [feed.id]);
    const answers = await Promise.all(
      ['/api/team', `/api/team/${rep.id}`, `/api/team/${rep.id}/busy?from=${NOW}&to=${TO}`, '/api/health'].map(async (path) =>
        (await h.request(path, { headers: ADMIN })).text(),
      ),
    );
    answers.push(await (await h.request(`/api/team/${rep.id}/sync`, { method: 'POST', headers: ADMIN })).text());
    const tables = ['sales_reps', 'calendar_feeds', 'busy_intervals', 'team_events'];
    const stored = await Promise.all(tables.map(async (t) => JSON.stringify((await env.DB.prepare(`select * from ${t}`).all()).results)));
    const everything = [...answers, ...logged, ...stored.filter((_, i) => tables[i] !== 'calendar_feeds')].join('\n');
    for (const secret of [
      'pipeline',
      'Acme',
      'Zeppelin',
      '998877',
      'merger',
      'ceo@',
      'Lisbon',
      'Tivoli',
      'Reformation',
      'Lunch',
      '9f8e7d6c5b4a',
      'google.ics',
    ])
      expect(everything, secret).not.toContain(secret);
    // The address is kept only where sync reads it; its feed's row holds nothing the feed said.
    expect(stored[1]).toContain('9f8e7d6c5b4a');
    expect(stored[1]).not.toMatch(/pipeline|Acme|Zeppelin|merger/);
    expect(JSON.parse(answers[1]!).calendars[0].url).toBe('https://calendar.example.test/…');
  });
});

describe('sync', () => {
  it('asks again with If-None-Match; a 304 keeps the set and counts as a success', async () => {
    const h = harness();
    const rep = await addRep(h, { time_zone: 'Europe/Berlin', email: 'ada@northwind.example' });
    const feed = await addCalendar(h, rep.id, `${FEEDS}/google.ics?conditional`);
    await syncAt(NOW, [feed.id]);
    await syncAt('2026-10-19T00:05:00.000Z', [feed.id]);
    const seen = (await (await fetch('https://calendar.example.test/__feed?path=/feeds/google.ics')).json()) as { ifNoneMatch: string[] };
    expect(seen.ifNoneMatch.at(-1)).toMatch(/^"[0-9a-f]{16}"$/);
    expect(await busyOf(h, rep.id, NOW, TO)).toHaveLength(5);
    expect((await repNow(h, rep.id)).calendars[0]).toMatchObject({
      last_ok_at: '2026-10-19T00:05:00.000Z',
      busy_count: 5,
      last_error: null,
    });
  });

  it('the cron hands one task per feed of every active rep to the calendar queue; "Sync now" one per feed of the rep', async () => {
    const h = harness();
    const active = await addRep(h);
    const inactive = await addRep(h);
    const feeds = [
      await addCalendar(h, active.id, `${FEEDS}/google.ics`),
      await addCalendar(h, active.id, `${FEEDS}/outlook.ics`),
      await addCalendar(h, inactive.id, `${FEEDS}/icloud.ics`),
    ];
    await h.request(`/api/team/${inactive.id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{"active":false}',
    });
    h.calendar.sent.length = 0;
    await runScheduled(createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }), h.env);
    expect(h.calendar.sent.map((m) => m.feed_id).sort()).toEqual([feeds[0]!.id, feeds[1]!.id].sort());
    h.calendar.sent.length = 0;
    const res = await h.request(`/api/team/${active.id}/sync`, { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(202);
    expect((await bodyOf<TeamSync>(res)).queued.map((f) => f.id)).toEqual([feeds[0]!.id, feeds[1]!.id]);
    expect(h.calendar.sent.map((m) => m.feed_id)).toEqual([feeds[0]!.id, feeds[1]!.id]);
  });

  it('a stale feed makes health degraded, naming the rep (not the address), and the feed stale, until it syncs again', async () => {
    const h = harness();
    const rep = await addRep(h, { time_zone: 'Europe/Berlin' });
    const feed = await addCalendar(h, rep.id, `${FEEDS}/google.ics?stale-check`);
    await syncAt(new Date(Date.now() - 3 * 3_600_000), [feed.id]);
    const degraded = await bodyOf<{ status: string; stale_reps?: string[] }>(await h.request('/api/health'));
    expect(degraded).toEqual({ status: 'degraded', stale_reps: [rep.id] });
    expect((await repNow(h, rep.id)).calendars[0]!.stale).toBe(true);
    await syncAt(new Date(), [feed.id]);
    expect(await bodyOf<{ status: string }>(await h.request('/api/health'))).toEqual({ status: 'ok' });
    expect((await repNow(h, rep.id)).calendars[0]!.stale).toBe(false);
  });

  it('removing a feed removes the busy time read from it', async () => {
    const h = harness();
    const rep = await addRep(h, { time_zone: 'Europe/Berlin', email: 'ada@northwind.example' });
    const feed = await addCalendar(h, rep.id, `${FEEDS}/google.ics`);
    await syncAt(NOW, [feed.id]);
    expect(await busyOf(h, rep.id, NOW, TO)).toHaveLength(5);
    const res = await h.request(`/api/team/${rep.id}/calendars/${feed.id}`, { method: 'DELETE', headers: ADMIN });
    expect(res.status).toBe(200);
    expect(await busyOf(h, rep.id, NOW, TO)).toEqual([]);
    // A sync of the removed feed that was already queued finds nothing to write.
    await syncAt(NOW, [feed.id]);
    expect(await busyOf(h, rep.id, NOW, TO)).toEqual([]);
  });
});
