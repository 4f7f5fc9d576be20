import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, chainNames, isFunction, stringValue, unwrap } from '../file/ast.js';

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
  return guardedByEmptyCheck(assignment, same) || followsEarlyReturn(sourceCode, assignment, same) || inInitialisationBlock(sourceCode, assignment);
}

/**
 * `if (!kafka) { kafka = new Kafka(…); producer = kafka.producer(); }`: a block that runs only while
 * a slot is empty, and fills it, runs once; every assignment in it is part of that initialisation.
 * A test that also lets the block run for another reason (`!cached || expired`) is a refresh, not this.
 */
function inInitialisationBlock(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression): boolean {
  let child: TSESTree.Node = assignment;
  let current = assignment.parent;
  while (!isFunction(current) && current.type !== AST_NODE_TYPES.Program) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && child.type === AST_NODE_TYPES.BlockStatement) {
      const block = child;
      // The slot the test checks is filled by a plain assignment among the block's own statements.
      if (testsOnlyEmpty(current.test, (node) => assignedAmong(sourceCode, block.body, node) !== undefined)) return true;
    }
    child = current;
    current = current.parent;
  }
  return false;
}

/** The value that a plain assignment among `statements` (`target = value;`) gives the target, if one does. */
function assignedAmong(sourceCode: Readonly<TSESLint.SourceCode>, statements: readonly TSESTree.Node[], target: TSESTree.Node): TSESTree.Node | undefined {
  for (const statement of statements) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const assignment = statement.expression;
    if (assignment.operator === '=' && sameTarget(sourceCode, assignment.left, target)) return assignment.right;
  }
  return undefined;
}

/** True only when the target is empty: `!x`, `x == null`, `typeof x === 'undefined'`, or one of them in `a && …`. */
function testsOnlyEmpty(test: TSESTree.Node, same: (node: TSESTree.Node) => boolean): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression) return node.operator === '&&' && (testsOnlyEmpty(node.left, same) || testsOnlyEmpty(node.right, same));
  return testsEmpty(node, same);
}

/**
 * A key that always names the same slot: a literal, or a `const` bound to a literal or a symbol
 * (`globalThis[KEY]` with `const KEY = Symbol.for('app.db')`).
 */
export function isFixedKey(sourceCode: Readonly<TSESLint.SourceCode>, key: TSESTree.Node): boolean {
  const node = unwrap(key);
  if (isFixedValue(node)) return true;
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
  return def.node.init !== null && isFixedValue(unwrap(def.node.init));
}

function isFixedValue(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return true;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0;
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  // Symbol('x'), Symbol.for('x')
  const names = chainNames(node.callee);
  const isSymbol = (names.length === 1 && names[0] === 'Symbol') || (names.length === 2 && names[0] === 'for' && names[1] === 'Symbol');
  return isSymbol && node.arguments.every((argument) => stringValue(argument) !== undefined);
}

/** Inside `if (!x) { … x = … }` (or `x == null`, `typeof x === 'undefined'`, `!x || stale`, `ready && !x`). */
export function guardedByEmptyCheck(node: TSESTree.Node, same: (node: TSESTree.Node) => boolean): boolean {
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
  // `!x || stale` (a refresh), `enabled && !x` (a guard with a precondition).
  if (node.type === AST_NODE_TYPES.LogicalExpression && (node.operator === '||' || node.operator === '&&')) return testsEmpty(node.left, same) || testsEmpty(node.right, same);
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
function followsEarlyReturn(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression, same: (node: TSESTree.Node) => boolean): boolean {
  let statement: TSESTree.Node = assignment;
  let block: TSESTree.Node = statement.parent;
  // The walk stops at the enclosing function or the program, so it never runs past the root.
  while (block.type !== AST_NODE_TYPES.BlockStatement) {
    if (isFunction(block) || block.type === AST_NODE_TYPES.Program) return false;
    statement = block;
    block = statement.parent;
  }
  const body = block.body;
  // `if (installed) return; installed = true; …`: a sentinel the block itself sets, and nothing in
  // the file empties again (`finally { running = false }` makes a guard, not a once), makes the rest of it run once.
  const setInBlock = (node: TSESTree.Node): boolean => {
    const value = assignedAmong(sourceCode, body, node);
    return value !== undefined && !isEmptyValue(value) && !emptiedIn(sourceCode, sourceCode.ast, node);
  };
  for (const sibling of body) {
    if (sibling === statement) return false;
    if (sibling.type !== AST_NODE_TYPES.IfStatement) continue;
    const consequent = sibling.consequent.type === AST_NODE_TYPES.BlockStatement ? sibling.consequent.body[0] : sibling.consequent;
    if (consequent?.type !== AST_NODE_TYPES.ReturnStatement) continue;
    if (testsPresent(sibling.test, same) || testsPresent(sibling.test, setInBlock)) return true;
  }
  return false;
}

/** Whether `root` assigns an empty value (`null`, `undefined`, `false`, `0`, `''`) to the target somewhere. */
function emptiedIn(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node, target: TSESTree.Node): boolean {
  const text = sourceCode.getText(unwrap(target));
  if (!/^[\w$.]+$/u.test(text)) return true;
  return new RegExp(`(?:^|[^\\w$.])${text.replace(/[.$]/gu, '\\$&')}\\s*=\\s*(?:null|undefined|false|0|''|""|void\\b)`, 'u').test(sourceCode.getText(root));
}

function testsPresent(test: TSESTree.Node, same: (node: TSESTree.Node) => boolean): boolean {
  const node = unwrap(test);
  if (same(node)) return true;
  // `x && x.isConnected()` (a refresh of a broken resource), `x || other` (after it, x is empty).
  if (node.type === AST_NODE_TYPES.LogicalExpression && (node.operator === '&&' || node.operator === '||')) return testsPresent(node.left, same) || testsPresent(node.right, same);
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

/** Calls that give a resource of this process: a connection, a server, a browser, a timer. */
const RESOURCE_CALLS = /^(?:listen|connect|createConnection|createClient|createPool|createServer|open|launch|setInterval|setTimeout|setImmediate|subscribe|watch)$/u;

/** `setInterval(…)`, `await chromium.launch()`, `amqp.connect(url)`: a handle to a resource, not data. */
export function isResourceCall(node: TSESTree.Node | undefined): boolean {
  let value = node ? unwrap(node) : undefined;
  if (value?.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value?.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(value);
  return name !== undefined && RESOURCE_CALLS.test(name);
}

/** Classes whose instances are data: a collection, a date, a URL. */
const VALUE_CLASSES = new Set(['Map', 'Set', 'Array', 'Object', 'Date', 'WeakMap', 'WeakSet', 'URL', 'URLSearchParams']);

/** A value that is a resource rather than data: `new Redis()`, `app.listen()`, `setInterval(…)`. */
export function isResourceValue(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.NewExpression) {
    const name = calleeName(value);
    return name === undefined || !VALUE_CLASSES.has(name);
  }
  return isResourceCall(value);
}

/** `null`, `undefined`, `void 0`: what a slot is emptied with (`this.client = null` in `close()`, `pool = undefined`). */
export function isClearedValue(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  if (value?.type === AST_NODE_TYPES.Literal) return value.value === null;
  if (value?.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value?.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}
