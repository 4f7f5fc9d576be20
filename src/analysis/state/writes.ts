import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { DefinitionType, ScopeType } from '../file/scope-types.js';
import { chainNames, isFunction, outerValue, propertyName, unwrap, walk, type FunctionNode } from '../file/ast.js';
import { requireCallAt } from '../file/imports.js';
import { isMixinFactory } from '../file/module-info.js';
import { containerOfAnnotation, containerOfValue, valueMadeFirst, isMutatorOf, KEYED_METHODS, MUTATING_METHODS, storedValues, type BindingPlace, type ClassNode, type Container, type FieldAccess, type FieldPlace, type ForeignDeclaration } from './place.js';

export type WriteKind =
  /** `x = v`, `[x] = v`, `for (x of …)` */
  | 'assign'
  /** `x += v`, `x ??= v` */
  | 'compound'
  /** `x++` */
  | 'update'
  /** `x.a = v`, `x[k] = v`, `x.a += v`, `x.a++` */
  | 'member'
  /** `delete x[k]` */
  | 'delete'
  /** `x.push(v)`, `x.set(k, v)`, `x.a.add(v)` */
  | 'method'
  /** `Object.assign(x, v)`, `Object.defineProperty(x, …)` */
  | 'object';

export interface StateWrite {
  /** The node to report: the assignment, update, `delete`, or call. */
  readonly node: TSESTree.Node;
  readonly kind: WriteKind;
  /** The assignment operator, for `assign`, `compound`, `member`. */
  readonly operator?: string;
  /** `++`/`--` updates of the binding or of a member. */
  readonly increments: boolean;
  /** The mutating method name, for `method`. */
  readonly method?: string;
  /** The value stored (right-hand side, pushed or set value, `Object.assign` sources). */
  readonly values: readonly TSESTree.Node[];
  /** The key when the write goes into a slot chosen at run time (`m.set(k, …)`, `o[k] = …`, `s.add(v)`). */
  readonly key?: TSESTree.Node;
  /** How deep below the binding the write lands: 0 for the binding itself. */
  readonly depth: number;
  /** The fixed property path below the binding (`state.user.name` gives `user.name`). */
  readonly path: string;
  /**
   * A destructuring assignment whose value is not written out (`({ user } = req)`): `values` holds
   * the whole value destructured from, which the target's part derives from but is not.
   */
  readonly destructured?: boolean;
}

/** A binding place with the writes found through its references (and local aliases). */
export interface ModuleBinding extends BindingPlace {
  readonly writes: readonly StateWrite[];
}

/** A field place with the writes its class's instance methods make through `this` (and local aliases). */
export interface FieldState extends FieldPlace {
  readonly writes: readonly FieldStateWrite[];
}

/** A write to a field, with the method it belongs to. */
export interface FieldStateWrite extends StateWrite {
  /** The method (or function-valued field) of the class the write sits in. */
  readonly methodFn: FunctionNode;
}

/**
 * Answers the file alone does not give: what a binding's type holds (with a program) and what an
 * imported binding names in another file of the project (from a program, or from that file's summary).
 */
export interface OutsideQuestions {
  containerOf?(node: TSESTree.Node): Container;
  foreignModuleState?(identifier: TSESTree.Identifier, importDeclaration?: TSESTree.Node): ForeignDeclaration | undefined;
}

/** Aliases are followed this many levels into what the place holds (`const a = state; const b = a.items; b.push(…)`). */
const ALIAS_DEPTH = 3;
/** And through at most this many aliases in a chain (`const a = s; const b = a; …`). */
const ALIAS_HOPS = 4;

/** The scope that holds a file's top-level bindings (module, CommonJS wrapper, or script). */
export function moduleScopeOf(scopeManager: TSESLint.Scope.ScopeManager | null): TSESLint.Scope.Scope | undefined {
  const globalScope = scopeManager?.globalScope;
  if (!globalScope) return undefined;
  const child = globalScope.childScopes.find(
    (scope) => scope.type === ScopeType.module || (scope.type === ScopeType.function && scope.block.type === AST_NODE_TYPES.Program),
  );
  return child ?? globalScope;
}

