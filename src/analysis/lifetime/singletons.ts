import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeName, callsOnValue, chosenValue, constructedValue, constructionOf, isFunction, methodCallOn, outerValue, propertyName, stringValue, thisCallsByName, unwrap, walk, type FunctionNode } from '../file/ast.js';
import { importResolverFor, isPackageSpecifier } from '../file/imports.js';
import { DeepMemo } from '../file/memo.js';
import { nodesOfType } from '../file/node-index.js';
import type { ClassNode } from '../state/place.js';
import { isEmptyContainer } from '../state/state-kind.js';
import type { HandlerIndex } from './handlers.js';
import type { Lifetime, LifetimeAnalysis } from './lifetime.js';

/** When a method of a singleton runs: as for functions, plus `background` for scheduled jobs (`@Cron`). */
export type MethodLifetime = Lifetime | 'background';

/** Why one instance of a class serves every request of the process. */
export type SingletonReason = 'framework' | 'module-instance' | 'get-instance' | 'server' | 'library-store' | 'memory-store';

export interface SingletonClass {
  readonly node: ClassNode;
  readonly name: string;
  readonly reason: SingletonReason;
  /** For `module-instance` and `get-instance`: where the one instance is created; for `server`: the handler registration in its constructor. */
  readonly createdAt?: TSESTree.Node;
  /** For `framework`: the framework that keeps it (`NestJS`). */
  readonly framework?: string;
  /** For `library-store`: the package whose store type the class implements (`express-session`). */
  readonly library?: string;
  /** For `memory-store`: the store contract the class fulfils in memory (`CacheStrategy`). */
  readonly contract?: string;
}

/**
 * The type names of a package's store interfaces and base classes (`Store` of express-session and
 * express-rate-limit, `SessionStore` of passport's OpenID Connect strategy, `ThrottlerStorage` of
 * `@nestjs/throttler`): the package calls the methods of the one instance it is given on requests.
 */
const STORE_TYPE = /(?:^|[a-z])(?:Store|Storage)$/u;

/** The class names of an in-memory implementation: `InMemoryCacheStrategy`, `MemoryStore`, `LocalMemoryQueue`. */
const IN_MEMORY_NAME = /(?:^|[a-z])(?:InMemory|Memory)(?=[A-Z])/u;
/** The names of a pluggable store contract: what the application hands its one instance to. */
const STORE_CONTRACT = /(?:Store|Storage|Cache|Strategy|Repository|Repo|Adapter|Backend|Queue|Driver|Registry)$/u;

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
  'serve',
  'listen',
  'stop',
  'close',
  'shutdown',
  'dispose',
  'destroy',
]);
/** `@Inject(REQUEST)` and GraphQL's `@Inject(CONTEXT)` make a NestJS provider (and what injects it) request-scoped. */
const REQUEST_TOKENS = new Set(['REQUEST', 'CONTEXT', 'INQUIRER']);

type Member = TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

function combine(values: readonly (MethodLifetime | undefined)[]): MethodLifetime | undefined {
  for (const lifetime of ['request', 'unknown', 'background', 'startup'] as const) if (values.includes(lifetime)) return lifetime;
  return undefined;
}

function isPublic(member: Member): boolean {
  return member.accessibility !== 'private' && member.accessibility !== 'protected' && member.key.type !== AST_NODE_TYPES.PrivateIdentifier;
}

/**
 * Classes whose one instance serves every request of the process (NestJS providers and controllers
 * of default scope, classes instantiated once while the module loads, `getInstance()` singletons),
 * and when each of their methods runs.
 */
