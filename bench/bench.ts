import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from '../src/index.js';
import { writeBetweenMarkers } from '../tools/markers.js';
import { writeCorpus } from './corpus.js';

/**
 * `npm run bench`: how much the plugin adds to a lint run. Each corpus size and mode (untyped, typed)
 * is measured in a Node process of its own, so that neither the heap nor the caches of one
 * measurement weigh on the next.
 */

const CONFIGS = ['floor', 'recommended', 'all'] as const;
type ConfigKey = (typeof CONFIGS)[number];
type Mode = 'untyped' | 'typed';

interface ChildTask {
  dir: string;
  files: string[];
  mode: Mode;
  runs: number;
  clock: Clock;
}

/**
 * `cpu`: user + system CPU time of the linting process (all its threads, so garbage collection counts).
 * Another process busy on the same cores stretches wall-clock time much more than it does this.
 */
type Clock = 'cpu' | 'wall';

function stopwatch(clock: Clock): () => number {
  if (clock === 'wall') {
    const start = performance.now();
    return () => performance.now() - start;
  }
  const start = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
}

interface ChildResult {
  mode: Mode;
  files: number;
  /** The first (warm-up) run of `all` in a fresh process: what a one-off CLI run pays. */
  coldMs: number;
  /** Milliseconds of each timed run, on the clock of the task. */
  samples: Record<ConfigKey, number[]>;
  findings: Record<ConfigKey, number>;
  /** Per rule of `all`, milliseconds summed over the corpus, from ESLint's `stats` in a separate run. */
  ruleMs: Record<string, number>;
  parseMs: number;
}

interface Options {
  sizes: number[];
  typedSizes: number[];
  runs: number;
  seed: number;
  json: boolean;
  keep: boolean;
  write: boolean;
  clock: Clock;
}

const USAGE = `Usage: npm run bench -- [--sizes 250,1000,4000] [--typed-sizes 250,1000] [--runs 3] [--seed 1] [--clock cpu|wall] [--json] [--write] [--keep]

  --sizes        corpus sizes (files) linted without type information
  --typed-sizes  corpus sizes linted with parserOptions.projectService (and a generated tsconfig.json)
  --runs         timed runs of each config, after one warm-up pass; an untyped corpus under 500 files
                 gets proportionally more (runs × 500 / size); medians are reported
  --seed         seed of the corpus generator: the same seed writes the same files
  --clock        cpu (default): CPU time of the linting process; wall: wall-clock time
  --json         print one line of JSON instead of the tables
  --write        also put the tables and the JSON line in docs/performance.md, between its bench markers
  --keep         keep the generated corpora and print where they are
`;

/** A mistake in the command line: reported with the usage text, without a stack trace. */
class UsageError extends Error {}

function parseList(value: string | undefined, flag: string): number[] {
  const list = (value ?? '')
    .split(',')
    .filter((item) => item.trim() !== '')
    .map(Number);
  if (list.some((item) => !Number.isInteger(item) || item < 1)) throw new UsageError(`${flag} takes a comma-separated list of positive integers (an empty list, \`${flag}=\`, skips that mode)`);
  return list;
}

export function parseOptions(argv: readonly string[]): Options {
  const options: Options = { sizes: [250, 1000, 4000], typedSizes: [250, 1000], runs: 3, seed: 1, json: false, keep: false, write: false, clock: 'cpu' };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag = '', inline] = (argv[index] ?? '').split('=', 2);
    const value = (): string => {
      if (inline !== undefined) return inline;
      index += 1;
      const next = argv[index];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--sizes':
        options.sizes = parseList(value(), flag);
        break;
      case '--typed-sizes':
        options.typedSizes = parseList(value(), flag);
        break;
      case '--runs':
        options.runs = parseList(value(), flag)[0] ?? options.runs;
        break;
      case '--seed':
        options.seed = parseList(value(), flag)[0] ?? options.seed;
        break;
      case '--clock': {
        const clock = value();
        if (clock !== 'cpu' && clock !== 'wall') throw new UsageError('--clock takes cpu or wall');
        options.clock = clock;
        break;
      }
      case '--json':
        options.json = true;
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--write':
        options.write = true;
        break;
      case '--help':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new UsageError(`Unknown argument ${flag}`);
    }
  }
  return options;
}

/**
 * Small untyped corpora are measured more often, so that every median rests on about as many linted
 * files. Typed runs are not: each builds a TypeScript program, and they are what makes a run long.
 */
export function runsFor(runs: number, size: number): number {
  return Math.max(runs, Math.round((runs * 500) / size));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const high = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? high : ((sorted[middle - 1] ?? Number.NaN) + high) / 2;
}

