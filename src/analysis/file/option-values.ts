import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from './scope-types.js';
import { declaredFunction, isFunction, outerValue, propertyName, unwrap } from './ast.js';
import { testsDevelopment } from './file-kind.js';

/**
 * What this file shows about an options argument:
 * - `absent`: no argument, or `undefined`;
 * - `object`: an object literal (here or in a same-file `const`), with the keys it is given,
 *   including later `opts.key = …` writes;
 * - `array`: an array literal (`ThrottlerModule.forRoot([{ ttl, limit }])`);
 * - `value`: some other value written here (a string, `new X()`, a call);
 * - `unknown`: built elsewhere, spread, or changed in ways this file cannot follow. No guess.
 */
export type OptionsValue =
  | { readonly kind: 'absent' }
  | { readonly kind: 'object'; readonly node: TSESTree.ObjectExpression; readonly properties: ReadonlyMap<string, TSESTree.Node> }
  | { readonly kind: 'array'; readonly node: TSESTree.ArrayExpression }
  | { readonly kind: 'value'; readonly node: TSESTree.Node }
  | { readonly kind: 'unknown' };

const UNKNOWN: OptionsValue = { kind: 'unknown' };
const ABSENT: OptionsValue = { kind: 'absent' };
const MAX_DEPTH = 6;

/** Reads options objects and the values bound to same-file identifiers, through `const` aliases and NestJS `useFactory`. */
export class OptionReader {
  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {}

  read(node: TSESTree.Node | undefined, depth = 0): OptionsValue {
    if (!node) return ABSENT;
    if (depth > MAX_DEPTH) return UNKNOWN;
    const value = unwrap(node);
    switch (value.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return this.object(value, new Map(), depth);
      case AST_NODE_TYPES.ArrayExpression:
        return { kind: 'array', node: value };
      case AST_NODE_TYPES.Identifier: {
        if (value.name === 'undefined') return ABSENT;
        const init = this.constValue(value);
        if (!init) return UNKNOWN;
        const read = this.read(init.value, depth + 1);
        if (read.kind !== 'object') return read;
        const extra = this.memberWrites(init.variable);
        if (extra === undefined) return UNKNOWN;
        return extra.size === 0 ? read : { ...read, properties: new Map([...read.properties, ...extra]) };
      }
      case AST_NODE_TYPES.SpreadElement:
        return UNKNOWN;
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
        return UNKNOWN;
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.MemberExpression:
        return { kind: 'value', node: value };
      default:
        return UNKNOWN;
    }
  }

