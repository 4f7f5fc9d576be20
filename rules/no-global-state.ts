import type { TSESTree } from '@typescript-eslint/utils';
import { FileFacts } from '../src/analysis/facts.js';
import { createRule } from '../src/util/create-rule.js';
import { allowList, lifetimeWords, lifetimesOption, type ReportedLifetime } from '../src/util/options.js';
import { withNodeIndex } from '../src/analysis/node-index.js';
import { firstToReportSettings } from '../src/settings.js';

export type Options = [
  {
    lifetimes?: ReportedLifetime[];
    allow?: string[];
  },
];

export type MessageIds = 'globalWrite' | 'envWrite' | 'invalidSettings';

export default createRule<Options, MessageIds>({
  name: 'no-global-state',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writes to `globalThis`, `global`, `window`, `self` and `process.env` while handling requests',
      recommended: true,
    },
    messages: {
      globalWrite: '`{{name}}` is a global written {{when}}: each replica keeps its own value and a restart loses it. Keep it in Redis (ioredis) or a database.',
      envWrite: '`{{name}}` is changed {{when}}, but `process.env` is per process: other replicas never see it. Keep runtime settings in Redis or a database.',
      invalidSettings: 'Invalid plugin settings: {{error}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          lifetimes: lifetimesOption('When a write must happen to be reported: `request` and, in `strict`, `unknown`.'),
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Globals never reported, written as reported (`globalThis.metrics`, `process.env.DEBUG`); `/pattern/` is a regular expression.',
          },
        },
      },
    ],
    defaultOptions: [{ lifetimes: ['request'], allow: [] }],
  },
  create(context, [options]) {
    const lifetimes = new Set<string>(options.lifetimes ?? ['request']);
    const allowed = allowList(context.id, options.allow ?? []);
    return withNodeIndex(context.sourceCode, {
      'Program:exit'(program: TSESTree.Program) {
        const facts = FileFacts.of(context);
        if (facts.settingsError !== undefined) {
          if (firstToReportSettings(context.sourceCode)) context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { error: facts.settingsError } });
          return;
        }
        for (const write of facts.globalWrites) {
          if (write.lazyInit || !lifetimes.has(write.lifetime) || write.leak || write.excused) continue;
          if (allowed(write.name)) continue;
          context.report({
            node: write.write.node,
            messageId: write.name.startsWith('process.env') ? 'envWrite' : 'globalWrite',
            data: { name: write.name, when: lifetimeWords(write.lifetime) },
          });
        }
      },
    });
  },
});
