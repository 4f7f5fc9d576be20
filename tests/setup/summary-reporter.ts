import type { Reporter, TestModule } from 'vitest/node';

/**
 * Closes the run with one plain line, `vitest: N passed, N failed[, N skipped]`, that reads the same
 * with or without colours and that tools scanning a CI log for a test count can parse.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) count[test.result().state] += 1;
    }
    const failedModules = testModules.filter((testModule) => testModule.state() === 'failed' && testModule.children.size === 0).length;
    const failed = count.failed + failedModules;
    const skipped = count.skipped + count.pending;
    process.stdout.write(`\nvitest: ${count.passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
}
