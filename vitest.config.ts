import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['rules/**/*.test.ts', 'tests/**/*.test.ts'],
    setupFiles: ['tests/setup/console-fail.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    // The first typed rule test starts a TypeScript project service, which takes seconds on a cold machine.
    testTimeout: 30_000,
  },
});
