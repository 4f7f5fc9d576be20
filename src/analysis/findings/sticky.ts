import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from '../file/scope-types.js';
import { calleeName, encloses, enclosingFunction, functionName, isFunction, outerValue, propertyName, stringValue, unwrap, walk, type FunctionNode } from '../file/ast.js';
import { FileFacts } from '../facts.js';
import { STORES } from '../../knowledge/index.js';
import { importResolverFor, importsAny, superClassOf } from '../file/imports.js';
import type { SingletonClass } from '../lifetime/singletons.js';
import { REMOVAL_METHODS, writeTarget, type FieldState } from '../state/writes.js';
import { isRealtimeEntry, type Entry, type RouteIndex } from '../lifetime/routes.js';
import { isHandRolledSessionStore } from './session-store.js';
import { CACHE_NAME } from '../state/state-kind.js';
import { readModuleInfo } from '../file/module-info.js';
import { moduleScopeOf } from '../state/writes.js';
import { nodesOfType } from '../file/node-index.js';
import { isLiveObject } from '../state/per-connection.js';
import { OptionReader } from '../file/option-values.js';

/**
 * What couples two requests through this process:
 * - `keyed`: an entry written by one handler and looked up by a request key in another;
 * - `oauth`: the same for OAuth `state`, nonces and PKCE verifiers kept between login and callback;
 * - `connections`: a registry of open connections that another handler sends through;
 * - `events`: an in-process emitter that one handler emits on and another listens to.
 */
export type CouplingKind = 'keyed' | 'oauth' | 'connections' | 'events';

export interface Coupling {
  readonly kind: CouplingKind;
  /** `jobs`, `this.jobs`. */
  readonly name: string;
  readonly writer: Entry;
  readonly writeNode: TSESTree.Node;
  readonly reader: Entry;
  /** The read to report. */
  readonly readNode: TSESTree.Node;
  /** The declaration or field that a `stateless-ok` comment excuses. */
  readonly declaration: TSESTree.Node | undefined;
  /** A `keyed` place whose entries are live objects (`isLiveObject`): no store can hold them, requests for one key go to one replica. */
  readonly liveObjects?: true;
  /** State of another project file, written and read through calls of its functions. */
  readonly across?: {
    /** The file, relative to the linted one, and absolute. */
    readonly file: string;
    readonly path: string;
    readonly line: number;
    readonly writerCallee: string;
    readonly readerCallee: string;
  };
}

/** A socket.io server that accepts HTTP long-polling, which needs sticky load balancing. */
export interface LongPolling {
  /** The server construction, or the gateway decorator. */
  readonly node: TSESTree.Node;
  /** The call whose arguments hold the options (absent for a bare `@WebSocketGateway`). */
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
  /** A bare `@WebSocketGateway` decorator's expression, where options can be added. */
  readonly bareDecorator?: TSESTree.Expression;
  /** The options argument, in whatever form; absent when the defaults apply. */
  readonly optionsArgument: TSESTree.Node | undefined;
  /** The options object when it is written in the call. */
  readonly options: TSESTree.ObjectExpression | undefined;
  /** Its `transports` property, when it lists `polling`. */
  readonly transports: TSESTree.Property | undefined;
}

export interface StickyFacts {
  readonly couplings: readonly Coupling[];
  readonly longPolling: readonly LongPolling[];
}

interface PlaceWrite {
  readonly node: TSESTree.Node;
  readonly values: readonly TSESTree.Node[];
  readonly key?: TSESTree.Node;
}

interface Place {
  readonly name: string;
  readonly declaration: TSESTree.Node | undefined;
  readonly writes: readonly PlaceWrite[];
  /** Expressions that denote the place outside its reassignments (`jobs` in `jobs.get(id)`, `this.jobs`). */
  readonly reads: readonly TSESTree.Node[];
  /** The writes' targets among `reads`: not reads when a registry is sent through. */
  readonly writeTargets: ReadonlySet<TSESTree.Node>;
  /** For instance fields: the class, whose methods without routes are named `Class.method`. */
  readonly singleton?: SingletonClass;
}

