import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, ScopeType } from '../file/scope-types.js';
import { thisField, type StateWrite } from './writes.js';
import { calleeName, chainNames, encloses, enclosingFunction, isFunction, isPrivateMember, outerValue, propertyName, rootIdentifier, someNode, stringValue, thisCallsByName, unwrap, walk, type FunctionNode } from '../file/ast.js';

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
  return (
    isBindingsValue(assignment.right) ||
    guardedByEmptyCheck(assignment, same) ||
    followsEarlyReturn(sourceCode, assignment, same) ||
    afterOnceGuard(sourceCode, assignment) ||
    inInitialisationBlock(sourceCode, assignment) ||
    inReconnectBlock(sourceCode, assignment) ||
    isThrottleStamp(sourceCode, assignment, same)
  );
}

/**
 * `if (!this.server) this.server = findPath(base).then((path) => { this.path = path; return listen(path) })`:
 * a write in the value a lazy initialisation fills its slot with, which runs once for each filling.
 */
export function insideLazyInit(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const assignment = assignmentFilledWith(node);
  return assignment !== undefined && isLazyInit(sourceCode, assignment);
}

/**
 * A call in the value that fills a lazily made slot which outlives the call: `if (!cache) cache =
 * createCache('avatars')` with `cache` a module binding, a closure variable or a field. It runs once
 * for each filling, whatever the function it calls writes. A local or a parameter filled that way
 * (`if (!token) token = await setting('token')`) is filled on every call.
 */
export function fillsLazySlot(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const assignment = assignmentFilledWith(node);
  return assignment !== undefined && isLazyInit(sourceCode, assignment) && outlivesCall(sourceCode, assignment);
}

/** The nearest assignment whose value holds `node`, within its class member or the module. */
function assignmentFilledWith(node: TSESTree.Node): TSESTree.AssignmentExpression | undefined {
  let current: TSESTree.Node = node;
  for (let parent = current.parent; parent && parent.type !== AST_NODE_TYPES.ClassBody && parent.type !== AST_NODE_TYPES.Program; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current) return parent;
  }
  return undefined;
}

/** Whether the target of an assignment lives longer than the call of the function that assigns it. */
function outlivesCall(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression): boolean {
  let root = unwrap(assignment.left);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(root), root);
  return variable === null || variable.scope.variableScope.block !== enclosingFunction(assignment);
}

/**
 * `apiBase = c.env.API_BASE`, `config = { origin: env.ORIGIN }`, `url = process.env.URL`: the
 * platform's bindings and settings, which every request of every instance sees the same. Writing them
 * again on each request writes the same value: configuration, not state.
 */
export function isBindingsValue(node: TSESTree.Node): boolean {
  let bindings = 0;
  const configuration = (part: TSESTree.Node): boolean => {
    const value = unwrap(part);
    switch (value.type) {
      case AST_NODE_TYPES.Literal:
        return true;
      case AST_NODE_TYPES.TemplateLiteral:
        return value.expressions.every(configuration);
      case AST_NODE_TYPES.ObjectExpression:
        return value.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && configuration(property.value));
      case AST_NODE_TYPES.LogicalExpression:
        return configuration(value.left) && configuration(value.right);
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.MemberExpression:
        if (!readsBindings(value)) return false;
        bindings += 1;
        return true;
      default:
        return false;
    }
  };
  // A literal alone (`flag = true`) is a value like any other: configuration only with a binding in it.
  return configuration(node) && bindings > 0;
}

/**
 * `if (!senders[id]) senders[id] = { name: config().mailer.name, email: config().mailer.email }`: an
 * entry filled the first time its key is asked for, with a value made of constants, the key and the
 * service's configuration. Every replica fills the same entry with the same value: a memo, not state.
 * An empty container (`{ cart: [] }`) is filled later, and so is state; so is anything read or
 * computed (`await db.find(id)`, `Date.now()`).
 */
export function isConfigurationMemo(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression): boolean {
  const target = unwrap(assignment.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression || !target.computed) return false;
  const key = sourceCode.getText(unwrap(target.property));
  if (!isConfigurationPart(assignment.right, (node) => sourceCode.getText(node) === key)) return false;
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  return assignment.operator === '=' && guardedByEmptyCheck(assignment, (node) => sameTarget(sourceCode, node, target));
}

