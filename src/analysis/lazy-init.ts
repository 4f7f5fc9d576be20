import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, unwrap } from './ast.js';

/**
 * Idempotent lazy initialisation: the write only fills an empty slot, so every instance ends up
 * with its own equivalent resource (`if (!pool) pool = new Pool()`, `client ??= connect()`,
 * `globalThis.prisma ??= new PrismaClient()`, `if (cached) return cached; cached = …`).
 */
export function isLazyInit(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression): boolean {
  const target = unwrap(assignment.left);
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  const same = (node: TSESTree.Node): boolean => sameTarget(sourceCode, node, target);
  // x = x ?? init, x = x || init
  const right = unwrap(assignment.right);
  if (right.type === AST_NODE_TYPES.LogicalExpression && (right.operator === '??' || right.operator === '||') && same(right.left)) return true;
  // x ?? (x = init), x || (x = init)
  const parent = assignment.parent;
  if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === assignment && (parent.operator === '??' || parent.operator === '||') && same(parent.left)) {
    return true;
  }
  return guardedByEmptyCheck(assignment, same) || followsEarlyReturn(assignment, same);
}

/** Inside `if (!x) { … x = … }` (or `x == null`, `typeof x === 'undefined'`, `!x || stale`). */
function guardedByEmptyCheck(node: TSESTree.Node, same: (node: TSESTree.Node) => boolean): boolean {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current && !isFunction(current) && current.type !== AST_NODE_TYPES.Program) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && testsEmpty(current.test, same)) return true;
    if (current.type === AST_NODE_TYPES.ConditionalExpression && current.consequent === child && testsEmpty(current.test, same)) return true;
    child = current;
    current = current.parent;
  }
  return false;
}

/** Whether a test is true when the target is empty (possibly as one operand of `||`). */
export function testsEmpty(test: TSESTree.Node, same: (node: TSESTree.Node) => boolean): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return same(node.argument);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '||') return testsEmpty(node.left, same) || testsEmpty(node.right, same);
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '==' || node.operator === '===')) {
    const [subject, other] = isEmptyValue(node.right) ? [node.left, node.right] : [node.right, node.left];
    if (isEmptyValue(other)) {
      if (same(subject)) return true;
      // typeof x === 'undefined'
      const inner = unwrap(subject);
      return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'typeof' && same(inner.argument);
    }
  }
  return false;
}

function isEmptyValue(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === null || value.value === 'undefined' || value.value === false;
  return value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined';
}

/** `if (x) return x;` (or `if (x !== undefined) return …`) earlier in the same block. */
function followsEarlyReturn(assignment: TSESTree.AssignmentExpression, same: (node: TSESTree.Node) => boolean): boolean {
  let statement: TSESTree.Node = assignment;
  let block: TSESTree.Node = statement.parent;
  // The walk stops at the enclosing function or the program, so it never runs past the root.
  while (block.type !== AST_NODE_TYPES.BlockStatement) {
    if (isFunction(block) || block.type === AST_NODE_TYPES.Program) return false;
    statement = block;
    block = statement.parent;
  }
  for (const sibling of block.body) {
    if (sibling === statement) return false;
    if (sibling.type !== AST_NODE_TYPES.IfStatement) continue;
    const consequent = sibling.consequent.type === AST_NODE_TYPES.BlockStatement ? sibling.consequent.body[0] : sibling.consequent;
    if (consequent?.type !== AST_NODE_TYPES.ReturnStatement) continue;
    if (testsPresent(sibling.test, same)) return true;
  }
  return false;
}

function testsPresent(test: TSESTree.Node, same: (node: TSESTree.Node) => boolean): boolean {
  const node = unwrap(test);
  if (same(node)) return true;
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return testsPresent(node.left, same) || testsPresent(node.right, same);
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '!=' || node.operator === '!==')) {
    return (same(node.left) && isEmptyValue(node.right)) || (same(node.right) && isEmptyValue(node.left));
  }
  return false;
}

/** The same variable or member path, compared by source text after unwrapping. */
export function sameTarget(sourceCode: Readonly<TSESLint.SourceCode>, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = unwrap(a);
  const right = unwrap(b);
  if (left.type !== right.type) return false;
  return sourceCode.getText(left).replace(/\?\./gu, '.') === sourceCode.getText(right).replace(/\?\./gu, '.');
}

/**
 * Part of a refresh-on-expiry cache: assigned in the body of an `if` whose test checks another
 * slot for emptiness (`if (!cached || Date.now() > expires) { cached = …; expires = … }`).
 */
export function isInCacheRefresh(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression): boolean {
  let child: TSESTree.Node = assignment;
  let current = assignment.parent;
  while (!isFunction(current) && current.type !== AST_NODE_TYPES.Program) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) {
      const consequent = current.consequent;
      const assignedInBody = (node: TSESTree.Node): boolean => {
        const text = sourceCode.getText(unwrap(node));
        return /^[\w$.]+$/u.test(text) && new RegExp(`(?:^|[^\\w$.])${text.replace(/[.$]/gu, '\\$&')}\\s*=[^=]`, 'u').test(sourceCode.getText(consequent));
      };
      if (testsEmpty(current.test, assignedInBody)) return true;
    }
    child = current;
    current = current.parent;
  }
  return false;
}
