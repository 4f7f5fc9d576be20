import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, chainNames, isFunction, outerValue, propertyName, unwrap, type FunctionNode } from './ast.js';
import type { ForeignDeclaration } from './types.js';

/** What a binding holds, as far as its initialisers and assignments show. */
export type Container = 'array' | 'map' | 'set' | 'object' | 'weak' | 'class' | 'unknown';

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
}

export interface ModuleBinding {
  readonly name: string;
  readonly variable: TSESLint.Scope.Variable;
  /** The declaration statement (for annotations and quick fixes). */
  readonly declaration: TSESTree.Node;
  /** `let`, `var`, `const`, `import`, `function`, `class`. */
  readonly declarationKind: string;
  readonly container: Container;
  /** Initialiser of the declaration, if any. */
  readonly init?: TSESTree.Expression;
  readonly writes: readonly StateWrite[];
  /**
   * For a binding declared inside a function (a plugin body, a bootstrap or factory function)
   * and captured by functions nested in it: that function. Undefined at module scope.
   */
  readonly owner?: FunctionNode;
  /** With type information: an imported binding that is module state of another project file. */
  readonly foreign?: ForeignDeclaration;
}

/** Answers that only type information gives; absent in untyped linting. */
export interface TypeQuestions {
  containerOf(node: TSESTree.Node): Container;
  foreignModuleState(identifier: TSESTree.Identifier, importDeclaration?: TSESTree.Node): ForeignDeclaration | undefined;
}

const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
const MAP_MUTATORS = new Set(['set', 'delete', 'clear']);
const SET_MUTATORS = new Set(['add', 'delete', 'clear']);
const MUTATORS_BY_CONTAINER: Record<'array' | 'map' | 'set', ReadonlySet<string>> = { array: ARRAY_MUTATORS, map: MAP_MUTATORS, set: SET_MUTATORS };
const ANY_MUTATOR = new Set([...ARRAY_MUTATORS, ...MAP_MUTATORS, ...SET_MUTATORS]);
/**
 * Aliases are followed this many levels (`const a = state; const b = a.items; b.push(…)`): as many
 * hops from one alias to the next, and as many property steps below the binding through them.
 */
const ALIAS_DEPTH = 3;

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
      if (name === 'Map') return 'map';
      if (name === 'Set') return 'set';
      if (name === 'Array') return 'array';
      if (name === 'Object') return 'object';
      if (name === 'WeakMap' || name === 'WeakSet' || name === 'WeakRef') return 'weak';
      return 'unknown';
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

export function containerOfAnnotation(id: TSESTree.Node): Container {
  if (id.type !== AST_NODE_TYPES.Identifier) return 'unknown';
  const annotation = id.typeAnnotation?.typeAnnotation;
  if (!annotation) return 'unknown';
  if (annotation.type === AST_NODE_TYPES.TSArrayType) return 'array';
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) return 'object';
  if (annotation.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier) {
    const name = annotation.typeName.name;
    if (name === 'Map') return 'map';
    if (name === 'Set') return 'set';
    if (name === 'Array') return 'array';
    if (name === 'Record') return 'object';
    if (name === 'WeakMap' || name === 'WeakSet') return 'weak';
  }
  return 'unknown';
}