/** A configuration object or function by its name: `config.mailer`, `config()`, `getSettings()`, `nconf.get('port')`. */
const CONFIGURATION = /^(?:config|conf|nconf|configuration|settings|env|getConfig|getConfiguration|getSettings|getEnv|appConfig|serverConfig)$/u;

/** Whether a value is made of literals, the key (`isKey`) and reads of configuration, with no empty container in it. */
function isConfigurationPart(node: TSESTree.Node, isKey: (node: TSESTree.Node) => boolean): boolean {
  const value = unwrap(node);
  if (isKey(value)) return true;
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.every((part) => isConfigurationPart(part, isKey));
    case AST_NODE_TYPES.ObjectExpression:
      return value.properties.length > 0 && value.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && isConfigurationPart(property.value, isKey));
    case AST_NODE_TYPES.ArrayExpression:
      return value.elements.length > 0 && value.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isConfigurationPart(element, isKey));
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return value.left.type !== AST_NODE_TYPES.PrivateIdentifier && isConfigurationPart(value.left, isKey) && isConfigurationPart(value.right, isKey);
    case AST_NODE_TYPES.ConditionalExpression:
      return isConfigurationPart(value.test, isKey) && isConfigurationPart(value.consequent, isKey) && isConfigurationPart(value.alternate, isKey);
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.Identifier:
      return readsConfiguration(value);
    default:
      return false;
  }
}

/** `config.mailer.name`, `config().mailer.name`, `process.env.SUPPORT_EMAIL`, `nconf.get('mail:from')`: a chain from configuration. */
function readsConfiguration(node: TSESTree.Node): boolean {
  let current = unwrap(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (current.computed && unwrap(current.property).type !== AST_NODE_TYPES.Literal) return false;
      if (propertyName(current) === 'env' && unwrap(current.object).type === AST_NODE_TYPES.Identifier && (unwrap(current.object) as TSESTree.Identifier).name === 'process') return true;
      current = unwrap(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      // A call of configuration with constant arguments (`config()`, `config.get('mail.from')`).
      if (!current.arguments.every((argument) => unwrap(argument).type === AST_NODE_TYPES.Literal)) return false;
      current = unwrap(current.callee);
    } else {
      return current.type === AST_NODE_TYPES.Identifier && CONFIGURATION.test(current.name);
    }
  }
}

/** A plain chain through `env` (`env`, `c.env.DB`, `process.env.URL`), not a call's result (`env.KV.get(key)`). */
function readsBindings(node: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
  let current: TSESTree.Node = node;
  let throughEnv = false;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed && unwrap(current.property).type !== AST_NODE_TYPES.Literal) return false;
    if (propertyName(current) === 'env') throughEnv = true;
    current = unwrap(current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier && (throughEnv || current.name === 'env');
}

/**
 * `if (!client.isConnected()) { await client.connect(); db = client.db('app'); }`: a block that
 * (re)connects a resource, guarded by a test on that same resource, sets up what hangs off it. The
 * guard is on another object than the slot, so the empty-slot checks above do not see it.
 */
function inReconnectBlock(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression): boolean {
  let child: TSESTree.Node = assignment;
  let current = assignment.parent;
  while (!isFunction(current) && current.type !== AST_NODE_TYPES.Program) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && child.type === AST_NODE_TYPES.BlockStatement) {
      const tested = new Set<string>();
      someNode(current.test, sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.MemberExpression) tested.add(sourceCode.getText(unwrap(node.object)));
        return false;
      });
      const reconnects = child.body.some((statement) => {
        let expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? unwrap(statement.expression) : undefined;
        if (expression?.type === AST_NODE_TYPES.AwaitExpression) expression = unwrap(expression.argument);
        if (expression?.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        return isResourceCall(expression) && tested.has(sourceCode.getText(unwrap(expression.callee.object)));
      });
      if (reconnects) return true;
    }
    child = current;
    current = current.parent;
  }
  return false;
}

/** `Date.now()`, `new Date()`, `performance.now()`, `+new Date()`: a reading of this instance's clock. */
export function isClockReading(node: TSESTree.Node): boolean {
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '+') value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.NewExpression) return calleeName(value) === 'Date' && value.arguments.length === 0;
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const names = chainNames(value.callee);
  return names.length === 2 && names[0] === 'now' && (names[1] === 'Date' || names[1] === 'performance');
}

