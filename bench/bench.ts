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
import { sourceFiles } from './source-files.js';

/**
 * `npm run bench`: how much the plugin adds to a lint run. Each corpus size and mode (untyped, typed)
 * is measured in a Node process of its own, so that neither the heap nor the caches of one
 * measurement weigh on the next.
 */

const CONFIGS = ['floor', 'recommended', 'strict', 'all'] as const;
type ConfigKey = (typeof CONFIGS)[number];
type Mode = 'untyped' | 'typed';

/** The configs each mode measures: typed runs build a program per config and pass, so `all` is left to the untyped run. */
const CONFIGS_OF: Record<Mode, readonly ConfigKey[]> = { untyped: CONFIGS, typed: ['floor', 'recommended', 'strict'] };

type PerConfig<T> = Partial<Record<ConfigKey, T>>;

interface ChildTask {
  dir: string;
  files: string[];
  mode: Mode;
  runs: number;
  clock: Clock;
  /** Set for a single run: lint once with this config in this fresh process (see `runOnce`). */
  once?: ConfigKey;
}

/** One lint in a fresh process: its time, as a one-off `eslint` run pays it, and the process's peak resident set. */
interface OnceResult {
  ms: number;
  rssMb: number;
  findings: number;
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
  samples: PerConfig<number[]>;
  findings: PerConfig<number>;
  /** One-minute load average of the machine before and after the timed runs. */
  load: [number, number];
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
  /** A folder of real sources linted as well as the generated corpus (kept outside the repository). */
  corpus: string | null;
  /** How many of its files (in path order) the untyped and the typed runs lint; all when null. */
  corpusFiles: number | null;
  corpusTypedFiles: number | null;
  /** Also measure the peak resident set of each config, one fresh process per config. */
  rss: boolean;
  /** Rounds of single lints in fresh processes, per config (0: none). */
  cold: number;
}

