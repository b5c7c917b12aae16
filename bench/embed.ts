/**
 * The widget on slow networks: time to a usable form and the layout shift it
 * causes, in headless Chromium under Chrome's "Slow 3G" and "Fast 3G" with
 * the CPU slowed 4x, on three pages served from the worker's origin:
 * English; German with the consent box (three modules: widget.js, the German
 * words, the consent module); and a heavy host page (a long article, its own
 * scripts busy on load). Usable = every field of the form on screen, the
 * consent box included where the page asks for one. `npm run bench:embed --
 * <label>` adds a labelled run to bench/RESULTS.md's section 8, so a change
 * is measured before and after.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium } from '../scripts/chromium.js';
import { startLocalWorker } from '../scripts/local-worker.js';
import { freshBuildAndState } from './alone.js';
import { SECRETS } from './secrets.js';
import { median, ms, table } from './stats.js';

const ARTICLE = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i} of the host's long article about mentoring programmes.</p>`).join(
  '',
);
/** A host page's own script, busy for 300 ms on load as analytics and sliders are. */
const BUSY = `<script>const until = performance.now() + 300; while (performance.now() < until) {}</script>`;
const FOOTER = '<footer><p>Below the form: the footer a shift would move.</p></footer>';

const PAGES = [
  { name: 'English', html: 'lang="en"', body: `<h1>Book a demo</h1><demo-booking mode="request"></demo-booking>${FOOTER}`, consent: false },
  {
    name: 'German, consent box',
    html: 'lang="de"',
    body: `<h1>Demo buchen</h1><demo-booking mode="request" consent-label="Ich bin einverstanden, kontaktiert zu werden." privacy-url="https://www.example.com/datenschutz"></demo-booking>${FOOTER}`,
    consent: true,
  },
  {
    name: 'heavy host page',
    html: 'lang="en"',
    body: `${BUSY}<h1>Book a demo</h1>${ARTICLE}<demo-booking mode="request"></demo-booking>${FOOTER}${BUSY}`,
    consent: false,
  },
];

// Chrome DevTools' presets: Slow 3G 2 s round trip, 400 kbit/s down; Fast 3G 562.5 ms, 1.44 Mbit/s down.
const NETWORKS = [
  { name: 'Slow 3G, 4x CPU', latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 },
  { name: 'Fast 3G, 4x CPU', latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 },
];

// Runs in the page: the time every field is on screen (and the consent box when asked), then the shifts 1 s on.
const MEASURE = (consent: boolean) => `(async () => {
  let shift = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) shift += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const usable = await new Promise((resolve) => {
    const poll = () => {
      const root = document.querySelector('demo-booking')?.shadowRoot;
      const ready = root && root.querySelector('[name="message"]') && (${consent} ? root.querySelector('input[type="checkbox"]') : true);
      if (ready) resolve(performance.now()); else requestAnimationFrame(poll);
    };
    poll();
  });
  await new Promise((r) => setTimeout(r, 1000));
  return { usable, shift };
})()`;

async function load(page: Page, url: string, consent: boolean) {
  await page.goto(url, { waitUntil: 'commit' });
  return (await page.evaluate(MEASURE(consent))) as { usable: number; shift: number };
}

export async function embedBench(stateDir: string, runs: number): Promise<string> {
  const worker = await startLocalWorker(stateDir, SECRETS);
  const browser = await launchChromium();
  const rows: string[][] = [];
  try {
    for (const network of NETWORKS)
      for (const p of PAGES) {
        const usable: number[] = [];
        const shifts: number[] = [];
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext({
            viewport: { width: 1280, height: 900 },
            locale: p.html.includes('de') ? 'de-DE' : 'en-GB',
          });
          const url = `${worker.url}/bench-embed-${i}`;
          await context.route(url, (route) =>
            route.fulfill({
              contentType: 'text/html',
              body: `<!doctype html><html ${p.html}><body>${p.body}<script type="module" src="/widget.js"></script></body></html>`,
            }),
          );
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
          await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
          const m = await load(page, url, p.consent);
          usable.push(m.usable);
          shifts.push(m.shift);
          await context.close();
        }
        rows.push([network.name, p.name, ms(median(usable)), ms(Math.max(...usable)), Math.max(...shifts).toFixed(3)]);
      }
  } finally {
    await browser.close();
    await worker.stop();
  }
  return table(['network and CPU', 'page', 'navigation → usable form, median ms', 'worst ms', 'layout shift, worst run'], rows);
}

const START = '<!-- embed:start -->';
const END = '<!-- embed:end -->';

/** Adds a labelled run to section 8 of bench/RESULTS.md (the runs before it are kept, so before and after sit together). */
export function writeEmbedSection(label: string, markdown: string) {
  const path = 'bench/RESULTS.md';
  const current = readFileSync(path, 'utf8');
  const run = `### ${label} (${new Date().toISOString()})\n\n${markdown}\n`;
  const intro = `## 8. The widget on slow networks\n\n\`npm run bench:embed -- <label>\`: time to a usable form and layout shift under Chrome's network presets with the CPU slowed 4x, three pages (bench/embed.ts).\n`;
  const next = current.includes(START)
    ? current.replace(END, `${run}\n${END}`)
    : `${current.trimEnd()}\n\n${START}\n${intro}\n${run}\n${END}\n`;
  writeFileSync(path, next);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const markdown = await embedBench(freshBuildAndState('embed'), 3);
  writeEmbedSection(process.argv[2] ?? 'run', markdown);
  console.log(markdown);
}
