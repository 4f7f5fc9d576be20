import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../src/audit/format/text.js';
import type { AuditReport } from '../src/audit/report.js';
import { audit, auditFixture, handlerNames, serviceFixture, stateNamed, temporaryProjects, wellFormed } from './audit-helpers.js';

const project = temporaryProjects();

describe('state declared in one module and written by handlers in another (jobs-api)', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await audit(auditFixture('jobs-api'));
  });

  it('reads the project from its tsconfig', () => {
    expect(report.tsconfig).toBe('tsconfig.json');
    expect(report.files).toEqual({ checked: 3, failed: 0, skipped: [] });
  });

  it('finds a Map written through an imported binding, once, at its declaration, with the rules that report it at the handlers', () => {
    const jobs = stateNamed(report, 'jobs');
    // `jobs.delete(req.params.id)`: the slot is chosen by the request, as for a keyed map written in its own file.
    expect(jobs).toMatchObject({ kind: 'keyed-map', blocker: true, crossFile: true, rules: ['stateless/no-module-state', 'stateless/no-sticky-session'], declaration: { file: 'src/state/jobs.ts', line: 10 } });
    // The rules' findings in the routes file (the writes through the import, the sticky read) point at this one item.
    expect(jobs.findings.map((index) => report.findings[index]?.file)).toEqual(jobs.findings.map(() => 'src/routes/jobs.ts'));
    expect(report.state.filter((item) => item.name === 'jobs')).toHaveLength(1);
    expect(handlerNames(report, jobs.writtenBy)).toEqual(['POST /jobs', 'POST /jobs/:id/complete']);
    expect(handlerNames(report, jobs.readBy)).toEqual(['GET /jobs', 'GET /jobs/:id']);
    expect(jobs.writtenBy.map((access) => `${access.at.file}:${access.at.line}`)).toEqual(['src/routes/jobs.ts:14', 'src/routes/jobs.ts:30']);
  });

  it('names the routes that call an exported helper writing its own module state', () => {
    const recent = stateNamed(report, 'recentIds');
    expect(recent.rules).toEqual(['stateless/no-module-state']);
    expect(handlerNames(report, recent.writtenBy)).toEqual(['POST /jobs']);
    expect(handlerNames(report, recent.readBy)).toEqual(['GET /jobs']);
    const completed = stateNamed(report, 'completed');
    expect(completed.kind).toBe('counter');
    expect(handlerNames(report, completed.writtenBy)).toEqual(['POST /jobs/:id/complete']);
    expect(handlerNames(report, completed.readBy)).toEqual(['GET /healthz']);
  });

  it('counts every piece of state as a blocker and summarises them by kind', () => {
    expect(report.verdict).toEqual({ stateless: false, complete: true, blockers: 3, warnings: 0, maxBlockers: null, failed: true });
    expect(report.summary).toEqual([
      { kind: 'collection', count: 1, blockers: 1 },
      { kind: 'counter', count: 1, blockers: 1 },
      { kind: 'keyed-map', count: 1, blockers: 1 },
    ]);
    expect(report.entryPoints).toBe(5);
  });

  it('still finds the cross-file writes when the config reports no `unknown` writes', async () => {
    const recommended = await audit(auditFixture('jobs-api'), { config: { kind: 'shipped', name: 'recommended' } });
    // The rules report the writes at the handlers that make them, through the imports; the state file itself reports nothing.
    expect(new Set(recommended.findings.map((finding) => finding.file))).toEqual(new Set(['src/routes/jobs.ts']));
    expect(recommended.state.map((item) => [item.name, item.crossFile, item.blocker])).toEqual([
      ['jobs', true, true],
      ['recentIds', true, true],
      ['completed', true, true],
    ]);
  });
});

