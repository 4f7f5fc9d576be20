import type { Access, AuditReport, Finding, Handler, StateItem } from '../report.js';

/** How a handler is named in a list: its route, else its name and where it is. */
export function handlerName(handler: Handler): string {
  if (handler.route !== null) return handler.route;
  return `${handler.name ?? 'handler'} (${handler.file}:${handler.line})`;
}

export class ReportIndex {
  private readonly handlers: ReadonlyMap<string, Handler>;

  constructor(readonly report: AuditReport) {
    this.handlers = new Map(report.handlers.map((handler) => [handler.id, handler]));
  }

  handler(id: string): Handler | undefined {
    return this.handlers.get(id);
  }

  /** Distinct handler names of a list of accesses, in handler order. */
  names(accesses: readonly Access[]): string[] {
    const names: string[] = [];
    for (const access of accesses) {
      const handler = this.handlers.get(access.handler);
      if (!handler) continue;
      const name = handlerName(handler);
      if (!names.includes(name)) names.push(name);
    }
    return names;
  }

  findingsOf(item: StateItem): Finding[] {
    return item.findings.map((index) => this.report.findings[index]).filter((finding): finding is Finding => finding !== undefined);
  }
}

/** `src/a.ts:3, 7; src/b.ts:12`: lines grouped by file. */
export function lineList(locations: readonly { readonly file: string; readonly line: number }[]): string {
  const byFile = new Map<string, number[]>();
  for (const { file, line } of locations) {
    const lines = byFile.get(file) ?? [];
    if (!lines.includes(line)) lines.push(line);
    byFile.set(file, lines);
  }
  return [...byFile].map(([file, lines]) => `${file}:${lines.sort((a, b) => a - b).join(', ')}`).join('; ');
}

/** `no-module-state` for `stateless/no-module-state`. */
export function shortRule(rule: string): string {
  return rule.replace(/^stateless\//u, '');
}

/** The kind as shown, with what makes it worse. */
export function kindText(item: StateItem, label: (kind: StateItem['kind']) => string): string {
  return item.requestData ? `${label(item.kind)}, holds request data` : label(item.kind);
}

/** What the audit saw across files (or in a project file such as a Prisma schema), for items no rule reports. */
export function crossFileNote(item: StateItem): string {
  const sites = item.writtenBy.map((access) => access.at).filter((at) => at.file !== item.declaration.file);
  const where = sites.length > 0 ? sites : item.writtenBy.map((access) => access.at);
  if (where.length > 0) return `the audit, across files: written at ${lineList(where)}`;
  // State read from the project's files rather than its code (a Prisma schema).
  return `the audit, in ${item.declaration.file}`;
}
