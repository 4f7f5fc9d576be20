import type { TSESTree } from '@typescript-eslint/utils';
import { FileFacts } from '../src/analysis/facts.js';
import { isHandRolledSessionStore } from '../src/analysis/session-store.js';
import { STATE_KINDS, type StateKind } from '../src/analysis/state-kind.js';
import { createRule } from '../src/util/create-rule.js';
import { allowList, lifetimeWords, lifetimesOption, type ReportedLifetime } from '../src/util/options.js';
import { withNodeIndex } from '../src/analysis/node-index.js';
import { firstToReportSettings } from '../src/settings.js';

export type Options = [
  {
    lifetimes?: ReportedLifetime[];
    reportCaches?: boolean;
    allow?: string[];
    ignoreKinds?: StateKind[];
  },
];

export type MessageIds =
  | 'counter'
  | 'flag'
  | 'collection'
  | 'keyedMap'
  | 'cache'
  | 'object'
  | 'value'
  | 'importedState'
  | 'callWritesState'
  | 'okWithoutReason'
  | 'invalidSettings';

const MESSAGE_BY_KIND: Record<StateKind, MessageIds> = {
  counter: 'counter',
  flag: 'flag',
  collection: 'collection',
  'keyed-map': 'keyedMap',
  cache: 'cache',
  object: 'object',
  value: 'value',
};

export default createRule<Options, MessageIds>({
  name: 'no-module-state',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow module-scope bindings that are written while handling requests',
      recommended: true,
    },
    messages: {
      counter: '`{{name}}` is a counter in process memory, so each replica counts on its own. Use Redis `INCR` (ioredis) or an atomic Postgres update.',
      flag: '`{{name}}` is a flag in process memory, so other replicas never see it change. Keep it in Redis (ioredis) or a Postgres row.',
      collection: '`{{name}}` collects data in process memory: other replicas miss it and a restart loses it. Use a Postgres table or a Redis list or set.',
      keyedMap: '`{{name}}` keeps entries per request key in memory, but the next request may reach another replica. Use Redis keys with a TTL or a Postgres table.',
      cache: '`{{name}}` is a per-instance cache: replicas disagree and an invalidation reaches only this one. Use Redis or Memcached with a TTL.',
      object: '`{{name}}` is a shared object changed {{when}}: other replicas keep the old value. Keep it in Redis (ioredis) or a Postgres row.',
      value: '`{{name}}` is reassigned {{when}}: other replicas and a restarted one see another value. Keep it in Redis (ioredis) or a Postgres row.',
      importedState: '`{{name}}` is module state of `{{file}}` (line {{line}}) written {{when}}: each replica keeps its own. Keep it in Redis (ioredis) or Postgres.',
      callWritesState: '`{{callee}}()` writes module state of `{{file}}` ({{names}}) {{when}}: each replica keeps its own. Keep it in Redis (ioredis) or Postgres.',
      okWithoutReason: 'A `stateless-ok` comment needs a reason after a colon, e.g. `// stateless-ok: per-instance template cache`.',
      invalidSettings: 'Invalid plugin settings: {{error}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          lifetimes: lifetimesOption('When a write must happen to be reported: `request` (in a handler or code it calls) and, in `strict`, `unknown` (code whose callers the file cannot see).'),
          reportCaches: {
            type: 'boolean',
            description: 'Also report per-instance caches (bindings named like `cache`/`memo`/`lru`, and refresh-on-expiry slots).',
          },
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Binding names never reported; a name written as `/pattern/` is a regular expression.',
          },
          ignoreKinds: {
            type: 'array',
            items: { type: 'string', enum: [...STATE_KINDS] },
            uniqueItems: true,
            description: 'Kinds of state never reported: `counter`, `flag`, `cache`, `keyed-map`, `collection`, `object`, `value`.',
          },
        },
      },
    ],
    defaultOptions: [{ lifetimes: ['request'], reportCaches: false, allow: [], ignoreKinds: [] }],
  },
  create(context, [options]) {
    const lifetimes = new Set<string>(options.lifetimes ?? ['request']);
    const ignoreKinds = new Set<string>(options.ignoreKinds ?? []);
    const allowed = allowList(context.id, options.allow ?? []);
    return withNodeIndex(context.sourceCode, {
      'Program:exit'(program: TSESTree.Program) {
        const facts = FileFacts.of(context);
        if (facts.settingsError !== undefined) {
          if (firstToReportSettings(context.sourceCode)) context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { error: facts.settingsError } });
          return;
        }
        for (const annotation of facts.annotations.all) {
          if (annotation.reason === '') context.report({ loc: annotation.comment.loc, messageId: 'okWithoutReason' });
        }
        const reported = new Set<string>();
        for (const write of facts.moduleWrites) {
          const binding = write.binding;
          if (!binding || write.lazyInit || !lifetimes.has(write.lifetime) || write.leak || write.excused) continue;
          if (allowed(binding.name)) continue;
          // A map of sessions, tokens or users is `no-in-memory-session`'s finding, with a session store to name.
          if (isHandRolledSessionStore(facts, binding)) continue;
          const kind = facts.kindOf(binding);
          if (ignoreKinds.has(kind) || (kind === 'cache' && options.reportCaches !== true)) continue;
          const key = `${binding.name}\u0000${String(write.fn?.range[0] ?? -1)}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const when = lifetimeWords(write.lifetime);
          if (binding.foreign) {
            const { file, line } = binding.foreign;
            context.report({ node: write.write.node, messageId: 'importedState', data: { name: binding.name, file, line, when } });
          } else {
            context.report({ node: write.write.node, messageId: MESSAGE_BY_KIND[kind], data: { name: binding.name, when } });
          }
        }
        for (const call of facts.foreignCalls) {
          if (!lifetimes.has(call.lifetime) || call.excused) continue;
          if (call.writer.names.every((name) => allowed(name))) continue;
          context.report({
            node: call.node,
            messageId: 'callWritesState',
            data: { callee: call.callee, file: call.writer.file, names: call.writer.names.map((name) => `\`${name}\``).join(', '), when: lifetimeWords(call.lifetime) },
          });
        }
      },
    });
  },
});
