import { createRule } from '../src/util/create-rule.js';
import { allowOption, allowList, lifetimeWords, lifetimesOption, type ReportedLifetime } from '../src/util/options.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [
  {
    lifetimes?: ReportedLifetime[];
    allow?: string[];
  },
];

export type MessageIds = 'globalWrite' | 'envWrite' | PluginMessageIds;

export default createRule<Options, MessageIds>({
  name: 'no-global-state',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writes to `globalThis`, `global`, `window`, `self` and `process.env` while handling requests',
      recommended: true,
    },
    messages: {
      globalWrite: '`{{name}}` is a global written {{when}}: each replica keeps its own value and a restart loses it. {{advice}}',
      envWrite: '`{{name}}` is changed {{when}}, but `process.env` is per process: other replicas never see it. {{advice}}',
      ...PLUGIN_MESSAGES,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          lifetimes: lifetimesOption('When a write must happen to be reported: `request` and, in `strict`, `unknown`.'),
          allow: allowOption('Globals never reported, written as reported (`globalThis.metrics`, `process.env.DEBUG`); `/pattern/` is a regular expression.'),
        },
      },
    ],
    defaultOptions: [{ lifetimes: ['request'], allow: [] }],
  },
  create(context, [options]) {
    const allowed = allowList(context.id, options.allow);
    const lifetimes = new Set<string>(options.lifetimes);
    return onFileAnalysis(context, (analysis) => {
      for (const finding of analysis.globalState) {
        if (!lifetimes.has(finding.lifetime) || allowed(finding.name)) continue;
        context.report({ node: finding.node, messageId: finding.env ? 'envWrite' : 'globalWrite', data: { name: finding.name, when: lifetimeWords(finding.lifetime), advice: analysis.advice(finding.env ? 'env' : 'global') }, finding: { kind: finding.env ? 'env' : 'global', name: finding.name, advice: finding.env ? 'finding:env' : 'finding:global' } });
      }
    });
  },
});