function declarationOf(def: TSESLint.Scope.Definition): { statement: TSESTree.Node; kind: string; init?: TSESTree.Expression } | undefined {
  switch (def.type as string) {
    case 'Variable': {
      const declaration = def.parent;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
      const statement = declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.parent : declaration;
      const declarator = def.node;
      const init = declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.init ?? undefined : undefined;
      return init ? { statement, kind: declaration.kind, init } : { statement, kind: declaration.kind };
    }
    case 'ImportBinding':
      return { statement: def.parent ?? def.node, kind: 'import' };
    case 'ClassName': {
      const node: TSESTree.Node = def.node;
      return { statement: node.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || node.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration ? node.parent : node, kind: 'class' };
    }
    default:
      return undefined;
  }
}

/**
 * Collects the top-level bindings of a file and the writes to them that may outlive set-up (top-level
 * reads are skipped, top-level assignments kept to learn what a binding holds), through
 * the scope manager's references and local aliases.
 */
export function collectModuleBindings(sourceCode: Readonly<TSESLint.SourceCode>, moduleScope: TSESLint.Scope.Scope, types?: OutsideQuestions): ModuleBinding[] {
  return collectBindings(sourceCode, moduleScope.variables, undefined, types, moduleScope.variableScope);
}

/**
 * Bindings declared inside functions and written from functions nested in them: state that lives
 * as long as the declaring function's closure (a Fastify plugin body, `main()`, `createApp()`).
 * Whether the declaring function runs per request is decided by the caller.
 */
export function collectCapturedBindings(sourceCode: Readonly<TSESLint.SourceCode>, scopeManager: TSESLint.Scope.ScopeManager): ModuleBinding[] {
  const result: ModuleBinding[] = [];
  for (const scope of scopeManager.scopes) {
    if (scope.type !== ScopeType.function || !isFunction(scope.block)) continue;
    const owner = scope.block;
    const captured = scope.variables.filter(
      (variable) => variable.defs[0]?.type === DefinitionType.Variable && variable.references.some((reference) => reference.from.variableScope !== scope),
    );
    if (captured.length > 0) result.push(...collectBindings(sourceCode, captured, owner, undefined, undefined, isMixinFactory(owner)));
  }
  return result;
}

function collectBindings(
  sourceCode: Readonly<TSESLint.SourceCode>,
  variables: readonly TSESLint.Scope.Variable[],
  owner: FunctionNode | undefined,
  types?: OutsideQuestions,
  /**
   * Reads made directly in this scope are skipped: for module bindings, what top-level code does
   * through a binding (`router.get(…)`, `config.port = 3000`) is set-up, which no rule reports.
   * Plain assignments there are kept: they tell what a binding holds (`let m; m = new Map()`).
   */
  setUpScope?: TSESLint.Scope.Scope,
  ownerIsMixin = false,
): ModuleBinding[] {
  const bindings: ModuleBinding[] = [];
  for (const variable of variables) {
    const def = variable.defs[0];
    if (!def) continue;
    const declaration = declarationOf(def);
    if (!declaration) continue;
    let container: Container = declaration.kind === 'class' ? 'class' : containerOfValue(declaration.init);
    if (container === 'unknown' && def.type === DefinitionType.Variable) container = containerOfAnnotation(def.name.typeAnnotation?.typeAnnotation);
    if (container === 'unknown' && declaration.kind === 'const' && declaration.init) container = containerOfMember(sourceCode, declaration.init);
    // Reads of an import are cheap to skip: only imports that something writes need the type checker.
    // An import, or a binding given another module by `require()`, may name another file's module state.
    const imported = declaration.kind === 'import' || (declaration.init !== undefined && requireCallAt(declaration.init) !== undefined);
    const foreign = types?.foreignModuleState && imported && def.name.type === AST_NODE_TYPES.Identifier && hasWriteShapedReference(variable) ? types.foreignModuleState(def.name, def.parent ?? undefined) : undefined;
    if (foreign) container = foreign.container;
    else if (types?.containerOf && container === 'unknown' && def.type === DefinitionType.Variable && hasWriteShapedReference(variable)) container = types.containerOf(def.name);
    const ownerField = { ...(owner ? { owner } : {}), ...(ownerIsMixin ? { ownerIsMixin: true as const } : {}), ...(foreign ? { foreign } : {}) };
    // A class's own body names it through an inner binding of the same name (`Settings.cache[key] = v` in a static method).
    const classNode = declaration.kind === 'class' ? def.node : undefined;
    const inner = classNode ? innerClassVariable(sourceCode, classNode, variable.name) : undefined;
    const allReferences = inner ? [...variable.references, ...inner.references] : variable.references;
    const references = setUpScope ? allReferences.filter((reference) => reference.isWrite() || reference.from.variableScope !== setUpScope) : allReferences;
    const collector = new WriteCollector(sourceCode, container);
    for (const reference of references) collector.reference(reference, 0, '');
    // `const pads = { set(k, v) { this[k] = v } }`: the object's own methods write it through `this`;
    // a class's static methods write its static fields through `this` (`static add(x) { this.list.push(x) }`).
    const selves =
      declaration.init && !isReassigned(variable)
        ? objectMethodThis(declaration.init, sourceCode.visitorKeys)
        : classNode?.type === AST_NODE_TYPES.ClassDeclaration || classNode?.type === AST_NODE_TYPES.ClassExpression
          ? staticMethodThis(classNode, sourceCode.visitorKeys)
          : [];
    for (const self of selves) collector.place(self);
    // Another module's object: only its data members are state (`db.items`, not `redis.client` or `query.user`).
    const members = foreign?.members;
    const writes = members ? collector.writes.filter((write) => write.depth > 0 && members.has(write.path.split('.')[0] ?? '')) : collector.writes;
    if (writes.length === 0) continue;
    if (classNode && (classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression)) {
      // A class holds data in its static fields: each is a place of its own (`Settings.cacheList`).
      bindings.push(...staticFieldBindings(classNode, { name: variable.name, variable, statement: declaration.statement, ownerField }, writes));
      continue;
    }
    if (container === 'unknown') {
      // `let cache; … cache = new Map()`: learn the container from what is assigned.
      for (const write of writes) {
        if (write.kind === 'assign' && write.destructured !== true && write.values[0]) {
          const assigned = containerOfValue(write.values[0]);
          if (assigned !== 'unknown') {
            container = assigned;
            break;
          }
        }
      }
      if (container !== 'unknown') {
        const second = new WriteCollector(sourceCode, container);
        for (const reference of references) second.reference(reference, 0, '');
        for (const self of selves) second.place(self);
        bindings.push({ type: 'binding', name: variable.name, variable, declaration: declaration.statement, declarationKind: declaration.kind, container, ...(declaration.init ? { init: declaration.init } : {}), writes: second.writes, ...ownerField });
        continue;
      }
    }
    bindings.push({ type: 'binding', name: variable.name, variable, declaration: declaration.statement, declarationKind: declaration.kind, container, ...(declaration.init ? { init: declaration.init } : {}), writes, ...ownerField });
  }
  return bindings;
}