export class Singletons {
  /** The file's singleton classes, in source order. */
  readonly all: readonly SingletonClass[];
  /** Who calls a method decides when it runs; a method met again while that is being worked out (a cycle) is `unknown`. */
  private readonly lifetimes = new DeepMemo<Member, MethodLifetime>((member) => {
    const singleton = this.byNode.get(member.parent.parent);
    return singleton ? this.computeLifetime(singleton, member) : 'unknown';
  }, 'unknown');
  private readonly byNode = new Map<ClassNode, SingletonClass>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly facts: { readonly handlers: HandlerIndex; readonly lifetimes: LifetimeAnalysis },
  ) {
    const singletons: SingletonClass[] = [];
    for (const node of nodesOfType(sourceCode, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression)) {
      const singleton = this.singletonOf(node);
      if (singleton) singletons.push(singleton);
    }
    singletons.sort((a, b) => a.node.range[0] - b.node.range[0]);
    for (const singleton of singletons) this.byNode.set(singleton.node, singleton);
    this.all = singletons;
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
    const library = this.libraryStoreOf(node);
    if (library !== undefined) return { node, name, reason: 'library-store', library };
    const contract = memoryStoreContract(node);
    if (contract !== undefined) return { node, name, reason: 'memory-store', contract };
    const getInstance = this.staticInstanceSite(node) ?? sharingConstructor(node);
    if (getInstance) return { node, name, reason: 'get-instance', createdAt: getInstance };
    const created = this.constructionSites(node);
    const first = created[0];
    if (first && created.every((site) => this.facts.lifetimes.ofNode(site) === 'startup')) return { node, name, reason: 'module-instance', createdAt: first };
    const registration = this.serverRegistration(node);
    return registration ? { node, name, reason: 'server', createdAt: registration } : undefined;
  }

  /**
   * A class that is a server of its own: its constructor registers request handlers for the whole
   * server (a route, a `connection` callback of a WebSocket server), so the one instance answers
   * every connection, wherever it is created. Handlers of one socket's events (`socket.on('message', …)`
   * in a class made per connection) do not count: that instance lives with its connection.
   */
  private serverRegistration(node: ClassNode): TSESTree.CallExpression | undefined {
    const constructor = node.body.body.find((member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
    const body = constructor?.value.body;
    if (!body) return undefined;
    let found: TSESTree.CallExpression | undefined;
    walk(body, this.sourceCode.visitorKeys, (inner) => {
      if (found || inner.type === AST_NODE_TYPES.ClassBody) return false;
      if (!isFunction(inner)) return true;
      const call = outerValue(inner).parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(outerValue(inner) as TSESTree.CallExpressionArgument)) return true;
      if (this.facts.lifetimes.roleOf(inner)?.kind !== 'request') return true;
      if (servesEveryConnection(call)) found = call;
      return false;
    });
    return found;
  }

  /**
   * The package a class is a store for: it implements or extends a store type imported from a
   * package (`implements SessionStore`, `extends session.Store`), so that package keeps the one
   * instance it is handed and calls its methods while it handles requests. A project's own store
   * interface says nothing about who calls the class.
   */
  private libraryStoreOf(node: ClassNode): string | undefined {
    const heritage = heritageOf(node);
    if (heritage.length === 0) return undefined;
    const resolver = importResolverFor(this.sourceCode);
    for (const type of heritage) {
      const value = resolver.resolveHeritage(type);
      if (!value || !isPackageSpecifier(value.specifier)) continue;
      if (value.paths.some((path) => path.length > 0 && STORE_TYPE.test(path[path.length - 1] ?? ''))) return value.specifier;
    }
    return undefined;
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
      const site = constructionOf(node);
      return site ? [site] : [];
    }
    const sites: TSESTree.NewExpression[] = [];
    for (const variable of this.sourceCode.getDeclaredVariables(declaration)) {
      for (const reference of variable.references) {
        const site = constructionOf(reference.identifier);
        if (site) sites.push(site);
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
        const value = constructedValue(this.sourceCode, inner.right);
        if (target.type !== AST_NODE_TYPES.MemberExpression || !value) return true;
        const owner = unwrap(target.object);
        // `X.instance = new X()`, or a slot of the global object (`globalThis.__client = instance`, shared across bundles).
        const ownerIsClass = owner.type === AST_NODE_TYPES.ThisExpression || (owner.type === AST_NODE_TYPES.Identifier && owner.name === className) || isGlobalObject(this.sourceCode, owner);
        const callee = unwrap(value.callee);
        const makesClass = callee.type === AST_NODE_TYPES.ThisExpression || (callee.type === AST_NODE_TYPES.Identifier && callee.name === className);
        if (ownerIsClass && makesClass) found = value;
        return true;
      });
      if (found) return found;
    }
    return undefined;
  }

  /** When a method runs (constructors and lifecycle hooks at startup, routes per request, …). */
  lifetimeOf(singleton: SingletonClass, member: Member): MethodLifetime {
    if (member.parent.parent !== singleton.node) return 'unknown';
    // The audit asks about classes that are no singleton of this file's: worked out as if they were.
    if (!this.byNode.has(singleton.node)) this.byNode.set(singleton.node, singleton);
    return this.lifetimes.get(member);
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
      for (const { member: other, call } of thisCallsByName(singleton.node.body, this.sourceCode.visitorKeys).get(name) ?? []) {
        if (other === member || other.static || !isFunction(other.value)) continue;
        // `this.wss.on('connection', (s) => this.onConnection(s))` in the constructor: the handler calls it, not the constructor.
        const handler = this.facts.lifetimes.roleAround(call, other.value);
        if (handler) {
          callers.push(handler.kind);
          continue;
        }
        if (seen.has(other)) continue;
        seen.add(other);
        callers.push(this.lifetimeOf(singleton, other));
      }
      for (const call of this.instanceCalls(singleton, name)) callers.push(this.facts.lifetimes.ofNode(call));
    }
    if (this.facts.lifetimes.isHandler(fn)) callers.push('request');
    const combined = combine(callers);
    if (combined) return combined;
    if (this.wiresServer(fn)) return 'startup';
    // `registerHandler(h)`: other modules register with a provider while the application starts; who calls it is out of sight.
    if (name !== undefined && REGISTRATION.test(name)) return 'unknown';
    // Controllers and other providers call a provider's public methods while handling requests, and a package its store's.
    if ((singleton.reason === 'framework' || singleton.reason === 'library-store' || singleton.reason === 'memory-store') && isPublic(member)) return 'request';
    return 'unknown';
  }

  /**
   * A method that wires a server: it registers request handlers (`router.use(…)`,
   * `http.createServer(app)`, `app.get('/x', …)`) or starts listening (`server.listen(port)`) in its
   * own body. Whoever calls it does so while the application starts, since a route registered per
   * request would pile up. Listeners on one connection (`socket.on('message', …)`) are no such wiring.
   */
  private wiresServer(fn: FunctionNode): boolean {
    let found = false;
    walk(fn.body, this.sourceCode.visitorKeys, (inner) => {
      if (found || isFunction(inner) || inner.type === AST_NODE_TYPES.ClassBody) return false;
      if (inner.type !== AST_NODE_TYPES.CallExpression && inner.type !== AST_NODE_TYPES.NewExpression) return true;
      if (!servesEveryConnection(inner)) return true;
      for (let index = 0; index < Math.max(1, inner.arguments.length) && !found; index++) {
        if (this.facts.handlers.callRole(inner, index, []) !== undefined) found = true;
      }
      return !found;
    });
    return found;
  }

  /** Calls of a method through the one instance in this file: `store.add(…)`, `Registry.getInstance().add(…)`. */
  instanceCalls(singleton: SingletonClass, method: string): TSESTree.Node[] {
    const created = singleton.createdAt;
    if (!created) return [];
    const calls: TSESTree.Node[] = [];
    const holder = chosenValue(created).parent;
    if (singleton.reason === 'module-instance' && holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
      for (const variable of this.sourceCode.getDeclaredVariables(holder)) {
        for (const reference of variable.references) {
          const call = methodCallOn(outerValue(reference.identifier), method);
          if (call) calls.push(call);
        }
      }
    }
    if (singleton.reason === 'get-instance' && singleton.node.type === AST_NODE_TYPES.ClassDeclaration) {
      const sharing = sharingConstructor(singleton.node) !== undefined;
      for (const variable of this.sourceCode.getDeclaredVariables(singleton.node)) {
        for (const reference of variable.references) {
          // `new X().add(…)`, `const x = new X(); x.add(…)`: a constructor that hands back the one instance.
          const made = sharing ? constructionOf(reference.identifier) : undefined;
          if (made) {
            calls.push(...callsOnValue(this.sourceCode, made, method));
            continue;
          }
          // `X.getInstance().add(…)`
          const member = outerValue(reference.identifier).parent;
          if (member?.type !== AST_NODE_TYPES.MemberExpression) continue;
          const getter = outerValue(member).parent;
          if (getter?.type !== AST_NODE_TYPES.CallExpression || getter.callee !== outerValue(member)) continue;
          const call = methodCallOn(outerValue(getter), method);
          if (call) calls.push(call);
        }
      }
    }
    return calls;
  }
}

