import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import plugin from '../../index.js';
import { kindLabel, plural, verdictLine, type AuditReport, type Finding, type StateItem } from '../report.js';
import { crossFileNote, ReportIndex, shortRule } from './shared.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const DOCS = 'https://github.com/eslint-plugin-stateless/eslint-plugin-stateless/blob/main/docs';
/** The audit's own rule, for state that no single file's lint shows. */
export const CROSS_FILE_RULE = 'stateless-audit/cross-file-state';
const ROOT = 'ROOT';

function ruleDescriptor(id: string): Sarif.ReportingDescriptor {
  if (id === CROSS_FILE_RULE) {
    return {
      id,
      shortDescription: { text: 'State written by request handlers through another file, which no single file shows' },
      helpUri: `${DOCS}/audit.md`,
      defaultConfiguration: { level: 'error' },
    };
  }
  const rule = (plugin.rules as Record<string, { meta: { docs?: { description?: string; url?: string } } } | undefined>)[shortRule(id)];
  const description = rule?.meta.docs?.description;
  const url = rule?.meta.docs?.url;
  return {
    id,
    ...(description === undefined ? {} : { shortDescription: { text: description } }),
    ...(url === undefined ? {} : { helpUri: url }),
  };
}

function location(file: string, line: number, column?: number, endLine?: number | null, endColumn?: number | null): Sarif.Location {
  const region: Sarif.Region = { startLine: Math.max(1, line) };
  if (column !== undefined) region.startColumn = column;
  if (endLine !== undefined && endLine !== null) region.endLine = endLine;
  if (endColumn !== undefined && endColumn !== null) region.endColumn = endColumn;
  return { physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: ROOT }, region } };
}

/**
 * SARIF 2.1.0 for code scanning: one result per rule finding (as ESLint reports it) and one per piece
 * of state only the cross-file graph shows. The handlers that write a piece of state are related
 * locations of its results; skipped files are tool notifications.
 */
export function renderSarif(report: AuditReport): string {
  const index = new ReportIndex(report);
  const ruleIds = [...new Set([...report.findings.map((finding) => finding.rule), ...(report.state.some((item) => item.rules.length === 0) ? [CROSS_FILE_RULE] : [])])].sort();
  const ruleIndex = new Map(ruleIds.map((id, position) => [id, position]));
  const byId = new Map(report.state.map((item) => [item.id, item]));

  const related = (item: StateItem | undefined): Sarif.Location[] => {
    if (!item) return [];
    const locations: Sarif.Location[] = [];
    for (const [verb, accesses] of [
      ['written', item.writtenBy],
      ['read', item.readBy],
    ] as const) {
      for (const access of accesses) {
        const handler = index.handler(access.handler);
        const name = handler?.route ?? handler?.name ?? 'a handler';
        locations.push({ ...location(access.at.file, access.at.line), id: locations.length + 1, message: { text: `${verb} by ${name}` } });
      }
    }
    return locations;
  };

  const findingResult = (finding: Finding): Sarif.Result => {
    const item = finding.state === null ? undefined : byId.get(finding.state);
    const links = related(item);
    return {
      ruleId: finding.rule,
      ruleIndex: ruleIndex.get(finding.rule) ?? 0,
      level: finding.severity === 'error' ? 'error' : 'warning',
      message: { text: finding.message },
      locations: [location(finding.file, finding.line, finding.column, finding.endLine, finding.endColumn)],
      ...(links.length > 0 ? { relatedLocations: links } : {}),
      ...(item ? { properties: { state: item.id, kind: item.kind } } : {}),
    };
  };

  const crossFileResult = (item: StateItem): Sarif.Result => {
    const writers = index.names(item.writtenBy);
    const links = related(item);
    return {
      ruleId: CROSS_FILE_RULE,
      ruleIndex: ruleIndex.get(CROSS_FILE_RULE) ?? 0,
      level: 'error',
      message: {
        text: `\`${item.name}\` (${kindLabel(item.kind)}) is written by ${writers.join(', ') || 'request handlers'} through another file, so each replica keeps its own. ${item.alternative}`,
      },
      locations: [location(item.declaration.file, item.declaration.line)],
      ...(links.length > 0 ? { relatedLocations: links } : {}),
      properties: { state: item.id, kind: item.kind, foundBy: crossFileNote(item) },
    };
  };

  const notifications: Sarif.Notification[] = report.skipped.map((skipped) => ({
    level: 'warning',
    message: { text: `Skipped: ${skipped.reason}` },
    locations: [location(skipped.file, skipped.line ?? 1)],
  }));

  const log: Sarif.Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'stateless-audit',
            semanticVersion: report.tool.version,
            informationUri: `${DOCS}/audit.md`,
            rules: ruleIds.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [ROOT]: { uri: `${pathToFileURL(report.root).href}/` } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: [...report.findings.map(findingResult), ...report.state.filter((item) => item.rules.length === 0).map(crossFileResult)],
        properties: {
          verdict: verdictLine(report.verdict),
          blockers: report.verdict.blockers,
          state: plural(report.state.length, 'piece') + ' of state',
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
