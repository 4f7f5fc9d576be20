import path from 'node:path';
import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import * as espree from 'espree';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.describeSkip = describe.skip;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.itSkip = it.skip;

/**
 * - `ts`: `@typescript-eslint/parser` without type information, as `configs.recommended` lints.
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

export function createRuleTester(kind: RuleTesterKind = 'ts'): StatelessRuleTester {
  const tester = new RuleTester(configFor(kind));
  return {
    run(ruleName, rule, tests) {
      tester.run(ruleName, rule as unknown as Parameters<RuleTester['run']>[1], tests);
    },
  };
}

/** Both untyped testers, for rules whose cases should hold in TypeScript and JavaScript alike. */
export function createRuleTesters(): { ts: StatelessRuleTester; js: StatelessRuleTester } {
  return { ts: createRuleTester('ts'), js: createRuleTester('js') };
}
