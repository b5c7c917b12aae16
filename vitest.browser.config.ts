import { defineConfig } from 'vitest/config';

// Widget tests: real Chromium (playwright-core + @sparticuz/chromium) against
// the real worker, started once by the global setup with a fresh local D1.
export default defineConfig({
  test: {
    include: ['test/widget/**/*.test.ts'],
    globalSetup: ['test/widget/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
