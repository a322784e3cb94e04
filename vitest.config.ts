import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The browser suites need the dashboard as Vite builds it (tests/support/build-dashboard.ts).
    globalSetup: ['tests/support/build-dashboard.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration suites open real ports and files; two cores run two files at a time.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
