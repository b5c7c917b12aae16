/**
 * Starts the product as `npm run dev` serves it (`wrangler dev`: API,
 * widget.js, example pages, local D1, queues and email) on a free port with
 * its own local state, for the browser tests and the benchmarks.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const wrangler = join(process.cwd(), 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' };

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Applies the migrations to the local D1 kept in `stateDir` (of the worker in `config`, wrangler.toml by default). */
export function migrate(stateDir: string, config?: string): void {
  const which = config ? ['--config', config] : [];
  execFileSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir, ...which], {
    env,
    stdio: 'pipe',
  });
}

export interface LocalWorker {
  url: string;
  /** workerd's DevTools protocol port (the CPU profile of bench/profile.ts). */
  inspectorPort: number;
  /** CPU seconds spent so far by wrangler and everything it started (workerd); NaN where /proc is missing. */
  cpuSeconds(): number;
  /** Everything wrangler printed so far (logs of the worker included). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs `wrangler dev` on a free port with its local state in `stateDir`
 * (migrated first) and `vars` overriding wrangler.toml and .dev.vars.
 * PUBLIC_BASE_URL and ALLOWED_ORIGINS default to the worker's own address,
 * ENVIRONMENT to development (as `npm run dev` has it). `config` runs
 * another wrangler configuration (the benchmark's).
 */
export async function startLocalWorker(stateDir: string, vars: Record<string, string>, config?: string): Promise<LocalWorker> {
  migrate(stateDir, config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const inspectorPort = await freePort();
  // The worker's own origin is always allowed; `vars.ALLOWED_ORIGINS` adds others (a host page elsewhere).
  const origins = [url, vars.ALLOWED_ORIGINS].filter(Boolean).join(',');
  const all = { PUBLIC_BASE_URL: url, ENVIRONMENT: 'development', ...vars, ALLOWED_ORIGINS: origins };
  const child = spawn(
    process.execPath,
    [
      wrangler,
      'dev',
      ...(config ? ['--config', config] : []),
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      stateDir,
      '--inspector-port',
      String(inspectorPort),
      ...Object.entries(all).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`wrangler dev exited with ${code}:\n${output}`)));
  });
  return {
    url,
    inspectorPort,
    cpuSeconds: () => (child.pid ? treeCpuSeconds(child.pid) : Number.NaN),
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** User + system CPU seconds of a process and its descendants, from /proc (Linux). */
function treeCpuSeconds(pid: number): number {
  try {
    // Fields after the command name: state is 3rd, utime 14th, stime 15th (man proc_pid_stat).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    const own = (Number(fields[11]) + Number(fields[12])) / 100;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return own + children.reduce((sum, child) => sum + treeCpuSeconds(child), 0);
  } catch {
    return Number.NaN;
  }
}

/** The D1 database file inside a wrangler state directory. */
export function d1File(stateDir: string): string {
  const dir = join(stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database in ${dir}`);
  return join(dir, file);
}
