import { heldAdvice, STATE_KINDS, type StateKind } from '../src/analysis/index.js';
import { createRule } from '../src/util/create-rule.js';
import { allowOption, allowList, lifetimeWords, lifetimesOption, type ReportedLifetime } from '../src/util/options.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

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
  | 'cacheInvalidated'
  | 'object'
  | 'value'
  | 'importedState'
  | 'callWritesState'
  | PluginMessageIds;

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
      reportsMoreWithTypes: true,
    },
    messages: {
      counter: '`{{name}}` is a counter in process memory, so each replica counts on its own. {{advice}}',
      flag: '`{{name}}` is a flag in process memory, so other replicas never see it change. {{advice}}',
      collection: '`{{name}}` collects data in process memory: other replicas miss it and a restart loses it. {{advice}}',
      keyedMap: '`{{name}}` keeps entries per request key in memory, but the next request may reach another replica. {{advice}}',
      cache: '`{{name}}` is a per-instance cache: replicas disagree and an invalidation reaches only this one. {{advice}}',
      cacheInvalidated: '`{{name}}` is a per-instance cache invalidated {{when}} on this replica only: the others keep serving the old entries. {{advice}}',
      object: '`{{name}}` is a shared object changed {{when}}: other replicas keep the old value. {{advice}}',
      value: '`{{name}}` is reassigned {{when}}: other replicas and a restarted one see another value. {{advice}}',
      importedState: '`{{name}}` is module state of `{{file}}` (line {{line}}) written {{when}}: each replica keeps its own. {{advice}}',
      callWritesState: '`{{callee}}()` writes state {{names}} of `{{file}}` {{when}}: each replica keeps its own. {{advice}}',
      ...PLUGIN_MESSAGES,
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
          allow: allowOption('Binding names never reported; a name written as `/pattern/` is a regular expression.'),
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
    const allowed = allowList(context.id, options.allow);
    const lifetimes = new Set<string>(options.lifetimes);
    const ignoreKinds = new Set<string>(options.ignoreKinds);
    return onFileAnalysis(context, (analysis) => {
      for (const finding of analysis.moduleState) {
        if (!lifetimes.has(finding.lifetime) || allowed(finding.name)) continue;
        // A cache is reported with `reportCaches`, or where request code invalidates it: that reaches one replica.
        if (ignoreKinds.has(finding.kind) || (finding.kind === 'cache' && !options.reportCaches && finding.invalidates !== true)) continue;
        const when = lifetimeWords(finding.lifetime);
        if (finding.foreign) {
          context.report({ node: finding.node, messageId: 'importedState', data: { name: finding.name, file: finding.foreign.file, line: finding.foreign.line, when, advice: analysis.advice('imported') }, finding: { kind: finding.kind, name: finding.name, advice: 'finding:imported' } });
        } else {
          // Open connections and live objects cannot move to a store: messages to them must reach every replica, or requests for one key one replica.
          const held = heldAdvice(finding);
          const advice = analysis.advice(held ?? finding.kind);
          const messageId = finding.invalidates === true && !options.reportCaches ? 'cacheInvalidated' : MESSAGE_BY_KIND[finding.kind];
          context.report({ node: finding.node, messageId, data: { name: finding.name, when, advice }, finding: { kind: finding.kind, name: finding.name, advice: held ? `finding:${held}` : `state:${finding.kind}` } });
        }
      }
      // Every call of a read-through getter fills the same cache, which is mended where it is declared:
      // the first call of the file names it (`Settings.get()` at 40 call sites is one cache). Other
      // state is named once per handler (or function) that writes it: five `redis.set()` calls of one
      // route are one writer.
      const cachesNamed = new Set<string>();
      const writersNamed = new Set<string>();
      for (const call of analysis.foreignCalls) {
        if (!lifetimes.has(call.lifetime)) continue;
        const { names, lines, kinds, files } = call.writer;
        // What the rule reports of the same state in its own file: allowed names, ignored kinds and caches stay quiet.
        const written = names
          .map((name, index) => ({ name, line: lines?.[index], kind: kinds?.[index], file: files?.[index], declared: call.writer.declarations?.[index] }))
          .filter(({ name, kind }) => !allowed(name) && (kind === undefined || (!ignoreKinds.has(kind) && (kind !== 'cache' || options.reportCaches))));
        const first = written[0];
        if (!first) continue;
        const places = written.map(({ name, file }) => `${file ?? call.writer.file}\0${name}`).join('\0');
        const named = written.every(({ kind }) => kind === 'cache') ? cachesNamed : writersNamed;
        const key = named === cachesNamed ? places : `${places}\0${String(call.within.range[0])}`;
        if (named.has(key)) continue;
        named.add(key);
        context.report({
          node: call.node,
          messageId: 'callWritesState',
          data: {
            callee: call.callee,
            // The file of the first piece named: the writer's own may hold only what is not reported (a cache).
            file: first.file ?? call.writer.file,
            names: written
              .map(({ name, line, file }) => {
                if (line === undefined) return `\`${name}\``;
                // State of a further file the function calls into names its file.
                return file === undefined || file === (first.file ?? call.writer.file) ? `\`${name}\` (line ${String(line)})` : `\`${name}\` (\`${file}\` line ${String(line)})`;
              })
              .join(', '),
            when: lifetimeWords(call.lifetime),
            advice: first.kind === undefined ? analysis.advice('imported') : analysis.advice(first.kind),
          },
          finding: {
            name: `${call.callee}()`,
            ...(first.kind === undefined ? { advice: 'finding:imported' as const } : { kind: first.kind, advice: `state:${first.kind}` as const }),
            ...(first.declared ? { declared: first.declared } : {}),
          },
        });
      }
    });
  },
});
