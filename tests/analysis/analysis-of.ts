import parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { analyse, type FileAnalysis } from '../../src/analysis/index.js';
import { onFileAnalysis } from '../../src/util/state-rule.js';

/**
 * The analysis of one file, as the rules see it: the code is linted by ESLint's `Linter` with
 * `@typescript-eslint/parser` and a probe rule that reads the file's analysis at `Program:exit`.
 */
export function analysisOf(code: string, filename = 'src/app.ts', settings: Record<string, unknown> = {}): FileAnalysis {
  let found: FileAnalysis | undefined;
  const probe = {
    meta: { messages: {}, schema: [] },
    create(context: TSESLint.RuleContext<never, []>) {
      return onFileAnalysis(context, () => {
        found = analyse(context);
      });
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config = {
    files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    languageOptions: { parser },
    plugins: { probe: { rules: { probe: probe as unknown as NonNullable<NonNullable<Linter.Config['plugins']>[string]['rules']>[string] } } },
    rules: { 'probe/probe': 'error' },
    settings,
  };
  const messages = linter.verify(code, [config], filename);
  const problem = messages.find((message) => message.ruleId === null);
  if (problem) throw new Error(`${filename}: ${problem.message}`);
  if (!found) throw new Error('the probe rule did not run');
  return found;
}
