import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StatelessPlugin } from '../src/index.js';
import { type ConfigName, createESLint, findRepoRoot, listSourceFiles, relativePath, SERVICES_DIR } from './fixtures.js';

const PREFIX = 'stateless/';

// `// expect: a, b` or `/* expect: a */` (JSX: `{/* expect: a */}`) closing the line it annotates.
// `expect-typed:` marks a finding that only typed linting can make (cross-file state).
const EXPECT_COMMENT = /(?:\/\/|\/\*)\s*expect(-typed)?:\s*([\w/,\s-]*?)\s*(?:\*\/\s*\}?)?\s*$/;

export interface Finding {
  /** Repository-relative, forward slashes. */
  file: string;
  line: number;
  /** Rule name without the `stateless/` prefix. */
  rule: string;
  /** The reported message for an extra finding, the annotated source line for a missing one. */
  text: string;
}

export interface RuleScore {
  rule: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** `null` when the rule reported nothing, so precision is undefined. */
  precision: number | null;
  /** `null` when nothing expected the rule, so recall is undefined. */
  recall: number | null;
}

export interface PrecisionReport {
  config: ConfigName;
  /** Every linted fixture file, repository-relative. */
  files: string[];
  rules: RuleScore[];
  /** Expected but not reported: recall defects. */
  missing: Finding[];
  /** Reported but not expected: precision defects. */
  extra: Finding[];
  /** Problems of the harness itself (parse errors, unknown rule names); any of them voids the scores. */
  errors: string[];
}

export interface PrecisionOptions {
  plugin: StatelessPlugin;
  /** Repository root; fixtures are read from `<root>/fixtures/services`. */
  root: string;
  config?: ConfigName;
  /** Lint TypeScript fixtures with type information (`fixtures/tsconfig.json`). */
  typed?: boolean;
}

/** Line number → rule names expected on that line. */
export type Expectations = Map<number, Set<string>>;

export function parseExpectations(source: string, typed = false): Expectations {
  const expectations: Expectations = new Map();
  source.split(/\r?\n/).forEach((text, index) => {
    const match = EXPECT_COMMENT.exec(text);
    if (!match) return;
    if (match[1] !== undefined && !typed) return;
    const names = (match[2] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .map((name) => (name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name));
    expectations.set(index + 1, new Set(names));
  });
  return expectations;
}

export async function runPrecision({ plugin, root, config = 'recommended', typed = false }: PrecisionOptions): Promise<PrecisionReport> {
  const files = listSourceFiles(path.join(root, SERVICES_DIR));
  const enabled = new Set(
    Object.keys(plugin.configs[config].rules ?? {})
      .filter((name) => name.startsWith(PREFIX))
      .map((name) => name.slice(PREFIX.length)),
  );
  const report: PrecisionReport = {
    config,
    files: files.map((file) => relativePath(root, file)),
    rules: [],
    missing: [],
    extra: [],
    errors: [],
  };
  if (files.length === 0) {
    report.errors.push(`No fixture files under ${SERVICES_DIR}.`);
    return report;
  }

  const counts = new Map([...enabled].sort().map((rule) => [rule, { tp: 0, fp: 0, fn: 0 }]));
  const results = await createESLint(plugin, root, config, typed).lintFiles(files);

  for (const result of results) {
    const file = relativePath(root, result.filePath);
    const lines = (result.source ?? readFileSync(result.filePath, 'utf8')).split(/\r?\n/);
    const expected = parseExpectations(lines.join('\n'), typed);
    const reported = new Map<string, string>();

    for (const message of result.messages) {
      if (message.fatal === true || message.ruleId === null) {
        report.errors.push(`${file}:${message.line}: ${message.message}`);
        continue;
      }
      if (!message.ruleId.startsWith(PREFIX)) continue;
      const key = `${message.line}\0${message.ruleId.slice(PREFIX.length)}`;
      if (!reported.has(key)) reported.set(key, message.message);
    }

    for (const [line, rules] of expected) {
      for (const rule of rules) {
        const where = `${file}:${line}`;
        if (!(rule in plugin.rules)) {
          report.errors.push(`${where}: \`expect: ${rule}\` names no rule of the plugin.`);
          continue;
        }
        if (!enabled.has(rule)) {
          report.errors.push(`${where}: \`expect: ${rule}\` names a rule that \`${config}\` does not enable.`);
          continue;
        }
        const count = counts.get(rule);
        if (!count) continue;
        if (reported.delete(`${line}\0${rule}`)) {
          count.tp += 1;
        } else {
          count.fn += 1;
          report.missing.push({ file, line, rule, text: (lines[line - 1] ?? '').trim() });
        }
      }
    }

    for (const [key, text] of reported) {
      const [line = '0', rule = ''] = key.split('\0');
      const count = counts.get(rule);
      if (count) count.fp += 1;
      report.extra.push({ file, line: Number(line), rule, text });
    }
  }

  report.rules = [...counts].map(([rule, { tp, fp, fn }]) => ({
    rule,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
  }));
  const byPlace = (a: Finding, b: Finding): number =>
    a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);
  report.missing.sort(byPlace);
  report.extra.sort(byPlace);
  return report;
}

export function hasMismatch(report: PrecisionReport): boolean {
  return report.errors.length > 0 || report.missing.length > 0 || report.extra.length > 0;
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}  ${finding.rule}  ${finding.text}`;
}

function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

export function formatReport(report: PrecisionReport): string {
  const header = ['rule', 'TP', 'FP', 'FN', 'precision', 'recall'];
  const total = report.rules.reduce(
    (sum, score) => ({
      tp: sum.tp + score.truePositives,
      fp: sum.fp + score.falsePositives,
      fn: sum.fn + score.falseNegatives,
    }),
    { tp: 0, fp: 0, fn: 0 },
  );
  const row = (rule: string, tp: number, fp: number, fn: number): string[] => [
    rule,
    String(tp),
    String(fp),
    String(fn),
    percent(tp + fp === 0 ? null : tp / (tp + fp)),
    percent(tp + fn === 0 ? null : tp / (tp + fn)),
  ];
  const rows = [
    header,
    ...report.rules.map((score) =>
      row(score.rule, score.truePositives, score.falsePositives, score.falseNegatives),
    ),
    row('all rules', total.tp, total.fp, total.fn),
  ];
  const widths = header.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length)));
  const render = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');

  const out = [
    `Precision harness: ${report.files.length} fixture files linted with \`${report.config}\`.`,
    '',
    render(rows[0] ?? []),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.slice(1, -1).map(render),
    widths.map((width) => '-'.repeat(width)).join('  '),
    render(rows.at(-1) ?? []),
  ];
  const section = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    out.push('', `${title} (${items.length}):`, ...items.map((item) => `  ${item}`));
  };
  section('Harness errors', report.errors);
  section('Missing findings, recall defects', report.missing.map(formatFinding));
  section('Extra findings, precision defects', report.extra.map(formatFinding));
  out.push('', hasMismatch(report) ? 'Mismatches found.' : 'Every expected finding reported, nothing else.');
  return out.join('\n');
}

async function main(): Promise<void> {
  const { default: plugin } = await import('../src/index.js');
  const root = findRepoRoot(import.meta.dirname);
  let mismatch = false;
  // Untyped, then typed: the same expectations hold in both modes.
  for (const typed of [false, true]) {
    const report = await runPrecision({ plugin, root, typed });
    process.stdout.write(`${typed ? '\nTyped linting (fixtures/tsconfig.json)\n' : ''}${formatReport(report)}\n`);
    mismatch ||= hasMismatch(report);
  }
  process.exitCode = mismatch ? 1 : 0;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  await main();
}