const LOOKUPS = new Set(['get', 'has', 'peek']);
const SEARCHES = new Set(['find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'some', 'every', 'includes', 'indexOf']);
const OAUTH_NAME = /oauth|nonce|verifier|pkce|challenge/iu;
const OAUTH_KEY = /\bstate\b/u;
/** Parameter names of an open connection or response stream. */
const CONNECTION_NAME = /^(?:ws|socket|sock|conn|connection|client|res|response|reply|stream|sse|writer|peer)$/iu;
const CONNECTION_CONSTRUCTORS = new Set(['PassThrough', 'TransformStream', 'WritableStream']);
const LISTEN = new Set(['on', 'once', 'addListener', 'prependListener']);
/** How an emitter of the store table is emitted on and listened to: Node's emitters, and RxJS subjects (`next`; `subscribe`, `pipe`, `asObservable`). */
const EMIT_METHODS = new Set(['emit', 'next']);
const LISTEN_METHODS = new Set([...LISTEN, 'subscribe', 'pipe', 'asObservable']);
const SOCKET_IO_EVIDENCE = ['socket.io', '@nestjs/platform-socket.io'];
/** The emitters of the store table (its event-bus shapes): what `eventCouplings` follows, and where from. */
const EMITTERS: readonly { readonly specifiers: readonly string[]; readonly exports: readonly (readonly string[])[] }[] = STORES.flatMap((entry) =>
  entry.shapes.filter((shape) => shape.usage === 'event-bus').map((shape) => ({ specifiers: entry.specifiers ?? [entry.package], exports: shape.exports })),
);
const EMITTER_PACKAGES: readonly string[] = EMITTERS.flatMap((emitter) => emitter.specifiers);

/** Couplings between handlers through this process, and socket.io servers that need sticky sessions. */
export function analyseSticky(facts: FileFacts): StickyFacts {
  return new StickyAnalysis(facts.sourceCode, facts).run();
}

class StickyAnalysis {
  private readonly routes: RouteIndex;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly facts: FileFacts,
  ) {
    this.routes = facts.routes;
  }

  run(): StickyFacts {
    const couplings: Coupling[] = [];
    for (const place of [...this.modulePlaces(), ...this.fieldPlaces()]) couplings.push(...this.couplingsOf(place));
    couplings.push(...this.eventCouplings());
    couplings.push(...this.crossFileCouplings());
    couplings.sort((a, b) => a.readNode.range[0] - b.readNode.range[0]);
    return { couplings, longPolling: this.longPolling() };
  }

  private modulePlaces(): Place[] {
    const byBinding = new Map<TSESLint.Scope.Variable, { name: string; declaration: TSESTree.Node; writes: PlaceWrite[] }>();
    const skipped = new Set<TSESLint.Scope.Variable>();
    for (const write of this.facts.moduleWrites) {
      const binding = write.binding;
      if (!binding || write.lazyInit || skipped.has(binding.variable)) continue;
      const kind = this.facts.kindOf(binding);
      if (kind === 'cache' || kind === 'counter' || isHandRolledSessionStore(this.facts, binding) || this.facts.annotations.excuses(binding.declaration)) {
        skipped.add(binding.variable);
        continue;
      }
      if (write.lifetime !== 'request' || write.excused || write.write.kind === 'delete' || REMOVAL_METHODS.has(write.write.method ?? '')) continue;
      const place = byBinding.get(binding.variable) ?? { name: binding.name, declaration: binding.declaration, writes: [] };
      place.writes.push({ node: write.write.node, values: write.write.values, ...(write.write.key ? { key: write.write.key } : {}) });
      byBinding.set(binding.variable, place);
    }
    const places: Place[] = [];
    for (const [variable, place] of byBinding) {
      if (skipped.has(variable)) continue;
      const reads = variable.references.filter((reference) => reference.init !== true && !reference.isWrite()).map((reference) => outerValue(reference.identifier));
      places.push({ ...place, reads, writeTargets: writeTargets(reads, place.writes) });
    }
    return places;
  }

  private fieldPlaces(): Place[] {
    const byField = new Map<FieldState, { singleton: SingletonClass; writes: PlaceWrite[] }>();
    for (const write of this.facts.fieldWrites) {
      const field = write.field;
      if (!field || write.lifetime !== 'request' || write.lazyInit || write.excused || write.write.kind === 'delete' || write.write.kind === 'update' || REMOVAL_METHODS.has(write.write.method ?? '')) continue;
      if (write.write.kind === 'compound' && write.write.operator !== '??=' && write.write.operator !== '||=') continue;
      const entry = byField.get(field.state) ?? { singleton: field.singleton, writes: [] };
      entry.writes.push({ node: write.write.node, values: write.write.values, ...(write.write.key ? { key: write.write.key } : {}) });
      byField.set(field.state, entry);
    }
    const places: Place[] = [];
    for (const [state, { singleton, writes }] of byField) {
      // A cache, or an in-memory store class: the store is one piece, `no-instance-state`'s, whatever pairs its methods make.
      if (this.facts.kindOf(state) === 'cache' || singleton.reason === 'memory-store') continue;
      const reads = state.accesses.map((access) => outerValue(access.node));
      places.push({ name: `this.${state.name}`, declaration: state.declaration, writes, reads, writeTargets: writeTargets(reads, writes), singleton });
    }
    return places;
  }

  /** The handlers that run a node, or the method itself for a provider method that no route in this file names. */
  private entriesAt(node: TSESTree.Node, place: Place): readonly Entry[] {
    const entries = this.routes.entriesOf(node);
    if (entries.length > 0 || !place.singleton) return entries;
    const singletons = this.facts.singletons;
    let fn = enclosingFunction(node);
    while (fn) {
      const member = fn.parent;
      if ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) && member.parent.parent === place.singleton.node) {
        if (singletons.lifetimeOf(place.singleton, member) !== 'request') return [];
        const method = functionName(fn);
        // `store.add(…)` in `app.post('/jobs', …)`: the routes that call the method through the instance.
        const singleton = place.singleton;
        const routed = method === undefined ? [] : singletons.instanceCalls(singleton, method).flatMap((call) => this.routes.entriesOf(call));
        if (routed.length > 0) return routed;
        return [{ fn, label: method === undefined ? undefined : `${place.singleton.name}.${method}`, framework: place.singleton.framework }];
      }
      fn = enclosingFunction(fn);
    }
    return [];
  }

  private couplingsOf(place: Place): Coupling[] {
    if (place.writes.length === 0 || place.reads.length === 0 || CACHE_NAME.test(place.name)) return [];
    const writers: { entry: Entry; node: TSESTree.Node; key: TSESTree.Node | undefined; connection: boolean }[] = [];
    for (const write of place.writes) {
      for (const entry of this.entriesAt(write.node, place)) {
        writers.push({ entry, node: write.node, key: write.key, connection: write.values.some((value) => this.isConnection(value, entry)) });
      }
    }
    if (writers.length === 0) return [];
    const registry = writers.some((writer) => writer.connection);
    const result: Coupling[] = [];
    const reported = new Set<FunctionNode>();
    const reportedReads = new Set<TSESTree.Node>();
    for (const read of place.reads) {
      if (this.facts.lifetimes.ofNode(read) !== 'request' && !place.singleton) continue;
      if (registry && (place.writeTargets.has(read) || removesFrom(read))) continue;
      const key = registry ? undefined : this.requestKey(read, place);
      if (!registry && key === undefined) continue;
      for (const reader of this.entriesAt(read, place)) {
        // A read in a helper that several handlers call is reported once, for the first of them.
        if (reported.has(reader.fn) || reportedReads.has(read)) continue;
        if (registry && isRealtimeEntry(reader)) continue;
        const writer = writers.find(
          (candidate) => candidate.entry.fn !== reader.fn && (!registry || candidate.connection) && !encloses(reader.fn, candidate.node) && !this.sameRequest(candidate, key),
        );
        if (!writer) continue;
        reported.add(reader.fn);
        reportedReads.add(read);
        const kind: CouplingKind = registry ? 'connections' : OAUTH_NAME.test(place.name) || (key !== undefined && OAUTH_KEY.test(this.sourceCode.getText(key))) ? 'oauth' : 'keyed';
        const live = kind === 'keyed' && place.writes.some((write) => write.values.some((value) => isLiveObject(this.sourceCode, value)));
        result.push({ kind, name: place.name, writer: writer.entry, writeNode: writer.node, reader, readNode: readExpression(read), declaration: place.declaration, ...(live ? { liveObjects: true as const } : {}) });
      }
    }
    return result;
  }

  /**
   * State of another project file that one handler of this file writes through a call
   * (`enqueueJob(req.body)`) and another looks up by a key taken from its request
   * (`findJob(req.params.id)`), both read from the project's summaries.
   */
  private crossFileCouplings(): Coupling[] {
    // No handler writes another file's state: no lookup can pair with a write (and none is asked for).
    if (!this.facts.foreignCalls.some((call) => call.lifetime === 'request' && !call.excused)) return [];
    const lookups = this.facts.foreignLookups.filter((lookup) => lookup.lifetime === 'request');
    if (lookups.length === 0) return [];
    const writers = new Map<string, { entry: Entry; node: TSESTree.CallExpression | TSESTree.NewExpression; callee: string; key: TSESTree.Node | undefined }[]>();
    for (const call of this.facts.foreignCalls) {
      if (call.lifetime !== 'request' || call.excused) continue;
      const { names, files, kinds } = call.writer;
      names.forEach((name, index) => {
        const kind = kinds?.[index];
        if (kind === 'cache' || kind === 'counter' || CACHE_NAME.test(name)) return;
        const key = `${files?.[index] ?? call.writer.file}#${name}`;
        const list = writers.get(key) ?? [];
        const writeKey = call.node.arguments.find((argument) => this.facts.requestData.isDerived(argument));
        for (const entry of this.routes.entriesOf(call.node)) list.push({ entry, node: call.node, callee: call.callee, key: writeKey });
        writers.set(key, list);
      });
    }
    const result: Coupling[] = [];
    const reported = new Set<FunctionNode>();
    for (const lookup of lookups) {
      for (const place of lookup.places) {
        // The argument the function looks its state up with must come from this request.
        const key = place.keyArgument === undefined ? undefined : lookup.node.arguments[place.keyArgument];
        if (!key || !this.facts.requestData.isDerived(key)) continue;
        for (const reader of this.routes.entriesOf(lookup.node)) {
          if (reported.has(reader.fn)) continue;
          const writer = (writers.get(`${place.file}#${place.name}`) ?? []).find((candidate) => candidate.entry.fn !== reader.fn && !encloses(reader.fn, candidate.node) && !this.sameRequest(candidate, key));
          if (!writer) continue;
          reported.add(reader.fn);
          result.push({
            kind: OAUTH_NAME.test(place.name) || OAUTH_KEY.test(this.sourceCode.getText(key)) ? 'oauth' : 'keyed',
            name: place.name,
            writer: writer.entry,
            writeNode: writer.node,
            reader,
            readNode: lookup.node,
            declaration: undefined,
            across: { file: place.file, path: place.path, line: place.line, writerCallee: writer.callee, readerCallee: lookup.callee },
          });
        }
      }
    }
    return result;
  }

  /**
   * Middleware that stores under a key and a route that reads the same key (`timings.set(req.id, …)`,
   * then `timings.get(req.id)`) pass data along one request, which never leaves the instance.
   */
  private sameRequest(writer: { entry: Entry; key: TSESTree.Node | undefined }, readKey: TSESTree.Node | undefined): boolean {
    if (writer.entry.middleware !== true || !writer.key || !readKey) return false;
    const text = (node: TSESTree.Node): string => this.sourceCode.getText(unwrap(node)).replace(/\s+/gu, '');
    return text(writer.key) === text(readKey);
  }

  /** The request-derived key a read looks an entry up with: `jobs.get(req.params.id)`, `jobs[id]`, `jobs.find((j) => j.id === id)`. */
  private requestKey(read: TSESTree.Node, place: Place): TSESTree.Node | undefined {
    const parent = read.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== read) return undefined;
    const member = outerValue(parent);
    const grand = member.parent;
    const name = parent.computed ? undefined : propertyName(parent);
    let key: TSESTree.Node | undefined;
    if (name !== undefined) {
      if ((LOOKUPS.has(name) || SEARCHES.has(name)) && grand?.type === AST_NODE_TYPES.CallExpression && grand.callee === member) key = grand.arguments[0];
    } else if (!isAssignedOrDeleted(member)) {
      key = parent.property;
    }
    if (key === undefined) return undefined;
    if (this.facts.requestData.isDerived(key)) return key;
    // A provider's method is called with what its callers took from the request: `findOne(id)`.
    return place.singleton && this.mentionsMethodParameter(key, read) ? key : undefined;
  }

  private mentionsMethodParameter(key: TSESTree.Node, read: TSESTree.Node): boolean {
    let method = enclosingFunction(read);
    while (method && method.parent.type !== AST_NODE_TYPES.MethodDefinition && method.parent.type !== AST_NODE_TYPES.PropertyDefinition) method = enclosingFunction(method);
    if (!method) return false;
    return this.sourceCode
      .getDeclaredVariables(method)
      .some((variable) => variable.references.some((reference) => key.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= key.range[1]));
  }

  /** A stored value that is an open connection: a socket, a response kept open for SSE, a stream. */
  private isConnection(value: TSESTree.Node, writer: Entry, depth = 0): boolean {
    const inner = unwrap(value);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) {
      return inner.properties.some((property) => property.type === AST_NODE_TYPES.Property && this.isConnection(property.value, writer, depth));
    }
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(inner), inner);
    const def = variable?.defs[0];
    if (!def) return false;
    if (def.type === DefinitionType.Parameter && isFunction(def.node)) {
      if (def.node === writer.fn && isRealtimeEntry(writer)) return def.node.params[0] !== undefined && paramNamed(def.node.params[0], inner.name);
      return CONNECTION_NAME.test(inner.name) && encloses(writer.fn, def.node);
    }
    if (def.type === DefinitionType.Variable && def.node.init) {
      const init = unwrap(def.node.init);
      if (init.type === AST_NODE_TYPES.NewExpression && CONNECTION_CONSTRUCTORS.has(calleeName(init) ?? '')) return true;
      // `const clients = byUser.get(id) ?? new Set(); clients.add(socket); byUser.set(id, clients)`
      return depth < 1 && variable.references.some((reference) => {
        const call = methodCallOn(outerValue(reference.identifier));
        const method = call ? calleeName(call) : undefined;
        const added = method === 'add' || method === 'push' ? call?.arguments[0] : method === 'set' ? call?.arguments[1] : undefined;
        return added !== undefined && added.type !== AST_NODE_TYPES.SpreadElement && this.isConnection(added, writer, depth + 1);
      });
    }
    return false;
  }

  /** `const events = new EventEmitter()` at module scope: `emit` in one handler, a listener added in another. */
  private eventCouplings(): Coupling[] {
    const scope = moduleScopeOf(this.sourceCode.scopeManager);
    if (!scope || !importsAny(this.sourceCode, EMITTER_PACKAGES)) return [];
    const resolver = importResolverFor(this.sourceCode);
    const result: Coupling[] = [];
    for (const variable of scope.variables) {
      const def = variable.defs[0];
      if (def?.type !== DefinitionType.Variable || !def.node.init) continue;
      const init = unwrap(def.node.init);
      // `new Bus()` of `class Bus extends EventEmitter {}` is an emitter too.
      if (init.type !== AST_NODE_TYPES.NewExpression || !this.isEmitterClass(resolver, init.callee) || this.facts.annotations.excuses(def.parent)) continue;
      const uses = variable.references.map((reference) => outerValue(reference.identifier));
      result.push(...this.eventsThrough(variable.name, def.parent, uses, (call) => this.routes.entriesOf(call)));
    }
    return result.concat(this.fieldEventCouplings(resolver));
  }

  /** Whether a constructed class is an emitter of the store table, or a class extending one (`class Bus extends EventEmitter {}`). */
  private isEmitterClass(resolver: ReturnType<typeof importResolverFor>, callee: TSESTree.Node): boolean {
    const constructed = superClassOf(this.sourceCode, callee) ?? callee;
    return EMITTERS.some(({ specifiers, exports }) => exports.some((path) => resolver.denotes(constructed, specifiers, path)));
  }

  /**
   * `private readonly events = new Subject()` in a class with one instance (a NestJS provider):
   * `this.events.next(…)` in a method that serves requests, `this.events.pipe(…)` in another
   * (the stream an `@Sse` route returns). Subscribers on other instances never hear it.
   */
  private fieldEventCouplings(resolver: ReturnType<typeof importResolverFor>): Coupling[] {
    const result: Coupling[] = [];
    for (const classNode of [...nodesOfType(this.sourceCode, AST_NODE_TYPES.ClassDeclaration), ...nodesOfType(this.sourceCode, AST_NODE_TYPES.ClassExpression)]) {
      const singleton = this.facts.singletons.singletonOf(classNode);
      if (!singleton) continue;
      for (const member of classNode.body.body) {
        if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || member.computed || !member.value) continue;
        const init = unwrap(member.value);
        const name = propertyName(member);
        if (name === undefined || init.type !== AST_NODE_TYPES.NewExpression || !this.isEmitterClass(resolver, init.callee) || this.facts.annotations.excuses(member)) continue;
        const uses: TSESTree.Node[] = [];
        walk(classNode.body, this.sourceCode.visitorKeys, (node) => {
          if (node.type === AST_NODE_TYPES.MemberExpression && unwrap(node.object).type === AST_NODE_TYPES.ThisExpression && propertyName(node) === name) uses.push(outerValue(node));
          return true;
        });
        const place = { name: `this.${name}`, declaration: member, writes: [], reads: [], writeTargets: new Set<TSESTree.Node>(), singleton };
        result.push(...this.eventsThrough(place.name, member, uses, (call) => this.entriesAt(call, place)));
      }
    }
    return result;
  }

  /** One emit in a handler and a listener added in another, through one emitter (`uses`: the expressions that denote it). */
  private eventsThrough(name: string, declaration: TSESTree.Node, uses: readonly TSESTree.Node[], entriesOf: (call: TSESTree.CallExpression) => readonly Entry[]): Coupling[] {
    const emits: { entry: Entry; node: TSESTree.CallExpression; event: string | undefined }[] = [];
    const listens: { entry: Entry; node: TSESTree.CallExpression; event: string | undefined }[] = [];
    for (const use of uses) {
      const call = methodCallOn(use);
      if (!call) continue;
      const method = calleeName(call);
      const list = method !== undefined && EMIT_METHODS.has(method) ? emits : method !== undefined && LISTEN_METHODS.has(method) ? listens : undefined;
      if (!list) continue;
      // An emitter's `emit` and listeners name the event first; a subject's methods name none.
      const event = method === 'emit' || LISTEN.has(method ?? '') ? stringValue(call.arguments[0]) : undefined;
      for (const entry of entriesOf(call)) list.push({ entry, node: call, event });
    }
    const result: Coupling[] = [];
    const reported = new Set<FunctionNode>();
    for (const listen of listens) {
      if (reported.has(listen.entry.fn)) continue;
      const emit = emits.find((candidate) => candidate.entry.fn !== listen.entry.fn && (candidate.event === undefined || listen.event === undefined || candidate.event === listen.event));
      if (!emit) continue;
      reported.add(listen.entry.fn);
      result.push({ kind: 'events', name, writer: emit.entry, writeNode: emit.node, reader: listen.entry, readNode: listen.node, declaration });
    }
    return result;
  }

  /** socket.io servers (`new Server(…)`, `require('socket.io')(…)`, NestJS gateways) that keep HTTP long-polling on. */
  private longPolling(): LongPolling[] {
    const program = this.sourceCode.ast;
    const text = this.sourceCode.text;
    if (!text.includes('socket.io') && !text.includes('WebSocketGateway')) return [];
    const packages = readModuleInfo(program).packages;
    // `@socket.io/sticky` routes every request of a session to the worker that opened it.
    if (text.includes('@socket.io/sticky')) return [];
    const resolver = importResolverFor(this.sourceCode);
    const result: LongPolling[] = [];
    const visit = (node: TSESTree.Node): void => {
      if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) {
        const isServer = resolver.denotes(node.callee, ['socket.io'], ['Server']) || resolver.denotes(node.callee, ['socket.io'], ['default']);
        if (isServer) {
          const found = this.polling(node, node, node.arguments);
          if (found) result.push(found);
        }
      }
      if (node.type === AST_NODE_TYPES.Decorator && SOCKET_IO_EVIDENCE.some((name) => packages.has(name))) {
        const expression = unwrap(node.expression);
        const name = expression.type === AST_NODE_TYPES.CallExpression ? calleeName(expression) : expression.type === AST_NODE_TYPES.Identifier ? expression.name : undefined;
        if (name === 'WebSocketGateway') {
          const call = expression.type === AST_NODE_TYPES.CallExpression ? expression : undefined;
          const found = this.polling(node, call, call?.arguments ?? []);
          if (found) result.push(call ? found : { ...found, bareDecorator: node.expression });
        }
      }
    };
    for (const node of nodesOfType(this.sourceCode, AST_NODE_TYPES.NewExpression, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.Decorator)) visit(node);
    return result.sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  /** A finding when the options leave `polling` among the transports; options that cannot be read (spread, imported) are not guessed. */
  private polling(node: TSESTree.Node, call: TSESTree.CallExpression | TSESTree.NewExpression | undefined, args: readonly TSESTree.CallExpressionArgument[]): LongPolling | undefined {
    const options = this.socketIoOptions(args);
    if (options === null) return { node, call, optionsArgument: undefined, options: undefined, transports: undefined };
    if (options === undefined) return undefined;
    const object = this.objectLiteral(options);
    if (!object) return undefined;
    const inline = unwrap(options) === object ? object : undefined;
    const transports = object.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyName(property) === 'transports');
    if (!transports) {
      // A spread of an object this file writes out adds its keys (`...tuning()`); any other may hold `transports`.
      const spread = object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
      if (spread) {
        const read = new OptionReader(this.sourceCode).read(object);
        if (read.kind !== 'object' || read.properties.has('transports')) return undefined;
      }
      return { node, call, optionsArgument: options, options: inline, transports: undefined };
    }
    const value = unwrap(transports.value);
    if (value.type !== AST_NODE_TYPES.ArrayExpression || !value.elements.some((element) => element !== null && stringValue(element) === 'polling')) return undefined;
    return { node, call, optionsArgument: options, options: inline, transports };
  }

  /**
   * The options argument of socket.io's `(srv?, opts?)` and NestJS's `(port?, opts?)`: null when
   * there is none (the defaults), undefined when it cannot be told.
   */
  private socketIoOptions(args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Node | null | undefined {
    const [first, second] = args;
    if (!first) return null;
    if (first.type === AST_NODE_TYPES.SpreadElement) return undefined;
    if (this.objectLiteral(first)) return first;
    // `new Server(config.socket)`: a server or options, nobody can tell here.
    if (!second) return this.isServerValue(first) ? null : undefined;
    return second.type === AST_NODE_TYPES.SpreadElement ? undefined : second;
  }

  /** A server or a port, never options: `3000`, `createServer(app)`, a variable holding one. */
  private isServerValue(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (isLiteralServer(value)) return true;
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const def = ASTUtils.findVariable(this.sourceCode.getScope(value), value)?.defs[0];
    return def?.type === DefinitionType.Variable && def.node.init !== null && isLiteralServer(def.node.init);
  }

  /** An object literal, directly or through a `const` in this file. */
  private objectLiteral(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
    if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(value), value);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== DefinitionType.Variable || def.node.init === null) return undefined;
    if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return undefined;
    const init = unwrap(def.node.init);
    return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
  }
}