/**
 * `if (Date.now() - lastSync > 60_000) { lastSync = Date.now(); void sync(); }`: the time this
 * instance last did some work of its own, kept to throttle it. The slot is stamped with the clock
 * inside the branch its own age opens; a limit that turns requests away (`if (now - last < 1000)
 * return res.sendStatus(429); last = now;`) stamps outside that branch and stays a finding.
 */
function isThrottleStamp(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression, same: (node: TSESTree.Node) => boolean): boolean {
  if (!isClockReading(assignment.right)) return false;
  let child: TSESTree.Node = assignment;
  let current = assignment.parent;
  while (!isFunction(current) && current.type !== AST_NODE_TYPES.Program) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) {
      const compares = someNode(current.test, sourceCode.visitorKeys, (node) => node.type === AST_NODE_TYPES.BinaryExpression && ['>', '>=', '<', '<='].includes(node.operator) && someNode(node, sourceCode.visitorKeys, same));
      if (compares) return true;
    }
    child = current;
    current = current.parent;
  }
  return false;
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
  if (variable?.defs.length !== 1 || def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier) return false;
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

/**
 * Inside `if (!x) { … x = … }` (or `x == null`, `typeof x === 'undefined'`, `!x || stale`, `ready && !x`);
 * `tests` narrows the tests that count (`testsOnlyEmpty`: not `!x || stale`).
 */
export function guardedByEmptyCheck(node: TSESTree.Node, same: (node: TSESTree.Node) => boolean, tests: (test: TSESTree.Node, same: (node: TSESTree.Node) => boolean) => boolean = testsEmpty): boolean {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current && !isFunction(current) && current.type !== AST_NODE_TYPES.Program) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && tests(current.test, same)) return true;
    if (current.type === AST_NODE_TYPES.ConditionalExpression && current.consequent === child && tests(current.test, same)) return true;
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

/**
 * `if (x) return x;` (or `if (x !== undefined) return …`) earlier in the same block or in a block
 * around it (`if (done) return; try { …; done = true; } catch { done = true; }`), or an `if (x) { … }`
 * that every way out of leaves or empties `x` (`if (client) { try { await client.ping(); return client; }
 * catch { client = null; } }`).
 */
function followsEarlyReturn(sourceCode: Readonly<TSESLint.SourceCode>, assignment: TSESTree.AssignmentExpression, same: (node: TSESTree.Node) => boolean): boolean {
  let statement: TSESTree.Node = assignment;
  let block: TSESTree.Node = statement.parent;
  // The walk stops at the enclosing function or the program, so it never runs past the root.
  for (;;) {
    while (block.type !== AST_NODE_TYPES.BlockStatement) {
      if (isFunction(block) || block.type === AST_NODE_TYPES.Program) return false;
      // A loop runs its body again: an earlier return in it does not guard the next round.
      if (isLoop(block)) return false;
      statement = block;
      block = statement.parent;
    }
    if (returnsEarlyBefore(sourceCode, block.body, statement, same)) return true;
    statement = block;
    block = block.parent;
  }
}

export function isLoop(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

function returnsEarlyBefore(sourceCode: Readonly<TSESLint.SourceCode>, body: readonly TSESTree.Node[], statement: TSESTree.Node, same: (node: TSESTree.Node) => boolean): boolean {
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
    if (consequent?.type === AST_NODE_TYPES.ReturnStatement && (testsPresent(sibling.test, same) || testsPresent(sibling.test, setInBlock))) return true;
    if (sibling.alternate === null && testsPresent(sibling.test, same) && leavesOrEmpties(sibling.consequent, same)) return true;
  }
  return false;
}

/**
 * Whether an `if (…) return …;` whose test `guards` accepts comes before `node`, in its block or in a
 * block around it within the same function.
 */
