#!/usr/bin/env node
import { accessSync, closeSync, constants, existsSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Phase } from './audit.js';
import { isShippedConfig, SHIPPED_CONFIGS, type ConfigChoice } from './configs.js';
import { firstLine, InputError } from './errors.js';
import { FORMATS, type Format } from './format/names.js';

// Only light modules are imported above: the command line is checked before ESLint, TypeScript and
// the plugin load, so a usage error costs milliseconds.

export const USAGE = `Usage: stateless-audit [path] [options]

Audits a service for state that outlives a request: can it run as N replicas?

Arguments:
  path                  the project folder (default: the current folder)

Options:
  --tsconfig FILE       the tsconfig to read files and paths from (default: path/tsconfig.json, else path/jsconfig.json)
  --config CONFIG       ${SHIPPED_CONFIGS.join(', ')} (the plugin's
                        configs; default all), or an ESLint flat config file, which is run
  --ignore PATTERN      leave out files matching a .gitignore pattern (relative to path; repeatable)
  --replicas N          the service runs as N instances (default: read from deployment files)
  --format FORMAT       ${FORMATS.join(', ')} (default text)
  --output FILE         write the report to FILE instead of standard output
  --max-blockers N      exit 0 while there are at most N blockers (default 0)
  -h, --help            show this help
  -v, --version         show the version

Scope: the files of the tsconfig (or every .js/.ts file of the folder), less node_modules, build
output, hidden folders, what the folder's .gitignore files ignore, --ignore patterns, with a config
file its ignores, and scripts/ files that serve no requests and that no file imports (the project's
own commands). Nothing of the project is executed unless --config names its file.

Exit codes: 0 stateless (or at most --max-blockers blockers), 1 blockers found or files that could
not be checked, 2 the audit could not run (one line on standard error).
`;

/** Progress appears only for runs longer than this, so quick runs print nothing but the report. */
const PROGRESS_DELAY_MS = 1_000;
const PROGRESS_INTERVAL_MS = 100;

