/**
 * Starts the product once for the browser tests (scripts/local-worker.ts:
 * `wrangler dev` on a free port with a fresh local D1 and test secrets); the
 * tests get its address and admin token through inject(). Its sales webhook
 * goes to a receiver on loopback that the tests can read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { TestProject } from 'vitest/node';
import { startLocalWorker } from '../../scripts/local-worker.js';
import { startReceiver } from '../e2e/receiver.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
    /** The loopback receiver SALES_WEBHOOK_URL points at. */
    receiverUrl: string;
    webhookSecret: string;
    /** The worker's wrangler state: its local D1 file is where a test arranges what the API cannot (a booking made last month). */
    stateDir: string;
    /** Cloudflare Access as the tests play it: the team domain, the AUD tag and the private signing key. */
    access: { teamDomain: string; aud: string; privateJwk: JWK; kid: string };
  }
}

export default async function setup(project: TestProject) {
  const state = mkdtempSync(join(tmpdir(), 'demo-booking-widget-'));
  const adminToken = `widget-tests-${crypto.randomUUID()}`;
  const webhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-key-1';
  const receiver = await startReceiver({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const aud = `test-aud-${crypto.randomUUID()}`;
  const worker = await startLocalWorker(state, {
    ADMIN_TOKEN: adminToken,
    WEBHOOK_SECRET: webhookSecret,
    SALES_WEBHOOK_URL: `${receiver.url}/hook`,
    ACCESS_TEAM_DOMAIN: receiver.url,
    ACCESS_AUD: aud,
    // The receiver also serves a marketer's site on its own origin.
    ALLOWED_ORIGINS: receiver.url,
  });
  receiver.setWorkerUrl(worker.url);
  project.provide('access', { teamDomain: receiver.url, aud, privateJwk: await exportJWK(privateKey), kid });
  project.provide('baseUrl', worker.url);
  project.provide('adminToken', adminToken);
  project.provide('receiverUrl', receiver.url);
  project.provide('webhookSecret', webhookSecret);
  project.provide('stateDir', state);
  return async () => {
    await worker.stop();
    await receiver.close();
    rmSync(state, { recursive: true, force: true });
  };
}