function followsReturnGuard(node: TSESTree.Node, guards: (test: TSESTree.Node) => boolean): boolean {
  let statement: TSESTree.Node = node;
  let block: TSESTree.Node = statement.parent ?? statement;
  for (;;) {
    // The walk stops at the enclosing function or the program, so it never runs past the root.
    while (block.type !== AST_NODE_TYPES.BlockStatement) {
      if (isFunction(block) || block.type === AST_NODE_TYPES.Program) return false;
      statement = block;
      block = block.parent;
    }
    for (const sibling of block.body) {
      if (sibling === statement) break;
      if (sibling.type !== AST_NODE_TYPES.IfStatement) continue;
      const consequent = sibling.consequent.type === AST_NODE_TYPES.BlockStatement ? sibling.consequent.body[0] : sibling.consequent;
      if (consequent?.type === AST_NODE_TYPES.ReturnStatement && guards(sibling.test)) return true;
    }
    if (isFunction(block.parent)) return false;
    statement = block;
    block = block.parent;
  }
}

/**
 * Code after a once-guard: `if (installed) return; … installed = true; …`, where the function sets
 * the sentinel it tests (anywhere in its body, `for (…) if (ok) { done = true; … }`) and nothing in
 * the file empties it again (`finally { running = false }` makes a guard, not a once). Every write
 * there runs once per process: set-up, whatever its shape.
 */
export function afterOnceGuard(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let functionBody: TSESTree.Node | undefined;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    functionBody = current.body;
    break;
  }
  if (!functionBody) return false;
  const body = functionBody;
  const sentinel = (candidate: TSESTree.Node): boolean => {
    // A flag that outlives the call: not a variable the function declares (`let p = cache.get(k); if (p) return p;`).
    let root = unwrap(candidate);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type === AST_NODE_TYPES.Identifier) {
      const declared = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0]?.name;
      if (declared && declared.range[0] >= body.range[0] && declared.range[1] <= body.range[1]) return false;
    } else if (root.type !== AST_NODE_TYPES.ThisExpression) {
      return false;
    }
    const value = assignedWithin(sourceCode, body, candidate);
    return value !== undefined && !isEmptyValue(value) && !emptiedIn(sourceCode, sourceCode.ast, candidate);
  };
  return followsReturnGuard(node, (test) => testsPresent(test, sentinel));
}

/** A value assigned to the target anywhere in `root`, nested functions aside. */
function assignedWithin(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node, target: TSESTree.Node): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  walk(root, sourceCode.visitorKeys, (node) => {
    if (node !== root && isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && sameTarget(sourceCode, node.left, target)) found = node.right;
    return true;
  });
  return found;
}

/** Whether every way through a statement returns, throws or empties the target (`x = null`). */
function leavesOrEmpties(statement: TSESTree.Node, same: (node: TSESTree.Node) => boolean): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some((inner) => leavesOrEmpties(inner, same));
    case AST_NODE_TYPES.ExpressionStatement: {
      const expression = unwrap(statement.expression);
      return expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && same(expression.left) && isEmptyValue(expression.right);
    }
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && leavesOrEmpties(statement.consequent, same) && leavesOrEmpties(statement.alternate, same);
    case AST_NODE_TYPES.TryStatement:
      if (statement.finalizer && leavesOrEmpties(statement.finalizer, same)) return true;
      return leavesOrEmpties(statement.block, same) && (statement.handler === null || leavesOrEmpties(statement.handler.body, same));
    default:
      return false;
  }
}

/** Whether every way through a statement returns or throws (`{ res.sendStatus(429); return; }`). */
export function leavesEveryWay(statement: TSESTree.Node): boolean {
  return leavesOrEmpties(statement, () => false);
}

/** Whether `root` assigns an empty value (`null`, `undefined`, `false`, `0`, `''`) to the target somewhere. */
function emptiedIn(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node, target: TSESTree.Node): boolean {
  const text = sourceCode.getText(unwrap(target));
  if (!/^[\w$.]+$/u.test(text)) return true;
  // The declaration's own initial value (`let initialized = false`) is where the flag starts, not a reset.
  const reset = new RegExp(`(?:^|[^\\w$.])(?<!\\b(?:let|var)\\s+)${text.replace(/[.$]/gu, '\\$&')}\\s*=\\s*(?:null|undefined|false|0|''|""|void\\b)`, 'u');
  return root === sourceCode.ast ? reset.test(serviceText(sourceCode)) : reset.test(sourceCode.getText(root));
}

