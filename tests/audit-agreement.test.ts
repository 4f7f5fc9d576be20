import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/audit/project.js';
import plugin from '../src/index.js';
import { createESLint, relativePath, type ConfigName } from '../tools/fixtures.js';
import { audit, auditFixture, repoRoot } from './audit-helpers.js';

// One detection core: the audit's per-file findings are the rules' findings. For each project, the
// audit's findings must be exactly what ESLint reports on the same files with the same config.

function line(file: string, message: Pick<Linter.LintMessage, 'line' | 'column' | 'ruleId' | 'severity' | 'message'>): string {
  return `${file}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.severity === 2 ? 'error' : 'warning'} ${message.message}`;
}

async function eslintFindings(root: string, config: ConfigName): Promise<string[]> {
  const files = loadProject(root, undefined).files.map((file) => file.path);
  const results = await createESLint(plugin, root, config).lintFiles(files);
  return results.flatMap((result) =>
    result.messages.filter((message) => message.ruleId?.startsWith('stateless/') === true).map((message) => line(relativePath(root, result.filePath), message)),
  );
}

async function auditFindings(root: string, config: ConfigName): Promise<string[]> {
  const report = await audit(root, { config: { kind: 'shipped', name: config } });
  return report.findings.map((finding) => line(finding.file, { ...finding, ruleId: finding.rule, severity: finding.severity === 'error' ? 2 : 1 }));
}

const PROJECTS = [
  path.join(repoRoot, 'fixtures', 'services'),
  auditFixture('jobs-api'),
  auditFixture('queue-worker'),
  auditFixture('auth-service'),
  auditFixture('notes-stateless'),
  auditFixture('orders-k8s'),
  auditFixture('orders-lambda'),
  auditFixture('links-worker'),
];

describe.each(PROJECTS.map((root) => [relativePath(repoRoot, root), root]))('%s', (_name, root) => {
  it('reports per file exactly what ESLint reports with `all`', async () => {
    const [expected, actual] = await Promise.all([eslintFindings(root, 'all'), auditFindings(root, 'all')]);
    expect(actual).toEqual(expected);
  });
});

describe('fixtures/services with `recommended`', () => {
  it('reports per file exactly what ESLint reports', async () => {
    const root = path.join(repoRoot, 'fixtures', 'services');
    const [expected, actual] = await Promise.all([eslintFindings(root, 'recommended'), auditFindings(root, 'recommended')]);
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  });
});
