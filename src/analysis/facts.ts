import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from './file/scope-types.js';
import { readSettings, type StatelessSettings } from '../settings.js';
import { callsOnValue, enclosingFunction, enclosingStatement, isFunction, outerValue, propertyName, unwrap, type FunctionNode } from './file/ast.js';
import { requireCallAt } from './file/imports.js';
import { nodesOfType } from './file/node-index.js';
import { Annotations } from './file/annotations.js';
import { collectGlobalWrites, type GlobalWrite } from './state/globals.js';
import { collectAppSettingWrites } from './state/app-settings.js';
import { HandlerIndex, REQUEST_TYPES } from './lifetime/handlers.js';
import { TypeFacts, type ForeignWriter } from './state/types.js';
import { isDevelopmentOnly, isOutsideService, servesRequests } from './file/file-kind.js';
import { afterOnceGuard, fillsLazySlot, insideLazyInit, inInitialisationMethod, inTestHook, isTestBinding, isConfigurationMemo, isLogOnceMark, guardedByEmptyCheck, isClearedValue, isCompiledValue, isEmptyingWrite, isFixedKey, isLazyInit, isLoadedCode, isResourceCall, isResourceValue, isServiceClient, isTeardownRegistry, isTimerHandle } from './state/lazy-init.js';
import { LifetimeAnalysis, type Lifetime } from './lifetime/lifetime.js';
import { readModuleInfo } from './file/module-info.js';
import { RequestData } from './lifetime/request-data.js';
import { RouteIndex } from './lifetime/routes.js';
import { drawsPendingIds, holdsOnlyPoolWork } from './state/pool-work.js';
import { isInFlightEntry, kindOf, marksCooldown, mentionsPlace, type StateKind } from './state/state-kind.js';
import { holdsOnlyConnectionSlots } from './state/per-connection.js';
import { drainedBuffer, onlyLogged, unreadByRequests } from './state/unread.js';
import { clockMarkFields } from './state/clock-marks.js';
import type { ClassNode, ForeignDeclaration, GlobalPlace, Place } from './state/place.js';
import { Singletons, type MethodLifetime, type SingletonClass } from './lifetime/singletons.js';
import { receiverCalls, type ReceiverCall } from './state/receivers.js';
import { collectCapturedBindings, collectFieldStates, collectModuleBindings, moduleScopeOf, type FieldState, type FieldStateWrite, type ModuleBinding, type OutsideQuestions, type StateWrite } from './state/writes.js';

/** One write to a place that may outlive a request, with the answers every rule asks about it. */
export interface ClassifiedWrite {
  readonly place: Place;
  readonly write: StateWrite;
  /** For a binding place: the binding, with all its writes. */
  readonly binding?: ModuleBinding;
  /** For a global place: its name (`globalThis.user`, `process.env.X`). */
  readonly global?: string;
  /** For a field place: the field with all its writes, and the singleton it belongs to. */
  readonly field?: { readonly state: FieldState; readonly singleton: SingletonClass; readonly methodFn: FunctionNode };
  /** Binding, global or field name, for messages (`count`, `globalThis.user`, `jobs`). */
  readonly name: string;
  /**
   * When the write runs (`background` for a scheduled method of a singleton); for a lazy
   * initialisation (never a finding) it is worked out on first read.
   */
  readonly lifetime: MethodLifetime;
  /** The function the write sits in (undefined at top level). */
  readonly fn?: FunctionNode;
  /** Idempotent lazy initialisation, or a handle to a resource kept outside requests: never a finding. */
  readonly lazyInit: boolean;
  /** A request-derived value stored into a single slot: another request reads this user's data. */
  readonly leak: boolean;
  /** The slot is chosen by a request-derived key (`sessions.set(token, …)`). */
  readonly keyedByRequest: boolean;
  /** Marked `// stateless-ok: reason` on the declaration or the statement. */
  readonly excused: boolean;
}

/** With type information: a call of another file's function that writes that file's module state. */
export interface ForeignCall {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The callee as written (`recordHit`, `stats.recordHit`). */
  readonly callee: string;
  readonly writer: ForeignWriter;
  readonly lifetime: Lifetime;
  readonly excused: boolean;
  /** The function the call is in (the handler or method that makes it), or the program. */
  readonly within: TSESTree.Node;
}

/**
 * What the analysis reads of a file: what ESLint's rule context gives (a rule context is one), or
 * what a summary of another file builds from its own parse.
 */
export interface FileInput {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly filename: string;
  readonly cwd: string;
  readonly settings: Readonly<Record<string, unknown>>;
  /** The other files of the project, where they can be read (`src/analysis/project/`). */
  readonly project?: ProjectQuestions | undefined;
}

/**
 * What a file asks about the other files of its project, answered from their summaries: the same
 * answers with and without a TypeScript program.
 */
/**
 * What a call of this file names in another project file: its callee (`issueInvite`, `rooms.open`,
 * `registry.add`), or, for a method called on a receiver whose declared type names a class or
 * interface of the project (`realm.join` with `realm: PeerRealm`, `ctx.sessions.add` with
 * `ctx: AppContext`), that receiver: the class (or the one class implementing the interface), reached
 * through the typed fields of its path, answers for the method.
 */
export type ProjectCallee = TSESTree.Node | ReceiverCall;

export interface ProjectQuestions {
  /** An imported (or required) binding that names module state of another project file. */
  foreignModuleState(identifier: TSESTree.Identifier): ForeignDeclaration | undefined;
  /**
   * A callee of this file (`issueInvite`, `rooms.open`, `registry.add`, or a method called on a typed
   * receiver: `ctx.sessions.add` with `ctx: AppContext`) that writes state of another project file.
   */
  foreignWriter(callee: ProjectCallee): ForeignWriter | undefined;
  /** The state of other project files a callee of this file looks up under a key its caller passes (`takeJob(id)` reading `queued.get(id)`). */
  foreignLookups(callee: ProjectCallee): readonly ForeignPlace[];
  /** The recurring jobs a callee of this file starts in other project files that serve no requests (`startCleanup()` running a `setInterval`). */
  foreignJobs(callee: ProjectCallee): readonly ForeignJob[];
  /** The recurring jobs that start when this file loads a project file (`import './jobs/nightly'`): that file's own, not those of the files it loads. */
  jobsOnLoad(specifier: string): readonly ForeignJob[];
  /** The embedded databases a project file opens on a local file when this file loads it (`import dataSource from './datasource'`): that file's own. */
  databasesOnLoad(specifier: string): readonly ForeignDatabase[];
  /** The files a callee of this file leaves on local disk in another project file (`uploadFile()` calling `fs.promises.writeFile`). */
  foreignFileWrites(callee: ProjectCallee): readonly ForeignFileWrite[];
  /** The timers a callee of this file starts in another project file to do outside work later (`notify()` calling `setTimeout(() => send(…), 500)`). */
  foreignDeferredWork(callee: ProjectCallee): readonly ForeignDeferred[];
  /**
   * For a method called on what an imported function returned (`store.add` after `const store =
   * await getStore()`): whether that function hands every caller the one value its module keeps,
   * rather than making a new one each call.
   */
  onSharedValue(callee: TSESTree.Node): boolean;
}

