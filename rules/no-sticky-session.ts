import type { TSESLint } from '@typescript-eslint/utils';
import { entryName, heldAdvice, type CouplingKind, type LongPolling } from '../src/analysis/index.js';
import type { Kind } from '../src/knowledge/kinds.js';
import { createRule } from '../src/util/create-rule.js';
import { allowOption, allowList } from '../src/util/options.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [
  {
    allow?: string[];
    longPolling?: boolean;
  },
];

export type MessageIds = 'keyed' | 'keyedAcross' | 'oauthState' | 'connections' | 'events' | 'longPolling' | 'websocketOnly' | PluginMessageIds;

const WEBSOCKET_ONLY = "transports: ['websocket']";

const MESSAGE_BY_KIND: Record<CouplingKind, 'keyed' | 'oauthState' | 'connections' | 'events'> = {
  keyed: 'keyed',
  oauth: 'oauthState',
  connections: 'connections',
  events: 'events',
};

/** The kind of state each coupling keeps, in the audit's vocabulary. */
const COUPLING_KINDS: Record<CouplingKind, Kind> = {
  keyed: 'keyed-map',
  oauth: 'keyed-map',
  connections: 'realtime',
  events: 'pubsub',
};

export default createRule<Options, MessageIds>({
  name: 'no-sticky-session',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow in-process state that one request writes and a later request through another handler reads',
      recommended: true,
    },
    messages: {
      keyed:
        '`{{name}}` is written by {{writer}} (line {{writeLine}}) and read by {{reader}} (line {{readLine}}): behind a round-robin balancer the read lands on another instance. {{advice}}',
      keyedAcross:
        '`{{name}}` of `{{file}}` (line {{line}}) is written by {{writer}} through `{{writerCallee}}()` (line {{writeLine}}) and read by {{reader}} through `{{readerCallee}}()` (line {{readLine}}): behind a round-robin balancer the read lands on another instance. {{advice}}',
      oauthState:
        '`{{name}}` is written by {{writer}} (line {{writeLine}}) and read by {{reader}} (line {{readLine}}): the callback may reach another instance and fail. {{advice}}',
      connections:
        '`{{name}}` holds connections opened by {{writer}} (line {{writeLine}}) and {{reader}} (line {{readLine}}) sends through it: clients on other instances miss it. {{advice}}',
      events:
        '`{{name}}` carries events from {{writer}} (line {{writeLine}}) to {{reader}} (line {{readLine}}) inside one process: listeners on other instances never hear them. {{advice}}',
      longPolling:
        "This socket.io server accepts HTTP long-polling, whose requests must all reach the instance that opened the session. {{advice}}",
      websocketOnly: "Accept WebSocket only: `transports: ['websocket']` (clients must connect the same way).",
      ...PLUGIN_MESSAGES,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: allowOption('Names never reported (bindings, `this.field`); a name written as `/pattern/` is a regular expression.'),
          longPolling: {
            type: 'boolean',
            description: 'Report socket.io servers that keep HTTP long-polling, which needs sticky load balancing.',
          },
        },
      },
    ],
    defaultOptions: [{ allow: [], longPolling: true }],
  },
  create(context, [options]) {
    const allowed = allowList(context.id, options.allow);
    const sourceCode = context.sourceCode;

    /** Only the transports change; everything else in the options stays as written. */
    function websocketOnly(server: LongPolling): TSESLint.ReportSuggestionArray<MessageIds> {
      const fix = ((): TSESLint.ReportFixFunction | undefined => {
        if (server.transports) {
          const transports = server.transports;
          return server.options ? (fixer) => fixer.replaceText(transports.value, "['websocket']") : undefined;
        }
        if (server.options) {
          const [first] = server.options.properties;
          const options = server.options;
          return first ? (fixer) => fixer.insertTextBefore(first, `${WEBSOCKET_ONLY}, `) : (fixer) => fixer.replaceText(options, `{ ${WEBSOCKET_ONLY} }`);
        }
        if (server.optionsArgument) return undefined;
        const call = server.call;
        if (!call) {
          const decorator = server.bareDecorator;
          return decorator ? (fixer) => fixer.insertTextAfter(decorator, `({ ${WEBSOCKET_ONLY} })`) : undefined;
        }
        const last = call.arguments.at(-1);
        if (last) return (fixer) => fixer.insertTextAfter(last, `, { ${WEBSOCKET_ONLY} }`);
        const closing = sourceCode.getLastToken(call);
        return closing?.value === ')' ? (fixer) => fixer.insertTextBefore(closing, `{ ${WEBSOCKET_ONLY} }`) : undefined;
      })();
      return fix ? [{ messageId: 'websocketOnly', fix }] : [];
    }

    return onFileAnalysis(context, (analysis) => {
      for (const coupling of analysis.couplings) {
        if (allowed(coupling.name)) continue;
        const across = coupling.across;
        if (across) {
          context.report({
            node: coupling.readNode,
            messageId: 'keyedAcross',
            data: {
              name: coupling.name,
              file: across.file,
              line: across.line,
              writer: entryName(coupling.writer),
              writerCallee: across.writerCallee,
              writeLine: coupling.writeNode.loc.start.line,
              reader: entryName(coupling.reader),
              readerCallee: across.readerCallee,
              readLine: coupling.readNode.loc.start.line,
              advice: analysis.advice(MESSAGE_BY_KIND[coupling.kind]),
            },
            finding: { kind: COUPLING_KINDS[coupling.kind], name: coupling.name, advice: `finding:${MESSAGE_BY_KIND[coupling.kind]}`, declared: { file: across.path, line: across.line, name: coupling.name } },
          });
          continue;
        }
        context.report({
          node: coupling.readNode,
          messageId: MESSAGE_BY_KIND[coupling.kind],
          data: {
            name: coupling.name,
            writer: entryName(coupling.writer),
            writeLine: coupling.writeNode.loc.start.line,
            reader: entryName(coupling.reader),
            readLine: coupling.readNode.loc.start.line,
            advice: analysis.advice(heldAdvice(coupling) ?? MESSAGE_BY_KIND[coupling.kind]),
          },
          finding: { kind: COUPLING_KINDS[coupling.kind], name: coupling.name, advice: `finding:${heldAdvice(coupling) ?? MESSAGE_BY_KIND[coupling.kind]}` },
        });
      }
      if (!options.longPolling) return;
      for (const server of analysis.longPolling) context.report({ node: server.node, messageId: 'longPolling', data: { advice: analysis.advice('longPolling') }, finding: { kind: 'realtime', advice: 'finding:longPolling' }, suggest: websocketOnly(server) });
    });
  },
});