/** The scope that holds a file's top-level bindings (module, CommonJS wrapper, or script). */
export function moduleScopeOf(scopeManager: TSESLint.Scope.ScopeManager | null): TSESLint.Scope.Scope | undefined {
  const globalScope = scopeManager?.globalScope;
  if (!globalScope) return undefined;
  const child = globalScope.childScopes.find(
    (scope) => scope.type === TSESLint.Scope.ScopeType.module || (scope.type === TSESLint.Scope.ScopeType.function && scope.block.type === AST_NODE_TYPES.Program),
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
export function collectModuleBindings(sourceCode: Readonly<TSESLint.SourceCode>, moduleScope: TSESLint.Scope.Scope, types?: TypeQuestions): ModuleBinding[] {
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
    if (scope.type !== TSESLint.Scope.ScopeType.function || !isFunction(scope.block)) continue;
    const owner = scope.block;
    const captured = scope.variables.filter(
      (variable) => variable.defs[0]?.type === TSESLint.Scope.DefinitionType.Variable && variable.references.some((reference) => reference.from.variableScope !== scope),
    );
    if (captured.length > 0) result.push(...collectBindings(sourceCode, captured, owner));
  }
  return result;
}

function collectBindings(
  sourceCode: Readonly<TSESLint.SourceCode>,
  variables: readonly TSESLint.Scope.Variable[],
  owner: FunctionNode | undefined,
  types?: TypeQuestions,
  /**
   * Reads made directly in this scope are skipped: for module bindings, what top-level code does
   * through a binding (`router.get(…)`, `config.port = 3000`) is set-up, which no rule reports.
   * Plain assignments there are kept: they tell what a binding holds (`let m; m = new Map()`).
   */
  setUpScope?: TSESLint.Scope.Scope,
): ModuleBinding[] {
  const bindings: ModuleBinding[] = [];
  for (const variable of variables) {
    const def = variable.defs[0];
    if (!def) continue;
    const declaration = declarationOf(def);
    if (!declaration) continue;
    let container: Container = declaration.kind === 'class' ? 'class' : containerOfValue(declaration.init);
    if (container === 'unknown' && def.type === TSESLint.Scope.DefinitionType.Variable) container = containerOfAnnotation(def.name);
    // Reads of an import are cheap to skip: only imports that something writes need the type checker.
    const foreign = types && declaration.kind === 'import' && def.name.type === AST_NODE_TYPES.Identifier && hasWriteShapedReference(variable) ? types.foreignModuleState(def.name, def.parent ?? undefined) : undefined;
    if (foreign) container = foreign.container;
    else if (types && container === 'unknown' && def.type === TSESLint.Scope.DefinitionType.Variable && hasWriteShapedReference(variable)) container = types.containerOf(def.name);
    const ownerField = { ...(owner ? { owner } : {}), ...(foreign ? { foreign } : {}) };
    const references = setUpScope ? variable.references.filter((reference) => reference.isWrite() || reference.from.variableScope !== setUpScope) : variable.references;
    const collector = new WriteCollector(sourceCode, container);
    for (const reference of references) collector.reference(reference, 0, '');
    const writes = collector.writes;
    if (writes.length === 0) continue;
    if (container === 'unknown') {
      // `let cache; … cache = new Map()`: learn the container from what is assigned.
      for (const write of writes) {
        if (write.kind === 'assign' && write.values[0]) {
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
        bindings.push({ name: variable.name, variable, declaration: declaration.statement, declarationKind: declaration.kind, container, ...(declaration.init ? { init: declaration.init } : {}), writes: second.writes, ...ownerField });
        continue;
      }
    }
    bindings.push({ name: variable.name, variable, declaration: declaration.statement, declarationKind: declaration.kind, container, ...(declaration.init ? { init: declaration.init } : {}), writes, ...ownerField });
  }
  return bindings;
}

export class WriteCollector {
  readonly writes: StateWrite[] = [];
  private readonly seen = new Set<TSESTree.Node>();
  /** Aliases already followed: `var a = s; var a = a` is its own alias, and a file may hold thousands of declarators of one `var`. */
  private readonly followed = new Set<TSESLint.Scope.Variable>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly container: Container,
  ) {}

  private add(write: StateWrite): void {
    if (this.seen.has(write.node)) return;
    this.seen.add(write.node);
    this.writes.push(write);
  }

  reference(reference: TSESLint.Scope.Reference, aliasDepth: number, basePath: string, viaAlias = false, hops = 0): void {
    if (reference.init === true) return;
    const identifier = reference.identifier;
    if (reference.isWrite()) {
      // Reassigning a local alias does not touch the aliased object.
      if (!viaAlias) this.direct(identifier, basePath);
      return;
    }
    if (identifier.type !== AST_NODE_TYPES.Identifier) return;
    this.read(identifier, aliasDepth, basePath, hops);
  }

  /** A write to the binding itself (or, through an alias, to the aliased member). */
  private direct(identifier: TSESTree.Node, basePath: string): void {
    let node: TSESTree.Node = outerValue(identifier);
    // Walk out of destructuring patterns: `[a, b] = pair`, `({ a } = obj)`.
    while (node.parent && (node.parent.type === AST_NODE_TYPES.ArrayPattern || node.parent.type === AST_NODE_TYPES.ObjectPattern || (node.parent.type === AST_NODE_TYPES.Property && node.parent.parent.type === AST_NODE_TYPES.ObjectPattern) || node.parent.type === AST_NODE_TYPES.AssignmentPattern || node.parent.type === AST_NODE_TYPES.RestElement)) {
      node = node.parent;
    }
    const parent = node.parent;
    if (!parent) return;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
      this.add({
        node: parent,
        kind: parent.operator === '=' ? 'assign' : 'compound',
        operator: parent.operator,
        increments: false,
        values: [parent.right],
        depth: 0,
        path: basePath,
      });
    } else if (parent.type === AST_NODE_TYPES.UpdateExpression) {
      this.add({ node: parent, kind: 'update', operator: parent.operator, increments: true, values: [], depth: 0, path: basePath });
    } else if (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) {
      this.add({ node: parent.left, kind: 'assign', operator: '=', increments: false, values: [parent.right], depth: 0, path: basePath });
    }
  }

  /** A read of the binding that may still mutate what it holds. */
  read(identifier: TSESTree.Identifier, aliasDepth: number, basePath: string, hops = 0): void {
    let node: TSESTree.Node = outerValue(identifier);
    let depth = 0;
    let key: TSESTree.Node | undefined;
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
        this.add({ node: pattern.node, kind: 'member', operator: '=', increments: false, values: [pattern.value], ...(key ? { key } : {}), depth: totalDepth, path: pathText });
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

    // Mutating method call on the binding or on something inside it.
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const call = outerValue(parent).parent;
      const method = propertyName(parent);
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(parent) && method !== undefined && this.isMutator(method, totalDepth)) {
        const methodKey = method === 'set' || method === 'add' || method === 'delete' ? call.arguments[0] : undefined;
        const values = method === 'set' ? call.arguments.slice(1) : method === 'add' || ARRAY_MUTATORS.has(method) ? call.arguments : [];
        const writeKey = key ?? methodKey;
        this.add({ node: call, kind: 'method', method, increments: false, values, ...(writeKey ? { key: writeKey } : {}), depth: totalDepth, path: pathText });
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

    // A local alias: `const c = carts`, `const items = state.items`, `const { items } = state`.
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && aliasDepth + depth < ALIAS_DEPTH + 1 && hops < ALIAS_DEPTH && isFunction(enclosing(parent))) {
      for (const alias of this.sourceCode.getDeclaredVariables(parent)) {
        const aliasDef = alias.defs[0];
        if (aliasDef?.type !== TSESLint.Scope.DefinitionType.Variable || this.followed.has(alias)) continue;
        this.followed.add(alias);
        const aliasDefNode = aliasDef.name.parent;
        const destructured = aliasDefNode.type === AST_NODE_TYPES.Property && aliasDefNode.parent.type === AST_NODE_TYPES.ObjectPattern ? aliasDefNode : undefined;
        const nested = destructured ? 1 : 0;
        const aliasPath = destructured ? [pathText, propertyName(destructured) ?? '?'].filter(Boolean).join('.') : pathText;
        for (const aliasReference of alias.references) this.reference(aliasReference, totalDepth + nested, aliasPath, true, hops + 1);
      }
    }
  }

  private isMutator(method: string, depth: number): boolean {
    if (depth === 0) {
      if (this.container === 'array' || this.container === 'map' || this.container === 'set') return MUTATORS_BY_CONTAINER[this.container].has(method);
      return false;
    }
    // Inside a plain data structure (`state.items.push`, `sessions.get(id).tags.add`).
    return (this.container === 'object' || this.container === 'array' || this.container === 'map') && ANY_MUTATOR.has(method);
  }
}