/**
 * What a `const` that names a member of another `const`'s object holds: `const hits = store.hits`
 * after `const store = { hits: new Map() }` (or `globalThis.x ?? (globalThis.x = { hits: new Map() })`)
 * holds a map. The member is a place of its own, written under the name the code uses for it.
 */
export function containerOfMember(sourceCode: Readonly<TSESLint.SourceCode>, init: TSESTree.Node): Container {
  const value = unwrap(init);
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return 'unknown';
  const object = unwrap(value.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return 'unknown';
  const def = ASTUtils.findVariable(sourceCode.getScope(object), object)?.defs[0];
  if (def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || !def.node.init) return 'unknown';
  // `g.x ?? (g.x = { … })`: the object made the first time.
  const literal = valueMadeFirst(def.node.init);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  const name = propertyName(value);
  const property = literal.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyName(candidate) === name);
  return property ? containerOfValue(property.value) : 'unknown';
}

/**
 * Finds the writes to one place from the expressions that denote it: a binding's references, a
 * `this.field` expression, a global's name. Every write shape is recognised the same way for every
 * kind of place: assignment (destructuring included), compound assignment, `++`, member writes,
 * `delete`, mutating methods of what the place holds, `Object.assign`-like calls, and the same
 * through local aliases (`const c = carts`, `const { items } = state`).
 */
