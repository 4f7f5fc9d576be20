import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { TSESLint } from '@typescript-eslint/utils';
import { recordingContext, type StatelessRuleContext } from './finding-record.js';

export interface StatelessRuleDocs {
  /** Whether the rule is in the `recommended` config. */
  recommended?: boolean;
  /** Whether the rule is in the `strict` config (every recommended rule is too). */
  strict?: boolean;
  /** Whether the rule needs type information to run at all (none does). */
  requiresTypeChecking?: boolean;
  /**
   * Whether the rule reports more when the file comes with a program (typed linting): marked 💭 in
   * the rules list and on its page, as typescript-eslint marks its typed rules, but it also runs,
   * and reports, without one.
   */
  reportsMoreWithTypes?: boolean;
}

const namedRule = ESLintUtils.RuleCreator<StatelessRuleDocs>(
  (name) => `https://github.com/eslint-plugin-stateless/eslint-plugin-stateless/blob/main/docs/rules/${name}.md`,
);

type RuleArguments<Options extends readonly unknown[], MessageIds extends string> = Parameters<typeof namedRule<Options, MessageIds>>[0];

/** Options with every default filled in: what `meta.defaultOptions` must give, and what `create` receives. */
export type Complete<Options extends readonly unknown[]> = { readonly [K in keyof Options]: Options[K] extends object ? Readonly<Required<Options[K]>> : Options[K] };

/**
 * Where a rule's defaults go: complete in `meta.defaultOptions` when it has options; left out when it
 * has none (`schema: []`), as ESLint's own rules do.
 */
export type DefaultOptionsMeta<Options extends readonly unknown[]> = Options extends readonly [] ? { readonly defaultOptions?: readonly [] } : { readonly defaultOptions: Complete<Options> };

/** A rule as this plugin writes it: its defaults complete in `meta.defaultOptions`, and `create` given the merged options. */
export interface StatelessRule<Options extends readonly unknown[], MessageIds extends string> extends Omit<RuleArguments<Options, MessageIds>, 'create' | 'meta'> {
  readonly meta: RuleArguments<Options, MessageIds>['meta'] & DefaultOptionsMeta<Options>;
  /** `context.report` also takes the finding's structured part (`finding`), which tools such as the audit read instead of the message. */
  create(context: StatelessRuleContext<MessageIds, Options>, options: Complete<Options>): TSESLint.RuleListener;
}

/**
 * `RuleCreator` with the options merge done once per options object instead of once per file.
 * typescript-eslint merges the defaults into the configured options (a `structuredClone` and a deep
 * merge) every time a rule is created, which ESLint does for every file; the configured options
 * object is the same for every file that one configuration applies to, so the merged result is kept
 * for it. Options are read-only to the rules, so one merged object can serve every file.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(rule: StatelessRule<Options, MessageIds>): ReturnType<typeof namedRule<Options, MessageIds>> {
  const created = namedRule({ ...rule, create: () => ({}) });
  const defaults = (rule.meta.defaultOptions ?? []) as unknown as Options;
  // The defaults name every option, so the merge of the configured options into them is complete.
  const merge = (configured: readonly unknown[]): Complete<Options> => ESLintUtils.applyDefault(defaults, configured) as unknown as Complete<Options>;
  const merged = new WeakMap<object, Complete<Options>>();
  let withoutOptions: Complete<Options> | undefined;
  const optionsFor = (configured: readonly unknown[]): Complete<Options> => {
    if (configured.length === 0) {
      withoutOptions ??= merge(configured);
      return withoutOptions;
    }
    const first = configured[0];
    // Only one object of options is keyed; anything else is merged afresh.
    if (configured.length !== 1 || typeof first !== 'object' || first === null) return merge(configured);
    let options = merged.get(first);
    if (!options) {
      options = merge(configured);
      merged.set(first, options);
    }
    return options;
  };
  const meta = { ...created.meta, messages: { ...created.meta.messages, [SKIPPED]: SKIPPED_MESSAGE } };
  return {
    ...created,
    meta,
    create(context) {
      const recording = recordingContext(context);
      return guarded(recording, rule.create(recording, optionsFor(context.options)));
    },
  };
}

/** The message id every rule has for a file the analysis could not finish. */
const SKIPPED = 'analysisSkipped';
const SKIPPED_MESSAGE = 'The analysis skipped this file: its code nests too deeply to follow, so none of it was checked.';

/** Files whose analysis ran out of stack: the rules still to run skip them, and only the first reports it. */
const skippedFiles = new WeakSet<object>();

/**
 * The one place where rules enter the analysis. The analysis is written so that its depth does not
 * follow the input (iterative walks, `DeepMemo`), but ESLint's own traversal lets through trees deep
 * enough that some step may still run out of stack. Such a file is skipped, with one problem on line 1,
 * instead of an exception that stops ESLint for every file. Any other error is a defect and is thrown.
 */
function guarded<MessageIds extends string, Options extends readonly unknown[]>(
  context: StatelessRuleContext<MessageIds, Options>,
  listeners: TSESLint.RuleListener,
): TSESLint.RuleListener {
  const sourceCode = context.sourceCode;
  const result: Record<string, (node: never) => void> = {};
  for (const [selector, listener] of Object.entries(listeners) as [string, ((node: never) => void) | undefined][]) {
    if (!listener) continue;
    result[selector] = (node: never): void => {
      if (skippedFiles.has(sourceCode)) return;
      try {
        listener(node);
      } catch (error) {
        if (!(error instanceof RangeError) || !error.message.includes('call stack')) throw error;
        skippedFiles.add(sourceCode);
        context.report({ loc: { line: 1, column: 0 }, messageId: SKIPPED as MessageIds });
      }
    };
  }
  return result;
}
