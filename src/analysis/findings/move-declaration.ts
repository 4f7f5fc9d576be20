import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, isFunction, walk, type FunctionNode } from '../file/ast.js';
import type { ModuleBinding } from '../state/writes.js';

/** The edit that moves a binding's declaration into the one function that uses it. */
export interface DeclarationMove {
  /** The declaration statement, with the line break after it. */
  readonly remove: readonly [number, number];
  /** Where the declaration goes: after the function's opening brace and its directives. */
  readonly insertAt: number;
  readonly text: string;
}

const soleUsers = new WeakMap<TSESLint.Scope.Variable, FunctionNode | null>();

/**
 * How to declare `binding` inside `fn` instead of where it is declared, or undefined when that edit
 * would not be the same program with a fresh binding per call:
 * - the binding is a lone `let`/`var` declarator in a list of statements, used only in `fn`'s body;
 * - the declaration does not hold `fn` (`let last = app.post('/', (req) => { last = … })`);
 * - its initialiser and type mean the same at the top of `fn`: no `await` or `yield`, no `this`,
 *   `super` or `new.target` of the place it leaves, and no name (`arguments` included) that `fn` or
 *   a scope around it declares for something else.
 */
export function declarationMove(sourceCode: Readonly<TSESLint.SourceCode>, binding: ModuleBinding, fn: FunctionNode): DeclarationMove | undefined {
  const body = fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const statement = binding.declaration;
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || (statement.kind !== 'let' && statement.kind !== 'var') || statement.declare || statement.declarations.length !== 1) return undefined;
  if (statement.parent.type !== AST_NODE_TYPES.Program && statement.parent.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const [declarator] = statement.declarations;
  if (declarator?.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (statement.range[0] < fn.range[1] && fn.range[0] < statement.range[1]) return undefined;
  if (soleUser(binding.variable) !== fn) return undefined;
  const fnScope = sourceCode.scopeManager?.acquire(fn);
  if (!fnScope || fnScope.set.has(binding.name) || !movable(sourceCode, declarator, fnScope)) return undefined;

  const text = sourceCode.text;
  const end = text[statement.range[1]] === '\n' ? statement.range[1] + 1 : statement.range[1];
  // After a directive prologue (`'use strict'`), which must stay first to keep its meaning.
  let after: TSESTree.Node | undefined;
  for (const item of body.body) {
    if (item.type !== AST_NODE_TYPES.ExpressionStatement || item.directive === undefined) break;
    after = item;
  }
  const insertAt = after ? after.range[1] : body.range[0] + 1;
  const next = body.body.find((item) => item.range[0] >= insertAt);
  return { remove: [statement.range[0], end], insertAt, text: `\n${indentFor(text, body, next)}let ${sourceCode.getText(declarator)};` };
}

/** The function whose body holds every use of a variable, or null when there is none or more than one. */
function soleUser(variable: TSESLint.Scope.Variable): FunctionNode | null {
  const known = soleUsers.get(variable);
  if (known !== undefined) return known;
  let user: FunctionNode | null = null;
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const fn = enclosingFunction(reference.identifier);
    // A use in the parameters (a default value) would not see a declaration in the body.
    if (!fn || (user !== null && fn !== user) || reference.identifier.range[0] < fn.body.range[0] || reference.identifier.range[1] > fn.body.range[1]) {
      user = null;
      break;
    }
    user = fn;
  }
  soleUsers.set(variable, user);
  return user;
}

/**
 * Whether a declarator (its type and initialiser) means the same when written at the top of the
 * function whose scope is `fnScope`.
 */
function movable(sourceCode: Readonly<TSESLint.SourceCode>, declarator: TSESTree.VariableDeclarator, fnScope: TSESLint.Scope.Scope): boolean {
  const outOfPlace = (node: TSESTree.Node): boolean => {
    // `await`/`yield` belong to the place the declaration leaves unless a function inside it has them.
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) return !inNestedFunction(node, declarator, () => true);
    if (node.type === AST_NODE_TYPES.ThisExpression || node.type === AST_NODE_TYPES.Super || (node.type === AST_NODE_TYPES.MetaProperty && node.meta.name === 'new')) {
      return !inNestedFunction(node, declarator, (fn) => fn.type !== AST_NODE_TYPES.ArrowFunctionExpression);
    }
    return false;
  };
  const references = referencesByIdentifier(sourceCode);
  const [start, end] = declarator.range;
  let blocked = false;
  // And every name read from outside the declarator must reach the same variable from `fnScope`.
  walk(declarator, sourceCode.visitorKeys, (node) => {
    blocked ||= outOfPlace(node) || (node.type === AST_NODE_TYPES.Identifier && !sameFrom(fnScope, references.get(node), start, end));
    return !blocked;
  });
  return !(blocked as boolean);
}

/**
 * Whether a name the declarator reads from outside itself reaches the same variable from `fnScope`
 * (not `arguments` of a function, a parameter or local of the handler with the same name).
 */
function sameFrom(fnScope: TSESLint.Scope.Scope, reference: TSESLint.Scope.Reference | undefined, start: number, end: number): boolean {
  if (!reference) return true;
  const resolved = reference.resolved;
  if (resolved?.defs.some((def) => def.name.range[0] >= start && def.name.range[1] <= end)) return true;
  const name = reference.identifier.type === AST_NODE_TYPES.Identifier ? reference.identifier.name : undefined;
  if (name === undefined) return false;
  for (let current: TSESLint.Scope.Scope | null = fnScope; current && current !== resolved?.scope; current = current.upper) {
    if (current.set.has(name)) return false;
  }
  return true;
}

const referenceIndex = new WeakMap<object, ReadonlyMap<TSESTree.Node, TSESLint.Scope.Reference>>();

/** Every reference of the file by its identifier, made once a file (looking one up in its scope is linear in the scope). */
function referencesByIdentifier(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlyMap<TSESTree.Node, TSESLint.Scope.Reference> {
  let index = referenceIndex.get(sourceCode);
  if (!index) {
    const map = new Map<TSESTree.Node, TSESLint.Scope.Reference>();
    for (const scope of sourceCode.scopeManager?.scopes ?? []) for (const reference of scope.references) map.set(reference.identifier, reference);
    index = map;
    referenceIndex.set(sourceCode, index);
  }
  return index;
}

/** Whether `node` sits in a function inside `root` that `boundary` accepts (a function that rebinds what `node` means). */
function inNestedFunction(node: TSESTree.Node, root: TSESTree.Node, boundary: (fn: FunctionNode) => boolean): boolean {
  for (let current = node.parent; current && current !== root.parent; current = current.parent) {
    if (isFunction(current) && boundary(current)) return true;
    // Class members and static blocks have their own `this`.
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) return true;
    if (current === root) break;
  }
  return false;
}

/** The indentation of the statement that will follow the moved declaration, or one step deeper than the brace's line. */
function indentFor(text: string, body: TSESTree.BlockStatement, next: TSESTree.Node | undefined): string {
  const lineStart = (offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
  if (next) {
    const before = text.slice(lineStart(next.range[0]), next.range[0]);
    if (/^[ \t]*$/u.test(before)) return before;
  }
  const braceLine = text.slice(lineStart(body.range[0]), body.range[0]);
  const indent = /^[ \t]*/u.exec(braceLine)?.[0] ?? '';
  return `${indent}${indent.startsWith('\t') ? '\t' : '  '}`;
}
