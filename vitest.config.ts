import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { queueConsumers, testBindings } from './test/worker/bindings.js';
import { receiver } from './test/worker/receiver.js';

// Worker tests run inside workerd with the bindings of wrangler.toml, a fresh
// local D1 (migrated by test/worker/setup.ts), test-only secrets, and every
// outbound request answered by the in-process receiver.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: await testBindings(),
        outboundService: receiver,
        queueConsumers,
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
