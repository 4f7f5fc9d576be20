import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { registerRule, scaffoldRule } from '../tools/new-rule.js';

const INDEX = `import noGlobalState from './no-global-state.js';
import noModuleState from './no-module-state.js';

export const rules = {
  'no-global-state': noGlobalState,
  'no-module-state': noModuleState,
};
`;

describe('registerRule', () => {
  it('adds the import and the entry in order', () => {
    expect(registerRule(INDEX, 'no-local-files')).toBe(`import noGlobalState from './no-global-state.js';
import noLocalFiles from './no-local-files.js';
import noModuleState from './no-module-state.js';

export const rules = {
  'no-global-state': noGlobalState,
  'no-local-files': noLocalFiles,
  'no-module-state': noModuleState,
};
`);
  });

  it('appends a name that sorts last', () => {
    expect(registerRule(INDEX, 'prefer-store')).toContain(
      `import noModuleState from './no-module-state.js';\nimport preferStore from './prefer-store.js';\n`,
    );
    expect(registerRule(INDEX, 'prefer-store')).toContain(`  'no-module-state': noModuleState,\n  'prefer-store': preferStore,\n};`);
  });

  it('refuses a rule that is already registered', () => {
    expect(() => registerRule(INDEX, 'no-module-state')).toThrow(/already imports/);
  });
});

describe('scaffoldRule', () => {
  let root = '';
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the rule, its test and its docs page, and registers it', () => {
    root = mkdtempSync(path.join(tmpdir(), 'stateless-new-rule-'));
    mkdirSync(path.join(root, 'rules'));
    mkdirSync(path.join(root, 'docs', 'rules'), { recursive: true });
    writeFileSync(path.join(root, 'rules', 'index.ts'), INDEX);

    expect(scaffoldRule(root, 'no-local-files')).toEqual([
      path.join('rules', 'no-local-files.ts'),
      path.join('rules', 'no-local-files.test.ts'),
      path.join('docs', 'rules', 'no-local-files.md'),
      path.join('rules', 'index.ts'),
    ]);
    expect(readFileSync(path.join(root, 'rules', 'no-local-files.ts'), 'utf8')).toContain("name: 'no-local-files'");
    const docs = readFileSync(path.join(root, 'docs', 'rules', 'no-local-files.md'), 'utf8');
    for (const section of ['## Examples', '## When Not To Use It', '## Further Reading']) expect(docs).toContain(section);
    expect(() => scaffoldRule(root, 'no-local-files')).toThrow(/already exists/);
    expect(() => scaffoldRule(root, 'NoLocalFiles')).toThrow(/kebab-case/);
  });
});

describe('the scaffolded rule', () => {
  it('passes the rules this project lints its rules with', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'stateless-new-rule-'));
    try {
      mkdirSync(path.join(root, 'rules'));
      mkdirSync(path.join(root, 'docs', 'rules'), { recursive: true });
      writeFileSync(path.join(root, 'rules', 'index.ts'), INDEX);
      scaffoldRule(root, 'no-local-files');
      const source = readFileSync(path.join(root, 'rules', 'no-local-files.ts'), 'utf8');
      const messages = new Linter().verify(
        source,
        [
          { files: ['**/*.ts'], ...eslintPlugin.configs.recommended },
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tseslint.parser },
            plugins: { '@typescript-eslint': tseslint.plugin },
            rules: { '@typescript-eslint/no-empty-function': 'error' },
          },
        ],
        'rules/no-local-files.ts',
      );
      expect(messages.map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
