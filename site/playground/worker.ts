import { Linter } from 'eslint/universal';
import { playgroundConfig, playgroundPath } from './lint.js';
import type { LintRequest, LintResponse } from './protocol.js';

// The parser and the rules run here, off the page's thread: TypeScript's parser is a few megabytes of
// code, and a keystroke must not wait for it.
const linter = new Linter({ cwd: '/' });

// The worker's global scope, typed here rather than through the `webworker` lib, which cannot share a
// program with the `dom` lib of the rest of the site.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LintRequest>) => void) | null;
  postMessage(message: LintResponse): void;
};

scope.onmessage = (event) => {
  const { id, code, file, config } = event.data;
  const start = performance.now();
  let response: LintResponse;
  try {
    const messages = linter.verify(code, playgroundConfig(config, file), playgroundPath(file));
    response = { id, messages, ms: performance.now() - start };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error), ms: performance.now() - start };
  }
  scope.postMessage(response);
};

scope.postMessage({ ready: true });
