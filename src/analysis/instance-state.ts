import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, chainNames, enclosingFunction, enclosingStatement, isFunction, outerValue, propertyName, thisCallsByName, unwrap, walk, type FunctionNode } from './ast.js';
import type { FileFacts } from './facts.js';
import { isClearedValue, isInCacheRefresh, isLazyInit, isResourceValue } from './lazy-init.js';
import type { Lifetime } from './lifetime.js';
import { importsWebFramework } from './routes.js';
import { CACHE_NAME } from './state-kind.js';
import { nodesOfType } from './node-index.js';
import { DeepMemo } from './memo.js';

/** When a method of a singleton runs: as for functions, plus `background` for scheduled jobs (`@Cron`). */
export type MethodLifetime = Lifetime | 'background';

/** Why one instance of a class serves every request of the process. */
export type SingletonReason = 'framework' | 'module-instance' | 'get-instance';

export interface SingletonClass {
  readonly node: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  readonly name: string;
  readonly reason: SingletonReason;
  /** For `module-instance` and `get-instance`: where the one instance is created. */
  readonly createdAt?: TSESTree.Node;
  /** For `framework`: the framework that keeps it (`NestJS`). */
  readonly framework?: string;
}

export type FieldWriteKind = 'assign' | 'compound' | 'update' | 'member' | 'delete' | 'method' | 'object';

/** A write to a field of a singleton through `this`, in one of its methods. */
export interface FieldWrite {
  readonly node: TSESTree.Node;
  readonly field: string;
  readonly kind: FieldWriteKind;
  readonly operator?: string;
  readonly method?: string;
  /** The slot chosen at run time (`this.jobs.set(id, …)`, `this.byId[id] = …`). */
  readonly key?: TSESTree.Node;
  /** 0 for the field itself, more for a write inside what it holds. */
  readonly depth: number;
  readonly values: readonly TSESTree.Node[];
  /** The function the write sits in (an arrow function inside a method, or the method). */
  readonly fn: FunctionNode;
  /** The method (or function-valued field) of the class the write belongs to. */
  readonly methodFn: FunctionNode;
  readonly lifetime: MethodLifetime;
  /** Idempotent lazy initialisation (`this.client ??= connect()`): wiring, not state. */
  readonly lazyInit: boolean;
  /** The value is a resource of this instance (a client, a server, a timer handle), or its reset. */
  readonly resource: boolean;
  readonly excused: boolean;
}

/** A `this.field` expression in a method of a singleton. */
export interface FieldAccess {
  readonly node: TSESTree.MemberExpression;
  readonly field: string;
  readonly fn: FunctionNode;
}

/** What a field holds, from its initialiser, annotation and assignments. */
export type FieldContainer = 'array' | 'map' | 'set' | 'object' | 'unknown';

const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
const MAP_MUTATORS = new Set(['set', 'delete', 'clear']);
const SET_MUTATORS = new Set(['add', 'delete', 'clear']);
const ANY_MUTATOR = new Set([...ARRAY_MUTATORS, ...MAP_MUTATORS, ...SET_MUTATORS]);
/**
 * Methods that register code with a provider (`registerUserDataHandler`, `addPlugin`): other
 * modules call them while the application starts, by convention. `registerUser` registers data,
 * and `addListener`/`addClient` register connections, which requests do: neither is one.
 */
const REGISTRATION = /^(?:register|add|use)\w*(?:Handler|Hook|Plugin|Strategy|Resolver|Validator|Middleware|Extension|Provider)s?$/u;

/** Lifecycle methods that a framework calls once while the application starts or stops. */
const LIFECYCLE = new Set([
  'onModuleInit',
  'onApplicationBootstrap',
  'afterInit',
  'configure',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
  'onInit',
  'init',
  'initialize',
  'setup',
  'bootstrap',
  'start',
  'stop',
  'close',
  'shutdown',
  'dispose',
  'destroy',
]);
/** Constructors whose instances are data, not resources. */
/** `@Inject(REQUEST)` and GraphQL's `@Inject(CONTEXT)` make a NestJS provider (and what injects it) request-scoped. */
const REQUEST_TOKENS = new Set(['REQUEST', 'CONTEXT', 'INQUIRER']);

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type Member = TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

function combine(values: readonly (MethodLifetime | undefined)[]): MethodLifetime | undefined {
  for (const lifetime of ['request', 'unknown', 'background', 'startup'] as const) if (values.includes(lifetime)) return lifetime;
  return undefined;
}

