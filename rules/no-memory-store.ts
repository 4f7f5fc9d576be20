import type { StoreUse } from '../src/analysis/index.js';
import { STORE_KINDS, type StoreKind } from '../src/knowledge/index.js';
import { createRule } from '../src/util/create-rule.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

/** Kinds this rule reports (sessions belong to `no-in-memory-session`). */
export const MEMORY_STORE_KINDS: readonly StoreKind[] = STORE_KINDS.filter((kind) => kind !== 'session');

/**
 * Reported by default: in-process state that breaks as soon as a second replica runs. Caches, locks
 * and upload buffers are opt-in; files on local disk (`upload`, `local-db`) belong to
 * `no-local-files` and schedulers to `no-process-timers`, which read the same store table, so they
 * are reported here only when listed.
 */
export const DEFAULT_KINDS: readonly StoreKind[] = ['rate-limit', 'loader', 'pubsub', 'realtime', 'queue'];

export type Options = [
  {
    kinds?: StoreKind[];
    assumeServer?: boolean;
  },
];

export type MessageIds =
  | 'rateLimit'
  | 'cache'
  | 'cacheInvalidated'
  | 'loader'
  | 'lock'
  | 'pubsub'
  | 'eventBus'
  | 'realtime'
  | 'broadcast'
  | 'upload'
  | 'uploadBuffer'
  | 'queue'
  | 'scheduler'
  | 'localDb'
  | PluginMessageIds;

const MESSAGE_BY_KIND: Record<Exclude<StoreKind, 'session'>, MessageIds> = {
  'rate-limit': 'rateLimit',
  cache: 'cache',
  loader: 'loader',
  lock: 'lock',
  pubsub: 'pubsub',
  realtime: 'realtime',
  upload: 'upload',
  'upload-buffer': 'uploadBuffer',
  queue: 'queue',
  scheduler: 'scheduler',
  'local-db': 'localDb',
};

function messageFor(use: StoreUse): MessageIds | undefined {
  if (use.kind === 'session') return undefined;
  if (use.shape.usage === 'broadcast') return 'broadcast';
  if (use.shape.usage === 'event-bus') return 'eventBus';
  return MESSAGE_BY_KIND[use.kind];
}

export default createRule<Options, MessageIds>({
  name: 'no-memory-store',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow libraries left on an in-process store: rate limiters, pub/sub, realtime adapters, loaders, caches',
      recommended: true,
    },
    messages: {
      rateLimit: '{{found}} counts requests on this instance only, so N replicas allow N times the limit. {{advice}}',
      cache: '{{found}} is a per-instance cache: replicas disagree and an invalidation reaches only this one. {{advice}}',
      cacheInvalidated: '{{found}} is a per-instance cache that `{{call}}` on line {{line}} invalidates at request time on this replica only: the others keep serving the old entries. {{advice}}',
      loader: '{{found}} outside a request memoises across requests and users: stale or foreign rows. {{advice}}',
      lock: '{{found}} excludes only callers in this process; other replicas enter the critical section at once. {{advice}}',
      pubsub: '{{found}} delivers events only inside this process, so subscribers on other replicas miss them. {{advice}}',
      eventBus: '{{found}} is an in-process event bus between requests; listeners on other replicas never hear it. {{advice}}',
      realtime: '{{found}} keeps rooms on this machine, so broadcasts miss sockets connected to other replicas. {{advice}}',
      broadcast: 'Broadcasting over {{found}} reaches only sockets connected to this process. {{advice}}',
      upload: "{{found}} saves uploads on this machine's disk, where other replicas cannot read them. {{advice}}",
      uploadBuffer: '{{found}} buffers whole uploads in process memory, which large or parallel uploads exhaust. {{advice}}',
      queue: '{{found}} queues work in process memory, so its limits hold per replica, not per service. {{advice}}',
      scheduler: '{{found}} runs in every replica, so the job fires once per instance. {{advice}}',
      localDb: '{{found}} keeps data in a file on this machine, so each replica has its own copy. {{advice}}',
      ...PLUGIN_MESSAGES,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          kinds: {
            type: 'array',
            items: { type: 'string', enum: [...MEMORY_STORE_KINDS] },
            uniqueItems: true,
            description:
              'Kinds of store to report. Default: `rate-limit`, `loader`, `pubsub`, `realtime`, `queue`. Opt-in: `cache`, `lock`, `upload-buffer`; `upload`, `local-db` and `scheduler` are `no-local-files` and `no-process-timers` findings.',
          },
          assumeServer: {
            type: 'boolean',
            description: 'Report work limiters (and, when listed in `kinds`, schedulers and local file databases) in every file, not only in files that import a web framework.',
          },
        },
      },
    ],
    defaultOptions: [{ kinds: [...DEFAULT_KINDS], assumeServer: false }],
  },
  create(context, [options]) {
    const kinds = new Set<StoreKind>(options.kinds);
    return onFileAnalysis(context, (analysis) => {
      for (const use of analysis.stores) {
        const messageId = messageFor(use);
        if (messageId === undefined) continue;
        if (use.serverFilesOnly && !analysis.servesRequests && !options.assumeServer) continue;
        const finding = { kind: use.kind, advice: { text: use.entry.advice }, package: use.entry.package };
        if (kinds.has(use.kind)) {
          context.report({ node: use.node, messageId, data: { found: use.found, advice: use.entry.advice }, finding });
        } else if (use.kind === 'cache' && use.invalidatedBy) {
          // A cache is opt-in, but one that request code invalidates diverges between replicas at once.
          const call = context.sourceCode.getText(use.invalidatedBy.callee);
          context.report({ node: use.node, messageId: 'cacheInvalidated', data: { found: use.found, call: `${call}()`, line: use.invalidatedBy.loc.start.line, advice: use.entry.advice }, finding });
        }
      }
    });
  },
});
