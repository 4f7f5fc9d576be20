import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeName, chainNames, unwrap, type FunctionNode } from '../file/ast.js';

/**
 * What a place holds, as far as its initialisers, annotations, assignments (and, with types, its
 * type) show. One vocabulary for every kind of place: a module binding, a captured binding, a
 * property of the global object, a field of a singleton.
 */
export type Container = 'array' | 'map' | 'set' | 'object' | 'weak' | 'class' | 'unknown';

/** Containers whose entries a mutating method changes. */
export type Collection = 'array' | 'map' | 'set';

export const ARRAY_MUTATORS: ReadonlySet<string> = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
const MAP_MUTATORS: ReadonlySet<string> = new Set(['set', 'delete', 'clear']);
const SET_MUTATORS: ReadonlySet<string> = new Set(['add', 'delete', 'clear']);
const MUTATORS_BY_COLLECTION: Readonly<Record<Collection, ReadonlySet<string>>> = { array: ARRAY_MUTATORS, map: MAP_MUTATORS, set: SET_MUTATORS };
/** Every method that mutates an array, a `Map` or a `Set`: the one list the analysis knows. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([...ARRAY_MUTATORS, ...MAP_MUTATORS, ...SET_MUTATORS]);
/** Methods whose first argument is the slot they write (`m.set(k, v)`, `s.add(v)`, `m.delete(k)`). */
export const KEYED_METHODS: ReadonlySet<string> = new Set(['set', 'add', 'delete']);

export function isCollection(container: Container): container is Collection {
  return container === 'array' || container === 'map' || container === 'set';
}

/**
 * Whether `object.method(…)` writes what the place holds: on the place itself (depth 0) only a
 * method of its own collection type; inside a plain data structure (`state.items.push`,
 * `sessions.get(id).tags.add`) or a class's static field (`Presence.online.set`) any mutating method.
 */
export function isMutatorOf(container: Container, method: string, depth: number): boolean {
  if (depth === 0) return isCollection(container) && MUTATORS_BY_COLLECTION[container].has(method);
  return (container === 'object' || container === 'array' || container === 'map' || container === 'class') && MUTATING_METHODS.has(method);
}

/** The values a mutating method stores: `set`'s value, `add`'s and the array methods' arguments. */
export function storedValues(method: string, args: readonly TSESTree.CallExpressionArgument[]): readonly TSESTree.Node[] {
  if (method === 'set') return args.slice(1);
  return method === 'add' || ARRAY_MUTATORS.has(method) ? args : [];
}

/** Type names, written or inferred, of each container. */
const CONTAINER_TYPE_NAMES: ReadonlyMap<string, Container> = new Map([
  ['Map', 'map'],
  ['ReadonlyMap', 'map'],
  ['Set', 'set'],
  ['ReadonlySet', 'set'],
  ['Array', 'array'],
  ['ReadonlyArray', 'array'],
  ['Record', 'object'],
  ['WeakMap', 'weak'],
  ['WeakSet', 'weak'],
  ['WeakRef', 'weak'],
]);

/** The container a type name denotes (`Map`, `ReadonlyArray`, `WeakSet`), or undefined. */
export function containerOfTypeName(name: string): Container | undefined {
  return CONTAINER_TYPE_NAMES.get(name);
}

/**
 * The value a `??` or `||` falls back to, unwrapped from the assignment that keeps it (`g.x ?? (g.x =
 * { … })` gives the object literal); anything else as it is.
 */
export function valueMadeFirst(node: TSESTree.Node): TSESTree.Node {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.LogicalExpression || value.operator === '&&') return value;
  const right = unwrap(value.right);
  return right.type === AST_NODE_TYPES.AssignmentExpression && right.operator === '=' ? unwrap(right.right) : right;
}

