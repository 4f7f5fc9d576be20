import { execFileSync } from 'node:child_process';
import fs, { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { findRepoRoot } from './fixtures.js';
import { SMOKE_PACKAGES } from './smoke-packages.js';

/**
 * `npm run smoke`: the `all` config over every JavaScript and TypeScript file under 1 MB in the
 * project's own `node_modules`, and in a broad set of server packages (`smoke-packages.ts`: web
 * frameworks, ORMs, queue and cloud SDKs, `next`) installed from the npm registry into a folder of
 * their own outside the project: tens of thousands of files written by others. A parse error of a
 * file is the file's business; an exception thrown while our rules run is a failure and names the
 * file and rule.
 *
 * Packages are published builds: their files rarely import each other by relative path the way a
 * service's sources do, so the cross-file summaries (`src/analysis/project/`) are hardly built there.
 * `--projects` lints real projects as their developers lay them out instead (each folder is the
 * working directory of its own run, its `node_modules` left out), and counts the project files the
 * summaries read. The projects are snapshots kept outside the repository; CI does not use them.
 */

export const SMOKE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.tsx']);
export const MAX_BYTES = 1024 * 1024;

export type Concurrency = number | 'auto' | 'off';

export interface SmokeOptions {
  /** The repository, whose built plugin is linted with. */
  root: string;
  /** ESLint's working directory, which holds `dir`; `root` unless given. */
  cwd?: string;
  /** Folder to lint, relative to `cwd`. */
  dir: string;
  /**
   * ESLint's `concurrency`: `auto` starts worker threads only where there are cores to spare (none on
   * two cores, where two workers were measured slower than the main thread alone).
   */
  concurrency: Concurrency;
  /** Files per `lintFiles` call: a crash costs a file-by-file rerun of one batch only. */
  batchSize: number;
  /** Lint at most this many files (for a quick look); 0 for all. */
  limit: number;
  /** Lint this many files spread evenly over the sorted list (every package gets its share); 0 for all. */
  sample: number;
  /**
   * Whether files under `node_modules` are linted (the package smoke) or left out, as ESLint leaves
   * them out of a project (the project smoke).
   */
  nodeModules?: boolean;
}

export interface SmokeException {
  file: string;
  /** The rule that threw, when ESLint could tell. */
  rule: string | null;
  message: string;
}

export interface SmokeReport {
  files: number;
  /** Files whose own text did not parse: not a defect of the plugin. */
  parseErrors: number;
  parseErrorSamples: string[];
  /** Files ESLint skipped (no matching config), which should be none. */
  skipped: number;
  findings: Record<string, number>;
  exceptions: SmokeException[];
  seconds: number;
  concurrency: Concurrency;
  /** Files of the project read by the cross-file summaries (counted on the main thread only). */
  summaryReads: number;
}

/** Every file of a smoke run, sorted: the extensions above, under 1 MB, no symbolic links; `node_modules` only when asked. */
export function listSmokeFiles(dir: string, nodeModules = true): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SMOKE_EXTENSIONS.has(path.extname(entry.name)))
    .filter((entry) => nodeModules || !entry.parentPath.split(path.sep).includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => statSync(file).size < MAX_BYTES)
    .sort();
}

/** `count` files spread evenly over `files` (all of them when there are no more). */
export function sampleEvenly(files: readonly string[], count: number): string[] {
  if (count <= 0 || count >= files.length) return [...files];
  return Array.from({ length: count }, (_, index) => files[Math.floor((index * files.length) / count)] ?? '');
}

/** The rule named in an exception ESLint rethrows from a rule (`…\nRule: "stateless/x"`). */
export function ruleOfError(message: string): string | null {
  return /\nRule: "([^"]+)"/u.exec(message)?.[1] ?? null;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

/**
 * Worker threads load ESLint's options from a module of their own, so the options (which hold the
 * plugin object, not cloneable) live in a small generated module that imports the built plugin.
 */
