import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules as ruleModules } from '../rules/index.js';
import plugin, { type StatelessPlugin } from '../src/index.js';
import { createESLint, listSourceFiles, SERVICES_DIR } from '../tools/fixtures.js';

const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const ruleNames = Object.keys(plugin.rules).sort();
// The rules with typescript-eslint's types (and our docs fields); `plugin.rules` holds the same objects.
const rules: [string, (typeof ruleModules)[keyof typeof ruleModules]][] = Object.entries(ruleModules);

function configured(config: keyof StatelessPlugin['configs']): string[] {
  return Object.keys(plugin.configs[config].rules ?? {}).sort();
}

function prefixed(names: string[]): string[] {
  return names.map((name) => `stateless/${name}`).sort();
}

describe('plugin', () => {
  it('takes its meta from package.json', () => {
    expect(plugin.meta).toEqual({ name: manifest.name, version: manifest.version, namespace: 'stateless' });
  });

  it('names every config after itself', () => {
    for (const [name, config] of Object.entries(plugin.configs)) {
      expect(config.name).toBe(`stateless/${name}`);
    }
  });

  it('exposes every rule module of rules/', () => {
    expect(plugin.rules).toBe(ruleModules);
  });

  it('puts exactly the rules marked `recommended` in `recommended`', () => {
    const recommended = rules.filter(([, rule]) => rule.meta.docs?.recommended === true).map(([name]) => name);
    expect(configured('recommended')).toEqual(prefixed(recommended));
  });

  it('puts the recommended and the `strict` rules in `strict`', () => {
    const strict = rules
      .filter(([, rule]) => rule.meta.docs?.recommended === true || rule.meta.docs?.strict === true)
      .map(([name]) => name);
    expect(configured('strict')).toEqual(prefixed(strict));
  });

  it('puts every rule in `all`', () => {
    expect(configured('all')).toEqual(prefixed(ruleNames));
  });
});

describe.each(rules)('rule %s', (name, rule) => {
  it('has a description, a schema, messages and a type', () => {
    expect(rule.meta.docs?.description).toMatch(/^[A-Z].*[^.]$/);
    expect(rule.meta.schema).toBeDefined();
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    expect(['problem', 'suggestion', 'layout']).toContain(rule.meta.type);
  });

  it('links its own docs page', () => {
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
  });
});

// A counter that every replica keeps for itself: the finding `recommended` exists for.
const COUNTER_JS = `
let hits = 0;
export function handler(req, res) {
  hits++;
  res.end(String(hits));
}
`;

const SAMPLES: Record<string, string> = {
  'probe.js': COUNTER_JS,
  'probe.mjs': COUNTER_JS,
  'probe.cjs': COUNTER_JS.replace('export function handler', 'module.exports = function handler'),
  'probe.ts': COUNTER_JS.replace('(req, res)', '(req: unknown, res: { end(body: string): void })'),
  'probe.tsx': `${COUNTER_JS.replace('(req, res)', '(req: unknown, res: { end(body: string): void })')}
export const View = (): JSX.Element => <p>{hits}</p>;
`,
};

describe('configs.recommended through the ESLint class', () => {
  const eslint = createESLint(plugin, root, 'recommended');

  it.each(Object.entries(SAMPLES))('parses %s without a fatal error', async (file, code) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    const problems = (result?.messages ?? []).filter((message) => message.fatal === true || message.ruleId === null);
    expect(problems.map((message) => message.message)).toEqual([]);
    expect(result?.messages.every((message) => message.ruleId?.startsWith('stateless/'))).toBe(true);
  });
});

const builtEntry = path.join(root, 'dist', 'src', 'bundle.js');

describe.runIf(existsSync(builtEntry))('the built package', () => {
  it('loads with require() from CommonJS', () => {
    const require = createRequire(import.meta.url);
    // The module names a `'module.exports'` export, so require() returns the plugin, not a namespace.
    const loaded = require(manifest.name) as StatelessPlugin;
    expect(Object.keys(loaded.configs).sort()).toEqual(Object.keys(plugin.configs).sort());
    expect(Object.keys(loaded.rules).sort()).toEqual(ruleNames);
    expect(loaded.meta).toEqual(plugin.meta);
  });

  it('loads with import() in plain Node', () => {
    // A child process: inside vitest, import() goes through Vite's module runner, not Node's loader.
    const script = `
      import { createRequire } from 'node:module';
      const { default: imported } = await import(${JSON.stringify(manifest.name)});
      const required = createRequire(process.cwd() + '/')(${JSON.stringify(manifest.name)});
      process.stdout.write(JSON.stringify({
        meta: imported.meta,
        configs: Object.keys(imported.configs).sort(),
        rules: Object.keys(imported.rules).sort(),
        sameAsRequire: imported === required,
      }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      meta: plugin.meta,
      configs: Object.keys(plugin.configs).sort(),
      rules: ruleNames,
      sameAsRequire: true,
    });
  });

  it('lints the fixture services with its shipped `recommended` config', async () => {
    const { default: built } = (await import(builtEntry)) as { default: StatelessPlugin };
    const files = listSourceFiles(path.join(root, SERVICES_DIR));
    const results = await createESLint(built, root, 'recommended').lintFiles(files);
    const fatal = results.flatMap((result) =>
      result.messages
        .filter((message) => message.fatal === true || message.ruleId === null)
        .map((message) => `${path.relative(root, result.filePath)}:${message.line} ${message.message}`),
    );
    expect(fatal).toEqual([]);
    expect(results.length).toBe(files.length);
  });
});
