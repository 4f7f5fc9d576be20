#!/usr/bin/env node
import { existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runAudit, toolVersion, type Phase } from './audit.js';
import { FORMATS, render, type Format } from './format/index.js';
import type { ConfigChoice, ShippedConfig } from './lint.js';
import { InputError } from './project.js';
import { verdictLine } from './report.js';

export const USAGE = `Usage: stateless-audit [path] [options]

Audits a service for state that outlives a request: can it run as N replicas?

Arguments:
  path                  the project folder (default: the current folder)

Options:
  --tsconfig FILE       the tsconfig to read files and paths from (default: path/tsconfig.json if present)
  --format FORMAT       text (default), json, sarif or markdown
  --output FILE         write the report to FILE instead of standard output
  --config CONFIG       recommended, strict, all (default), or an ESLint flat config file
  --max-blockers N      exit 0 while there are at most N blockers (default 0)
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 stateless (or within --max-blockers), 1 blockers found, 2 usage or input error.
`;

const SHIPPED: readonly ShippedConfig[] = ['recommended', 'strict', 'all'];
/** Progress appears only for runs longer than this, so quick runs print nothing but the report. */
const PROGRESS_DELAY_MS = 1_000;
const PROGRESS_INTERVAL_MS = 100;

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

function firstSentence(message: string): string {
  return (message.split(/\.\s/u)[0] ?? message).replace(/\.$/u, '');
}

function colorAllowed(stream: CliStream, env: CliEnvironment['env']): boolean {
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
      const text = phase === 'lint' ? `Linting ${done}/${total} files…` : 'Following imports and calls across files…';
      stream.write(`\r\u001B[K${text}`);
    },
    clear() {
      if (shown) stream.write('\r\u001B[K');
    },
  };
}

/**
 * `stateless-audit [path] [options]`; returns the exit code. Every input problem ends with one line
 * on standard error and exit code 2.
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
    return fail(firstSentence(error instanceof Error ? error.message : String(error)));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version === true) {
    io.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  if (positionals.length > 1) return fail(`expected one path, got ${positionals.length}: ${positionals.join(' ')}`);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return fail(`unknown format '${format}' (use ${FORMATS.join(', ')})`);
  let maxBlockers: number | null = null;
  if (values['max-blockers'] !== undefined) {
    if (!/^\d+$/u.test(values['max-blockers'])) return fail(`--max-blockers takes a whole number, got '${values['max-blockers']}'`);
    maxBlockers = Number(values['max-blockers']);
  }
  let config: ConfigChoice = { kind: 'shipped', name: 'all' };
  if (values.config !== undefined) {
    if ((SHIPPED as readonly string[]).includes(values.config)) {
      config = { kind: 'shipped', name: values.config as ShippedConfig };
    } else {
      const file = path.resolve(io.cwd, values.config);
      if (!existsSync(file) || !statSync(file).isFile()) return fail(`cannot read config ${values.config}: no such file (or use ${SHIPPED.join(', ')})`);
      config = { kind: 'file', path: file };
    }
  }
  const rootArgument = positionals[0] ?? '.';
  const root = path.resolve(io.cwd, rootArgument);
  if (!existsSync(root)) return fail(`no such folder: ${rootArgument}`);
  if (!statSync(root).isDirectory()) return fail(`not a folder: ${rootArgument}`);
  const tsconfig = values.tsconfig === undefined ? undefined : path.resolve(io.cwd, values.tsconfig);
  if (tsconfig !== undefined && (!existsSync(tsconfig) || !statSync(tsconfig).isFile())) return fail(`cannot read tsconfig ${values.tsconfig ?? ''}: no such file`);
  const progress = progressReporter(io.stderr);
  let report;
  try {
    report = await runAudit({
      root,
      tsconfig,
      config,
      maxBlockers,
      workers: io.workers ?? 'auto',
      onProgress: progress.update,
    });
  } catch (error) {
    progress.clear();
    if (error instanceof InputError) return fail(error.message);
    return fail(`the audit failed: ${firstSentence(error instanceof Error ? error.message : String(error))}`);
  }
  progress.clear();
  const output = values.output;
  const rootLabel = rootArgument;
  const text = await render(report, format as Format, { color: format === 'text' && output === undefined && colorAllowed(io.stdout, io.env), rootLabel });
  if (output === undefined) {
    io.stdout.write(text);
  } else {
    try {
      writeFileSync(path.resolve(io.cwd, output), text);
    } catch (error) {
      return fail(`cannot write ${output}: ${firstSentence(error instanceof Error ? error.message : String(error))}`);
    }
    if (io.stderr.isTTY === true) io.stderr.write(`${verdictLine(report.verdict)} Report written to ${output}.\n`);
  }
  return report.verdict.failed ? 1 : 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      tsconfig: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      config: { type: 'string' },
      'max-blockers': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
}
