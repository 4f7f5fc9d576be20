import type { TSESLint } from '@typescript-eslint/utils';
import type { LeakFinding } from '../src/analysis/index.js';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRule } from '../src/util/create-rule.js';
import { nameAllowed } from '../src/util/options.js';
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
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Names never reported (bindings, `globalThis.x`, `this.field`); `/pattern/` is a regular expression.',
          },
        },
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    /** Declare the binding inside the handler, its only user: the declaration moves as written. */
    function moveSuggestion(finding: LeakFinding): TSESLint.ReportSuggestionArray<MessageIds> {
      const move = finding.place === 'field' ? undefined : finding.move;
      if (!move) return [];
      const { statement, declarator, body } = move;
      const first = body.body[0];
      const indent = first ? ' '.repeat(first.loc.start.column) : '  ';
      const declarationText = `let ${sourceCode.getText(declarator)};`;
      const end = sourceCode.text[statement.range[1]] === '\n' ? statement.range[1] + 1 : statement.range[1];
      return [
        {
          messageId: 'moveIntoHandler',
          data: { name: finding.name },
          fix: (fixer) => [fixer.removeRange([statement.range[0], end]), fixer.insertTextAfterRange([body.range[0], body.range[0] + 1], `\n${indent}${declarationText}`)],
        },
      ];
    }

    return onFileAnalysis(context, (analysis) => {
      for (const finding of analysis.leaks) {
        if (finding.place === 'field') {
          if (!nameAllowed(`this.${finding.name}`, options.allow)) context.report({ node: finding.node, messageId: 'instanceLeak', data: { name: finding.name, className: finding.className, advice: FINDING_ADVICE.instanceLeak } });
        } else if (!nameAllowed(finding.name, options.allow)) {
          context.report({ node: finding.node, messageId: 'leak', data: { name: finding.name, advice: FINDING_ADVICE.leak }, suggest: moveSuggestion(finding) });
        }
      }
    });
  },
});
