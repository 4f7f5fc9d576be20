import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { DefinitionType } from './scope-types.js';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** Strips TypeScript-only wrappers and optional chains that do not change the value. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The outermost wrapper of `node` that still denotes the same value (`x!`, `x as T`, `(a?.b)`). */
export function outerValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent) {
    const parent = current.parent;
    if (
      (parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent.type === AST_NODE_TYPES.TSTypeAssertion ||
        parent.type === AST_NODE_TYPES.ChainExpression) &&
      parent.expression === current
    ) {
      current = parent;
      continue;
    }
    return current;
  }
  return current;
}

/** The name of a non-computed property or a computed string-literal property. */
export function propertyName(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (!node.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return undefined;
}

/** `foo` for `foo(…)`, `bar` for `a.b.bar(…)`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return undefined;
}

/** The receiver of a method call, or undefined for a bare call. */
export function calleeReceiver(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Expression | undefined {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
}

/** Identifier and property names along a receiver chain: `a.b(c).d` gives `d, b, a`. */
export function chainNames(node: TSESTree.Node, limit = 8): string[] {
  const names: string[] = [];
  let current: TSESTree.Node = unwrap(node);
  while (names.length < limit) {
    if (current.type === AST_NODE_TYPES.Identifier) {
      names.push(current.name);
      return names;
    }
    if (current.type === AST_NODE_TYPES.ThisExpression) return names;
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(current);
      if (name !== undefined) names.push(name);
      current = unwrap(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(current.callee);
    } else {
      return names;
    }
  }
  return names;
}

/** The root identifier of a member chain (`a` in `a.b[c].d`), if any. */
export function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/** The `new` expression an expression is the callee of (`new Registry()` for `Registry`, through parentheses and casts). */
export function constructionOf(callee: TSESTree.Node): TSESTree.NewExpression | undefined {
  const outer = outerValue(callee);
  return outer.parent?.type === AST_NODE_TYPES.NewExpression && outer.parent.callee === outer ? outer.parent : undefined;
}

/**
 * The whole choice a value is one branch of (`process.env.REDIS_URL ? new Redis(url) : new
 * MemoryRedis()`, `given ?? new Cache()`), or the value itself: what a declarator holds when the
 * configuration picks the branch.
 */
export function chosenValue(node: TSESTree.Node): TSESTree.Node {
  let current = outerValue(node);
  for (let parent = current.parent; parent; parent = current.parent) {
    const branch =
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && (parent.operator !== '&&' || parent.right === current));
    if (!branch) break;
    current = outerValue(parent);
  }
  return current;
}

/** The values a choice picks among (`a ? b : c` is `b` and `c`; `a ?? b` is both; `a && b` is `b`), each unwrapped; any other value alone. */
export function choices(node: TSESTree.Node): TSESTree.Node[] {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return [...choices(value.consequent), ...choices(value.alternate)];
  if (value.type === AST_NODE_TYPES.LogicalExpression) return value.operator === '&&' ? choices(value.right) : [...choices(value.left), ...choices(value.right)];
  return [value];
}

/** The class whose body a node is in (the nearest), if any. */
export function enclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  }
  return undefined;
}

/** A member no code outside its class can call: `#name`, or `private` in TypeScript. */
export function isPrivateMember(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): boolean {
  return member.key.type === AST_NODE_TYPES.PrivateIdentifier || member.accessibility === 'private';
}

/**
 * The nodes in a node's own fields, less its `parent` and the fields `skipped` names: for code that
 * has no visitor keys at hand (a function value handed around without its file).
 */
export function childNodes(node: TSESTree.Node, skipped?: ReadonlySet<string>): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || skipped?.has(key) === true) continue;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

/** Whether `inner` lies within `outer`'s text (or is `outer`). */
export function encloses(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The nearest enclosing function of a node (not the node itself). */
/**
 * The variable an identifier names, looked up by name from the identifier's own scope. Given the
 * node instead, `findVariable` first searches every child scope of that scope for the innermost one,
 * and a module of thousands of handlers has thousands: asked per call, that is quadratic in the file.
 */
export function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name) ?? undefined;
}