/** A timer in another project file that does outside work after its caller returns: where, and which timer. */
export interface ForeignDeferred {
  /** Relative to the linted file, as messages name it. */
  readonly file: string;
  /** The same file, absolute. */
  readonly path: string;
  readonly line: number;
  readonly timer: string;
}

/** A call, after startup, of another project file's function that starts timers doing outside work later. */
export interface ForeignDeferredCall {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly callee: string;
  readonly timers: readonly ForeignDeferred[];
  readonly lifetime: Lifetime;
}

/** A write in another project file that leaves a file on local disk: where, and the call as written. */
export interface ForeignFileWrite {
  /** Relative to the linted file, as messages name it. */
  readonly file: string;
  /** The same file, absolute. */
  readonly path: string;
  readonly line: number;
  readonly found: string;
}

/** A call, after startup, of another project file's function that leaves files on local disk. */
export interface ForeignFileCall {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly callee: string;
  readonly writes: readonly ForeignFileWrite[];
  readonly lifetime: Lifetime;
}

/** A recurring job that another project file starts: where, and how (`setInterval`, `` `cron.schedule()` ``). */
export interface ForeignJob {
  /** Relative to the linted file, as messages name it. */
  readonly file: string;
  /** The same file, absolute. */
  readonly path: string;
  readonly line: number;
  readonly timer: string;
  readonly kind: 'interval' | 'loop' | 'scheduler';
}

/** Code of a server file that starts recurring jobs of another project file: a call while it starts, or the import that loads it. */
export interface ForeignJobStart {
  readonly node: TSESTree.Node;
  /** `startCleanup()`, or the specifier imported (`./jobs/nightly`). */
  readonly source: string;
  readonly via: 'call' | 'import';
  readonly jobs: readonly ForeignJob[];
}

/** An embedded database that another project file opens on a local file when it loads. */
export interface ForeignDatabase {
  /** Relative to the linted file, as messages name it. */
  readonly file: string;
  /** The same file, absolute. */
  readonly path: string;
  readonly line: number;
  /** The call, as that file's own finding words it: `` `new DataSource(…)` from `typeorm` ``. */
  readonly found: string;
  readonly package: string | undefined;
  readonly advice: string | undefined;
}

/** The import of a server file that loads a project file opening an embedded database on a local file, and that the server starts on. */
export interface ForeignDatabaseOpen {
  readonly node: TSESTree.ProgramStatement;
  /** The specifier imported (`./datasource`, `@server/datasource`). */
  readonly source: string;
  readonly databases: readonly ForeignDatabase[];
}

/** A piece of another file's state, as a call names it: `queued` of `./lib/jobs.ts`, declared at `line`. */
export interface ForeignPlace {
  readonly name: string;
  /** Relative to the linted file, as messages name it. */
  readonly file: string;
  /** The same file, absolute: for tools that list each piece of state once. */
  readonly path: string;
  readonly line: number;
  /** Which argument of the call is the key, when the summary knows. */
  readonly keyArgument?: number;
}

/** A call from code that runs per request to a function of another file that looks state up by a key the call passes. */
export interface ForeignLookup {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly callee: string;
  readonly places: readonly ForeignPlace[];
  readonly lifetime: Lifetime;
}

const cache = new WeakMap<object, FileFacts>();
const NO_SETTINGS: StatelessSettings = { handlerCalls: [], startupCalls: [], handlerExports: [] };

/**
 * Facts about one file, computed once and shared by every rule through a per-`SourceCode` cache.
 * Everything costly is computed on first use.
 */
export class FileFacts {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** The file's path, with forward slashes. */
  readonly filename: string;
  readonly settingsError: string | undefined;
  /** The plugin settings (none when they are invalid: then nothing is reported but the error). */
  readonly settings: StatelessSettings;
  /** The file imports a web framework: it is part of a service that handles requests. */
  readonly servesRequests: boolean;
  readonly lifetimes: LifetimeAnalysis;
  readonly requestData: RequestData;
  readonly handlers: HandlerIndex;
  /**
   * The file is no part of a running service: browser code (`'use client'`, React components and
   * hooks outside server routes), a React Native or Expo app, or a test file. What it keeps in
   * memory is per tab, device or test run, nobody's shared state.
   */
  readonly outsideService: boolean;
  /** Type information, when the file is linted with a TypeScript program. */
  readonly types: TypeFacts | undefined;
  /** The other files of the project, when they can be read. */
  readonly project: ProjectQuestions | undefined;
  private foreignCallsValue: readonly ForeignCall[] | undefined;
  private foreignLookupsValue: readonly ForeignLookup[] | undefined;
  private readonly moduleScope: TSESLint.Scope.Scope;
  private annotationsValue: Annotations | undefined;
  private routesValue: RouteIndex | undefined;
  private moduleWritesValue: readonly ClassifiedWrite[] | undefined;
  private globalWritesValue: readonly ClassifiedWrite[] | undefined;
  private fieldWritesValue: readonly ClassifiedWrite[] | undefined;
  private singletonsValue: Singletons | undefined;
  private readonly fieldStates = new Map<ClassNode, readonly FieldState[]>();
  private readonly kinds = new Map<Place, StateKind>();
  private byPlace: Map<Place, ClassifiedWrite[]> | undefined;

  static of(input: FileInput): FileFacts {
    const sourceCode = input.sourceCode;
    let facts = cache.get(sourceCode);
    if (!facts) {
      facts = new FileFacts(input);
      cache.set(sourceCode, facts);
    }
    return facts;
  }

