import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // real-tools tests create network namespaces with fixed names; one file at a time keeps them apart
    fileParallelism: true,
    pool: 'forks',
    // The ledger folder is made first, outside the per-run temp folder: the reporter reads it after teardown.
    globalSetup: ['./test/real-clients-setup.ts', './test/temp-root-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
