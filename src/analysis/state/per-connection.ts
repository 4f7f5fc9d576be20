import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeName, constructedValue, enclosingFunction, LISTENER_METHODS, outerValue, propertyName, unwrap } from '../file/ast.js';
import { VALUE_CLASSES } from './lazy-init.js';
import { DefinitionType } from '../file/scope-types.js';
import type { FieldPlace } from './place.js';

/** Parameter names of one open connection: a socket, a peer, a client of a WebSocket server, the sender of a message. */
const CONNECTION_PARAMETER = /^(?:ws|websocket|socket|sock|conn|connection|client|peer|sender)$/iu;
/** Properties that identify a connection object. */
const IDENTITY = new Set(['id', 'uuid', 'sid', 'socketId', 'connectionId', 'clientId', 'peerId']);

/**
 * A field whose every use (after the constructor) reads or writes the slot of one connection:
 * `this.lastBeat[peer.id] = Date.now()`, `delete this.timers[socket.id]`. Each slot lives and dies
 * with its connection, which stays on the replica that accepted it, and no other connection's code
 * reaches it: per-connection bookkeeping, not state another replica could need. A field that is
 * iterated, read whole or keyed by anything else (a room, a code from the message) is shared.
 */
export function holdsOnlyConnectionSlots(sourceCode: Readonly<TSESLint.SourceCode>, field: FieldPlace): boolean {
  let slots = 0;
  for (const access of field.accesses) {
    const value = outerValue(access.node);
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value && parent.computed && isConnectionIdentity(sourceCode, parent.property)) {
      slots++;
      continue;
    }
    // `this.timers = {}` in the constructor: the empty table each instance starts with.
    const member = access.methodFn.parent;
    const inConstructor = member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor';
    if (inConstructor && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === value) continue;
    return false;
  }
  return slots > 0;
}

/** `peer.id`, `socket.id`, or the connection object itself, where it is a parameter named for a connection. */
function isConnectionIdentity(sourceCode: Readonly<TSESLint.SourceCode>, key: TSESTree.Node): boolean {
  let value = unwrap(key);
  if (value.type === AST_NODE_TYPES.MemberExpression && !value.computed) {
    if (!IDENTITY.has(propertyName(value) ?? '')) return false;
    value = unwrap(value.object);
  }
  if (value.type !== AST_NODE_TYPES.Identifier || !CONNECTION_PARAMETER.test(value.name)) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
  return variable?.defs[0]?.type === DefinitionType.Parameter;
}

/** Parameter names of an open connection or of a response kept open (an SSE stream, a long poll). */
const OPEN_CONNECTION_PARAMETER = /^(?:ws|websocket|socket|sock|conn|connection|peer|res|response|reply|stream|sse)$/iu;

/** A value that is an open connection: a parameter named for one (`socket`, `ws`, `peer`, `res`). */
export function isConnectionParameter(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.Identifier || !OPEN_CONNECTION_PARAMETER.test(value.name)) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
  return variable?.defs[0]?.type === DefinitionType.Parameter;
}

/**
 * A live object: `const note = new RealtimeNote(id, text)` stored, whose events the same function
 * listens to (`note.on('destroy', () => notes.delete(id))`). It lives with its clients and timers,
 * so no store can hold it; what fits is routing every request for its key to one replica.
 */
export function isLiveObject(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const value = unwrap(node);
  const made = value.type === AST_NODE_TYPES.Identifier ? constructedValue(sourceCode, value) : undefined;
  const variable = made && value.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(sourceCode.getScope(value), value) : undefined;
  if (!made || !variable || VALUE_CLASSES.has(calleeName(made) ?? '')) return false;
  const fn = enclosingFunction(value);
  return variable.references.some((reference) => {
    const member = outerValue(reference.identifier).parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== outerValue(reference.identifier) || !LISTENER_METHODS.has(propertyName(member) ?? '')) return false;
    const call = outerValue(member).parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(member) && enclosingFunction(call) === fn;
  });
}
