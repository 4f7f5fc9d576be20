import path from 'node:path';
import { type InvalidTestCase, RuleTester, type RunTests, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import * as espree from 'espree';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.describeSkip = describe.skip;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.itSkip = it.skip;

/**
 * - `ts`: `@typescript-eslint/parser` without type information, as `configs.recommended` lints
 *   TypeScript; every case that is also valid JavaScript runs a second time with espree, as
 *   `configs.recommended` lints JavaScript.
 * - `js`: espree with ES modules, so a case that is not valid JavaScript fails to parse.
 * - `typed`: `@typescript-eslint/parser` with the project service over `tests/fixtures/typed`,
 *   for rules that read types. Code is linted as `file.ts` (`react.tsx` with JSX) there.
 */
export type RuleTesterKind = 'ts' | 'js' | 'typed';

/**
 * `RuleTester.run`, typed against our `@typescript-eslint/utils`. The rule tester is released after
 * the other typescript-eslint packages and may pin an older `utils`, whose `RuleModule` type is not
 * assignable from ours although the runtime contract is the same.
 */
export interface StatelessRuleTester {
  run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: TSESLint.RuleModule<MessageIds, Options>,
    tests: RunTests<NoInfer<MessageIds>, NoInfer<Options>>,
  ): void;
}

const TYPED_ROOT = path.join(import.meta.dirname, 'fixtures', 'typed');

function configFor(kind: RuleTesterKind): ConstructorParameters<typeof RuleTester>[0] {
  switch (kind) {
    case 'ts':
      return {};
    case 'js':
      return {
        defaultFilenames: { ts: 'file.js', tsx: 'react.jsx' },
        languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'module' },
      };
    case 'typed':
      return {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: TYPED_ROOT } },
      };
  }
}

/** Whether a node of typescript-eslint's AST, or one below it, is TypeScript syntax (`TS…` nodes). */
function hasTypeScriptSyntax(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasTypeScriptSyntax);
  if (typeof node !== 'object' || node === null) return false;
  if ('type' in node && typeof node.type === 'string' && node.type.startsWith('TS')) return true;
  return Object.entries(node).some(([key, value]) => key !== 'parent' && key !== 'loc' && key !== 'range' && hasTypeScriptSyntax(value));
}

/**
 * Whether a case's code is JavaScript: free of TypeScript syntax (`f<T>(x)` also parses as
 * JavaScript, as two comparisons) and read by espree, under the file name it is linted as.
 */
function isJavaScript(testCase: { code: string; filename?: string; languageOptions?: unknown }): boolean {
  if (testCase.languageOptions !== undefined) return false;
  const filename = testCase.filename ?? 'file.js';
  if (!/\.[cm]?jsx?$/u.test(filename)) return false;
  const jsx = filename.endsWith('x');
  try {
    espree.parse(testCase.code, { ecmaVersion: 'latest', sourceType: filename.endsWith('.cjs') ? 'commonjs' : 'module', ecmaFeatures: { jsx } });
    return !hasTypeScriptSyntax(tsParser.parse(testCase.code, { jsx }));
  } catch {
    return false;
  }
}

/**
 * The cases of a TypeScript run that are JavaScript as well: the shipped configs read JavaScript with
 * ESLint's own parser (espree), whose AST and scope analysis differ from typescript-eslint's in
 * details, so every rule must report the same on both.
 */
function javascriptCases<MessageIds extends string, Options extends readonly unknown[]>(tests: RunTests<MessageIds, Options>): RunTests<MessageIds, Options> {
  const valid = tests.valid
    .map((testCase): ValidTestCase<Options> => (typeof testCase === 'string' ? { code: testCase } : testCase))
    .filter((testCase) => isJavaScript(testCase));
  const invalid = tests.invalid.filter((testCase: InvalidTestCase<MessageIds, Options>) => isJavaScript(testCase));
  return { valid, invalid };
}

let espreeTester: RuleTester | undefined;

export function createRuleTester(kind: RuleTesterKind = 'ts'): StatelessRuleTester {
  const tester = new RuleTester(configFor(kind));
  return {
    run(ruleName, rule, tests) {
      const module = rule as unknown as Parameters<RuleTester['run']>[1];
      tester.run(ruleName, module, tests);
      if (kind !== 'ts') return;
      const javascript = javascriptCases(tests);
      if (javascript.valid.length + javascript.invalid.length === 0) return;
      espreeTester ??= new RuleTester(configFor('js'));
      espreeTester.run(`${ruleName} (its cases that are JavaScript, with espree)`, module, javascript);
    },
  };
}

/** Both untyped testers, for rules whose cases should hold in TypeScript and JavaScript alike. */
export function createRuleTesters(): { ts: StatelessRuleTester; js: StatelessRuleTester } {
  return { ts: createRuleTester('ts'), js: createRuleTester('js') };
}