/** A function the file keeps for its tests (`__shutdownPool()`, `resetForTests()`, `clearCacheForTesting()`): no code of the service calls it. */
const TEST_HOOK = /^__|(?:For|_for_?)Tests?(?:ing)?$/u;

/** A binding kept for the tests to look at (`backgroundRefreshForTests`, `lastEventForTesting`): named for them. */
export function isTestBinding(name: string): boolean {
  return !name.startsWith('__') && TEST_HOOK.test(name);
}

/** Whether a node is in a top-level test hook (`TEST_HOOK`): what it writes, the service never does. */
export function inTestHook(node: TSESTree.Node): boolean {
  let fn: TSESTree.Node | undefined;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) if (isFunction(current)) fn = current;
  return fn?.type === AST_NODE_TYPES.FunctionDeclaration && fn.id !== null && TEST_HOOK.test(fn.id.name) && (fn.parent.type === AST_NODE_TYPES.Program || fn.parent.parent.type === AST_NODE_TYPES.Program);
}

const serviceTexts = new WeakMap<Readonly<TSESLint.SourceCode>, string>();

/** The file's text with the bodies of its top-level test hooks (`TEST_HOOK`) blanked out. */
function serviceText(sourceCode: Readonly<TSESLint.SourceCode>): string {
  let text = serviceTexts.get(sourceCode);
  if (text === undefined) {
    text = sourceCode.text;
    for (const statement of sourceCode.ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.FunctionDeclaration || !declaration.id || !TEST_HOOK.test(declaration.id.name)) continue;
      const [start, end] = declaration.body.range;
      text = text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
    }
    serviceTexts.set(sourceCode, text);
  }
  return text;
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

/** Names of a time a cached value is good until, or was fetched at. */
const FRESHNESS = /expir|ttl|fresh|stale|validUntil|fetchedAt|refreshedAt|lastFetch|lastRefresh/iu;

/**
 * Part of a refresh-on-expiry cache in its early-return form: written after `if (cached.expiresAt >
 * now) return cached;` in the same function (a comparison with a time the cache keeps).
 */
export function followsFreshnessReturn(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  return followsReturnGuard(node, (test) => {
    const comparison = unwrap(test);
    if (comparison.type !== AST_NODE_TYPES.BinaryExpression || !['<', '<=', '>', '>='].includes(comparison.operator)) return false;
    return FRESHNESS.test(sourceCode.getText(comparison.left)) || FRESHNESS.test(sourceCode.getText(comparison.right));
  });
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

/** `import(file)`, `(await import(file)).default`, `require(file)`: a module the process loads. */
export function isLoadedCode(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    value = unwrap(value.object);
    if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  }
  if (value.type === AST_NODE_TYPES.ImportExpression) return true;
  return value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'require' && value.arguments.length === 1;
}

/** Classes whose instances are data: a collection, a date, a URL. */
export const VALUE_CLASSES: ReadonlySet<string> = new Set(['Map', 'Set', 'Array', 'Object', 'Date', 'WeakMap', 'WeakSet', 'URL', 'URLSearchParams']);

/**
 * A value that is a resource rather than data: `new Redis()`, `app.listen()`, `setInterval(…)`, or
 * code loaded from the project's files (`(await import(file)).default`, `require(file)`), the same
 * on every replica.
 */
export function isResourceValue(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  let value = unwrap(node);
  if (isLoadedCode(value)) return true;
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.NewExpression) {
    const name = calleeName(value);
    return name === undefined || !VALUE_CLASSES.has(name);
  }
  return isResourceCall(value);
}

/**
 * `new Intl.DateTimeFormat(locale, options)`, `new Intl.NumberFormat(…)`, `new RegExp(source)`: an
 * object compiled from its arguments alone, which every replica compiles the same. Memoised under a
 * key (whoever asked first), it is no state.
 */
