/**
 * The widget: gzipped size beside Cal.com's embed loader, and in headless
 * Chromium the time from the script's request to an interactive form and the
 * layout shift it causes on the example page (plain, and with the CPU slowed
 * 4x as on a mid-range phone).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../scripts/chromium.js';
import { startLocalWorker } from '../scripts/local-worker.js';
import { SECRETS } from './secrets.js';
import { median, ms, table } from './stats.js';

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The modules widget.js loads only when a page needs them: each language's dictionary, the options, Turnstile. */
function chunkRows(): string[][] {
  return readdirSync('public/widget-chunks')
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => [
      `\`widget-chunks/${f.replace(/-[A-Z0-9]+\.js$/, '')}\` (on demand)`,
      `${(gz(`public/widget-chunks/${f}`) / 1000).toFixed(1)} kB`,
    ]);
}

/** What widget.js imports statically (a chunk shared with an on-demand module): an English page loads these too. */
function staticImports(): string[] {
  const code = readFileSync('public/widget.js', 'utf8');
  return [...code.matchAll(/import\s*(?:[^()'"]*?from\s*)?["'](\.\/widget-chunks\/[^"']+)["']/g)].map((m) => `public/${m[1].slice(2)}`);
}

export function sizeBench(): { markdown: string; widgetBytes: number } {
  const calcom = createRequire(import.meta.url).resolve('@calcom/embed-core');
  const calVersion = JSON.parse(readFileSync(calcom.replace(/dist\/.*$/, 'package.json'), 'utf8')).version as string;
  const imported = staticImports();
  const widgetBytes = gz('public/widget.js') + imported.reduce((sum, f) => sum + gz(f), 0);
  const calBytes = gz(calcom);
  const kb = (b: number) => `${(b / 1000).toFixed(1)} kB (${b.toLocaleString('en')} B)`;
  return {
    widgetBytes,
    markdown: table(
      ['bundle', 'gzip -9'],
      [
        [
          imported.length
            ? `\`widget.js\` and the ${imported.length} chunk(s) it imports before it runs`
            : '`widget.js` (the whole widget, Lit included; it imports nothing before it runs)',
          kb(widgetBytes),
        ],
        [`Cal.com embed loader (\`@calcom/embed-core\` ${calVersion}, \`dist/embed/embed.js\`)`, kb(calBytes)],
        ['goal for what an English page loads', '12.0 kB'],
        ...chunkRows(),
      ],
    ),
  };
}

// Runs in the page. A string, not a function: tsx would add helpers to a
// function's text that do not exist in the page.
const MEASURE = `(async () => {
  const ready = await new Promise((resolve) => {
    const poll = () => {
      const mark = performance.getEntriesByName('demo-booking-ready')[0];
      if (mark) resolve(mark); else requestAnimationFrame(poll);
    };
    poll();
  });
  const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widget.js'));
  // Layout shifts are only reported to observers; buffered ones include those before this call.
  const cls = await new Promise((resolve) => {
    let sum = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => resolve(sum), 1000);
  });
  return { fromScript: ready.startTime - script.startTime, fromNavigation: ready.startTime, cls };
})()`;

export async function loadBench(stateDir: string, runs: number): Promise<string> {
  const worker = await startLocalWorker(stateDir, SECRETS);
  const browser = await launchChromium();
  const rows: string[][] = [];
  for (const throttle of [1, 4]) {
    const fromScript: number[] = [];
    const fromNavigation: number[] = [];
    const shifts: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      await page.goto(`${worker.url}/`);
      const m = (await page.evaluate(MEASURE)) as { fromScript: number; fromNavigation: number; cls: number };
      fromScript.push(m.fromScript);
      fromNavigation.push(m.fromNavigation);
      shifts.push(m.cls);
      await context.close();
    }
    rows.push([
      throttle === 1 ? 'no throttling' : '4x CPU slowdown',
      ms(median(fromScript)),
      ms(median(fromNavigation)),
      Math.max(...shifts).toFixed(4),
    ]);
  }
  await browser.close();
  await worker.stop();
  return [
    `Example page at 1280x900, ${runs} loads each, served locally (so network time is near zero). Interactive = the widget's \`demo-booking-ready\` performance mark (first render done, inputs usable).`,
    '',
    table(
      ['CPU', 'widget.js request → interactive, median ms', 'navigation → interactive, median ms', 'cumulative layout shift, worst run'],
      rows,
    ),
  ].join('\n');
}
