import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { encloses, outerValue, unwrap } from '../file/ast.js';
import { isLogCall } from './lazy-init.js';
import { readModuleInfo } from '../file/module-info.js';
import { REMOVAL_METHODS, writeTarget, type FieldState, type ModuleBinding } from './writes.js';

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