export function isCompiledValue(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  if (value?.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrap(value.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'RegExp';
  return callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier && (unwrap(callee.object) as TSESTree.Identifier).name === 'Intl';
}

/** `null`, `undefined`, `void 0`: what a slot is emptied with (`this.client = null` in `close()`, `pool = undefined`). */
export function isClearedValue(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  if (value?.type === AST_NODE_TYPES.Literal) return value.value === null;
  if (value?.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value?.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}

/**
 * A write that empties what it writes: `x = null`, `this.folders = undefined`, `m.delete(k)`,
 * `m.clear()`. Where it must land (the binding, a member) is the caller's question.
 */
export function isEmptyingWrite(write: StateWrite): boolean {
  if (write.kind === 'method') return write.method === 'delete' || write.method === 'clear';
  return (write.kind === 'assign' || write.kind === 'member') && isClearedValue(write.values[0]);
}

/** Methods that shut a connection, socket, worker or child process down. */
const TEARDOWN_METHODS = /^(?:destroy|destroySoon|close|end|terminate|kill|disconnect|unref)$/u;

/** Whether a node contains a call of a teardown method (`socket.destroy()`, `ws.terminate()`). */
function callsTeardown(root: TSESTree.Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): boolean {
  return someNode(root, visitorKeys, (node) => node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && TEARDOWN_METHODS.test(propertyName(node.callee) ?? ''));
}

/**
 * `const sockets = new Set(); server.on('connection', (s) => { sockets.add(s); s.on('close', () =>
 * sockets.delete(s)); }); process.on('SIGTERM', () => { for (const s of sockets) s.destroy(); })`:
 * a registry of this process's own connections, read only to shut them down. What it holds dies with
 * the process that owns it; no other replica could use it. `writes` are the nodes of the binding's
 * writes (adds, deletes, member assignments); every other read must end in a teardown.
 */
export function isTeardownRegistry(sourceCode: Readonly<TSESLint.SourceCode>, variable: TSESLint.Scope.Variable, writes: readonly TSESTree.Node[]): boolean {
  const inWrite = (node: TSESTree.Node): boolean => writes.some((write) => write.range[0] <= node.range[0] && node.range[1] <= write.range[1]);
  let teardowns = 0;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (reference.init === true || inWrite(identifier)) continue;
    let value = outerValue(identifier);
    let parent = value.parent;
    // `for (const c of Object.values(connections))`: every entry of an object used as a dictionary.
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.length === 1 && parent.arguments[0] === value && isObjectEntryList(parent.callee)) {
      value = outerValue(parent);
      parent = value.parent;
    }
    // `for (const s of sockets.values())`: the loop runs over every entry as `for (const s of sockets)` does.
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value && ENTRY_LISTS.has(propertyName(parent) ?? '')) {
      const call = outerValue(parent).parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(parent) && call.arguments.length === 0) {
        value = outerValue(call);
        parent = value.parent;
      }
    }
    // `for (const s of sockets) s.destroy()`, `for (const key in connections) connections[key].destroy()`
    if ((parent?.type === AST_NODE_TYPES.ForOfStatement || parent?.type === AST_NODE_TYPES.ForInStatement) && parent.right === value && callsTeardown(parent.body, sourceCode.visitorKeys)) {
      teardowns += 1;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
      const method = propertyName(parent);
      const call = parent.parent;
      // `if (sockets.size > 0)`: how many are open decides whether to wait for them; no entry is read.
      if ((method === 'size' || method === 'length') && decidesBranch(parent)) continue;
      // `sockets.forEach((s) => s.destroy())`
      if (method === 'forEach' && call.type === AST_NODE_TYPES.CallExpression && call.callee === parent && call.arguments[0] !== undefined && callsTeardown(call.arguments[0], sourceCode.visitorKeys)) {
        teardowns += 1;
        continue;
      }
      // `for (const key in connections) connections[key].destroy()`: an element of the loop over every entry.
      // (Closing one entry a request picks, `sockets.get(userId)?.disconnect()`, reaches only this replica's clients: state.)
      const element = parent.computed ? outerValue(parent) : undefined;
      const elementUse = element?.parent;
      if (elementUse?.type === AST_NODE_TYPES.MemberExpression && elementUse.object === element && TEARDOWN_METHODS.test(propertyName(elementUse) ?? '') && inLoopOver(parent, variable)) {
        teardowns += 1;
        continue;
      }
    }
    return false;
  }
  return teardowns > 0;
}


/** The methods that list a collection's entries for a loop over all of them. */
const ENTRY_LISTS: ReadonlySet<string> = new Set(['values', 'keys', 'entries']);