  private constructor(context: FileInput) {
    this.sourceCode = context.sourceCode;
    const settings = readSettings(context.settings);
    this.settingsError = settings.ok ? undefined : settings.error;
    this.settings = settings.ok ? settings.settings : NO_SETTINGS;
    const filename = context.filename.replace(/\\/gu, '/');
    this.filename = filename;
    this.servesRequests = servesRequests(this.sourceCode.ast);
    const { cwd } = context;
    // Only `settings.stateless.handlerExports` patterns need the relative name: worked out when one is tried.
    const relative = (): string => {
      const name = path.relative(cwd, context.filename).replace(/\\/gu, '/');
      return name.startsWith('..') ? filename : name;
    };
    const info = readModuleInfo(this.sourceCode.ast);
    this.handlers = new HandlerIndex({ absolute: filename, relative }, info, this.settings);
    this.outsideService = isOutsideService(this.sourceCode.ast, filename);
    this.types = TypeFacts.of(context);
    this.project = context.project;
    const types = this.types;
    this.lifetimes = new LifetimeAnalysis(this.sourceCode, this.handlers, types ? (fn) => types.hasRequestTypedParam(fn, REQUEST_TYPES) : undefined);
    const scope = moduleScopeOf(this.sourceCode.scopeManager);
    this.moduleScope = scope ?? this.sourceCode.getScope(this.sourceCode.ast);
    this.requestData = new RequestData(this.sourceCode, this.lifetimes, this.moduleScope);
  }

  /** The handlers (routes) that run each node, for messages. */
  get routes(): RouteIndex {
    this.routesValue ??= new RouteIndex(this.sourceCode, this, this.filename);
    return this.routesValue;
  }

  get annotations(): Annotations {
    this.annotationsValue ??= new Annotations(this.sourceCode);
    return this.annotationsValue;
  }

  private staticWritesValue: ClassifiedWrite[] = [];

  /**
   * Writes to a class's static fields that this file's rules leave out, since they do not run per
   * request here (a static method or a constructor whose callers are in other files): what a
   * summary tells those callers.
   */
  get staticWrites(): readonly ClassifiedWrite[] {
    // Sorted out with the module's writes.
    this.moduleWritesValue ??= this.collectModuleWrites();
    return this.staticWritesValue;
  }

  /** Writes to top-level bindings of this file, classified. */
  get moduleWrites(): readonly ClassifiedWrite[] {
    this.moduleWritesValue ??= this.collectModuleWrites();
    return this.moduleWritesValue;
  }

  private collectModuleWrites(): readonly ClassifiedWrite[] {
    const result: ClassifiedWrite[] = [];
    const statics: ClassifiedWrite[] = [];
    if (this.outsideService) return result;
    const scopeManager = this.sourceCode.scopeManager;
    const bindings = collectModuleBindings(this.sourceCode, this.moduleScope, this.outsideQuestions());
    if (scopeManager) bindings.push(...this.capturedBindings());
    for (const binding of bindings) {
      // Writes at top level (or in the declaring function) are configuration; the costly questions below are asked only of the others.
      const later = binding.writes.flatMap((write) => {
        const fn = enclosingFunction(write.node);
        return !fn || fn === binding.owner || isDevelopmentOnly(write.node) || inTestHook(write.node) ? [] : [{ write, fn }];
      });
      if (later.length === 0) continue;
      // A closure variable of code that itself runs per request is per-request state.
      if (binding.owner && this.lifetimes.ofFunction(binding.owner) === 'request') continue;
      // A registry of this process's own connections, read only to shut them down.
      if (isTeardownRegistry(this.sourceCode, binding.variable, binding.writes.map((write) => write.node))) continue;
      if (holdsOnlyTimerHandles(binding) || isTestBinding(binding.name) || onlyLogged(binding, this.sourceCode.ast) || onlyResetsRegex(binding)) continue;
      // A write-behind buffer that a timer or job drains to the shared store.
      if (drainedBuffer(binding.variable.references.map((reference) => reference.identifier), binding.writes, (reset) => this.lifetimes.ofNode(reset.node) !== 'request')) continue;
      // A pool of this process's workers and the work waiting for them, and the ids it draws for that work.
      if (holdsOnlyPoolWork(this.sourceCode, binding) || drawsPendingIds(this.sourceCode, binding)) continue;
      const excusedBinding = this.annotations.excuses(binding.declaration);
      for (const { write, fn } of later) {
        // Inside a function, only code run later by the framework outlives the declaring call; a
        // class's static field counts where a handler writes it (its static methods are mostly
        // set-up and registries, whose callers elsewhere are not followed).
        // A mixin factory's closure is module state: its writes go the way of the module's own.
        if (((binding.owner && binding.ownerIsMixin !== true) || binding.declarationKind === 'static') && this.lifetimes.ofNode(write.node) !== 'request') {
          if (!binding.owner) statics.push(this.classify(write, { place: binding, binding, name: binding.name, fn, excused: excusedBinding }));
          continue;
        }
        result.push(this.classify(write, { place: binding, binding, name: binding.name, fn, excused: excusedBinding }));
      }
    }
    this.staticWritesValue = withTeardowns(statics);
    return withTeardowns(result);
  }

  private capturedBindingsValue: readonly ModuleBinding[] | undefined;

  /** Bindings declared in functions and written by functions nested in them (`collectCapturedBindings`), collected once. */
  private capturedBindings(): readonly ModuleBinding[] {
    const scopeManager = this.sourceCode.scopeManager;
    this.capturedBindingsValue ??= scopeManager ? collectCapturedBindings(this.sourceCode, scopeManager) : [];
    return this.capturedBindingsValue;
  }

  /**
   * The writes functions nested in `owner` make to the bindings it declares, classified whatever
   * their lifetime here: what the methods of an object a factory returns keep, which its callers
   * decide the life of (`const limiter = createLimiter()` at a module's top keeps it for the process).
   */
  closureWritesOf(owner: FunctionNode): readonly ClassifiedWrite[] {
    if (this.outsideService) return [];
    const result: ClassifiedWrite[] = [];
    for (const binding of this.capturedBindings()) {
      if (binding.owner !== owner || holdsOnlyTimerHandles(binding) || isTeardownRegistry(this.sourceCode, binding.variable, binding.writes.map((write) => write.node))) continue;
      const excused = this.annotations.excuses(binding.declaration);
      for (const write of binding.writes) {
        const fn = enclosingFunction(write.node);
        if (!fn || fn === owner || isDevelopmentOnly(write.node)) continue;
        result.push(this.classify(write, { place: binding, binding, name: binding.name, fn, excused }));
      }
    }
    return withTeardowns(result);
  }

  /** Writes to the global object and `process.env`, classified. */
  get globalWrites(): readonly ClassifiedWrite[] {
    if (this.globalWritesValue) return this.globalWritesValue;
    const globalScope = this.sourceCode.scopeManager?.globalScope;
    const writes: GlobalWrite[] = globalScope && !this.outsideService ? [...collectGlobalWrites(this.sourceCode, globalScope), ...collectAppSettingWrites(this.sourceCode, this.moduleScope)] : [];
    const places = new Map<string, GlobalPlace>();
    this.globalWritesValue = writes.flatMap(({ name, write, via }) => {
      const fn = enclosingFunction(write.node);
      if (!fn || isDevelopmentOnly(write.node) || (via && !this.requestData.isDerived(via))) return [];
      let place = places.get(name);
      if (!place) {
        place = { type: 'global', name };
        places.set(name, place);
      }
      return [this.classify(write, { place, name, fn, global: name, excused: false })];
    });
    return this.globalWritesValue;
  }

