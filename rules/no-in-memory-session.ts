import type { TSESTree } from '@typescript-eslint/utils';
import { enclosingStatement } from '../src/analysis/ast.js';
import { FileFacts } from '../src/analysis/facts.js';
import { handRolledSessionStores } from '../src/analysis/session-store.js';
import { storeUsesOf } from '../src/analysis/stores.js';
import { createRule } from '../src/util/create-rule.js';
import { allowList } from '../src/util/options.js';
import { withNodeIndex } from '../src/analysis/node-index.js';
import { firstToReportSettings } from '../src/settings.js';

export type Options = [
  {
    handRolled?: boolean;
    allow?: string[];
  },
];

export type MessageIds = 'memorySession' | 'diskSession' | 'passport' | 'handRolled' | 'invalidSettings';

export default createRule<Options, MessageIds>({
  name: 'no-in-memory-session',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow session stores that keep sessions in process memory or on local disk',
      recommended: true,
    },
    messages: {
      memorySession: '{{found}} keeps sessions in process memory, so a restart or another replica logs users out. {{advice}}',
      diskSession: "{{found}} keeps sessions on this machine's disk, so another replica logs users out. {{advice}}",
      passport: '{{found}} keeps logins in the in-memory session store on line {{line}}, so another replica logs users out. {{advice}}',
      handRolled:
        '`{{name}}` keeps per-session data in process memory, so after a restart or on another replica it is gone. Use a session store (`store: new RedisStore({ client })` from `connect-redis`) or a sealed cookie (`iron-session`).',
      invalidSettings: 'Invalid plugin settings: {{error}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          handRolled: {
            type: 'boolean',
            description: 'Also report module-level Maps, Sets and objects used as session stores: keyed by session ids, tokens or cookies, or named like `sessions`.',
          },
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Names of hand-rolled stores never reported; a name written as `/pattern/` is a regular expression.',
          },
        },
      },
    ],
    defaultOptions: [{ handRolled: true, allow: [] }],
  },
  create(context, [options]) {
    const allowed = allowList(context.id, options.allow ?? []);
    return withNodeIndex(context.sourceCode, {
      'Program:exit'(program: TSESTree.Program) {
        const stores = storeUsesOf(context);
        if (stores.settingsError !== undefined) {
          if (firstToReportSettings(context.sourceCode)) context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { error: stores.settingsError } });
          return;
        }
        const facts = FileFacts.of(context);
        for (const use of stores.uses) {
          if (use.kind !== 'session' || facts.annotations.excuses(enclosingStatement(use.node))) continue;
          if (use.shape.usage === 'passport') {
            context.report({ node: use.node, messageId: 'passport', data: { found: use.found, advice: use.entry.advice, line: String(use.sessionLine ?? 0) } });
          } else {
            context.report({ node: use.node, messageId: use.medium === 'disk' ? 'diskSession' : 'memorySession', data: { found: use.found, advice: use.entry.advice } });
          }
        }
        if (options.handRolled === false) return;
        const reported = stores.uses.filter((use) => use.kind === 'session').map((use) => use.node.range);
        for (const store of handRolledSessionStores(facts)) {
          if (allowed(store.binding.name) || facts.annotations.excuses(store.binding.declaration)) continue;
          // The Map behind a store object already reported at the session middleware.
          const behindReported = store.binding.variable.references.some(({ identifier }) => reported.some(([start, end]) => identifier.range[0] >= start && identifier.range[1] <= end));
          if (behindReported) continue;
          context.report({ node: store.node, messageId: 'handRolled', data: { name: store.binding.name } });
        }
      },
    });
  },
});
