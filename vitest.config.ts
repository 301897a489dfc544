import { defineConfig } from 'vitest/config';

// Projects: unit tests beside their files; the API suite twice (SQLite, then
// PostgreSQL on a fresh database); browser tests against the built server.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/architecture/**/*.test.ts'] } },
      { extends: true, test: { name: 'api-sqlite', include: ['test/api/**/*.test.ts'], env: { PARLEY_TEST_DB: 'sqlite' } } },
      { extends: true, test: { name: 'api-postgres', include: ['test/api/**/*.test.ts'], env: { PARLEY_TEST_DB: 'postgres' } } },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], fileParallelism: false, testTimeout: 60_000 },
      },
    ],
  },
});