  private classify(
    write: StateWrite,
    target: { place: Place; binding?: ModuleBinding; global?: string; name: string; fn: FunctionNode; excused: boolean },
  ): ClassifiedWrite {
    const excused = target.excused || this.annotations.excuses(enclosingStatement(write.node));
    const base = { place: target.place, write, name: target.name, fn: target.fn, excused, ...(target.binding ? { binding: target.binding } : {}), ...(target.global === undefined ? {} : { global: target.global }) };
    const derivedValue = (): boolean => write.values.some((value) => this.requestData.isDerived(value));
    const assignment = write.node.type === AST_NODE_TYPES.AssignmentExpression ? write.node : undefined;
    // One slot: the binding, a fixed member, a member under a fixed key (`globalThis[KEY]`), or one resource per key.
    const oneSlot =
      write.kind === 'assign' ||
      write.kind === 'compound' ||
      (write.kind === 'member' &&
        (write.key === undefined ||
          isFixedKey(this.sourceCode, write.key) ||
          (assignment !== undefined && isSingletonRegistry(assignment, target.fn)) ||
          // `if (!clients[env]) clients[env] = new Client(env)`: a client per key the code chooses, created once.
          (isResourceValue(write.values[0]) && !this.requestData.isDerived(write.key)) ||
          isServiceClient(this.sourceCode, write.values[0])));
    // A service client per tenant or region is a connection, whatever the request chose.
    const serviceClient = write.key !== undefined && isServiceClient(this.sourceCode, write.values[0]);
    // A formatter compiled from what the request asked for is the same whoever asked: derived, but no data.
    const compiled = write.kind === 'method' && write.method === 'set' && this.isCreatedResource(write.values[0], isCompiledValue);
    const lazyInit =
      (((assignment !== undefined && oneSlot && isLazyInit(this.sourceCode, assignment)) || this.isKeyedCreation(write, serviceClient) || afterOnceGuard(this.sourceCode, write.node) || insideLazyInit(this.sourceCode, write.node)) &&
        (serviceClient || compiled || !derivedValue())) ||
      // The request may choose the key; the value is the same on every replica.
      (assignment !== undefined && write.kind === 'member' && write.depth === 1 && isConfigurationMemo(this.sourceCode, assignment)) ||
      isLogOnceMark(this.sourceCode, write.node) ||
      (write.key !== undefined && isTimerHandle(write.values[0]) && !marksCooldown(target.place)) ||
      // `loaded[name] = (await import(file)).default`: the project's code, the same on every replica, whichever name a request asked for.
      (write.key !== undefined && isLoadedCode(write.values[0])) ||
      isInFlightEntry(this.sourceCode, target.place, write);
    if (lazyInit) {
      // Never a finding, whatever its lifetime (most writes in functions are of this kind): the lifetime is asked only if someone reads it.
      const lifetimes = this.lifetimes;
      let lifetime: Lifetime | undefined;
      return {
        ...base,
        get lifetime(): Lifetime {
          lifetime ??= lifetimes.ofNode(write.node);
          return lifetime;
        },
        lazyInit,
        leak: false,
        keyedByRequest: false,
      };
    }
    const lifetime = this.lifetimes.ofNode(write.node);
    if (lifetime === 'startup') return { ...base, lifetime, lazyInit, leak: false, keyedByRequest: false };
    // A handle to a resource kept outside requests (`interval = setInterval(…)` in `start()`, `browser =
    // await chromium.launch()`) is no data; a connection taken per request and parked here is shared by concurrent requests.
    if (lifetime !== 'request' && assignment !== undefined && write.kind === 'assign' && isResourceCall(assignment.right)) {
      return { ...base, lifetime, lazyInit: true, leak: false, keyedByRequest: false };
    }
    const singleSlot = isSingleSlot(write);
    const keyedByRequest = write.key !== undefined && this.requestData.isDerived(write.key);
    // `todos = [...todos, item]`, `list = list.filter(…)`: an update of a collection, not a slot.
    const selfUpdate = target.place.type !== 'global' && write.kind === 'assign' && write.values.some((value) => mentionsPlace(target.place, value));
    const leak = singleSlot && !keyedByRequest && !selfUpdate && derivedValue();
    return { ...base, lifetime, lazyInit, leak, keyedByRequest };
  }

