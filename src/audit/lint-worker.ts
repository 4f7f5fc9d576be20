import { parentPort, workerData } from 'node:worker_threads';
import { FileLinter, type LintedFile } from './lint.js';
import { BATCH, type WorkerReply, type WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const linter = new FileLinter(setup.root, setup.config);
const next = new Int32Array(setup.next);

for (let start = Atomics.add(next, 0, BATCH); start < setup.files.length; start = Atomics.add(next, 0, BATCH)) {
  const results: LintedFile[] = [];
  for (const file of setup.files.slice(start, start + BATCH)) results.push(await linter.lint(file.path, file.text));
  const reply: WorkerReply = { results };
  parentPort?.postMessage(reply);
}
const done: WorkerReply = { done: true };
parentPort?.postMessage(done);
