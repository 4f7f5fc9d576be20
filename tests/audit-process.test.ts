import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../src/audit/report.js';
import { repoRoot, temporaryProjects, wellFormed } from './audit-helpers.js';

// The command as a user runs it: the built bin in a child process, on a project in a temporary folder.
// Each case is a way the audit used to stop, hang, read what it should not, or say "stateless" wrongly.

const BIN = path.join(repoRoot, 'dist', 'src', 'audit', 'cli.js');
const BUILT_PLUGIN = pathToFileURL(path.join(repoRoot, 'dist', 'src', 'bundle.js')).href;
// No case waits for a time limit: a run that hangs (the bug some cases are about) is left to CI's own
// limit, as every test is (vitest.config.ts), so a busy machine cannot fail a case that ends.

const project = temporaryProjects();

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  expect(existsSync(BIN), 'run `npm run build` first').toBe(true);
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? repoRoot, encoding: 'utf8', env });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Exit code 2 with one line on standard error, nothing on standard output, no stack trace. */
function expectOneLineError(result: Run, pattern: RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^stateless-audit: [^\n]+\n$/u);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /u);
}

const APP = "import express from 'express';\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => {\n  hits++;\n  res.json({ hits });\n});\n";
const STATELESS_APP = "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => {\n  res.json({ ok: true });\n});\n";