export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** The statement (or top-level declaration) that contains a node. */
export function enclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent = current.parent;
    if (
      parent.type === AST_NODE_TYPES.Program ||
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.StaticBlock ||
      parent.type === AST_NODE_TYPES.SwitchCase ||
      parent.type === AST_NODE_TYPES.ClassBody
    ) {
      return current;
    }
    if (parent.type === AST_NODE_TYPES.ExportNamedDeclaration || parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      return parent;
    }
    current = parent;
  }
  return current;
}

export function isStringLike(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return (
    (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') ||
    inner.type === AST_NODE_TYPES.TemplateLiteral
  );
}

export function stringValue(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return inner.value;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0) return inner.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** A route path argument: `'/users/:id'`, `'*'`, a template, a RegExp, or an array of those. */
export function isRoutePath(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Literal && 'regex' in inner) return true;
  if (inner.type === AST_NODE_TYPES.ArrayExpression) {
    return inner.elements.length > 0 && inner.elements.every((element) => element !== null && isRoutePath(element));
  }
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) {
    const head = inner.quasis[0]?.value.cooked ?? '';
    return head.startsWith('/') || (head === '' && inner.expressions.length > 0);
  }
  const value = stringValue(inner);
  return value !== undefined && (value.startsWith('/') || value === '*' || value.startsWith('*'));
}

/** Name of a variable-like declaration target or function, for messages. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) {
    return propertyName(parent);
  }
  return undefined;
}

/** Visits every node below `root` (depth first), skipping subtrees for which `enter` returns false. */
export function walk(root: TSESTree.Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>, enter: (node: TSESTree.Node) => boolean | undefined): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || enter(node) === false) continue;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child as unknown[]) if (item && typeof item === 'object') stack.push(item as TSESTree.Node);
      } else if (child && typeof child === 'object') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** Whether some node under `root` (`root` included) satisfies `test`; the walk stops at the first. */
export function someNode(root: TSESTree.Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>, test: (node: TSESTree.Node) => boolean): boolean {
  let found = false;
  walk(root, visitorKeys, (node) => {
    if (!found && test(node)) found = true;
    return !found;
  });
  return found;
}

export function isTopLevelStatementNode(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.Program;
}

export type ClassMember = TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

/** A call of a method through `this` (`this.save(…)`, `this.save?.(…)`), or `this.save.bind(…)`, inside a member of the class. */
export interface ThisCall {
  readonly call: TSESTree.CallExpression;
  /** The member whose value holds the call. */
  readonly member: ClassMember;
  readonly bind: boolean;
}

const thisCallIndex = new WeakMap<TSESTree.ClassBody, ReadonlyMap<string, readonly ThisCall[]>>();

/**
 * The calls through `this` in a class body, by method name, found in one walk of the body: who calls
 * a method is asked for every method, and searching every other member each time grew with the square
 * of the class. Calls anywhere in a member's value count, nested functions included.
 */
export function thisCallsByName(classBody: TSESTree.ClassBody, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): ReadonlyMap<string, readonly ThisCall[]> {
  let index = thisCallIndex.get(classBody);
  if (index) return index;
  const calls = new Map<string, ThisCall[]>();
  for (const member of classBody.body) {
    if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || !member.value) continue;
    walk(member.value, visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return true;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
      const object = unwrap(callee.object);
      let target: TSESTree.MemberExpression | undefined;
      let bind = false;
      if (object.type === AST_NODE_TYPES.ThisExpression) target = callee;
      else if (object.type === AST_NODE_TYPES.MemberExpression && unwrap(object.object).type === AST_NODE_TYPES.ThisExpression && propertyName(callee) === 'bind') {
        target = object;
        bind = true;
      }
      const name = target ? propertyName(target) : undefined;
      if (name !== undefined) {
        const list = calls.get(name);
        const entry = { call: node, member, bind };
        if (list) list.push(entry);
        else calls.set(name, [entry]);
      }
      return true;
    });
  }
  index = calls;
  thisCallIndex.set(classBody, index);
  return index;
}

