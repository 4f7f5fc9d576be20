import { createRequire } from 'node:module';
import path from 'node:path';
import { CrossFileGraph } from './graph.js';
import { InventoryBuilder } from './inventory.js';
import type { ConfigChoice, LintedFile } from './lint.js';
import { LintPool, workerCount } from './pool.js';
import { buildProgram } from './program.js';
import { isInside, loadProject, type ProjectSource, type SourceText } from './project.js';
import { REPORT_VERSION, type AuditReport } from './report.js';

const require = createRequire(import.meta.url);

/** The package's version, read without loading the plugin (and with it ESLint and TypeScript) into this thread. */
export function toolVersion(): string {
  return (require('eslint-plugin-stateless/package.json') as { version: string }).version;
}

export type Phase = 'lint' | 'graph';

export interface AuditOptions {
  /** The folder to audit. */
  readonly root: string;
  readonly tsconfig?: string | undefined;
  readonly config: ConfigChoice;
  readonly maxBlockers: number | null;
  /** Worker threads for linting; `auto` uses them for large projects when the compiled worker exists. */
  readonly workers?: number | 'auto';
  readonly onProgress?: (phase: Phase, done: number, total: number) => void;
}

function newGraph(root: string, files: readonly SourceText[], options: ProjectSource['compilerOptions']): CrossFileGraph {
  const { program, checker } = buildProgram(root, files, options);
  return new CrossFileGraph(program, checker, files.map((file) => file.path));
}

async function lintHere(root: string, config: ConfigChoice, files: readonly SourceText[], progress: (done: number) => void): Promise<LintedFile[]> {
  // Loaded here only: with worker threads, this thread never needs ESLint or the plugin.
  const { FileLinter } = await import('./lint.js');
  const linter = new FileLinter(root, config);
  const results: LintedFile[] = [];
  for (const file of files) {
    results.push(await linter.lint(file.path, file.text));
    progress(results.length);
  }
  return results;
}

/**
 * The whole-project audit: the plugin's rules on every file (through ESLint, so the findings are
 * ESLint's), then the cross-file graph from a TypeScript program, then the inventory. Loading
 * never runs project code; a file that does not parse is reported and left out.
 */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const project = loadProject(options.root, options.tsconfig);
  const { root, files } = project;
  const report = (done: number): void => options.onProgress?.('lint', done, files.length);
  const workers = workerCount(options.workers ?? 'auto', files.length);
  const texts = new Map(files.map((file) => [file.path, file.text]));
  let graph: CrossFileGraph | undefined;
  let linted: LintedFile[];
  if (workers > 0) {
    // Workers lint while this thread builds the program; then this thread lints too, and resolves
    // each file's imports and calls as its lint result arrives, so the three costs overlap.
    const arrived: LintedFile[] = [];
    let done = 0;
    const pool = new LintPool(files, root, options.config, workers, (results) => {
      done += results.length;
      report(done);
      for (const result of results) {
        if (!result.facts) continue;
        if (graph) graph.prepare(result.file, result.facts);
        else arrived.push(result);
      }
    });
    graph = newGraph(root, files, project.compilerOptions);
    for (const file of arrived.splice(0)) if (file.facts) graph.prepare(file.file, file.facts);
    const { FileLinter } = await import('./lint.js');
    await pool.help(new FileLinter(root, options.config));
    linted = await pool.done();
  } else {
    linted = await lintHere(root, options.config, files, report);
  }
  options.onProgress?.('graph', 0, 1);
  graph ??= newGraph(root, files, project.compilerOptions);
  // Modules without a web framework that server files import hold server state too; the import walk runs only when one of them holds something.
  const serverReached = linted.some((file) => (file.facts?.serverOnly.length ?? 0) > 0) ? graph.reachedFrom(linted.filter((file) => file.facts?.serverFile === true).map((file) => file.file)) : new Set<string>();
  const inventory = new InventoryBuilder({ root, files: linted, texts, graph, maxBlockers: options.maxBlockers, serverReached }).build();
  options.onProgress?.('graph', 1, 1);
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  // A file outside the root is named by its absolute path rather than a climb of `../`.
  const shown = (file: string): string => (isInside(root, file) ? relative(file) : file);
  return {
    version: REPORT_VERSION,
    tool: { name: 'stateless-audit', version: toolVersion() },
    root,
    tsconfig: project.tsconfig === undefined ? null : shown(project.tsconfig),
    config: options.config.kind === 'shipped' ? options.config.name : shown(path.resolve(options.config.path)),
    files: files.length,
    ...inventory,
    skipped: [...project.skipped.map((skipped) => ({ file: relative(skipped.path), line: null, reason: skipped.reason })), ...inventory.skipped],
  };
}