export class WriteCollector {
  readonly writes: StateWrite[] = [];
  private readonly seen = new Set<TSESTree.Node>();
  /** Aliases already followed: a cycle of them (`var a = s; var a = a;`) is followed once. */
  private readonly aliases = new Set<TSESLint.Scope.Variable>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly container: Container,
  ) {}

  private add(write: StateWrite): void {
    if (this.seen.has(write.node)) return;
    this.seen.add(write.node);
    this.writes.push(write);
  }

  /** A reference to a binding (or to a local alias of one: then its reassignment is no write). */
  reference(reference: TSESLint.Scope.Reference, aliasDepth: number, basePath: string, viaAlias = false, hops = 0, elementKey?: TSESTree.Node): void {
    if (reference.init === true) return;
    const identifier = reference.identifier;
    if (reference.isWrite()) {
      // Reassigning a local alias does not touch the aliased object.
      if (!viaAlias) this.direct(identifier, basePath);
      return;
    }
    if (identifier.type !== AST_NODE_TYPES.Identifier) return;
    this.read(identifier, aliasDepth, basePath, hops, elementKey);
  }

  /** An expression that denotes the place itself (`this.jobs`): a write to it, or a use that may write what it holds. */
  place(node: TSESTree.Node): void {
    if (!this.direct(node, '')) this.read(node, 0, '');
  }

  /** A write to the place itself (or, through an alias, to the aliased member); whether there was one. */
  private direct(target: TSESTree.Node, basePath: string): boolean {
    const node = outerValue(target);
    const pattern = assignedThroughPattern(node);
    if (pattern) {
      this.add({ node: pattern.node, kind: 'assign', operator: '=', increments: false, ...patternValues(pattern), depth: 0, path: basePath });
      return true;
    }
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
      this.add({ node: parent, kind: parent.operator === '=' ? 'assign' : 'compound', operator: parent.operator, increments: false, values: [parent.right], depth: 0, path: basePath });
      return true;
    }
    if (parent?.type === AST_NODE_TYPES.UpdateExpression) {
      this.add({ node: parent, kind: 'update', operator: parent.operator, increments: true, values: [], depth: 0, path: basePath });
      return true;
    }
    if ((parent?.type === AST_NODE_TYPES.ForOfStatement || parent?.type === AST_NODE_TYPES.ForInStatement) && parent.left === node) {
      this.add({ node: parent.left, kind: 'assign', operator: '=', increments: false, values: [parent.right], depth: 0, path: basePath });
      return true;
    }
    return false;
  }

  /** A use of the place's value that may still mutate what it holds. */
  read(start: TSESTree.Node, aliasDepth: number, basePath: string, hops = 0, elementKey?: TSESTree.Node): void {
    let node: TSESTree.Node = outerValue(start);
    let depth = 0;
    let key: TSESTree.Node | undefined = elementKey;
    const path: string[] = basePath ? [basePath] : [];
    for (;;) {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
        const grand = outerValue(parent).parent;
        const name = propertyName(parent);
        // `sessions.get(id).cart.push(…)`: a keyed read through a Map.
        if (
          name === 'get' &&
          (this.container === 'map' || depth > 0) &&
          grand?.type === AST_NODE_TYPES.CallExpression &&
          grand.callee === outerValue(parent) &&
          grand.arguments[0]
        ) {
          key ??= grand.arguments[0];
          path.push('*');
          node = outerValue(grand);
          depth++;
          continue;
        }
        if (grand?.type === AST_NODE_TYPES.CallExpression && grand.callee === outerValue(parent)) break;
        if (name === undefined) {
          key ??= parent.property;
          path.push('*');
        } else {
          path.push(name);
        }
        node = outerValue(parent);
        depth++;
        continue;
      }
      break;
    }
    const parent = node.parent;
    if (!parent) return;
    const totalDepth = depth + aliasDepth;
    const pathText = path.join('.');

    if (depth > 0) {
      // `[globalThis.a, state.b] = pair`, `({ x: state.x } = obj)`
      const pattern = assignedThroughPattern(node);
      if (pattern) {
        this.add({ node: pattern.node, kind: 'member', operator: '=', increments: false, ...patternValues(pattern), ...(key ? { key } : {}), depth: totalDepth, path: pathText });
        return;
      }
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
        this.add({ node: parent, kind: 'member', operator: parent.operator, increments: false, values: [parent.right], ...(key ? { key } : {}), depth: totalDepth, path: pathText });
        return;
      }
      if (parent.type === AST_NODE_TYPES.UpdateExpression) {
        this.add({ node: parent, kind: 'member', operator: parent.operator, increments: true, values: [], ...(key ? { key } : {}), depth: totalDepth, path: pathText });
        return;
      }
      if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') {
        this.add({ node: parent, kind: 'delete', increments: false, values: [], ...(key ? { key } : {}), depth: totalDepth, path: pathText });
        return;
      }
    }

    // Mutating method call on the place or on something inside it.
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const call = outerValue(parent).parent;
      const method = propertyName(parent);
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(parent) && method !== undefined && isMutatorOf(this.container, method, totalDepth)) {
        const methodKey = KEYED_METHODS.has(method) ? call.arguments[0] : undefined;
        const writeKey = key ?? methodKey;
        this.add({ node: call, kind: 'method', method, increments: false, values: storedValues(method, call.arguments), ...(writeKey ? { key: writeKey } : {}), depth: totalDepth, path: pathText });
        return;
      }
    }

    // Object.assign(x, …), Object.defineProperty(x, …), Reflect.set(x, …)
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
      const names = chainNames(parent.callee);
      const owner = names[1];
      const fn = names[0];
      if ((owner === 'Object' && (fn === 'assign' || fn === 'defineProperty' || fn === 'defineProperties' || fn === 'setPrototypeOf')) || (owner === 'Reflect' && (fn === 'set' || fn === 'defineProperty' || fn === 'deleteProperty'))) {
        this.add({ node: parent, kind: 'object', method: `${owner}.${fn}`, increments: false, values: parent.arguments.slice(1), depth: totalDepth, path: pathText });
        return;
      }
    }

    // An element of what the place holds, bound to a local: `for (const s of sessions)`, `const s = sessions.find(…)`.
    // Each write through it lands in an element chosen at run time: the local is the write's key.
    if (aliasDepth + depth < ALIAS_DEPTH && hops < ALIAS_HOPS && (depth > 0 || this.container === 'array' || this.container === 'set')) {
      const element = elementBinding(node);
      if (element && isFunction(enclosing(element.declarator))) {
        for (const alias of this.sourceCode.getDeclaredVariables(element.declarator)) {
          if (this.aliases.has(alias)) continue;
          this.aliases.add(alias);
          const elementPath = [pathText, '*'].filter(Boolean).join('.');
          for (const aliasReference of alias.references) this.reference(aliasReference, totalDepth + 1, elementPath, true, hops + 1, element.key);
        }
      }
    }

    // A local alias: `const c = carts`, `const items = state.items`, `const { items } = state`.
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && aliasDepth + depth < ALIAS_DEPTH + 1 && hops < ALIAS_HOPS && isFunction(enclosing(parent))) {
      for (const alias of this.sourceCode.getDeclaredVariables(parent)) {
        const aliasDef = alias.defs[0];
        if (aliasDef?.type !== DefinitionType.Variable || this.aliases.has(alias)) continue;
        this.aliases.add(alias);
        const aliasDefNode = aliasDef.name.parent;
        const destructured = aliasDefNode.type === AST_NODE_TYPES.Property && aliasDefNode.parent.type === AST_NODE_TYPES.ObjectPattern ? aliasDefNode : undefined;
        const nested = destructured ? 1 : 0;
        const aliasPath = destructured ? [pathText, propertyName(destructured) ?? '?'].filter(Boolean).join('.') : pathText;
        for (const aliasReference of alias.references) this.reference(aliasReference, totalDepth + nested, aliasPath, true, hops + 1);
      }
    }
  }
}