function isPublic(member: Member): boolean {
  return member.accessibility !== 'private' && member.accessibility !== 'protected' && member.key.type !== AST_NODE_TYPES.PrivateIdentifier;
}

function fieldOf(node: TSESTree.MemberExpression): string | undefined {
  if (unwrap(node.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  return propertyName(node);
}

function containerOfValue(node: TSESTree.Node | null | undefined): FieldContainer {
  if (!node) return 'unknown';
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.ArrayExpression) return 'array';
  if (value.type === AST_NODE_TYPES.ObjectExpression) return 'object';
  if (value.type === AST_NODE_TYPES.NewExpression) {
    const name = calleeName(value);
    if (name === 'Map') return 'map';
    if (name === 'Set') return 'set';
    if (name === 'Array') return 'array';
    if (name === 'Object') return 'object';
  }
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const names = chainNames(value.callee);
    if (names[1] === 'Array' || names[0] === 'Array') return 'array';
    if (names[1] === 'Object' && names[0] === 'create') return 'object';
  }
  return 'unknown';
}

function containerOfAnnotation(annotation: TSESTree.TypeNode | undefined): FieldContainer {
  if (!annotation) return 'unknown';
  if (annotation.type === AST_NODE_TYPES.TSArrayType) return 'array';
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) return 'object';
  if (annotation.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier) {
    const name = annotation.typeName.name;
    if (name === 'Map') return 'map';
    if (name === 'Set') return 'set';
    if (name === 'Array' || name === 'ReadonlyArray') return 'array';
    if (name === 'Record') return 'object';
  }
  return 'unknown';
}

/**
 * Classes whose one instance serves every request (NestJS providers and controllers of default
 * scope, classes instantiated once while the module loads, `getInstance()` singletons), and the
 * writes their methods make to `this`.
 */
