import { heldAdvice, type SingletonClass, type StateKind } from '../src/analysis/index.js';
import { createRule } from '../src/util/create-rule.js';
import { allowOption, allowList, lifetimeWords, lifetimesOption, type ReportedLifetime } from '../src/util/options.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [
  {
    lifetimes?: ReportedLifetime[];
    reportCaches?: boolean;
    allow?: string[];
    assumeServer?: boolean;
  },
];

export type MessageIds = 'counter' | 'flag' | 'collection' | 'keyedMap' | 'cache' | 'cacheInvalidated' | 'object' | 'value' | 'requestData' | PluginMessageIds;

const MESSAGE_BY_KIND: Record<StateKind, MessageIds> = {
  counter: 'counter',
  flag: 'flag',
  collection: 'collection',
  'keyed-map': 'keyedMap',
  cache: 'cache',
  object: 'object',
  value: 'value',
};

function ownerWords(singleton: SingletonClass): string {
  switch (singleton.reason) {
    case 'framework':
      return `the ${singleton.framework ?? 'framework'} singleton \`${singleton.name}\``;
    case 'get-instance':
      return `the singleton \`${singleton.name}\``;
    case 'module-instance':
      return `\`${singleton.name}\`, created once on line ${singleton.createdAt?.loc.start.line ?? 0},`;
    case 'server':
      return `\`${singleton.name}\`, whose constructor registers the handlers on line ${singleton.createdAt?.loc.start.line ?? 0},`;
    case 'library-store':
      return `\`${singleton.name}\`, the store \`${singleton.library ?? 'a package'}\` calls on requests,`;
    case 'memory-store':
      return `\`${singleton.name}\`, an in-memory \`${singleton.contract ?? 'store'}\`,`;
  }
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
      counter: "`this.{{field}}` of {{owner}} counts in one instance's memory, so each replica counts on its own. {{advice}}",
      flag: "`this.{{field}}` of {{owner}} is a flag in one instance's memory, so other replicas never see it change. {{advice}}",
      collection: "`this.{{field}}` of {{owner}} keeps data in one instance's memory: other replicas miss it and a restart loses it. {{advice}}",
      keyedMap: "`this.{{field}}` of {{owner}} keeps entries per request key in one instance's memory, but the next request may reach another replica. {{advice}}",
      object: '`this.{{field}}` of {{owner}} is a shared object changed {{when}}: other replicas keep the old value. {{advice}}',
      cache: '`this.{{field}}` of {{owner}} is a per-instance cache: replicas disagree and an invalidation reaches only this one. {{advice}}',
      cacheInvalidated: '`this.{{field}}` of {{owner}} is a per-instance cache invalidated {{when}} on this replica only: the others keep serving the old entries. {{advice}}',
      value: '`this.{{field}}` of {{owner}} is reassigned {{when}}: other replicas and a restarted one hold another value. {{advice}}',
      requestData: "`this.{{field}}` of {{owner}} holds request data, so concurrent requests read each other's. {{advice}}",
      ...PLUGIN_MESSAGES,
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
          allow: allowOption('Fields never reported, written `this.field` or `Class.field`; `/pattern/` is a regular expression.'),
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
    const allowed = allowList(context.id, options.allow);
    const lifetimes = new Set<string>(options.lifetimes);
    return onFileAnalysis(context, (analysis) => {
      // Once per field and method (per field of an in-memory store), unless the write stores request data.
      const reported = new Set<string>();
      for (const finding of analysis.instanceState) {
        const { singleton, field } = finding;
        // Outside a service's files, a plain class's methods of unknown lifetime are as likely configuration as request work.
        const unknownCounts = singleton.reason === 'framework' || analysis.servesRequests || options.assumeServer;
        if (!lifetimes.has(finding.lifetime) || (finding.lifetime === 'unknown' && !unknownCounts)) continue;
        if (allowed(`this.${field}`) || allowed(`${singleton.name}.${field}`)) continue;
        // The contents of a store class are what it stores, whatever they are named.
        // So is a cache that request code invalidates: that reaches one replica.
        const invalidated = finding.invalidates === true && !options.reportCaches && singleton.reason !== 'memory-store';
        if (finding.kind === 'cache' && !options.reportCaches && singleton.reason !== 'memory-store' && !invalidated) continue;
        // A store class is one piece of state: once per field, however many of its methods write it.
        const key = singleton.reason === 'memory-store' ? field : `${field}\u0000${String(finding.methodFn.range[0])}`;
        if (reported.has(key) && !finding.requestData) continue;
        reported.add(key);
        const held = heldAdvice(finding);
        context.report({
          node: finding.node,
          messageId: finding.requestData ? 'requestData' : invalidated ? 'cacheInvalidated' : MESSAGE_BY_KIND[finding.kind],
          data: {
            field,
            owner: ownerWords(singleton),
            when: lifetimeWords(finding.lifetime),
            // Open connections and live objects cannot move to a store: messages to them must reach every replica, or requests for one key one replica.
            advice: analysis.advice(held ?? finding.kind),
          },
          finding: { kind: 'instance', name: `this.${field}`, advice: held ? `finding:${held}` : `state:${finding.kind}` },
        });
      }
    });
  },
});
