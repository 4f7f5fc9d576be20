import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES_DIR } from '../tools/fixtures.js';

// The plugin as a user runs it: the `eslint` command of either supported major, a config file of
// their own that loads the built package (ESM `import` or CommonJS `require`), worker threads
// (`--concurrency`, ESLint 9.34+) and the result cache. Everything runs offline in a temp folder.
const root = path.resolve(import.meta.dirname, '..');
const builtEntry = path.join(root, 'dist', 'src', 'bundle.js');

const CLIS = [
  ['ESLint 10', path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js')],
  ['ESLint 9', path.join(root, 'node_modules', 'eslint-v9', 'bin', 'eslint.js')],
] as const;

/**
 * The fixture services the command lines lint: one or two of each framework and module kind (ESM and
 * CommonJS, TypeScript, JavaScript and TSX), among them services whose findings come from another
 * file's summary. Each command line here lints them six times in a child process; the precision harness
 * and tests/plugin.test.ts lint every service with the built plugin. These 38 files of the 125 cost 60 %
 * of the CPU time of all of them, most of which is the start of ESLint.
 */
const SERVICES = [
  'express-exports',
  'express-metrics',
  'express-sessions',
  'express-shop',
  'fastify-autoload',
  'hono-api',
  'lambda-handler',
  'nest-quotes',
  'next-app-router',
  'realtime-jobs',
  'remix-loader',
  'sveltekit-app',
];

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; fatal?: boolean }[];
}

let work = '';

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'stateless-cli-'));
  for (const service of SERVICES) cpSync(path.join(root, SERVICES_DIR, service), path.join(work, 'services', service), { recursive: true });
  const entry = pathToFileURL(builtEntry).href;
  writeFileSync(path.join(work, 'esm.config.mjs'), `import stateless from ${JSON.stringify(entry)};\n\nexport default [stateless.configs.recommended];\n`);
  writeFileSync(
    path.join(work, 'cjs.config.cjs'),
    // The plugin names a `'module.exports'` export: require() gives the plugin itself.
    `const stateless = require(${JSON.stringify(builtEntry)});\n\nmodule.exports = [stateless.configs.recommended];\n`,
  );
});

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI over the copied fixtures; findings as `file:line:column rule`, in a stable order. */
function lint(cli: string, args: string[]): string[] {
  const child = spawnSync(process.execPath, [cli, '--format', 'json', ...args, 'services'], { cwd: work, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  // 0: no findings, 1: findings; anything else is a crash or a configuration error.
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`eslint ${args.join(' ')} exited with ${String(child.status)}:\n${child.stderr}`);
  }
  const results = JSON.parse(child.stdout) as JsonResult[];
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) => `${path.relative(work, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'}`,
      ),
    )
    .sort();
}

describe.runIf(existsSync(builtEntry)).each(CLIS)('the %s command line', (_label, cli) => {
  let baseline: string[] = [];

  beforeAll(() => {
    baseline = lint(cli, ['--config', 'esm.config.mjs', '--concurrency=off']);
  });

  it('reports our findings on the fixture services and no parse error', () => {
    expect(baseline.length).toBeGreaterThan(0);
    expect(baseline.filter((finding) => !/\sstateless\/[a-z-]+$/u.test(finding))).toEqual([]);
  });

  it('reports the same with --concurrency=2 (worker threads load the config themselves)', () => {
    // Among them findings that read another file's summary: each worker keeps summaries of its own.
    expect(baseline).toContain('services/express-metrics/src/app.ts:19:5 stateless/no-module-state');
    expect(lint(cli, ['--config', 'esm.config.mjs', '--concurrency=2'])).toEqual(baseline);
  });

  it('reports the same with --cache, when it writes the cache and when it reads it', () => {
    const cacheFile = path.join(work, `cache-${path.basename(path.dirname(path.dirname(cli)))}`);
    const args = ['--config', 'esm.config.mjs', '--cache', '--cache-location', cacheFile];
    expect(lint(cli, args)).toEqual(baseline);
    expect(existsSync(cacheFile)).toBe(true);
    const cached = readFileSync(cacheFile, 'utf8');
    expect(cached).toContain('express-shop');
    expect(lint(cli, args)).toEqual(baseline);
  });

  it.each([
    ['/(/', 'off'],
    ['/a/z', 'off'],
    ['/^tmp/y', 'off'],
    ['/[/', '2'],
  ])('stops at the allow entry %s (--concurrency=%s) with one line naming the rule, the option and the entry, and no stack', (entry, concurrency) => {
    const config = path.join(work, `allow-${entry.replace(/\W/gu, '_')}-${concurrency}.config.mjs`);
    writeFileSync(
      config,
      `import stateless from ${JSON.stringify(pathToFileURL(builtEntry).href)};\n\nexport default [stateless.configs.recommended, { rules: { 'stateless/no-module-state': ['error', { allow: ['fine', ${JSON.stringify(entry)}] }] } }];\n`,
    );
    const child = spawnSync(process.execPath, [cli, '--config', config, `--concurrency=${concurrency}`, 'services'], { cwd: work, encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).not.toContain('    at ');
    // ESLint's banner, then the error: one line.
    const lines = child.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines.slice(0, 2)).toEqual(['Oops! Something went wrong! :(', expect.stringMatching(/^ESLint: \d+\.\d+\.\d+$/u)]);
    expect(lines).toHaveLength(3);
    const [, , error = ''] = lines;
    expect(error).toMatch(/^stateless\/no-module-state: option `allow` has an entry (?:that is not a valid regular expression|with the flag y), /u);
    expect(error).toContain(`, ${JSON.stringify(entry)}: `);
  });

  it('loads the built plugin with require() from a CommonJS config', () => {
    expect(lint(cli, ['--config', 'cjs.config.cjs'])).toEqual(baseline);
  });
});