/** A first argument that is a server or a port, never options: `httpServer`, `3000`, `createServer()`. */
function isLiteralServer(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number') || value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression;
}

function paramNamed(param: TSESTree.Parameter, name: string): boolean {
  return param.type === AST_NODE_TYPES.Identifier && param.name === name;
}

/** The expressions among `reads` that start the target of one of the writes (`jobs` in `jobs.set(…)`). */
function writeTargets(reads: readonly TSESTree.Node[], writes: readonly PlaceWrite[]): Set<TSESTree.Node> {
  const starts = new Set(writes.flatMap((write) => {
    const target = writeTarget(write.node);
    return target ? [target.range[0]] : [];
  }));
  return new Set(reads.filter((read) => starts.has(read.range[0])));
}


function isAssignedOrDeleted(member: TSESTree.Node): boolean {
  const parent = member.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) return true;
  if (parent.type === AST_NODE_TYPES.UpdateExpression) return true;
  return parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete';
}

/** The expression to report for a read: the lookup call or member access it starts. */
function readExpression(read: TSESTree.Node): TSESTree.Node {
  const parent = read.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === read) {
    const member = outerValue(parent);
    const call = member.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) return call;
    return member;
  }
  return read;
}

function methodCallOn(receiver: TSESTree.Node): TSESTree.CallExpression | undefined {
  const member = receiver.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver) return undefined;
  const call = outerValue(member).parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(member) ? call : undefined;
}

/**
 * A use of a registry that only takes a connection out (`rooms.get(id)?.delete(socket)`,
 * `delete peers[room][socket.id]`, `clients.delete(socket)`): it sends through nothing.
 */
function removesFrom(read: TSESTree.Node): boolean {
  let value: TSESTree.Node = outerValue(read);
  for (let depth = 0; depth < 3; depth++) {
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return true;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== value) return false;
    const member = outerValue(parent);
    const call = member.parent;
    const name = parent.computed ? undefined : propertyName(parent);
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
      if (name === 'delete' || name === 'clear') return true;
      // `rooms.get(id)` and then what is done with the entry.
      if (name !== 'get') return false;
      value = outerValue(call);
      continue;
    }
    value = member;
  }
  return false;
}

