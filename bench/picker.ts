/**
 * The slot picker: the gzipped size of what the widget loads for it on
 * demand (goal: 8 kB), and in headless Chromium the time from the visitor's
 * "continue" on the details step to the first free times on screen (the
 * picker module, its words and POST /api/slots), with the layout shift of
 * that step, on the example page with one rep free every day. Plain, with
 * the CPU slowed 4x, and on a fast 3G network. `npm run bench:picker`
 * rewrites its section of bench/RESULTS.md.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../scripts/chromium.js';
import { startLocalWorker } from '../scripts/local-worker.js';
import { ADMIN_HEADERS, SECRETS } from './secrets.js';
import { median, ms, table } from './stats.js';

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The picker's on-demand files: its module and the chunks only it imports. */
function pickerFiles(): { name: string; bytes: number }[] {
  const dir = 'public/widget-chunks';
  const picker = readdirSync(dir).find((f) => /^slot-picker-.*\.js$/.test(f));
  if (!picker) throw new Error('no slot-picker chunk: run npm run build');
  const widget = readFileSync('public/widget.js', 'utf8');
  const imports = [...readFileSync(join(dir, picker), 'utf8').matchAll(/from"\.\/([\w-]+\.js)"|import\("\.\/([\w-]+\.js)"\)/g)]
    .map((m) => m[1] ?? m[2])
    .filter((f): f is string => !!f && !widget.includes(f));
  return [picker, ...new Set(imports)].map((f) => ({ name: f.replace(/-[A-Z0-9]+\.js$/, ''), bytes: gz(join(dir, f)) }));
}

// Runs in the page: from the submit click to the first time button, and the layout shift meanwhile.
const TO_SLOTS = `(async () => {
  const root = () => document.querySelector('demo-booking')?.shadowRoot;
  let shift = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) shift += e.value; })
    .observe({ type: 'layout-shift', buffered: false });
  const start = performance.now();
  root().querySelector('button[type="submit"]').click();
  await new Promise((resolve) => {
    const poll = () => (root()?.querySelector('[part="picker"] .times button') ? resolve() : requestAnimationFrame(poll));
    poll();
  });
  const shown = performance.now() - start;
  await new Promise((r) => setTimeout(r, 500));
  return { shown, shift };
})()`;

export async function pickerBench(runs: number): Promise<string> {
  const files = pickerFiles();
  const total = files.reduce((a, f) => a + f.bytes, 0);
  mkdirSync('bench/.data', { recursive: true });
  const worker = await startLocalWorker(mkdtempSync(join('bench/.data', 'picker-')), SECRETS);
  const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
  const rep = await fetch(`${worker.url}/api/team`, {
    method: 'POST',
    headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench Rep', email: 'bench.rep@bench.example', time_zone: 'UTC', working_hours: everyDay }),
  });
  if (rep.status !== 201) throw new Error(`POST /api/team answered ${rep.status}`);
  const browser = await launchChromium();
  const rows: string[][] = [];
  const conditions = [
    { name: 'no throttling', cpu: 1, network: null },
    { name: '4x CPU slowdown', cpu: 4, network: null },
    // Chrome DevTools' "Fast 3G": 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up.
    { name: 'fast 3G and 4x CPU', cpu: 4, network: { latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 } },
  ];
  try {
    for (const c of conditions) {
      const shown: number[] = [];
      const shifts: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
        await context.route('**/api/**', (route) =>
          route.continue({ headers: { ...route.request().headers(), 'cf-connecting-ip': `10.9.${c.cpu}.${i + 1}` } }),
        );
        const page = await context.newPage();
        await page.goto(`${worker.url}/`);
        const field = (name: string) => page.locator(`demo-booking [name="${name}"]`);
        await field('contact_name').waitFor();
        await field('organization_name').fill('Bench Org');
        await field('contact_name').fill('Bench Person');
        await field('contact_email').fill(`bench${c.cpu}${i}@bench-company.example`);
        // A person takes a moment to fill a form (the spam check's minimum).
        await page.waitForTimeout(1600);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: c.cpu });
        if (c.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...c.network });
        const m = (await page.evaluate(TO_SLOTS)) as { shown: number; shift: number };
        shown.push(m.shown);
        shifts.push(m.shift);
        await context.close();
      }
      rows.push([c.name, ms(median(shown)), ms(Math.max(...shown)), Math.max(...shifts).toFixed(4)]);
    }
  } finally {
    await browser.close();
    await worker.stop();
  }
  return [
    table(
      ['on demand for the picker', 'gzip -9'],
      [
        ...files.map((f) => [`\`widget-chunks/${f.name}\``, `${(f.bytes / 1000).toFixed(1)} kB`]),
        ['**total** (goal: 8 kB or less)', `**${(total / 1000).toFixed(1)} kB**`],
      ],
    ),
    '',
    `From "continue" on the details step to the first free times on screen (the picker module and its words loaded on demand, POST /api/slots answered), example page at 1280x900, one rep free every day, ${runs} runs each, served locally; the network row emulates Chrome's Fast 3G.`,
    '',
    table(['conditions', 'median ms', 'worst ms', 'layout shift of the step, worst run'], rows),
  ].join('\n');
}

const START = '<!-- picker:start -->';
const END = '<!-- picker:end -->';

if (import.meta.url === `file://${process.argv[1]}`) {
  const markdown = await pickerBench(process.argv.includes('--quick') ? 3 : 10);
  const section = `${START}\n## 4c. The slot picker\n\n- Date: ${new Date().toISOString()}\n\n${markdown}\n${END}`;
  const path = 'bench/RESULTS.md';
  const current = readFileSync(path, 'utf8');
  writeFileSync(
    path,
    current.includes(START)
      ? current.replace(new RegExp(`${START}[\\s\\S]*${END}`), section)
      : current.replace(/\n## 5\. /, `\n${section}\n\n## 5. `),
  );
  console.log(markdown);
}