describe('a file kept and a job started through helpers of other modules (media-api)', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await audit(auditFixture('media-api'));
  });

  it('lists the write in the helper once, at the helper, with the two routes that call it', () => {
    const kept = stateNamed(report, 'fs.writeFile');
    expect(kept).toMatchObject({ kind: 'file', blocker: true, crossFile: true, rules: ['stateless/no-local-files'], declaration: { file: 'src/files.ts', line: 9 } });
    expect(handlerNames(report, kept.writtenBy)).toEqual(['PUT /avatars/:user', 'PUT /media/:name']);
    expect(kept.findings.map((index) => report.findings[index]?.messageId)).toEqual(['keptAcross', 'keptAcross']);
  });

  it('lists the job once, at the module that starts it, reported where the server calls it', () => {
    const jobs = report.state.filter((item) => item.declaration.file === 'src/jobs/transcode.ts');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: 'setInterval', kind: 'timer', blocker: true, crossFile: true, rules: ['stateless/no-process-timers'], declaration: { line: 5 } });
    expect(jobs[0]?.findings.map((index) => `${report.findings[index]?.file ?? ''}:${String(report.findings[index]?.line)} ${report.findings[index]?.messageId ?? ''}`)).toEqual(['src/server.ts:9 importedJob']);
  });

  it('lists work a helper defers with a timer once, at the timer, written by the route that calls it', () => {
    const deferred = report.state.filter((item) => item.declaration.file === 'src/notify.ts');
    expect(deferred).toHaveLength(1);
    expect(deferred[0]).toMatchObject({ name: 'setTimeout', kind: 'timer', blocker: true, crossFile: true, declaration: { line: 5 } });
    expect(handlerNames(report, deferred[0]?.writtenBy ?? [])).toEqual(['PUT /media/:name']);
    expect(deferred[0]?.findings.map((index) => report.findings[index]?.messageId)).toEqual(['afterResponseAcross']);
    expect(report.verdict).toMatchObject({ stateless: false, blockers: 3 });
  });
});

describe('a singleton instance exported and mutated elsewhere (queue-worker)', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await audit(auditFixture('queue-worker'));
  });

  it('reads a plain folder of JavaScript without a tsconfig', () => {
    expect(report.tsconfig).toBeNull();
    expect(report.files.checked).toBe(2);
  });

  it('reports the instance, its written fields, and the routes that call its methods', () => {
    const queue = stateNamed(report, 'queue');
    expect(queue).toMatchObject({ kind: 'instance', blocker: true, crossFile: true, declaration: { file: 'src/job-queue.js', line: 30 } });
    expect(queue.detail).toBe('instance of `JobQueue`; fields `lastError`, `pending`, `processed`');
    expect(handlerNames(report, queue.writtenBy)).toEqual(['POST /jobs', 'POST /jobs/next', 'app.use']);
    expect(handlerNames(report, queue.readBy)).toEqual(['GET /jobs/stats']);
  });
});

describe('a class that runs its own WebSocket server (ws-signal-hub)', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await audit(serviceFixture('ws-signal-hub'));
  });

  it('lists the instance once, with the fields its handlers write and the reads that send through them', () => {
    const hub = stateNamed(report, 'SignalHub');
    expect(hub).toMatchObject({ kind: 'instance', blocker: true, declaration: { file: 'hub.js', line: 6 } });
    expect(hub.detail).toBe('shared instance of `SignalHub`; fields `codes`, `rooms`');
    const rules = new Set(hub.findings.map((index) => report.findings[index]?.rule));
    expect(rules).toEqual(new Set(['stateless/no-instance-state', 'stateless/no-sticky-session']));
    // No item of its own for a read of `this.rooms` or `this.codes`, and none for the per-connection heartbeat slots.
    expect(report.state.filter((state) => /rooms|codes|lastBeat|beats/u.test(state.name))).toEqual([]);
  });

  it('lists the conditional rate-limit store and the salt made on first use', () => {
    expect(report.state.map((state) => state.name).sort()).toEqual(['SignalHub', 'rateLimit()', 'salt']);
  });
});

describe('a store configured in one module and used in another (auth-service)', () => {
  let report: AuditReport;
  beforeAll(async () => {
    report = await audit(auditFixture('auth-service'));
  });

  it('links the in-memory session store to the session middleware that uses it in another file', () => {
    const store = stateNamed(report, 'sessionStore');
    expect(store).toMatchObject({ kind: 'session', crossFile: true, rules: ['stateless/no-in-memory-session'], declaration: { file: 'src/stores.js', line: 6 } });
    expect(store.writtenBy.map((access) => `${access.at.file}:${access.at.line}`)).toEqual(['src/app.js:13']);
  });

  it('links the rate limiter to the route that mounts it', () => {
    const limiter = stateNamed(report, 'loginLimiter');
    expect(limiter).toMatchObject({ kind: 'rate-limit', crossFile: true, rules: ['stateless/no-memory-store'] });
    expect(handlerNames(report, limiter.writtenBy)).toEqual(['POST /login']);
  });
});

describe('a fully stateless service (notes-stateless)', () => {
  it('is stateless: lazy clients, constants and a service instance without field writes', async () => {
    const report = await audit(auditFixture('notes-stateless'));
    expect(report.verdict).toEqual({ stateless: true, complete: true, blockers: 0, warnings: 0, maxBlockers: null, failed: false });
    expect(report.state).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.entryPoints).toBe(2);
  });
});

