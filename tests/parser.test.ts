import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import { ESLint, type Linter, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { handoffCounts, parseForESLint, parseProjectSource } from '../src/parser.js';
import { parserOptionsFor } from '../src/analysis/project/parse.js';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

// A rule that reports which parser read the file: @typescript-eslint/parser always provides parser
// services (`esTreeNodeToTSNodeMap`, with or without a program); ESLint's default parser provides none.
const probe: Rule.RuleModule = {
  meta: { type: 'problem', schema: [], messages: { parsedBy: '{{parser}}' } },
  create(context) {
    return {
      Program(node) {
        const typescript = 'esTreeNodeToTSNodeMap' in context.sourceCode.parserServices;
        context.report({ node, messageId: 'parsedBy', data: { parser: typescript ? 'typescript' : 'espree' } });
      },
    };
  },
};

const probeConfig: Linter.Config = { plugins: { probe: { rules: { probe } } }, rules: { 'probe/probe': 'error' } };

async function parsedBy(configs: Linter.Config[], file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...configs, probeConfig] });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'probe/probe' || message.fatal === true).map((message) => message.message);
}

describe('the parser of the shipped configs', () => {
  it('reads JavaScript with ESLint’s default parser and TypeScript with @typescript-eslint/parser', async () => {
    const configs = [plugin.configs.recommended];
    expect(await parsedBy(configs, 'probe.js', 'export const a = 1;\n')).toEqual(['espree']);
    expect(await parsedBy(configs, 'probe.cjs', 'module.exports = 1;\n')).toEqual(['espree']);
    expect(await parsedBy(configs, 'probe.mjs', 'export const a = 1;\n')).toEqual(['espree']);
    expect(await parsedBy(configs, 'probe.ts', 'export const a: number = 1;\n')).toEqual(['typescript']);
    expect(await parsedBy(configs, 'probe.tsx', 'export const A = (): JSX.Element => <p />;\n')).toEqual(['typescript']);
  });

  it('parses JSX in .jsx files, and in .js files where the user turned JSX on', async () => {
    const jsx = 'export const A = () => <p>{1}</p>;\n';
    expect(await parsedBy([plugin.configs.recommended], 'probe.jsx', jsx)).toEqual(['espree']);
    expect(await parsedBy([plugin.configs.recommended], 'probe.js', jsx)).toEqual([expect.stringMatching(/Parsing error/u)]);
    const userJsx: Linter.Config = { languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } };
    expect(await parsedBy([plugin.configs.recommended, userJsx], 'probe.js', jsx)).toEqual(['espree']);
  });

  it('keeps @typescript-eslint/parser for JavaScript linted with a program, so type-aware rules of other plugins still get one', async () => {
    const typed: Linter.Config = {
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: path.join(root, 'fixtures', 'mixed') } },
    };
    expect(await parsedBy([plugin.configs.recommended, typed], 'fixtures/mixed/src/legacy.js', 'export const a = 1;\n')).toEqual(['typescript']);
  });

  it('leaves JavaScript to a parser the user lists after it (typescript-eslint’s, here)', async () => {
    const configs = defineConfig(plugin.configs.recommended, tseslint.configs.recommended) as Linter.Config[];
    expect(await parsedBy(configs, 'probe.js', 'export const a = 1;\n')).toEqual(['typescript']);
  });

  it('uses the project’s own @typescript-eslint/parser: the copy that typescript-eslint loads', async () => {
    await parsedBy(defineConfig(tseslint.configs.recommended, plugin.configs.recommended), 'probe.ts', 'export const a = 1;\n');
    const fromPlugin = createRequire(path.join(root, 'src', 'parser.ts')).resolve('@typescript-eslint/parser');
    const fromProject = createRequire(require.resolve('typescript-eslint')).resolve('@typescript-eslint/parser');
    expect(fromPlugin).toBe(fromProject);
    // @typescript-eslint/rule-tester, a tool of this repository's tests, pins a parser of its own.
    const loaded = Object.keys(require.cache).filter((file) => /[\\/]@typescript-eslint[\\/]parser[\\/]dist[\\/]index\.js$/u.test(file) && !file.includes('rule-tester'));
    expect(loaded).toEqual([fromProject]);
  });
});

const builtEntry = path.join(root, 'dist', 'src', 'bundle.js');