// The floor: the same parser as the shipped configs (espree for JavaScript, @typescript-eslint/parser for
// TypeScript), the same files, ESLint's traversal, and one rule that listens to nothing.
const floorPlugin = {
  meta: { name: 'bench-floor' },
  rules: { noop: { meta: { type: 'problem' as const, schema: [] }, create: () => ({}) } },
};

function configFor(key: ConfigKey, mode: Mode, dir: string): Linter.Config[] {
  const parserOptions = mode === 'typed' ? { projectService: true, tsconfigRootDir: dir } : {};
  if (key === 'floor') {
    return [
      {
        files: plugin.configs.recommended.files,
        plugins: { bench: floorPlugin },
        languageOptions: { parser: plugin.configs.recommended.languageOptions?.parser, parserOptions },
        rules: { 'bench/noop': 'error' },
      },
    ];
  }
  const shipped = plugin.configs[key];
  return [{ ...shipped, languageOptions: { ...shipped.languageOptions, parserOptions } }];
}

function createESLint(task: ChildTask, key: ConfigKey, stats = false): ESLint {
  return new ESLint({ cwd: task.dir, overrideConfigFile: true, overrideConfig: configFor(key, task.mode, task.dir), cache: false, stats });
}

function lint(task: ChildTask, key: ConfigKey, stats = false): Promise<ESLint.LintResult[]> {
  return createESLint(task, key, stats).lintFiles(task.files);
}

function countFindings(results: readonly ESLint.LintResult[]): number {
  return results.reduce((sum, result) => sum + result.messages.filter((message) => message.ruleId?.startsWith('stateless/') === true).length, 0);
}

/** Files per `lintFiles` call in a timed run. */
const SLICE = 25;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Untyped: the three configs take turns on each slice of the corpus, in a rotating order, so that
 * another process waking up on the machine slows all three alike instead of whichever ran then.
 */
async function untypedRun(task: ChildTask, run: number): Promise<{ ms: Record<ConfigKey, number>; findings: Record<ConfigKey, number> }> {
  const instances = CONFIGS.map((key) => [key, createESLint(task, key)] as const);
  const ms: Record<ConfigKey, number> = { floor: 0, recommended: 0, all: 0 };
  const findings: Record<ConfigKey, number> = { floor: 0, recommended: 0, all: 0 };
  for (let slice = 0; slice * SLICE < task.files.length; slice += 1) {
    const files = task.files.slice(slice * SLICE, (slice + 1) * SLICE);
    for (let offset = 0; offset < instances.length; offset += 1) {
      const turn = instances[(run + slice + offset) % instances.length];
      if (!turn) continue;
      const [key, eslint] = turn;
      const elapsed = stopwatch(task.clock);
      const results = await eslint.lintFiles(files);
      ms[key] += elapsed();
      findings[key] += countFindings(results);
    }
  }
  return { ms, findings };
}

/**
 * Typed: each config lints the whole corpus on a new TypeScript project service, as a fresh
 * `eslint` process would, so that the program is built and the type checker queried anew each time
 * instead of answering later runs from the caches of the first.
 */
async function typedRun(task: ChildTask, run: number): Promise<{ ms: Record<ConfigKey, number>; findings: Record<ConfigKey, number> }> {
  const ms: Record<ConfigKey, number> = { floor: 0, recommended: 0, all: 0 };
  const findings: Record<ConfigKey, number> = { floor: 0, recommended: 0, all: 0 };
  for (let offset = 0; offset < CONFIGS.length; offset += 1) {
    const key = CONFIGS[(run + offset) % CONFIGS.length] ?? 'floor';
    tsParser.clearCaches();
    collectGarbage();
    const elapsed = stopwatch(task.clock);
    const results = await lint(task, key);
    ms[key] = elapsed();
    findings[key] = countFindings(results);
  }
  return { ms, findings };
}

async function runChild(task: ChildTask): Promise<ChildResult> {
  // Warm-up with `all`: loads the parser and every rule and lets the JIT settle.
  const elapsed = stopwatch(task.clock);
  const warmUp = await lint(task, 'all');
  const coldMs = elapsed();
  const fatal = warmUp.flatMap((result) =>
    result.messages.filter((message) => message.fatal === true).map((message) => `${result.filePath}:${message.line} ${message.message}`),
  );
  if (fatal.length > 0) throw new Error(`The corpus does not parse (${fatal.length} files):\n${fatal.slice(0, 5).join('\n')}`);
  const samples: Record<ConfigKey, number[]> = { floor: [], recommended: [], all: [] };
  let findings: Record<ConfigKey, number> = { floor: 0, recommended: 0, all: countFindings(warmUp) };
  for (let run = 0; run < task.runs; run += 1) {
    collectGarbage();
    const measured = task.mode === 'typed' ? await typedRun(task, run) : await untypedRun(task, run);
    for (const key of CONFIGS) samples[key].push(measured.ms[key]);
    findings = measured.findings;
  }
  const ruleMs: Record<string, number> = {};
  let parseMs = 0;
  tsParser.clearCaches();
  for (const result of await lint(task, 'all', true)) {
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + time.total;
    }
  }
  return { mode: task.mode, files: task.files.length, coldMs, samples, findings, ruleMs, parseMs };
}