const USAGE = `Usage: npm run bench -- [--sizes 250,1000,4000] [--typed-sizes 250,1000] [--runs 5] [--seed 1] [--clock cpu|wall]
                       [--corpus DIR [--corpus-files N] [--corpus-typed-files N]] [--rss] [--cold N] [--json] [--write] [--keep]

  --sizes        corpus sizes (files) linted without type information
  --typed-sizes  corpus sizes linted with parserOptions.projectService (and a generated tsconfig.json)
  --runs         timed runs of each config, after one warm-up pass; an untyped corpus under 500 files
                 gets proportionally more (runs × 500 / size); medians are reported
  --seed         seed of the corpus generator: the same seed writes the same files
  --corpus       a folder of real sources (.ts/.tsx/.js/.mjs/.cjs; tests, fixtures, declarations and
                 node_modules left out), measured after the generated corpora, in both modes; the typed
                 run uses the tsconfig.json files found in it
  --corpus-files, --corpus-typed-files
                 lint only the first N files of --corpus (in path order) untyped / typed
  --rss          also lint once per config in a fresh process and report its peak resident set
  --cold         rounds (default 0) in which each config lints the corpus once in a fresh process, configs
                 taking turns: what a one-off \`eslint\` run pays (first parse of every imported module,
                 cold caches and JIT); medians of the rounds, with their peak resident sets
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
  const options: Options = {
    sizes: [250, 1000, 4000],
    typedSizes: [250, 1000],
    runs: 5,
    seed: 1,
    json: false,
    keep: false,
    write: false,
    clock: 'cpu',
    corpus: null,
    corpusFiles: null,
    corpusTypedFiles: null,
    rss: false,
    cold: 0,
  };
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
      case '--corpus':
        options.corpus = path.resolve(value());
        break;
      case '--corpus-files':
        options.corpusFiles = parseList(value(), flag)[0] ?? null;
        break;
      case '--corpus-typed-files':
        options.corpusTypedFiles = parseList(value(), flag)[0] ?? null;
        break;
      case '--cold':
        options.cold = parseList(value(), flag)[0] ?? 0;
        break;
      case '--rss':
        options.rss = true;
        break;
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

interface Measured {
  ms: PerConfig<number>;
  findings: PerConfig<number>;
}

/**
 * Untyped: the configs take turns on each slice of the corpus, in a rotating order, so that
 * another process waking up on the machine slows them all alike instead of whichever ran then.
 */
async function untypedRun(task: ChildTask, run: number): Promise<Measured> {
  const configs = CONFIGS_OF.untyped;
  const instances = configs.map((key) => [key, createESLint(task, key)] as const);
  const ms: PerConfig<number> = {};
  const findings: PerConfig<number> = {};
  for (let slice = 0; slice * SLICE < task.files.length; slice += 1) {
    const files = task.files.slice(slice * SLICE, (slice + 1) * SLICE);
    for (let offset = 0; offset < instances.length; offset += 1) {
      const turn = instances[(run + slice + offset) % instances.length];
      if (!turn) continue;
      const [key, eslint] = turn;
      const elapsed = stopwatch(task.clock);
      const results = await eslint.lintFiles(files);
      ms[key] = (ms[key] ?? 0) + elapsed();
      findings[key] = (findings[key] ?? 0) + countFindings(results);
    }
  }
  return { ms, findings };
}

/**
 * Typed: each config lints the whole corpus on a new TypeScript project service, as a fresh
 * `eslint` process would, so that the program is built and the type checker queried anew each time
 * instead of answering later runs from the caches of the first.
 */
async function typedRun(task: ChildTask, run: number): Promise<Measured> {
  const configs = CONFIGS_OF.typed;
  const ms: PerConfig<number> = {};
  const findings: PerConfig<number> = {};
  for (let offset = 0; offset < configs.length; offset += 1) {
    const key = configs[(run + offset) % configs.length] ?? 'floor';
    tsParser.clearCaches();
    collectGarbage();
    const elapsed = stopwatch(task.clock);
    const results = await lint(task, key);
    ms[key] = elapsed();
    findings[key] = countFindings(results);
  }
  return { ms, findings };
}

function fatalMessages(results: readonly ESLint.LintResult[]): string[] {
  return results.flatMap((result) => result.messages.filter((message) => message.fatal === true).map((message) => `${result.filePath}:${message.line} ${message.message}`));
}

async function runChild(task: ChildTask): Promise<ChildResult> {
  const loadBefore = os.loadavg()[0] ?? 0;
  const configs = CONFIGS_OF[task.mode];
  // Warm-up with the largest config: loads the parser and every rule and lets the JIT settle.
  const warmUpConfig = configs.at(-1) ?? 'all';
  const elapsed = stopwatch(task.clock);
  const warmUp = await lint(task, warmUpConfig);
  const coldMs = elapsed();
  const fatal = fatalMessages(warmUp);
  // A generated corpus must parse whole; a real one may hold a file or two that its own build treats specially.
  if (fatal.length > 0 && (!isRealCorpus(task) || fatal.length * 100 > task.files.length)) throw new Error(`The corpus does not parse (${fatal.length} files):\n${fatal.slice(0, 5).join('\n')}`);
  if (fatal.length > 0) process.stderr.write(`${String(fatal.length)} files of the corpus do not parse (measured as the floor reads them):\n${fatal.slice(0, 5).join('\n')}\n`);
  const samples: PerConfig<number[]> = {};
  let findings: PerConfig<number> = { [warmUpConfig]: countFindings(warmUp) };
  for (let run = 0; run < task.runs; run += 1) {
    collectGarbage();
    const measured = task.mode === 'typed' ? await typedRun(task, run) : await untypedRun(task, run);
    for (const key of configs) (samples[key] ??= []).push(measured.ms[key] ?? Number.NaN);
    findings = measured.findings;
  }
  const ruleMs: Record<string, number> = {};
  let parseMs = 0;
  tsParser.clearCaches();
  for (const result of await lint(task, warmUpConfig, true)) {
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + time.total;
    }
  }
  return { mode: task.mode, files: task.files.length, coldMs, samples, findings, ruleMs, parseMs, load: [loadBefore, os.loadavg()[0] ?? 0] };
}

/** A folder given with `--corpus` (a generated corpus lives in the bench's temporary folder). */
function isRealCorpus(task: ChildTask): boolean {
  return !path.basename(task.dir).startsWith('corpus-');
}

/** One lint with one config in this fresh process: its time, findings and the peak resident set in megabytes. */
async function runOnce(task: ChildTask, key: ConfigKey): Promise<OnceResult> {
  const elapsed = stopwatch(task.clock);
  const results = await lint(task, key);
  const ms = elapsed();
  return { ms, rssMb: process.resourceUsage().maxRSS / 1024, findings: countFindings(results) };
}

function spawnChild<T>(task: ChildTask): T {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--expose-gc', script, '--child'], {
    input: JSON.stringify(task),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`The ${task.mode} run over ${task.files.length} files failed (exit ${String(child.status)}).`);
  return JSON.parse(child.stdout) as T;
}

interface Row {
  corpus: string;
  mode: Mode;
  files: number;
  cold: number;
  /** Medians per config. */
  ms: PerConfig<number>;
  findings: PerConfig<number>;
  load: [number, number];
  /** Peak resident set per config, megabytes, when measured. */
  rssMb: PerConfig<number>;
  /** With `--cold`: medians of single lints in fresh processes. */
  once?: ColdMedians;
}

interface ColdMedians {
  rounds: number;
  ms: PerConfig<number>;
  rssMb: PerConfig<number>;
  load: [number, number];
}

/** `--cold`: rounds of one lint per config, each in a fresh process, the configs taking turns in a rotating order. */
function coldRounds(task: ChildTask, rounds: number): ColdMedians {
  const configs = CONFIGS_OF[task.mode];
  const loadBefore = os.loadavg()[0] ?? 0;
  const ms: PerConfig<number[]> = {};
  const rss: PerConfig<number[]> = {};
  for (let round = 0; round < rounds; round += 1) {
    for (let offset = 0; offset < configs.length; offset += 1) {
      const key = configs[(round + offset) % configs.length] ?? 'floor';
      const result = spawnChild<OnceResult>({ ...task, once: key });
      (ms[key] ??= []).push(result.ms);
      (rss[key] ??= []).push(result.rssMb);
    }
  }
  const medians = (samples: PerConfig<number[]>): PerConfig<number> => Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]));
  return { rounds, ms: medians(ms), rssMb: medians(rss), load: [loadBefore, os.loadavg()[0] ?? 0] };
}

export interface BenchReport {
  /** Per corpus (`synthetic`, or the --corpus folder's name) and mode: each config's median over its floor's, at the largest size. */
  ratios: Record<string, PerConfig<number> & { mode: Mode; files: number; load: [number, number] }>;
  /** Per mode, from the ESLint `stats` of one run of the mode's largest config over its largest synthetic corpus. */
  perRuleMs: Record<string, RuleTimes | null>;
  rows: { corpus: string; mode: Mode; files: number; firstRunMs: number; ms: PerConfig<number>; rssMb: PerConfig<number>; load: [number, number]; once?: ColdMedians }[];
  meta: { runs: number; seed: number; clock: Clock; node: string; eslint: string; cpus: number };
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

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

/** A Markdown table; the first `textColumns` columns are left-aligned, the rest (numbers) right-aligned. */
function table(header: string[], rows: string[][], textColumns = 1): string {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => (column < textColumns ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column < textColumns ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function formatReport(rows: readonly Row[], report: BenchReport, perRuleLabels: Record<string, string>): string {
  const ms = (value: number | undefined): string => (value === undefined ? '-' : value.toFixed(0));
  /** A config's milliseconds and their ratio to the floor's, from one set of medians. */
  const ratio = (medians: PerConfig<number>, key: ConfigKey): string => {
    const value = medians[key];
    const floor = medians.floor;
    return value === undefined || floor === undefined ? '-' : `${ms(value)} (${(value / floor).toFixed(3)})`;
  };
  const load = (range: readonly [number, number]): string => `${range[0].toFixed(1)}–${range[1].toFixed(1)}`;
  /** The floor's milliseconds, then each config's with its ratio. */
  const timings = (medians: PerConfig<number>): string[] => [ms(medians.floor), ratio(medians, 'recommended'), ratio(medians, 'strict'), ratio(medians, 'all')];
  const rss = (row: Row, key: ConfigKey): string => {
    const value = row.rssMb[key];
    return value === undefined ? '' : ` ${value.toFixed(0)}`;
  };
  const anyRss = rows.some((row) => Object.keys(row.rssMb).length > 0);
  const timing = table(
    ['corpus', 'mode', 'files', 'load', 'floor ms', 'recommended ms (ratio)', 'strict ms (ratio)', 'all ms (ratio)', 'findings rec/strict/all', ...(anyRss ? ['peak RSS MB floor/rec/strict/all'] : [])],
    rows.map((row) => [
      row.corpus,
      row.mode,
      String(row.files),
      load(row.load),
      ...timings(row.ms),
      `${String(row.findings.recommended ?? '-')}/${String(row.findings.strict ?? '-')}/${String(row.findings.all ?? '-')}`,
      ...(anyRss ? [CONFIGS.map((key) => rss(row, key).trim() || '-').join('/')] : []),
    ]),
    2,
  );
  const coldRows = rows.filter((row) => row.once !== undefined);
  const coldTable = table(
    ['corpus', 'mode', 'files', 'rounds', 'load', 'floor ms', 'recommended ms (ratio)', 'strict ms (ratio)', 'all ms (ratio)', 'peak RSS MB floor/rec/strict/all'],
    coldRows.flatMap((row) => {
      const once = row.once;
      if (!once) return [];
      return [
        [
          row.corpus,
          row.mode,
          String(row.files),
          String(once.rounds),
          load(once.load),
          ...timings(once.ms),
          CONFIGS.map((key) => (once.rssMb[key] === undefined ? '-' : (once.rssMb[key] ?? 0).toFixed(0))).join('/'),
        ],
      ];
    }),
    2,
  );
  const ratioLines = Object.entries(report.ratios).map(
    ([label, value]) =>
      `${label}: recommended ${String(value.recommended ?? '-')}, strict ${String(value.strict ?? '-')}${value.all === undefined ? '' : `, all ${String(value.all)}`} (${String(value.files)} files, load ${load(value.load)})`,
  );
  const labels = Object.keys(report.perRuleMs);
  const ruleIds = [...new Set(labels.flatMap((label) => Object.keys(report.perRuleMs[label]?.rules ?? {})))].sort();
  const cell = (times: RuleTimes | null | undefined, value: number | undefined): string => (times === null || times === undefined || value === undefined ? '-' : value.toFixed(1));
  const rules = table(
    ['ESLint stats', ...labels.map((label) => `${perRuleLabels[label] ?? label} ms (${String(report.perRuleMs[label]?.files ?? 0)} files)`)],
    [
      ...ruleIds.map((ruleId) => [ruleId, ...labels.map((label) => cell(report.perRuleMs[label], report.perRuleMs[label]?.rules[ruleId]))]),
      ['every rule', ...labels.map((label) => cell(report.perRuleMs[label], report.perRuleMs[label]?.total))],
      ['parse', ...labels.map((label) => cell(report.perRuleMs[label], report.perRuleMs[label]?.parse))],
    ],
  );
  return [
    `Medians of ${report.meta.runs} alternated runs (more for untyped corpora under 500 files), ${report.meta.clock === 'cpu' ? 'CPU' : 'wall-clock'} milliseconds; ratio = config median / floor median (same parser, one empty rule). Load: the machine's one-minute load average before and after.`,
    `Node ${report.meta.node}, ESLint ${report.meta.eslint}, ${report.meta.cpus} CPUs.`,
    '',
    timing,
    '',
    ...(coldRows.length > 0
      ? [
          'One lint in a fresh process per config (`--cold`), the configs taking turns, medians of the rounds: what a one-off `eslint` run pays, with every imported module summarised for the first time, cold caches and a cold JIT (module loading is not included; `npm run bench:startup` measures it):',
          '',
          coldTable,
          '',
        ]
      : []),
    'Ratios at the largest size of each corpus and mode:',
    '',
    ...ratioLines.map((line) => `- ${line}`),
    '',
    'Per-rule time over the largest corpus of each mode, the largest config of the mode (the analysis the rules share is charged to the first rule that asks for it):',
    '',
    rules,
  ].join('\n');
}

