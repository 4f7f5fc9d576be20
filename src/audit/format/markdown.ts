import { deploymentLine, processLines } from './deployment.js';
import { filesLine, kindLabel, plural, verdictLine, type AuditReport, type StateItem } from '../report.js';
import { crossFileNote, handlerName, kindText, lineList, ReportIndex, shortRule } from './shared.js';

/** Beyond this many edges the diagram stops being readable in a pull request. */
const MAX_EDGES = 60;

export interface MarkdownOptions {
  readonly rootLabel: string;
}

function cell(text: string): string {
  return text.replace(/\|/gu, '\\|').replace(/\r?\n/gu, ' ');
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** Mermaid node labels are quoted; quotes and brackets inside become entities. */
function mermaidLabel(text: string): string {
  return `"${text.replace(/"/gu, '#quot;').replace(/</gu, '#lt;').replace(/>/gu, '#gt;')}"`;
}

function diagram(report: AuditReport, index: ReportIndex): string[] {
  const edges: string[] = [];
  const handlers = new Set<string>();
  const states = new Set<string>();
  for (const item of report.state) {
    for (const [accesses, arrow] of [
      [item.writtenBy, '-->|writes|'],
      [item.readBy, '-.->|reads|'],
    ] as const) {
      const seen = new Set<string>();
      for (const access of accesses) {
        if (seen.has(access.handler)) continue;
        seen.add(access.handler);
        handlers.add(access.handler);
        states.add(item.id);
        edges.push(`  ${access.handler} ${arrow} ${item.id}`);
      }
    }
  }
  if (edges.length === 0) return [];
  const shown = edges.slice(0, MAX_EDGES);
  const nodes: string[] = [];
  for (const id of handlers) {
    const handler = index.handler(id);
    if (handler && shown.some((edge) => edge.startsWith(`  ${id} `))) nodes.push(`  ${id}(${mermaidLabel(handlerName(handler))})`);
  }
  for (const item of report.state) {
    if (!states.has(item.id) || !shown.some((edge) => edge.endsWith(` ${item.id}`))) continue;
    nodes.push(`  ${item.id}[(${mermaidLabel(`${item.name} · ${kindLabel(item.kind)}`)})]`);
    if (item.blocker) nodes.push(`  class ${item.id} blocker`);
  }
  const lines = ['```mermaid', 'flowchart LR', ...nodes, ...shown, '  classDef blocker stroke:#d1242f,stroke-width:2px', '```'];
  if (edges.length > shown.length) lines.push('', `_${edges.length - shown.length} more edges not drawn; the inventory lists them all._`);
  return lines;
}

function reportedBy(item: StateItem, index: ReportIndex): string {
  if (item.rules.length === 0) return crossFileNote(item);
  const findings = index.findingsOf(item);
  return item.rules.map((rule) => `${code(shortRule(rule))} ${lineList(findings.filter((finding) => finding.rule === rule))}`).join('; ');
}

/** A pull-request comment: verdict, summary by kind, inventory table, and a diagram of handlers → state. */
export function renderMarkdown(report: AuditReport, options: MarkdownOptions): string {
  const index = new ReportIndex(report);
  const { verdict } = report;
  const out: string[] = [];
  const icon = verdict.stateless ? '✅' : verdict.failed ? '❌' : '⚠️';
  const title = verdict.stateless ? 'stateless' : verdict.complete ? plural(verdict.blockers, 'blocker') : `${plural(verdict.blockers, 'blocker')}, ${plural(report.files.failed, 'file')} not checked`;
  out.push(`## ${icon} Stateless audit: ${title}`, '');
  out.push(
    `${verdictLine(verdict, report.files)} ${code('stateless-audit')} read ${code(options.rootLabel)} with the ${code(report.config)} config and found ${plural(report.entryPoints, 'request handler')}. ${filesLine(report.files)}`,
  );
  const deployed = deploymentLine(report.deployment, verdict.blockers);
  if (deployed !== null) out.push('', deployed);
  for (const line of processLines(report.deployment)) out.push('', line);
  for (const warning of report.deployment.warnings) out.push('', `⚠️ ${code(warning.file)} ${warning.message}`);
  if (report.state.length > 0) {
    out.push('', '| Kind | State | Blockers |', '| --- | ---: | ---: |');
    for (const entry of report.summary) out.push(`| ${kindLabel(entry.kind)} | ${entry.count} | ${entry.blockers} |`);
    out.push(`| **total** | **${report.state.length}** | **${verdict.blockers}** |`);

    out.push('', '### State inventory', '', '| | State | Kind | Declared | Written by | Read by | Reported by | Instead |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const item of report.state) {
      const mark = item.blocker ? '❌' : '⚠️';
      const writers = index.names(item.writtenBy).join(', ') || '—';
      const readers = index.names(item.readBy).join(', ') || '—';
      const name = item.detail === null ? code(item.name) : `${code(item.name)}<br>${item.detail}`;
      out.push(
        `| ${mark} | ${cell(name)} | ${cell(kindText(item, kindLabel))} | ${code(`${item.declaration.file}:${item.declaration.line}`)} | ${cell(writers)} | ${cell(readers)} | ${cell(reportedBy(item, index))} | ${cell(item.alternative)} |`,
      );
    }
    const chart = diagram(report, index);
    if (chart.length > 0) out.push('', '### Handlers → state', '', ...chart);
  }
  if (report.failed.length > 0) {
    out.push('', `<details><summary>Files that could not be checked (${String(report.failed.length)})</summary>`, '');
    for (const failed of report.failed) out.push(`- ${code(`${failed.file}${failed.line === null ? '' : `:${String(failed.line)}`}`)}: ${failed.reason}`);
    out.push('', '</details>');
  }
  if (report.findings.length > 0) {
    out.push('', `<details><summary>Rule findings (${report.findings.length})</summary>`, '');
    for (const finding of report.findings) out.push(`- ${code(`${finding.file}:${finding.line}:${finding.column}`)} ${code(shortRule(finding.rule))}: ${finding.message}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}