describe.runIf(existsSync(builtEntry))('linting JavaScript with the built package', () => {
  it('loads neither TypeScript, nor its parser, nor typescript-eslint’s scope manager', () => {
    // A child process: the test process has all three loaded already. ESLint's own scope manager
    // analyses a JavaScript file; typescript-eslint's, with its library type definitions, is loaded by
    // any value read from the root of @typescript-eslint/utils (src/analysis/file/scope-types.ts).
    const script = `
      import { createRequire } from 'node:module';
      import { ESLint } from 'eslint';
      const { default: stateless } = await import(${JSON.stringify(builtEntry)});
      const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [stateless.configs.all] });
      const [result] = await eslint.lintText('let hits = 0;\\nexport function handler(req, res) { hits++; res.end(String(hits)); }\\n', { filePath: 'handler.js' });
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      process.stdout.write(JSON.stringify({
        rules: result.messages.map((message) => message.ruleId),
        typescript: loaded.some((file) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(file)),
        parser: loaded.some((file) => /[\\\\/]@typescript-eslint[\\\\/](parser|typescript-estree)[\\\\/]/.test(file)),
        scopeManager: loaded.some((file) => /[\\\\/]@typescript-eslint[\\\\/]scope-manager[\\\\/]/.test(file)),
      }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ rules: ['stateless/no-module-state'], typescript: false, parser: false, scopeManager: false });
  });
});

describe('parses the analysis made of imported files', () => {
  const code = 'export const a: number = 1;\n';
  const file = path.join(root, 'handoff', 'kept.ts');

  it('are handed to ESLint once, for the same file, text and options', () => {
    const options = parserOptionsFor(file);
    const made = parseProjectSource(code, options);
    expect(parseForESLint(code, { ...options }).ast).toBe(made.ast);
    expect(parseForESLint(code, { ...options }).ast).not.toBe(made.ast);
  });

  type Options = Linter.ParserOptions & { filePath?: string };
  it.each<[string, (options: Options) => { code: string; options: Options }]>([
    ['other text', (options) => ({ code: 'export const b = 2;\n', options })],
    ['an option of the user’s own', (options) => ({ code, options: { ...options, ecmaFeatures: { jsx: true } } })],
    ['program options, even switched off', (options) => ({ code, options: { ...options, project: false, projectService: false, programs: null } })],
    ['another ECMAScript version', (options) => ({ code, options: { ...options, ecmaVersion: 2020 } })],
    ['another file', (options) => ({ code, options: { ...options, filePath: path.join(root, 'handoff', 'other.ts') } })],
  ])('are not handed over for %s, and are dropped', (_label, change) => {
    const options: Options = parserOptionsFor(file);
    const made = parseProjectSource(code, options);
    const asked = change(options);
    expect(parseForESLint(asked.code, asked.options).ast).not.toBe(made.ast);
    if (asked.options.filePath === options.filePath) expect(parseForESLint(code, { ...options }).ast).not.toBe(made.ast);
  });

  it('give ESLint the answers its own parse gives: a service linted while its imports are summarised reports what it reports when linted alone', async () => {
    // A copy of its own: summaries are kept per process and file, and another test of this process may
    // have summarised the fixture already, leaving nothing to parse (and to hand over) here.
    const service = path.join(mkdtempSync(path.join(os.tmpdir(), 'handoff-')), 'nest-quotes');
    cpSync(path.join(root, 'fixtures', 'services', 'nest-quotes'), service, { recursive: true });
    const lintService = async (): Promise<string[]> => {
      const eslint = new ESLint({ cwd: service, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
      const results = await eslint.lintFiles(['src']);
      return results.flatMap((result) => result.messages.map((message) => `${path.relative(service, result.filePath)}:${String(message.line)}:${String(message.column)} ${message.ruleId ?? ''} ${message.message}`));
    };
    const taken = handoffCounts.taken;
    const first = await lintService();
    // Modules the controllers call into were summarised before their own turn (their classes write their fields).
    expect(handoffCounts.taken - taken).toBeGreaterThan(0);
    // Summaries are kept: nothing is parsed for them again, and once a parse made for a file linted
    // before its summary was asked for has been taken, ESLint parses every file itself.
    expect(await lintService()).toEqual(first);
    const again = handoffCounts.taken;
    expect(await lintService()).toEqual(first);
    expect(handoffCounts.taken).toBe(again);
    expect(first.some((line) => line.startsWith('src/quotes/quotes.service.ts'))).toBe(true);
    rmSync(path.dirname(service), { recursive: true, force: true });
  });
});

describe('package.json', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const tseslintManifest = JSON.parse(readFileSync(require.resolve('typescript-eslint/package.json'), 'utf8')) as { version: string };

  it('asks for the typescript-eslint packages with caret ranges that the installed typescript-eslint satisfies', () => {
    const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
    const ours = Object.entries(ranges).filter(([name]) => name.startsWith('@typescript-eslint/'));
    expect(ours.map(([name]) => name).sort()).toEqual(['@typescript-eslint/parser', '@typescript-eslint/types', '@typescript-eslint/utils']);
    for (const [name, range] of ours) {
      const match = /^\^(\d+)\.(\d+)\.(\d+)$/u.exec(range);
      expect(match, `${name}: ${range}`).not.toBeNull();
      const [major, minor, patch] = tseslintManifest.version.split('.').map(Number);
      const [, wantMajor, wantMinor, wantPatch] = (match ?? []).map(Number);
      expect(major).toBe(wantMajor);
      expect((minor ?? 0) * 1e6 + (patch ?? 0)).toBeGreaterThanOrEqual((wantMinor ?? 0) * 1e6 + (wantPatch ?? 0));
    }
  });

  it('asks for the parser and TypeScript as peers, as typescript-eslint asks of plugins', () => {
    expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual(['@typescript-eslint/parser', 'eslint', 'typescript']);
    expect(manifest.dependencies?.['@typescript-eslint/parser']).toBeUndefined();
  });
});
