import { createRule } from '../src/util/create-rule.js';
import { allowOption, allowList } from '../src/util/options.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [{ allow?: string[] }];
export type MessageIds = 'madeAtStart' | 'madeOnFirstUse' | 'fallback' | PluginMessageIds;

export default createRule<Options, MessageIds>({
  name: 'no-random-secret',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow secrets, salts and keys made at random when the process starts',
      recommended: true,
    },
    messages: {
      madeAtStart:
        '`{{name}}` is made at random when this process starts ({{source}}): every replica makes its own, so what one signs, hashes or encrypts with it another cannot verify or match, and a restart invalidates it. {{advice}}',
      madeOnFirstUse:
        '`{{name}}` is made at random the first time this process needs it ({{source}}) and kept: every replica makes its own, so what one signs, hashes or encrypts with it another cannot verify or match, and a restart invalidates it. {{advice}}',
      fallback:
        '`{{name}}` falls back to a value made at random when this process starts ({{source}}) if `{{fallbackOf}}` is unset: every replica then has its own, so what one signs, hashes or encrypts with it another cannot verify or match. {{advice}}',
      ...PLUGIN_MESSAGES,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: allowOption('Names never reported (`devSecret`, `config.localKey`); a name written as `/pattern/` is a regular expression.'),
        },
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    const allowed = allowList(context.id, options.allow);
    return onFileAnalysis(context, (analysis) => {
      for (const finding of analysis.randomSecrets) {
        if (allowed(finding.name)) continue;
        const source = `\`${finding.source}\``;
        const advice = analysis.advice('secret');
        if (finding.fallbackOf === undefined) {
          context.report({ node: finding.node, messageId: finding.firstUse === true ? 'madeOnFirstUse' : 'madeAtStart', data: { name: finding.name, source, advice }, finding: { kind: 'secret', name: finding.name, advice: 'finding:secret' } });
        } else {
          context.report({ node: finding.node, messageId: 'fallback', data: { name: finding.name, source, fallbackOf: finding.fallbackOf, advice }, finding: { kind: 'secret', name: finding.name, advice: 'finding:secret' } });
        }
      }
    });
  },
});
