import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../src/analysis/ast.js';
import { FileFacts } from '../src/analysis/facts.js';
import { instanceStateOf, type FieldWrite, type InstanceState, type SingletonClass } from '../src/analysis/instance-state.js';
import { isTestFile } from '../src/analysis/routes.js';
import { createRule } from '../src/util/create-rule.js';
import { allowList, lifetimeWords, lifetimesOption, type ReportedLifetime } from '../src/util/options.js';
import { withNodeIndex } from '../src/analysis/node-index.js';
import { firstToReportSettings } from '../src/settings.js';

export type Options = [
  {
    lifetimes?: ReportedLifetime[];
    reportCaches?: boolean;
    allow?: string[];
    assumeServer?: boolean;
  },
];

export type MessageIds = 'counter' | 'flag' | 'collection' | 'cache' | 'value' | 'requestData' | 'invalidSettings';

type FieldKind = 'counter' | 'flag' | 'collection' | 'cache' | 'value';

function ownerWords(singleton: SingletonClass): string {
  switch (singleton.reason) {
    case 'framework':
      return `the ${singleton.framework ?? 'framework'} singleton \`${singleton.name}\``;
    case 'get-instance':
      return `the singleton \`${singleton.name}\``;
    case 'module-instance':
      return `\`${singleton.name}\`, created once on line ${singleton.createdAt?.loc.start.line ?? 0},`;
  }
}

function isSelfArithmetic(write: FieldWrite): boolean {
  const value = write.values[0] ? unwrap(write.values[0]) : undefined;
  if (write.kind !== 'assign' || value?.type !== AST_NODE_TYPES.BinaryExpression || (value.operator !== '+' && value.operator !== '-')) return false;
  const left = unwrap(value.left);
  return left.type === AST_NODE_TYPES.MemberExpression && unwrap(left.object).type === AST_NODE_TYPES.ThisExpression && !left.computed && left.property.type === AST_NODE_TYPES.Identifier && left.property.name === write.field;
}

function isBoolean(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  return value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean';
}

function fieldKind(state: InstanceState, singleton: SingletonClass, field: string, writes: readonly FieldWrite[]): FieldKind {
  if (state.isCacheField(singleton, field)) return 'cache';
  if (writes.some((write) => write.kind === 'update' || isSelfArithmetic(write) || (write.kind === 'compound' && (write.operator === '+=' || write.operator === '-=') && !isString(write.values[0])))) {
    return 'counter';
  }
  if (state.containerOf(singleton, field) !== 'unknown' || writes.some((write) => write.kind === 'method' || write.kind === 'member' || write.kind === 'delete' || write.kind === 'object')) {
    return 'collection';
  }
  if (writes.some((write) => write.kind === 'assign' && isBoolean(write.values[0]))) return 'flag';
  return 'value';
}

function isString(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  return (value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') || value?.type === AST_NODE_TYPES.TemplateLiteral;
}

export default createRule<Options, MessageIds>({
  name: 'no-instance-state',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow fields of singleton instances that are written while handling requests',
      recommended: true,
    },
    messages: {
      counter: "`this.{{field}}` of {{owner}} counts in one instance's memory, so each replica counts on its own. Use Redis `INCR` or an atomic Postgres update.",
      flag: "`this.{{field}}` of {{owner}} is a flag in one instance's memory, so other replicas never see it change. Keep it in Redis or a Postgres row.",
      collection: "`this.{{field}}` of {{owner}} keeps data in one instance's memory: other replicas miss it and a restart loses it. Use Redis or a Postgres table.",
      cache: '`this.{{field}}` of {{owner}} is a per-instance cache: replicas disagree and an invalidation reaches only this one. Use Redis or Memcached with a TTL.',
      value: '`this.{{field}}` of {{owner}} is reassigned {{when}}: other replicas and a restarted one hold another value. Keep it in Redis or a Postgres row.',
      requestData: "`this.{{field}}` of {{owner}} holds request data, so concurrent requests read each other's. Pass it as an argument or use `AsyncLocalStorage`.",
      invalidSettings: 'Invalid plugin settings: {{error}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          lifetimes: lifetimesOption('When a write must happen to be reported: `request` (a route, or a method of a NestJS provider) and, in `strict`, `unknown` (methods whose callers the file cannot see).'),
          reportCaches: {
            type: 'boolean',
            description: 'Also report per-instance caches (fields named like `cache`/`memo`/`lru`, refresh-on-expiry slots, read-through maps).',
          },
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Fields never reported, written `this.field` or `Class.field`; `/pattern/` is a regular expression.',
          },
          assumeServer: {
            type: 'boolean',
            description: 'With `unknown` in `lifetimes`: report plain singletons in every file, not only in files that import a web framework.',
          },
        },
      },
    ],
    defaultOptions: [{ lifetimes: ['request'], reportCaches: false, allow: [], assumeServer: false }],
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
        if (isTestFile(context.filename)) return;
        const state = instanceStateOf(context.sourceCode, facts);
        // Request data on a framework singleton is `no-request-leak`'s finding.
        const leaks = new Set<TSESTree.Node>(facts.instanceLeaks.map((leak) => leak.node));
        for (const singleton of state.singletons) {
          // Outside a service's files, a plain class's methods of unknown lifetime are as likely configuration as request work.
          const unknownCounts = singleton.reason === 'framework' || state.serverFile || options.assumeServer === true;
          const writes = state
            .writesOf(singleton)
            .filter((write) => lifetimes.has(write.lifetime) && (write.lifetime !== 'unknown' || unknownCounts) && !write.lazyInit && !write.resource && !write.excused && !leaks.has(write.node));
          const byField = new Map<string, FieldWrite[]>();
          for (const write of writes) {
            if (allowed(`this.${write.field}`) || allowed(`${singleton.name}.${write.field}`)) continue;
            const list = byField.get(write.field) ?? [];
            list.push(write);
            byField.set(write.field, list);
          }
          const owner = ownerWords(singleton);
          for (const [field, fieldWrites] of byField) {
            const kind = fieldKind(state, singleton, field, fieldWrites);
            if (kind === 'cache' && options.reportCaches !== true) continue;
            const reported = new Set<TSESTree.Node>();
            for (const write of fieldWrites) {
              const requestData = singleton.reason !== 'framework' && write.lifetime === 'request' && write.kind === 'assign' && write.values.some((value) => facts.requestData.isDerived(value));
              if (reported.has(write.methodFn) && !requestData) continue;
              reported.add(write.methodFn);
              context.report({
                node: write.node,
                messageId: requestData ? 'requestData' : kind,
                data: { field, owner, when: lifetimeWords(write.lifetime === 'request' ? 'request' : 'unknown') },
              });
            }
          }
        }
      },
    });
  },
});
