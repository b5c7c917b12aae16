/**
 * Calendars (issue "The sales team and their calendars"), three parts, each
 * side by side with a floor in one run, rounds alternating:
 *
 * A. Reading a feed: the product's busyIntervals (ical.js parse, recurrence
 *    expansion over the horizon, zones, merge) against the floor ICAL.parse
 *    alone (the least any reader does), for feeds of 500, 5,000 and 20,000
 *    events shaped like a Google export (a VTIMEZONE, a fifth of them weekly
 *    series with an EXDATE, some moved occurrences, titles, attendees and
 *    descriptions, most of them history). In Node, on the V8 workerd runs.
 * B. The whole path in `wrangler dev`: 50 reps × 2 feeds of 500 events over
 *    HTTP on loopback, "Sync now" for every rep, until every feed reports its
 *    new busy set; against one rep × 2 feeds the same way (how it grows).
 * C. The busy read slots use (busyQuery, the whole active team for 31 days)
 *    at 10, 100 and 1,000 reps in SQLite (D1's engine) with the product's
 *    migrations, against the floor: the bare range of the start index.
 *
 * `npx tsx bench/calendar.ts` rewrites its section of bench/RESULTS.md.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import ICAL from 'ical.js';
import type { CalendarFeed, SalesRep, TeamPage } from '../contract/api.js';
import { startLocalWorker } from '../scripts/local-worker.js';
import { database } from '../worker/db/client.js';
import { busyIntervals } from '../worker/team/busy.js';
import { busyQuery } from '../worker/team/service.js';
import { median, ms, table } from './stats.js';

const DAY = 86_400_000;
const HORIZON_DAYS = 21;

const VTIMEZONE_BERLIN = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const stamp = (t: number) => `${new Date(t).toISOString().replace(/[-:]/g, '').slice(0, 15)}`;

/**
 * A Google-like export of `events` events around `now`: three quarters of the
 * single events are history (exports hold years of it), a fifth of all events
 * are weekly series with an EXDATE, every tenth series has a moved occurrence.
 */
