/**
 * Live slots through the worker, side by side with floors, in one run (these
 * machines are shared and noisy, so only ratios mean anything):
 *
 * 1. `POST /api/slots` for teams of 1, 10, 50 and 200 reps over 14 and 31
 *    days, each rep with a working week (09:00–12:00, 13:00–17:00 on weekdays
 *    in one of four zones), a synced calendar and four hour-long busy
 *    intervals a day, against the floor worker's `POST /api/slots`, which
 *    reads the same rows in one D1 batch and returns them without computing.
 *    The largest team runs again with 100 routing rules (the visitor matches
 *    the last).
 * 2. Booking a slot (`POST /api/bookings` with `slot_start`, 200 reps free all
 *    day under 100 rules, each request a different offered start) against the
 *    create floor, and against the same worker's create of a request.
 *
 * Each pair runs under `wrangler dev` with the queue consumers off, rounds
 * alternating, medians. `npm run bench:slots-http` rewrites its section of
 * bench/RESULTS.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import autocannon from 'autocannon';
import type { RoutingRule } from '../contract/routing.js';
import { DEFAULT_WORKING_HOURS } from '../contract/team.js';
import { d1File, type LocalWorker, migrate, startLocalWorker } from '../scripts/local-worker.js';
import { bookingBody, clientIp, createRequests } from './bodies.js';
import { productBenchConfig } from './ratio.js';
import { SECRETS } from './secrets.js';
import { median, ms, table } from './stats.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
const FLOOR_CONFIG = 'bench/floor/wrangler.toml';
/** The product answers 31 days when asked (the default horizon is 21). */
const PRODUCT_VARS = { ...SECRETS, BOOKING_HORIZON_DAYS: '31' };

/** Writes a team of `reps` into a migrated local D1: reps, one synced feed each, busy time for 33 days. */
export function seedTeam(stateDir: string, reps: number, o: { allDay?: boolean; rules?: number } = {}) {
  const db = new DatabaseSync(d1File(stateDir));
  const ids: string[] = [];
  const now = Date.now();
  const iso = (t: number) => new Date(t).toISOString();
  const allDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
  const rep = db.prepare(
    `INSERT INTO sales_reps (id, name, email, time_zone, working_hours, date_overrides, languages, weight, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '{}', '[]', 1, 1, ?, ?)`,
  );
  const feed = db.prepare(
    `INSERT INTO calendar_feeds (id, rep_id, url, last_attempt_at, last_ok_at, busy_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const busy = db.prepare('INSERT INTO busy_intervals (feed_id, rep_id, start, "end") VALUES (?, ?, ?, ?)');
  db.exec('BEGIN');
  for (let r = 0; r < reps; r++) {
    const id = crypto.randomUUID();
    ids.push(id);
    const feedId = crypto.randomUUID();
    const hours = o.allDay ? allDay : DEFAULT_WORKING_HOURS;
    rep.run(
      id,
      `Rep ${r}`,
      `rep${r}@bench.example`,
      o.allDay ? 'UTC' : (ZONES[r % ZONES.length] as string),
      JSON.stringify(hours),
      iso(now),
      iso(now),
    );
    // Synced at the start of the run: fresh for the whole bench (stale after 120 minutes).
    feed.run(feedId, id, `https://calendar.bench.example/${r}.ics`, iso(now), iso(now), 4 * 33, iso(now));
    if (o.allDay) continue;
    for (let d = 0; d < 33; d++)
      for (let k = 0; k < 4; k++) {
        const start = now - DAY + d * DAY + ((r * 7 + k * 5) % 24) * HOUR;
        busy.run(feedId, id, iso(start), iso(start + HOUR));
      }
  }
  if (o.rules) {
    // Rules a visitor with no size and no language passes by, each naming a few reps, and a last one for everyone.
    const rules: RoutingRule[] = Array.from({ length: o.rules - 1 }, (_, i) => ({
      name: `Rule ${i}`,
      when: { organization_size: ['1001+'], country: [['DE', 'US', 'FR', 'IN'][i % 4]] },
      reps: ids.slice((i * 3) % ids.length, ((i * 3) % ids.length) + 3),
    }));
    rules.push({ name: 'Everyone else', when: {}, reps: ids });
    db.prepare('INSERT INTO routing_versions (id, rules, actor, at) VALUES (?, ?, ?, ?)').run(
      crypto.randomUUID(),
      JSON.stringify(rules),
      'bench',
      iso(now),
    );
  }
  db.exec('COMMIT');
  db.close();
}

interface Round {
  rps: number;
  p99: number;
  non2xx: number;
  cpuMs: number;
}

async function round(
  worker: LocalWorker,
  path: string,
  requests: autocannon.Request[],
  seconds: number,
  connections: number,
): Promise<Round> {
  const cpuBefore = worker.cpuSeconds();
  const r = await autocannon({ url: `${worker.url}${path}`, method: 'POST', connections, duration: seconds, requests });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    cpuMs: ((worker.cpuSeconds() - cpuBefore) * 1000) / Math.max(1, r.requests.total),
  };
}

