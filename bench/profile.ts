/**
 * Where a create's CPU goes: runs the product under `wrangler dev` (queue
 * consumers off, as in the side-by-side run), attaches to workerd's
 * inspector (the DevTools protocol), records a CPU profile while creates
 * are posted, and prints the heaviest functions by self time and by module.
 * `npm run bench:profile`; the full profile is written to
 * bench/.data/create.cpuprofile (open it in Chrome DevTools).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { migrate, startLocalWorker } from '../scripts/local-worker.js';
import { createRequests } from './bodies.js';
import { productBenchConfig } from './ratio.js';
import { SECRETS } from './secrets.js';
import { seedTeam, slotBookingRequests, slotsRequests } from './slots-http.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A DevTools protocol session over one WebSocket. */
async function devtools(wsUrl: string) {
  // The ws client: Node's own WebSocket is refused by workerd's inspector.
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  const scripts = new Map<string, string>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number;
      result?: unknown;
      method?: string;
      params?: { scriptId: string; url: string };
    };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
    if (message.method === 'Debugger.scriptParsed' && message.params) scripts.set(message.params.scriptId, message.params.url);
  });
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = ++next;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => pending.set(id, resolve as (r: unknown) => void));
    },
    scripts,
    close: () => ws.close(),
  };
}

interface ProfileNodeWithChildren extends ProfileNode {
  children?: number[];
}

/**
 * Time per function, heaviest first: `self` (in the function itself) and
 * `total` (with what it called). A function is named with its line in the
 * bundle and that line's start, so it can be found in bench/.data/*.bundle.js.
 */
export function summarize(profile: Profile, sources: Map<string, string[]>, top = 25) {
  const nodes = profile.nodes as ProfileNodeWithChildren[];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const sampled = [...self.values()].reduce((a, b) => a + b, 0);
  const name = (n: ProfileNode) => {
    const { functionName, scriptId, url, lineNumber } = n.callFrame;
    const line = sources.get(scriptId)?.[lineNumber]?.trim().slice(0, 60) ?? '';
    return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}  ${line}`;
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    selfBy.set(name(node), (selfBy.get(name(node)) ?? 0) + us);
    // Each function on the sample's stack once (recursion counted once).
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at);
      if (n) onStack.add(name(n));
    }
    for (const key of onStack) totalBy.set(key, (totalBy.get(key) ?? 0) + us);
  }
  // Self time by where the code comes from: the bundle marks each module with a `// path` line.
  const byModule = new Map<string, number>();
  const markers = new Map<string, [number, string][]>();
  for (const [scriptId, lines] of sources) {
    const found: [number, string][] = [];
    for (const [i, text] of lines.entries()) if (/^\/\/ [\w@.\-/]+\.(m?js|ts)$/.test(text)) found.push([i, text.slice(3)]);
    markers.set(scriptId, found);
  }
  const moduleOf = (n: ProfileNode): string => {
    const { scriptId, url, lineNumber, functionName } = n.callFrame;
    if (!url) return ['(idle)', '(program)', '(garbage collector)'].includes(functionName) ? functionName : 'runtime built-ins (native)';
    if (url.startsWith('cloudflare-internal:')) return url.replace(/:module$/, '');
    const found = markers.get(scriptId) ?? [];
    let module = url;
    for (const [line, path] of found) {
      if (line > lineNumber) break;
      module = path;
    }
    // Packages by name, the product by folder, wrangler's development wrappers as one.
    return (
      module.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ??
      (module.includes('.wrangler/') ? 'wrangler dev wrappers' : module.replace(/\/[^/]+$/, '/'))
    );
  };
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (node) byModule.set(moduleOf(node), (byModule.get(moduleOf(node)) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, ms: us / 1000, share: us / sampled }));
  return { sampledMs: sampled / 1000, self: rank(selfBy), total: rank(totalBy), modules: rank(byModule) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('bench/.data', { recursive: true });
  const seconds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
  const floor = process.argv.includes('--floor');
  // --slots: POST /api/slots of a seeded team of 50 reps over 14 days instead of creates; --book: slot bookings
  // with 50 reps free all day.
  const slots = process.argv.includes('--slots');
  const book = process.argv.includes('--book');
  const stateDir = mkdtempSync(join('bench/.data', 'profile-'));
  const config = floor ? 'bench/floor/wrangler.toml' : productBenchConfig({ readable: true });
  if (slots || book) {
    migrate(stateDir, config);
    seedTeam(stateDir, 50, { allDay: book });
  }
  const worker = await startLocalWorker(stateDir, floor ? {} : SECRETS, config);
  const path = slots ? '/api/slots' : '/api/bookings';
  const starts = book
    ? (
        (await (
          await fetch(`${worker.url}/api/slots`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ time_zone: 'UTC', days: 21 }),
          })
        ).json()) as {
          slots: { start: string }[];
        }
      ).slots.map((s) => s.start)
    : [];
  const requests = (run: string) => (slots ? slotsRequests(14) : book ? slotBookingRequests(starts, run) : createRequests(run));
  try {
    const inspector = worker.inspectorPort;
    const targets = (await (await fetch(`http://127.0.0.1:${inspector}/json`)).json()) as {
      webSocketDebuggerUrl: string;
      title?: string;
    }[];
    const target = targets.find((t) => t.webSocketDebuggerUrl);
    if (!target) throw new Error(`no inspector target on ${inspector}`);
    const session = await devtools(target.webSocketDebuggerUrl);
    await autocannon({ url: `${worker.url}${path}`, method: 'POST', connections: 20, duration: 2, requests: requests('warm') });
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    await session.send('Profiler.start');
    const load = await autocannon({
      url: `${worker.url}${path}`,
      method: 'POST',
      connections: 20,
      duration: seconds,
      requests: requests('profile'),
    });
    const { profile } = await session.send<{ profile: Profile }>('Profiler.stop');
    // The debugger only now, to read the sources, so the run itself is profiled as it runs without it.
    await session.send('Debugger.enable');
    const sources = new Map<string, string[]>();
    for (const [scriptId, url] of session.scripts) {
      if (!url.endsWith('.js')) continue;
      const { scriptSource } = await session.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId });
      sources.set(scriptId, scriptSource.split('\n'));
      if (url.endsWith('index.js')) writeFileSync(`bench/.data/${floor ? 'floor' : 'create'}.bundle.js`, scriptSource);
    }
    session.close();
    writeFileSync(`bench/.data/${floor ? 'floor' : 'create'}.cpuprofile`, JSON.stringify(profile));
    if (load.non2xx) throw new Error(`${load.non2xx} creates were refused: the profile would measure the refusal`);
    const summary = summarize(profile, sources);
    console.log(
      `${load.requests.total} creates in ${seconds} s; ${summary.sampledMs.toFixed(0)} ms sampled in the worker's isolate (${(summary.sampledMs / load.requests.total).toFixed(2)} ms per create, idle included)`,
    );
    console.log('\nself time by origin, ms per create:');
    for (const r of summary.modules)
      console.log(`${(r.ms / load.requests.total).toFixed(3).padStart(7)}  ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.fn}`);
    for (const [title, rows] of [
      ['self time', summary.self],
      ['total time (with callees)', summary.total],
    ] as const) {
      console.log(`\n${title}:`);
      for (const r of rows) console.log(`${(r.share * 100).toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(6)} ms  ${r.fn}`);
    }
  } finally {
    await worker.stop();
  }
}
