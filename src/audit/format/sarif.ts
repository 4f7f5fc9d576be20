import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import plugin from '../../index.js';
import { filesLine, kindLabel, plural, verdictLine, type AuditReport, type Finding, type StateItem } from '../report.js';
import { deploymentLine } from './deployment.js';
import { crossFileNote, ReportIndex, shortRule } from './shared.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const DOCS = 'https://github.com/eslint-plugin-stateless/eslint-plugin-stateless/blob/main/docs';
/** The audit's own rule, for state that no single file's lint shows. */
export const CROSS_FILE_RULE = 'stateless-audit/cross-file-state';
const ROOT = 'ROOT';

/** The key of `partialFingerprints`: versioned, so that a change of what goes into it cannot be mistaken for new results. */
export const FINGERPRINT = 'statelessAudit/v1';

/** `help` for code scanning's rule panel: what the rule is about and where its page is. */
function help(description: string, url: string): Sarif.MultiformatMessageString {
  return { text: `${description}. Examples, options and the external stores that replace the state: ${url}`, markdown: `${description}. See [the rule's page](${url}) for examples, options and the external stores that replace the state.` };
}

function ruleDescriptor(id: string): Sarif.ReportingDescriptor {
  if (id === CROSS_FILE_RULE) {
    const description = 'State written by request handlers through another file, which no single file shows';
    const url = `${DOCS}/audit.md`;
    return {
      id,
      shortDescription: { text: description },
      fullDescription: { text: `${description}: a module binding or a singleton's fields, declared in one module and written by request handlers of another.` },
      help: help(description, url),
      helpUri: url,
      defaultConfiguration: { level: 'error' },
    };
  }
  const rule = (plugin.rules as Record<string, { meta: { docs?: { description?: string; url?: string } } } | undefined>)[shortRule(id)];
  const description = rule?.meta.docs?.description;
  const url = rule?.meta.docs?.url;
  return {
    id,
    ...(description === undefined ? {} : { shortDescription: { text: description } }),
    ...(description === undefined || url === undefined ? {} : { help: help(description, url) }),
    ...(url === undefined ? {} : { helpUri: url }),
  };
}

/**
 * Fingerprints that survive edits elsewhere in the file: the rule, the file, the piece of state (or
 * the message) and the message id, without line numbers, plus the rank among results that share all
 * of these, so that code scanning matches a result across runs instead of opening it again.
 */
function fingerprints(results: readonly Sarif.Result[], keys: readonly string[]): void {
  const seen = new Map<string, number>();
  results.forEach((result, index) => {
    const key = keys[index] ?? '';
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    result.partialFingerprints = { [FINGERPRINT]: createHash('sha256').update(`${key}\u0000${String(rank)}`).digest('hex').slice(0, 32) };
  });
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
 * locations of its results; files that could not be checked are tool notifications. Each result has
 * `partialFingerprints` and each rule `help`, so that code scanning follows results across runs.
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

  const notifications: Sarif.Notification[] = [
    ...report.failed.map((failed) => ({
      level: 'error' as const,
      message: { text: `Not checked: ${failed.reason}` },
      locations: [location(failed.file, failed.line ?? 1)],
    })),
    ...report.deployment.warnings.map((warning) => ({ level: 'warning' as const, message: { text: `${warning.file} ${warning.message}` }, locations: [location(warning.file, 1)] })),
  ];
  const crossFile = report.state.filter((item) => item.rules.length === 0);
  const results = [...report.findings.map(findingResult), ...crossFile.map(crossFileResult)];
  // Ordered by position so that the rank among equal keys is stable however the report orders them.
  const keys = [
    ...report.findings.map((finding) => [finding.rule, finding.file, finding.state === null ? `${String(finding.line)}:${String(finding.column)}` : `${byId.get(finding.state)?.name ?? ''}:${byId.get(finding.state)?.kind ?? ''}`, finding.messageId ?? ''].join('\u0000')),
    ...crossFile.map((item) => [CROSS_FILE_RULE, item.declaration.file, item.name, item.kind].join('\u0000')),
  ];
  fingerprints(results, keys);
  const deployed = deploymentLine(report.deployment, report.verdict.blockers);

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
        results,
        properties: {
          verdict: verdictLine(report.verdict, report.files),
          files: filesLine(report.files),
          ...(deployed === null ? {} : { deployment: deployed }),
          blockers: report.verdict.blockers,
          state: plural(report.state.length, 'piece') + ' of state',
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
