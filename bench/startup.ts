import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeBetweenMarkers } from '../tools/markers.js';

/**
 * `npm run bench:startup`: what loading the plugin costs before the first file, in fresh Node
 * processes (an editor start, a one-off CI lint).
 *
 * - *import*: CPU time of `import('eslint-plugin-stateless')` against `import('@typescript-eslint/parser')`,
 *   the one package every TypeScript lint loads anyway.
 * - *first lint*: CPU time of a whole `eslint` command on one file (Node start, ESLint, the config,
 *   the parse and the rules), with `recommended` against the floor: the same parser and one rule that
 *   listens to nothing. Once for a TypeScript file and once for a JavaScript one.
 *
 * The measurements take turns, so that a burst of other work on the machine lands on both sides
 * alike, and the tables show medians. CPU time is user + system time of every thread of the process.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOC = path.join(ROOT, 'docs', 'performance.md');
const PLUGIN = path.join(ROOT, 'dist', 'src', 'bundle.js');
const ESLINT_BIN = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const SAMPLES = {
  typescript: path.join(ROOT, 'fixtures', 'services', 'hono-api', 'src', 'index.ts'),
  javascript: path.join(ROOT, 'fixtures', 'services', 'express-shop', 'server.js'),
} as const;

const USAGE = `Usage: npm run bench:startup -- [--runs 10] [--write]

  --runs    fresh processes per measurement (default 10); the tables show medians
  --write   also put the table in docs/performance.md, between its startup markers
`;

interface Options {
  runs: number;
  write: boolean;
}

export function parseStartupOptions(argv: readonly string[]): Options {
  const options: Options = { runs: 10, write: false };
  for (let index = 0; index < argv.length; index++) {
    const [flag = '', inline] = (argv[index] ?? '').split(/=(.*)/su);
    switch (flag) {
      case '--runs': {
        const value = inline ?? argv[++index];
        if (value === undefined) throw new Error('--runs needs a value');
        const runs = Number(value);
        if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
        options.runs = runs;
        break;
      }
      case '--write':
        options.write = true;
        break;
      default:
        throw new Error(`Unknown argument ${flag}`);
    }
  }
  return options;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const high = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? high : ((sorted[middle - 1] ?? Number.NaN) + high) / 2;
}

/** A child that prints the CPU milliseconds its process spent, on the last line of stdout or in a file. */
function run(args: readonly string[], cwd: string): number {
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.error) throw child.error;
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  const ms = Number(last);
  // `eslint` exits with 1 when it reports something, which is what the sample is for.
  if ((child.status !== 0 && child.status !== 1) || !Number.isFinite(ms)) {
    throw new Error(`node ${args.join(' ')} failed (exit ${String(child.status)}):\n${child.stderr}`);
  }
  return ms;
}

function importScript(specifier: string): string[] {
  const script = `
    const start = process.cpuUsage();
    await import(${JSON.stringify(specifier)});
    const used = process.cpuUsage(start);
    process.stdout.write(String((used.user + used.system) / 1000));
  `;
  return ['--input-type=module', '--eval', script];
}

interface Workspace {
  dir: string;
  /** A preload that prints the process's CPU milliseconds when it exits, after ESLint's own output. */
  probe: string;
  floor: Record<keyof typeof SAMPLES, string>;
  recommended: string;
  /** The sample files, copied into the folder ESLint runs in (files outside it are ignored). */
  samples: Record<keyof typeof SAMPLES, string>;
}

function workspace(): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stateless-startup-'));
  const probe = path.join(dir, 'cpu-at-exit.cjs');
  writeFileSync(probe, `process.on('exit', () => { const used = process.cpuUsage(); process.stdout.write('\\n' + String((used.user + used.system) / 1000) + '\\n'); });\n`);
  // Resolved here, so that the config files in the temp folder load this checkout's packages.
  const require = createRequire(path.join(ROOT, 'package.json'));
  const tsParser = pathToFileURL(require.resolve('@typescript-eslint/parser')).href;
  const plugin = pathToFileURL(PLUGIN).href;
  // The floor: the parser the shipped configs use for the file (ESLint's default for JavaScript,
  // @typescript-eslint/parser for TypeScript) and one rule that listens to nothing. The rule takes an
  // options object, as the plugin's rules and most of ESLint's do: the first rule with an options
  // schema makes ESLint build its schema validator (about 0.3 s), which any real configuration pays.
  const floorRule = `const noop = { meta: { type: 'problem', schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }] }, create: () => ({}) };
const floor = { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], plugins: { floor: { meta: { name: 'floor' }, rules: { noop } } }, rules: { 'floor/noop': 'error' } };`;
  const floor = { typescript: path.join(dir, 'floor-typescript.config.mjs'), javascript: path.join(dir, 'floor-javascript.config.mjs') };
  writeFileSync(floor.typescript, `import * as tsParser from ${JSON.stringify(tsParser)};\n${floorRule}\nexport default [{ ...floor, languageOptions: { parser: tsParser } }];\n`);
  writeFileSync(floor.javascript, `${floorRule}\nexport default [floor];\n`);
  const recommended = path.join(dir, 'recommended.config.mjs');
  writeFileSync(recommended, `import stateless from ${JSON.stringify(plugin)};\nexport default [stateless.configs.recommended];\n`);
  const samples = { typescript: path.join(dir, 'index.ts'), javascript: path.join(dir, 'server.js') };
  copyFileSync(SAMPLES.typescript, samples.typescript);
  copyFileSync(SAMPLES.javascript, samples.javascript);
  return { dir, probe, floor, recommended, samples };
}

