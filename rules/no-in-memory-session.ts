import { createRule } from '../src/util/create-rule.js';
import { allowOption, allowList } from '../src/util/options.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [
  {
    handRolled?: boolean;
    allow?: string[];
  },
];

export type MessageIds = 'memorySession' | 'diskSession' | 'passport' | 'handRolled' | PluginMessageIds;

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
        '`{{name}}` keeps per-session data in process memory, so after a restart or on another replica it is gone. {{advice}}',
      ...PLUGIN_MESSAGES,
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
          allow: allowOption('Names of hand-rolled stores never reported; a name written as `/pattern/` is a regular expression.'),
        },
      },
    ],
    defaultOptions: [{ handRolled: true, allow: [] }],
  },
  create(context, [options]) {
    const allowed = allowList(context.id, options.allow);
    return onFileAnalysis(context, (analysis) => {
      for (const session of analysis.sessions) {
        if (session.source === 'hand-rolled') {
          const { store } = session;
          if (!options.handRolled || allowed(store.binding.name)) continue;
          context.report({ node: store.node, messageId: 'handRolled', data: { name: store.binding.name, advice: analysis.advice('handRolledSession') }, finding: { kind: 'session', name: store.binding.name, advice: 'finding:handRolledSession' } });
        } else if (session.use.shape.usage === 'passport') {
          const { use } = session;
          context.report({ node: use.node, messageId: 'passport', data: { found: use.found, advice: use.entry.advice, line: String(use.sessionLine ?? 0) }, finding: { kind: 'session', advice: { text: use.entry.advice }, package: use.entry.package } });
        } else {
          const { use } = session;
          context.report({ node: use.node, messageId: use.medium === 'disk' ? 'diskSession' : 'memorySession', data: { found: use.found, advice: use.entry.advice }, finding: { kind: 'session', advice: { text: use.entry.advice }, package: use.entry.package } });
        }
      }
    });
  },
});