/** Alternates product and floor for `rounds` rounds after a warm-up of each; medians. */
async function sideBySide(
  pair: { product: LocalWorker; floor: LocalWorker },
  make: { product: () => [string, autocannon.Request[]]; floor: () => [string, autocannon.Request[]] },
  o: { rounds: number; seconds: number; connections: number },
) {
  const results = { product: [] as Round[], floor: [] as Round[] };
  for (const name of ['product', 'floor'] as const) await round(pair[name], ...make[name](), 2, o.connections);
  for (let i = 0; i < o.rounds; i++) {
    const order = i % 2 ? (['floor', 'product'] as const) : (['product', 'floor'] as const);
    for (const name of order) results[name].push(await round(pair[name], ...make[name](), o.seconds, o.connections));
  }
  const of = (rs: Round[]) => ({
    rps: median(rs.map((r) => r.rps)),
    p99: median(rs.map((r) => r.p99)),
    cpuMs: median(rs.map((r) => r.cpuMs)),
    non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
  });
  return { product: of(results.product), floor: of(results.floor) };
}

/** Slots requests, each from its own client address (the per-IP brake stays out of the way). */
export function slotsRequests(days: number): autocannon.Request[] {
  let n = 0;
  return [
    {
      setupRequest: (req) => ({
        ...req,
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': clientIp(++n) },
        body: JSON.stringify({ time_zone: 'Europe/Berlin', days }),
      }),
    },
  ];
}

/** Slot bookings, each a different offered start in turn, from its own address and mailbox. */
export function slotBookingRequests(starts: string[], run: string): autocannon.Request[] {
  let n = 0;
  return [
    {
      setupRequest: (req) => {
        n++;
        const { preferred_date: _, ...body } = bookingBody(n, run);
        return {
          ...req,
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': clientIp(n) },
          body: JSON.stringify({ ...body, slot_start: starts[n % starts.length] }),
        };
      },
    },
  ];
}

async function startPair(seed: (dir: string) => void) {
  mkdirSync('bench/.data', { recursive: true });
  const dirs = [mkdtempSync(join('bench/.data', 'slots-')), mkdtempSync(join('bench/.data', 'slots-floor-'))] as const;
  const productConfig = productBenchConfig();
  migrate(dirs[0], productConfig);
  migrate(dirs[1], FLOOR_CONFIG);
  for (const dir of dirs) seed(dir);
  const product = await startLocalWorker(dirs[0], PRODUCT_VARS, productConfig);
  const floor = await startLocalWorker(dirs[1], {}, FLOOR_CONFIG);
  return { product, floor, stop: () => Promise.all([product.stop(), floor.stop()]) };
}

