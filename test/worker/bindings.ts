/** What every workerd test configuration gives the worker: test-only secrets and settings, and the queue consumers' options. */
import { readD1Migrations } from '@cloudflare/vitest-plugin';

/** The bindings of the worker under test: a migrated D1's migrations, made-up secrets, development settings. */
export const testBindings = async () => ({
  TEST_MIGRATIONS: await readD1Migrations('migrations'),
  ADMIN_TOKEN: 'test-admin-token-not-a-secret',
  WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  ALLOWED_ORIGINS: 'https://www.example.com',
  ENVIRONMENT: 'development',
  PUBLIC_BASE_URL: 'http://localhost:8787',
  SALES_WEBHOOK_URL: 'http://receiver.test/ok/default',
});

// The consumer's options in full (miniflare replaces a consumer's entry as a
// whole); a short batch timeout so end-to-end tests do not wait a second a hop.
const consumer = {
  maxBatchSize: 10,
  maxBatchTimeout: 0.05,
  maxRetries: 5,
  retryDelay: 60,
  deadLetterQueue: 'demo-booking-notifications-dlq',
};

/** Both notification queues, consumed by the worker under test. */
export const queueConsumers = { 'demo-booking-emails': consumer, 'demo-booking-webhooks': consumer };
