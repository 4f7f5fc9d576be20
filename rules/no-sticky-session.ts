import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingStatement } from '../src/analysis/ast.js';
import { FileFacts } from '../src/analysis/facts.js';
import { entryName } from '../src/analysis/routes.js';
import { stickyFactsOf, type CouplingKind, type LongPolling } from '../src/analysis/sticky.js';
import { createRule } from '../src/util/create-rule.js';
import { allowList } from '../src/util/options.js';
import { withNodeIndex } from '../src/analysis/node-index.js';
import { firstToReportSettings } from '../src/settings.js';

export type Options = [
  {
    allow?: string[];
    longPolling?: boolean;
  },
];

export type MessageIds = 'keyed' | 'oauthState' | 'connections' | 'events' | 'longPolling' | 'websocketOnly' | 'invalidSettings';

const WEBSOCKET_ONLY = "transports: ['websocket']";

const MESSAGE_BY_KIND: Record<CouplingKind, MessageIds> = {
  keyed: 'keyed',
  oauth: 'oauthState',
  connections: 'connections',
  events: 'events',
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
        '`{{name}}` is written by {{writer}} (line {{writeLine}}) and read by {{reader}} (line {{readLine}}): behind a round-robin balancer the read lands on another instance. Keep it in Redis or a database, keyed by that id.',
      oauthState:
        '`{{name}}` is written by {{writer}} (line {{writeLine}}) and read by {{reader}} (line {{readLine}}): the callback may reach another instance and fail. Put it in a signed, HttpOnly cookie or in Redis keyed by `state`.',
      connections:
        '`{{name}}` holds connections opened by {{writer}} (line {{writeLine}}) and {{reader}} (line {{readLine}}) sends through it: clients on other instances miss it. Fan out through Redis pub/sub or `@socket.io/redis-adapter`.',
      events:
        '`{{name}}` carries events from {{writer}} (line {{writeLine}}) to {{reader}} (line {{readLine}}) inside one process: listeners on other instances never hear them. Publish through Redis pub/sub or Postgres `LISTEN/NOTIFY`.',
      longPolling:
        "This socket.io server accepts HTTP long-polling, whose requests must all reach the instance that opened the session. Pass `transports: ['websocket']` or set up sticky sessions.",
      websocketOnly: "Accept WebSocket only: `transports: ['websocket']` (clients must connect the same way).",
      invalidSettings: 'Invalid plugin settings: {{error}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Names never reported (bindings, `this.field`); a name written as `/pattern/` is a regular expression.',
          },
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
    const allowed = allowList(context.id, options.allow ?? []);
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
          // A bare `@WebSocketGateway`
          return server.node.type === AST_NODE_TYPES.Decorator ? (fixer) => fixer.insertTextAfter((server.node as TSESTree.Decorator).expression, `({ ${WEBSOCKET_ONLY} })`) : undefined;
        }
        const last = call.arguments.at(-1);
        if (last) return (fixer) => fixer.insertTextAfter(last, `, { ${WEBSOCKET_ONLY} }`);
        const closing = sourceCode.getLastToken(call);
        return closing?.value === ')' ? (fixer) => fixer.insertTextBefore(closing, `{ ${WEBSOCKET_ONLY} }`) : undefined;
      })();
      return fix ? [{ messageId: 'websocketOnly', fix }] : [];
    }

    return withNodeIndex(context.sourceCode, {
      'Program:exit'(program: TSESTree.Program) {
        const facts = FileFacts.of(context);
        if (facts.settingsError !== undefined) {
          if (firstToReportSettings(context.sourceCode)) context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { error: facts.settingsError } });
          return;
        }
        const sticky = stickyFactsOf(context);
        for (const coupling of sticky.couplings) {
          if (allowed(coupling.name) || facts.annotations.excuses(enclosingStatement(coupling.readNode))) continue;
          if (coupling.declaration && facts.annotations.excuses(coupling.declaration)) continue;
          context.report({
            node: coupling.readNode,
            messageId: MESSAGE_BY_KIND[coupling.kind],
            data: {
              name: coupling.name,
              writer: entryName(coupling.writer),
              writeLine: coupling.writeNode.loc.start.line,
              reader: entryName(coupling.reader),
              readLine: coupling.readNode.loc.start.line,
            },
          });
        }
        if (options.longPolling === false) return;
        for (const server of sticky.longPolling) {
          if (facts.annotations.excuses(enclosingStatement(server.node))) continue;
          context.report({ node: server.node, messageId: 'longPolling', suggest: websocketOnly(server) });
        }
      },
    });
  },
});
