import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { outerValue, someNode, unwrap } from '../file/ast.js';
import { isClockReading } from './lazy-init.js';
import type { FieldState } from './writes.js';

type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * Fields a stopwatch keeps: `this.timeStart = Date.now()`, `this.elapsed = format(this.timeEnd -
 * this.timeStart)` in a logger's `debug()`. Every value written is a clock reading, or computed only
 * from clock readings, other fields, literals and calls on them, and no read of any of them decides
 * anything (a test, a comparison) or is returned: they only end up in output. A stamp that is
 * compared (`if (Date.now() - last < 1000) return res.sendStatus(429)`) steers requests, and one
 * returned may answer them (`return { at: this.lastTypingAt }`): both stay state.
 */
export function clockMarkFields(fields: readonly FieldState[], visitorKeys: VisitorKeys): ReadonlySet<FieldState> {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const candidates = new Set(fields.filter((field) => field.writes.length > 0 && field.writes.every((write) => write.kind === 'assign' && write.depth === 0 && write.values.every((value) => timeValue(value, visitorKeys)))));
  // A value made from another field's is a clock mark only if that field is one; at least one reads the clock itself.
  for (let changed = true; changed; ) {
    changed = false;
    for (const field of candidates) {
      const sources = field.writes.flatMap((write) => write.values.flatMap((value) => fieldsRead(value, visitorKeys)));
      if (sources.some((name) => !isIn(candidates, byName.get(name)))) {
        candidates.delete(field);
        changed = true;
      }
    }
  }
  // Each value reads the clock, or another field that does (a counter of itself, `this.total + 1`, does not), or is a literal reset.
  const clocked = new Set<FieldState>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const field of candidates) {
      if (clocked.has(field)) continue;
      const reads = (value: TSESTree.Node): boolean => someNode(value, visitorKeys, isClockReading) || fieldsRead(value, visitorKeys).some((name) => name !== field.name && isIn(clocked, byName.get(name)));
      // Resets aside, every value is a reading; a flag set only to literals (`this.busy = true`) is none.
      const values = field.writes.flatMap((write) => write.values);
      const timed = values.some(reads) && values.every((value) => isLiteralValue(value) || reads(value));
      if (timed) {
        clocked.add(field);
        changed = true;
      }
    }
  }
  return new Set([...clocked].filter((field) => !field.accesses.some((access) => matters(access.node))));
}

function isIn(fields: ReadonlySet<FieldState>, field: FieldState | undefined): boolean {
  return field !== undefined && fields.has(field);
}

/** `null`, `0`, `undefined`: a reset. */
function isLiteralValue(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined');
}

/** A value built only from clock readings, literals, `this.` fields and calls and arithmetic on them. */
function timeValue(node: TSESTree.Node, visitorKeys: VisitorKeys): boolean {
  let allowed = true;
  someNode(node, visitorKeys, (inner) => {
    if (!allowed) return true;
    switch (inner.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.TemplateElement:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.ThisExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        return false;
      case AST_NODE_TYPES.Identifier:
        // `Date`, `Math`, `performance`, a method or property name; `undefined`.
        allowed = /^(?:Date|Math|performance|undefined)$/u.test(inner.name) || inner.parent.type === AST_NODE_TYPES.MemberExpression;
        return false;
      default:
        allowed = false;
        return true;
    }
  });
  return allowed;
}

/** The names of the `this.` fields a value reads. */
function fieldsRead(node: TSESTree.Node, visitorKeys: VisitorKeys): string[] {
  const names: string[] = [];
  someNode(node, visitorKeys, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) {
      const call = outerValue(inner).parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== outerValue(inner)) names.push(inner.property.name);
    }
    return false;
  });
  return names;
}

/** Whether a read matters beyond output: a test of `if`, `?:`, a loop, `&&`/`||`, a comparison, or a returned value. */
function matters(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
        return 'test' in current && current.test === child;
      case AST_NODE_TYPES.LogicalExpression:
        return true;
      case AST_NODE_TYPES.BinaryExpression:
        if (['<', '<=', '>', '>=', '==', '===', '!=', '!=='].includes(current.operator)) return true;
        break;
      // Returned to a caller, which may answer a request with it (`return { at: this.lastTypingAt }`).
      case AST_NODE_TYPES.ReturnStatement:
        return true;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return current.body === child;
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.VariableDeclarator:
      case AST_NODE_TYPES.FunctionExpression:
        return false;
      default:
        break;
    }
  }
  return false;
}
