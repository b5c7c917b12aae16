/**
 * Cold start: the deployed bundle's size (`wrangler deploy --dry-run`) and
 * the worker's startup CPU as `wrangler check startup` profiles it (the busy
 * samples of its CPU profile, locally: a different CPU than Cloudflare's).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { table } from './stats.js';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

export function startupBench(): string {
  const wrangler = join('node_modules', 'wrangler', 'bin', 'wrangler.js');
  const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' };
  const out = mkdtempSync(join('bench/.data', 'dist-'));
  execFileSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', out], { env, stdio: 'pipe' });
  const bundle = readFileSync(join(out, 'index.js'));
  rmSync(out, { recursive: true, force: true });
  const profilePath = join('bench/.data', 'worker-startup.cpuprofile');
  execFileSync(process.execPath, [wrangler, 'check', 'startup', '--outfile', profilePath], { env, stdio: 'pipe' });
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as Profile;
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const busyMs = profile.samples.reduce((sum, id, i) => sum + (idle.has(id) ? 0 : (profile.timeDeltas[i] ?? 0)), 0) / 1000;
  return table(
    ['what', 'measured'],
    [
      [
        'bundle (`wrangler deploy --dry-run`)',
        `${(bundle.length / 1e6).toFixed(2)} MB, ${(gzipSync(bundle, { level: 9 }).length / 1000).toFixed(0)} kB gzip`,
      ],
      ['startup CPU (`wrangler check startup`, busy samples)', `${busyMs.toFixed(1)} ms`],
    ],
  );
}