/** What a value expression makes: `[]`, `{}`, `new Map()`, `Array.from(…)`, `Object.create(…)`, a class expression. */
export function containerOfValue(node: TSESTree.Node | null | undefined): Container {
  if (!node) return 'unknown';
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return 'array';
    case AST_NODE_TYPES.ObjectExpression:
      return 'object';
    case AST_NODE_TYPES.ClassExpression:
      return 'class';
    case AST_NODE_TYPES.NewExpression: {
      const name = calleeName(value);
      if (name === 'Object') return 'object';
      const container = name === undefined ? undefined : containerOfTypeName(name);
      return container === undefined || container === 'object' ? 'unknown' : container;
    }
    // `globalThis.store ?? (globalThis.store = new Map())`, `g.cache || new Map()`: a value kept on the
    // global object so that a module loaded again (a dev server's reload) finds it; it holds what it is given.
    case AST_NODE_TYPES.LogicalExpression: {
      const made = valueMadeFirst(value);
      return made === value ? 'unknown' : containerOfValue(made);
    }
    case AST_NODE_TYPES.CallExpression: {
      const names = chainNames(value.callee);
      if (names[1] === 'Array' && (names[0] === 'from' || names[0] === 'of')) return 'array';
      if (names[1] === 'Object' && names[0] === 'create') return 'object';
      if (names[0] === 'Array') return 'array';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** What a written type annotation says a place holds: `T[]`, `{ … }`, `Map<…>`, `ReadonlyArray<…>`, `Record<…>`, `WeakMap<…>`. */
export function containerOfAnnotation(annotation: TSESTree.TypeNode | undefined): Container {
  if (!annotation) return 'unknown';
  if (annotation.type === AST_NODE_TYPES.TSArrayType) return 'array';
  if (annotation.type === AST_NODE_TYPES.TSTypeOperator && annotation.operator === 'readonly' && annotation.typeAnnotation?.type === AST_NODE_TYPES.TSArrayType) return 'array';
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) return 'object';
  if (annotation.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier) {
    return containerOfTypeName(annotation.typeName.name) ?? 'unknown';
  }
  return 'unknown';
}

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** With type information: where an imported binding is declared, when it is module state of another project file. */
export interface ForeignDeclaration {
  /** The declaring file, relative to the linted file's directory (`./cache.ts`). */
  readonly file: string;
  readonly line: number;
  readonly container: Container;
  /**
   * For a whole module imported as an object (`import * as db`, `const db = require('./db')`):
   * the line of each export that holds data, so a write to `db.items` names `items` and its line.
   */
  readonly members?: ReadonlyMap<string, number>;
}

/**
 * A place that may outlive a request: the one noun of "what state".
 * - `binding`: a top-level binding, or one declared in a function and captured by functions nested in it;
 * - `global`: a property of the global object or of `process.env`;
 * - `field`: a field of a class, written through `this` in its methods.
 */
export type Place = BindingPlace | GlobalPlace | FieldPlace;

export interface BindingPlace {
  readonly type: 'binding';
  readonly name: string;
  readonly variable: TSESLint.Scope.Variable;
  /** The declaration statement (for annotations and quick fixes). */
  readonly declaration: TSESTree.Node;
  /** `let`, `var`, `const`, `import`, `class`. */
  readonly declarationKind: string;
  readonly container: Container;
  /** Initialiser of the declaration, if any. */
  readonly init?: TSESTree.Expression;
  /**
   * For a binding declared inside a function (a plugin body, a bootstrap or factory function)
   * and captured by functions nested in it: that function. Undefined at module scope.
   */
  readonly owner?: FunctionNode;
  /**
   * The owner is the module's mixin factory (`isMixinFactory`): called once by the file that loads
   * the module, its closure is module state, written by the functions it attaches whenever they run.
   */
  readonly ownerIsMixin?: true;
  /** With type information: an imported binding that is module state of another project file. */
  readonly foreign?: ForeignDeclaration;
}

export interface GlobalPlace {
  readonly type: 'global';
  /** `globalThis.currentUser`, `process.env.API_URL`, `process.env[…]`. */
  readonly name: string;
}

export interface FieldPlace {
  readonly type: 'field';
  /** The field's name (`jobs` for `this.jobs`). */
  readonly name: string;
  readonly classNode: ClassNode;
  /** The class's name, `default` for an anonymous one. */
  readonly className: string;
  /** The field's declaration in the class body, if it has one. */
  readonly declaration?: TSESTree.PropertyDefinition;
  readonly container: Container;
  /** The declaration's initialiser, if any. */
  readonly init?: TSESTree.Expression;
  /** Every `this.<name>` expression in the instance methods, in source order: what denotes the place. */
  readonly accesses: readonly FieldAccess[];
}

/** A `this.field` expression in an instance method (or an arrow function inside one, which shares `this`). */
export interface FieldAccess {
  readonly node: TSESTree.MemberExpression;
  /** The method (or function-valued field) of the class it sits in. */
  readonly methodFn: FunctionNode;
  /** The function it sits in: the method, or an arrow function inside it. */
  readonly fn: FunctionNode;
}

/** How a place is named in messages and allow lists: `carts`, `globalThis.user`, `this.jobs`. */
export function placeName(place: Place): string {
  return place.type === 'field' ? `this.${place.name}` : place.name;
}
