import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { FRAMEWORKS, type DecoratedRoutes, type RouteFileShape } from '../../frameworks/index.js';
import { HTTP_EXPORTS } from '../../frameworks/http-methods.js';
import { calleeName, enclosingFunction, isFunction, outerValue, propertyName, stringValue, thisCallsByName, unwrap, type ClassMember, type FunctionNode } from '../file/ast.js';
import type { HandlerIndex, Role } from './handlers.js';
import type { LifetimeAnalysis } from './lifetime.js';

/** A request handler that a piece of code runs for: the route a finding names. */
export interface Entry {
  readonly fn: FunctionNode;
  /** `POST /jobs`, `GET /api/jobs/[id]`, `Query.job`, `OrdersController.create`; undefined when nothing names it. */
  readonly label: string | undefined;
  /** The framework that calls it (`Express`, `socket.io / ws`, …). */
  readonly framework: string | undefined;
  /** A WebSocket connection or message callback (socket.io, ws, a NestJS gateway's handlers) rather than an HTTP route. */
  readonly realtime?: boolean;
  /** Middleware or a request hook (`app.use(fn)`, `addHook('onRequest', fn)`): it runs before the route of the same request. */
  readonly middleware?: boolean;
}

/** What the route index reads of a file's analysis: its handlers and the lifetimes of its functions. */
export interface RouteInputs {
  readonly handlers: HandlerIndex;
  readonly lifetimes: LifetimeAnalysis;
}

/** Calls that register middleware or request hooks rather than routes. */
const MIDDLEWARE_CALLS = new Set(['use', 'addHook']);

const REALTIME = 'socket.io / ws';
/** How many named-function hops are followed from a piece of code to the handlers that call it. */
const MAX_HOPS = 6;

/** Whether an entry is a socket.io or ws connection or message callback rather than an HTTP route. */
export function isRealtimeEntry(entry: Entry): boolean {
  return entry.framework === REALTIME || entry.realtime === true;
}

/** How an entry is named in a message: "`POST /jobs`", or "a handler" when nothing names it. */
export function entryName(entry: Entry): string {
  if (entry.label !== undefined) return `\`${entry.label}\``;
  return entry.middleware === true ? 'middleware' : 'a handler';
}

/**
 * The handlers (routes) that run a piece of code: the handler it sits in, or, for a named helper,
 * the handlers of the places that call it in this file. Labels carry the route where the code
 * shows one: a path argument, NestJS decorators, or a file-routed framework's file path.
 */
