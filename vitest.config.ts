import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files run side by side, each in its own process: real-tools tests name their network namespaces and
    // veths after the process id (test/real-tools/harness.ts uniqueName), so two files never share one.
    fileParallelism: true,
    pool: 'forks',
    // The ledger folder is made first, outside the per-run temp folder: the reporter reads it after teardown.
    globalSetup: ['./test/real-clients-setup.ts', './test/temp-root-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
