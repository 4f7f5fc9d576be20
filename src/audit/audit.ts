import path from 'node:path';
import type { ConfigChoice } from './configs.js';
import { detectDeployment, platformAlternative } from './deployment.js';
import { InputError } from './errors.js';
import { isInside } from './files.js';
import { CrossFileGraph } from './graph.js';
import { ScopeFilter } from './ignores.js';
import { InventoryBuilder } from './inventory.js';
import type { FileLinter, LintedFile } from './lint.js';
import { LintPool, workerCount } from './pool.js';
import { buildProgram, buildTypedProgram, type ProjectProgram } from './program.js';
import { loadProject, type FailedFile, type SkippedPath } from './project.js';
import { toolVersion } from './version.js';
import { REPORT_VERSION, SKIP_REASONS, type AuditReport, type Deployment, type FileCounts } from './report.js';

export { toolVersion } from './version.js';

/**
 * More files than this share failing (parse errors, rules that threw) means the audit is not
 * reading the project as it is written (a parser that does not fit, a broken checkout): the
 * verdict would be a guess, so the audit stops.
 */
export const MAX_FAILED_SHARE = 0.1;

export type Phase = 'lint' | 'graph';

export interface AuditOptions {
  /** The folder to audit. */
  readonly root: string;
  readonly tsconfig?: string | undefined;
  readonly config: ConfigChoice;
  readonly maxBlockers: number | null;
  /** `--ignore` patterns (`.gitignore` syntax, relative to the root). */
  readonly ignore?: readonly string[];
  /** `--replicas`: how many instances the service runs as, over what deployment files say. */
  readonly replicas?: number | null;
  /** Worker threads for linting; `auto` uses them for large projects when the compiled worker exists. */
  readonly workers?: number | 'auto';
  readonly onProgress?: (phase: Phase, done: number, total: number) => void;
}

async function linterFor(root: string, config: ConfigChoice, options: ConstructorParameters<typeof FileLinter>[2] = {}): Promise<FileLinter> {
  // Loaded here only: with worker threads, this thread never needs ESLint or the plugin before the program exists.
  const { FileLinter } = await import('./lint.js');
  return new FileLinter(root, config, options);
}

function isTyped(config: ConfigChoice): boolean {
  return config.kind === 'shipped' && config.name.endsWith('-type-checked');
}

/** The files a lint run could not check: a parse error (with its line), a rule that threw. */
function lintFailures(linted: readonly LintedFile[]): FailedFile[] {
  const failed: FailedFile[] = [];
  for (const file of linted) {
    const fatal = file.messages.find((message) => message.fatal);
    if (fatal) failed.push({ path: file.file, line: fatal.line, reason: fatal.message });
    else if (!file.ignored && file.facts === undefined) failed.push({ path: file.file, line: null, reason: 'the analysis did not finish' });
  }
  return failed;
}

function counts(checked: number, failed: number, skipped: readonly SkippedPath[]): FileCounts {
  const byReason = new Map<SkippedPath['reason'], number>();
  for (const entry of skipped) byReason.set(entry.reason, (byReason.get(entry.reason) ?? 0) + 1);
  return { checked, failed, skipped: SKIP_REASONS.filter((reason) => byReason.has(reason)).map((reason) => ({ reason, count: byReason.get(reason) ?? 0 })) };
}

/**
 * The whole-project audit: the plugin's rules on every file in scope (through ESLint, so the
 * findings are ESLint's), then the cross-file graph from one TypeScript program (with the
 * `typescript` module the parser uses; for a type-checked config, the very program the rules had),
 * then the inventory and the deployment. Loading never runs project code unless the config named
 * is the project's own file.
 */
/**
 * The files each process of a container that starts several runs (`concurrently "next start" "tsx
 * worker.ts"`): what a worker there starts runs in every replica of the web server. The first
 * process that reaches a file names it.
 */
function colocatedFiles(root: string, deployment: Deployment, graph: CrossFileGraph): Map<string, { entry: string; source: string; launcher: string }> {
  const colocated = new Map<string, { entry: string; source: string; launcher: string }>();
  for (const group of deployment.processes ?? []) {
    for (const started of group.processes) {
      if (started.entry === null) continue;
      for (const file of graph.reachedFrom([path.join(root, started.entry)])) {
        if (!colocated.has(file)) colocated.set(file, { entry: started.entry, source: group.file, launcher: group.launcher });
      }
    }
  }
  return colocated;
}

