import { styleText } from 'node:util';
import { deploymentLine, processLines } from './deployment.js';
import { filesLine, kindLabel, plural, verdictLine, type AuditReport, type StateItem } from '../report.js';
import { crossFileNote, kindText, lineList, ReportIndex, shortRule } from './shared.js';

export interface TextOptions {
  /** ANSI colours: on for a terminal or with `FORCE_COLOR`, off when piped, written to a file, or with `NO_COLOR`. */
  readonly color: boolean;
  /** The root as the user named it (relative to the working directory). */
  readonly rootLabel: string;
}

type Paint = (text: string) => string;

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

/**
 * Node.js's own `util.styleText`. The caller has decided on colours (the command line reads
 * `FORCE_COLOR`, `NO_COLOR` and the terminal), so the stream check of newer Node.js versions is off.
 */
function painter(color: boolean): Record<Style, Paint> {
  const style =
    (format: Style): Paint =>
    (text) =>
      color ? styleText(format, text, { validateStream: false }) : text;
  return { bold: style('bold'), dim: style('dim'), red: style('red'), green: style('green'), yellow: style('yellow'), cyan: style('cyan') };
}

const LABEL_WIDTH = 13;

/** The report for a terminal or a plain-text file: verdict, inventory, summary by kind, skipped files. */
export function renderText(report: AuditReport, options: TextOptions): string {
  const paint = painter(options.color);
  const index = new ReportIndex(report);
  const out: string[] = [];
  const { verdict } = report;
  const source = report.tsconfig ?? 'folder';
  out.push(paint.dim(`stateless-audit ${report.tool.version} · ${options.rootLabel} · ${source} · config ${report.config}`), '');
  const mark = verdict.stateless ? paint.green('✔') : verdict.failed ? paint.red('✖') : paint.yellow('▲');
  out.push(`${mark} ${paint.bold(verdictLine(verdict, report.files))}`);
  out.push(`  ${filesLine(report.files)}`);
  const deployed = deploymentLine(report.deployment, verdict.blockers);
  if (deployed !== null) out.push(`  ${deployed}`);
  for (const line of processLines(report.deployment)) out.push(`  ${line}`);
  for (const warning of report.deployment.warnings) out.push(`  ${paint.yellow('!')} ${warning.file}: ${warning.message}`);

  if (report.state.length > 0) {
    out.push('', paint.bold('State inventory'), '');
    report.state.forEach((item, position) => {
      out.push(...renderItem(item, position + 1, index, paint), '');
    });
    out.push(paint.bold('Summary by kind'), '', ...summaryTable(report, paint));
  }

  if (report.failed.length > 0) {
    out.push('', paint.bold(`Could not be checked (${String(report.failed.length)})`));
    for (const failed of report.failed) {
      out.push(`  ${paint.yellow('!')} ${failed.file}${failed.line === null ? '' : `:${String(failed.line)}`}  ${failed.reason}`);
    }
  }

  const notes = report.findings.filter((finding) => finding.state === null);
  if (notes.length > 0) {
    out.push('', paint.bold(`Other findings (${notes.length})`));
    for (const note of notes) out.push(`  ${note.file}:${note.line}:${note.column}  ${note.message}  ${paint.dim(shortRule(note.rule))}`);
  }

  const filesWithFindings = new Set(report.findings.map((finding) => finding.file)).size;
  const findings = report.findings.length === 0 ? 'no rule findings' : `${plural(report.findings.length, 'rule finding')} in ${plural(filesWithFindings, 'file')}`;
  out.push('', paint.dim(`${plural(report.entryPoints, 'handler')} found; ${findings}.`));
  return `${out.join('\n')}\n`;
}

function renderItem(item: StateItem, position: number, index: ReportIndex, paint: ReturnType<typeof painter>): string[] {
  const lines: string[] = [];
  const tag = item.blocker ? paint.red('blocker') : paint.yellow('warning');
  const crossFile = item.crossFile ? paint.cyan(' cross-file') : '';
  lines.push(`${String(position).padStart(3)}. ${paint.bold(item.name)}  ${kindText(item, kindLabel)}  ${paint.dim(`${item.declaration.file}:${item.declaration.line}`)}  ${tag}${crossFile}`);
  const row = (label: string, value: string): void => {
    lines.push(`     ${paint.dim(label.padEnd(LABEL_WIDTH))}${value}`);
  };
  if (item.detail !== null) row('what', item.detail);
  const writers = index.names(item.writtenBy);
  const readers = index.names(item.readBy);
  // State found outside the code (a Prisma schema) has no writes to list.
  if (writers.length > 0 || item.rules.length > 0) row('written by', writers.length > 0 ? writers.join(', ') : paint.dim('no handler found (runs after startup)'));
  if (readers.length > 0) row('read by', readers.join(', '));
  const findings = index.findingsOf(item);
  if (findings.length > 0) {
    const byRule = new Map<string, { file: string; line: number }[]>();
    for (const finding of findings) byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), finding]);
    const reported = [...byRule].map(([rule, at]) => `${shortRule(rule)} at ${lineList(at)}`);
    row('reported by', reported.join('; '));
  }
  if (item.rules.length === 0) row('found by', crossFileNote(item));
  row('instead', item.alternative);
  return lines;
}

function summaryTable(report: AuditReport, paint: ReturnType<typeof painter>): string[] {
  const rows = report.summary.map((entry) => [kindLabel(entry.kind), String(entry.count), String(entry.blockers)]);
  const total = ['total', String(report.state.length), String(report.verdict.blockers)];
  const header = ['kind', 'state', 'blockers'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows, total].map((cells) => (cells[column] ?? '').length)));
  const render = (cells: readonly string[]): string =>
    `  ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')}`;
  const rule = `  ${widths.map((width) => '─'.repeat(width)).join('  ')}`;
  return [paint.dim(render(header)), paint.dim(rule), ...rows.map(render), paint.dim(rule), render(total)];
}