/**
 * The store contract a class fulfils in memory, named so by its author: `class InMemoryCacheStrategy
 * implements CacheStrategy`, `class MemoryJobQueue extends JobQueue`. The application makes one and
 * hands it to the code that serves requests, which calls its methods; what it keeps stays in one
 * process. The contract may be the project's own: the name says where the data lives.
 */
function memoryStoreContract(node: ClassNode): string | undefined {
  if (!node.id || !IN_MEMORY_NAME.test(node.id.name) || !keepsContainer(node)) return undefined;
  for (const type of heritageOf(node)) {
    const value = unwrap(type);
    const name = value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? propertyName(value) : undefined;
    if (name !== undefined && STORE_CONTRACT.test(name)) return name;
  }
  return undefined;
}

/** What a class extends and implements (`extends session.Store`, `implements CacheStrategy`), in that order. */
function heritageOf(node: ClassNode): TSESTree.Expression[] {
  // ESLint's own parser (espree, for JavaScript) gives a class no `implements`.
  const implemented = (node.implements as readonly TSESTree.TSClassImplements[] | undefined) ?? [];
  return [...(node.superClass ? [node.superClass] : []), ...implemented.map((clause) => clause.expression)];
}

/**
 * Whether the class keeps data in a container of its own: a field that starts as an empty `Map`,
 * `Set`, array or object (`private jobs = new Map()`, `this.cache = {}` in the constructor). A class
 * named `InMemory…` that only holds clients (some projects call Redis "in-memory") keeps none.
 */
