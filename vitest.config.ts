import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['tests/setup/console-fail.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    // Test files share each worker's modules instead of importing ESLint, TypeScript, typescript-eslint
    // and the plugin anew for every file: the import phase took 115 s of a 430 s run on two busy cores,
    // and 21 s without isolation. Nothing in the suite keeps state across files (the plugin itself
    // keeps none); the console check is a setup file, which still runs for every file.
    isolate: false,
    // vitest's default leaves one core for its main thread, which mostly waits: on two cores that ran
    // every test file in one worker (208 s of a 328 s `npm test`; 150 s with both cores).
    maxWorkers: availableParallelism(),
    // No test may fail for being slow: on a busy two-core machine a typed test or a command-line run
    // can take any time, and a hang is what CI's own time limit is for.
    testTimeout: 0,
    hookTimeout: 0,
    // The scaling tests compare the CPU time of two sizes of the same work. Run beside other test
    // files, two busy cores and a shared heap stretched one ratio to 18 where an idle run measures 7 to
    // 12; they run after the rest of the suite, alone.
    projects: [
      { extends: true, test: { name: 'suite', include: ['rules/**/*.test.ts', 'tests/**/*.test.ts'], exclude: ['tests/scaling.test.ts'] } },
      { extends: true, test: { name: 'timing', include: ['tests/scaling.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
