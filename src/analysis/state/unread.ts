import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleeName, enclosingFunction, encloses, outerValue, propertyName, unwrap } from '../file/ast.js';
import { isLogCall } from './lazy-init.js';
import { readModuleInfo } from '../file/module-info.js';
import { REMOVAL_METHODS, writeTarget, type FieldState, type ModuleBinding, type StateWrite } from './writes.js';
import { isEmptyContainer } from './state-kind.js';

type Member = TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

/**
 * A field that requests write and never read: every use of it other than the writes themselves
 * runs off the request path (the constructor, start-up and shutdown hooks, and methods only they
 * call), goes into a log line, or tests the field in an `if` that writes it (a read to update it).
 * The agents of open sockets kept to close them when the application stops, a count of the locks
 * this process holds so that shutdown can wait for them: no answer to a request depends on them,
 * so no replica answers differently for what another holds. The class must read it itself off
 * the request path: a field nothing here reads may be read through the instance from another file.
 */
export function unreadByRequests(field: FieldState, runsOffRequests: (member: Member) => boolean): boolean {
  if (field.writes.length === 0) return false;
  let reads = 0;
  for (const access of field.accesses) {
    // A write whose result is used (`return this.queue.shift()`) reads what it takes out.
    if (field.writes.some((write) => encloses(write.node, access.node) && writeTarget(write.node)?.range[0] === outerValue(access.node).range[0] && outerValue(write.node).parent?.type === AST_NODE_TYPES.ExpressionStatement)) continue;
    // `this.agents = []` in the constructor: the value each instance starts with, not a read.
    const parent = outerValue(access.node).parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.left === outerValue(access.node)) continue;
    if (inLogCall(access.node) || testsBeforeWrite(field, access.node)) continue;
    const member = access.methodFn.parent;
    if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || access.fn !== access.methodFn || !runsOffRequests(member)) return false;
    // A method that writes the field as well runs when its writes do, whatever its name suggests (`initialize()` called by a route).
    if (field.writes.some((write) => write.methodFn === access.methodFn)) return false;
    reads++;
  }
  return reads > 0;
}

function inLogCall(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && isLogCall(current) && current.arguments.some((argument) => encloses(argument, node))) return true;
    if (current.type.endsWith('Statement') || current.type.startsWith('Function') || current.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  }
  return false;
}

/** `if (this.counts[key]) { this.counts[key] += 1; … }`: the field read in an `if`'s test whose branch writes it. */
function testsBeforeWrite(field: FieldState, node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement) {
      if (!encloses(current.test, node)) return false;
      // The branch does nothing but write the field (and return): the test only picks how.
      const branch = current.consequent.type === AST_NODE_TYPES.BlockStatement ? current.consequent.body : [current.consequent];
      const writes = (statement: TSESTree.Statement): boolean =>
        statement.type === AST_NODE_TYPES.ExpressionStatement && field.writes.some((write) => outerValue(write.node) === unwrap(statement.expression));
      return branch.some(writes) && branch.every((statement) => writes(statement) || (statement.type === AST_NODE_TYPES.ReturnStatement && !statement.argument));
    }
    if (current.type.endsWith('Statement') || current.type.startsWith('Function') || current.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  }
  return false;
}

/**
 * A module binding that requests write and only log lines read, and whose entries also go again:
 * `connections.add(id)` per stream, `connections.delete(id)` when it closes, and `${connections.size}
 * open` in a debug message. What a log line prints differs per replica as any log line does; no
 * answer depends on it. A list that only grows (orders pushed and logged) keeps data all the same;
 * a binding the module exports may be read elsewhere.
 */
export function onlyLogged(binding: ModuleBinding, program: TSESTree.Program): boolean {
  if (binding.writes.length === 0 || readModuleInfo(program).exportsByLocal.has(binding.name)) return false;
  // What it holds comes and goes (a stream's id deleted when it closes, a count taken down again): a gauge, not data kept.
  if (!binding.writes.some(removes)) return false;
  let logged = 0;
  for (const reference of binding.variable.references) {
    if (reference.init === true) continue;
    const identifier = reference.identifier;
    // A write whose result is used (`return queue.shift()`) reads what it takes out.
    if (binding.writes.some((write) => encloses(write.node, identifier) && outerValue(write.node).parent?.type === AST_NODE_TYPES.ExpressionStatement)) continue;
    if (!inLogCall(identifier)) return false;
    logged++;
  }
  return logged > 0;
}


function removes(write: ModuleBinding['writes'][number]): boolean {
  // `splice` too: here only whether an entry may go is asked, not what a later request reads.
  if (write.method !== undefined && (REMOVAL_METHODS.has(write.method) || write.method === 'splice')) return true;
  if (write.kind === 'delete') return true;
  const node = write.node;
  return (node.type === AST_NODE_TYPES.UpdateExpression && node.operator === '--') || (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '-=');
}

/**
 * `flush() { const batch = [...this.pending]; this.pending = new Set(); await store.save(batch); }`:
 * a write-behind buffer. Requests add to it, and a drain that runs off the request path (a timer, a
 * scheduled job) copies what it holds, empties it and hands the copy on, to the store the replicas
 * share. What a request adds reaches that store within one flush, whichever replica took it; a
 * replica that stops without flushing loses at most one interval. A drain inside a request handler
 * (a queue that a poll empties into its response) is no such buffer: what one replica holds, a
 * poll on another never sees. `accesses` are the place's own expressions (`this.pending`, `pending`).
 */
export function drainedBuffer<W extends StateWrite>(accesses: readonly TSESTree.Node[], writes: readonly W[], runsOffRequests: (reset: W) => boolean): boolean {
  return writes.some((reset) => {
    if (!empties(reset)) return false;
    const fn = enclosingFunction(reset.node);
    if (!fn || !runsOffRequests(reset)) return false;
    return accesses.some((access) => access.range[1] <= reset.node.range[0] && enclosingFunction(access) === fn && isCopiedOut(access));
  });
}

/** `x = []`, `x = new Set()`, `this.x = {}`, `x.clear()`. */
function empties(write: StateWrite): boolean {
  if (write.kind === 'method') return write.method === 'clear' && write.depth === 0;
  return write.kind === 'assign' && write.depth === 0 && isEmptyContainer(write.values[0]);
}

const COPIES = new Set(['from', 'values', 'entries', 'keys']);

/** `[...x]`, `[...x.values()]`, `Array.from(x)`, `Object.values(x)`, `const batch = x`: what the place holds, taken as a whole. */
function isCopiedOut(access: TSESTree.Node): boolean {
  let value = outerValue(access);
  // `x.values()`, `x.entries()`: an iterator over the whole, itself copied below.
  const member = value.parent;
  if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === value && COPIES.has(propertyName(member) ?? '')) {
    const call = outerValue(member).parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(member)) value = outerValue(call);
  }
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) return true;
  // `Array.from(x)`, `Object.values(x)`, `Object.entries(x)`
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === value && COPIES.has(calleeName(parent) ?? '');
}
