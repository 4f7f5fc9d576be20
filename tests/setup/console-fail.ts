import { inspect } from 'node:util';
import { afterEach, beforeEach, type MockInstance, vi } from 'vitest';

// A test that prints hides something (a swallowed error, a debug line left behind): every console
// write fails the test that made it, as typescript-eslint's console-fail-test does.
const METHODS = ['debug', 'dir', 'error', 'info', 'log', 'table', 'trace', 'warn'] as const;

let spies: [string, MockInstance][] = [];

beforeEach(() => {
  spies = METHODS.map((method) => [method, vi.spyOn(console, method).mockImplementation(() => undefined)]);
});

afterEach(() => {
  const writes = spies.flatMap(([method, spy]) =>
    spy.mock.calls.map((args: unknown[]) => `console.${method}(${args.map((arg) => inspect(arg)).join(', ')})`),
  );
  for (const [, spy] of spies) spy.mockRestore();
  spies = [];
  if (writes.length > 0) {
    throw new Error(`The test wrote to the console; tests may not print:\n  ${writes.join('\n  ')}`);
  }
});