function writeOptionsModule(dir: string, root: string, cwd: string, concurrency: Concurrency, nodeModules: boolean): URL {
  const file = path.join(dir, `options-${String(concurrency)}.mjs`);
  const pluginUrl = pathToFileURL(path.join(root, 'dist', 'src', 'bundle.js')).href;
  writeFileSync(
    file,
    [
      `import plugin from ${JSON.stringify(pluginUrl)};`,
      'export default {',
      `  cwd: ${JSON.stringify(cwd)},`,
      '  overrideConfigFile: true,',
      '  overrideConfig: [plugin.configs.all],',
      // node_modules is ignored by default; in the package smoke it is the point.
      ...(nodeModules ? ['  ignorePatterns: ["!**/node_modules/"],'] : []),
      '  cache: false,',
      // The files' own `eslint-disable` comments name rules of other plugins; they are not what is tested.
      '  allowInlineConfig: false,',
      '  errorOnUnmatchedPattern: false,',
      `  concurrency: ${JSON.stringify(concurrency)},`,
      '};',
      '',
    ].join('\n'),
  );
  return pathToFileURL(file);
}

async function createESLint(optionsUrl: URL): Promise<ESLint> {
  const options = ((await import(optionsUrl.href)) as { default: ESLint.Options }).default;
  // ESLint before 9.34 has neither `concurrency` nor options modules: lint on the main thread there.
  if (typeof ESLint.fromOptionsModule === 'function') return ESLint.fromOptionsModule(optionsUrl);
  const { concurrency: _unused, ...plain } = options as ESLint.Options & { concurrency?: unknown };
  return new ESLint(plain);
}

/**
 * Counts the files under `root` that are read with `readFileSync` while it is installed: the summaries
 * read a project file so (`project/host.ts`), ESLint reads the files it lints asynchronously. Node's
 * `fs` exports are patched and synchronised into the ES module bindings of every importer.
 */
function countSourceReads(root: string): { files: Set<string>; restore: () => void } {
  const files = new Set<string>();
  const original = fs.readFileSync;
  const prefix = `${path.resolve(root)}${path.sep}`;
  const counting = function readFileSync(this: unknown, ...args: Parameters<typeof original>): ReturnType<typeof original> {
    const [file] = args;
    if (typeof file === 'string' && file.startsWith(prefix) && SMOKE_EXTENSIONS.has(path.extname(file))) files.add(file);
    return original.apply(this, args);
  } as typeof original;
  fs.readFileSync = counting;
  syncBuiltinESMExports();
  return {
    files,
    restore: () => {
      fs.readFileSync = original;
      syncBuiltinESMExports();
    },
  };
}