describe('a stateful fixture service (express-shop)', () => {
  it('joins handlers in controllers.js with the routes registered in server.js', async () => {
    const report = await audit(serviceFixture('express-shop'));
    const carts = stateNamed(report, 'carts');
    expect(carts.kind).toBe('session');
    expect(handlerNames(report, carts.writtenBy)).toEqual(['DELETE /cart', 'POST /orders', 'PUT /cart']);
    expect(handlerNames(report, carts.readBy)).toEqual(['GET /cart']);
    const lastOrder = stateNamed(report, 'lastOrder');
    expect(lastOrder).toMatchObject({ kind: 'value', requestData: true, rules: ['stateless/no-request-leak'] });
    expect(handlerNames(report, lastOrder.readBy)).toEqual(['GET /admin/last-order']);
  });
});

describe('module state set by initialisers that the whole project calls only at startup', () => {
  const project = temporaryProjects();

  it('makes warnings of writes in functions called only from startup code, and keeps the others blockers', async () => {
    const dir = project({
      'src/config.ts': `let config: Record<string, string> = {};\nlet ready = false;\nexport function initConfig(env: Record<string, string | undefined>): void {\n  config = { port: String(env.PORT ?? 3000), name: env.NAME ?? 'app' };\n  ready = true;\n}\nexport const port = (): string => config.port ?? '3000';\nexport const isReady = (): boolean => ready;\n`,
      'src/cache.ts': `let warmed: string[] = [];\nexport function warm(keys: string[]): void {\n  warmed = [...keys];\n}\nexport const isWarm = (key: string): boolean => warmed.includes(key);\n`,
      'src/hits.ts': `let seen: string[] = [];\nexport function resetSeen(): void {\n  seen = [];\n}\nexport const seenCount = (): number => seen.length;\n`,
      'src/app.ts': `import express from 'express';\nimport { initConfig, port } from './config';\nimport { warm } from './cache';\nimport { resetSeen, seenCount } from './hits';\n\nasync function main(): Promise<void> {\n  initConfig(process.env);\n  const app = express();\n  app.get('/seen', (req, res) => res.json({ seen: seenCount() }));\n  app.post('/reset', (req, res) => {\n    resetSeen();\n    res.end();\n  });\n  app.listen(Number(port()), () => warm(['home']));\n}\nvoid main();\n`,
      // A Lambda handler, also called once at startup to warm it: the platform calls it per request.
      'src/lambda.ts': `let invocations = 0;\nexport async function handler(event: { body?: string }): Promise<{ statusCode: number; body: string }> {\n  invocations = invocations + 1;\n  return { statusCode: 200, body: String(invocations) + (event.body ?? '') };\n}\n`,
      'src/warm.ts': `import { handler } from './lambda';\nvoid handler({});\n`,
      // A debugging helper whose one call is commented out: its write never runs. (An export that no
      // file imports may be called from outside the project, as a platform calls a handler: not this.)
      'src/timing.ts': `const marks: number[] = [];\nexport function markStart(): void {\n  marks.push(Date.now());\n}\nexport const openMarks = (): number => marks.length;\n`,
      'src/report.ts': `import { markStart, openMarks } from './timing';\nexport function report(): number {\n  // markStart();\n  return openMarks();\n}\n`,
      // A test calls the initialiser too: tests do not run in the service.
      'test/config.test.ts': `import { initConfig } from '../src/config';\nit('reads the port', () => {\n  initConfig({ PORT: '1' });\n});\n`,
    });
    const report = await audit(dir);
    const byName = Object.fromEntries(report.state.map((item) => [item.name, { blocker: item.blocker, detail: item.detail }]));
    expect(byName).toEqual({
      config: { blocker: false, detail: 'written only while the service starts: every call of `initConfig` in the project runs at startup' },
      ready: { blocker: false, detail: 'written only while the service starts: every call of `initConfig` in the project runs at startup' },
      // Called from a callback the framework runs: not shown to run only at startup.
      warmed: { blocker: true, detail: null },
      // Called from a handler.
      seen: { blocker: true, detail: null },
      // A handler itself, whatever calls it at startup.
      invocations: { blocker: true, detail: null },
      marks: { blocker: false, detail: 'never written while the service runs: nothing in the project calls `markStart`' },
    });
  });
});

