import type { Linter } from 'eslint';
import type { LintRequest, LintResponse } from './protocol.js';
import type { PlaygroundState } from './state.js';

export type LintResult = { messages: Linter.LintMessage[]; ms: number } | { error: string; ms: number };

/**
 * Talks to the lint worker. Only the answer to the latest request is delivered: a reply to code the
 * reader has typed over since is dropped.
 */
export class LintClient {
  private readonly worker: Worker;
  private latest = 0;
  private readonly ready: Promise<void>;
  private onResult: ((state: PlaygroundState, result: LintResult) => void) | undefined;
  private readonly pending = new Map<number, PlaygroundState>();

  constructor(url: string, onResult: (state: PlaygroundState, result: LintResult) => void) {
    this.worker = new Worker(url);
    this.onResult = onResult;
    this.ready = new Promise((resolve, reject) => {
      this.worker.addEventListener('error', (event) => {
        reject(new Error(event.message || 'The lint worker failed to load.'));
      });
      this.worker.addEventListener('message', (event: MessageEvent<LintResponse>) => {
        const data = event.data;
        if ('ready' in data) {
          resolve();
          return;
        }
        const state = this.pending.get(data.id);
        this.pending.delete(data.id);
        if (data.id !== this.latest || state === undefined) return;
        this.onResult?.(state, 'error' in data ? { error: data.error, ms: data.ms } : { messages: data.messages, ms: data.ms });
      });
    });
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  lint(state: PlaygroundState): void {
    const id = ++this.latest;
    this.pending.set(id, state);
    const request: LintRequest = { id, code: state.code, file: state.file, config: state.config };
    this.worker.postMessage(request);
  }

  dispose(): void {
    this.onResult = undefined;
    this.worker.terminate();
  }
}
