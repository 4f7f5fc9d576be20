import { ESLintUtils } from '@typescript-eslint/utils';

export interface StatelessRuleDocs {
  /** Whether the rule is in the `recommended` config. */
  recommended?: boolean;
  /** Whether the rule is in the `strict` config (every recommended rule is too). */
  strict?: boolean;
  /** Whether the rule needs type information to run at all. */
  requiresTypeChecking?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<StatelessRuleDocs>(
  (name) => `https://github.com/eslint-plugin-stateless/eslint-plugin-stateless/blob/main/docs/rules/${name}.md`,
);