export function feedOf(events: number, now: number, seed = 1): string {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'X-WR-TIMEZONE:Europe/Berlin',
    ...VTIMEZONE_BERLIN,
  ];
  for (let i = 0; i < events; i++) {
    const day = Math.floor(now / DAY) * DAY;
    const recurring = i % 5 === 0;
    const offsetDays = recurring ? -Math.floor(random() * 300) : Math.floor(random() * 400) - 300;
    const start = day + offsetDays * DAY + (8 + Math.floor(random() * 9)) * 3_600_000 + (random() < 0.5 ? 0 : 1_800_000);
    const end = start + (1 + Math.floor(random() * 4)) * 1_800_000;
    const uid = `${i}-${seed}@google.com`;
    lines.push(
      'BEGIN:VEVENT',
      `DTSTART;TZID=Europe/Berlin:${stamp(start)}`,
      `DTEND;TZID=Europe/Berlin:${stamp(end)}`,
      `DTSTAMP:${stamp(now)}Z`,
      `UID:${uid}`,
      ...(recurring ? ['RRULE:FREQ=WEEKLY;WKST=MO', `EXDATE;TZID=Europe/Berlin:${stamp(start + 7 * DAY)}`] : []),
      `ATTENDEE;CN=Guest ${i};PARTSTAT=ACCEPTED:mailto:guest${i}@customer.example`,
      `DESCRIPTION:Agenda for meeting ${i}: pricing\\, rollout and next steps.`,
      `LOCATION:Room ${i % 40}`,
      'STATUS:CONFIRMED',
      `SUMMARY:Meeting ${i}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
    if (recurring && i % 50 === 0) {
      const moved = start + Math.ceil((now - start) / (7 * DAY) + 1) * 7 * DAY;
      lines.push(
        'BEGIN:VEVENT',
        `DTSTART;TZID=Europe/Berlin:${stamp(moved + 3_600_000)}`,
        `DTEND;TZID=Europe/Berlin:${stamp(moved + 7_200_000)}`,
        `RECURRENCE-ID;TZID=Europe/Berlin:${stamp(moved)}`,
        `DTSTAMP:${stamp(now)}Z`,
        `UID:${uid}`,
        `SUMMARY:Meeting ${i} (moved)`,
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

/** CPU (user + system) and wall milliseconds of one call. */
function measure(fn: () => unknown): { cpu: number; wall: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  fn();
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000, wall };
}

function partA(rounds: number): string {
  const now = Date.UTC(2026, 9, 19, 6); // the week before Europe's clocks go back
  const ctx = { from: now, to: now + (HORIZON_DAYS + 1) * DAY, zone: 'Europe/Berlin', email: 'rep@northwind.example' };
  const rows: (string | number)[][] = [];
  for (const events of [500, 5_000, 20_000]) {
    const text = feedOf(events, now);
    const product: { cpu: number; wall: number }[] = [];
    const floor: { cpu: number; wall: number }[] = [];
    let busy = 0;
    busyIntervals(text, ctx);
    ICAL.parse(text);
    for (let r = 0; r < rounds; r++) {
      floor.push(measure(() => ICAL.parse(text)));
      product.push(
        measure(() => {
          busy = busyIntervals(text, ctx).length;
        }),
      );
    }
    const p = median(product.map((m) => m.cpu));
    const f = median(floor.map((m) => m.cpu));
    rows.push([
      events.toLocaleString('en'),
      `${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`,
      busy,
      ms(median(product.map((m) => m.wall))),
      ms(p),
      ms(f),
      `${(p / f).toFixed(1)}x`,
      `${((p / events) * 1000).toFixed(0)} µs`,
    ]);
  }
  return [
    `${rounds} alternating rounds per size; medians. Horizon ${HORIZON_DAYS} days + 1.`,
    '',
    table(
      [
        'events',
        'feed',
        'busy intervals kept',
        'product wall ms',
        'product CPU ms',
        'floor CPU ms (ICAL.parse)',
        'product / floor',
        'CPU per event',
      ],
      rows,
    ),
  ].join('\n');
}

async function partB(): Promise<string> {
  const feeds = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = feeds.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/calendar' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const feedBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync('bench/.data', { recursive: true });
  const state = mkdtempSync(join('bench/.data', 'calendar-'));
  const token = `bench-${crypto.randomUUID()}`;
  const worker = await startLocalWorker(state, { ADMIN_TOKEN: token });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${worker.url}${path}`, { ...init, headers });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const publish = (version: number, reps: number) => {
    for (let r = 0; r < reps; r++)
      for (const k of [0, 1]) feeds.set(`/r${r}-${k}.ics`, feedOf(500, Date.now(), r * 10 + k + version * 1000));
  };
  try {
    const reps: SalesRep[] = [];
    publish(0, 50);
    for (let r = 0; r < 50; r++) {
      const rep = await api<SalesRep>('/api/team', {
        method: 'POST',
        body: JSON.stringify({ name: `Rep ${r}`, email: `rep${r}@northwind.example`, time_zone: 'Europe/Berlin' }),
      });
      for (const k of [0, 1])
        await api<CalendarFeed>(`/api/team/${rep.id}/calendars`, {
          method: 'POST',
          body: JSON.stringify({ url: `${feedBase}/r${r}-${k}.ics` }),
        });
      reps.push(rep);
    }
    // Sync now for `count` reps after the feeds changed; until each of their feeds has synced since.
    const syncRound = async (count: number, version: number) => {
      publish(version, 50);
      await new Promise((r) => setTimeout(r, 1100));
      const since = new Date().toISOString();
      const cpu0 = worker.cpuSeconds();
      const t0 = performance.now();
      await Promise.all(reps.slice(0, count).map((rep) => api(`/api/team/${rep.id}/sync`, { method: 'POST' })));
      const ids = new Set(reps.slice(0, count).map((r) => r.id));
      for (;;) {
        const team = await api<TeamPage>('/api/team');
        const mine = team.data.filter((r) => ids.has(r.id)).flatMap((r) => r.calendars);
        if (mine.every((f) => f.last_attempt_at && f.last_attempt_at >= since)) {
          const failed = mine.filter((f) => f.last_error).length;
          return {
            wall: performance.now() - t0,
            cpu: (worker.cpuSeconds() - cpu0) * 1000,
            feeds: mine.length,
            failed,
            busy: median(mine.map((f) => f.busy_count)),
          };
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await syncRound(50, 1); // warm-up
    const rows: (string | number)[][] = [];
    type Round = Awaited<ReturnType<typeof syncRound>>;
    const results: { one: Round[]; all: Round[] } = { one: [], all: [] };
    for (let round = 0; round < 3; round++) {
      results.one.push(await syncRound(1, 2 + round * 2));
      results.all.push(await syncRound(50, 3 + round * 2));
    }
    for (const [label, list] of [
      ['1 rep × 2 feeds', results.one],
      ['50 reps × 2 feeds', results.all],
    ] as const) {
      const wall = median(list.map((x) => x.wall));
      const cpu = median(list.map((x) => x.cpu));
      const feedsCount = list[0]?.feeds ?? 0;
      rows.push([
        label,
        feedsCount,
        ms(wall),
        ms(cpu),
        ms(cpu / feedsCount),
        list.reduce((n, x) => n + x.failed, 0),
        median(list.map((x) => x.busy)),
      ]);
    }
    return [
      '3 alternating rounds after a warm-up, each after every feed changed (no 304); medians. Wall: from the first "Sync now" to the last feed reporting its sync. CPU: wrangler + workerd (from /proc), so it includes the dev server and the answers to the polling.',
      '',
      table(['sync', 'feeds', 'wall ms', 'CPU ms', 'CPU ms per feed', 'failed', 'busy intervals per feed'], rows),
    ].join('\n');
  } finally {
    await worker.stop();
    server.close();
    rmSync(state, { recursive: true, force: true });
  }
}

function partC(runs: number): string {
  const now = Date.UTC(2026, 11, 7);
  const from = new Date(now).toISOString();
  const to = new Date(now + 31 * DAY).toISOString();
  const queryDb = database({} as D1Database);
  const { sql, params } = busyQuery(queryDb, { from, to, horizonDays: HORIZON_DAYS }).toSQL();
  const floorSql = 'SELECT rep_id, start, "end" FROM busy_intervals WHERE start >= ? AND start < ?';
  const rows: (string | number)[][] = [];
  let planText = '';
  const perRepPerDay = 4;
  for (const reps of [10, 100, 1_000]) {
    const db = new DatabaseSync(':memory:');
    for (const file of readdirSync('migrations')
      .filter((f) => f.endsWith('.sql'))
      .sort())
      for (const statement of readFileSync(join('migrations', file), 'utf8').split('--> statement-breakpoint'))
        if (statement.trim()) db.exec(statement);
    const insertRep = db.prepare(
      "INSERT INTO sales_reps (id, name, email, time_zone, working_hours, date_overrides, languages, weight, active, created_at, updated_at) VALUES (?, ?, ?, 'Europe/Berlin', '{}', '{}', '[]', 1, 1, ?, ?)",
    );
    const insertFeed = db.prepare(
      "INSERT INTO calendar_feeds (id, rep_id, url, created_at, busy_count) VALUES (?, ?, 'https://calendar.example/x.ics', ?, 0)",
    );
    const insertBusy = db.prepare('INSERT INTO busy_intervals (feed_id, rep_id, start, "end") VALUES (?, ?, ?, ?)');
    db.exec('BEGIN');
    for (let r = 0; r < reps; r++) {
      const id = `rep-${String(r).padStart(5, '0')}`;
      insertRep.run(id, `Rep ${r}`, `rep${r}@northwind.example`, from, from);
      insertFeed.run(`feed-${r}`, id, from);
      // A synced horizon (22 days) plus as much stale history as a failing feed might keep.
      for (let d = -22; d < HORIZON_DAYS + 1; d++)
        for (let k = 0; k < perRepPerDay; k++) {
          const start = now + d * DAY + (8 + k * 2) * 3_600_000;
          insertBusy.run(`feed-${r}`, id, new Date(start).toISOString(), new Date(start + 3_600_000).toISOString());
        }
    }
    db.exec('COMMIT');
    const product = db.prepare(sql);
    const floor = db.prepare(floorSql);
    const floorParams = [from, to];
    const p: number[] = [];
    const f: number[] = [];
    let got = 0;
    for (let i = 0; i < runs + 2; i++) {
      let t = performance.now();
      floor.all(...(floorParams as string[]));
      const fi = performance.now() - t;
      t = performance.now();
      got = product.all(...(params as (string | number)[])).length;
      const pi = performance.now() - t;
      if (i >= 2) {
        f.push(fi);
        p.push(pi);
      }
    }
    if (reps === 1_000)
      planText = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as (string | number)[])) as { detail: string }[])
        .map((x) => x.detail)
        .join('; ');
    rows.push([
      reps.toLocaleString('en'),
      (reps * 44 * perRepPerDay).toLocaleString('en'),
      got.toLocaleString('en'),
      ms(median(p)),
      ms(median(f)),
      `${(median(p) / median(f)).toFixed(2)}x`,
    ]);
    db.close();
  }
  return [
    `${runs} alternating runs per size; medians. ${perRepPerDay} busy intervals per rep per working day over the synced horizon plus as many days of older rows (what a failing feed keeps).`,
    '',
    table(
      [
        'reps',
        'busy rows in the table',
        'rows read (31 days)',
        'product ms',
        'floor ms (bare start range of the window)',
        'product / floor',
      ],
      rows,
    ),
    '',
    `Plan at 1,000 reps: \`${planText}\`.`,
  ].join('\n');
}

const START = '<!-- calendar:start -->';
const END = '<!-- calendar:end -->';

/** Writes the calendar section into bench/RESULTS.md, replacing the last one. */
export function writeCalendarSection(markdown: string) {
  const path = 'bench/RESULTS.md';
  const section = `${START}\n## 6. Calendars: reading feeds and busy time\n\n- Date: ${new Date().toISOString()}\n- Command: \`npm run bench:calendar\`\n\n${markdown}\n${END}`;
  const current = readFileSync(path, 'utf8');
  const next = current.includes(START)
    ? current.replace(new RegExp(`${START}[\\s\\S]*${END}`), section)
    : current.replace(/\n## Against the goals/, `\n${section}\n\n## Against the goals`);
  writeFileSync(path, next.includes(START) ? next : `${current.trimEnd()}\n\n${section}\n`);
}

/** All three parts, as markdown. */
export async function calendarBench(): Promise<string> {
  console.log('calendars: A. reading feeds');
  const a = partA(5);
  console.log(a);
  console.log('calendars: C. the busy read');
  const c = partC(30);
  console.log(c);
  console.log('calendars: B. sync in wrangler dev');
  const b = await partB();
  console.log(b);
  return [
    '### A. Reading a feed (parse, expand, merge)',
    '',
    a,
    '',
    '### B. Sync over HTTP through the queue, in `wrangler dev`',
    '',
    b,
    '',
    '### C. The team’s busy time for 31 days',
    '',
    c,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeCalendarSection(await calendarBench());
  rmSync('bench/.data', { recursive: true, force: true });
}