/** Methods that return one element of an array or set, not a copy. */
const ELEMENT_METHODS: ReadonlySet<string> = new Set(['find', 'findLast', 'at']);

/**
 * The local an element of `node` is bound to, and the node that stands for which element it is:
 * `for (const s of node)`, `const s = node.find(…)`, `.findLast(…)`, `.at(i)`.
 */
function elementBinding(node: TSESTree.Node): { declarator: TSESTree.VariableDeclarator; key: TSESTree.Node } | undefined {
  const parent = node.parent;
  // Only `const` locals: a reassigned one may hold a copy by the time it is written through.
  if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === node && parent.left.type === AST_NODE_TYPES.VariableDeclaration && parent.left.kind === 'const') {
    const declarator = parent.left.declarations[0];
    return declarator?.id.type === AST_NODE_TYPES.Identifier ? { declarator, key: declarator.id } : undefined;
  }
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node || !ELEMENT_METHODS.has(propertyName(parent) ?? '')) return undefined;
  const call = outerValue(parent).parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== outerValue(parent)) return undefined;
  const declarator = outerValue(call).parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== outerValue(call) || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const') return undefined;
  return { declarator, key: declarator.id };
}

/**
 * The assignment (or for-of loop) whose destructuring pattern has `target` as one of its targets,
 * and the part of the assigned value that lands there when the value is written out
 * (`[a, b] = [a + 1, now]` gives `a + 1` for `a`); undefined when it cannot be told.
 */
