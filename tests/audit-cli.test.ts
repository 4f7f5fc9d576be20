import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as Audit from '../src/audit/audit.js';
import { colorAllowed, main, progressReporter, USAGE } from '../src/audit/cli.js';
import { SHIPPED_CONFIGS } from '../src/audit/configs.js';
import plugin from '../src/index.js';
import type { AuditReport } from '../src/audit/report.js';
import { auditFixture, capture, repoRoot, temporaryProjects } from './audit-helpers.js';

const project = temporaryProjects();

/** Runs the CLI in this thread and returns its exit code and what it wrote. */
async function cli(args: string[], options: Parameters<typeof capture>[0] = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = capture(options);
  const code = await main(args, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

const ANSI = new RegExp(`${String.fromCharCode(0x1b)}\\[`, 'u');

describe('exit codes', () => {
  it('is 0 for a stateless service', async () => {
    const { code, stdout, stderr } = await cli([auditFixture('notes-stateless')]);
    expect(code).toBe(0);
    expect(stdout).toContain('✔ Stateless: no state outlives a request.');
    expect(stderr).toBe('');
  });

  it('is 1 when blockers are found', async () => {
    const { code, stdout, stderr } = await cli([auditFixture('jobs-api')]);
    expect(code).toBe(1);
    expect(stdout).toContain('✖ Not stateless: 3 blockers.');
    expect(stderr).toBe('');
  });

  it('is 0 with as many blockers as --max-blockers allows, and 1 with more', async () => {
    const within = await cli([auditFixture('jobs-api'), '--max-blockers', '3']);
    expect(within.code).toBe(0);
    expect(within.stdout).toContain('Not stateless: 3 blockers (within the 3 allowed).');
    const over = await cli([auditFixture('jobs-api'), '--max-blockers', '2']);
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('Not stateless: 3 blockers (more than the 2 allowed).');
  });

  it.each([
    [['fixtures/audit/nowhere'], 'stateless-audit: no such folder: fixtures/audit/nowhere'],
    [['fixtures/audit/jobs-api', '--tsconfig', 'missing.json'], 'stateless-audit: cannot read tsconfig missing.json: no such file'],
    [['--format', 'xml', 'fixtures/audit/jobs-api'], "stateless-audit: unknown format 'xml' (use text, json, sarif, markdown)"],
    [['--max-blockers', 'some', 'fixtures/audit/jobs-api'], "stateless-audit: --max-blockers takes a whole number of 0 or more, got 'some'"],
    [['--max-blockers', '-1', 'fixtures/audit/jobs-api'], "stateless-audit: --max-blockers takes a whole number of 0 or more, got '-1'"],
    [['--replicas', '0', 'fixtures/audit/jobs-api'], "stateless-audit: --replicas takes a whole number of 1 or more, got '0'"],
    [['--config', 'nope.js', 'fixtures/audit/jobs-api'], 'stateless-audit: cannot read config nope.js: no such file (or use all, recommended, strict, serverless, recommended-type-checked, strict-type-checked)'],
    [['--config', 'recomended', 'fixtures/audit/jobs-api'], 'stateless-audit: cannot read config recomended: no such file (did you mean recommended?)'],
    [['--format', 'jsn', 'fixtures/audit/jobs-api'], "stateless-audit: unknown format 'jsn' (use text, json, sarif, markdown; did you mean json?)"],
    [['--frmat', 'json', 'fixtures/audit/jobs-api'], "stateless-audit: unknown option '--frmat' (did you mean --format?); see --help"],
    [['--output', '-x', 'fixtures/audit/jobs-api'], "stateless-audit: Option '--output' argument is ambiguous. Did you forget to specify the option argument for '--output'? To specify an option argument starting with a dash use '--output=-XYZ'."],
    [['fixtures/audit/jobs-api', 'fixtures/audit/auth-service'], 'stateless-audit: expected one path, got 2: fixtures/audit/jobs-api fixtures/audit/auth-service'],
  ])('is 2 with a one-line reason for %j', async (args, reason) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${reason}\n`);
  });

  it('is 2 for an unknown option, without a suggestion when no option is close', async () => {
    const { code, stderr } = await cli(['--frobnicate', auditFixture('jobs-api')]);
    expect(code).toBe(2);
    expect(stderr).toBe("stateless-audit: unknown option '--frobnicate'; see --help\n");
  });

  it('is 2 for a tsconfig that is not JSON', async () => {
    const dir = project({ 'tsconfig.json': '{ "compilerOptions": ', 'src/a.ts': 'export const a = 1;\n' });
    const { code, stderr } = await cli([dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^stateless-audit: cannot read tsconfig .*tsconfig\.json: .+\n$/u);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('is 2 for a folder without source files', async () => {
    const dir = project({ 'README.md': '# nothing here\n', 'node_modules/x/index.js': 'export const x = 1;\n' });
    const { code, stderr } = await cli([dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(`stateless-audit: no JavaScript or TypeScript files under ${dir}\n`);
  });

  it('is 2 for a tsconfig that lists no files', async () => {
    const dir = project({ 'tsconfig.json': JSON.stringify({ include: ['src'] }), 'lib/a.ts': 'export const a = 1;\n' });
    const { code, stderr } = await cli([dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^stateless-audit: no source files in .*tsconfig\.json\n$/u);
  });
});

describe('options', () => {
  it('prints usage with --help and the version with --version', async () => {
    const help = await cli(['--help']);
    expect(help).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    const version = await cli(['-v']);
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(version).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it('audits the current folder when no path is given', async () => {
    const { code, stdout } = await cli(['--format', 'json'], { cwd: auditFixture('queue-worker') });
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as AuditReport).root).toBe(auditFixture('queue-worker'));
  });

  it('writes the report to --output and nothing to a piped standard output', async () => {
    const dir = project({});
    const output = path.join(dir, 'report.json');
    const { code, stdout, stderr } = await cli([auditFixture('jobs-api'), '--format', 'json', '--output', output]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
    expect((JSON.parse(readFileSync(output, 'utf8')) as AuditReport).verdict.blockers).toBe(3);
  });

  it('says where the report went when standard error is a terminal', async () => {
    const dir = project({});
    const output = path.join(dir, 'report.md');
    const { stderr } = await cli([auditFixture('jobs-api'), '--format', 'markdown', '--output', output], { stderrTTY: true });
    expect(stderr).toBe(`Not stateless: 3 blockers. Report written to ${output}.\n`);
  });

  it('takes --tsconfig', async () => {
    const { code, stdout } = await cli([auditFixture('jobs-api'), '--tsconfig', 'fixtures/audit/jobs-api/tsconfig.json', '--format', 'json']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as AuditReport).tsconfig).toBe('tsconfig.json');
  });

  it('takes a shipped config by name', async () => {
    const { stdout } = await cli([auditFixture('jobs-api'), '--config', 'recommended', '--format', 'json']);
    const report = JSON.parse(stdout) as AuditReport;
    expect(report.config).toBe('recommended');
    // `recommended` reports the writes where the routes make them, through the imports of the state module.
    expect(new Set(report.findings.map((finding) => finding.file))).toEqual(new Set(['src/routes/jobs.ts']));
    expect(report.verdict.blockers).toBe(3);
  });

  it('takes every config the plugin ships by name', async () => {
    expect([...SHIPPED_CONFIGS].sort()).toEqual(Object.keys(plugin.configs).sort());
    const serverless = JSON.parse((await cli([auditFixture('jobs-api'), '--config', 'serverless', '--format', 'json'])).stdout) as AuditReport;
    expect(serverless.config).toBe('serverless');
    // Writes whose callers the file cannot see count in `serverless`: the exported helpers of the state module.
    expect(serverless.findings.filter((finding) => finding.file === 'src/state/jobs.ts').map((finding) => finding.rule)).toEqual(['stateless/no-module-state', 'stateless/no-module-state']);
    expect(serverless.findings.filter((finding) => finding.messageId === 'callWritesState').map((finding) => finding.file)).toEqual(['src/routes/jobs.ts', 'src/routes/jobs.ts']);
  });

  it('runs a type-checked config on the program it builds once, and the untyped one on JavaScript', async () => {
    const typed = await cli([auditFixture('jobs-api'), '--config', 'recommended-type-checked', '--format', 'json']);
    expect(typed.stderr).toBe('');
    const report = JSON.parse(typed.stdout) as AuditReport;
    expect(report.files).toEqual({ checked: 3, failed: 0, skipped: [] });
    expect(report.state.map((item) => [item.name, item.blocker])).toEqual([
      ['jobs', true],
      ['recentIds', true],
      ['completed', true],
    ]);
    const mixed = project({ 'src/app.js': "import express from 'express';\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => {\n  hits++;\n  res.end();\n});\n", 'src/lib.ts': 'export const limit: number = 3;\n' });
    const both = JSON.parse((await cli([mixed, '--config', 'strict-type-checked', '--format', 'json'])).stdout) as AuditReport;
    expect(both.findings.map((finding) => `${finding.file} ${finding.rule}`)).toEqual(['src/app.js stateless/no-module-state']);
  });

  it('takes an ESLint config file and runs only its `stateless/` rules', async () => {
    const built = path.join(repoRoot, 'dist', 'src', 'bundle.js');
    expect(existsSync(built), 'run `npm run build` first: the config file loads the built plugin').toBe(true);
    const dir = project({
      'eslint.config.js': `import stateless from ${JSON.stringify(built)};\nexport default [stateless.configs.recommended, { rules: { 'no-console': 'error', 'no-var': 'error' } }];\n`,
    });
    const config = path.join(dir, 'eslint.config.js');
    const { code, stdout } = await cli(['fixtures/services/express-shop', '--config', config, '--format', 'json']);
    const report = JSON.parse(stdout) as AuditReport;
    expect(code).toBe(1);
    expect(report.config).toBe(config);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding) => finding.rule.startsWith('stateless/'))).toBe(true);
  });
});

describe('terminal output', () => {
  it('colours text on a terminal', async () => {
    const { stdout } = await cli([auditFixture('jobs-api')], { stdoutTTY: true });
    expect(stdout).toMatch(ANSI);
  });

  it('writes plain text when piped or with NO_COLOR', async () => {
    expect((await cli([auditFixture('jobs-api')])).stdout).not.toMatch(ANSI);
    expect((await cli([auditFixture('jobs-api')], { stdoutTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
  });

  it.each([
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '3', NO_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ TERM: 'dumb' }, true, false],
    [{}, false, false],
  ])('decides colours from %j on a terminal: %s → %s', (env, terminal, expected) => {
    expect(colorAllowed({ write: () => true, isTTY: terminal }, env)).toBe(expected);
  });

  it('shows progress on a terminal once a run takes more than a second, then clears it', () => {
    let now = 0;
    let written = '';
    const progress = progressReporter({ write: (chunk: string) => (written += chunk), isTTY: true }, () => now);
    now = 500;
    progress.update('lint', 10, 100);
    expect(written).toBe('');
    now = 1_200;
    progress.update('lint', 40, 100);
    expect(written).toBe('\r\u001B[KLinting 40/100 files…');
    now = 1_250;
    progress.update('lint', 45, 100);
    expect(written).toBe('\r\u001B[KLinting 40/100 files…');
    now = 1_400;
    progress.update('graph', 0, 1);
    progress.clear();
    expect(written).toBe('\r\u001B[KLinting 40/100 files…\r\u001B[KFollowing imports and calls across files…\r\u001B[K');
  });

  it('shows no progress when standard error is piped', () => {
    let written = '';
    let now = 0;
    const progress = progressReporter({ write: (chunk: string) => (written += chunk), isTTY: false }, () => now);
    now = 60_000;
    progress.update('lint', 1, 2);
    progress.clear();
    expect(written).toBe('');
  });
});

describe('the shipped bin', () => {
  const bin = path.join(repoRoot, 'dist', 'src', 'audit', 'cli.js');

  it('is the package.json bin and starts with a shebang', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin).toEqual({ 'stateless-audit': 'dist/src/audit/cli.js' });
    expect(existsSync(bin), 'run `npm run build` first').toBe(true);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('audits a stateful fixture service in a child process: the report on stdout, exit code 1', () => {
    const child = spawnSync(process.execPath, [bin, 'fixtures/services/express-shop'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(1);
    expect(child.stdout).toContain('✖ Not stateless: 5 blockers.');
    expect(child.stdout).not.toMatch(ANSI);
  });

  it('exits 2 with one line for a usage error', () => {
    const child = spawnSync(process.execPath, [bin, '--nope'], { cwd: repoRoot, encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('lints in worker threads with the same report as in one thread', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index++) {
      files[`src/m${index}.js`] = `import express from 'express';\nimport { hits } from './state.js';\nexport const router${index} = express.Router();\nrouter${index}.get('/r${index}', (req, res) => {\n  hits.set(req.path, (hits.get(req.path) ?? 0) + 1);\n  res.end();\n});\nlet local${index} = 0;\nrouter${index}.post('/r${index}', (req, res) => {\n  local${index}++;\n  res.end();\n});\n`;
    }
    files['src/state.js'] = 'export const hits = new Map();\n';
    const dir = project(files);
    // Workers exist only in the build, so the built module is audited both ways.
    const built = (await import(pathToFileURL(path.join(repoRoot, 'dist', 'src', 'audit', 'audit.js')).href)) as typeof Audit;
    const options = { root: dir, config: { kind: 'shipped', name: 'all' }, maxBlockers: null } as const;
    const [threaded, single] = await Promise.all([built.runAudit({ ...options, workers: 2 }), built.runAudit({ ...options, workers: 0 })]);
    expect(threaded.files).toEqual({ checked: 41, failed: 0, skipped: [] });
    expect(threaded.state).toHaveLength(41);
    expect(threaded).toEqual(single);
  });
});