/** `Object.values`, `Object.keys`, `Object.entries`. */
function isObjectEntryList(callee: TSESTree.Node): boolean {
  const node = unwrap(callee);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrap(node.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'Object' && ENTRY_LISTS.has(propertyName(node) ?? '');
}

/** Whether an expression is (part of) the test of an `if`, a conditional or a loop. */
function decidesBranch(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.BinaryExpression || parent.type === AST_NODE_TYPES.LogicalExpression || parent.type === AST_NODE_TYPES.UnaryExpression) continue;
    return (
      ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression || parent.type === AST_NODE_TYPES.WhileStatement) && parent.test === current) ||
      (parent.type === AST_NODE_TYPES.ForStatement && parent.test === current)
    );
  }
  return false;
}

/** Whether a member access `x[key]` sits in `for (const key in x)` (or `of`) over the same variable. */
function inLoopOver(member: TSESTree.MemberExpression, variable: TSESLint.Scope.Variable): boolean {
  const key = unwrap(member.property);
  for (let current: TSESTree.Node | undefined = member.parent; current && !isFunction(current); current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ForInStatement && current.type !== AST_NODE_TYPES.ForOfStatement) continue;
    const right = unwrap(current.right);
    const left = current.left.type === AST_NODE_TYPES.VariableDeclaration ? current.left.declarations[0].id : current.left;
    if (right.type === AST_NODE_TYPES.Identifier && right.name === variable.name && left.type === AST_NODE_TYPES.Identifier && key.type === AST_NODE_TYPES.Identifier && left.name === key.name) return true;
  }
  return false;
}

/** Classes and factories whose instances are clients of a service (a database, a bucket, a broker). */
const SERVICE_CLIENT_CLASS = /(?:Client|Pool|Connection|Producer|Consumer|Driver|Redis|Cluster|Sequelize|Knex|Kafka|Stripe|Octokit|Firestore|Storage)$/u;
/** `createClient()`, `connect()`, and a project's own factories named for a client (`buildS3Client`, `makeRedisPool`, `createDbConnection`). */
const SERVICE_CLIENT_FACTORY = /^(?:createClient|createPool|createConnection|connect)$|^(?:create|build|make|new|init|open)\w*(?:Client|Pool|Connection|Producer|Consumer|Driver)$/u;

/**
 * A client of a service: `new S3Client({ region })`, `new pg.Pool({ connectionString })`,
 * `createClient({ url })`, or a local variable that holds one (`let client = clients.get(k); if
 * (!client) { client = new S3Client(…); … }`). Made per key the code reaches (a tenant's database,
 * a region's bucket), it is a connection each replica opens for itself, whatever the request asked:
 * it holds no data of the request, even when the request picked the tenant.
 */
export function isServiceClient(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.NewExpression) return SERVICE_CLIENT_CLASS.test(calleeName(value) ?? '');
  if (value.type === AST_NODE_TYPES.CallExpression) return SERVICE_CLIENT_FACTORY.test(calleeName(value) ?? '');
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
  if (!variable || variable.scope.type === ScopeType.module || variable.scope.type === ScopeType.global) return false;
  return variable.references.some((reference) => reference.writeExpr !== null && reference.writeExpr !== undefined && reference.writeExpr !== value && isServiceClient(sourceCode, reference.writeExpr));
}

/**
 * `timers.set(userId, setTimeout(flush, 5_000))`: a handle to a timer of this process, kept to clear
 * it (a debounce per key). The handle is no data another replica could want; what the timer does is
 * `no-process-timers`'s question.
 */
export function isTimerHandle(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  return value?.type === AST_NODE_TYPES.CallExpression && /^set(?:Timeout|Interval|Immediate)$/u.test(calleeName(value) ?? '');
}

/** What a log call's receiver or function is named: `console.warn(…)`, `logger.info(…)`, `log(…)`, `warn(…)`. */
const LOGGER = /^(?:console|log|logger|logging|warn|warning|debug|trace)$/iu;

/**
 * A mark that keeps a log line from repeating: `if (warned[name]) return; console.warn(…);
 * warned[name] = true;` (or `warned.has(name)` and `warned.add(name)`), in a function that does
 * nothing but test the mark, log and set it. Each replica logs once: nothing a later request needs.
 */