export class RouteIndex {
  private readonly memo = new Map<FunctionNode, readonly Entry[] | null>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly facts: RouteInputs,
    private readonly filename: string,
  ) {}

  /** The entries that reach `node` while handling a request (empty at startup or when unknown). */
  entriesOf(node: TSESTree.Node): readonly Entry[] {
    const fn = isFunction(node) ? node : enclosingFunction(node);
    return fn ? this.entriesOfFunction(fn, 0) : [];
  }

  private entriesOfFunction(fn: FunctionNode, hops: number): readonly Entry[] {
    const cached = this.memo.get(fn);
    if (cached !== undefined) return cached ?? [];
    if (hops > MAX_HOPS) return [];
    this.memo.set(fn, null);
    const result = dedupe(this.compute(fn, hops));
    this.memo.set(fn, result);
    return result;
  }

  private compute(fn: FunctionNode, hops: number): Entry[] {
    const role = this.facts.lifetimes.roleOf(fn);
    if (role) return role.kind === 'request' ? [this.entry(fn, role, fn)] : [];
    const value = outerValue(fn);
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
      return this.classMemberEntries(fn, parent, hops);
    }
    const named = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value ? parent : undefined;
    if (named) return this.namedEntries(fn, named, hops);
    const outer = enclosingFunction(fn);
    if (outer) return [...this.entriesOfFunction(outer, hops)];
    return this.facts.lifetimes.isHandler(fn) ? [this.entry(fn, undefined)] : [];
  }

  private namedEntries(fn: FunctionNode, declaration: TSESTree.FunctionDeclaration | TSESTree.VariableDeclarator, hops: number): Entry[] {
    const result: Entry[] = [];
    for (const variable of this.sourceCode.getDeclaredVariables(declaration)) {
      for (const reference of variable.references) {
        if (reference.init === true) continue;
        const identifier = reference.identifier;
        const role = this.facts.handlers.roleOfValue(identifier);
        if (role?.kind === 'request') {
          result.push(this.entry(fn, role, identifier));
          continue;
        }
        const caller = enclosingFunction(identifier);
        if (caller && caller !== fn) result.push(...this.entriesOfFunction(caller, hops + 1));
      }
      const exported = this.facts.handlers.localExportNames(variable.name);
      const role = exported ? this.facts.handlers.exportNamesRole(exported, []) : undefined;
      if (role?.kind === 'request') result.push(this.entry(fn, role));
    }
    if (result.length === 0 && this.facts.lifetimes.isHandler(fn)) result.push(this.entry(fn, undefined));
    return result;
  }

  /** A method without a role of its own runs for the methods of its class that call it through `this`. */
  private classMemberEntries(fn: FunctionNode, member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition, hops: number): Entry[] {
    const name = propertyName(member);
    const result: Entry[] = [];
    if (name !== undefined) {
      const seen = new Set<ClassMember>();
      for (const { member: other, bind } of thisCallsByName(member.parent, this.sourceCode.visitorKeys).get(name) ?? []) {
        if (bind || other === member || seen.has(other)) continue;
        seen.add(other);
        const body = other.value;
        if (isFunction(body)) result.push(...this.entriesOfFunction(body, hops + 1));
      }
    }
    if (result.length === 0 && this.facts.lifetimes.isHandler(fn)) result.push(this.entry(fn, undefined));
    return result;
  }

  /** `site` is where the handler is registered: the function itself, or the name passed to the framework. */
  private entry(fn: FunctionNode, role: Role | undefined, site?: TSESTree.Node): Entry {
    const framework = role?.framework;
    const registration = site ? outerValue(site).parent : undefined;
    const middleware = registration?.type === AST_NODE_TYPES.CallExpression && MIDDLEWARE_CALLS.has(calleeName(registration) ?? '');
    const parent = outerValue(fn).parent;
    // `handleConnection`, `@SubscribeMessage(…)` of a gateway: the socket's own lifecycle.
    const gatewayHandler =
      role !== undefined &&
      (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
      decoratorsOf(parent.parent.parent).some((decorator) => decoratorCall(decorator).name === 'WebSocketGateway');
    return { fn, label: this.labelOf(fn, role), framework, ...(gatewayHandler ? { realtime: true } : {}), ...(middleware ? { middleware: true } : {}) };
  }

  private labelOf(fn: FunctionNode, role: Role | undefined): string | undefined {
    const parent = outerValue(fn).parent;
    if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
      const nest = nestLabel(parent);
      if (nest !== undefined) return nest;
    }
    const label = role?.kind === 'request' ? role.label : undefined;
    const fileRoute = fileRouteOf(this.filename);
    if (fileRoute !== undefined) {
      if (label !== undefined && (HTTP_EXPORTS.includes(label) || label === 'ALL')) return `${label} ${fileRoute.path}`;
      if (fileRoute.method !== undefined) return `${fileRoute.method} ${fileRoute.path}`;
      // SvelteKit: `load` serves the page's GET, form actions are POSTs to `?/name`.
      // Next.js `pages/api`: the default export answers every method (it tells them apart itself).
      if (label === 'default' && fileRoute.everyMethod) return fileRoute.path;
      if (label === 'load' || label === 'default') return `GET ${fileRoute.path}`;
      const action = label?.startsWith('actions.') === true ? label.slice('actions.'.length) : undefined;
      if (action !== undefined) return `POST ${fileRoute.path}${action === 'default' ? '' : `?/${action}`}`;
      if (label !== undefined) return `${label} (${fileRoute.path})`;
    }
    // A framework's interface method (`handleConnection`, `canActivate`): name it with its class.
    if (label !== undefined && (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && propertyName(parent) === label) {
      const className = parent.parent.parent.id?.name;
      return className === undefined ? label : `${className}.${label}`;
    }
    // `io.on('connection', …)`, `app.param('id', …)`: the call and its event, as written.
    const event = label === undefined ? undefined : /^(?<method>[a-z]\w*) (?<name>[^/\s*][^\s]*)$/u.exec(label)?.groups;
    if (event?.method !== undefined && event.name !== undefined) return `${event.method}('${event.name}')`;
    if (label !== undefined) return label;
    if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
      const className = parent.parent.parent.id?.name;
      const method = propertyName(parent);
      if (method !== undefined) return className === undefined ? method : `${className}.${method}`;
    }
    return undefined;
  }
}

function dedupe(entries: readonly Entry[]): Entry[] {
  const seen = new Map<FunctionNode, Entry>();
  for (const entry of entries) if (!seen.has(entry.fn)) seen.set(entry.fn, entry);
  return [...seen.values()];
}

