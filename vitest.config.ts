import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['rules/**/*.test.ts', 'tests/**/*.test.ts'],
    setupFiles: ['tests/setup/console-fail.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    // Test files share each worker's modules instead of importing ESLint, TypeScript, typescript-eslint
    // and the plugin anew for every file: the import phase took 115 s of a 430 s run on two busy cores,
    // and 21 s without isolation. Nothing in the suite keeps state across files (the plugin itself
    // keeps none); the console check is a setup file, which still runs for every file.
    isolate: false,
    // No test may fail for being slow: on a busy two-core machine a typed test or a command-line run
    // can take any time, and a hang is what CI's own time limit is for.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