export async function slotsHttpBench(o: { rounds: number; seconds: number; connections: number; sizes: number[] }) {
  const rows: (string | number)[][] = [];
  const ratios = new Map<string, number>();
  // Each team size, and the largest again with 100 routing rules (SPEC 8.5).
  const teams = [...o.sizes.map((reps) => ({ reps, rules: 0 })), { reps: Math.max(...o.sizes), rules: 100 }];
  for (const { reps, rules } of teams) {
    const pair = await startPair((dir) => seedTeam(dir, reps, { rules }));
    try {
      const check = await fetch(`${pair.product.url}/api/slots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ time_zone: 'Europe/Berlin', days: 14 }),
      });
      const offered = ((await check.json()) as { slots: unknown[] }).slots.length;
      if (!check.ok || offered === 0) throw new Error(`the product offered no slots for ${reps} reps (${check.status})`);
      for (const days of [14, 31]) {
        const r = await sideBySide(
          pair,
          { product: () => ['/api/slots', slotsRequests(days)], floor: () => ['/api/slots', slotsRequests(days)] },
          o,
        );
        const ratio = r.product.rps / r.floor.rps;
        ratios.set(`${reps}x${days}${rules ? 'r' : ''}`, ratio);
        rows.push([
          rules ? `${reps}, ${rules} rules` : reps,
          days,
          r.floor.rps.toFixed(0),
          r.product.rps.toFixed(0),
          `**${(ratio * 100).toFixed(0)} %**`,
          `${ms(r.floor.p99)} / ${ms(r.product.p99)}`,
          `${r.floor.cpuMs.toFixed(2)} / ${r.product.cpuMs.toFixed(2)}`,
          r.product.non2xx + r.floor.non2xx,
        ]);
        console.log(reps, days, rows.at(-1)?.join(' | '));
      }
    } finally {
      await pair.stop();
    }
  }

  // Booking a slot against the create floor: 200 reps free all day under 100 rules, a different start for each request.
  const pair = await startPair((dir) => seedTeam(dir, 200, { allDay: true, rules: 100 }));
  let booking: Awaited<ReturnType<typeof sideBySide>>;
  let ownCreate: Awaited<ReturnType<typeof sideBySide>>;
  try {
    const answer = (await (
      await fetch(`${pair.product.url}/api/slots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ time_zone: 'UTC', days: 21 }),
      })
    ).json()) as { slots: { start: string }[] };
    const starts = answer.slots.map((s) => s.start);
    let run = 0;
    booking = await sideBySide(
      pair,
      {
        product: () => ['/api/bookings', slotBookingRequests(starts, `slot${++run}`)],
        floor: () => ['/api/bookings', createRequests(`floor${++run}`)],
      },
      o,
    );
    // Where the gap comes from: the same worker's create of a request (preferred time, no slot), side by side.
    ownCreate = await sideBySide(
      { product: pair.product, floor: pair.product },
      {
        product: () => ['/api/bookings', slotBookingRequests(starts, `again${++run}`)],
        floor: () => ['/api/bookings', createRequests(`request${++run}`)],
      },
      o,
    );
  } finally {
    await pair.stop();
  }
  const bookingRatio = booking.product.rps / booking.floor.rps;
  const bookingTail = booking.product.p99 / booking.floor.p99;
  const at50 = Math.min(ratios.get('50x14') ?? Number.NaN, ratios.get('50x31') ?? Number.NaN);
  const markdown = [
    `${o.rounds} rounds of ${o.seconds} s each after a warm-up, alternating, ${o.connections} connections, \`wrangler dev\` with the queue consumers off; medians. Each request comes from its own client address. The floor worker (bench/floor) reads the same rows in one D1 batch and returns them as JSON.`,
    '',
    '### POST /api/slots against a floor that reads the same rows',
    '',
    table(
      [
        'reps',
        'days',
        'floor req/s',
        'product req/s',
        'product / floor',
        'p99 ms (floor / product)',
        'CPU ms per call (floor / product)',
        'non-2xx',
      ],
      rows,
    ),
    '',
    `At 50 reps the product keeps **${(at50 * 100).toFixed(0)} %** of the floor's throughput (goal: at least 70 %).`,
    '',
    '### Booking a slot against the create floor',
    '',
    table(
      ['worker', 'requests/s', 'p99 ms', 'CPU ms per request', 'non-2xx'],
      [
        [
          'create floor (bench/floor)',
          booking.floor.rps.toFixed(0),
          ms(booking.floor.p99),
          booking.floor.cpuMs.toFixed(2),
          booking.floor.non2xx,
        ],
        [
          'product (POST /api/bookings with slot_start, 200 reps, 100 rules)',
          booking.product.rps.toFixed(0),
          ms(booking.product.p99),
          booking.product.cpuMs.toFixed(2),
          booking.product.non2xx,
        ],
      ],
    ),
    '',
    `Throughput, product / floor: **${(bookingRatio * 100).toFixed(0)} %** (goal: at least 80 %). p99, product / floor: **${bookingTail.toFixed(2)}x** (goal: at most 1.3x).`,
    '',
    `The same worker's create of a request (a preferred time, no slot), alternating with slot bookings: ${ownCreate.floor.rps.toFixed(0)} requests/s, ${ms(ownCreate.floor.p99)} ms p99, ${ownCreate.floor.cpuMs.toFixed(2)} ms CPU; slot bookings in those rounds ${ownCreate.product.rps.toFixed(0)} requests/s, ${ms(ownCreate.product.p99)} ms p99, ${ownCreate.product.cpuMs.toFixed(2)} ms CPU: a slot booking costs **${((ownCreate.product.rps / ownCreate.floor.rps) * 100).toFixed(0)} %** of a request's throughput. The rest of the gap to the floor is the create itself (section 0).`,
  ].join('\n');
  return { markdown, at50, bookingRatio, bookingTail };
}

const START = '<!-- slots-http:start -->';
const END = '<!-- slots-http:end -->';

export function writeSlotsHttpSection(markdown: string) {
  const path = 'bench/RESULTS.md';
  const section = `${START}\n## 7b. Slots and slot booking through the worker\n\n- Date: ${new Date().toISOString()}\n\n${markdown}\n${END}`;
  const current = readFileSync(path, 'utf8');
  const next = current.includes(START)
    ? current.replace(new RegExp(`${START}[\\s\\S]*${END}`), section)
    : current.replace(/\n## Against the goals/, `\n${section}\n\n## Against the goals`);
  writeFileSync(path, next);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const { markdown } = await slotsHttpBench(
    quick
      ? {
          rounds: 2,
          seconds: 3,
          connections: 10,
          sizes: process.argv.includes('--sizes') ? process.argv[process.argv.indexOf('--sizes') + 1]!.split(',').map(Number) : [1, 50],
        }
      : { rounds: 4, seconds: 5, connections: 10, sizes: [1, 10, 50, 200] },
  );
  writeSlotsHttpSection(markdown);
  console.log(markdown);
}
