import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { runAudit, type AuditOptions } from '../src/audit/audit.js';
import type { CliEnvironment } from '../src/audit/cli.js';
import type { AuditReport, Handler, StateItem } from '../src/audit/report.js';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const auditFixture = (name: string): string => path.join(repoRoot, 'fixtures', 'audit', name);
export const serviceFixture = (name: string): string => path.join(repoRoot, 'fixtures', 'services', name);

/** Audits in this thread: the compiled worker does not exist when tests run the TypeScript sources. */
export function audit(root: string, options: Partial<AuditOptions> = {}): Promise<AuditReport> {
  return runAudit({ root, config: { kind: 'shipped', name: 'all' }, maxBlockers: null, workers: 0, ...options });
}

export function stateNamed(report: AuditReport, name: string): StateItem {
  const item = report.state.find((candidate) => candidate.name === name);
  if (!item) throw new Error(`no state named ${name}: ${report.state.map((candidate) => candidate.name).join(', ')}`);
  return item;
}

/** Route (or name) of each handler of a list of accesses, sorted and without repeats. */
export function handlerNames(report: AuditReport, accesses: StateItem['writtenBy']): string[] {
  const byId = new Map<string, Handler>(report.handlers.map((handler) => [handler.id, handler]));
  return [...new Set(accesses.map(({ handler }) => byId.get(handler)).map((handler) => handler?.route ?? handler?.name ?? '?'))].sort();
}

/** `count` small modules that parse and hold no state (`src/ok0.ts` …), for projects in which one file is the point. */
export function wellFormed(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`src/ok${String(index)}.ts`, `export const value${String(index)} = ${String(index)};\n`]));
}

/** A throwaway project folder with the given files. */
export function temporaryProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stateless-audit-test-'));
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return dir;
}

export interface CapturedIo {
  readonly io: CliEnvironment;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** Standard streams that record what the CLI writes; terminals or pipes as asked. */
export function capture(options: { stdoutTTY?: boolean; stderrTTY?: boolean; env?: Record<string, string>; cwd?: string } = {}): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (chunk: string) => (stdout += chunk), isTTY: options.stdoutTTY ?? false },
      stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.stderrTTY ?? false },
      env: options.env ?? {},
      cwd: options.cwd ?? repoRoot,
      workers: 0,
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** A maker of temporary projects for one test file: each folder is removed after the file's tests. */
export function temporaryProjects(): (files: Record<string, string>) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return (files) => {
    const dir = temporaryProject(files);
    made.push(dir);
    return dir;
  };
}
