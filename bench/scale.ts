/**
 * Data at scale: the admin list (first and deep page, each filter), the
 * per-email count behind rate_limit_per_email, the outbox sweep and a create,
 * timed at each size of the local D1, with the query plans.
 */
import { DatabaseSync } from 'node:sqlite';
import { drizzle } from 'drizzle-orm/d1';
import { d1File, startLocalWorker } from '../scripts/local-worker.js';
import { listQuery } from '../worker/bookings/repository.js';
import { listQuerySchema } from '../worker/bookings/requests.js';
import * as schema from '../worker/db/schema.js';
import { claimOverduePage } from '../worker/jobs/sweep.js';
import { bookingBody, clientIp } from './bodies.js';
import { ADMIN_HEADERS, SECRETS } from './secrets.js';
import { seedBookings, seedOrganizations } from './seed.js';
import { median, ms, percentile, table, timeRuns } from './stats.js';

// Builds SQL only; never executes through this client.
const builder = drizzle({} as D1Database, { schema });

type Sql = { sql: string; params: unknown[] };

function queries(db: DatabaseSync): [string, Sql][] {
  const deep = db
    .prepare(
      'SELECT created_at, id FROM demo_bookings ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET (SELECT count(*) * 9 / 10 FROM demo_bookings)',
    )
    .get() as { created_at: string; id: string };
  const cursor = btoa(JSON.stringify([deep.created_at, deep.id])).replace(/=+$/, '');
  const day = 86_400_000;
  const list = (q: Record<string, string>) => listQuery(builder, listQuerySchema.parse(q)).toSQL();
  const count = (email: string): Sql => ({
    sql: "SELECT count(*) FROM demo_bookings WHERE contact_mailbox = ? AND status = 'pending' AND created_at > ?",
    params: [email, new Date(Date.now() - 7 * day).toISOString()],
  });
  return [
    ['list, first page', list({})],
    ['list, deep page (90 % down)', list({ cursor })],
    ['list status=pending', list({ status: 'pending' })],
    ['list status=no_show, deep page', list({ status: 'no_show', cursor })],
    ['list email=frequent@…', list({ email: 'frequent@example.com' })],
    ['list organization_id', list({ organization_id: '00000000-0000-7000-9000-000000000007' })],
    [
      'list created in a 7-day window',
      list({
        created_after: new Date(Date.now() - 200 * day).toISOString(),
        created_before: new Date(Date.now() - 193 * day).toISOString(),
      }),
    ],
    ['list webhook=failed', list({ webhook: 'failed' })],
    ['list webhook=pending', list({ webhook: 'pending' })],
    ['list webhook=delivered', list({ webhook: 'delivered' })],
    ['per-email count (new address)', count('nobody-yet@example.com')],
    ['per-email count (frequent address)', count('frequent@example.com')],
    ['outbox sweep', claimOverduePage(builder, new Date()).toSQL()],
  ];
}

export interface ScaleResult {
  markdown: string;
  /** name -> size -> median ms, to judge flatness. */
  medians: Map<string, Map<number, number>>;
}

export async function scaleBench(stateDir: string, sizes: number[], runs: number): Promise<ScaleResult> {
  const medians = new Map<string, Map<number, number>>();
  const record = (name: string, size: number, value: number) =>
    (medians.get(name) ?? medians.set(name, new Map()).get(name)!).set(size, value);
  const plans = new Map<string, string>();
  let seeded = 0;
  // The schema exists once the worker has migrated it.
  await (await startLocalWorker(stateDir, {})).stop();
  for (const size of sizes) {
    const db = new DatabaseSync(d1File(stateDir));
    const t = performance.now();
    if (seeded === 0) seedOrganizations(db);
    seedBookings(db, seeded + 1, size);
    console.log(`seeded ${size} bookings (+${size - seeded} in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    seeded = size;
    for (const [name, q] of queries(db)) {
      const stmt = db.prepare(q.sql);
      const times = await timeRuns(runs, () => stmt.all(...(q.params as never[])));
      record(`SQL: ${name}`, size, median(times));
      record(`SQL p95: ${name}`, size, percentile(times, 95));
      if (size === sizes[sizes.length - 1])
        plans.set(
          name,
          (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.params as never[])) as { detail: string }[]).map((r) => r.detail).join('; '),
        );
    }
    db.close();
    const worker = await startLocalWorker(stateDir, SECRETS);
    const admin = ADMIN_HEADERS;
    const get = (path: string) => async () => {
      const res = await fetch(`${worker.url}${path}`, { headers: admin });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    let n = 0;
    const create = async () => {
      n++;
      const res = await fetch(`${worker.url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': clientIp(n) },
        body: JSON.stringify(bookingBody(n, `scale${size}`)),
      });
      if (res.status !== 201) throw new Error(`create: ${res.status}`);
    };
    record('HTTP: GET /api/bookings (first page of 25)', size, median(await timeRuns(runs, get('/api/bookings'))));
    record('HTTP: GET /api/bookings?webhook=failed', size, median(await timeRuns(runs, get('/api/bookings?webhook=failed'))));
    record(
      'HTTP: GET /api/bookings?status=pending&limit=100',
      size,
      median(await timeRuns(runs, get('/api/bookings?status=pending&limit=100'))),
    );
    record('HTTP: POST /api/bookings (create)', size, median(await timeRuns(runs, create)));
    await worker.stop();
    seeded += n + 1; // the creates added rows too; keep seeded ids distinct
  }
  const names = [...medians.keys()].filter((k) => !k.startsWith('SQL p95'));
  const rows = names.map((name) => [name, ...sizes.map((s) => ms(medians.get(name)!.get(s)!))]);
  const markdown = [
    `Median of ${runs} runs, in milliseconds. SQL rows run the application's own queries (built by the same Drizzle code) on the local D1's SQLite file; HTTP rows go through \`wrangler dev\` end to end.`,
    '',
    table(['query', ...sizes.map((s) => `${s.toLocaleString('en')} rows`)], rows),
    '',
    `Query plans at ${sizes[sizes.length - 1]!.toLocaleString('en')} rows:`,
    '',
    table(
      ['query', 'plan'],
      [...plans].map(([name, plan]) => [name, `\`${plan}\``]),
    ),
  ].join('\n');
  return { markdown, medians };
}
