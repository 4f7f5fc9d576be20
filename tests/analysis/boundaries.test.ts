import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { analysisOf } from './analysis-of.js';

const SESSION_AND_LIMIT = `
import express from 'express';
import session from 'express-session';
import rateLimit from 'express-rate-limit';
const app = express();
app.use(session({ secret: 's' }));
app.use(rateLimit({ limit: 5 }));
let hits = 0;
app.get('/', (req, res) => { hits++; res.end(); });
`;

describe('outside the service', () => {
  it('reports nothing of a test file, the store families included', () => {
    for (const file of ['src/app.test.ts', 'src/auth/e2e/password-reset.e2e.ts', 'test/app.e2e-spec.ts', 'e2e/login.ts', 'src/utils/testing/apiUtils.ts', 'src/app/redis-cache/redis-cache.service.mock.ts', 'src/mail/mailer.stub.js', 'src/time/clock.fake.ts']) {
      const analysis = analysisOf(SESSION_AND_LIMIT, file);
      expect({ file, sessions: analysis.sessions.length, stores: analysis.stores.length, moduleState: analysis.moduleState.length }).toEqual({ file, sessions: 0, stores: 0, moduleState: 0 });
    }
  });

  it('reports nothing of a migration or a seeder that serves no requests', () => {
    const CLEANUP = `let page = 0;\nexport async function up(db) { for (;;) { page += 1; if (!(await db.batch(page))) break; } }\n`;
    expect(analysisOf(CLEANUP, 'src/lib/cleanup.ts').moduleState.length).toBeGreaterThan(0);
    for (const file of ['src/migrations/20240825-invalidate.ts', 'db/seeders/users.js', 'prisma/seeds/index.ts']) expect({ file, moduleState: analysisOf(CLEANUP, file).moduleState.length }).toEqual({ file, moduleState: 0 });
    // A file there that serves requests is still the service's.
    expect(analysisOf(SESSION_AND_LIMIT, 'src/migrations/admin.ts').moduleState.length).toBe(1);
  });

  it('reports the same file as service code', () => {
    const analysis = analysisOf(SESSION_AND_LIMIT, 'src/app.ts');
    expect({ sessions: analysis.sessions.length, stores: analysis.stores.length, moduleState: analysis.moduleState.length }).toEqual({ sessions: 1, stores: 1, moduleState: 1 });
  });

  it("reports nothing of a 'use client' module or a module of React hooks", () => {
    expect(analysisOf(`'use client';\nlet clicks = 0;\nexport function onClick(req, res) { clicks++; }`).moduleState).toEqual([]);
    expect(analysisOf(`import { useState } from 'react';\nlet renders = 0;\nexport function useThing(req, res) { renders++; return useState(0); }`).moduleState).toEqual([]);
    expect(analysisOf(`import { useMemo } from 'react';\nconst pending = new Map();\nexport function useParsed(req, res) { pending.set(req, res); return useMemo(() => pending.size, []); }`).moduleState).toEqual([]);
  });

  it('takes a module of hooks that imports Next.js only for links and the router for browser code, unless it fetches data on the server', () => {
    const component = `import Link from 'next/link';\nimport { useRouter } from 'next/router';\nimport { useEffect } from 'react';\nconst listeners = new Map();\nexport function useRow(el, cb) { useEffect(() => { listeners.set(el, cb); return () => listeners.delete(el); }, [el]); return useRouter(); }\n`;
    expect(analysisOf(component, 'src/components/Row.tsx').moduleState).toEqual([]);
    const page = `${component}let served = 0;\nexport async function getServerSideProps(ctx) { served++; return { props: { served } }; }\n`;
    expect(analysisOf(page, 'src/pages/row.tsx').moduleState.map((finding) => finding.name)).toContain('served');
    const server = `import { NextResponse } from 'next/server';\nimport { useEffect } from 'react';\nlet hits = 0;\nexport function GET(req) { hits++; useEffect(() => undefined); return NextResponse.json({ hits }); }\n`;
    expect(analysisOf(server, 'src/app/api/hits/route.ts').moduleState.map((finding) => finding.name)).toEqual(['hits']);
  });
});

describe('serving requests', () => {
  const CRON = `
import process from 'node:process';
import { CronJob } from 'cron';
new CronJob('0 * * * *', () => process.stdout.write('tick'));
`;

  it('is the same answer for every rule: a file that imports only node:process serves no requests', () => {
    const analysis = analysisOf(CRON);
    expect(analysis.servesRequests).toBe(false);
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      CRON,
      [{ ...(plugin.configs.all as Linter.Config), rules: { 'stateless/no-memory-store': ['error', { kinds: ['scheduler'] }], 'stateless/no-process-timers': 'error' } }],
      'src/jobs.ts',
    );
    expect(messages).toEqual([]);
  });

  it('makes the scheduler a finding of both rules once the file serves requests', () => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      `import express from 'express';\n${CRON}`,
      [{ ...(plugin.configs.all as Linter.Config), rules: { 'stateless/no-memory-store': ['error', { kinds: ['scheduler'] }], 'stateless/no-process-timers': 'error' } }],
      'src/jobs.ts',
    );
    expect(messages.map((message) => message.ruleId)).toEqual(['stateless/no-memory-store', 'stateless/no-process-timers']);
  });
});

describe('plugin-wide notes', () => {
  const lint = (code: string, settings: Record<string, unknown>, rules: Record<string, 'error'>): Linter.LintMessage[] =>
    new Linter({ configType: 'flat' }).verify(code, [{ ...(plugin.configs.recommended as Linter.Config), files: ['**/*.ts'], rules, settings }], 'src/app.ts');

  it('reports invalid settings once per file, whichever rules are on', () => {
    const messages = lint('let a = 1;', { stateless: { handlerCalls: 'app.get' } }, { 'stateless/no-global-state': 'error', 'stateless/no-memory-store': 'error', 'stateless/no-sticky-session': 'error' });
    expect(messages.map((message) => message.messageId)).toEqual(['invalidSettings']);
  });

  it('reports a malformed stateless-ok once, also when no-module-state is off', () => {
    const messages = lint('// stateless-ok\nlet a = 1;', {}, { 'stateless/no-global-state': 'error', 'stateless/no-local-files': 'error' });
    expect(messages.map((message) => [message.messageId, message.line])).toEqual([['okWithoutReason', 1]]);
  });
});