interface Report {
  runs: number;
  importMs: { parser: number; plugin: number; ratio: number };
  firstLintMs: Record<keyof typeof SAMPLES, { floor: number; recommended: number; ratio: number }>;
  meta: { node: string; eslint: string; cpus: number; date: string };
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function measure(runs: number): Report {
  const space = workspace();
  try {
    const imports = { parser: [] as number[], plugin: [] as number[] };
    const lints = {
      typescript: { floor: [] as number[], recommended: [] as number[] },
      javascript: { floor: [] as number[], recommended: [] as number[] },
    };
    for (let index = 0; index < runs; index++) {
      // Alternate which side goes first, so that neither always runs on a cooler machine.
      const sides = index % 2 === 0 ? (['parser', 'plugin'] as const) : (['plugin', 'parser'] as const);
      for (const side of sides) {
        imports[side].push(run(importScript(side === 'parser' ? '@typescript-eslint/parser' : 'eslint-plugin-stateless'), ROOT));
      }
      for (const language of Object.keys(SAMPLES) as (keyof typeof SAMPLES)[]) {
        const configs = index % 2 === 0 ? (['floor', 'recommended'] as const) : (['recommended', 'floor'] as const);
        for (const config of configs) {
          lints[language][config].push(run(['--require', space.probe, ESLINT_BIN, '--config', config === 'floor' ? space.floor[language] : space.recommended, space.samples[language]], space.dir));
        }
      }
      process.stderr.write(`run ${index + 1} of ${runs}\n`);
    }
    const importParser = median(imports.parser);
    const importPlugin = median(imports.plugin);
    const firstLint = (language: keyof typeof SAMPLES): Report['firstLintMs'][keyof typeof SAMPLES] => {
      const floor = median(lints[language].floor);
      const recommended = median(lints[language].recommended);
      return { floor: round(floor, 1), recommended: round(recommended, 1), ratio: round(recommended / floor) };
    };
    const eslintVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string }).version;
    return {
      runs,
      importMs: { parser: round(importParser, 1), plugin: round(importPlugin, 1), ratio: round(importPlugin / importParser) },
      firstLintMs: { typescript: firstLint('typescript'), javascript: firstLint('javascript') },
      meta: { node: process.versions.node, eslint: eslintVersion, cpus: os.availableParallelism(), date: new Date().toISOString().slice(0, 10) },
    };
  } finally {
    rmSync(space.dir, { recursive: true, force: true });
  }
}

export function renderStartup(report: Report): string {
  const ms = (value: number): string => value.toFixed(0);
  return [
    `Medians of ${report.runs} fresh processes, CPU milliseconds (user + system). Node ${report.meta.node}, ESLint ${report.meta.eslint}, ${report.meta.cpus} CPUs, ${report.meta.date}.`,
    '',
    '| measurement | baseline | baseline ms | plugin ms | ratio |',
    '| --- | --- | ---: | ---: | ---: |',
    `| \`import\` of the package | \`@typescript-eslint/parser\` | ${ms(report.importMs.parser)} | ${ms(report.importMs.plugin)} | ${report.importMs.ratio.toFixed(2)} |`,
    `| \`eslint\` on one TypeScript file (\`hono-api/src/index.ts\`) | floor config | ${ms(report.firstLintMs.typescript.floor)} | ${ms(report.firstLintMs.typescript.recommended)} | ${report.firstLintMs.typescript.ratio.toFixed(2)} |`,
    `| \`eslint\` on one JavaScript file (\`express-shop/server.js\`) | floor config | ${ms(report.firstLintMs.javascript.floor)} | ${ms(report.firstLintMs.javascript.recommended)} | ${report.firstLintMs.javascript.ratio.toFixed(2)} |`,
    '',
    '```json',
    JSON.stringify(report),
    '```',
  ].join('\n');
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  try {
    const options = parseStartupOptions(process.argv.slice(2));
    const text = renderStartup(measure(options.runs));
    process.stdout.write(`${text}\n`);
    if (options.write) writeBetweenMarkers(DOC, 'startup', text);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
  }
}