/** Another file as a message names it: relative to the linted file's folder, always with a leading `./` or `../`. */
export function relativeFile(fromFile: string, file: string): string {
  const relative = path.relative(path.dirname(fromFile), file).replace(/\\/gu, '/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Code as a message quotes it: at most 40 characters, cut with an ellipsis. */
export function clipCode(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * The calls of a function the file names, by that name: `generate()` for `function generate() {…}`
 * or `const generate = () => …`. Empty for a function with no name of its own.
 */
export function callsByName(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.CallExpression[] {
  const parent = outerValue(fn).parent;
  const declarator = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : parent;
  if (!declarator || (declarator.type !== AST_NODE_TYPES.FunctionDeclaration && declarator.type !== AST_NODE_TYPES.VariableDeclarator)) return [];
  const calls: TSESTree.CallExpression[] = [];
  for (const variable of sourceCode.getDeclaredVariables(declarator)) {
    if (!variable.defs.some((def) => def.node === fn || def.node === parent)) continue;
    for (const reference of variable.references) {
      const call = outerValue(reference.identifier).parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && outerValue(call.callee) === outerValue(reference.identifier)) calls.push(call);
    }
  }
  return calls;
}

/**
 * `receiver.method(…)`: the call of a member of `receiver`, when there is one. With `method`, only a
 * member of that name (`x['add']` too); without, any member named in the code (`x.add`, not `x[k]`).
 */
export function methodCallOn(receiver: TSESTree.Node, method?: string): TSESTree.CallExpression | undefined {
  const member = receiver.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver) return undefined;
  if (method === undefined ? member.computed : propertyName(member) !== method) return undefined;
  const call = outerValue(member).parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(member) ? call : undefined;
}

/**
 * Method calls on what `made` evaluates to (a call's result, the instance `new` makes): chained
 * (`new Hub().join(…)`, `(await getStore()).add(…)`), or through a `const` it initialises that is
 * never reassigned (`const hub = new Hub(); hub.join(…)`). Only calls of `method`, when one is given.
 */
export function callsOnValue(sourceCode: Readonly<TSESLint.SourceCode>, made: TSESTree.Node, method?: string): TSESTree.CallExpression[] {
  let value = outerValue(made);
  if (value.parent?.type === AST_NODE_TYPES.AwaitExpression) value = outerValue(value.parent);
  const direct = methodCallOn(value, method);
  if (direct) return [direct];
  const holder = value.parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== value || holder.id.type !== AST_NODE_TYPES.Identifier || holder.parent.kind !== 'const') return [];
  const calls: TSESTree.CallExpression[] = [];
  for (const variable of sourceCode.getDeclaredVariables(holder)) {
    for (const reference of variable.references) {
      const call = reference.init === true ? undefined : methodCallOn(outerValue(reference.identifier), method);
      if (call) calls.push(call);
    }
  }
  return calls;
}

/** The function a name is declared as, once: `function f() {}`, or `const f = () => …`. */
export function declaredFunction(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): FunctionNode | undefined {
  const variable = variableOf(sourceCode, identifier);
  const def = variable?.defs[0];
  if (!def || variable.defs.length !== 1) return undefined;
  if (def.type === DefinitionType.FunctionName && isFunction(def.node)) return def.node;
  if (def.type !== DefinitionType.Variable || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  return isFunction(init) ? init : undefined;
}

/** The expressions a function returns from its own body (not from functions nested in it). */
export function returnedExpressions(fn: FunctionNode, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): TSESTree.Expression[] {
  const found: TSESTree.Expression[] = [];
  walk(fn.body, visitorKeys, (node) => {
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassBody) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
    return true;
  });
  return found;
}

/** Whether a value met among a node's fields is itself a node (it has a string \`type\`). */
export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The methods of Node's \`EventEmitter\` that register a listener. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** `new X()`, or a local constant holding one (`const instance = new X(); … = instance`). */
export function constructedValue(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.NewExpression | undefined {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.NewExpression) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = variableOf(sourceCode, value)?.defs[0];
  const init = def?.type === DefinitionType.Variable && def.parent.kind === 'const' && def.node.init ? unwrap(def.node.init) : undefined;
  return init?.type === AST_NODE_TYPES.NewExpression ? init : undefined;
}