function keepsContainer(node: ClassNode): boolean {
  return node.body.body.some((member) => {
    if (member.type === AST_NODE_TYPES.PropertyDefinition) return !member.static && isEmptyContainer(member.value ?? undefined);
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') return false;
    return (member.value.body?.body ?? []).some((statement) => {
      const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
      return expression?.type === AST_NODE_TYPES.AssignmentExpression && expression.left.type === AST_NODE_TYPES.MemberExpression && unwrap(expression.left.object).type === AST_NODE_TYPES.ThisExpression && isEmptyContainer(expression.right);
    });
  });
}

/** Listener methods, whose first argument names the event. */
const LISTEN = new Set(['on', 'once', 'addListener']);
/** Events a server emits once per connection or request, not per message of one socket. */
const SERVER_EVENTS = new Set(['connection', 'upgrade', 'request']);

/** A registration of a route or middleware (`app.get(path, fn)`), or of a server's connection or request event. */
function servesEveryConnection(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const name = calleeName(call);
  if (name === undefined || !LISTEN.has(name)) return true;
  return SERVER_EVENTS.has(stringValue(call.arguments[0]) ?? '');
}

/** Decorators of a node; espree's nodes have no `decorators` array at all. */
function decoratorsOf(node: { readonly decorators?: readonly TSESTree.Decorator[] }): readonly TSESTree.Decorator[] {
  return node.decorators ?? [];
}



/**
 * `constructor() { if (Hub.instance) return Hub.instance; Hub.instance = this; … }`: a constructor that
 * keeps the first instance in a static field and hands it back to every later `new`, so that
 * `new Hub()` anywhere is the one instance. The assignment that keeps it; undefined for any other class.
 */
export function sharingConstructor(classNode: ClassNode): TSESTree.AssignmentExpression | undefined {
  const className = classNode.id?.name;
  const constructor = classNode.body.body.find((member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
  const body = constructor?.value.body;
  if (!body) return undefined;
  // `Hub.instance`, `this.constructor.instance`: a static field of the class.
  const staticField = (node: TSESTree.Node): string | undefined => {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return undefined;
    const owner = unwrap(value.object);
    const ofClass = (owner.type === AST_NODE_TYPES.Identifier && owner.name === className) || (owner.type === AST_NODE_TYPES.MemberExpression && unwrap(owner.object).type === AST_NODE_TYPES.ThisExpression && propertyName(owner) === 'constructor');
    return ofClass ? propertyName(value) : undefined;
  };
  const returned = new Set<string>();
  let kept: TSESTree.AssignmentExpression | undefined;
  for (const statement of body.body) {
    if (statement.type === AST_NODE_TYPES.IfStatement) {
      const consequent = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body[0] : statement.consequent;
      const field = consequent?.type === AST_NODE_TYPES.ReturnStatement && consequent.argument ? staticField(consequent.argument) : undefined;
      if (field !== undefined) returned.add(field);
    }
    if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const assignment = statement.expression;
      const field = staticField(assignment.left);
      if (field !== undefined && returned.has(field) && unwrap(assignment.right).type === AST_NODE_TYPES.ThisExpression) kept = assignment;
    }
  }
  return kept;
}

/** `globalThis` or `global`, not shadowed by a binding of the file. */
export function isGlobalObject(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier || (node.name !== 'globalThis' && node.name !== 'global')) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  return !variable || variable.defs.length === 0;
}
