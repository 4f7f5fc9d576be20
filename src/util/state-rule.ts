import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { analyse, type FileAnalysis } from '../analysis/index.js';
import { withNodeIndex } from '../analysis/file/node-index.js';

/**
 * Messages about the plugin's own use rather than about state: every rule carries them, and one
 * rule a file reports them (the first created on it), whichever rules are on.
 */
export const PLUGIN_MESSAGES = {
  okWithoutReason: 'A `stateless-ok` comment needs a reason after a colon, e.g. `// stateless-ok: per-instance template cache`.',
  invalidSettings: 'Invalid plugin settings: {{error}}.',
} as const;

export type PluginMessageIds = keyof typeof PLUGIN_MESSAGES;

type Context<MessageIds extends string> = Readonly<TSESLint.RuleContext<MessageIds | PluginMessageIds, readonly unknown[]>>;

/** The rule chosen, per file, to report the plugin-wide notes: the first one created. */
const noteReporters = new WeakMap<object, object>();

/**
 * A rule's listeners: ESLint's traversal fills the shared node index, and at `Program:exit` the
 * rule reads the file's analysis. Invalid settings and malformed annotations are reported here,
 * once per file; with invalid settings no rule reports anything else.
 */
export function onFileAnalysis<MessageIds extends string>(context: Context<MessageIds>, check: (analysis: FileAnalysis, program: TSESTree.Program) => void): TSESLint.RuleListener {
  const sourceCode = context.sourceCode;
  if (!noteReporters.has(sourceCode)) noteReporters.set(sourceCode, context);
  return withNodeIndex(sourceCode, {
    'Program:exit'(program: TSESTree.Program) {
      const analysis = analyse(context);
      if (noteReporters.get(sourceCode) === context) reportNotes(context, analysis);
      if (analysis.settingsError !== undefined) return;
      check(analysis, program);
    },
  });
}

function reportNotes<MessageIds extends string>(context: Context<MessageIds>, analysis: FileAnalysis): void {
  if (analysis.settingsError !== undefined) {
    context.report({ loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { error: analysis.settingsError } });
    return;
  }
  for (const comment of analysis.malformedAnnotations) context.report({ loc: comment.loc, messageId: 'okWithoutReason' });
}
