import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import type { StatelessPlugin } from '../src/index.js';
import { findRepoRoot, relativePath } from './fixtures.js';
import { writeBetweenMarkers } from './markers.js';
import { JUDGED_ON, REAL_SERVICES, type JudgedFinding, type RealService } from './real-services.js';

/**
 * `npm run precision:real -- --dir <snapshots>`: lints pinned snapshots of public services with
 * `recommended` and scores the findings against the judgement in tools/real-services.ts. Fetches
 * nothing: the snapshots are laid out beforehand as `<dir>/<name>/` (see tools/real-services.ts).
 */

const USAGE = `Usage: npm run precision:real -- --dir <folder> [--json] [--write]

  --dir    the folder that holds one snapshot a service, as <folder>/<name>/ at the pinned commit
  --json   one line of JSON instead of the table
  --write  also put the table in README.md, between its precision markers
`;

export interface Finding {
  readonly service: string;
  readonly file: string;
  readonly line: number;
  readonly rule: string;
}

export interface RuleScore {
  findings: number;
  truePositives: number;
  falsePositives: number;
  /** Findings that no judgement covers yet: counted as false positives until judged. */
  unjudged: number;
  missed: number;
  precision: number | null;
  recall: number | null;
}

export interface RealReport {
  rules: Record<string, RuleScore>;
  total: RuleScore;
  unjudged: Finding[];
  missed: (JudgedFinding & { service: string })[];
  services: { name: string; commit: string; files: number; findings: number }[];
  judgedOn: string;
}

const key = (finding: { file: string; line: number; rule: string }): string => `${finding.file}:${finding.line} ${finding.rule}`;

function emptyScore(): RuleScore {
  return { findings: 0, truePositives: 0, falsePositives: 0, unjudged: 0, missed: 0, precision: null, recall: null };
}

/** Scores findings against the judged services: a finding is right when it is in `expected`. */
export function score(services: readonly RealService[], findings: readonly Finding[]): Omit<RealReport, 'services' | 'judgedOn'> {
  const rules: Record<string, RuleScore> = {};
  const total = emptyScore();
  const scoreOf = (rule: string): RuleScore => (rules[rule] ??= emptyScore());
  const unjudged: Finding[] = [];
  const missed: RealReport['missed'] = [];
  for (const service of services) {
    const expected = new Set(service.expected.map(key));
    const wrong = new Set(service.falsePositives.map(key));
    const found = new Set<string>();
    for (const finding of findings.filter((candidate) => candidate.service === service.name)) {
      const id = key(finding);
      found.add(id);
      for (const target of [scoreOf(finding.rule), total]) {
        target.findings += 1;
        if (expected.has(id)) target.truePositives += 1;
        else {
          target.falsePositives += 1;
          if (!wrong.has(id)) target.unjudged += 1;
        }
      }
      if (!expected.has(id) && !wrong.has(id)) unjudged.push(finding);
    }
    for (const judged of service.expected) {
      if (found.has(key(judged))) continue;
      scoreOf(judged.rule).missed += 1;
      total.missed += 1;
      missed.push({ ...judged, service: service.name });
    }
  }
  for (const target of [...Object.values(rules), total]) {
    target.precision = target.findings === 0 ? null : target.truePositives / target.findings;
    const relevant = target.truePositives + target.missed;
    target.recall = relevant === 0 ? null : target.truePositives / relevant;
  }
  return { rules: Object.fromEntries(Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))), total, unjudged, missed };
}

