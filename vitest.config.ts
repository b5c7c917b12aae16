import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { receiver } from './test/worker/receiver.js';

// The consumer's options in full (miniflare replaces a consumer's entry as a
// whole); a short batch timeout so end-to-end tests do not wait 5 s a hop.
const consumer = (dlq: string) => ({ maxBatchSize: 10, maxBatchTimeout: 0.05, maxRetries: 5, retryDelay: 60, deadLetterQueue: dlq });

// Worker tests run inside workerd with the bindings of wrangler.toml, a fresh
// local D1 (migrated by test/worker/setup.ts), test-only secrets, and every
// outbound request answered by the in-process receiver.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('migrations'),
          ADMIN_TOKEN: 'test-admin-token-not-a-secret',
          WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
          ALLOWED_ORIGINS: 'https://www.example.com',
          ENVIRONMENT: 'development',
          PUBLIC_BASE_URL: 'http://localhost:8787',
          SALES_WEBHOOK_URL: 'http://receiver.test/ok/default',
        },
        outboundService: receiver,
        queueConsumers: {
          'demo-booking-emails': consumer('demo-booking-notifications-dlq'),
          'demo-booking-webhooks': consumer('demo-booking-notifications-dlq'),
        },
      },
    }),
  ],
  test: {
    include: ['test/worker/**/*.test.ts'],
    setupFiles: ['test/worker/setup.ts'],
    // Logs of passing tests are expected noise (retries, dead letters); failing tests keep theirs.
    silent: 'passed-only',
  },
}));
