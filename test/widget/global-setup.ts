/**
 * Starts the product as `npm run dev` would, but on a free port with a fresh
 * local D1 and test secrets: `wrangler dev` serving the API, widget.js and the
 * example pages. The tests get its address and admin token through inject().
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
  }
}

const wrangler = join(process.cwd(), 'node_modules', 'wrangler', 'bin', 'wrangler.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const state = mkdtempSync(join(tmpdir(), 'demo-booking-widget-'));
  const adminToken = `widget-tests-${crypto.randomUUID()}`;
  const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' };
  execFileSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { env, stdio: 'pipe' });
  const vars = {
    ADMIN_TOKEN: adminToken,
    WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ALLOWED_ORIGINS: base,
    PUBLIC_BASE_URL: base,
  };
  const child = spawn(
    process.execPath,
    [wrangler, 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state, '--inspector-port', String(await freePort()),
      ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
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
  project.provide('baseUrl', base);
  project.provide('adminToken', adminToken);
  return () => {
    child.kill('SIGTERM');
    rmSync(state, { recursive: true, force: true });
  };
}
