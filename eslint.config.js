import { existsSync } from 'node:fs';
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS_FILES = ['src/**/*.ts', 'rules/**/*.ts', 'tools/**/*.ts', 'tests/**/*.ts', 'site/**/*.ts', 'vitest.config.ts'];

// Dogfooding lints our sources with the built plugin, so a broken build fails here with a clear message
// rather than with a module-not-found stack from inside ESLint.
const builtPlugin = new URL('./dist/src/index.js', import.meta.url);
if (!existsSync(builtPlugin)) {
  throw new Error('eslint.config.js lints src/ and rules/ with the built plugin: run `npm run build` first.');
}
const { default: stateless } = await import(builtPlugin.href);

export default defineConfig(
  {
    name: 'repo/ignores',
    ignores: ['dist/', 'fixtures/', 'node_modules/', 'coverage/', 'docs/', '.scratch/', '.exp-audit/', 'site/dist/', 'site/.vitepress/cache/', 'site/e2e-output/'],
  },
  {
    name: 'repo/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'repo/typescript',
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // The two tsconfigs that cover these files, named: the project service found the same programs
        // but cost 62 s against 47 s for the whole lint on two cores (it updates its project for each
        // file it opens), the largest step of `npm test` before the test runner.
        project: ['./tsconfig.json', './site/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Counts and line numbers read naturally in messages; `String(line)` everywhere would not help.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `const { dropped: _, ...rest } = value` is how an object loses a property without `delete`.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    name: 'repo/startup',
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    rules: {
      // A value from the root of @typescript-eslint/utils loads typescript-eslint's scope manager and its
      // library type definitions on every start, which a JavaScript lint never uses (docs/performance.md).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@typescript-eslint/utils',
              allowTypeImports: true,
              message: 'Import values from @typescript-eslint/types, @typescript-eslint/utils/ast-utils or /eslint-utils, and scope kinds from src/analysis/file/scope-types.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'repo/eslint-plugin',
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
  },
  {
    ...stateless.configs.recommended,
    name: 'repo/dogfood',
    files: ['src/**/*.ts', 'rules/**/*.ts'],
  },
);