interface PatternTarget {
  readonly node: TSESTree.Node;
  /** The target's own part of the value, when the value is written out. */
  readonly value: TSESTree.Node | undefined;
  /** The whole value destructured from. */
  readonly whole: TSESTree.Node;
}

function patternValues(pattern: PatternTarget): { values: readonly TSESTree.Node[]; destructured?: true } {
  return pattern.value ? { values: [pattern.value] } : { values: [pattern.whole], destructured: true };
}

function assignedThroughPattern(target: TSESTree.Node): PatternTarget | undefined {
  let node: TSESTree.Node = target;
  /** How to find the target's part of the value, from the outermost pattern in: an index or a key. */
  const steps: (number | string | undefined)[] = [];
  while (node.parent) {
    const parent: TSESTree.Node = node.parent;
    if (parent.type === AST_NODE_TYPES.ArrayPattern) {
      steps.unshift(parent.elements.indexOf(node as TSESTree.DestructuringPattern));
    } else if (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
      steps.unshift(parent.computed ? undefined : propertyName(parent));
      node = parent.parent;
      continue;
    } else if (parent.type === AST_NODE_TYPES.RestElement || (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node)) {
      steps.unshift(undefined);
    } else if (parent.type !== AST_NODE_TYPES.ObjectPattern) {
      if (steps.length === 0) return undefined;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return { node: parent, value: partOf(parent.right, steps), whole: parent.right };
      if ((parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) && parent.left === node) return { node: parent.left, value: undefined, whole: parent.right };
      return undefined;
    }
    node = parent;
  }
  return undefined;
}

/** The part of a written-out value a destructuring path picks: `[x, y]` at 1 is `y`, `{ a: v }` at `a` is `v`. */
function partOf(value: TSESTree.Node, steps: readonly (number | string | undefined)[]): TSESTree.Node | undefined {
  let current: TSESTree.Node | undefined = value;
  for (const step of steps) {
    const inner: TSESTree.Node | undefined = current ? unwrap(current) : undefined;
    if (step === undefined || !inner) return undefined;
    if (typeof step === 'number' && inner.type === AST_NODE_TYPES.ArrayExpression) {
      const element: TSESTree.Node | null | undefined = inner.elements[step];
      current = element && element.type !== AST_NODE_TYPES.SpreadElement && inner.elements.slice(0, step).every((before) => before?.type !== AST_NODE_TYPES.SpreadElement) ? element : undefined;
    } else if (typeof step === 'string' && inner.type === AST_NODE_TYPES.ObjectExpression) {
      const property: TSESTree.Property | undefined = inner.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyName(candidate) === step);
      current = property?.value;
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * A reference, from inside a function, that writes through a member whatever the binding turns out
 * to hold: `x.a = …`, `x[k]++`, `delete x.a`, `x.push(…)`, `x.get(k).add(…)`. Only such bindings are
 * worth a question to the type checker; `prisma.user.findMany()` and `config.port` are reads.
 */
function hasWriteShapedReference(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    if (reference.from.type === ScopeType.module || reference.from.type === ScopeType.global) return false;
    let node: TSESTree.Node = outerValue(reference.identifier);
    let depth = 0;
    for (;;) {
      const parent = node.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) break;
      const member = outerValue(parent);
      const call = member.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
        const method = propertyName(parent);
        if (method !== undefined && MUTATING_METHODS.has(method)) return true;
        // `x.get(k).…`: a keyed read of a map, which may be written through.
        if (method !== 'get') return false;
        node = outerValue(call);
      } else {
        node = member;
      }
      depth++;
    }
    if (depth === 0) return false;
    const parent = node.parent;
    if (assignedThroughPattern(node)) return true;
    return (
      (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) ||
      parent?.type === AST_NODE_TYPES.UpdateExpression ||
      (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete')
    );
  });
}

function enclosing(node: TSESTree.Node): TSESTree.Node | undefined {
  let current = node.parent;
  while (current) {
    if (isFunction(current) || current.type === AST_NODE_TYPES.Program) return current;
    current = current.parent;
  }
  return undefined;
}

/** The instance methods of a class (and its function-valued instance fields). */
export function instanceMethods(classNode: ClassNode): { member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition; fn: FunctionNode }[] {
  const members: { member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition; fn: FunctionNode }[] = [];
  for (const member of classNode.body.body) {
    if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.static) continue;
    const fn = member.value;
    if (isFunction(fn)) members.push({ member, fn });
  }
  return members;
}