/** Decorators of a node; espree's nodes have no `decorators` array at all. */
function decoratorsOf(node: { readonly decorators?: readonly TSESTree.Decorator[] }): readonly TSESTree.Decorator[] {
  return node.decorators ?? [];
}

function decoratorCall(decorator: TSESTree.Decorator): { name: string | undefined; args: readonly TSESTree.CallExpressionArgument[] } {
  const expression = unwrap(decorator.expression);
  if (expression.type === AST_NODE_TYPES.CallExpression) return { name: calleeName(expression), args: expression.arguments };
  if (expression.type === AST_NODE_TYPES.Identifier) return { name: expression.name, args: [] };
  return { name: undefined, args: [] };
}

/** The path a NestJS decorator argument gives: `'jobs'`, `{ path: 'jobs' }`, `['a', 'b']` (the first). */
function decoratorPath(argument: TSESTree.Node | undefined): string {
  if (!argument) return '';
  const value = unwrap(argument);
  const literal = stringValue(value);
  if (literal !== undefined) return literal;
  if (value.type === AST_NODE_TYPES.ArrayExpression) return decoratorPath(value.elements[0] ?? undefined);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of value.properties) {
      if (property.type === AST_NODE_TYPES.Property && propertyName(property) === 'path') return decoratorPath(property.value);
    }
  }
  return '';
}

function joinPaths(...parts: string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/');
  return `/${joined}`;
}

/** `GET /orders/:id` from `@Controller('orders')` and `@Get(':id')`; `message join` for gateways; `Query.jobs` for resolvers. */
function nestLabel(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  const classNode = member.parent.parent;
  const classDecorators = decoratorsOf(classNode).map(decoratorCall);
  for (const routes of DECORATED_ROUTES) {
    const controller = classDecorators.find((call) => call.name === routes.controller);
    for (const decorator of decoratorsOf(member)) {
      const { name, args } = decoratorCall(decorator);
      if (name === undefined) continue;
      const verb = routes.verbs[name];
      if (verb !== undefined && controller) return `${verb} ${joinPaths(decoratorPath(controller.args[0]), decoratorPath(args[0]))}`;
      if (routes.messages.includes(name)) {
        const event = stringValue(args[0]);
        if (event !== undefined) return `message ${event}`;
      }
      if (routes.resolvers.includes(name)) {
        const field = propertyName(member);
        if (field !== undefined) return `${name === 'FieldResolver' ? 'ResolveField' : name}.${field}`;
      }
    }
  }
  return undefined;
}

interface FileRoute {
  readonly path: string;
  /** The method a file name fixes (`[id].get.ts` in Nuxt). */
  readonly method?: string;
  /** The default export serves every method (Next.js `pages/api`). */
  readonly everyMethod: boolean;
}

/** The adapters' route files, in adapter order. */
const ROUTE_FILES: readonly RouteFileShape[] = FRAMEWORKS.flatMap((adapter) => adapter.routeFiles ?? []);
/** The adapters' decorator routes (NestJS). */
const DECORATED_ROUTES: readonly DecoratedRoutes[] = FRAMEWORKS.flatMap((adapter) => (adapter.decoratedClasses?.routes ? [adapter.decoratedClasses.routes] : []));
const METHOD_SUFFIX = /\.(?<method>get|post|put|patch|delete|head|options)$/u;

/** The route of a file-routed framework's file: `app/api/jobs/[id]/route.ts` is `/api/jobs/[id]`. */
export function fileRouteOf(filename: string): FileRoute | undefined {
  const normalised = filename.replace(/\\/gu, '/');
  for (const { pattern, prefix = '', everyMethod = false } of ROUTE_FILES) {
    const route = pattern.exec(normalised)?.groups?.route;
    if (route === undefined) continue;
    let path = route;
    let method: string | undefined;
    const suffix = METHOD_SUFFIX.exec(path);
    if (suffix?.groups?.method !== undefined) {
      method = suffix.groups.method.toUpperCase();
      path = path.slice(0, suffix.index);
    }
    // Route groups `(auth)` and parallel-route slots `@modal` do not appear in the URL; `index` is the folder itself.
    const segments = path.split('/').filter((segment) => segment !== '' && segment !== 'index' && !/^\(.*\)$/u.test(segment) && !segment.startsWith('@'));
    const full = joinPaths(prefix, ...segments);
    return method === undefined ? { path: full, everyMethod } : { path: full, method, everyMethod };
  }
  return undefined;
}