export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const project = loadProject(options.root, options.tsconfig, { ignore: options.ignore ?? [] });
  const { root } = project;
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  // A file outside the root is named by its absolute path rather than a climb of `../`.
  const shown = (file: string): string => (isInside(root, file) ? relative(file) : file);
  const typed = isTyped(options.config);
  let typedProgram: ProjectProgram | undefined;
  if (typed) typedProgram = buildTypedProgram(root, project.files, project.compilerOptions);
  const mainLinter = await linterFor(root, options.config, typedProgram ? { program: typedProgram.program } : {});
  const { lintable, skipped: configSkipped } = await mainLinter.scope(project.files);
  const files = lintable;
  const report = (done: number): void => options.onProgress?.('lint', done, files.length);
  // The type-checked configs hand a program to the parser, which a worker thread cannot share.
  const workers = typed ? 0 : workerCount(options.workers ?? 'auto', files.length);
  let linted: LintedFile[];
  let graph: CrossFileGraph | undefined;
  let program = typedProgram;
  if (workers > 0) {
    // Workers lint while this thread builds the program; then this thread lints too, and resolves
    // each file's imports and calls as its lint result arrives, so the costs overlap.
    const arrived: LintedFile[] = [];
    let done = 0;
    const pool = new LintPool(files, root, options.config, workers, (results) => {
      done += results.length;
      report(done);
      for (const result of results) {
        const facts = result.facts;
        if (!facts) continue;
        if (graph) safely(() => graph?.prepare(result.file, facts));
        else arrived.push(result);
      }
    });
    program = buildProgram(root, files, project.compilerOptions);
    graph = new CrossFileGraph(program.program, program.checker, files.map((file) => file.path).filter((file) => !program?.dropped.includes(file)));
    for (const file of arrived.splice(0)) {
      const facts = file.facts;
      if (facts) safely(() => graph?.prepare(file.file, facts));
    }
    await pool.help(await linterFor(root, options.config));
    linted = await pool.done();
  } else {
    linted = [];
    for (const file of files) {
      linted.push(await mainLinter.lint(file.path, file.text));
      report(linted.length);
    }
  }
  const failed = [...project.failed, ...lintFailures(linted)];
  const inScope = files.length + project.failed.length;
  const firstFailure = failed[0];
  if (firstFailure && failed.length === inScope) {
    throw new InputError(`no file could be checked (${plural(failed.length, 'file')}); ${shown(firstFailure.path)}: ${firstFailure.reason}`);
  }
  if (firstFailure && failed.length > inScope * MAX_FAILED_SHARE) {
    throw new InputError(`${String(failed.length)} of ${String(inScope)} files could not be checked, more than ${String(MAX_FAILED_SHARE * 100)} %; ${shown(firstFailure.path)}: ${firstFailure.reason}`);
  }
  options.onProgress?.('graph', 0, 1);
  const checked = linted.filter((file) => file.facts !== undefined);
  const failedPaths = new Set(failed.map((file) => file.path));
  const checkedTexts = files.filter((file) => !failedPaths.has(file.path));
  program ??= buildProgram(root, checkedTexts, project.compilerOptions);
  const dropped = new Set(program.dropped);
  for (const file of dropped) if (!failedPaths.has(file)) failed.push({ path: file, line: null, reason: 'too deeply nested for the cross-file graph' });
  graph ??= new CrossFileGraph(
    program.program,
    program.checker,
    checkedTexts.map((file) => file.path).filter((file) => !dropped.has(file)),
  );
  const scripts = standaloneScripts(
    checked.filter((file) => !dropped.has(file.file)),
    relative,
    () => new Set(checkedTexts.flatMap((file) => (dropped.has(file.path) ? [] : graph.importedFiles(file.path)))),
  );
  const graphed = checked.filter((file) => !dropped.has(file.file) && !scripts.has(file.file));
  const texts = new Map(checkedTexts.map((file) => [file.path, file.text]));
  // Modules without a web framework that server files import hold server state too; the import walk runs only when one of them holds something.
  const serverReached = graphed.some((file) => (file.facts?.serverOnly.length ?? 0) > 0) ? graph.reachedFrom(graphed.filter((file) => file.facts?.serverFile === true).map((file) => file.file)) : new Set<string>();
  // The packages whose deployment files count are those of the service's server code: a front-end's `netlify.toml` beside it deploys the front-end.
  const serverSources = graphed.filter((file) => file.facts?.serverFile === true || serverReached.has(file.file)).map((file) => file.file);
  const deployment = detectDeployment(root, new ScopeFilter(root, options.ignore ?? []), options.replicas ?? null, files.map((file) => file.path), serverSources);
  const colocated = colocatedFiles(root, deployment, graph);
  const inventory = new InventoryBuilder({ root, files: graphed, texts, graph, maxBlockers: options.maxBlockers, serverReached, colocated }).build();
  options.onProgress?.('graph', 1, 1);
  const state = inventory.state.map((item) => ({ ...item, alternative: platformAlternative(deployment.platform, item.kind) ?? item.alternative }));
  const complete = failed.length === 0;
  const verdict = { ...inventory.verdict, stateless: inventory.verdict.stateless && complete, complete, failed: inventory.verdict.failed || !complete };
  return {
    version: REPORT_VERSION,
    tool: { name: 'stateless-audit', version: toolVersion() },
    root,
    tsconfig: project.tsconfig === undefined ? null : shown(project.tsconfig),
    config: options.config.kind === 'shipped' ? options.config.name : shown(path.resolve(options.config.path)),
    files: counts(graphed.length, failed.length, [...project.skipped, ...configSkipped, ...[...scripts].map((file) => ({ path: file, reason: 'standalone-script' as const }))]),
    verdict,
    deployment,
    summary: inventory.summary,
    state,
    entryPoints: inventory.entryPoints,
    handlers: inventory.handlers,
    findings: inventory.findings,
    failed: failed.map((file) => ({ file: shown(file.path), line: file.line, reason: file.reason })).sort((a, b) => a.file.localeCompare(b.file)),
  };
}

/** Folders of a project's own commands: `scripts/release.js`, `server/scripts/backfill.ts`. */
const SCRIPT_FOLDER = /(?:^|\/)scripts?\//u;

/**
 * Files under `scripts/` that serve no requests and that no file of the project imports: commands
 * run by hand or in CI, each in a process of its own, not the service. A job module there that a
 * server imports stays in. `importedFiles` (every project file some file imports) is asked only
 * when a candidate has findings.
 */
function standaloneScripts(files: readonly LintedFile[], relative: (file: string) => string, importedFiles: () => ReadonlySet<string>): Set<string> {
  const candidates = files.filter((file) => file.messages.length > 0 && file.facts?.serverFile === false && SCRIPT_FOLDER.test(relative(file.file)));
  if (candidates.length === 0) return new Set();
  const imported = importedFiles();
  return new Set(candidates.filter((file) => !imported.has(path.resolve(file.file))).map((file) => file.file));
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** The graph's work on one file must not end the audit: a file it cannot follow is followed less. */
function safely(work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
}