  /**
   * `if (!clients.has(key)) clients.set(key, new Client(…))`: a client per key the code chooses (not
   * one from the request), created the first time the key is missing.
   */
  private isKeyedCreation(write: StateWrite, serviceClient: boolean): boolean {
    if (write.kind !== 'method' || write.method !== 'set' || write.depth !== 0 || !write.key) return false;
    // A formatter or pattern compiled from the key is the same on every replica, whoever asked for it first.
    const compiled = this.isCreatedResource(write.values[0], isCompiledValue);
    if (!serviceClient && !compiled && (!this.isCreatedResource(write.values[0], isResourceValue) || this.requestData.isDerived(write.key))) return false;
    const call = write.node;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const map = this.sourceCode.getText(call.callee.object);
    const key = this.sourceCode.getText(write.key);
    // The guard asks the same map for the same key: `!m.has(key)`, `!m.get(key)`, `m.get(key) == null`.
    const lookup = (node: TSESTree.Node): boolean => {
      const value = unwrap(node);
      if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(value.callee);
      const argument = value.arguments[0];
      return (method === 'has' || method === 'get') && argument !== undefined && this.sourceCode.getText(value.callee.object) === map && this.sourceCode.getText(argument) === key;
    };
    // `let client = clients.get(key); if (!client) { …; clients.set(key, client); }`: the guard tests what the lookup gave.
    const lookedUp = (node: TSESTree.Node): boolean => {
      const value = unwrap(node);
      if (value.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(this.sourceCode.getScope(value), value);
      const def = variable?.defs[0];
      return def?.type === DefinitionType.Variable && def.node.init !== null && lookup(def.node.init);
    };
    return guardedByEmptyCheck(call, (node) => lookup(node) || lookedUp(node));
  }

  /**
   * A value `made` accepts (a resource, a compiled formatter), or a local variable that only ever gets one after the lookup
   * it starts from: `let f = formatters.get(key); if (!f) { f = new Intl.DateTimeFormat(…); formatters.set(key, f); }`.
   */
  private isCreatedResource(node: TSESTree.Node | undefined, made: (value: TSESTree.Node | undefined) => boolean): boolean {
    if (made(node)) return true;
    const value = node ? unwrap(node) : undefined;
    if (value?.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(value), value);
    if (variable?.defs[0]?.type !== DefinitionType.Variable || variable.scope === this.moduleScope) return false;
    // `const server = http.createServer(app); … this.server = server`
    const declarator = variable.defs[0].node;
    if (variable.defs[0].parent.kind === 'const' && declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) return made(declarator.init);
    const assigned = variable.references.filter((reference) => reference.isWrite() && reference.init !== true);
    return assigned.length > 0 && assigned.every((reference) => reference.writeExpr !== null && reference.writeExpr !== undefined && made(reference.writeExpr));
  }

  /**
   * What the program and the project's other files answer about bindings: the project's summaries
   * say which module state an import names (the same with and without a program); the program says
   * what a binding's type holds, and names imports the summaries cannot read.
   */
  private outsideQuestions(): OutsideQuestions | undefined {
    const { types, project } = this;
    if (!types && !project) return undefined;
    return {
      ...(types ? { containerOf: (node: TSESTree.Node) => types.containerOf(node) } : {}),
      foreignModuleState: (identifier: TSESTree.Identifier, importDeclaration?: TSESTree.Node): ForeignDeclaration | undefined =>
        project?.foreignModuleState(identifier) ?? types?.foreignModuleState(identifier, importDeclaration),
    };
  }

  /**
   * Calls of functions, object members and instance methods of other project files that write state
   * there (`recordHit(req.ip)` where `recordHit` increments a counter in `./stats.ts`), read from the
   * project's summaries, with or without a program.
   */
  get foreignCalls(): readonly ForeignCall[] {
    if (this.foreignCallsValue) return this.foreignCallsValue;
    const { project } = this;
    this.foreignCallsValue = this.askProjectCalls((callee) => project?.foreignWriter(callee)).map(({ call, callee, answer, lifetime }) => ({
      node: call,
      callee,
      writer: answer,
      lifetime,
      excused: this.annotations.excuses(enclosingStatement(call)),
      within: enclosingFunction(call) ?? this.sourceCode.ast,
    }));
    return this.foreignCallsValue;
  }

  /** Calls of other project files' functions that look their state up by a key the call passes: the read half of a sticky pair. */
  get foreignLookups(): readonly ForeignLookup[] {
    this.foreignLookupsValue ??= this.askProjectCalls((callee) => nonEmpty(this.project?.foreignLookups(callee))).map(({ call, callee, answer, lifetime }) => ({ node: call, callee, places: answer, lifetime }));
    return this.foreignLookupsValue;
  }

  private foreignJobsValue: readonly ForeignJobStart[] | undefined;
  private foreignDatabasesValue: readonly ForeignDatabaseOpen[] | undefined;
  private foreignFileCallsValue: readonly ForeignFileCall[] | undefined;

  private foreignDeferredCallsValue: readonly ForeignDeferredCall[] | undefined;

  /** Calls of other project files' functions that start timers doing outside work after the call returns. */
  get foreignDeferredCalls(): readonly ForeignDeferredCall[] {
    this.foreignDeferredCallsValue ??= this.askProjectCalls((callee) => nonEmpty(this.project?.foreignDeferredWork(callee))).map(({ call, callee, answer, lifetime }) => ({ node: call, callee, timers: answer, lifetime }));
    return this.foreignDeferredCallsValue;
  }

  /** Calls of other project files' functions that leave files on this instance's disk (`uploadFile(…)` in a handler). */
  get foreignFileCalls(): readonly ForeignFileCall[] {
    this.foreignFileCallsValue ??= this.askProjectCalls((callee) => nonEmpty(this.project?.foreignFileWrites(callee))).map(({ call, callee, answer, lifetime }) => ({ node: call, callee, writes: answer, lifetime }));
    return this.foreignFileCallsValue;
  }

  /**
   * Where this file starts recurring jobs that other project files define: calls through its imports
   * that do not run per request (`startCleanup()` at startup, `require('./bus')(settings)`), and the
   * imports whose loading starts them. Those files serve no requests, so they do not report their
   * own jobs; a server that starts them runs them in every replica.
   */
  get foreignJobs(): readonly ForeignJobStart[] {
    if (this.foreignJobsValue) return this.foreignJobsValue;
    const result: ForeignJobStart[] = [];
    const project = this.project;
    if (project && !this.outsideService) {
      const calls: { call: TSESTree.CallExpression | TSESTree.NewExpression; callee: ProjectCallee }[] = [...this.importedCalls(), ...this.inlineRequireCalls()].map((call) => ({ call, callee: call.callee }));
      // `this.ctx.scheduler.start()`, `scheduler.start()` on a typed receiver.
      for (const receiver of receiverCalls(this.sourceCode)) calls.push({ call: receiver.call, callee: receiver });
      const seen = new Set<TSESTree.Node>();
      for (const { call, callee } of calls) {
        if (seen.has(call)) continue;
        const jobs = project.foreignJobs(callee);
        if (jobs.length === 0 || this.lifetimes.ofNode(call) === 'request') continue;
        seen.add(call);
        result.push({ node: call, source: `${oneLine(this.sourceCode.getText(call.callee))}()`, via: 'call', jobs });
      }
      for (const { statement, specifier } of readModuleInfo(this.sourceCode.ast).loads) {
        const jobs = project.jobsOnLoad(specifier);
        if (jobs.length > 0) result.push({ node: statement, source: specifier, via: 'import', jobs });
      }
    }
    this.foreignJobsValue = result;
    return result;
  }

  /**
   * The embedded databases that project files of this server open on a local file when they load
   * (`export default new DataSource({ type: 'sqlite', … })` in `datasource.ts`), at each import this
   * file uses while it starts (`await dataSource.initialize()`) or makes for its effect alone
   * (`import './db'`). Those files serve no requests, so they do not report their own database; an
   * import used only in handlers is left too, so that the database is named where the server starts
   * on it rather than in every route file.
   */
  get foreignDatabases(): readonly ForeignDatabaseOpen[] {
    if (this.foreignDatabasesValue) return this.foreignDatabasesValue;
    const result: ForeignDatabaseOpen[] = [];
    const project = this.project;
    if (project && !this.outsideService && this.servesRequests) {
      for (const { statement, specifier } of readModuleInfo(this.sourceCode.ast).loads) {
        if (!this.startsOn(statement)) continue;
        const databases = project.databasesOnLoad(specifier);
        if (databases.length > 0) result.push({ node: statement, source: specifier, databases });
      }
    }
    this.foreignDatabasesValue = result;
    return result;
  }

  /** Whether a top-level statement that loads a module loads it for its effect alone, or binds a name this file uses while it starts. */
  private startsOn(statement: TSESTree.ProgramStatement): boolean {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.importKind === 'type') return false;
      if (statement.specifiers.length === 0) return true;
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      return true;
    }
    return this.sourceCode
      .getDeclaredVariables(statement)
      .some((variable) => variable.references.some((reference) => reference.isValueReference && !reference.init && this.lifetimes.ofNode(reference.identifier) === 'startup' && !isDevelopmentOnly(reference.identifier)));
  }

  /** `require('./bus')(settings)`, `require('./jobs').start()`: calls of a module required in place. */
  private inlineRequireCalls(): TSESTree.CallExpression[] {
    if (!this.sourceCode.text.includes('require(')) return [];
    return nodesOfType(this.sourceCode, AST_NODE_TYPES.CallExpression).filter((call) => !requireCallAt(call) && requireCallAt(call.callee) !== undefined);
  }

  /**
   * The calls through the file's imports and the instances it makes at its top (`f(…)`, `ns.f(…)`,
   * `registry.add(…)`), and the calls on typed receivers (`ctx.sessions.add(…)`, see `receiverCalls`),
   * that run after startup and for which the project has an answer. The answer is asked first: most
   * calls reach nothing, and a call's lifetime may need the type checker.
   */
  private askProjectCalls<T>(ask: (callee: ProjectCallee) => T | undefined): { call: TSESTree.CallExpression | TSESTree.NewExpression; callee: string; answer: T; lifetime: Lifetime }[] {
    if (!this.project || this.outsideService) return [];
    const result: { call: TSESTree.CallExpression | TSESTree.NewExpression; callee: string; answer: T; lifetime: Lifetime }[] = [];
    const seen = new Set<TSESTree.Node>();
    for (const call of this.importedCalls()) {
      // A method of an object made afresh for this call of its factory writes nothing shared.
      if (this.sharedResultCalls.has(call) && !this.onSharedValue(call)) continue;
      const answer = ask(call.callee);
      if (answer === undefined) continue;
      const lifetime = this.callLifetime(call);
      if (lifetime === 'startup') continue;
      // A call that fills a lazily made slot (`if (!cache) cache = createCache(…)`), or that follows a
      // once-guard, runs once per process: set-up, whatever the function it calls writes. A route of
      // the development build (`if (isDev) app.get('/_e2e/…')`) never runs in production.
      if (fillsLazySlot(this.sourceCode, call) || afterOnceGuard(this.sourceCode, call) || isDevelopmentOnly(call)) continue;
      seen.add(call);
      // `new Terminal()` reads as what it is in a message.
      const callee = oneLine(this.sourceCode.getText(call.callee));
      result.push({ call, callee: call.type === AST_NODE_TYPES.NewExpression ? `new ${callee}` : callee, answer, lifetime });
    }
    for (const receiver of receiverCalls(this.sourceCode)) {
      if (seen.has(receiver.call) || isDevelopmentOnly(receiver.call)) continue;
      const answer = ask(receiver);
      if (answer === undefined) continue;
      const lifetime = this.receiverLifetime(receiver);
      if (lifetime !== undefined) result.push({ call: receiver.call, callee: `${receiver.owner}.${receiver.method}`, answer, lifetime });
    }
    // In the order of the source, whatever the order of the imports: a rule that names a piece of state once names it at its first call.
    return result.sort((a, b) => a.call.range[0] - b.call.range[0]);
  }

  /**
   * When a call on a typed receiver runs, if it runs on an instance every request shares: a module
   * binding lives as long as the process. A field or a parameter holds what it was handed: shared
   * when the holder outlives the requests it serves, so only calls that run per request count, and
   * not while the holder itself runs per request (a helper's parameter may be anything its caller
   * made). Undefined when the call does not count.
   */
  private receiverLifetime(receiver: ReceiverCall): Lifetime | undefined {
    const lifetime = this.callLifetime(receiver.call);
    if (lifetime === 'startup') return undefined;
    if (receiver.holder.type === AST_NODE_TYPES.Program) return lifetime;
    if (lifetime !== 'request') return undefined;
    const holderLifetime = isFunction(receiver.holder) ? this.lifetimes.ofFunction(receiver.holder) : undefined;
    return holderLifetime === 'request' ? undefined : lifetime;
  }

  /**
   * When a call runs (into another file, or on a library's instance): as its function runs, and, in a method of a framework's
   * singleton (a NestJS provider) whose callers this file cannot see, as that method runs by the
   * singleton's rules (a public method serves controllers' requests; `onModuleInit` runs at startup).
   * A scheduled method's calls (`@Cron`) run in every replica on its own, not per request: startup
   * for this question.
   */
  callLifetime(call: TSESTree.Node): Lifetime {
    const lifetime = this.lifetimes.ofNode(call);
    if (lifetime !== 'unknown') return lifetime;
    for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
      const member = fn.parent;
      if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.value !== fn) continue;
      if (member.static) return lifetime;
      const singleton = this.singletons.singletonOf(member.parent.parent);
      if (singleton?.reason !== 'framework') return lifetime;
      const own = this.singletons.lifetimeOf(singleton, member);
      return own === 'background' ? 'startup' : own;
    }
    return lifetime;
  }

  private importedCallsValue: readonly (TSESTree.CallExpression | TSESTree.NewExpression)[] | undefined;
  /** Calls on what an imported function returned when that call is made after startup: only a value the function shares is asked about. */
  private readonly sharedResultCalls = new Set<TSESTree.Node>();
  /** The project's answer for each of them, asked once whichever question needs it. */
  private readonly sharedAnswers = new Map<TSESTree.Node, boolean>();

  private onSharedValue(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    let answer = this.sharedAnswers.get(call);
    if (answer === undefined) {
      answer = this.project?.onSharedValue(call.callee) === true;
      this.sharedAnswers.set(call, answer);
    }
    return answer;
  }

  private importedCalls(): readonly (TSESTree.CallExpression | TSESTree.NewExpression)[] {
    if (this.importedCallsValue) return this.importedCallsValue;
    const result: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    for (const variable of this.moduleScope.variables) {
      const def = variable.defs[0];
      if (!def || !isImportedOrCreated(def)) continue;
      for (const reference of variable.references) {
        const identifier = reference.identifier;
        const call = identifier.type === AST_NODE_TYPES.Identifier ? calledThrough(identifier) : undefined;
        if (!call) continue;
        result.push(call);
        // `Registry.getInstance().add(…)`, `const registry = Registry.getInstance(); registry.add(…)`:
        // a method called on what a static method returns, which the project answers for an instance getter;
        // `const limiter = createLimiter(); limiter.hit(…)`: a method of what an imported factory returns.
        // A factory's object made per request is per-request state: only one kept from startup counts;
        // a getter of one value its module keeps (`const store = await getStore(); store.add(…)`) hands
        // every caller the same one, so a call on its result counts wherever it runs.
        if (call.type === AST_NODE_TYPES.CallExpression && def.type === DefinitionType.ImportBinding) {
          const onResult = callsOnValue(this.sourceCode, call);
          result.push(...onResult);
          if (unwrap(call.callee).type !== AST_NODE_TYPES.MemberExpression && this.lifetimes.ofNode(call) !== 'startup') for (const method of onResult) this.sharedResultCalls.add(method);
        }
        // `new Hub().join(…)`, `const hub = new Hub(); hub.join(…)` of an imported class: the project
        // answers only for a class whose constructor hands every `new` its one instance.
        if (call.type === AST_NODE_TYPES.NewExpression) result.push(...callsOnValue(this.sourceCode, call));
      }
    }
    // A call reached twice (`registry.add(…)` through `registry`, and as a call on `new Registry()`) is one call.
    this.importedCallsValue = [...new Set(result)];
    return this.importedCallsValue;
  }

  /** The kind of state a place holds, from its writes after startup. */
  kindOf(place: Place): StateKind {
    let kind = this.kinds.get(place);
    if (!kind) {
      const writes = this.writesOf(place).filter((write) => !write.lazyInit && write.lifetime !== 'startup' && write.lifetime !== 'background');
      kind = kindOf(this.sourceCode, place, writes);
      this.kinds.set(place, kind);
    }
    return kind;
  }

  /** Every classified write: module and captured bindings, globals, fields of singletons. */
  get writes(): readonly ClassifiedWrite[] {
    return [...this.moduleWrites, ...this.globalWrites, ...this.fieldWrites];
  }

  /** The classified writes of one place (indexed once, so that asking for every place stays linear). */
  writesOf(place: Place): readonly ClassifiedWrite[] {
    if (!this.byPlace) {
      this.byPlace = new Map();
      for (const write of this.writes) {
        const list = this.byPlace.get(write.place);
        if (list) list.push(write);
        else this.byPlace.set(write.place, [write]);
      }
    }
    return this.byPlace.get(place) ?? [];
  }

  /** The file's singleton classes and when their methods run. */
  get singletons(): Singletons {
    this.singletonsValue ??= new Singletons(this.sourceCode, this);
    return this.singletonsValue;
  }

  /** The fields of a class and their writes, through the one write collector (any class, for the audit). */
  fieldStatesOf(classNode: ClassNode): readonly FieldState[] {
    let states = this.fieldStates.get(classNode);
    if (!states) {
      states = collectFieldStates(this.sourceCode, classNode);
      this.fieldStates.set(classNode, states);
    }
    return states;
  }

  /** Writes through `this` in the instance methods of the file's singletons, classified. */
  get fieldWrites(): readonly ClassifiedWrite[] {
    if (this.fieldWritesValue) return this.fieldWritesValue;
    const result: ClassifiedWrite[] = [];
    if (!this.outsideService) for (const singleton of this.singletons.all) result.push(...this.classifyFields(singleton));
    this.fieldWritesValue = result;
    return result;
  }

  /**
   * The writes a class's methods make to its fields, classified as if the class were `singleton`
   * (the audit asks about classes instantiated in other files, too).
   */
  classifyFields(singleton: SingletonClass): ClassifiedWrite[] {
    const result: ClassifiedWrite[] = [];
    const states = this.fieldStatesOf(singleton.node);
    const clockMarks = clockMarkFields(states, this.sourceCode.visitorKeys);
    for (const state of states) {
      if (clockMarks.has(state) || holdsOnlyConnectionSlots(this.sourceCode, state)) continue;
      if (unreadByRequests(state, (member) => this.singletons.lifetimeOf(singleton, member) === 'startup')) continue;
      if (drainedBuffer(state.accesses.map((access) => access.node), state.writes, (reset) => this.fieldWriteLifetime(singleton, reset) !== 'request')) continue;
      const excusedField = state.declaration !== undefined && this.annotations.excuses(state.declaration);
      const writes = state.writes.map((write) => {
        const fn = enclosingFunction(write.node) ?? write.methodFn;
        return this.classifyField(write, { state, singleton, fn, lifetime: this.fieldWriteLifetime(singleton, write), excused: excusedField });
      });
      result.push(...withTeardowns(writes));
    }
    return result.sort((a, b) => a.write.node.range[0] - b.write.node.range[0]);
  }

  /** When the method a field write belongs to runs. */
  private fieldWriteLifetime(singleton: SingletonClass, write: FieldStateWrite): MethodLifetime {
    const member = write.methodFn.parent;
    return member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition ? this.singletons.lifetimeOf(singleton, member) : 'unknown';
  }

  private classifyField(
    write: FieldStateWrite,
    target: { state: FieldState; singleton: SingletonClass; fn: FunctionNode; lifetime: MethodLifetime; excused: boolean },
  ): ClassifiedWrite {
    const { state, singleton, fn, lifetime } = target;
    const excused = target.excused || this.annotations.excuses(enclosingStatement(write.node));
    const assignment = write.node.type === AST_NODE_TYPES.AssignmentExpression ? write.node : undefined;
    const derived = (): boolean => write.values.some((value) => this.requestData.isDerived(value));
    // `this.client ??= connect()`, `if (!this.client) this.client = …`: wiring; `this.server = http.createServer()`: a
    // resource of the instance. Lazily filling the slot with request data still keeps the first user's value for everyone.
    const lazyInit =
      (((assignment !== undefined && write.depth === 0 && isLazyInit(this.sourceCode, assignment)) ||
        (write.depth === 0 && (write.kind === 'assign' || write.kind === 'compound') && this.isCreatedResource(write.values[0], isResourceValue)) ||
        insideLazyInit(this.sourceCode, write.node) ||
        // `if (!this.#ready) await this.#initialize()`: what the once-run initialiser sets.
        inInitialisationMethod(this.sourceCode, write.methodFn)) &&
      !derived()) ||
      (write.key !== undefined && isTimerHandle(write.values[0]) && !marksCooldown(state)) ||
      // `loaded[name] = (await import(file)).default`: the project's code, the same on every replica, whichever name a request asked for.
      (write.key !== undefined && isLoadedCode(write.values[0])) ||
      isInFlightEntry(this.sourceCode, state, write);
    const keyedByRequest = write.key !== undefined && this.requestData.isDerived(write.key);
    const selfUpdate = write.kind === 'assign' && write.values.some((value) => mentionsPlace(state, value));
    // Request data in one slot of an instance every request shares: read by the next request.
    const leak = !lazyInit && lifetime === 'request' && isSingleSlot(write) && !keyedByRequest && !selfUpdate && derived();
    return { place: state, write, field: { state, singleton, methodFn: write.methodFn }, name: state.name, lifetime, fn, lazyInit, leak, keyedByRequest, excused };
  }
}

