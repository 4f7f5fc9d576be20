import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConfigChoice, LintedFile } from './lint.js';
import type { SourceText } from './project.js';

/** The compiled worker; absent when the audit runs from its TypeScript sources (tests), which lint in-process. */
const WORKER_URL = new URL('./lint-worker.js', import.meta.url);
/**
 * Below this many files a worker costs more than it saves: each thread loads ESLint, the parser and
 * TypeScript, and warms up its own compiled code.
 */
const FILES_PER_WORKER = 300;
const MAX_WORKERS = 3;
/** Files a worker claims at a time: small enough to balance the load, large enough to keep messages few. */
export const BATCH = 16;

export interface WorkerSetup {
  readonly root: string;
  readonly config: ConfigChoice;
  readonly files: readonly SourceText[];
  /** One shared counter: the index of the next unclaimed file. */
  readonly next: SharedArrayBuffer;
}

export type WorkerReply = { readonly results: readonly LintedFile[] } | { readonly done: true };

export function workerCount(requested: number | 'auto', files: number): number {
  if (requested !== 'auto') return requested;
  if (files < FILES_PER_WORKER || !existsSync(fileURLToPath(WORKER_URL))) return 0;
  // This thread builds the TypeScript program meanwhile, so it keeps one core for itself.
  return Math.max(1, Math.min(os.availableParallelism() - 1, MAX_WORKERS, Math.floor(files / FILES_PER_WORKER)));
}

/**
 * Lints files in worker threads. Workers claim batches through a shared counter, so they keep
 * going while this thread is busy building the TypeScript program; results keep the input order.
 */
export function lintInWorkers(
  root: string,
  config: ConfigChoice,
  files: readonly SourceText[],
  count: number,
  progress: (done: number) => void,
  arrived: (results: readonly LintedFile[]) => void = () => undefined,
): Promise<LintedFile[]> {
  return new Promise((resolve, reject) => {
    // stateless-ok: one audit run's bookkeeping, filled by its own workers' messages
    const results = new Map<string, LintedFile>();
    const next = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const workers: Worker[] = [];
    // stateless-ok: counts this run's finished workers
    let finished = 0;
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(files.map((file) => results.get(file.path) ?? { file: file.path, messages: [], facts: undefined, ignored: true }));
    };
    for (let index = 0; index < count; index++) {
      const setup: WorkerSetup = { root, config, files, next };
      // A larger young generation: linting allocates many short-lived nodes, and the default
      // semi-space makes the scavenger run several times a file.
      const worker = new Worker(WORKER_URL, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('done' in reply) {
          finished += 1;
          if (finished === count) settle();
          return;
        }
        for (const result of reply.results) results.set(result.file, result);
        progress(results.size);
        arrived(reply.results);
      });
      worker.on('error', (error) => {
        settle(error);
      });
    }
    if (count === 0) settle();
  });
}
