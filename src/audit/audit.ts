import { createRequire } from 'node:module';
import path from 'node:path';
import { CrossFileGraph } from './graph.js';
import { InventoryBuilder } from './inventory.js';
import type { ConfigChoice, LintedFile } from './lint.js';
import { lintInWorkers, workerCount } from './pool.js';
import { buildProgram } from './program.js';
import { loadProject, type SourceText } from './project.js';
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
  // Workers lint while this thread builds the program, so the two costs overlap.
  const linting = workers > 0 ? lintInWorkers(root, options.config, files, workers, report) : undefined;
  const program = workers > 0 ? buildProgram(root, files, project.compilerOptions) : undefined;
  const linted = linting ? await linting : await lintHere(root, options.config, files, report);
  options.onProgress?.('graph', 0, 1);
  const { program: tsProgram, checker } = program ?? buildProgram(root, files, project.compilerOptions);
  const graph = new CrossFileGraph(tsProgram, checker, linted.filter((file) => file.facts !== undefined).map((file) => file.file));
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const inventory = new InventoryBuilder({ root, files: linted, texts, graph, maxBlockers: options.maxBlockers }).build();
  options.onProgress?.('graph', 1, 1);
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  return {
    version: REPORT_VERSION,
    tool: { name: 'stateless-audit', version: toolVersion() },
    root,
    tsconfig: project.tsconfig === undefined ? null : relative(project.tsconfig),
    config: options.config.kind === 'shipped' ? options.config.name : relative(path.resolve(options.config.path)),
    files: files.length,
    ...inventory,
    skipped: [...project.skipped.map((skipped) => ({ file: relative(skipped.path), line: null, reason: skipped.reason })), ...inventory.skipped],
  };
}