/**
 * `shared = null` after `await shared.$disconnect()`, `pool = undefined` in an error listener: a
 * binding that is otherwise only filled lazily is emptied so that the next call fills it again. The
 * reset belongs to the lazy initialisation and is no state of its own.
 */
function withTeardowns(writes: ClassifiedWrite[]): ClassifiedWrite[] {
  // `x = null`, and `timers.delete(key)` / `delete timers[key]` / `clients.clear()` on a map that only lazy writes fill.
  const isReset = (write: StateWrite): boolean =>
    ((write.kind === 'assign' || (write.kind === 'method' && write.depth === 0)) && isEmptyingWrite(write)) || (write.kind === 'delete' && write.depth === 1);
  const resets = writes.filter((write) => write.place.type !== 'global' && !write.lazyInit && isReset(write.write));
  if (resets.length === 0) return writes;
  const reset = new Set(resets);
  /** Per place: whether it has writes besides its resets, and all of them are lazy. */
  const lazyOnly = new Map<Place, boolean>();
  for (const write of writes) {
    if (reset.has(write)) continue;
    lazyOnly.set(write.place, (lazyOnly.get(write.place) ?? true) && write.lazyInit);
  }
  return writes.map((write) => (reset.has(write) && lazyOnly.get(write.place) === true ? { ...write, lazyInit: true, leak: false } : write));
}