export class InstanceState {
  readonly singletons: readonly SingletonClass[];
  /** Whether the file imports a web framework: methods of unknown lifetime there likely serve requests. */
  readonly serverFile: boolean;
  private readonly writes = new Map<ClassNode, readonly FieldWrite[]>();
  private readonly accesses = new Map<ClassNode, readonly FieldAccess[]>();
  private readonly containers = new Map<ClassNode, Map<string, FieldContainer>>();
  /** Who calls a method decides when it runs; a method met again while that is being worked out (a cycle) is `unknown`. */
  private readonly lifetimes = new DeepMemo<Member, MethodLifetime>((member) => {
    const singleton = this.byNode.get(member.parent.parent);
    return singleton ? this.computeLifetime(singleton, member) : 'unknown';
  }, 'unknown');
  private readonly byNode = new Map<ClassNode, SingletonClass>();
  /** `this.x` expressions per method, read once for the containers, the writes and the accesses. */
  private readonly thisMembersOf = new Map<FunctionNode, readonly TSESTree.MemberExpression[]>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly facts: FileFacts,
  ) {
    this.serverFile = importsWebFramework(sourceCode.ast);
    const singletons: SingletonClass[] = [];
    if (!facts.outsideService) {
      for (const node of nodesOfType(sourceCode, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression)) {
        const singleton = this.singletonOf(node);
        if (singleton) singletons.push(singleton);
      }
    }
    singletons.sort((a, b) => a.node.range[0] - b.node.range[0]);
    for (const singleton of singletons) this.byNode.set(singleton.node, singleton);
    this.singletons = singletons;
  }

  /** The singleton a class node is, if it is one. */
  singletonOf(node: ClassNode): SingletonClass | undefined {
    const known = this.byNode.get(node);
    if (known) return known;
    const info = this.facts.handlers.classInfo(node);
    if (info.statefulByDesign) return undefined;
    const name = node.id?.name ?? 'default';
    if (info.framework !== undefined) {
      if (!info.singleton || this.injectsRequest(node)) return undefined;
      return { node, name, reason: 'framework', framework: info.framework };
    }
    const getInstance = this.staticInstanceSite(node);
    if (getInstance) return { node, name, reason: 'get-instance', createdAt: getInstance };
    const created = this.constructionSites(node);
    if (created.length === 0 || created.some((site) => this.facts.lifetimes.ofNode(site) !== 'startup')) return undefined;
    const first = created[0];
    return first ? { node, name, reason: 'module-instance', createdAt: first } : undefined;
  }

  private injectsRequest(node: ClassNode): boolean {
    const constructor = node.body.body.find((member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
    if (!constructor) return false;
    return constructor.value.params.some((param) =>
      decoratorsOf(param).some((decorator) => {
        const expression = unwrap(decorator.expression);
        if (expression.type !== AST_NODE_TYPES.CallExpression || calleeName(expression) !== 'Inject') return false;
        const token = expression.arguments[0] ? unwrap(expression.arguments[0]) : undefined;
        return token?.type === AST_NODE_TYPES.Identifier && REQUEST_TOKENS.has(token.name);
      }),
    );
  }

  /** `new X(…)` expressions of a class declared in this file (through its name). */
  private constructionSites(node: ClassNode): TSESTree.NewExpression[] {
    const declaration = node.type === AST_NODE_TYPES.ClassDeclaration ? node : node.parent.type === AST_NODE_TYPES.VariableDeclarator ? node.parent : undefined;
    if (!declaration) {
      // `export default new (class { … })()`
      const parent = outerValue(node).parent;
      return parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === outerValue(node) ? [parent] : [];
    }
    const sites: TSESTree.NewExpression[] = [];
    for (const variable of this.sourceCode.getDeclaredVariables(declaration)) {
      for (const reference of variable.references) {
        const value = outerValue(reference.identifier);
        if (value.parent?.type === AST_NODE_TYPES.NewExpression && value.parent.callee === value) sites.push(value.parent);
      }
    }
    return sites;
  }

  /** `static getInstance() { return (X.instance ??= new X()); }`: the construction inside a static method. */
  private staticInstanceSite(node: ClassNode): TSESTree.Node | undefined {
    const className = node.id?.name;
    for (const member of node.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || !member.static) continue;
      const body = member.value.body;
      if (!body) continue;
      let found: TSESTree.Node | undefined;
      walk(body, this.sourceCode.visitorKeys, (inner) => {
        if (found || inner.type === AST_NODE_TYPES.FunctionExpression || inner.type === AST_NODE_TYPES.FunctionDeclaration || inner.type === AST_NODE_TYPES.ClassBody) return false;
        if (inner.type !== AST_NODE_TYPES.AssignmentExpression) return true;
        const target = unwrap(inner.left);
        const value = unwrap(inner.right);
        if (target.type !== AST_NODE_TYPES.MemberExpression || value.type !== AST_NODE_TYPES.NewExpression) return true;
        const owner = unwrap(target.object);
        const ownerIsClass = owner.type === AST_NODE_TYPES.ThisExpression || (owner.type === AST_NODE_TYPES.Identifier && owner.name === className);
        const callee = unwrap(value.callee);
        const makesClass = callee.type === AST_NODE_TYPES.ThisExpression || (callee.type === AST_NODE_TYPES.Identifier && callee.name === className);
        if (ownerIsClass && makesClass) found = value;
        return true;
      });
      if (found) return found;
    }
    return undefined;
  }

  /** Every write through `this` in the instance methods of a singleton. */
  writesOf(singleton: SingletonClass): readonly FieldWrite[] {
    let writes = this.writes.get(singleton.node);
    if (!writes) {
      writes = this.collectWrites(singleton);
      this.writes.set(singleton.node, writes);
    }
    return writes;
  }

  /** Every `this.field` expression in the instance methods of a singleton. */
  accessesOf(singleton: SingletonClass): readonly FieldAccess[] {
    let accesses = this.accesses.get(singleton.node);
    if (!accesses) {
      accesses = this.collectAccesses(singleton.node);
      this.accesses.set(singleton.node, accesses);
    }
    return accesses;
  }

  /** What a field holds, judged from its declaration and its assignments anywhere in the class. */
  containerOf(singleton: SingletonClass, field: string): FieldContainer {
    let containers = this.containers.get(singleton.node);
    if (!containers) {
      containers = this.collectContainers(singleton.node);
      this.containers.set(singleton.node, containers);
    }
    return containers.get(field) ?? 'unknown';
  }

  /** When a method runs (constructors and lifecycle hooks at startup, routes per request, …). */
  lifetimeOf(singleton: SingletonClass, member: Member): MethodLifetime {
    return member.parent.parent === singleton.node ? this.lifetimes.get(member) : 'unknown';
  }

  private computeLifetime(singleton: SingletonClass, member: Member): MethodLifetime {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') return 'startup';
    const fn = member.value;
    if (!isFunction(fn)) return 'startup';
    const role = this.facts.lifetimes.roleOf(fn);
    if (role) return role.kind;
    const name = propertyName(member);
    if (name !== undefined && LIFECYCLE.has(name)) return 'startup';
    const callers: MethodLifetime[] = [];
    if (name !== undefined) {
      const seen = new Set<Member>();
      for (const { member: other } of thisCallsByName(singleton.node.body, this.sourceCode.visitorKeys).get(name) ?? []) {
        if (other === member || other.static || !isFunction(other.value) || seen.has(other)) continue;
        seen.add(other);
        callers.push(this.lifetimeOf(singleton, other));
      }
      for (const call of this.instanceCalls(singleton, name)) callers.push(this.facts.lifetimes.ofNode(call));
    }
    if (this.facts.lifetimes.isHandler(fn)) callers.push('request');
    const combined = combine(callers);
    if (combined) return combined;
    // `registerHandler(h)`: other modules register with a provider while the application starts; who calls it is out of sight.
    if (name !== undefined && REGISTRATION.test(name)) return 'unknown';
    // Controllers and other providers call a provider's public methods while handling requests.
    if (singleton.reason === 'framework' && isPublic(member)) return 'request';
    return 'unknown';
  }

  /** Calls of a method through the one instance in this file: `store.add(…)`, `Registry.getInstance().add(…)`. */
  instanceCalls(singleton: SingletonClass, method: string): TSESTree.Node[] {
    const created = singleton.createdAt;
    if (!created) return [];
    const calls: TSESTree.Node[] = [];
    const holder = outerValue(created).parent;
    if (singleton.reason === 'module-instance' && holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
      for (const variable of this.sourceCode.getDeclaredVariables(holder)) {
        for (const reference of variable.references) {
          const call = methodCall(outerValue(reference.identifier), method);
          if (call) calls.push(call);
        }
      }
    }
    if (singleton.reason === 'get-instance' && singleton.node.type === AST_NODE_TYPES.ClassDeclaration) {
      for (const variable of this.sourceCode.getDeclaredVariables(singleton.node)) {
        for (const reference of variable.references) {
          // `X.getInstance().add(…)`
          const member = outerValue(reference.identifier).parent;
          if (member?.type !== AST_NODE_TYPES.MemberExpression) continue;
          const getter = outerValue(member).parent;
          if (getter?.type !== AST_NODE_TYPES.CallExpression || getter.callee !== outerValue(member)) continue;
          const call = methodCall(outerValue(getter), method);
          if (call) calls.push(call);
        }
      }
    }
    return calls;
  }

  private instanceMembers(node: ClassNode): { member: Member; fn: FunctionNode }[] {
    const members: { member: Member; fn: FunctionNode }[] = [];
    for (const member of node.body.body) {
      if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.static) continue;
      const fn = member.value;
      if (isFunction(fn)) members.push({ member, fn });
    }
    return members;
  }

  /** `this.x` expressions in a method body, including arrow functions, which share `this`. */
  private thisMembers(fn: FunctionNode): readonly TSESTree.MemberExpression[] {
    let found = this.thisMembersOf.get(fn);
    if (found) return found;
    found = this.findThisMembers(fn);
    this.thisMembersOf.set(fn, found);
    return found;
  }

  private findThisMembers(fn: FunctionNode): TSESTree.MemberExpression[] {
    const found: TSESTree.MemberExpression[] = [];
    walk(fn.body, this.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
        return false;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression && fieldOf(node) !== undefined) found.push(node);
      return true;
    });
    return found;
  }

  private collectAccesses(node: ClassNode): FieldAccess[] {
    const accesses: FieldAccess[] = [];
    for (const { fn } of this.instanceMembers(node)) {
      for (const member of this.thisMembers(fn)) {
        const field = fieldOf(member);
        if (field !== undefined) accesses.push({ node: member, field, fn });
      }
    }
    return accesses.sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  private collectContainers(node: ClassNode): Map<string, FieldContainer> {
    const containers = new Map<string, FieldContainer>();
    const learn = (field: string, container: FieldContainer): void => {
      if (container !== 'unknown' && !containers.has(field)) containers.set(field, container);
    };
    for (const member of node.body.body) {
      if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static) continue;
      const field = propertyName(member);
      if (field === undefined) continue;
      learn(field, containerOfValue(member.value));
      learn(field, containerOfAnnotation(member.typeAnnotation?.typeAnnotation));
    }
    for (const { fn } of this.instanceMembers(node)) {
      for (const member of this.thisMembers(fn)) {
        const parent = outerValue(member).parent;
        const field = fieldOf(member);
        if (field !== undefined && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outerValue(member)) learn(field, containerOfValue(parent.right));
      }
    }
    return containers;
  }

  private collectWrites(singleton: SingletonClass): FieldWrite[] {
    const writes: FieldWrite[] = [];
    for (const { member, fn } of this.instanceMembers(singleton.node)) {
      const lifetime = this.lifetimeOf(singleton, member);
      for (const access of this.thisMembers(fn)) {
        const field = fieldOf(access);
        if (field === undefined) continue;
        const write = this.classify(access, this.containerOf(singleton, field));
        if (!write) continue;
        const assignment = write.node.type === AST_NODE_TYPES.AssignmentExpression ? write.node : undefined;
        const lazyInit = assignment !== undefined && write.depth === 0 && isLazyInit(this.sourceCode, assignment);
        const resource = write.depth === 0 && (write.kind === 'assign' || write.kind === 'compound') && isResourceValue(write.values[0]);
        const excused = this.facts.annotations.excuses(enclosingStatement(write.node)) || this.fieldExcused(singleton.node, field);
        writes.push({ ...write, field, fn: enclosingFunction(write.node) ?? fn, methodFn: fn, lifetime, lazyInit, resource, excused });
      }
    }
    // Clearing a resource slot (`this.client = null` in `close()`) belongs to the resource.
    const resourceFields = new Set(writes.filter((write) => write.resource || write.lazyInit).map((write) => write.field));
    writes.sort((a, b) => a.node.range[0] - b.node.range[0]);
    return writes.map((write) => (write.kind === 'assign' && resourceFields.has(write.field) && isClearedValue(write.values[0]) ? { ...write, resource: true } : write));
  }

  /** A `stateless-ok` comment on the field's declaration excuses every write to it. */
  private fieldExcused(node: ClassNode, field: string): boolean {
    return node.body.body.some((member) => member.type === AST_NODE_TYPES.PropertyDefinition && propertyName(member) === field && this.facts.annotations.excuses(member));
  }

  private classify(
    start: TSESTree.MemberExpression,
    container: FieldContainer,
  ): Omit<FieldWrite, 'field' | 'fn' | 'methodFn' | 'lifetime' | 'lazyInit' | 'resource' | 'excused'> | undefined {
    let node: TSESTree.Node = outerValue(start);
    let depth = 0;
    let key: TSESTree.Node | undefined;
    for (;;) {
      const parent = node.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) break;
      const grand = outerValue(parent).parent;
      const name = propertyName(parent);
      const isCall = grand?.type === AST_NODE_TYPES.CallExpression && grand.callee === outerValue(parent);
      // `this.uploads.get(id).chunks.push(…)`: a keyed read through a Map.
      if (name === 'get' && isCall && (container === 'map' || depth > 0) && grand.arguments[0]) {
        key ??= grand.arguments[0];
        node = outerValue(grand);
        depth++;
        continue;
      }
      if (isCall) break;
      if (name === undefined) key ??= parent.property;
      node = outerValue(parent);
      depth++;
    }
    const parent = node.parent;
    if (!parent) return undefined;
    const keyField = key ? { key } : {};
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
      const kind: FieldWriteKind = depth > 0 ? 'member' : parent.operator === '=' ? 'assign' : 'compound';
      return { node: parent, kind, operator: parent.operator, values: [parent.right], depth, ...keyField };
    }
    if (parent.type === AST_NODE_TYPES.UpdateExpression) {
      return { node: parent, kind: depth > 0 ? 'member' : 'update', operator: parent.operator, values: [], depth, ...keyField };
    }
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete' && depth > 0) {
      return { node: parent, kind: 'delete', values: [], depth, ...keyField };
    }
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const call = outerValue(parent).parent;
      const method = propertyName(parent);
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(parent) && method !== undefined && isMutator(method, depth, container)) {
        const methodKey = method === 'set' || method === 'add' || method === 'delete' ? call.arguments[0] : undefined;
        const values = method === 'set' ? call.arguments.slice(1) : method === 'add' || ARRAY_MUTATORS.has(method) ? call.arguments : [];
        const writeKey = key ?? methodKey;
        return { node: call, kind: 'method', method, values, depth, ...(writeKey ? { key: writeKey } : {}) };
      }
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
      const names = chainNames(parent.callee);
      if (names[1] === 'Object' && (names[0] === 'assign' || names[0] === 'defineProperty')) {
        return { node: parent, kind: 'object', method: `Object.${names[0]}`, values: parent.arguments.slice(1), depth, ...keyField };
      }
    }
    if (depth === 0 && (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) && parent.left === node) {
      return { node: parent.left, kind: 'assign', operator: '=', values: [parent.right], depth };
    }
    return undefined;
  }

  /** Whether an expression reads the field, directly or through a local whose initialiser does (`const n = this.hits.get(ip) + 1`). */
  private mentionsField(node: TSESTree.Node, field: string, depth = 0): boolean {
    let found = false;
    walk(node, this.sourceCode.visitorKeys, (inner) => {
      if (found) return false;
      if (inner.type === AST_NODE_TYPES.MemberExpression && fieldOf(inner) === field) found = true;
      if (inner.type === AST_NODE_TYPES.Identifier && depth < 2) {
        const def = findDef(this.sourceCode, inner);
        if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.id === def.name && this.mentionsField(def.node.init, field, depth + 1)) found = true;
      }
      return true;
    });
    return found;
  }

  /** Whether writes to a field look like a per-instance cache (by name, refresh-on-expiry, or read-through). */
  isCacheField(singleton: SingletonClass, field: string): boolean {
    if (CACHE_NAME.test(field)) return true;
    return this.writesOf(singleton).some((write) => {
      if (write.field !== field) return false;
      if (write.node.type === AST_NODE_TYPES.AssignmentExpression && isInCacheRefresh(this.sourceCode, write.node)) return true;
      if (write.method !== 'set' || !write.key || write.depth !== 0) return false;
      // `this.hits.set(ip, (this.hits.get(ip) ?? 0) + 1)` updates an entry; a cache stores what it fetched.
      const stored = write.values[0] ? unwrap(write.values[0]) : undefined;
      if (!stored || this.mentionsField(stored, field) || stored.type === AST_NODE_TYPES.ObjectExpression || stored.type === AST_NODE_TYPES.ArrayExpression || stored.type === AST_NODE_TYPES.NewExpression || stored.type === AST_NODE_TYPES.Literal) {
        return false;
      }
      const keyText = this.sourceCode.getText(write.key);
      // `const hit = this.rates.get(code); if (hit) return hit; … this.rates.set(code, fetched)`
      return this.accessesOf(singleton).some((access) => {
        if (access.field !== field || access.fn !== write.fn || access.node.range[0] > write.node.range[0]) return false;
        const member = outerValue(access.node).parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== outerValue(access.node)) return false;
        const name = propertyName(member);
        const call = outerValue(member).parent;
        return (name === 'get' || name === 'has') && call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] !== undefined && this.sourceCode.getText(call.arguments[0]) === keyText;
      });
    });
  }
}