const DOC = path.resolve(import.meta.dirname, '..', '..', 'docs', 'performance.md');

/** Replaces what stands between the bench markers of docs/performance.md, and nothing else. */
function writeDoc(text: string): void {
  writeBetweenMarkers(DOC, 'bench', text);
}

const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/u;
/** Tests, fixtures, mocks, declarations and build output: not what a service runs. */
const NOT_SERVICE = /(?:^|\/)(?:__tests__|__fixtures__|__mocks__|integration-tests|tests?|fixtures|dist|build|coverage)\/|\.(?:spec|test)\.[^/]*$|\.d\.[cm]?ts$/u;

/** The service sources of a real corpus, in path order (so that a prefix keeps whole packages together). */
export function corpusFiles(root: string): string[] {
  return sourceFiles([root], (name, file) => SOURCE.test(name) && !NOT_SERVICE.test(path.relative(root, file).split(path.sep).join('/')));
}

function main(argv: readonly string[]): void {
  const options = parseOptions(argv);
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const root = mkdtempSync(path.join(os.tmpdir(), 'stateless-bench-'));
  try {
    const allSizes = [...new Set([...options.sizes, ...options.typedSizes])].sort((a, b) => a - b);
    const tasks: { corpus: string; dir: string; files: string[]; mode: Mode }[] = [];
    const synthetic = new Map<number, string[]>();
    for (const size of allSizes) {
      const { files, statePatterns } = writeCorpus(path.join(root, `corpus-${size}`), size, options.seed);
      synthetic.set(size, files);
      log(`corpus ${size}: ${files.length} files, ${statePatterns} with a module-state pattern`);
    }
    for (const size of [...options.sizes].sort((a, b) => a - b)) tasks.push({ corpus: 'synthetic', dir: path.join(root, `corpus-${size}`), files: synthetic.get(size) ?? [], mode: 'untyped' });
    for (const size of [...options.typedSizes].sort((a, b) => a - b)) tasks.push({ corpus: 'synthetic', dir: path.join(root, `corpus-${size}`), files: synthetic.get(size) ?? [], mode: 'typed' });
    if (options.corpus !== null) {
      const all = corpusFiles(options.corpus);
      if (all.length === 0) throw new UsageError(`--corpus ${options.corpus} holds no source files`);
      const label = path.basename(options.corpus);
      log(`corpus ${label}: ${all.length} source files`);
      tasks.push({ corpus: label, dir: options.corpus, files: all.slice(0, options.corpusFiles ?? all.length), mode: 'untyped' });
      const typed = all.filter((file) => /\.[cm]?tsx?$/u.test(file));
      tasks.push({ corpus: label, dir: options.corpus, files: typed.slice(0, options.corpusTypedFiles ?? typed.length), mode: 'typed' });
    }
    const rows: Row[] = [];
    const results = new Map<string, ChildResult>();
    for (const task of tasks) {
      if (task.files.length === 0) continue;
      const started = performance.now();
      const childTask: ChildTask = { dir: task.dir, files: task.files, mode: task.mode, runs: task.mode === 'typed' ? options.runs : runsFor(options.runs, task.files.length), clock: options.clock };
      const result = spawnChild<ChildResult>(childTask);
      results.set(`${task.corpus}:${task.mode}`, result);
      const rssMb: PerConfig<number> = {};
      if (options.rss) for (const key of CONFIGS_OF[task.mode]) rssMb[key] = round(spawnChild<OnceResult>({ ...childTask, once: key }).rssMb, 0);
      const cold = options.cold > 0 ? coldRounds(childTask, options.cold) : undefined;
      const ms: PerConfig<number> = {};
      for (const key of CONFIGS_OF[task.mode]) {
        const samples = result.samples[key];
        if (samples) ms[key] = median(samples);
      }
      const row: Row = { corpus: task.corpus, mode: task.mode, files: result.files, cold: result.coldMs, ms, findings: result.findings, load: result.load, rssMb, ...(cold ? { once: cold } : {}) };
      rows.push(row);
      log(
        `${task.corpus} ${task.mode} ${String(row.files)}: ${CONFIGS_OF[task.mode].map((key) => `${key} ${ms[key]?.toFixed(0) ?? '-'} ms`).join(', ')}, load ${row.load.map((value) => value.toFixed(1)).join('–')} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    const ratios: BenchReport['ratios'] = {};
    for (const row of rows) {
      // Rows come smallest first: the largest size of a corpus and mode is the last one written.
      const floor = row.ms.floor ?? Number.NaN;
      const entry: BenchReport['ratios'][string] = { mode: row.mode, files: row.files, load: row.load };
      for (const key of CONFIGS_OF[row.mode]) {
        const value = row.ms[key];
        if (key !== 'floor' && value !== undefined) entry[key] = round(value / floor);
      }
      ratios[`${row.corpus} ${row.mode}`] = entry;
    }
    const perRuleMs: BenchReport['perRuleMs'] = {};
    const perRuleLabels: Record<string, string> = {};
    for (const row of rows) {
      const key = `${row.corpus} ${row.mode}`;
      perRuleMs[key] = perRule(results.get(`${row.corpus}:${row.mode}`));
      perRuleLabels[key] = `${key}, ${CONFIGS_OF[row.mode].at(-1) ?? ''}`;
    }
    const report: BenchReport = {
      ratios,
      perRuleMs,
      rows: rows.map((row) => ({ corpus: row.corpus, mode: row.mode, files: row.files, firstRunMs: round(row.cold, 1), ms: Object.fromEntries(Object.entries(row.ms).map(([key, value]) => [key, round(value, 1)])), rssMb: row.rssMb, load: row.load, ...(row.once ? { once: { ...row.once, ms: Object.fromEntries(Object.entries(row.once.ms).map(([key, value]) => [key, round(value, 1)])), rssMb: Object.fromEntries(Object.entries(row.once.rssMb).map(([key, value]) => [key, round(value, 0)])) } } : {}) })),
      meta: { runs: options.runs, seed: options.seed, clock: options.clock, node: process.versions.node, eslint: ESLint.version, cpus: os.availableParallelism() },
    };
    const text = formatReport(rows, report, perRuleLabels);
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
      const task = JSON.parse(await readStdin()) as ChildTask;
      const result = task.once === undefined ? await runChild(task) : await runOnce(task, task.once);
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