describe('files the parser cannot take', () => {
  it('leaves out a file of 1,000 nested parentheses and one of a 1,000-term `||` chain, and audits the rest', () => {
    const dir = project({
      ...wellFormed(20),
      'src/app.js': APP,
      'src/nested.js': `export const x = ${'('.repeat(1000)}1${')'.repeat(1000)};\n`,
      'src/chain.js': `export const y = ${Array.from({ length: 1000 }, (_, index) => `a${String(index)}`).join(' || ')};\n`,
    });
    const result = run([dir, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(report.failed.map((failed) => failed.file)).toEqual(['src/chain.js', 'src/nested.js']);
    expect(report.files).toEqual({ checked: 21, failed: 2, skipped: [] });
    expect(report.state.map((item) => item.name)).toEqual(['hits']);
    expect(report.verdict).toMatchObject({ stateless: false, complete: false, failed: true });
  });

  it('stops with one line when every file fails to parse, or more than a tenth of them', () => {
    const all = project({ 'src/a.ts': 'export const = ;\n', 'src/b.ts': 'let let let;\n' });
    expectOneLineError(run([all]), /^stateless-audit: no file could be checked \(2 files\); src\/a\.ts: Parsing error: /u);
    const many = project({ ...wellFormed(5), 'src/a.ts': 'export const = ;\n' });
    expectOneLineError(run([many]), /^stateless-audit: 1 of 6 files could not be checked, more than 10 %; src\/a\.ts: Parsing error: /u);
  });
});

describe.skipIf(process.platform === 'win32')('files that are not what their name says', () => {
  it('reads no device, FIFO or oversized file as a manifest, ignore file, schema or deployment file', () => {
    const dir = project({ ...wellFormed(3), 'src/app.js': APP });
    symlinkSync('/dev/zero', path.join(dir, 'package.json'));
    symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
    symlinkSync('/dev/zero', path.join(dir, 'schema.prisma'));
    symlinkSync('/dev/zero', path.join(dir, 'render.yaml'));
    mkdirSync(path.join(dir, 'src', 'sub'));
    expect(spawnSync('mkfifo', [path.join(dir, 'src', 'sub', 'package.json'), path.join(dir, 'src', 'fifo.ts'), path.join(dir, 'fly.toml')]).status).toBe(0);
    writeFileSync(path.join(dir, 'src', 'huge.js'), `// ${'x'.repeat(3 * 1024 * 1024)}\n`);
    const result = run([dir, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(report.files).toEqual({ checked: 4, failed: 0, skipped: [{ reason: 'too-large', count: 1 }, { reason: 'not-a-file', count: 1 }] });
    expect(report.state.map((item) => item.name)).toEqual(['hits']);
    expect(report.deployment.files).toEqual([]);
  });

  it('stops with one line for a tsconfig that is a device or a FIFO', () => {
    const device = project({ 'src/app.ts': APP });
    symlinkSync('/dev/zero', path.join(device, 'tsconfig.json'));
    expectOneLineError(run([device]), /^stateless-audit: cannot read tsconfig .*tsconfig\.json: outside the audited folder\n$/u);
    const fifo = project({ 'src/app.ts': APP });
    expect(spawnSync('mkfifo', [path.join(fifo, 'tsconfig.json')]).status).toBe(0);
    expectOneLineError(run([fifo]), /^stateless-audit: cannot read tsconfig .*tsconfig\.json: not a regular file\n$/u);
  });
});

describe('honest verdicts', () => {
  const config = (text: string): Record<string, string> => ({ 'eslint.config.js': text, ...wellFormed(2), 'src/app.js': APP });

  it.each([
    ['a config that throws', config("throw new Error('no database URL');\n"), /^stateless-audit: cannot load config eslint\.config\.js: no database URL\n$/u],
    ['a config without the plugin', config("export default [{ rules: { 'no-var': 'error' } }];\n"), /^stateless-audit: config eslint\.config\.js does not load eslint-plugin-stateless/u],
    [
      'a config that enables no rule of the plugin',
      config(`import stateless from ${JSON.stringify(BUILT_PLUGIN)};\nexport default [{ plugins: { stateless }, rules: { 'no-var': 'error' } }];\n`),
      /^stateless-audit: config eslint\.config\.js enables no stateless\/ rule for any file of the project\n$/u,
    ],
  ])('stops with one line and writes no report for %s', (_name, files, pattern) => {
    const dir = project(files);
    const output = path.join(dir, 'report.json');
    expectOneLineError(run([dir, '--config', path.join(dir, 'eslint.config.js'), '--output', output]), pattern);
    expect(readdirSync(dir).filter((name) => name.includes('report'))).toEqual([]);
  });

  it.each([
    ['a tsconfig that is not JSON', { 'tsconfig.json': '{ "compilerOptions": ', 'src/a.ts': 'export const a = 1;\n' }, /^stateless-audit: cannot read tsconfig .*tsconfig\.json: .+\(TS\d+\)\n$/u],
    ['a tsconfig whose `extends` does not resolve', { 'tsconfig.json': '{ "extends": "./base.json", "include": ["src"] }', 'src/a.ts': 'export const a = 1;\n' }, /^stateless-audit: cannot use tsconfig .*tsconfig\.json: Cannot read file '.*base\.json'\. \(TS5083\)\n$/u],
    ['a tsconfig that extends a package that is not installed', { 'tsconfig.json': '{ "extends": "@tsconfig/node99/tsconfig.json" }', 'src/a.ts': 'export const a = 1;\n' }, /\(TS\d+\); `extends` names the package `@tsconfig\/node99\/tsconfig\.json`, which is not installed: install the project's dependencies first, or pass --tsconfig a file that does not extend it\n$/u],
  ])('stops with one line for %s', (_name, files, pattern) => {
    const dir = project(files);
    expectOneLineError(run([dir]), pattern);
  });

  it('keeps the previous report when a run fails, and leaves no temporary file', () => {
    const dir = project(config("throw new Error('boom');\n"));
    const output = path.join(dir, 'report.json');
    writeFileSync(output, 'previous report\n');
    expectOneLineError(run([dir, '--config', path.join(dir, 'eslint.config.js'), '--output', output]), /cannot load config/u);
    expect(readFileSync(output, 'utf8')).toBe('previous report\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('checks --output before the run: a folder that does not exist stops it before any code runs', () => {
    const marker = path.join(project({}), 'ran');
    const dir = project({ 'eslint.config.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default [];\n`, 'src/app.js': APP });
    expectOneLineError(run([dir, '--config', path.join(dir, 'eslint.config.js'), '--output', path.join(dir, 'missing', 'report.json')]), /^stateless-audit: cannot write .*report\.json: no such folder /u);
    expect(existsSync(marker)).toBe(false);
    expectOneLineError(run([dir, '--output', dir]), /: it is a folder\n$/u);
  });

  it('replaces a report in full', () => {
    const dir = project({ ...wellFormed(2), 'src/app.js': STATELESS_APP });
    const output = path.join(dir, 'out', 'report.json');
    mkdirSync(path.dirname(output));
    writeFileSync(output, 'x'.repeat(100_000));
    const result = run([dir, '--format', 'json', '--output', output]);
    expect(result.status).toBe(0);
    expect((JSON.parse(readFileSync(output, 'utf8')) as AuditReport).verdict.stateless).toBe(true);
    expect(readdirSync(path.dirname(output))).toEqual(['report.json']);
  });
});

describe('what runs', () => {
  it('answers a usage error before ESLint or TypeScript is loaded', () => {
    const script = `import { createRequire } from 'node:module';
const { main } = await import(${JSON.stringify(pathToFileURL(BIN).href)});
const sink = { write: () => true };
const code = await main(['--frmat', 'json'], { stdout: sink, stderr: sink, env: {}, cwd: process.cwd() });
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /node_modules[\\\\/](typescript|eslint|ts-morph|@typescript-eslint)[\\\\/]/u.test(file));
process.stdout.write(JSON.stringify({ code, loaded }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ code: 2, loaded: [] });
  });

  it('runs nothing of the project unless --config names its config file', () => {
    const marker = path.join(project({}), 'executed');
    const write = `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(marker)}, 'ran\\n');\n`;
    const dir = project({
      'eslint.config.js': `${write}import stateless from ${JSON.stringify(BUILT_PLUGIN)};\nexport default [stateless.configs.recommended];\n`,
      'src/app.js': `${write}${APP}`,
      'src/tool.js': write,
      'package.json': JSON.stringify({ type: 'module', scripts: { postinstall: 'node src/tool.js' } }),
    });
    const plain = run([dir]);
    expect(plain.status).toBe(1);
    expect(existsSync(marker)).toBe(false);
    const named = run([dir, '--config', path.join(dir, 'eslint.config.js')]);
    expect(named.status, named.stderr).toBe(1);
    // The config runs (as `eslint` runs it); the project's own modules still do not.
    expect(readFileSync(marker, 'utf8')).toMatch(/^(ran\n)+$/u);
    expect(named.stdout).toContain('✖ Not stateless: 1 blocker.');
  });

  it("keeps ESLint's own warnings (a .eslintignore it no longer reads) out of the output", () => {
    const dir = project({
      '.eslintignore': 'generated/\n',
      'eslint.config.js': `import stateless from ${JSON.stringify(BUILT_PLUGIN)};\nexport default [stateless.configs.recommended];\n`,
      ...wellFormed(2),
      'src/app.js': APP,
    });
    const result = run([dir, '--config', path.join(dir, 'eslint.config.js')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/eslintignore|Warning/u);
  });
});

describe('colours', () => {
  const ANSI = new RegExp(`${String.fromCharCode(0x1b)}\\[`, 'u');

  it('follows FORCE_COLOR on a pipe', () => {
    const dir = project({ ...wellFormed(1), 'src/app.js': APP });
    expect(run([dir], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
  });
});