const OPTIONS = {
  tsconfig: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  config: { type: 'string' },
  ignore: { type: 'string', multiple: true },
  replicas: { type: 'string' },
  'max-blockers': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Options whose value may look like a negative number, which `parseArgs` would take for an option. */
const NUMERIC_OPTIONS = new Set(['--max-blockers', '--replicas']);

export interface CliStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliEnvironment {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Worker threads for linting; tests pin it. */
  readonly workers?: number | 'auto';
}

/**
 * Colours as Node.js decides them for its own output: `FORCE_COLOR` (any value but `0` or
 * `false`) turns them on, `NO_COLOR` (any value) off, and otherwise a terminal that is not `dumb` has them.
 */
export function colorAllowed(stream: CliStream, env: CliEnvironment['env']): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force === '' || force === '1' || force === '2' || force === '3' || force === 'true';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export interface Progress {
  readonly update: (phase: Phase, done: number, total: number) => void;
  readonly clear: () => void;
}

/** A one-line progress indicator on a terminal, shown only once a run has taken a second; nothing on a pipe. */
export function progressReporter(stream: CliStream, clock: () => number = Date.now): Progress {
  if (stream.isTTY !== true) return { update: () => undefined, clear: () => undefined };
  const started = clock();
  let last = 0;
  let shown = false;
  return {
    update(phase, done, total) {
      const now = clock();
      if (now - started < PROGRESS_DELAY_MS || now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      shown = true;
      const text = phase === 'lint' ? `Linting ${String(done)}/${String(total)} files…` : 'Following imports and calls across files…';
      stream.write(`\r\u001B[K${text}`);
    },
    clear() {
      if (shown) stream.write('\r\u001B[K');
    },
  };
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known name closest to `given`, if it is close enough to be a typo of it. */
export function closest(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const score = distance(given, name);
    if (!best || score < best.score) best = { name, score };
  }
  if (!best) return undefined;
  const prefix = known.filter((name) => name.startsWith(given));
  if (prefix.length === 1) return prefix[0];
  return best.score <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/** `--max-blockers -1` becomes `--max-blockers=-1`, so that its value is checked as a number rather than refused as an option. */
function joinNegativeNumbers(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const next = argv[index + 1];
    if (NUMERIC_OPTIONS.has(arg) && next !== undefined && /^-\d/u.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: joinNegativeNumbers(argv), allowPositionals: true, strict: true, options: OPTIONS });
}

/** A usage error of `parseArgs`, said in one line, with the option meant when a name is misspelt. */
function usageError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = /'(-{1,2}[^']*)'/u.exec(message)?.[1] ?? '';
    const name = given.replace(/^-+/u, '').replace(/=.*$/u, '');
    const suggestion = closest(name, Object.keys(OPTIONS));
    return `unknown option '${given}'${suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`}; see --help`;
  }
  // Both halves of "argument is ambiguous. … use '--output=-XYZ'" are the help: kept, on one line.
  return message.replace(/\s*\n\s*/gu, ' ');
}

function wholeNumber(option: string, value: string | undefined, least: number): number | null | string {
  if (value === undefined) return null;
  if (!/^-?\d+$/u.test(value) || Number(value) < least) return `${option} takes a whole number of ${String(least)} or more, got '${value}'`;
  return Number(value);
}

/** Where `--output` will be written, checked before the run: a file in a folder that exists and takes new files. */
function outputTarget(cwd: string, output: string): { path: string; direct: boolean } | string {
  let target = path.resolve(cwd, output);
  if (existsSync(target)) {
    const real = realpathSync(target);
    const stats = statSync(real);
    if (stats.isDirectory()) return `cannot write ${output}: it is a folder`;
    // A device or pipe (`/dev/stdout`) is written to as it is; nothing there can be left half-written.
    if (!stats.isFile()) return { path: real, direct: true };
    target = real;
  }
  const dir = path.dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `cannot write ${output}: no such folder ${path.relative(cwd, dir) || dir}`;
  try {
    accessSync(dir, constants.W_OK);
    // A read-only file system or a quota shows only when a file is made.
    const probe = temporaryBeside(target);
    closeSync(openSync(probe, 'wx'));
    rmSync(probe);
  } catch (error) {
    return `cannot write ${output}: ${firstLine(error)}`;
  }
  return { path: target, direct: false };
}

function temporaryBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${String(process.pid)}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/** The report, written in full to a temporary file beside the target and renamed over it: never a truncated file, and the previous report stays if writing fails. */
function writeReport(target: { path: string; direct: boolean }, text: string): void {
  if (target.direct) {
    writeFileSync(target.path, text);
    return;
  }
  const temporary = temporaryBeside(target.path);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, target.path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * `stateless-audit [path] [options]`; returns the exit code. Every input problem ends with one line
 * on standard error and exit code 2, and writes no report.
 */
export async function main(argv: readonly string[], io: CliEnvironment): Promise<number> {
  const fail = (reason: string): number => {
    io.stderr.write(`stateless-audit: ${reason}\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return fail(usageError(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version === true) {
    const { toolVersion } = await import('./version.js');
    io.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  if (positionals.length > 1) return fail(`expected one path, got ${String(positionals.length)}: ${positionals.join(' ')}`);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    const suggestion = closest(format, FORMATS);
    return fail(`unknown format '${format}' (use ${FORMATS.join(', ')}${suggestion === undefined ? '' : `; did you mean ${suggestion}?`})`);
  }
  const maxBlockers = wholeNumber('--max-blockers', values['max-blockers'], 0);
  if (typeof maxBlockers === 'string') return fail(maxBlockers);
  const replicas = wholeNumber('--replicas', values.replicas, 1);
  if (typeof replicas === 'string') return fail(replicas);
  let config: ConfigChoice = { kind: 'shipped', name: 'all' };
  if (values.config !== undefined) {
    if (isShippedConfig(values.config)) {
      config = { kind: 'shipped', name: values.config };
    } else {
      const file = path.resolve(io.cwd, values.config);
      if (!existsSync(file) || !statSync(file).isFile()) {
        const suggestion = closest(values.config, SHIPPED_CONFIGS);
        return fail(`cannot read config ${values.config}: no such file (${suggestion === undefined ? `or use ${SHIPPED_CONFIGS.join(', ')}` : `did you mean ${suggestion}?`})`);
      }
      config = { kind: 'file', path: file };
    }
  }
  const ignore = values.ignore ?? [];
  const badPattern = ignore.find((pattern) => pattern.trim() === '' || pattern.startsWith('#'));
  if (badPattern !== undefined) return fail(`--ignore takes a .gitignore pattern, got '${badPattern}'`);
  const rootArgument = positionals[0] ?? '.';
  const root = path.resolve(io.cwd, rootArgument);
  if (!existsSync(root)) return fail(`no such folder: ${rootArgument}`);
  if (!statSync(root).isDirectory()) return fail(`not a folder: ${rootArgument}`);
  const tsconfig = values.tsconfig === undefined ? undefined : path.resolve(io.cwd, values.tsconfig);
  if (tsconfig !== undefined && (!existsSync(tsconfig) || !statSync(tsconfig).isFile())) return fail(`cannot read tsconfig ${values.tsconfig ?? ''}: no such file`);
  const output = values.output === undefined ? undefined : outputTarget(io.cwd, values.output);
  if (typeof output === 'string') return fail(output);

  const progress = progressReporter(io.stderr);
  let text: string;
  let exitCode: number;
  let verdict: string;
  try {
    const { runAudit } = await import('./audit.js');
    const report = await runAudit({ root, tsconfig, config, maxBlockers, ignore, replicas, workers: io.workers ?? 'auto', onProgress: progress.update });
    const { render } = await import('./format/index.js');
    const { verdictLine } = await import('./report.js');
    const color = format === 'text' && output === undefined && colorAllowed(io.stdout, io.env);
    text = await render(report, format as Format, { color, rootLabel: rootArgument });
    exitCode = report.verdict.failed ? 1 : 0;
    verdict = verdictLine(report.verdict, report.files);
  } catch (error) {
    if (error instanceof InputError) return fail(error.message);
    return fail(`the audit failed: ${firstLine(error)}`);
  } finally {
    progress.clear();
  }
  if (output === undefined) {
    io.stdout.write(text);
  } else {
    try {
      writeReport(output, text);
    } catch (error) {
      return fail(`cannot write ${values.output ?? ''}: ${firstLine(error)}`);
    }
    if (io.stderr.isTTY === true) io.stderr.write(`${verdict} Report written to ${values.output ?? ''}.\n`);
  }
  return exitCode;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
}