describe('safety', () => {
  it('reports a file that does not parse, audits the rest, and does not call the project stateless', async () => {
    const dir = project({
      ...wellFormed(10),
      'src/broken.ts': 'export const = ;\n',
      'src/app.ts': "import express from 'express';\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => {\n  hits++;\n  res.json({ hits });\n});\n",
    });
    const report = await audit(dir);
    expect(report.failed.map(({ file, line }) => ({ file, line }))).toEqual([{ file: 'src/broken.ts', line: 1 }]);
    expect(report.failed[0]?.reason).toMatch(/^Parsing error:/u);
    expect(report.files).toEqual({ checked: 11, failed: 1, skipped: [] });
    expect(report.state.map((item) => item.name)).toEqual(['hits']);
    expect(report.findings.every((finding) => finding.file === 'src/app.ts')).toBe(true);
    expect(report.verdict).toMatchObject({ stateless: false, complete: false, failed: true });
  });

  it('follows no symlink out of the root, and follows one inside it', async () => {
    const outside = project({ 'state.js': "import express from 'express';\nconst app = express();\nlet n = 0;\napp.get('/', (req, res) => { n++; res.end(); });\n" });
    const dir = project({ 'src/app.js': "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => res.end());\n", 'lib/inner.js': 'export const x = 1;\n' });
    symlinkSync(outside, path.join(dir, 'src', 'linked'), 'dir');
    symlinkSync(path.join(dir, 'lib'), path.join(dir, 'src', 'lib-link'), 'dir');
    const report = await audit(dir);
    expect(report.files).toEqual({ checked: 2, failed: 0, skipped: [{ reason: 'outside-root', count: 1 }] });
    expect(report.state).toEqual([]);
    expect(report.failed).toEqual([]);
  });

  it('never runs project code', async () => {
    const marker = path.join(os.tmpdir(), `stateless-audit-ran-${process.pid}`);
    const dir = project({
      'src/main.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nprocess.exit(3);\n`,
      'eslint.config.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'config ran');\nexport default [];\n`,
    });
    const report = await audit(dir);
    expect(report.files.checked).toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('skips dependencies, build output, hidden folders and declaration files', async () => {
    const dir = project({
      'src/index.ts': 'export const answer = 42;\n',
      'src/types.d.ts': 'declare const x: number;\n',
      'node_modules/pkg/index.js': 'let n = 0; export function f(req, res) { n++; }\n',
      'dist/index.js': 'export const answer = 42;\n',
      '.next/server.js': 'export const answer = 42;\n',
      'bundle.min.js': 'var a=1;\n',
    });
    const report = await audit(dir);
    expect(report.files.checked).toBe(1);
  });

  it('reads the folder when the tsconfig in it lists no files, and keeps to a tsconfig named on the command line', async () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, files: [] }),
      'server/app.js': "const express = require('express');\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => {\n  hits++;\n  res.json({ hits });\n});\n",
    });
    const report = await audit(dir);
    expect(report.tsconfig).toBeNull();
    expect(report.files.checked).toBe(1);
    expect(report.state.map((item) => item.name)).toEqual(['hits']);
    await expect(audit(dir, { tsconfig: path.join(dir, 'tsconfig.json') })).rejects.toThrow(/^no source files in /u);
  });

  it('audits a package whose tsconfig references sibling packages outside the audited folder', async () => {
    const dir = project({
      'packages/shared/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true }, include: ['src'] }),
      'packages/shared/src/index.ts': 'export let shared = 0;\n',
      'packages/api/tsconfig.json': JSON.stringify({ include: ['src'], references: [{ path: '../shared' }] }),
      'packages/api/src/app.ts': "import express from 'express';\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => {\n  hits++;\n  res.end();\n});\n",
    });
    const report = await audit(path.join(dir, 'packages', 'api'));
    expect(report.files.checked).toBe(1);
    expect(report.state.map((item) => item.name)).toEqual(['hits']);
  });

  it('resolves tsconfig `paths` aliases', async () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] }, module: 'ESNext', moduleResolution: 'Bundler' }, include: ['src'] }),
      'src/state.ts': 'export const visits = new Map<string, number>();\n',
      'src/app.ts': "import express from 'express';\nimport { visits } from '@/state';\nconst app = express();\napp.get('/visit/:id', (req, res) => {\n  visits.set(req.params.id, Date.now());\n  res.end();\n});\n",
    });
    const report = await audit(dir);
    const visits = stateNamed(report, 'visits');
    expect(visits).toMatchObject({ kind: 'keyed-map', crossFile: true, declaration: { file: 'src/state.ts', line: 1 } });
    expect(handlerNames(report, visits.writtenBy)).toEqual(['GET /visit/:id']);
  });

  it('reads the files and aliases of a JavaScript project’s jsconfig.json', async () => {
    const dir = project({
      'jsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/models/*': ['src/models/*'] } }, include: ['src'] }),
      'src/models/session.js': 'export class Session {\n  static live = new Map();\n  static put(id, value) {\n    Session.live.set(id, value);\n  }\n}\n',
      'src/app.js': "import express from 'express';\nimport { Session } from '@/models/session.js';\nconst app = express();\napp.post('/sessions/:id', (req, res) => {\n  Session.put(req.params.id, req.body);\n  res.end();\n});\n",
      'scratch/notes.js': 'export let count = 0;\n',
    });
    const report = await audit(dir);
    expect(report.tsconfig).toBe('jsconfig.json');
    expect(report.files.checked).toBe(2);
    const live = stateNamed(report, 'Session.live');
    expect(live).toMatchObject({ crossFile: true, declaration: { file: 'src/models/session.js', line: 2 } });
    expect(handlerNames(report, live.writtenBy)).toEqual(['POST /sessions/:id']);
  });
});