function spawnChild(task: ChildTask): ChildResult {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--expose-gc', script, '--child'], {
    input: JSON.stringify(task),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`The ${task.mode} run over ${task.files.length} files failed (exit ${String(child.status)}).`);
  return JSON.parse(child.stdout) as ChildResult;
}

interface Row {
  mode: Mode;
  files: number;
  cold: number;
  floor: number;
  recommended: number;
  all: number;
  findings: Record<ConfigKey, number>;
}

export interface BenchReport {
  ratios: { recommended: number | null; all: number | null; recommendedTyped: number | null; allTyped: number | null };
  /** Per mode, from the ESLint `stats` of one `all` run over the largest corpus of that mode. */
  perRuleMs: Record<Mode, RuleTimes | null>;
  scaling: Record<Mode, { sizes: Record<string, { firstRunMs: number; floorMs: number; recommendedMs: number; allMs: number; allMsPerFile: number }>; growth: number | null }>;
  meta: { runs: number; seed: number; clock: Clock; node: string; eslint: string; cpus: number };
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

function ratiosOf(rows: readonly Row[]): { recommended: number; all: number } | null {
  const largest = rows.at(-1);
  if (!largest) return null;
  return { recommended: round(largest.recommended / largest.floor), all: round(largest.all / largest.floor) };
}

function scalingOf(rows: readonly Row[]): BenchReport['scaling'][Mode] {
  const sizes: BenchReport['scaling'][Mode]['sizes'] = {};
  for (const row of rows) {
    sizes[String(row.files)] = {
      firstRunMs: round(row.cold, 1),
      floorMs: round(row.floor, 1),
      recommendedMs: round(row.recommended, 1),
      allMs: round(row.all, 1),
      allMsPerFile: round(row.all / row.files),
    };
  }
  const first = rows[0];
  const last = rows.at(-1);
  const growth = first && last && first !== last ? round(last.all / last.files / (first.all / first.files)) : null;
  return { sizes, growth };
}

interface RuleTimes {
  files: number;
  /** Parsing, summed over the files (typed: includes building the TypeScript program). */
  parse: number;
  /** Every rule together. */
  total: number;
  rules: Record<string, number>;
}

function perRule(result: ChildResult | undefined): RuleTimes | null {
  if (!result) return null;
  const rules: Record<string, number> = {};
  for (const [ruleId, ms] of Object.entries(result.ruleMs).sort(([a], [b]) => a.localeCompare(b))) rules[ruleId] = round(ms, 1);
  const total = Object.values(result.ruleMs).reduce((sum, ms) => sum + ms, 0);
  return { files: result.files, parse: round(result.parseMs, 1), total: round(total, 1), rules };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function formatReport(rows: readonly Row[], report: BenchReport): string {
  const ms = (value: number): string => value.toFixed(0);
  const ratio = (value: number, floor: number): string => `${ms(value)} (${(value / floor).toFixed(3)})`;
  const timing = table(
    ['mode', 'files', 'first run ms', 'floor ms', 'recommended ms (ratio)', 'all ms (ratio)', 'all ms/file', 'findings rec/all'],
    rows.map((row) => [
      row.mode,
      String(row.files),
      ms(row.cold),
      ms(row.floor),
      ratio(row.recommended, row.floor),
      ratio(row.all, row.floor),
      (row.all / row.files).toFixed(2),
      `${row.findings.recommended}/${row.findings.all}`,
    ]),
  );
  const { untyped, typed } = report.perRuleMs;
  const ruleIds = Object.keys({ ...untyped?.rules, ...typed?.rules }).sort();
  const cell = (times: RuleTimes | null, value: number | undefined): string => (times === null || value === undefined ? '-' : value.toFixed(1));
  const header = (mode: Mode, times: RuleTimes | null): string => (times === null ? `${mode} ms` : `${mode} ms (${times.files} files)`);
  const rules = table(
    ['`all`, ESLint stats', header('untyped', untyped), header('typed', typed)],
    [
      ...ruleIds.map((ruleId) => [ruleId, cell(untyped, untyped?.rules[ruleId]), cell(typed, typed?.rules[ruleId])]),
      ['every rule', cell(untyped, untyped?.total), cell(typed, typed?.total)],
      ['parse', cell(untyped, untyped?.parse), cell(typed, typed?.parse)],
    ],
  );
  const growth = (mode: Mode): string => {
    const value = report.scaling[mode].growth;
    return value === null ? 'one size only' : `${value.toFixed(2)}× the per-file time of the smallest`;
  };
  return [
    `Medians of ${report.meta.runs} runs (more for untyped corpora under 500 files), ${report.meta.clock === 'cpu' ? 'CPU' : 'wall-clock'} milliseconds; ratio = config median / floor median (same parser, one empty rule).`,
    `Node ${report.meta.node}, ESLint ${report.meta.eslint}, ${report.meta.cpus} CPUs.`,
    '',
    timing,
    '',
    `Ratios at the largest size: recommended ${String(report.ratios.recommended)}, all ${String(report.ratios.all)}, ` +
      `recommended typed ${String(report.ratios.recommendedTyped)}, all typed ${String(report.ratios.allTyped)}.`,
    `Scaling, \`all\` per file at the largest size: untyped ${growth('untyped')}, typed ${growth('typed')}.`,
    '',
    'Per-rule time over the largest corpus of each mode (the analysis the rules share is charged to the first rule that asks for it):',
    '',
    rules,
  ].join('\n');
}

const DOC = path.resolve(import.meta.dirname, '..', '..', 'docs', 'performance.md');

/** Replaces what stands between the bench markers of docs/performance.md, and nothing else. */
function writeDoc(text: string): void {
  writeBetweenMarkers(DOC, 'bench', text);
}

function main(argv: readonly string[]): void {
  const options = parseOptions(argv);
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const root = mkdtempSync(path.join(os.tmpdir(), 'stateless-bench-'));
  try {
    const allSizes = [...new Set([...options.sizes, ...options.typedSizes])].sort((a, b) => a - b);
    const corpora = new Map<number, string[]>();
    for (const size of allSizes) {
      const { files, statePatterns } = writeCorpus(path.join(root, `corpus-${size}`), size, options.seed);
      corpora.set(size, files);
      log(`corpus ${size}: ${files.length} files, ${statePatterns} with a module-state pattern`);
    }
    const rows: Row[] = [];
    const results = new Map<string, ChildResult>();
    const plan: [Mode, number[]][] = [
      ['untyped', [...options.sizes].sort((a, b) => a - b)],
      ['typed', [...options.typedSizes].sort((a, b) => a - b)],
    ];
    for (const [mode, sizes] of plan) {
      for (const size of sizes) {
        const started = performance.now();
        const result = spawnChild({ dir: path.join(root, `corpus-${size}`), files: corpora.get(size) ?? [], mode, runs: mode === 'typed' ? options.runs : runsFor(options.runs, size), clock: options.clock });
        results.set(`${mode}:${size}`, result);
        const row: Row = {
          mode,
          files: result.files,
          cold: result.coldMs,
          floor: median(result.samples.floor),
          recommended: median(result.samples.recommended),
          all: median(result.samples.all),
          findings: result.findings,
        };
        rows.push(row);
        log(`${mode} ${size}: floor ${row.floor.toFixed(0)} ms, recommended ${row.recommended.toFixed(0)} ms, all ${row.all.toFixed(0)} ms (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      }
    }
    const untypedRows = rows.filter((row) => row.mode === 'untyped');
    const typedRows = rows.filter((row) => row.mode === 'typed');
    const untyped = ratiosOf(untypedRows);
    const typed = ratiosOf(typedRows);
    const largestUntyped = untypedRows.at(-1)?.files;
    const largestTyped = typedRows.at(-1)?.files;
    const report: BenchReport = {
      ratios: {
        recommended: untyped?.recommended ?? null,
        all: untyped?.all ?? null,
        recommendedTyped: typed?.recommended ?? null,
        allTyped: typed?.all ?? null,
      },
      perRuleMs: {
        untyped: perRule(results.get(`untyped:${String(largestUntyped)}`)),
        typed: perRule(results.get(`typed:${String(largestTyped)}`)),
      },
      scaling: { untyped: scalingOf(untypedRows), typed: scalingOf(typedRows) },
      meta: { runs: options.runs, seed: options.seed, clock: options.clock, node: process.versions.node, eslint: ESLint.version, cpus: os.availableParallelism() },
    };
    const text = formatReport(rows, report);
    process.stdout.write(`${options.json ? JSON.stringify(report) : text}\n`);
    if (options.write) {
      writeDoc(`${text}\n\n\`\`\`json\n${JSON.stringify(report)}\n\`\`\``);
      log(`results written to ${path.relative(process.cwd(), DOC)}`);
    }
    if (options.keep) log(`corpora kept in ${root}`);
  } finally {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  const argv = process.argv.slice(2);
  try {
    if (argv[0] === '--child') {
      const result = await runChild(JSON.parse(await readStdin()) as ChildTask);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      main(argv);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      // Anything else is a failure of the run itself (a corpus that does not parse, a child that crashed).
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
