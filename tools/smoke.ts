import { mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { findRepoRoot } from './fixtures.js';

/**
 * `npm run smoke`: the `all` config over every JavaScript and TypeScript file under 1 MB in the
 * project's own `node_modules`, thousands of files written by others. A parse error of a file is the
 * file's business; an exception thrown while our rules run is a failure and names the file and rule.
 */

export const SMOKE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.tsx']);
export const MAX_BYTES = 1024 * 1024;

export type Concurrency = number | 'auto' | 'off';

export interface SmokeOptions {
  root: string;
  /** Folder to lint, relative to `root`. */
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
}

/** Every file of a smoke run, sorted: the extensions above, under 1 MB, no symbolic links. */
export function listSmokeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SMOKE_EXTENSIONS.has(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => statSync(file).size < MAX_BYTES)
    .sort();
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
function writeOptionsModule(dir: string, root: string, concurrency: Concurrency): URL {
  const file = path.join(dir, `options-${String(concurrency)}.mjs`);
  const pluginUrl = pathToFileURL(path.join(root, 'dist', 'src', 'index.js')).href;
  writeFileSync(
    file,
    [
      `import plugin from ${JSON.stringify(pluginUrl)};`,
      'export default {',
      `  cwd: ${JSON.stringify(root)},`,
      '  overrideConfigFile: true,',
      '  overrideConfig: [plugin.configs.all],',
      // node_modules is ignored by default; here it is the point.
      '  ignorePatterns: ["!**/node_modules/"],',
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

export async function runSmoke(options: SmokeOptions, progress: (line: string) => void = () => undefined): Promise<SmokeReport> {
  const started = performance.now();
  let files = listSmokeFiles(path.join(options.root, options.dir));
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
  };
  try {
    const batched = await createESLint(writeOptionsModule(temp, options.root, options.concurrency));
    const single = await createESLint(writeOptionsModule(temp, options.root, 'off'));
    const record = (results: ESLint.LintResult[]): void => {
      for (const result of results) {
        for (const message of result.messages) {
          if (message.fatal === true) {
            report.parseErrors += 1;
            if (report.parseErrorSamples.length < 5) {
              report.parseErrorSamples.push(`${path.relative(options.root, result.filePath)}:${message.line} ${message.message}`);
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
            report.exceptions.push({ file: path.relative(options.root, file), rule: ruleOfError(message), message: firstLine(message) });
          }
        }
      }
      progress(`${Math.min(start + options.batchSize, files.length)}/${files.length} files, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
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
    `Exceptions from rules: ${report.exceptions.length}.`,
    ...report.exceptions.map((exception) => `  ${exception.file}  ${exception.rule ?? '(no rule named)'}  ${exception.message}`),
  ];
  return out.join('\n');
}

const USAGE = `Usage: npm run smoke -- [--dir node_modules] [--concurrency auto|off|N] [--batch 1000] [--limit N]\n`;

export function parseSmokeArgs(argv: readonly string[], root: string): SmokeOptions {
  const options: SmokeOptions = { root, dir: 'node_modules', concurrency: 'auto', batchSize: 1000, limit: 0 };
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
        break;
      case '--concurrency': {
        const text = value();
        const workers = Number(text);
        if (text !== 'auto' && text !== 'off' && !(Number.isInteger(workers) && workers > 0)) throw new Error(`--concurrency takes auto, off or a number of threads\n${USAGE}`);
        options.concurrency = text === 'auto' || text === 'off' ? text : workers;
        break;
      }
      case '--batch':
        options.batchSize = Math.max(count(), 1);
        break;
      case '--limit':
        options.limit = count();
        break;
      default:
        throw new Error(`Unknown argument ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const root = findRepoRoot(import.meta.dirname);
  const options = parseSmokeArgs(process.argv.slice(2), root);
  const report = await runSmoke(options, (line) => {
    process.stderr.write(`${line}\n`);
  });
  process.stdout.write(`${formatSmokeReport(report, options.dir)}\n`);
  // A skipped file proves nothing: the smoke fails when ESLint did not lint every file it was given.
  process.exitCode = report.exceptions.length > 0 || report.files === 0 || report.skipped > 0 ? 1 : 0;
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