describe('project loading', () => {
  it('writes nothing into the project', async () => {
    const dir = project({ 'src/app.js': 'export const x = 1;\n' });
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'README.md'), '# x\n');
    await audit(dir);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'empty', 'src']);
  });
});

describe('a Prisma schema on SQLite', () => {
  const SCHEMA = [
    '// The datasource below is the one the app uses.',
    'generator client {',
    '  provider = "prisma-client-js"',
    '}',
    '',
    'datasource db {',
    '  // provider = "postgresql"',
    '  provider = "sqlite"',
    '  url      = env("DATABASE_URL")',
    '}',
    '',
  ].join('\n');
  const ROUTES = "import { PrismaClient } from '@prisma/client';\nimport express from 'express';\n\nconst prisma = new PrismaClient();\nconst app = express();\napp.get('/notes', async (req, res) => res.json(await prisma.note.findMany()));\n";

  it('is a blocker, named by its schema and line, with a networked database as the alternative', async () => {
    const report = await audit(project({ 'prisma/schema.prisma': SCHEMA, 'app/routes.ts': ROUTES }));
    expect(report.state).toEqual([
      {
        id: 's1',
        name: 'datasource db',
        kind: 'local-db',
        blocker: true,
        requestData: false,
        crossFile: false,
        declaration: { file: 'prisma/schema.prisma', line: 8 },
        writtenBy: [],
        readBy: [],
        rules: [],
        findings: [],
        alternative: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.',
        detail: 'Prisma schema with `provider = "sqlite"`: each replica opens a database file of its own',
      },
    ]);
    expect(report.verdict).toMatchObject({ stateless: false, blockers: 1 });
    const text = renderText(report, { color: false, rootLabel: 'app' });
    expect(text).toContain('  1. datasource db  local database  prisma/schema.prisma:8  blocker\n');
    expect(text).toContain('found by     the audit, in prisma/schema.prisma\n');
    expect(text).not.toContain('written by');
  });

  it('is not reported for another provider, for SQLite reached over the network or replicated by LiteFS, or twice when a rule reports the client', async () => {
    const postgres = await audit(project({ 'prisma/schema.prisma': SCHEMA.replace('  provider = "sqlite"', '  provider = "postgresql"'), 'app/routes.ts': ROUTES }));
    expect(postgres.state).toEqual([]);
    const turso = await audit(
      project({ 'prisma/schema.prisma': SCHEMA, 'app/routes.ts': ROUTES.replace("import express from 'express';", "import express from 'express';\nimport { PrismaLibSql } from '@prisma/adapter-libsql';\nvoid PrismaLibSql;") }),
    );
    expect(turso.state).toEqual([]);
    // LiteFS replicates the file to every replica, with one primary for writes.
    const litefs = await audit(project({ 'prisma/schema.prisma': SCHEMA, 'app/routes.ts': ROUTES, 'other/litefs.yml': 'fuse:\n  dir: "/litefs"\n' }));
    expect(litefs.state).toEqual([]);
    const adapter = await audit(
      project({
        'prisma/schema.prisma': SCHEMA,
        'app/routes.ts': ROUTES.replace('new PrismaClient()', "new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: 'file:./dev.db' }) })").replace(
          "import express from 'express';",
          "import express from 'express';\nimport { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';",
        ),
      }),
    );
    expect(adapter.state.map((item) => [item.kind, item.rules])).toEqual([['local-db', ['stateless/no-local-files']]]);
  });
});