async function lintService(plugin: StatelessPlugin, dir: string, service: RealService): Promise<{ findings: Finding[]; files: number }> {
  const root = path.join(dir, service.name);
  if (!existsSync(root)) {
    throw new Error(`No snapshot of ${service.name} in ${dir}: clone ${service.repository} into ${root} and check out ${service.commit}.`);
  }
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ ignores: ['**/node_modules/**', '**/dist/**', '**/*.min.js', ...service.ignores] }, plugin.configs.recommended],
    // The snapshots carry their authors' `eslint-disable` comments for other plugins' rules.
    allowInlineConfig: false,
  });
  const results = await eslint.lintFiles([...service.paths]);
  const findings = results.flatMap((result) =>
    result.messages
      .filter((message) => message.ruleId?.startsWith('stateless/') === true)
      .map((message) => ({ service: service.name, file: relativePath(root, result.filePath), line: message.line, rule: (message.ruleId ?? '').slice('stateless/'.length) })),
  );
  return { findings, files: results.length };
}

export async function runPrecisionReal(plugin: StatelessPlugin, dir: string): Promise<RealReport> {
  const findings: Finding[] = [];
  const services: RealReport['services'] = [];
  for (const service of REAL_SERVICES) {
    const linted = await lintService(plugin, dir, service);
    findings.push(...linted.findings);
    services.push({ name: service.name, commit: service.commit.slice(0, 12), files: linted.files, findings: linted.findings.length });
  }
  return { ...score(REAL_SERVICES, findings), services, judgedOn: JUDGED_ON };
}

const percent = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(0)}%`);

export function renderReal(report: RealReport): string {
  const row = (name: string, entry: RuleScore): string =>
    `| ${name} | ${entry.findings} | ${entry.truePositives} | ${entry.falsePositives} | ${entry.missed} | ${percent(entry.precision)} | ${percent(entry.recall)} |`;
  const lines = [
    `\`recommended\` on ${report.services.length} public services (${report.services.reduce((sum, service) => sum + service.files, 0)} files), every finding judged by hand on ${report.judgedOn}:`,
    '',
    '| rule | findings | right | wrong | missed | precision | recall |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...Object.entries(report.rules).map(([rule, entry]) => row(`\`${rule}\``, entry)),
    row('**all rules**', report.total),
    '',
    `Services: ${report.services.map((service) => `${service.name} (${service.files} files, ${service.findings} ${service.findings === 1 ? 'finding' : 'findings'})`).join(', ')}. The list, with the commit of each and the reason for every judgement, is in [tools/real-services.ts](https://github.com/eslint-plugin-stateless/eslint-plugin-stateless/blob/main/tools/real-services.ts).`,
  ];
  if (report.unjudged.length > 0) {
    lines.push('', `Not judged yet (counted as wrong): ${report.unjudged.map((finding) => `${finding.service}/${key(finding)}`).join(', ')}.`);
  }
  if (report.missed.length > 0) {
    lines.push('', `Missed: ${report.missed.map((finding) => `${finding.service}/${key(finding)} (${finding.why})`).join('; ')}`);
  }
  return lines.join('\n');
}

export function parseRealOptions(argv: readonly string[]): { dir: string; json: boolean; write: boolean } {
  const options = { dir: '', json: false, write: false };
  for (let index = 0; index < argv.length; index++) {
    const [flag = '', inline] = (argv[index] ?? '').split(/=(.*)/su);
    if (flag === '--dir') {
      const value = inline ?? argv[++index];
      if (value === undefined || value === '') throw new Error('--dir needs a folder');
      options.dir = path.resolve(value);
    } else if (flag === '--json') options.json = true;
    else if (flag === '--write') options.write = true;
    else throw new Error(`Unknown argument ${flag}`);
  }
  if (options.dir === '') throw new Error('--dir is required: the folder with the service snapshots');
  return options;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  try {
    const options = parseRealOptions(process.argv.slice(2));
    const root = findRepoRoot(path.dirname(entry));
    const { default: plugin } = (await import(pathToFileURL(path.join(root, 'dist', 'src', 'bundle.js')).href)) as { default: StatelessPlugin };
    const report = await runPrecisionReal(plugin, options.dir);
    const text = renderReal(report);
    process.stdout.write(`${options.json ? JSON.stringify(report) : text}\n`);
    if (options.write) writeBetweenMarkers(path.join(root, 'README.md'), 'precision-real', text);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
  }
}