  private object(node: TSESTree.ObjectExpression, extra: Map<string, TSESTree.Node>, depth: number): OptionsValue {
    const properties = new Map<string, TSESTree.Node>();
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        // A spread of an object this file writes out (`...base`, `...tuning()` of a same-file
        // function returning one) adds its keys; any other may hold any key, and no guess is made.
        const spread = this.spreadValue(property.argument, depth);
        if (spread.kind !== 'object') return UNKNOWN;
        for (const [key, value] of spread.properties) properties.set(key, value);
        continue;
      }
      const key = propertyName(property);
      if (key === undefined) return UNKNOWN;
      properties.set(key, property.value);
    }
    for (const [key, value] of extra) properties.set(key, value);
    // NestJS `forRootAsync({ useFactory: () => ({ … }) })`: the options are what the factory returns.
    const factory = properties.get('useFactory');
    if (factory) return this.read(returnedValue(factory), depth + 1);
    if (properties.has('useClass') || properties.has('useExisting')) return UNKNOWN;
    return { kind: 'object', node, properties };
  }

  /** What a spread in an options object adds: a same-file object, or what a same-file function called without arguments returns. */
  private spreadValue(node: TSESTree.Node, depth: number): OptionsValue {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.CallExpression) return this.read(value, depth + 1);
    const callee = unwrap(value.callee);
    if (value.arguments.length > 0 || callee.type !== AST_NODE_TYPES.Identifier) return UNKNOWN;
    const fn = declaredFunction(this.sourceCode, callee);
    const returned = fn ? returnedValue(fn) : undefined;
    return returned ? this.read(returned, depth + 1) : UNKNOWN;
  }


  /**
   * The value at a dotted option path (`rateLimit.storage`): undefined when it is missing at some
   * level, `unknown` when a level is not an object this file writes out.
   */
  valueAt(options: OptionsValue, path: string): TSESTree.Node | undefined | 'unknown' {
    const [first, ...rest] = path.split('.');
    const value = first === undefined ? undefined : optionValue(options, first);
    if (value === undefined || rest.length === 0) return value;
    const nested = this.read(value);
    if (nested.kind === 'absent') return undefined;
    return nested.kind === 'object' ? this.valueAt(nested, rest.join('.')) : 'unknown';
  }

  /**
   * The values an option can take: the option itself, or each arm of `test ? a : b`, `test && a`
   * (falsy `test` leaves it unset), `a || b` and `a ?? b` (`b` when `a` is unset), also through a
   * same-file `const`, each with the test that selects it. Nested conditions keep the nearest test.
   */
  arms(node: TSESTree.Node, when?: ArmTest, depth = 0): OptionArm[] {
    const value = unwrap(node);
    if (depth < MAX_DEPTH && value.type === AST_NODE_TYPES.Identifier && value.name !== 'undefined') {
      const init = this.constValue(value);
      const inner = init ? unwrap(init.value) : undefined;
      if (inner?.type === AST_NODE_TYPES.ConditionalExpression || inner?.type === AST_NODE_TYPES.LogicalExpression) return this.arms(inner, when, depth + 1);
      const assigned = init ? undefined : this.branchValues(value);
      if (assigned) return assigned.flatMap((arm) => this.arms(arm.value, arm.when ?? when, depth + 1));
    }
    if (depth < MAX_DEPTH && value.type === AST_NODE_TYPES.ConditionalExpression) {
      return [...this.arms(value.consequent, { test: value.test, holds: true }, depth + 1), ...this.arms(value.alternate, { test: value.test, holds: false }, depth + 1)];
    }
    if (depth < MAX_DEPTH && value.type === AST_NODE_TYPES.LogicalExpression) {
      if (value.operator === '&&') return [{ node: value.left, value: undefined, when: { test: value.left, holds: false } }, ...this.arms(value.right, { test: value.left, holds: true }, depth + 1)];
      // `store ?? undefined`: the value is `store`, whatever it holds (a cast for the type checker, not a fallback).
      if (isUnset(value.right)) return this.arms(value.left, when, depth + 1);
      return [...this.arms(value.left, { test: value.left, holds: true }, depth + 1).filter((arm) => arm.value !== undefined), ...this.arms(value.right, { test: value.left, holds: false }, depth + 1)];
    }
    return [{ node, value: isUnset(value) ? undefined : value, ...(when ? { when } : {}) }];
  }

  /**
   * `let store; if (db) store = new KnexStore(…); else store = new session.MemoryStore();`: the
   * values a `let` binding of this file is given, each with the `if` test that selects it, when
   * every write is a plain statement `store = …` (and the initialiser, if any, is the first value).
   * Undefined for a binding written any other way.
   */
  private branchValues(identifier: TSESTree.Identifier): { value: TSESTree.Node; when?: ArmTest }[] | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== DefinitionType.Variable || def.parent.kind !== 'let' || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const values: { value: TSESTree.Node; when?: ArmTest }[] = def.node.init && !isUnset(unwrap(def.node.init)) ? [{ value: def.node.init }] : [];
    for (const reference of variable.references) {
      if (reference.init === true || !reference.isWrite()) continue;
      const assignment = reference.identifier.parent;
      if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== reference.identifier) return undefined;
      const statement = assignment.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
      const block = statement.parent.type === AST_NODE_TYPES.BlockStatement && statement.parent.body.length === 1 ? statement.parent : statement;
      const branch = block.parent;
      const when = branch.type === AST_NODE_TYPES.IfStatement ? { test: branch.test, holds: branch.consequent === block } : undefined;
      values.push(when ? { value: assignment.right, when } : { value: assignment.right });
    }
    return values.length > 0 ? values : undefined;
  }

  /** The initialiser of a same-file binding that is never reassigned. */
  constValue(identifier: TSESTree.Identifier): { value: TSESTree.Node; variable: TSESLint.Scope.Variable } | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== DefinitionType.Variable) return undefined;
    const declarator = def.node;
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
    if (variable.references.some((reference) => reference.init !== true && reference.isWrite())) return undefined;
    return { value: declarator.init, variable };
  }

  /** `opts.store = …` writes after the declaration; undefined when the object escapes into `Object.assign` or a computed key. */
  private memberWrites(variable: TSESLint.Scope.Variable): Map<string, TSESTree.Node> | undefined {
    const writes = new Map<string, TSESTree.Node>();
    for (const reference of variable.references) {
      if (reference.init === true) continue;
      const value = outerValue(reference.identifier);
      const parent = value.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
        const member = outerValue(parent);
        const assignment = member.parent;
        if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member) {
          const key = propertyName(parent);
          if (key === undefined) return undefined;
          writes.set(key, assignment.right);
        }
        continue;
      }
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === value) {
        const callee = unwrap(parent.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'assign') return undefined;
      }
    }
    return writes;
  }
}

/** What a factory function returns, when it has a single returned expression. */
export function returnedValue(node: TSESTree.Node): TSESTree.Node | undefined {
  const fn = unwrap(node);
  if (!isFunction(fn)) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
  if (returns.length !== 1) return undefined;
  return returns[0]?.argument ?? undefined;
}

/** The value of an option, or undefined when it is missing (absent, or written as `undefined`). */
export function optionValue(options: OptionsValue, key: string): TSESTree.Node | undefined {
  if (options.kind !== 'object') return undefined;
  const value = options.properties.get(key);
  if (!value) return undefined;
  const inner = unwrap(value);
  if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') return undefined;
  return value;
}

/** An arm that leaves an option at its default: `undefined`, `void 0`, `null`. */
/** `undefined`, `null`, `void …`: a value that leaves an option (or a binding) unset. */
export function isUnset(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  if (value.type === AST_NODE_TYPES.UnaryExpression) return value.operator === 'void';
  return value.type === AST_NODE_TYPES.Literal && value.value === null && !('regex' in value);
}

/** The test that selects one arm of a conditional value: the arm is taken when `test` is truthy (`holds`) or falsy. */
export interface ArmTest {
  readonly test: TSESTree.Node;
  readonly holds: boolean;
}

/** One value an option can take as written; `value` is undefined when that arm leaves the option unset. */
export interface OptionArm {
  /** The arm as written (for `test && a`, the falsy `test`). */
  readonly node: TSESTree.Node;
  readonly value: TSESTree.Node | undefined;
  /** Absent for a value written without a condition. */
  readonly when?: ArmTest;
}

/** An arm that only a development or test build takes (`isDev ? memory : redis`): no production store. */
export function developmentArm(arm: OptionArm): boolean {
  return arm.when !== undefined && testsDevelopment(arm.when.test, arm.when.holds);
}