function isMutator(method: string, depth: number, container: FieldContainer): boolean {
  if (depth === 0) {
    if (container === 'array') return ARRAY_MUTATORS.has(method);
    if (container === 'map') return MAP_MUTATORS.has(method);
    if (container === 'set') return SET_MUTATORS.has(method);
    return false;
  }
  return (container === 'object' || container === 'array' || container === 'map') && ANY_MUTATOR.has(method);
}

/** Decorators of a node; espree's nodes have no `decorators` array at all. */
function decoratorsOf(node: { readonly decorators?: readonly TSESTree.Decorator[] }): readonly TSESTree.Decorator[] {
  return node.decorators ?? [];
}

function findDef(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Definition | undefined {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
}

/** `receiver.method(…)` with `receiver` the given node: the call, if it is one. */
function methodCall(receiver: TSESTree.Node, method: string): TSESTree.CallExpression | undefined {
  const member = receiver.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver || propertyName(member) !== method) return undefined;
  const call = outerValue(member).parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(member) ? call : undefined;
}

const cache = new WeakMap<object, InstanceState>();

/** The singleton classes of a file and their writes, computed once per `SourceCode`. */
export function instanceStateOf(sourceCode: Readonly<TSESLint.SourceCode>, facts: FileFacts): InstanceState {
  let state = cache.get(sourceCode);
  if (!state) {
    state = new InstanceState(sourceCode, facts);
    cache.set(sourceCode, state);
  }
  return state;
}