/**
 * `const MENTION = /@\[(\w+)\]/g; … MENTION.lastIndex = 0`: a global regular expression whose
 * search position is reset before each use. The position is the matcher's, not data a request keeps.
 */
function onlyResetsRegex(binding: ModuleBinding): boolean {
  const init = binding.init ? unwrap(binding.init) : undefined;
  const regex = (init?.type === AST_NODE_TYPES.Literal && 'regex' in init) || (init?.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'RegExp');
  return regex && binding.writes.length > 0 && binding.writes.every((write) => write.kind === 'member' && write.node.type === AST_NODE_TYPES.AssignmentExpression && write.node.left.type === AST_NODE_TYPES.MemberExpression && propertyName(write.node.left) === 'lastIndex');
}

/**
 * `let cleanup: NodeJS.Timeout | undefined`, set with `cleanup = setTimeout(…)` and emptied with
 * `cleanup = undefined` after `clearTimeout(cleanup)`: a binding that only ever holds a handle to one
 * of this process's timers, or nothing. The handle is no data another replica could want, whichever
 * code sets or empties it; what the timer does is `no-process-timers`'s question.
 */
function holdsOnlyTimerHandles(binding: ModuleBinding): boolean {
  const handleOrNothing = (value: TSESTree.Node | undefined): boolean => value === undefined || isClearedValue(value) || isTimerHandle(value);
  return (
    handleOrNothing(binding.init) &&
    binding.writes.some((write) => isTimerHandle(write.values[0])) &&
    binding.writes.every((write) => write.kind === 'assign' && write.depth === 0 && handleOrNothing(write.values[0]))
  );
}

