/**
 * Starts the product once for the browser tests (scripts/local-worker.ts:
 * `wrangler dev` on a free port with a fresh local D1 and test secrets); the
 * tests get its address and admin token through inject().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalWorker } from '../../scripts/local-worker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
  }
}

export default async function setup(project: TestProject) {
  const state = mkdtempSync(join(tmpdir(), 'demo-booking-widget-'));
  const adminToken = `widget-tests-${crypto.randomUUID()}`;
  const worker = await startLocalWorker(state, { ADMIN_TOKEN: adminToken, WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
  project.provide('baseUrl', worker.url);
  project.provide('adminToken', adminToken);
  return async () => {
    await worker.stop();
    rmSync(state, { recursive: true, force: true });
  };
}