function isReassigned(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => reference.isWrite() && reference.init !== true);
}

/**
 * `this` in the methods of an object literal (`{ set(k, v) { this[k] = v } }`, `{ add: function () { … } }`),
 * which is the object itself when a method is called on it; arrow functions inside a method share it.
 * Methods of nested objects are left out: their `this` is the nested object, or a framework's instance.
 */
export function objectMethodThis(init: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): TSESTree.ThisExpression[] {
  const object = unwrap(init);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const found: TSESTree.ThisExpression[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
    found.push(...ownThis(property.value.body, visitorKeys));
  }
  return found;
}

/** The `this` expressions of a body that denote its own `this`: arrow functions share it; functions and classes inside have their own. */
function ownThis(body: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): TSESTree.ThisExpression[] {
  const found: TSESTree.ThisExpression[] = [];
  walk(body, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return false;
    if (node.type === AST_NODE_TYPES.ThisExpression) found.push(node);
    return true;
  });
  return found;
}

/**
 * The static fields a class's writes land in, one binding each (`Settings.cacheList`), with the
 * writes seen from that field: `Settings.cacheList[key] = v` is a keyed write of `cacheList`,
 * `Settings.count++` an update of `count`. A field's container is what its declaration holds.
 */
function staticFieldBindings(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  owner: { name: string; variable: TSESLint.Scope.Variable; statement: TSESTree.Node; ownerField: Pick<BindingPlace, 'owner' | 'ownerIsMixin' | 'foreign'> },
  writes: readonly StateWrite[],
): ModuleBinding[] {
  const byField = new Map<string, StateWrite[]>();
  for (const write of writes) {
    const [field, ...rest] = write.path.split('.');
    if (write.depth === 0 || field === undefined || field === '' || field === 'prototype') continue;
    let kind = write.kind;
    // A write to the field itself: `Settings.cache = {}`, `Settings.count += 1`, `Settings.count++`.
    if (write.depth === 1 && write.kind === 'member' && write.key === undefined) kind = write.increments ? 'update' : write.operator === '=' || write.operator === undefined ? 'assign' : 'compound';
    const list = byField.get(field) ?? [];
    list.push({ ...write, kind, depth: write.depth - 1, path: rest.join('.') });
    byField.set(field, list);
  }
  const bindings: ModuleBinding[] = [];
  for (const [field, fieldWrites] of byField) {
    const declared = classNode.body.body.find((member): member is TSESTree.PropertyDefinition => member.type === AST_NODE_TYPES.PropertyDefinition && member.static && propertyName(member) === field);
    // A static method or accessor of that name is behaviour, not a field (`static get providers()`);
    // an undeclared name is a field only where something assigns it (`Settings.cache = {}`).
    const behaviour = classNode.body.body.some((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.static && propertyName(member) === field);
    if (behaviour || (!declared && !fieldWrites.some((write) => write.kind === 'assign'))) continue;
    const init = declared?.value ?? undefined;
    let container = containerOfValue(init);
    if (container === 'unknown') container = containerOfAnnotation(declared?.typeAnnotation?.typeAnnotation);
    if (container === 'unknown') {
      const assigned = fieldWrites.find((write) => write.kind === 'assign' && write.values[0] !== undefined);
      if (assigned?.values[0]) container = containerOfValue(assigned.values[0]);
    }
    bindings.push({
      type: 'binding',
      name: `${owner.name}.${field}`,
      variable: owner.variable,
      declaration: declared ?? owner.statement,
      declarationKind: 'static',
      container,
      ...(init ? { init } : {}),
      writes: fieldWrites,
      ...owner.ownerField,
    });
  }
  return bindings;
}

/** The binding a class's body has of its own name, whose references are the class's own uses of it. */
function innerClassVariable(sourceCode: Readonly<TSESLint.SourceCode>, classNode: TSESTree.Node, name: string): TSESLint.Scope.Variable | undefined {
  if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression) return undefined;
  return sourceCode.scopeManager?.acquire(classNode)?.set.get(name);
}

/** `this` in the static methods and static blocks of a class (arrow functions included): the class itself. */
function staticMethodThis(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, visitorKeys: TSESLint.SourceCode.VisitorKeys): TSESTree.ThisExpression[] {
  const found: TSESTree.ThisExpression[] = [];
  for (const member of classNode.body.body) {
    const body = member.type === AST_NODE_TYPES.MethodDefinition && member.static && member.kind === 'method' ? member.value.body : member.type === AST_NODE_TYPES.StaticBlock ? member : undefined;
    if (body) found.push(...ownThis(body, visitorKeys));
  }
  return found;
}

