import { defineConfig } from 'vitest/config';

// Tests against the real worker (`wrangler dev`, started once by the global
// setup with a fresh local D1): the widget in real Chromium (playwright-core +
// @sparticuz/chromium), the sales console likewise, and the end-to-end checks
// of test/e2e/.
export default defineConfig({
  test: {
    include: ['test/widget/**/*.test.ts', 'test/console/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    globalSetup: ['test/widget/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
