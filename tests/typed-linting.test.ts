import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { relativePath } from '../tools/fixtures.js';

// The configuration of docs/typed-linting.md, as written there, on a project of TypeScript files,
// JavaScript files inside the TypeScript project (`allowJs`) and JavaScript files outside it.
const root = path.resolve(import.meta.dirname, '..');
const project = path.join(root, 'fixtures', 'mixed');
const configFile = path.join(project, 'eslint.config.docs.mjs');
const builtEntry = path.join(root, 'dist', 'src', 'bundle.js');

function docsConfig(): string {
  const markdown = readFileSync(path.join(root, 'docs', 'typed-linting.md'), 'utf8');
  const section = markdown.slice(markdown.indexOf('## Configuration'));
  const block = /```js\n([\s\S]*?)```/u.exec(section)?.[1];
  if (block === undefined) throw new Error('docs/typed-linting.md has no js block under ## Configuration');
  return block;
}

afterAll(() => {
  rmSync(configFile, { force: true });
});

// The config imports `eslint-plugin-stateless`, which resolves to the built package.
describe.runIf(existsSync(builtEntry))('the typed-linting configuration of the docs', () => {
  it('lints TypeScript with a program and JavaScript without one, with no parse error', async () => {
    writeFileSync(configFile, docsConfig());
    const eslint = new ESLint({ cwd: project, overrideConfigFile: configFile });
    const results = await eslint.lintFiles(['src', 'scripts']);
    const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal === true).map((message) => `${relativePath(project, result.filePath)}: ${message.message}`));
    expect(fatal).toEqual([]);
    const findings = results
      .flatMap((result) =>
        result.messages
          .filter((message) => message.ruleId?.startsWith('stateless/') === true)
          .map((message) => `${relativePath(project, result.filePath)}:${message.line} ${message.ruleId ?? ''} ${message.messageId ?? ''}`),
      )
      .sort();
    expect(findings).toEqual([
      // A JavaScript file outside every tsconfig.json, and one inside the project: untyped findings.
      'scripts/seed.js:8 stateless/no-module-state collection',
      'src/legacy.js:8 stateless/no-module-state counter',
      // Only the program shows that `sessions` is another module's Map.
      'src/server.ts:8 stateless/no-module-state importedState',
    ]);
    expect(results.map((result) => relativePath(project, result.filePath)).sort()).toEqual(['scripts/seed.js', 'src/legacy.js', 'src/server.ts', 'src/sessions.ts']);
  });
});