/** `this.x`: the field it names (fixed names only). */
export function thisField(node: TSESTree.MemberExpression): string | undefined {
  return unwrap(node.object).type === AST_NODE_TYPES.ThisExpression ? propertyName(node) : undefined;
}

/** `this.x` expressions in a method body, arrow functions included (they share `this`); not in nested functions or classes. */
export function thisAccesses(fn: FunctionNode, visitorKeys: TSESLint.SourceCode.VisitorKeys): { node: TSESTree.MemberExpression; fn: FunctionNode }[] {
  const found: { node: TSESTree.MemberExpression; fn: FunctionNode }[] = [];
  walk(fn.body, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      return false;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && thisField(node) !== undefined) found.push({ node, fn: enclosingArrowOr(node, fn) });
    return true;
  });
  return found;
}

/** The innermost function around `node` up to `method`: an arrow function inside the method, or the method itself. */
function enclosingArrowOr(node: TSESTree.Node, method: FunctionNode): FunctionNode {
  for (let current = node.parent; current && current !== method; current = current.parent) if (isFunction(current)) return current;
  return method;
}

/**
 * The fields of a class that its instance methods reach through `this`, each with what it holds
 * (from its declaration, annotation and assignments) and the writes found by the one write collector.
 */
export function collectFieldStates(sourceCode: Readonly<TSESLint.SourceCode>, classNode: ClassNode): FieldState[] {
  const accesses = new Map<string, FieldAccess[]>();
  for (const { fn } of instanceMethods(classNode)) {
    for (const access of thisAccesses(fn, sourceCode.visitorKeys)) {
      const field = thisField(access.node);
      if (field === undefined) continue;
      const list = accesses.get(field) ?? [];
      list.push({ node: access.node, fn: access.fn, methodFn: fn });
      accesses.set(field, list);
    }
  }
  const declarations = new Map<string, TSESTree.PropertyDefinition>();
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static) continue;
    const field = propertyName(member);
    if (field !== undefined && !declarations.has(field)) declarations.set(field, member);
  }
  const className = classNode.id?.name ?? 'default';
  const fields: FieldState[] = [];
  for (const [name, fieldAccesses] of accesses) {
    fieldAccesses.sort((a, b) => a.node.range[0] - b.node.range[0]);
    const declaration = declarations.get(name);
    const container = fieldContainer(declaration, fieldAccesses);
    const collector = new WriteCollector(sourceCode, container);
    const writes: FieldStateWrite[] = [];
    for (const access of fieldAccesses) {
      const before = collector.writes.length;
      collector.place(access.node);
      for (const write of collector.writes.slice(before)) writes.push({ ...write, methodFn: access.methodFn });
    }
    const init = declaration?.value ?? undefined;
    fields.push({ type: 'field', name, classNode, className, container, accesses: fieldAccesses, writes, ...(declaration ? { declaration } : {}), ...(init ? { init } : {}) });
  }
  return fields;
}

/** What a field holds: its initialiser, its annotation, else the first container assigned to it in a method. */
function fieldContainer(declaration: TSESTree.PropertyDefinition | undefined, accesses: readonly FieldAccess[]): Container {
  const declared = containerOfValue(declaration?.value);
  if (declared !== 'unknown') return declared;
  const annotated = containerOfAnnotation(declaration?.typeAnnotation?.typeAnnotation);
  if (annotated !== 'unknown') return annotated;
  for (const access of accesses) {
    const parent = outerValue(access.node).parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outerValue(access.node)) {
      const assigned = containerOfValue(parent.right);
      if (assigned !== 'unknown') return assigned;
    }
  }
  return 'unknown';
}

/** `require('./db')`, `require('./db').items`: a value another module exports. */

/** Methods that take entries out of a collection: what a later request depends on is not written by them. */
export const REMOVAL_METHODS: ReadonlySet<string> = new Set(['delete', 'clear', 'pop', 'shift']);

/** The expression a write changes (its root is where the place is named). */
export function writeTarget(write: TSESTree.Node): TSESTree.Node | undefined {
  switch (write.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return write.left;
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.UnaryExpression:
      return write.argument;
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(write.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) !== 'assign' && propertyName(callee) !== 'defineProperty' ? callee : write.arguments[0];
    }
    default:
      return write;
  }
}
