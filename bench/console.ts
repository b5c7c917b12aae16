/**
 * The sales console at 100k bookings: its bundle size, the server time of
 * what its first screen asks for (the list page, the insights, who is signed
 * in), and in headless Chromium the time from navigation to the first inbox
 * row on screen. `npm run bench:console` runs this part alone and rewrites
 * its section of bench/RESULTS.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../scripts/chromium.js';
import { d1File, startLocalWorker } from '../scripts/local-worker.js';
import { freshBuildAndState } from './alone.js';
import { ADMIN_HEADERS, SECRETS } from './secrets.js';
import { seedBookings, seedOrganizations } from './seed.js';
import { median, ms, table } from './stats.js';

// Runs in the page: the time the first inbox row exists, from navigation start.
const FIRST_ROW = `new Promise((resolve) => {
  const poll = () => {
    const root = document.querySelector('sales-console')?.shadowRoot;
    if (root && root.querySelector('li[role="option"]')) resolve(performance.now()); else requestAnimationFrame(poll);
  };
  poll();
})`;

export async function consoleBench(stateDir: string, size: number, runs: number): Promise<string> {
  const bundle = readFileSync('public/console/console.js');
  const gzip = gzipSync(bundle, { level: 9 }).length;
  await (await startLocalWorker(stateDir, {})).stop(); // migrates the schema
  const db = new DatabaseSync(d1File(stateDir));
  seedOrganizations(db);
  seedBookings(db, 1, size);
  const search = searchAgainstScan(db, runs);
  db.close();
  const worker = await startLocalWorker(stateDir, SECRETS);
  const admin = ADMIN_HEADERS;
  const server: string[][] = [];
  for (const [name, path] of [
    ['list, first page of 50', '/api/bookings?limit=50'],
    ['list, pending, first page', '/api/bookings?limit=50&status=pending'],
    ['search, the start of an organization', '/api/bookings?limit=50&q=Org%20777'],
    ['search, part of a contact name', '/api/bookings?limit=50&q=erson%204242'],
    ['search, part of an address', '/api/bookings?limit=50&q=user31337%40'],
    ['search, a domain every booking has (worst case)', '/api/bookings?limit=50&q=example.com'],
    ['insights (counts, 12 weeks, sources)', '/api/bookings/insights'],
    ['tab counts, no filter', '/api/bookings/counts'],
    ['tab counts of a search', '/api/bookings/counts?q=erson%204242'],
    ['look for news: the version', '/api/bookings/version'],
    ['who is signed in', '/api/me'],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const res = await fetch(`${worker.url}${path}`, { headers: admin });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      times.push(performance.now() - t);
    }
    server.push([name, ms(median(times))]);
  }
  // 20 open consoles, each looking for news every 20 s: one look a second. Before, a look read the first page and
  // the insights; now it reads the version, and the rest only when something changed.
  const at = (name: string) => Number(server.find((r) => r[0] === name)?.[1]);
  const before = at('list, first page of 50') + at('insights (counts, 12 weeks, sources)');
  const quiet = at('look for news: the version');
  const changed = quiet + at('list, first page of 50') + at('tab counts, no filter') + at('insights (counts, 12 weeks, sources)');
  const polling = [
    ['before: first page + insights every look', ms(before), `${((before / 1000) * 100).toFixed(1)} %`],
    ['now, nothing changed: the version', ms(quiet), `${((quiet / 1000) * 100).toFixed(1)} %`],
    ['now, something changed: version + page + counts + insights', ms(changed), `${((changed / 1000) * 100).toFixed(1)} %`],
  ];
  const browser = await launchChromium();
  const firstRow: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${worker.url}/admin`);
    firstRow.push((await page.evaluate(FIRST_ROW)) as number);
    await context.close();
  }
  await browser.close();
  await worker.stop();
  return [
    table(
      ['bundle', 'minified', 'gzip -9'],
      [
        [
          '`console/console.js` (the whole console, Lit included)',
          `${(bundle.length / 1000).toFixed(1)} kB`,
          `${(gzip / 1000).toFixed(1)} kB`,
        ],
      ],
    ),
    '',
    `With ${size.toLocaleString('en')} bookings, median of ${runs} (wrangler dev, local D1):`,
    '',
    table(['request', 'median (ms)'], server),
    '',
    table(['in Chromium', 'median (ms)'], [['navigation start → first inbox row on screen', ms(median(firstRow))]]),
    '',
    'Polling at 20 open consoles (one look for news a second in all), from the medians above: server time per look, and the share of one second of worker and D1 time they take together:',
    '',
    table(['a look for news', 'server time (ms)', 'of each second'], polling),
    '',
    `A quiet look costs about what the smallest admin request costs (“who is signed in”, ${ms(at('who is signed in'))} ms: Access, routing and one read).`,
    '',
    `The search's first page in SQLite itself (the same D1 file), through the trigram index against the scan it replaces (the three columns with \`LIKE '%…%'\`), alternating, median of ${runs}:`,
    '',
    table(['search text', 'index (ms)', 'scan (ms)', 'scan / index'], search),
    '',
    'A text found in a few rows is answered from the index far faster than by the scan. A text in every booking (the seed’s shared domain) is the index’s worst case: every match is read and sorted for the first page, where the scan stops after 50 rows.',
  ].join('\n');
}

/** The search's first page through booking_search against a LIKE scan of the same columns, side by side. */
function searchAgainstScan(db: DatabaseSync, runs: number): string[][] {
  const page = 'ORDER BY created_at DESC, id DESC LIMIT 50';
  const indexed = db.prepare(
    `SELECT id FROM demo_bookings WHERE rowid IN (SELECT rowid FROM booking_search WHERE booking_search MATCH ?) ${page}`,
  );
  const scan = db.prepare(
    `SELECT id FROM demo_bookings WHERE organization_name LIKE ?1 OR contact_name LIKE ?1 OR contact_email LIKE ?1 ${page}`,
  );
  return ['erson 4242', 'user31337@', 'rg 777', 'example.com'].map((text) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const hits = indexed.all(`"${text}"`).length;
      a.push(performance.now() - t);
      t = performance.now();
      if (scan.all(`%${text}%`).length !== hits) throw new Error(`the index and the scan disagree on ${text}`);
      b.push(performance.now() - t);
    }
    return [`\`${text}\``, ms(median(a)), ms(median(b)), `${(median(b) / median(a)).toPrecision(2)}x`];
  });
}

const START = '<!-- console:start -->';
const END = '<!-- console:end -->';

/** Writes the console section into bench/RESULTS.md, replacing the last one. */
export function writeConsoleSection(markdown: string) {
  const path = 'bench/RESULTS.md';
  const section = `${START}\n## 5. Sales console\n\n- Date: ${new Date().toISOString()}\n\n${markdown}\n${END}`;
  const current = readFileSync(path, 'utf8');
  const next = current.includes(START)
    ? current.replace(new RegExp(`${START}[\\s\\S]*${END}`), section)
    : current.replace(/\n## Against the goals/, `\n${section}\n\n## Against the goals`);
  writeFileSync(path, next.includes(START) ? next : `${current.trimEnd()}\n\n${section}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const markdown = await consoleBench(freshBuildAndState('console'), 100_000, 15);
  writeConsoleSection(markdown);
  console.log(markdown);
}
