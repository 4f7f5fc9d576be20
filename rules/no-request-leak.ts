import type { TSESLint } from '@typescript-eslint/utils';
import type { LeakFinding } from '../src/analysis/index.js';
import { createRule } from '../src/util/create-rule.js';
import { allowOption, allowList } from '../src/util/options.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [
  {
    allow?: string[];
  },
];

export type MessageIds = 'leak' | 'instanceLeak' | 'moveIntoHandler' | PluginMessageIds;

export default createRule<Options, MessageIds>({
  name: 'no-request-leak',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow storing request data where it outlives the request and reaches other users',
      recommended: true,
    },
    messages: {
      leak: "Request data stored in `{{name}}` outlives the request, so concurrent users read each other's data. {{advice}}",
      instanceLeak: 'Request data stored in `this.{{name}}` of singleton `{{className}}` is shared by concurrent requests. {{advice}}',
      moveIntoHandler: 'Declare `{{name}}` inside this handler instead of at module scope.',
      ...PLUGIN_MESSAGES,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: allowOption('Names never reported (bindings, `globalThis.x`, `this.field`); `/pattern/` is a regular expression.'),
        },
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    const allowed = allowList(context.id, options.allow);

    /** Declare the binding inside the handler, its only user, when the declaration means the same there. */
    function moveSuggestion(finding: LeakFinding): TSESLint.ReportSuggestionArray<MessageIds> {
      const move = finding.place === 'field' ? undefined : finding.move;
      if (!move) return [];
      const { remove, insertAt, text } = move;
      return [{ messageId: 'moveIntoHandler', data: { name: finding.name }, fix: (fixer) => [fixer.removeRange(remove), fixer.insertTextAfterRange([insertAt, insertAt], text)] }];
    }

    return onFileAnalysis(context, (analysis) => {
      for (const finding of analysis.leaks) {
        if (finding.place === 'field') {
          if (!allowed(`this.${finding.name}`)) context.report({ node: finding.node, messageId: 'instanceLeak', data: { name: finding.name, className: finding.className, advice: analysis.advice('instanceLeak') }, finding: { name: `this.${finding.name}`, advice: 'finding:instanceLeak' } });
        } else if (!allowed(finding.name)) {
          context.report({ node: finding.node, messageId: 'leak', data: { name: finding.name, advice: analysis.advice('leak') }, finding: { name: finding.name, advice: 'finding:leak' }, suggest: moveSuggestion(finding) });
        }
      }
    });
  },
});
