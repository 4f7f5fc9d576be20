import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { render } from '../src/audit/format/index.js';
import { CROSS_FILE_RULE, FINGERPRINT } from '../src/audit/format/sarif.js';
import { KINDS, type AuditReport } from '../src/audit/report.js';
import { audit, auditFixture, repoRoot, serviceFixture, temporaryProject, wellFormed } from './audit-helpers.js';

const require = createRequire(import.meta.url);
const docs = readFileSync(path.join(repoRoot, 'docs', 'audit.md'), 'utf8');

/** The fenced block that follows a `<!-- marker -->` line of docs/audit.md. */
function docBlock(marker: string): string {
  const lines = docs.split('\n');
  const start = lines.indexOf(`<!-- ${marker} -->`);
  if (start < 0) throw new Error(`docs/audit.md has no <!-- ${marker} --> block`);
  const end = lines.findIndex((line, index) => index > start + 1 && line.startsWith('```'));
  return lines.slice(start + 2, end).join('\n');
}

function reportValidator(): ValidateFunction {
  const ajv = new Ajv.default({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(docBlock('schema:audit-report')) as object);
}

function sarifValidator(): ValidateFunction {
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
  // The schema's language-tag pattern is not valid with the `u` flag, and its formats need ajv-formats.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

const reports = new Map<string, AuditReport>();

beforeAll(async () => {
  reports.set('jobs-api', await audit(auditFixture('jobs-api')));
  reports.set('queue-worker', await audit(auditFixture('queue-worker')));
  reports.set('auth-service', await audit(auditFixture('auth-service')));
  reports.set('notes-stateless', await audit(auditFixture('notes-stateless')));
  reports.set('express-shop', await audit(serviceFixture('express-shop')));
  reports.set('links-worker', await audit(auditFixture('links-worker')));
  const broken = temporaryProject({ ...wellFormed(10), 'src/a.ts': 'export const = ;\n' });
  reports.set('broken', await audit(broken));
});

function report(name: string): AuditReport {
  const found = reports.get(name);
  if (!found) throw new Error(`no report ${name}`);
  return found;
}

const NAMES = ['jobs-api', 'queue-worker', 'auth-service', 'notes-stateless', 'express-shop', 'links-worker', 'broken'];
const options = { color: false, rootLabel: 'service' };

describe('json', () => {
  it('lists in its schema exactly the kinds of state the audit knows', () => {
    const schema = JSON.parse(docBlock('schema:audit-report')) as { definitions: { kind: { enum: string[] } } };
    expect(schema.definitions.kind.enum).toEqual([...KINDS]);
  });

  it.each(NAMES)('matches the schema documented in docs/audit.md (%s)', async (name) => {
    const validate = reportValidator();
    const json = JSON.parse(await render(report(name), 'json', options)) as unknown;
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is checked by a validator that refuses a report of another shape', () => {
    const validate = reportValidator();
    expect(validate({ ...report('jobs-api'), verdict: { stateless: 'no' } })).toBe(false);
  });
});

describe('sarif', () => {
  it.each(NAMES)('is valid SARIF 2.1.0 (%s)', async (name) => {
    const validate = sarifValidator();
    const log = JSON.parse(await render(report(name), 'sarif', options)) as unknown;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is checked by a validator that refuses a broken log', () => {
    expect(sarifValidator()({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
  });

  it('has one result per rule finding and one per piece of state only the graph shows', async () => {
    let graphOnly = 0;
    for (const name of NAMES) {
      const source = report(name);
      const log = JSON.parse(await render(source, 'sarif', options)) as Log;
      const run = log.runs[0];
      const results = run?.results ?? [];
      expect(results.filter((result) => result.ruleId !== CROSS_FILE_RULE)).toHaveLength(source.findings.length);
      // State no rule reported (the rules now follow imports, so this is what only the whole project shows).
      const unreported = source.state.filter((item) => item.findings.length === 0);
      const crossFile = results.filter((result) => result.ruleId === CROSS_FILE_RULE);
      expect(crossFile.map((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toEqual(unreported.map((item) => item.declaration.file));
      graphOnly += crossFile.length;
      const rules = run?.tool.driver.rules ?? [];
      expect(new Set(rules.map((rule) => rule.id))).toEqual(new Set(results.map((result) => result.ruleId)));
      expect(results.every((result) => result.ruleIndex !== undefined && rules[result.ruleIndex]?.id === result.ruleId)).toBe(true);
      for (const rule of rules.filter((candidate) => candidate.id.startsWith('stateless/'))) expect(rule.helpUri).toMatch(/docs\/rules\/[a-z-]+\.md$/u);
    }
    // The rules follow imports: a Map behind a helper, written by a handler of another file that a
    // third file registers, is reported at the call, and its SARIF result is the rule's, not the graph's.
    const project = temporaryProject({
      'src/state.js': 'export const seen = new Map();\nexport function mark(id) {\n  seen.set(id, Date.now());\n}\n',
      'src/routes.js': "import { mark } from './state.js';\nexport function track(req, res) {\n  mark(req.params.id);\n  res.end();\n}\n",
      'src/app.js': "import express from 'express';\nimport { track } from './routes.js';\nconst app = express();\napp.post('/track/:id', track);\n",
    });
    const followed = await audit(project, { config: { kind: 'shipped', name: 'recommended' } });
    expect(followed.findings.map((finding) => `${finding.file}:${String(finding.line)} ${finding.messageId ?? ''}`)).toEqual(['src/routes.js:3 callWritesState']);
    const log = JSON.parse(await render(followed, 'sarif', options)) as Log;
    expect((log.runs[0]?.results ?? []).map((result) => result.ruleId)).toEqual(['stateless/no-module-state']);
    // The one piece only the whole project shows: links-worker's loop, in a worker its Dockerfile starts beside the server.
    expect(graphOnly).toBe(1);
  });

  it('gives each result a fingerprint that does not change when code moves, and each rule help', async () => {
    const source = (padding: string): Record<string, string> => ({
      'src/app.js': `${padding}import express from 'express';\nconst app = express();\nlet hits = 0;\nlet misses = 0;\napp.get('/', (req, res) => {\n  hits++;\n  hits++;\n  misses++;\n  res.end();\n});\n`,
    });
    const fingerprints = async (padding: string): Promise<{ line: number; fingerprint: string }[]> => {
      const log = JSON.parse(await render(await audit(temporaryProject(source(padding))), 'sarif', options)) as Log;
      const results = log.runs[0]?.results ?? [];
      for (const rule of log.runs[0]?.tool.driver.rules ?? []) {
        expect(rule.help?.text).toMatch(/\. Examples, options and the external stores that replace the state: https:\/\/\S+\.md$/u);
        expect(rule.help?.markdown).toContain(`(${rule.helpUri ?? ''})`);
      }
      return results.map((result) => ({ line: result.locations?.[0]?.physicalLocation?.region?.startLine ?? 0, fingerprint: result.partialFingerprints?.[FINGERPRINT] ?? '' }));
    };
    const before = await fingerprints('');
    const after = await fingerprints('// moved down\n\n\n');
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(new Set(before.map((result) => result.fingerprint)).size).toBe(before.length);
    expect(after.map((result) => result.fingerprint)).toEqual(before.map((result) => result.fingerprint));
    expect(after.map((result) => result.line)).toEqual(before.map((result) => result.line + 3));
  });

  it('lists files that could not be checked as tool notifications', async () => {
    const log = JSON.parse(await render(report('broken'), 'sarif', options)) as Log;
    const notifications = log.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notifications.map((notification) => notification.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toEqual(['src/a.ts']);
  });
});

describe('markdown', () => {
  it('draws handlers → state as a mermaid flowchart', async () => {
    const markdown = await render(report('jobs-api'), 'markdown', options);
    expect(markdown).toMatch(/^## ❌ Stateless audit: 3 blockers\n/u);
    const chart = /```mermaid\n([\s\S]*?)```/u.exec(markdown)?.[1] ?? '';
    expect(chart.split('\n')).toEqual(
      expect.arrayContaining([
        'flowchart LR',
        '  h1("POST /jobs")',
        '  s1[("jobs · keyed map")]',
        '  class s1 blocker',
        '  h1 -->|writes| s1',
        '  h2 -.->|reads| s1',
        '  h4 -->|writes| s3',
        '  h5 -.->|reads| s3',
      ]),
    );
  });

  it('has the inventory as a table with one row a piece of state', async () => {
    const markdown = await render(report('jobs-api'), 'markdown', options);
    const rows = markdown.split('\n').filter((row) => row.startsWith('| ❌ |'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('| `jobs` | keyed map | `src/state/jobs.ts:10` | POST /jobs, POST /jobs/:id/complete | GET /jobs, GET /jobs/:id |');
  });

  it('says so, without a diagram, for a stateless service', async () => {
    const markdown = await render(report('notes-stateless'), 'markdown', options);
    expect(markdown).toMatch(/^## ✅ Stateless audit: stateless\n/u);
    expect(markdown).not.toContain('mermaid');
  });

  it('escapes table cells', async () => {
    const markdown = await render(report('auth-service'), 'markdown', options);
    for (const row of markdown.split('\n').filter((line) => line.startsWith('| ❌ |'))) expect(row.split(/(?<!\\)\|/u)).toHaveLength(10);
  });
});

describe('text', () => {
  it('lists each piece of state with its kind, declaration, writers, readers, rule and alternative', async () => {
    const text = await render(report('queue-worker'), 'text', options);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '✖ Not stateless: 1 blocker.',
        '  1. queue  singleton instance  src/job-queue.js:30  blocker cross-file',
        '     what         instance of `JobQueue`; fields `lastError`, `pending`, `processed`',
        '     written by   POST /jobs, POST /jobs/next, app.use (src/app.js:26)',
        '     read by      GET /jobs/stats',
        // The rules report the calls of its methods where the routes make them, across the import.
        '     reported by  no-module-state at src/app.js:12, 17, 27',
      ]),
    );
  });

  it('lists files that could not be checked, with the reason, and says the project is not shown stateless', async () => {
    const text = await render(report('broken'), 'text', options);
    expect(text).toMatch(/Could not be checked \(1\)\n {2}! src\/a\.ts:1 {2}Parsing error: /u);
    expect(text.split('\n').slice(2, 4)).toEqual(['✖ Not shown stateless: 1 file could not be checked; no blockers in the files checked.', '  10 files checked, 1 could not be checked.']);
  });

  it('matches the sample in docs/audit.md', async () => {
    const sample = docBlock('sample:express-shop');
    const fresh = await render(report('express-shop'), 'text', { color: false, rootLabel: 'fixtures/services/express-shop' });
    // Rule messages, advice and the version may change; the inventory itself must be what the audit reports.
    const structure = (text: string): string[] => text.split('\n').filter((line) => !/^\s+(instead|reported by)\s/u.test(line) && !line.startsWith('stateless-audit '));
    expect(structure(sample)).toEqual(structure(fresh.trimEnd()));
  });
});
