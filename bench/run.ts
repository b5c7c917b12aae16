/**
 * `npm run bench` (or `npm run bench -- --quick`): API throughput, data at
 * scale, the notification pipeline and the widget, written to
 * bench/RESULTS.md with the date, the machine and the command.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startLocalWorker } from '../scripts/local-worker.js';
import { apiBench } from './api.js';
import { consoleBench } from './console.js';
import { pipelineBench } from './pipeline.js';
import { ratioBench } from './ratio.js';
import { scaleBench } from './scale.js';
import { SECRETS } from './secrets.js';
import { startupBench } from './startup.js';
import { loadBench, sizeBench } from './widget.js';

const quick = process.argv.includes('--quick');

/** The ablation table is measured by hand, one piece at a time (see it for how): a run keeps it as it was. */
function keptAblation(): string {
  const previous = existsSync('bench/RESULTS.md') ? readFileSync('bench/RESULTS.md', 'utf8') : '';
  const match = /<!-- ablation:start -->[\s\S]*<!-- ablation:end -->/.exec(previous);
  return match ? `${match[0]}\n` : '';
}
const plan = quick
  ? { api: { seconds: 5, connections: 10 }, sizes: [1_000, 10_000], runs: 10, pipeline: 200, loads: 3 }
  : { api: { seconds: 20, connections: 20 }, sizes: [10_000, 100_000, 1_000_000], runs: 30, pipeline: 1000, loads: 10 };

mkdirSync('bench/.data', { recursive: true });
const fresh = () => mkdtempSync(join('bench/.data', 'state-'));
const section = (title: string, body: string) => `## ${title}\n\n${body}\n`;

execFileSync(process.execPath, ['scripts/build-widget.mjs'], { stdio: 'inherit' });

console.log('0/5 create against the floor');
const ratio = await ratioBench(
  [fresh(), fresh()],
  quick ? { rounds: 2, seconds: 5, connections: 20 } : { rounds: 6, seconds: 10, connections: 20 },
);

console.log('1/5 API throughput');
const apiState = fresh();
const apiWorker = await startLocalWorker(apiState, SECRETS);
const api = await apiBench(apiWorker.url, plan.api);
await apiWorker.stop();

console.log('2/5 data at scale');
const scale = await scaleBench(fresh(), plan.sizes, plan.runs);

console.log('3/5 notification pipeline');
const pipeline = await pipelineBench(fresh(), plan.pipeline);

console.log('4/5 widget');
const size = sizeBench();
const load = await loadBench(fresh(), plan.loads);

console.log('5/5 sales console');
const salesConsole = await consoleBench(fresh(), quick ? 10_000 : 100_000, plan.loads);
const startup = startupBench();

// Flatness: a query is flat when its time at the largest size is within 3x of
// the smallest (and under 5 ms, where noise dominates, it is flat by definition).
const first = plan.sizes[0]!;
const last = plan.sizes[plan.sizes.length - 1]!;
const growing = [...scale.medians]
  .filter(([name]) => !name.startsWith('SQL p95'))
  .filter(([, bySize]) => bySize.get(last)! > 5 && bySize.get(last)! > 3 * bySize.get(first)!)
  .map(([name, bySize]) => `${name}: ${bySize.get(first)!.toFixed(2)} ms → ${bySize.get(last)!.toFixed(2)} ms`);

const shortfalls = [
  ...(size.widgetBytes > 12_000 ? [`widget.js is ${(size.widgetBytes / 1000).toFixed(1)} kB gzip, over the 12 kB goal.`] : []),
  ...growing.map((g) => `Not flat from ${first.toLocaleString('en')} to ${last.toLocaleString('en')} rows: ${g}.`),
  ...(pipeline.ok ? [] : ['The notification pipeline lost, doubled or refused something (see above).']),
  ...(ratio.throughput < 0.9 ? [`Create throughput is ${(ratio.throughput * 100).toFixed(0)} % of the floor's, under the 90 % goal.`] : []),
  ...(ratio.tail > 1.2 ? [`Create p99 is ${ratio.tail.toFixed(2)}x the floor's, over the 1.2x goal.`] : []),
];

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.version}`;
const report = [
  `# Benchmark results\n`,
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${machine}`,
  `- Command: \`npm run bench${quick ? ' -- --quick' : ''}\`${quick ? ' (quick mode: smaller sizes and shorter runs)' : ''}`,
  '',
  `<!-- ratio:start -->\n${section('0. Create against the floor', ratio.markdown)}<!-- ratio:end -->\n`,
  keptAblation(),
  section('1. API throughput and latency', api),
  section('2. Data at scale', scale.markdown),
  section('3. Notification pipeline', pipeline.markdown),
  section('4. Widget', `${size.markdown}\n\n${load}`),
  section('4b. Cold start', startup),
  `<!-- console:start -->\n${section('5. Sales console', salesConsole)}<!-- console:end -->\n`,
  section(
    'Against the goals',
    shortfalls.length
      ? shortfalls.map((s) => `- ${s}`).join('\n')
      : '- Every goal is met: widget at most 12 kB gzip, query times flat to the largest size, nothing lost or doubled.',
  ),
].join('\n');

writeFileSync(quick ? 'bench/RESULTS-quick.md' : 'bench/RESULTS.md', report);
rmSync('bench/.data', { recursive: true, force: true });
console.log(report);
