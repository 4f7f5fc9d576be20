import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConfigChoice, FileLinter, LintedFile } from './lint.js';
import type { SourceText } from './project.js';

/** The compiled worker; absent when the audit runs from its TypeScript sources (tests), which lint in-process. */
const WORKER_URL = new URL('./lint-worker.js', import.meta.url);
/**
 * Below this many files a worker costs more than it saves: each thread loads ESLint, the parser and
 * TypeScript, and warms up its own compiled code.
 */
const FILES_PER_WORKER = 300;
const MAX_WORKERS = 3;
/** Files a thread claims at a time: small enough to balance the load, large enough to keep messages few. */
export const BATCH = 16;

export interface WorkerSetup {
  readonly root: string;
  readonly config: ConfigChoice;
  readonly files: readonly SourceText[];
  /** One shared counter: the index of the next unclaimed file. */
  readonly next: SharedArrayBuffer;
}

export type WorkerReply = { readonly results: readonly LintedFile[] } | { readonly done: true };

/**
 * Worker threads for `auto`: one a free core beyond two. This thread keeps one core, and V8's own
 * threads (concurrent garbage collection and compilation) keep most of another busy, so on two
 * cores a worker only shares them and pays its start-up (loading ESLint and TypeScript, warming up
 * its compiled code) for nothing; measured, it made a 2,000-file audit slower. A machine whose cores
 * are already busy (load average) counts as having fewer.
 */
export function workerCount(requested: number | 'auto', files: number, load = os.loadavg()[0] ?? 0): number {
  if (requested !== 'auto') return requested;
  if (files < FILES_PER_WORKER || !existsSync(fileURLToPath(WORKER_URL))) return 0;
  const freeCores = os.availableParallelism() - Math.round(load);
  return Math.max(0, Math.min(freeCores - 2, MAX_WORKERS, Math.floor(files / FILES_PER_WORKER)));
}

/**
 * Lints files in worker threads, and in this thread once it has time: every thread claims batches
 * through a shared counter, so the workers keep going while this thread is busy building the
 * TypeScript program. Results keep the input order.
 */
export class LintPool {
  private readonly results = new Map<string, LintedFile>();
  private readonly next = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  private readonly counter = new Int32Array(this.next);
  private readonly workers: Worker[] = [];
  private readonly finished: Promise<void>;

  constructor(
    private readonly files: readonly SourceText[],
    root: string,
    config: ConfigChoice,
    count: number,
    private readonly arrived: (results: readonly LintedFile[]) => void,
  ) {
    const ends: Promise<void>[] = [];
    for (let index = 0; index < count; index++) {
      const setup: WorkerSetup = { root, config, files, next: this.next };
      // A larger young generation: linting allocates many short-lived nodes, and the default
      // semi-space makes the scavenger run several times a file.
      const worker = new Worker(WORKER_URL, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      this.workers.push(worker);
      ends.push(
        new Promise((resolve, reject) => {
          worker.on('message', (reply: WorkerReply) => {
            if ('done' in reply) resolve();
            else this.record(reply.results);
          });
          worker.on('error', reject);
        }),
      );
    }
    this.finished = Promise.all(ends).then(() => undefined);
  }

  private record(results: readonly LintedFile[]): void {
    for (const result of results) this.results.set(result.file, result);
    this.arrived(results);
  }

  /** Lints in this thread until no batch is left. */
  async help(linter: FileLinter): Promise<void> {
    for (let start = Atomics.add(this.counter, 0, BATCH); start < this.files.length; start = Atomics.add(this.counter, 0, BATCH)) {
      const results: LintedFile[] = [];
      for (const file of this.files.slice(start, start + BATCH)) results.push(await linter.lint(file.path, file.text));
      this.record(results);
    }
  }

  /** Every file's result, once all threads are done. */
  async done(): Promise<LintedFile[]> {
    try {
      await this.finished;
    } finally {
      for (const worker of this.workers) void worker.terminate();
    }
    return this.files.map((file) => this.results.get(file.path) ?? { file: file.path, messages: [], facts: undefined, ignored: true });
  }
}