describe('modules that server files import', () => {
  it('are server code: a database opened in db.js for the routes is reported, one in an unimported script is not', async () => {
    const report = await audit(
      project({
        'server.js': "const express = require('express');\nconst db = require('./lib/db');\n\nconst app = express();\napp.get('/notes', (req, res) => res.json(db.all('select * from notes')));\napp.listen(3000);\n",
        'lib/db.js': "const Database = require('better-sqlite3');\n\nconst db = new Database('data/app.db');\n\nmodule.exports = { all: (sql) => db.prepare(sql).all() };\n",
        'scripts/seed.js': "const Database = require('better-sqlite3');\n\nconst db = new Database('data/seed.db');\ndb.exec('create table if not exists notes (body text)');\n",
      }),
    );
    expect(report.state).toEqual([
      {
        id: 's1',
        name: 'new Database(…)',
        kind: 'local-db',
        blocker: true,
        requestData: false,
        crossFile: true,
        declaration: { file: 'lib/db.js', line: 3 },
        writtenBy: [],
        readBy: [],
        rules: [],
        findings: [],
        alternative: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.',
        detail: '`new Database(…)` from `better-sqlite3`, in a module that server code imports; the rules leave it to the audit, as the file imports no web framework',
      },
    ]);
    // The rules' own findings stay what ESLint reports: the file imports no web framework.
    expect(report.findings).toEqual([]);
    expect(report.verdict).toMatchObject({ stateless: false, blockers: 1 });
  });

  it('names a file write by its call, not by the module it is called through', async () => {
    const report = await audit(
      project({
        'package.json': '{ "type": "module" }',
        'src/app.js': "import fs from 'node:fs/promises';\nimport express from 'express';\n\nconst app = express();\napp.post('/files/:id', async (req, res) => {\n  await fs.writeFile(`uploads/${req.params.id}`, req.body);\n  res.end();\n});\n",
      }),
    );
    expect(report.state.map((item) => [item.kind, item.rules, `${item.declaration.file}:${String(item.declaration.line)}`])).toEqual([['file', ['stateless/no-local-files'], 'src/app.js:6']]);
    expect(report.state[0]?.name).not.toBe('fs');
  });

  it('names a storage driver on local disk by its class, in a file that serves no requests', async () => {
    const report = await audit(
      project({
        'src/storage/disk.ts': "import { promises as fs } from 'node:fs';\nimport path from 'node:path';\nimport type { Driver } from './driver';\n\nexport class DiskDriver implements Driver {\n  constructor(private readonly root: string) {}\n  async put(key: string, body: Buffer) {\n    await fs.writeFile(path.join(this.root, key), body);\n  }\n  async get(key: string) {\n    return fs.readFile(path.join(this.root, key));\n  }\n}\n",
        'src/storage/driver.ts': 'export interface Driver {\n  put(key: string, body: Buffer): Promise<void>;\n  get(key: string): Promise<Buffer>;\n}\n',
      }),
    );
    expect(report.state.map((item) => [item.name, item.kind, `${item.declaration.file}:${String(item.declaration.line)}`, item.blocker])).toEqual([['DiskDriver', 'file', 'src/storage/disk.ts:5', true]]);
  });

  it('follows ESM imports through other modules, and leaves files no server file reaches alone', async () => {
    const report = await audit(
      project({
        'package.json': '{ "type": "module" }',
        'src/app.js': "import express from 'express';\nimport { jobs } from './jobs/index.js';\n\nconst app = express();\napp.post('/jobs', (req, res) => res.json(jobs.start()));\n",
        'src/jobs/index.js': "export { jobs } from './scheduler.js';\n",
        'src/jobs/scheduler.js': "import { purgeExpired } from '../store.js';\n\nsetInterval(() => purgeExpired(), 60_000);\n\nexport const jobs = { start: () => true };\n",
        'src/store.js': "export async function purgeExpired() {\n  return fetch('https://db.internal/purge', { method: 'POST' });\n}\n",
        'tools/watch.js': "import { purgeExpired } from '../src/store.js';\n\nsetInterval(() => purgeExpired(), 1000);\n",
      }),
    );
    expect(report.state.map((item) => [item.name, item.kind, `${item.declaration.file}:${String(item.declaration.line)}`, item.blocker])).toEqual([['setInterval', 'timer', 'src/jobs/scheduler.js:3', true]]);
  });
});