export async function runSmoke(options: SmokeOptions, progress: (line: string) => void = () => undefined): Promise<SmokeReport> {
  const started = performance.now();
  const cwd = options.cwd ?? options.root;
  const nodeModules = options.nodeModules ?? true;
  let files = sampleEvenly(listSmokeFiles(path.join(cwd, options.dir), nodeModules), options.sample);
  if (options.limit > 0) files = files.slice(0, options.limit);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'stateless-smoke-'));
  const report: SmokeReport = {
    files: files.length,
    parseErrors: 0,
    parseErrorSamples: [],
    skipped: 0,
    findings: {},
    exceptions: [],
    seconds: 0,
    concurrency: options.concurrency,
    summaryReads: 0,
  };
  const reads = countSourceReads(cwd);
  try {
    const batched = await createESLint(writeOptionsModule(temp, options.root, cwd, options.concurrency, nodeModules));
    const single = await createESLint(writeOptionsModule(temp, options.root, cwd, 'off', nodeModules));
    const record = (results: ESLint.LintResult[]): void => {
      for (const result of results) {
        for (const message of result.messages) {
          if (message.fatal === true) {
            report.parseErrors += 1;
            if (report.parseErrorSamples.length < 5) {
              report.parseErrorSamples.push(`${path.relative(cwd, result.filePath)}:${String(message.line)} ${message.message}`);
            }
          } else if (message.ruleId === null) {
            report.skipped += 1;
          } else {
            report.findings[message.ruleId] = (report.findings[message.ruleId] ?? 0) + 1;
          }
        }
      }
    };
    for (let start = 0; start < files.length; start += options.batchSize) {
      const batch = files.slice(start, start + options.batchSize);
      try {
        record(await batched.lintFiles(batch));
      } catch {
        // One file threw: lint the batch file by file on the main thread to name every file that throws.
        for (const file of batch) {
          try {
            record(await single.lintFiles([file]));
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            report.exceptions.push({ file: path.relative(cwd, file), rule: ruleOfError(message), message: firstLine(message) });
          }
        }
      }
      progress(`${Math.min(start + options.batchSize, files.length)}/${files.length} files, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    reads.restore();
    rmSync(temp, { recursive: true, force: true });
  }
  report.summaryReads = reads.files.size;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

export function formatSmokeReport(report: SmokeReport, dir: string): string {
  const findings = Object.entries(report.findings).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(0, ...findings.map(([rule]) => rule.length));
  const out = [
    `Smoke: ${report.files} files (.js .mjs .cjs .ts .tsx, under 1 MB) in ${dir} linted with \`all\` in ${report.seconds.toFixed(1)} s` +
      ` (concurrency ${String(report.concurrency)}).`,
    `Files that do not parse (their own syntax, not ours): ${report.parseErrors}.`,
    ...report.parseErrorSamples.map((sample) => `  ${sample}`),
    ...(report.skipped > 0 ? [`Files ESLint skipped: ${report.skipped}.`] : []),
    `Findings by rule:${findings.length === 0 ? ' none.' : ''}`,
    ...findings.map(([rule, count]) => `  ${rule.padEnd(width)}  ${count}`),
    `Files read by the cross-file summaries: ${String(report.summaryReads)}${report.concurrency === 'off' ? '' : ' (on the main thread)'}.`,
    `Exceptions from rules: ${report.exceptions.length}.`,
    ...report.exceptions.map((exception) => `  ${exception.file}  ${exception.rule ?? '(no rule named)'}  ${exception.message}`),
  ];
  return out.join('\n');
}

const USAGE = `Usage: npm run smoke -- [--packages also|only|skip] [--packages-dir DIR] [--sample N] [--dir node_modules] [--projects DIR,DIR…] [--concurrency auto|off|N] [--batch 1000] [--limit N]
  --packages      also (default): the project's node_modules, then the server packages; only; skip
  --packages-dir  where the server packages are installed (kept between runs; default in the temp folder)
  --sample        lint N files of each set, spread evenly over it (CI's bounded run); 0 for all
  --dir           a folder of the project to lint instead of its node_modules (no server packages)
  --projects      lint these projects instead, each from its own root without its node_modules, and
                  count the files the cross-file summaries read (on the main thread: concurrency off
                  unless given); also read from STATELESS_SMOKE_PROJECTS (paths joined by "${path.delimiter}")
`;

export interface SmokeCommand extends SmokeOptions {
  packages: 'also' | 'only' | 'skip';
  packagesDir: string;
  /** Project roots to lint instead of packages (absolute). */
  projects: string[];
}

/** The projects named by STATELESS_SMOKE_PROJECTS: paths joined by the platform's delimiter. */
export function projectsFromEnvironment(value: string | undefined): string[] {
  return (value ?? '').split(path.delimiter).filter((entry) => entry.trim() !== '').map((entry) => path.resolve(entry));
}

export function parseSmokeArgs(argv: readonly string[], root: string, environmentProjects: readonly string[] = []): SmokeCommand {
  let concurrencyGiven = false;
  const options: SmokeCommand = {
    root,
    dir: 'node_modules',
    concurrency: 'auto',
    batchSize: 1000,
    limit: 0,
    sample: 0,
    packages: 'also',
    packagesDir: path.join(os.tmpdir(), 'stateless-smoke-packages'),
    projects: [...environmentProjects],
  };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag = '', inline] = (argv[index] ?? '').split('=', 2);
    const value = (): string => {
      if (inline !== undefined) return inline;
      index += 1;
      const next = argv[index];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    const count = (): number => {
      const parsed = Number(value());
      if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${flag} takes a whole number\n${USAGE}`);
      return parsed;
    };
    switch (flag) {
      case '--dir':
        options.dir = value();
        options.packages = 'skip';
        break;
      case '--packages': {
        const text = value();
        if (text !== 'also' && text !== 'only' && text !== 'skip') throw new Error(`--packages takes also, only or skip\n${USAGE}`);
        options.packages = text;
        break;
      }
      case '--packages-dir':
        options.packagesDir = path.resolve(value());
        break;
      case '--concurrency': {
        const text = value();
        const workers = Number(text);
        if (text !== 'auto' && text !== 'off' && !(Number.isInteger(workers) && workers > 0)) throw new Error(`--concurrency takes auto, off or a number of threads\n${USAGE}`);
        options.concurrency = text === 'auto' || text === 'off' ? text : workers;
        concurrencyGiven = true;
        break;
      }
      case '--batch':
        options.batchSize = Math.max(count(), 1);
        break;
      case '--limit':
        options.limit = count();
        break;
      case '--sample':
        options.sample = count();
        break;
      case '--projects': {
        const projects = value().split(',').filter((entry) => entry.trim() !== '');
        if (projects.length === 0) throw new Error(`--projects takes one or more folders\n${USAGE}`);
        options.projects = projects.map((entry) => path.resolve(entry));
        break;
      }
      default:
        throw new Error(`Unknown argument ${flag}\n${USAGE}`);
    }
  }
  for (const project of options.projects) {
    if (!existsSync(project) || !statSync(project).isDirectory()) throw new Error(`--projects: ${project} is not a folder`);
  }
  if (options.projects.length > 0 && !concurrencyGiven) options.concurrency = 'off';
  return options;
}

/**
 * The server packages in `dir`, installed from the npm registry by npm itself unless the same list is
 * there already: no install scripts, no optional (native) packages, peer dependencies left out.
 */
export function installSmokePackages(dir: string, progress: (line: string) => void): void {
  const manifest = `${JSON.stringify({ name: 'stateless-smoke-packages', private: true, dependencies: SMOKE_PACKAGES }, null, 2)}\n`;
  const manifestFile = path.join(dir, 'package.json');
  const marker = path.join(dir, 'node_modules', '.stateless-smoke');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === manifest) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(manifestFile, manifest);
  progress(`Installing ${String(Object.keys(SMOKE_PACKAGES).length)} server packages into ${dir} …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=optional', '--legacy-peer-deps', '--no-package-lock', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(marker, manifest);
}

async function main(): Promise<void> {
  const root = findRepoRoot(import.meta.dirname);
  const command = parseSmokeArgs(process.argv.slice(2), root, projectsFromEnvironment(process.env.STATELESS_SMOKE_PROJECTS));
  const progress = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const runs: { label: string; report: SmokeReport }[] = [];
  for (const project of command.projects) {
    progress(`Project ${project}`);
    const report = await runSmoke({ ...command, cwd: project, dir: '.', nodeModules: false }, progress);
    runs.push({ label: project, report });
    // Each project's report as soon as it is done: a long run stopped early still tells what it did.
    progress(formatSmokeReport(report, project));
  }
  if (command.projects.length === 0 && command.packages !== 'only') {
    runs.push({ label: command.dir, report: await runSmoke(command, progress) });
  }
  if (command.projects.length === 0 && command.packages !== 'skip') {
    installSmokePackages(command.packagesDir, progress);
    const report = await runSmoke({ ...command, cwd: command.packagesDir, dir: 'node_modules' }, progress);
    runs.push({ label: `server packages (${path.join(command.packagesDir, 'node_modules')})`, report });
  }
  for (const { label, report } of runs) process.stdout.write(`${formatSmokeReport(report, label)}\n`);
  if (runs.length > 1) {
    const files = runs.reduce((sum, { report }) => sum + report.files, 0);
    const exceptions = runs.reduce((sum, { report }) => sum + report.exceptions.length, 0);
    const summaryReads = runs.reduce((sum, { report }) => sum + report.summaryReads, 0);
    const seconds = runs.reduce((sum, { report }) => sum + report.seconds, 0);
    process.stdout.write(`Smoke total: ${String(files)} files, ${String(exceptions)} exceptions from rules, ${String(summaryReads)} files read by the cross-file summaries, ${seconds.toFixed(0)} s.\n`);
  }
  // A skipped file proves nothing: the smoke fails when ESLint did not lint every file it was given.
  process.exitCode = runs.some(({ report }) => report.exceptions.length > 0 || report.files === 0 || report.skipped > 0) ? 1 : 0;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