export function isLogOnceMark(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let fn: TSESTree.Node | undefined = node.parent;
  while (fn && !isFunction(fn)) fn = fn.parent;
  if (!fn || !isFunction(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  // The mark itself: `warned` of `warned[name] = true` or `warned.add(name)`.
  const target = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
  const mark = rootIdentifier(target)?.name;
  if (mark === undefined) return false;
  let guarded = false;
  let marked = false;
  for (const statement of fn.body.body) {
    if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate) {
      const consequent = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body : [statement.consequent];
      if (consequent.length !== 1 || consequent[0]?.type !== AST_NODE_TYPES.ReturnStatement || consequent[0].argument) return false;
      guarded ||= someNode(statement.test, sourceCode.visitorKeys, (inner) => inner.type === AST_NODE_TYPES.Identifier && inner.name === mark);
      continue;
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.every((declarator) => !declarator.init || !someNode(declarator.init, sourceCode.visitorKeys, isEffect))) continue;
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    if (encloses(statement, node)) {
      marked = true;
      continue;
    }
    const expression = unwrap(statement.expression);
    if (expression.type !== AST_NODE_TYPES.CallExpression || !isLogCall(expression)) return false;
  }
  return guarded && marked;
}

/** A call that writes a log line: `console.warn(…)`, `logger.info(…)`, `Logger.debug(…)`, `log(…)`. */
export function isLogCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return LOGGER.test(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrap(callee.object);
  const method = propertyName(callee);
  return (object.type === AST_NODE_TYPES.Identifier && LOGGER.test(object.name)) || (method !== undefined && /^(?:warn|info|debug|error|log|trace|notice)$/u.test(method) && object.type !== AST_NODE_TYPES.ThisExpression);
}

function isEffect(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.AssignmentExpression || node.type === AST_NODE_TYPES.UpdateExpression;
}

const initialisationMethods = new WeakMap<FunctionNode, boolean>();

/**
 * `async ensureReady() { if (!this.#ready) await this.#initialize(); }`, where `#initialize()` sets
 * `this.#ready = true`: a private method that marks its instance initialised, and that the class calls only
 * while the mark is unset (`if (!this.#ready) …`, or after `if (this.#ready) return;`), runs once for
 * each instance. So does a private method whose every call computes the value of a lazily filled
 * slot (`if (!this.fields) this.fields = this.collectFields()`). What it writes is that
 * initialisation, as in `if (!client) { client = …; }`.
 */
export function inInitialisationMethod(sourceCode: Readonly<TSESLint.SourceCode>, methodFn: FunctionNode): boolean {
  let known = initialisationMethods.get(methodFn);
  if (known === undefined) {
    known = isInitialisationMethod(sourceCode, methodFn);
    initialisationMethods.set(methodFn, known);
  }
  return known;
}

function isInitialisationMethod(sourceCode: Readonly<TSESLint.SourceCode>, methodFn: FunctionNode): boolean {
  const member = methodFn.parent;
  if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method' || member.static || member.value !== methodFn) return false;
  // Private (`#initialize`, `private initialize`): no caller outside the class runs it again.
  if (!isPrivateMember(member)) return false;
  const name = propertyName(member);
  if (name === undefined) return false;
  const calls = thisCallsByName(member.parent, sourceCode.visitorKeys).get(name) ?? [];
  // `if (!this.fields) this.fields = this.collectFields()`: it computes what fills a lazy slot, once.
  if (calls.length > 0 && calls.every(({ call, bind }) => !bind && fillsLazySlot(sourceCode, call))) return true;
  // The marks the method sets: `this.ready = true`.
  const marks = new Set<string>();
  walk(methodFn.body, sourceCode.visitorKeys, (node) => {
    if (isFunction(node)) return false;
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return true;
    const right = unwrap(node.right);
    const mark = thisField(node.left);
    if (right.type === AST_NODE_TYPES.Literal && right.value === true && mark !== undefined) marks.add(mark);
    return true;
  });
  if (marks.size === 0) return false;
  const isMark = (node: TSESTree.Node): boolean => {
    const value = unwrap(node);
    return value.type === AST_NODE_TYPES.MemberExpression && marks.has(thisField(value) ?? '');
  };
  return calls.length > 0 && calls.every(({ call, bind }) => !bind && (guardedByEmptyCheck(call, isMark, testsOnlyEmpty) || followsReturnGuard(call, isMark)));
}