/**
 * A write that fills one slot (the place itself, or one fixed member of it): what a request-derived
 * value must land in to be a leak (`x = v`, `x ??= v`, `x.user = v`, `Object.assign(x, v)`).
 */
function isSingleSlot(write: StateWrite): boolean {
  return (
    (write.kind === 'assign' && write.depth === 0) ||
    (write.kind === 'compound' && ['??=', '||=', '&&='].includes(write.operator ?? '')) ||
    (write.kind === 'member' && write.operator === '=' && write.key === undefined) ||
    (write.kind === 'object' && write.key === undefined)
  );
}

/**
 * `registry[name] ??= create()` where `name` and `create` are both parameters of the function: a
 * registry of lazily created singletons (`singleton('prisma', () => new PrismaClient())`), one slot
 * per name its callers choose, each filled once.
 */
function isSingletonRegistry(assignment: TSESTree.AssignmentExpression, fn: FunctionNode): boolean {
  if (assignment.operator !== '??=' && assignment.operator !== '||=') return false;
  const target = unwrap(assignment.left);
  const value = unwrap(assignment.right);
  if (target.type !== AST_NODE_TYPES.MemberExpression || !target.computed || value.type !== AST_NODE_TYPES.CallExpression) return false;
  const key = unwrap(target.property);
  const callee = unwrap(value.callee);
  const isParameter = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.Identifier && fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === node.name);
  return isParameter(key) && isParameter(callee);
}


/** `f(…)` or `ns.f(…)` where `identifier` is `f` or `ns`. */
function calledThrough(identifier: TSESTree.Identifier): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let callee: TSESTree.Node = outerValue(identifier);
  // `f()`, `ns.f()`, `lib.rooms.open()`: a few named members deep.
  for (let depth = 0; depth < 3; depth++) {
    const parent: TSESTree.Node | undefined = callee.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== callee || parent.computed) break;
    callee = outerValue(parent);
  }
  const call = callee.parent;
  // `new Terminal(…)`: what the class's constructor does.
  return (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) && call.callee === callee ? call : undefined;
}

/**
 * A top-level binding whose calls may reach another file: an import, a `require()`, or an instance
 * made at the top of the file (`const registry = new Registry()`).
 */
function isImportedOrCreated(def: TSESLint.Scope.Definition): boolean {
  if (def.type === DefinitionType.ImportBinding) return true;
  if (def.type !== DefinitionType.Variable || !def.node.init) return false;
  let init = unwrap(def.node.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
  if (requireCallAt(init)) return true;
  while (init.type === AST_NODE_TYPES.MemberExpression) init = unwrap(init.object);
  return init.type === AST_NODE_TYPES.NewExpression;
}

/** A project's answer as a list: undefined when it is empty, so that the call is passed over. */
function nonEmpty<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list !== undefined && list.length > 0 ? list : undefined;
}

/** Source text as one line (`packageManager\n  .outdated` is `packageManager.outdated`): messages are one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/gu, '');
}
