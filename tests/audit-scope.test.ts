import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ScopeFilter } from '../src/audit/ignores.js';
import { loadProject } from '../src/audit/project.js';
import type { AuditReport } from '../src/audit/report.js';
import { audit, repoRoot, temporaryProjects } from './audit-helpers.js';

const project = temporaryProjects();

const BUILT_PLUGIN = pathToFileURL(path.join(repoRoot, 'dist', 'src', 'bundle.js')).href;
const counter = (name: string): string => `import express from 'express';\nconst app = express();\nlet ${name} = 0;\napp.get('/${name}', (req, res) => {\n  ${name}++;\n  res.json({ ${name} });\n});\n`;

/**
 * A service as it is checked in: its sources, a compiled copy in `lib/` and a generated client,
 * both in `.gitignore` and in the ESLint config's ignores, and examples that hold state, ignored
 * by the ESLint config only (they are committed).
 */
function service(): string {
  return project({
    'eslint.config.js': `import stateless from ${JSON.stringify(BUILT_PLUGIN)};\nexport default [{ ignores: ['lib/**', 'generated/**', 'examples/**'] }, stateless.configs.recommended];\n`,
    '.gitignore': '/lib/\n/generated/\n*.log\n',
    'src/app.js': counter('visits'),
    'src/routes/orders.js': counter('orders'),
    'src/lib/format.js': 'export const format = (n) => n.toFixed(2);\n',
    'lib/app.js': counter('visits'),
    'generated/client.js': counter('generatedHits'),
    'examples/server.js': counter('exampleHits'),
    'debug.log': 'not code\n',
  });
}

/** What `eslint .` lints and reports in a folder with its own config. */
async function eslintDot(dir: string): Promise<{ files: string[]; findings: string[] }> {
  const results = await new ESLint({ cwd: dir }).lintFiles(['.']);
  const relative = (file: string): string => path.relative(dir, file).split(path.sep).join('/');
  return {
    files: results.map((result) => relative(result.filePath)).sort(),
    findings: results.flatMap((result) => result.messages.map((message) => `${relative(result.filePath)}:${String(message.line)} ${message.ruleId ?? ''}`)).sort(),
  };
}

function findings(report: AuditReport): string[] {
  return report.findings.map((finding) => `${finding.file}:${String(finding.line)} ${finding.rule}`).sort();
}

describe("the project's own scope", () => {
  it("is what `eslint .` lints when the project's config is named", async () => {
    const dir = service();
    const eslint = await eslintDot(dir);
    const report = await audit(dir, { config: { kind: 'file', path: path.join(dir, 'eslint.config.js') } });
    expect(eslint.files).toEqual(['eslint.config.js', 'src/app.js', 'src/lib/format.js', 'src/routes/orders.js']);
    expect(report.files).toEqual({ checked: eslint.files.length, failed: 0, skipped: [{ reason: 'gitignore', count: 2 }, { reason: 'eslint-ignores', count: 1 }] });
    expect(findings(report)).toEqual(eslint.findings);
    expect(report.state.map((item) => `${item.declaration.file} ${item.name}`)).toEqual(['src/app.js visits', 'src/routes/orders.js orders']);
  });

  it('leaves out what .gitignore and --ignore leave out, without running the config, and lists each piece of state once', async () => {
    const dir = service();
    const eslint = await eslintDot(dir);
    const gitignored = await audit(dir);
    // The compiled copy in lib/ would list `visits` twice; the examples are committed, so only --ignore leaves them out.
    expect(gitignored.state.map((item) => `${item.declaration.file} ${item.name}`)).toEqual(['examples/server.js exampleHits', 'src/app.js visits', 'src/routes/orders.js orders']);
    const ignored = await audit(dir, { ignore: ['examples/'] });
    expect(ignored.files).toEqual({ checked: eslint.files.length, failed: 0, skipped: [{ reason: 'gitignore', count: 2 }, { reason: 'ignore-option', count: 1 }] });
    expect(findings(ignored)).toEqual(eslint.findings);
  });

  it('applies .gitignore and --ignore to the files of a tsconfig too', () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['src', 'scripts'] }),
      '.gitignore': 'src/generated/\n',
      'src/app.ts': 'export const a = 1;\n',
      'src/generated/client.ts': 'export const b = 2;\n',
      'scripts/seed.ts': 'export const c = 3;\n',
    });
    const loaded = loadProject(dir, undefined, { ignore: ['scripts/*.ts'] });
    expect(loaded.files.map((file) => path.relative(dir, file.path))).toEqual([path.join('src', 'app.ts')]);
    expect(loaded.skipped.map((entry) => [path.relative(dir, entry.path), entry.reason]).sort()).toEqual([
      [path.join('scripts', 'seed.ts'), 'ignore-option'],
      [path.join('src', 'generated', 'client.ts'), 'gitignore'],
    ]);
  });
});

describe("the project's own commands", () => {
  it('leaves out a script that serves no requests and that no file imports, and keeps one the server imports', async () => {
    const dir = project({
      'src/app.js': `import express from 'express';\nimport { startDigest } from '../scripts/digest.js';\nconst app = express();\napp.listen(3000);\nstartDigest();\n`,
      // A one-off backfill run by hand: its counters are its own process's.
      'scripts/backfill.js': `import { db } from '../src/db.js';\nlet page = 0;\nexport async function run() {\n  for (;;) {\n    page += 1;\n    if (!(await db.batch(page))) break;\n  }\n}\nawait run();\n`,
      // A job module the server starts: the service's.
      'scripts/digest.js': `export function startDigest() {\n  setInterval(() => {\n    void fetch('https://mail.example.com/digest', { method: 'POST' });\n  }, 86_400_000);\n}\n`,
      'src/db.js': `export const db = { batch: async (page) => page < 3 };\n`,
    });
    const report = await audit(dir);
    expect(report.files).toEqual({ checked: 3, failed: 0, skipped: [{ reason: 'standalone-script', count: 1 }] });
    expect(findings(report).filter((finding) => finding.startsWith('scripts/backfill'))).toEqual([]);
    // The job is reported where the server starts it.
    expect(findings(report)).toEqual(['src/app.js:5 stateless/no-process-timers']);
    expect(report.state.map((item) => `${item.declaration.file} ${item.kind}`)).toEqual(['scripts/digest.js timer']);
  });
});

describe('.gitignore rules', () => {
  const filter = (): { dir: string; filter: ScopeFilter } => {
    const dir = project({
      '.gitignore': '# build output\n/build-*/\n*.gen.ts\nvendor/\n!keep.gen.ts\n',
      'src/.gitignore': 'local/\n!vendor.ts\nfixtures/*\n!fixtures/real.ts\n',
    });
    return { dir, filter: new ScopeFilter(dir, ['tmp/']) };
  };

  it.each([
    ['src/app.ts', false, undefined],
    ['src/api.gen.ts', false, 'gitignore'],
    ['src/keep.gen.ts', false, undefined],
    ['build-1', true, 'gitignore'],
    ['src/build-1', true, undefined],
    ['vendor', true, 'gitignore'],
    ['vendor/lib.js', false, 'gitignore'],
    ['src/local/x.ts', false, 'gitignore'],
    ['src/fixtures/fake.ts', false, 'gitignore'],
    ['src/fixtures/real.ts', false, undefined],
    ['tmp/a.ts', false, 'ignore-option'],
    ['src/tmp/a.ts', false, 'ignore-option'],
  ])('%s is %s', (file, directory, reason) => {
    const { dir, filter: scope } = filter();
    expect(scope.reason(path.join(dir, ...file.split('/')), directory)).toBe(reason);
  });
});
