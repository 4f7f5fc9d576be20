import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { FileFacts, type ClassifiedWrite } from '../src/analysis/facts.js';
import { declarationMove, type DeclarationMove } from '../src/analysis/move-declaration.js';
import type { ModuleBinding } from '../src/analysis/writes.js';
import { createRule } from '../src/util/create-rule.js';
import { allowList } from '../src/util/options.js';
import { withNodeIndex } from '../src/analysis/node-index.js';
import { firstToReportSettings } from '../src/settings.js';

export type Options = [
  {
    allow?: string[];
  },
];

export type MessageIds = 'leak' | 'instanceLeak' | 'moveIntoHandler' | 'invalidSettings';

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
      leak: "Request data stored in `{{name}}` outlives the request, so concurrent users read each other's data. Keep it local, in `AsyncLocalStorage`, or in `res.locals`/`ctx.state`.",
      instanceLeak: 'Request data stored in `this.{{name}}` of singleton `{{className}}` is shared by concurrent requests. Pass it as an argument or use `Scope.REQUEST`.',
      moveIntoHandler: 'Declare `{{name}}` inside this handler instead of at module scope.',
      invalidSettings: 'Invalid plugin settings: {{error}}.',
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
    const allowed = allowList(context.id, options.allow ?? []);
    const sourceCode = context.sourceCode;

    const moves = new Map<ModuleBinding, DeclarationMove | undefined>();

    /** Only when the handler is the binding's sole user and the declaration means the same inside it. */
    function moveSuggestion(write: ClassifiedWrite): TSESLint.ReportSuggestionArray<MessageIds> {
      const { binding, fn } = write;
      if (!binding || !fn) return [];
      let move = moves.get(binding);
      if (!moves.has(binding)) {
        move = declarationMove(sourceCode, binding, fn);
        moves.set(binding, move);
      }
      if (!move) return [];
      const { remove, insertAt, text } = move;
      return [
        {
          messageId: 'moveIntoHandler',
          data: { name: binding.name },
          fix: (fixer) => [fixer.removeRange(remove), fixer.insertTextAfterRange([insertAt, insertAt], text)],
        },
      ];
    }

    return withNodeIndex(context.sourceCode, {
      'Program:exit'(program: TSESTree.Program) {
        const facts = FileFacts.of(context);
        if (facts.settingsError !== undefined) {
          if (firstToReportSettings(context.sourceCode)) context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { error: facts.settingsError } });
          return;
        }
        for (const write of [...facts.moduleWrites, ...facts.globalWrites]) {
          if (!write.leak || write.lifetime !== 'request' || write.excused || allowed(write.name)) continue;
          context.report({ node: write.write.node, messageId: 'leak', data: { name: write.name }, suggest: moveSuggestion(write) });
        }
        for (const leak of facts.instanceLeaks) {
          if (leak.excused || allowed(`this.${leak.field}`)) continue;
          context.report({ node: leak.node, messageId: 'instanceLeak', data: { name: leak.field, className: leak.className } });
        }
      },
    });
  },
});