/** The assignment (or for-of loop) whose destructuring pattern has `target` as one of its targets. */
function assignedThroughPattern(target: TSESTree.Node): { node: TSESTree.Node; value: TSESTree.Node } | undefined {
  let node: TSESTree.Node = target;
  let inPattern = false;
  while (node.parent) {
    const parent: TSESTree.Node = node.parent;
    if (
      parent.type === AST_NODE_TYPES.ArrayPattern ||
      parent.type === AST_NODE_TYPES.ObjectPattern ||
      parent.type === AST_NODE_TYPES.RestElement ||
      (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === node) ||
      (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern)
    ) {
      inPattern = true;
      node = parent;
      continue;
    }
    if (!inPattern) return undefined;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return { node: parent, value: parent.right };
    if ((parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) && parent.left === node) return { node: parent.left, value: parent.right };
    return undefined;
  }
  return undefined;
}

/**
 * A reference, from inside a function, that writes through a member whatever the binding turns out
 * to hold: `x.a = …`, `x[k]++`, `delete x.a`, `x.push(…)`, `x.get(k).add(…)`. Only such bindings are
 * worth a question to the type checker; `prisma.user.findMany()` and `config.port` are reads.
 */
function hasWriteShapedReference(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    if (reference.from.type === TSESLint.Scope.ScopeType.module || reference.from.type === TSESLint.Scope.ScopeType.global) return false;
    let node: TSESTree.Node = outerValue(reference.identifier);
    let depth = 0;
    for (;;) {
      const parent = node.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) break;
      const member = outerValue(parent);
      const call = member.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
        const method = propertyName(parent);
        if (method !== undefined && ANY_MUTATOR.has(method)) return true;
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
