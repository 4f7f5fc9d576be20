import { isBuiltin } from 'node:module';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, ScopeType } from '../file/scope-types.js';
import { FileFacts, type ClassifiedWrite, type FileInput } from '../facts.js';
import { calleeName, choices, enclosingClass, encloses, enclosingFunction, functionName, isFunction, isNode, outerValue, propertyName, returnedExpressions, thisCallsByName, unwrap, variableOf, walk, type FunctionNode } from '../file/ast.js';
import { isHandRolledSessionStore } from '../findings/session-store.js';
import { importResolverFor } from '../file/imports.js';
import { deferredWork, recurringJobs } from '../findings/timers.js';
import { databasesOnLoad, keptFileWrites } from '../findings/local-files.js';
import { isModuleExportsObject, readModuleInfo } from '../file/module-info.js';
import { isUnset } from '../file/option-values.js';
import { fillsLazySlot, isEmptyingWrite, isLazyInit, isResourceCall, isResourceValue } from '../state/lazy-init.js';
import { isProcessListener } from '../state/pool-work.js';
import { containerOfValue, isCollection, type ClassNode, type Container } from '../state/place.js';
import type { StateKind } from '../state/state-kind.js';
import { containerOfMember, moduleScopeOf, objectMethodThis, WriteCollector, type ModuleBinding } from '../state/writes.js';
import { importedType, receiverCalls, typeNameOf, type ReceiverCall } from '../state/receivers.js';
import { isGlobalObject, sharingConstructor } from '../lifetime/singletons.js';

/**
 * What another file of the project holds and what its exports do to it: the facts a file that
 * imports it needs to see state written across the file boundary. A summary is read-only and
 * depends only on the summarised file (and, for calls it makes into further project files, on
 * theirs), so it is computed once per file and process and shared by every file that imports it.
 */
export interface ModuleSummary {
  readonly file: string;
  readonly exports: ReadonlyMap<string, ExportSummary>;
  /** Files re-exported whole (`export * from './rooms'`), resolved. */
  readonly star: readonly string[];
  /** The recurring jobs the module starts while it loads. */
  readonly jobs: readonly SummaryJob[];
  /** The embedded databases the module opens on a local file while it loads; none for a server file, which reports its own. */
  readonly databases: readonly SummaryDatabase[];
}

/** Where a module does something its callers or loaders should hear of: the file (absolute) and line. */
export interface SummarySite {
  readonly file: string;
  readonly line: number;
}

/**
 * A recurring job that a module which serves no requests starts: a `setInterval`, a `setTimeout`
 * that schedules its own function again, a scheduler's job. Its own file does not report it (it is
 * no server file); a server file that loads the module or calls the function that starts it does.
 */
export interface SummaryJob extends SummarySite {
  /** `setInterval`, `cron.schedule`, as written. */
  readonly timer: string;
  readonly kind: 'interval' | 'loop' | 'scheduler';
}

/** An embedded database that a module opens on a local file while it loads (`new Database('app.db')`). */
export interface SummaryDatabase extends SummarySite {
  /** The call, as its own file's finding words it: `` `new DataSource(…)` from `typeorm` ``. */
  readonly found: string;
  readonly package: string | undefined;
  readonly advice: string | undefined;
}

/** A place of a project module that may outlive a request. */
export interface SummaryPlace {
  /** `pending`, `items`, `this.jobs`. */
  readonly name: string;
  /** The file that declares it, absolute. */
  readonly file: string;
  readonly line: number;
  readonly kind: StateKind;
  readonly container: Container;
  /** For a field (`this.jobs`) of an instance made when its module loads: the name that instance goes by. */
  readonly instance?: string;
  /** For a field: the class that declares it. */
  readonly className?: string;
  /** For a lookup by key: which argument of the exported function the key comes from (`findJob(id)`: 0). */
  readonly keyArgument?: number;
}

/** A call into another file of the project: which file, and the export path(s) the callee may be. */
export interface ProjectCall {
  readonly file: string;
  readonly paths: readonly (readonly string[])[];
  /**
   * A call on a typed receiver (`services.tasks.runInBackground()` with `services: Services`): the
   * one path names the receiver's type, and the callee is `method` of the class reached through
   * `members`. Only what the method starts counts (jobs, files, timers), not what it writes: a
   * parameter may hold an instance its caller made for one request.
   */
  readonly through?: { readonly members: readonly string[]; readonly method: string };
  /**
   * The callee belongs to a value the calling function made in the same run (`createQuery().where(…)`,
   * `const query = createQuery(); query.where(…)`): a factory's object made afresh for each call
   * keeps nothing beyond it (a getter's one value is still the one value).
   */
  readonly fresh?: true;
}

/**
 * A function: the places of its own module it writes and looks up by key (itself or through the
 * functions of its module it calls), and its calls into other project files, which are followed
 * when the summary is read (`Summaries.effectsOf`), so that no summary depends on the order in
 * which files were summarised.
 */
export interface FunctionSummary {
  readonly type: 'function';
  readonly writes: readonly SummaryPlace[];
  readonly keyedReads: readonly SummaryPlace[];
  readonly calls: readonly ProjectCall[];
  /** The recurring jobs it starts, itself or through the functions of its module it calls. */
  readonly jobs: readonly SummaryJob[];
  /** The files it writes and leaves on local disk, itself or through the functions of its module it calls. */
  readonly files: readonly SummaryFileWrite[];
  /** The timers it starts that do outside work later (`setTimeout(() => deliver(…), 500)`), itself or through the functions of its module it calls. */
  readonly deferred: readonly SummaryDeferred[];
  /**
   * For an exported factory (`createLimiter()` returning `{ hit(key) { hits.set(key, …) } }`): the
   * methods of the object it returns that write the factory's own closure bindings. Each call makes
   * a fresh set of those bindings; a caller that keeps the object (`const limiter = createLimiter()`
   * at module scope) keeps that state for the process's life.
   */
  readonly returns?: ReadonlyMap<string, FunctionSummary>;
  /**
   * For an exported getter of one value its module keeps (`getStore()` returning `store ??= new
   * MemoryStore()`, `getDriver()` returning the binding it set once to an imported driver): that
   * value, handed to every caller, and the binding that keeps it.
   */
  readonly shares?: { readonly value: SharedValue; readonly binding: string };
}

/** What a getter hands out: an instance of a class of its module or of another file, an imported value, an object. */
export type SharedValue = Extract<ExportSummary, { type: 'instance' | 'made' | 'reexport' | 'object' }>;

/** A timer that does outside work after its caller has returned, in code whose callers the file cannot see. */
export interface SummaryDeferred extends SummarySite {
  /** `setTimeout` or `setImmediate`. */
  readonly timer: string;
}

/** A write that leaves a file on the instance's disk (`fs.promises.writeFile(fullPath, contents)`), in code whose callers the file cannot see. */
export interface SummaryFileWrite extends SummarySite {
  /** The call as written: `` `fs.promises.writeFile` ``. */
  readonly found: string;
}

export type ExportSummary =
  | FunctionSummary
  /** An object literal: its members, and the object itself as a place when it holds data. */
  | { readonly type: 'object'; readonly members: ReadonlyMap<string, ExportSummary>; readonly place: SummaryPlace | undefined }
  /** A binding that holds data: an array, `Map`, `Set`, object, or a `let`. */
  | { readonly type: 'data'; readonly place: SummaryPlace }
  /** A class: the fields each method writes through `this` (itself or through the methods it calls). */
  | {
      readonly type: 'class';
      readonly name: string;
      readonly file: string;
      readonly line: number;
      readonly methods: ReadonlyMap<string, readonly SummaryPlace[]>;
      /** A framework's container makes and scopes its instances (a NestJS provider): its own file says whether one is shared. */
      readonly managed: boolean;
      /**
       * A managed class whose one instance serves every request (a NestJS provider of default scope).
       * Its `methods` and `effects` then hold only the methods its own file does not report as
       * running per request (`initialize()`, taken for startup by its name): a caller that runs
       * them per request is where that is seen.
       */
      readonly shared: boolean;
      /** The fields whose declared type, or the class they are made with, is a class or interface of the project. */
      readonly members: ReadonlyMap<string, TypeReference>;
      /**
       * What each method does besides writing its fields (itself or through the methods it calls on
       * `this`): module state it writes, jobs and timers it starts, files it leaves, and its calls into
       * other project files. Only methods that do any of it are listed.
       */
      readonly effects: ReadonlyMap<string, FunctionSummary>;
      /** What each static method does (`Terminal.track()` writing `Terminal.terminalMap`): only those that do anything. */
      readonly statics: ReadonlyMap<string, FunctionSummary>;
      /**
       * Static methods and getters that return the class's one instance, kept in a static field
       * (`static getInstance() { return (Registry.instance ??= new Registry()); }`): a method called
       * on what they return (`Registry.getInstance().add(…)`) runs on an instance every request shares.
       */
      readonly instanceGetters: ReadonlySet<string>;
      /** The constructor keeps the first instance in a static field and returns it to every later `new` (`sharingConstructor`). */
      readonly sharedByConstructor: boolean;
      /**
       * What `new` of the class does besides filling the instance's own fields: the constructor's
       * writes to module state and static fields (`Terminal.terminalMap.set(this.name, this)`), through
       * `super(…)` of a class of the same module too. Undefined when it does nothing of the kind.
       */
      readonly construct: FunctionSummary | undefined;
    }
  /**
   * An interface or object type (`interface Services { sessions: SessionStore }`) that no one class
   * of its module implements: the members whose declared type is a class or interface of the project.
   */
  | { readonly type: 'shape'; readonly members: ReadonlyMap<string, TypeReference> }
  /** One instance of a class of the module, created when it loads (`export default new SessionManager()`). */
  | { readonly type: 'instance'; readonly of: Extract<ExportSummary, { type: 'class' }>; readonly line: number }
  /**
   * One instance, made when the module loads, of a class another project file exports
   * (`export const pool = new BrowserPool()` with `BrowserPool` imported): the class is looked up
   * in that file when a method of the instance is asked for, as a re-export is.
   */
  | { readonly type: 'made'; readonly file: string; readonly name: string; readonly line: number }
  /** A name re-exported from another file (`export { rooms } from './rooms'`). */
  | { readonly type: 'reexport'; readonly file: string; readonly name: string }
  | { readonly type: 'other' };

/** A type of the project, by the file that exports it (absolute) and the name it is exported under. */
export interface TypeReference {
  readonly file: string;
  readonly name: string;
}

/** What summaries need of their surroundings: resolving the project's imports and parsing its files. */
export interface SummaryHost {
  /** The absolute path of a project source file an import names, or undefined (a package, or unresolved). */
  resolve(specifier: string, fromFile: string): string | undefined;
  /**
   * The file that declares what `file` exports as `name`, past the barrels that re-export it, read
   * without a parse; undefined when that is not clear from the text (the summaries then look it up).
   */
  origin?(file: string, name: string): { readonly file: string; readonly name: string; readonly hops: number } | undefined;
  /** What identifies the file's current content (size and modification time), or undefined when it cannot be read. */
  version(file: string): string | undefined;
  /** The file as the analysis reads it, or undefined when it cannot be read, is too large, or does not parse. */
  input(file: string): FileInput | undefined;
}

/** Assignments that give a getter's binding its value (`store = …`, `store ??= …`, `store ||= …`). */
const SHARING_ASSIGNMENTS: ReadonlySet<string> = new Set(['=', '??=', '||=']);

/** How many files deep a summary follows calls and re-exports into further project files. */
const MAX_DEPTH = 3;

const OTHER: ExportSummary = { type: 'other' };

/** How many summaries are kept; past it the oldest are dropped (and worked out again if asked for). */
const MAX_SUMMARIES = 4_000;

interface CachedSummary {
  readonly version: string;
  /** Null when the file cannot be summarised (it does not parse, or is too large). */
  summary: ModuleSummary | null;
  /** The file is being summarised: a cycle of imports ends here. */
  building: boolean;
}

/** Builds and caches summaries; one per host (per ESLint process and configuration). */
export class Summaries {
  private readonly cache = new Map<string, CachedSummary>();
  /** Files whose version was checked since the last `checkAgain()`: each is stat'ed once a lint of a file. */
  private readonly checked = new Set<string>();

  constructor(private readonly host: SummaryHost) {}

  /**
   * Versions are checked again on the next use: called once for each file ESLint lints, so that an
   * editor's edits to an imported file are seen, while one lint stats each imported file once.
   */
  checkAgain(): void {
    this.checked.clear();
  }

  /** The summary of a project file, or undefined when it cannot be read. */
  of(file: string): ModuleSummary | undefined {
    const cached = this.cache.get(file);
    if (cached && (cached.building || this.checked.has(file))) return cached.summary ?? undefined;
    const version = this.host.version(file);
    this.checked.add(file);
    if (cached && cached.version === version) return cached.summary ?? undefined;
    // The file changed: what other files' summaries took from it is stale too.
    if (cached) this.cache.clear();
    if (version === undefined) return undefined;
    const entry: CachedSummary = { version, summary: null, building: true };
    this.cache.set(file, entry);
    if (this.cache.size > MAX_SUMMARIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined && oldest !== file) this.cache.delete(oldest);
    }
    const input = this.host.input(file);
    try {
      entry.summary = input ? new Summariser(input, this).summary() : null;
    } finally {
      entry.building = false;
    }
    return entry.summary ?? undefined;
  }

  /** The project file an import of `fromFile` names. */
  resolve(specifier: string, fromFile: string): string | undefined {
    return this.host.resolve(specifier, fromFile);
  }

  /** The file that declares export `name` of `file` (`SummaryHost.origin`), or `file` itself when that is not clear. */
  originFile(file: string, name: string | undefined): string {
    return name === undefined ? file : (this.host.origin?.(file, name)?.file ?? file);
  }

  /**
   * Everything a function writes and looks up by key: its own module's places, and through its calls
   * into other project files, followed `MAX_DEPTH` files deep from here (each file once). `follows`,
   * when given, is asked of each call before the file it names is summarised: a caller that reads one
   * kind of effect passes the gate's answer for that kind, so that a call whose file reaches nothing
   * of it costs no parse (the other kinds of the result then leave that call out).
   */
  effectsOf(fn: FunctionSummary, follows?: (call: ProjectCall) => boolean): { writes: SummaryPlace[]; keyedReads: SummaryPlace[]; jobs: SummaryJob[]; files: SummaryFileWrite[]; deferred: SummaryDeferred[] } {
    const writes: SummaryPlace[] = [];
    const keyedReads: SummaryPlace[] = [];
    const jobs: SummaryJob[] = [];
    const files: SummaryFileWrite[] = [];
    const deferred: SummaryDeferred[] = [];
    const addSite = <T extends SummarySite>(list: T[], site: T): void => {
      if (!list.some((other) => other.file === site.file && other.line === site.line)) list.push(site);
    };
    const add = (list: SummaryPlace[], place: SummaryPlace): void => {
      if (!list.some((other) => other.name === place.name && other.file === place.file)) list.push(place);
    };
    const seen = new Set<FunctionSummary>([fn]);
    // Functions reached through a typed receiver, and all they reach: their writes may be to an instance made per request.
    const startsOnly = new Set<FunctionSummary>();
    let level: FunctionSummary[] = [fn];
    for (let depth = 0; level.length > 0; depth++) {
      const next: FunctionSummary[] = [];
      for (const current of level) {
        const whole = !startsOnly.has(current);
        if (whole) {
          // Fields of instances reached through further calls are named by their instance (`storage.references`).
          for (const place of current.writes) add(writes, depth > 0 && place.instance !== undefined ? { ...place, name: place.name.replace(/^this\./u, `${place.instance}.`) } : place);
          for (const place of current.keyedReads) add(keyedReads, place);
        }
        for (const job of current.jobs) addSite(jobs, job);
        for (const write of current.files) addSite(files, write);
        for (const timer of current.deferred) addSite(deferred, timer);
        if (depth >= MAX_DEPTH) continue;
        for (const call of current.calls) {
          if (follows && !follows(call)) continue;
          const found = this.calleeOf(call);
          if (!found || seen.has(found)) continue;
          seen.add(found);
          next.push(found);
          if (!whole || call.through) startsOnly.add(found);
        }
      }
      level = next;
    }
    return { writes, keyedReads, jobs, files, deferred };
  }

  /** The function a call into another project file reaches: an export, or the method of a typed receiver's class. */
  private calleeOf(call: ProjectCall): FunctionSummary | undefined {
    const through = call.through;
    if (through) {
      const [path] = call.paths;
      let found = path ? this.lookup(call.file, path) : undefined;
      for (const member of through.members) found = found ? this.memberOf(found, member) : undefined;
      // A framework's provider is left out: its own file reports what it starts.
      if (found?.type !== 'class' || found.managed) return undefined;
      return this.methodCache(found, through.method);
    }
    for (const path of call.paths) {
      if (call.fresh && this.madeByFactory(call.file, path)) continue;
      const found = this.lookup(call.file, path);
      if (found?.type === 'function') return found;
    }
    return undefined;
  }

  /** `['createQuery', '()', 'where']` with `createQuery` a factory (its result made per call, not one value it hands out). */
  private madeByFactory(file: string, path: readonly string[]): boolean {
    const at = path.lastIndexOf('()');
    if (at < 1 || at !== path.length - 2) return false;
    const maker = this.lookup(file, path.slice(0, at));
    return maker?.type === 'function' && maker.returns !== undefined && maker.shares === undefined;
  }

  private readonly methods = new WeakMap<Extract<ExportSummary, { type: 'class' }>, Map<string, FunctionSummary | null>>();

  /** A class's method as one summary, the same object each time it is asked for (so that a walk meets it once). */
  private methodCache(found: Extract<ExportSummary, { type: 'class' }>, method: string): FunctionSummary | undefined {
    let byName = this.methods.get(found);
    if (!byName) {
      byName = new Map();
      this.methods.set(found, byName);
    }
    let summary = byName.get(method);
    if (summary === undefined) {
      summary = methodOf({ type: 'instance', of: found, line: found.line }, method) ?? null;
      byName.set(method, summary);
    }
    return summary ?? undefined;
  }

  /** The jobs that start when a project file loads (its own, not those of the files it loads: each of those is reported where it is loaded). */
  jobsOnLoad(file: string): readonly SummaryJob[] {
    return this.of(file)?.jobs ?? [];
  }

  /** The embedded databases a project file opens on a local file when it loads (its own, as for jobs). */
  databasesOnLoad(file: string): readonly SummaryDatabase[] {
    return this.of(file)?.databases ?? [];
  }

  /**
   * What `path` of a project file's exports is: `['issueInvite']`, `['rooms', 'open']`, `['default']`.
   * Re-exports and `export *` are followed a few files deep; CommonJS modules answer for `default.x` as for `x`.
   */
  lookup(file: string, path: readonly string[], depth = 0): ExportSummary | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const [head, ...rest] = path;
    if (head === undefined) return undefined;
    // Past barrels without summarising them: the file that declares the name, as its text says.
    const origin = this.host.origin?.(file, head);
    if (origin && origin.file !== file) return this.lookup(origin.file, [origin.name, ...rest], depth + origin.hops);
    const summary = this.of(file);
    if (!summary) return undefined;
    let found = summary.exports.get(head);
    if (!found && head === 'default' && rest.length > 0) return this.lookup(file, rest, depth);
    if (!found) {
      for (const star of summary.star) {
        const inner = this.lookup(star, path, depth + 1);
        if (inner) return inner;
      }
      return undefined;
    }
    if (found.type === 'reexport') return this.lookup(found.file, [found.name, ...rest], depth + 1);
    if (found.type === 'made') {
      const method = rest.length === 1 ? rest[0] : undefined;
      const made = method === undefined ? undefined : this.lookup(found.file, [found.name], depth + 1);
      return made?.type === 'class' && method !== undefined ? methodOf({ type: 'instance', of: made, line: found.line }, method, head === 'default' ? undefined : head) : undefined;
    }
    // `const limiter = createLimiter(); limiter.hit(…)`: a method of the object a factory returns;
    // `(await getStore()).add(…)`: a method of the one value a getter hands out.
    if (found.type === 'function' && rest.length === 2 && rest[0] === '()' && rest[1] !== undefined) {
      return found.shares ? this.sharedMember(found.shares.value, rest[1], found.shares.binding, depth) : found.returns?.get(rest[1]);
    }
    // `new Hub().join(…)` of a class whose constructor hands every `new` its one instance (`sharingConstructor`).
    if (found.type === 'class' && rest.length === 2 && rest[0] === 'new' && rest[1] !== undefined && found.sharedByConstructor) {
      return methodOf({ type: 'instance', of: found, line: found.line }, rest[1], found.name);
    }
    // `Terminal.track(…)`: a static method.
    if (found.type === 'class' && rest.length === 1 && rest[0] !== undefined) return found.statics.get(rest[0]);
    // `Registry.getInstance().add(…)`: a method of the one instance the class keeps of itself.
    if (found.type === 'class' && rest.length === 3 && rest[1] === '()' && rest[0] !== undefined && rest[2] !== undefined && found.instanceGetters.has(rest[0])) {
      return methodOf({ type: 'instance', of: found, line: found.line }, rest[2], found.name);
    }
    for (const part of rest) {
      if (found.type === 'instance') return rest.length === 1 ? methodOf(found, part, head === 'default' ? undefined : head) : undefined;
      if (found.type !== 'object') return undefined;
      const member: ExportSummary | undefined = found.members.get(part);
      if (!member) return undefined;
      found = member;
    }
    return found;
  }

  /** Method `name` of the value a getter hands out, named after the binding that keeps it. */
  private sharedMember(value: SharedValue, name: string, owner: string, depth: number): FunctionSummary | undefined {
    switch (value.type) {
      case 'instance':
        return methodOf(value, name, owner);
      case 'made': {
        const made = this.lookup(value.file, [value.name], depth + 1);
        return made?.type === 'class' ? methodOf({ type: 'instance', of: made, line: value.line }, name, owner) : undefined;
      }
      case 'reexport': {
        const found = this.lookup(value.file, [value.name, name], depth + 1);
        return found?.type === 'function' ? found : undefined;
      }
      case 'object': {
        const member = value.members.get(name);
        return member?.type === 'function' ? member : undefined;
      }
    }
  }

  /** The class or shape of member `name` of a class or shape (`sessions` of `AppContext`: `SessionStore`). */
  memberOf(found: ExportSummary, name: string): ExportSummary | undefined {
    if (found.type !== 'class' && found.type !== 'shape') return undefined;
    const reference = found.members.get(name);
    return reference ? this.lookup(reference.file, [reference.name]) : undefined;
  }
}


class Summariser {
  private readonly facts: FileFacts;
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly file: string;
  /** The writes to the module's places, by the top-level function they run in. */
  private readonly writesByFunction = new Map<FunctionNode, ClassifiedWrite[]>();
  private readonly places = new Map<TSESLint.Scope.Variable, SummaryPlace>();
  private readonly functionSummaries = new Map<FunctionNode, FunctionSummary>();
  private readonly classSummaries = new Map<ClassNode, Extract<ExportSummary, { type: 'class' }>>();
  /** Classes whose constructor is being read (`constructSummary`), against a constructor that makes its own class. */
  private readonly constructing = new Set<ClassNode>();
  /** The module's recurring jobs, by the top-level function that starts them (`null`: while the module loads). */
  private readonly jobsByFunction = new Map<FunctionNode | null, SummaryJob[]>();
  /** The files the module's functions leave on disk, by the top-level function that writes them. */
  private readonly filesByFunction = new Map<FunctionNode, SummaryFileWrite[]>();
  /** The timers the module's functions start to do outside work later, by the top-level function that starts them. */
  private readonly deferredByFunction = new Map<FunctionNode, SummaryDeferred[]>();

  constructor(
    input: FileInput,
    private readonly summaries: Summaries,
  ) {
    this.facts = FileFacts.of(input);
    this.sourceCode = input.sourceCode;
    this.file = input.filename;
  }

  summary(): ModuleSummary {
    const info = readModuleInfo(this.sourceCode.ast);
    for (const write of [...this.facts.moduleWrites, ...this.facts.staticWrites]) {
      if (!write.binding || write.binding.owner || write.lazyInit || write.excused || write.lifetime === 'startup' || !write.fn || this.inRegisteredHandler(write.write.node)) continue;
      // One owner: a hand-rolled session store is reported where it is declared (`no-in-memory-session`), not at each caller.
      if (isHandRolledSessionStore(this.facts, write.binding)) continue;
      const top = topLevelFunction(write.fn);
      if (!top) continue;
      const list = this.writesByFunction.get(top) ?? [];
      list.push(write);
      this.writesByFunction.set(top, list);
    }
    for (const job of this.facts.servesRequests ? [] : recurringJobs(this.facts)) {
      if (this.inRegisteredHandler(job.node)) continue;
      const fn = enclosingFunction(job.node);
      const top = fn ? (topLevelFunction(fn) ?? null) : null;
      const list = this.jobsByFunction.get(top) ?? [];
      list.push({ file: this.file, line: job.node.loc.start.line, timer: job.timer, kind: job.kind });
      this.jobsByFunction.set(top, list);
    }
    for (const write of keptFileWrites(this.facts)) if (!this.inRegisteredHandler(write.node)) addByFunction(this.filesByFunction, write.node, { file: this.file, line: write.node.loc.start.line, found: write.found });
    for (const timer of deferredWork(this.facts)) if (!this.inRegisteredHandler(timer.node)) addByFunction(this.deferredByFunction, timer.node, { file: this.file, line: timer.node.loc.start.line, timer: timer.timer });
    const exports = new Map<string, ExportSummary>();
    const star: string[] = [];
    for (const statement of this.sourceCode.ast.body) {
      if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported) {
        const resolved = this.summaries.resolve(statement.source.value, this.file);
        if (resolved !== undefined) star.push(resolved);
      }
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
        const resolved = this.summaries.resolve(statement.source.value, this.file);
        if (resolved === undefined) continue;
        for (const specifier of statement.specifiers) {
          const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
          const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
          exports.set(exported, { type: 'reexport', file: resolved, name: local });
        }
      }
    }
    for (const [node, names] of info.exportsByNode) {
      const summary = this.describe(node);
      for (const name of names) if (!exports.has(name)) exports.set(name, summary);
    }
    const moduleScope = moduleScopeOf(this.sourceCode.scopeManager);
    for (const [local, names] of info.exportsByLocal) {
      const variable = moduleScope?.set.get(local);
      const summary = variable ? this.describeVariable(variable) : OTHER;
      for (const name of names) if (!exports.has(name)) exports.set(name, summary);
    }
    // `export interface IRealm` with one class of the module implementing it: a value typed `IRealm` is that class's instance.
    for (const [name, classNode] of this.soleImplementers()) if (!exports.has(name)) exports.set(name, this.classSummary(classNode));
    for (const [name, members] of this.exportedShapes()) if (!exports.has(name)) exports.set(name, { type: 'shape', members });
    return { file: this.file, exports, star, jobs: this.jobsOnLoad(), databases: this.databasesOnLoad() };
  }

  /** Jobs started at the top of the module, or by a function that runs while it loads (`start()` called at the top, an IIFE). */
  private jobsOnLoad(): SummaryJob[] {
    const jobs = [...(this.jobsByFunction.get(null) ?? [])];
    for (const [fn, list] of this.jobsByFunction) if (fn && this.facts.lifetimes.ofFunction(fn) === 'startup') jobs.push(...list);
    return jobs;
  }

  private databasesOnLoad(): SummaryDatabase[] {
    if (this.facts.servesRequests) return [];
    return databasesOnLoad(this.facts).map((finding) => ({ file: this.file, line: finding.node.loc.start.line, found: finding.found, package: finding.package, advice: finding.advice }));
  }

  /** The interfaces and object types the module exports, with the members that name a type of the project (those with none are left out). */
  private exportedShapes(): Map<string, ReadonlyMap<string, TypeReference>> {
    const result = new Map<string, ReadonlyMap<string, TypeReference>>();
    for (const statement of this.sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
      const declaration = statement.declaration;
      let elements: readonly TSESTree.TypeElement[] | undefined;
      let shape: string | undefined;
      if (declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
        elements = declaration.body.body;
        shape = declaration.id.name;
      } else if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral) {
        elements = declaration.typeAnnotation.members;
        shape = declaration.id.name;
      }
      if (shape === undefined || !elements) continue;
      const members = new Map<string, TypeReference>();
      for (const element of elements) {
        if (element.type !== AST_NODE_TYPES.TSPropertySignature || element.computed) continue;
        const name = element.key.type === AST_NODE_TYPES.Identifier ? element.key.name : String(element.key.value);
        const reference = this.typeReference(element.typeAnnotation?.typeAnnotation);
        if (reference) members.set(name, reference);
      }
      if (members.size > 0) result.set(shape, members);
    }
    return result;
  }

  /**
   * The fields of a class that hold an instance of a project type: declared with its name
   * (`public sessions: SessionStore`, `constructor(private readonly sessions: SessionStore)`), else
   * made with its class (`sessions = new SessionStore()`, `this.sessions = new SessionStore()` in the constructor).
   */
  private classMembers(classNode: ClassNode): Map<string, TypeReference> {
    const members = new Map<string, TypeReference>();
    const set = (name: string | undefined, reference: TypeReference | undefined): void => {
      if (name !== undefined && reference && !members.has(name)) members.set(name, reference);
    };
    for (const member of classNode.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed) {
        set(propertyName(member), this.typeReference(member.typeAnnotation?.typeAnnotation) ?? (member.value ? this.constructed(member.value) : undefined));
      }
      if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
      for (const parameter of member.value.params) {
        if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
        set(inner.name, this.typeReference(inner.typeAnnotation?.typeAnnotation));
      }
      for (const statement of member.value.body?.body ?? []) {
        if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
        const { left, right } = statement.expression;
        if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression) set(propertyName(left), this.constructed(right));
      }
    }
    return members;
  }

  /** The project type a type annotation names (`SessionStore`, `SessionStore | undefined`). */
  private typeReference(type: TSESTree.TypeNode | undefined): TypeReference | undefined {
    const name = typeNameOf(type);
    return name ? this.exportedType(name) : undefined;
  }

  /** The project class `new SessionStore(…)` makes. */
  private constructed(value: TSESTree.Node): TypeReference | undefined {
    const node = unwrap(value);
    return node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier ? this.exportedType(node.callee) : undefined;
  }

  /** Where a class, interface or type that a name of this module denotes is exported: an import of a project file, or an export of this one. */
  private exportedType(identifier: TSESTree.Identifier): TypeReference | undefined {
    const def = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier)?.defs[0];
    if (!def) return undefined;
    if (def.type === DefinitionType.ImportBinding) {
      const imported = this.importedBinding(def.node);
      return imported.type === 'reexport' ? { file: imported.file, name: imported.name } : undefined;
    }
    const declaration = def.node;
    if (declaration.type !== AST_NODE_TYPES.ClassDeclaration && declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration && declaration.type !== AST_NODE_TYPES.TSTypeAliasDeclaration) return undefined;
    if (declaration.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return { file: this.file, name: 'default' };
    return declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration && declaration.id ? { file: this.file, name: declaration.id.name } : undefined;
  }

  /** Each interface the module exports, with the one class of the module that implements it (none when two do). */
  private soleImplementers(): Map<string, ClassNode> {
    const exported = new Set<string>();
    const classes: ClassNode[] = [];
    for (const statement of this.sourceCode.ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
      if (declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration && statement.type === AST_NODE_TYPES.ExportNamedDeclaration) exported.add(declaration.id.name);
      // espree's trees (JavaScript files) have no `implements` at all.
      const implemented: readonly TSESTree.TSClassImplements[] | undefined = declaration?.type === AST_NODE_TYPES.ClassDeclaration ? declaration.implements : undefined;
      if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && implemented && implemented.length > 0) classes.push(declaration);
    }
    const result = new Map<string, ClassNode>();
    const twice = new Set<string>();
    for (const classNode of classes) {
      for (const heritage of classNode.implements) {
        const name = heritage.expression.type === AST_NODE_TYPES.Identifier ? heritage.expression.name : undefined;
        if (name === undefined || !exported.has(name)) continue;
        if (result.has(name)) twice.add(name);
        result.set(name, classNode);
      }
    }
    for (const name of twice) result.delete(name);
    return result;
  }

  /** What an exported value node is. */
  private describe(raw: TSESTree.Node): ExportSummary {
    const node = unwrap(raw);
    if (isFunction(node)) return this.exportedFunction(node);
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return this.classSummary(node);
    if (node.type === AST_NODE_TYPES.NewExpression && !isCollection(containerOfValue(node))) {
      const classNode = this.localClass(node.callee);
      if (classNode) return { type: 'instance', of: this.classSummary(classNode), line: node.loc.start.line };
      // `new BrowserPool()` of a class imported from another project file.
      const origin = importResolverFor(this.sourceCode).resolve(node.callee);
      const path = origin?.paths.find((candidate) => candidate.length === 1);
      const file = origin && path && isProjectSpecifier(origin.specifier) ? this.summaries.resolve(origin.specifier, this.file) : undefined;
      return file !== undefined && path?.[0] !== undefined ? { type: 'made', file, name: path[0], line: node.loc.start.line } : OTHER;
    }
    if (node.type === AST_NODE_TYPES.ObjectExpression) return this.objectSummary(node, this.placeOfNode(node));
    // `cond ? new Redis(url) : new MemoryRedis()`: the configuration may pick the module's own class, and its state.
    const chosen = this.chosenLocalInstance(node);
    if (chosen) return this.describe(chosen);
    const revealed = revealedObject(node);
    if (revealed) return this.objectSummary(revealed, undefined);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
      return variable ? this.describeVariable(variable) : OTHER;
    }
    const container = containerOfValue(node);
    // `exports.nextId = 1`: a property of the module object, which importers may change.
    if (isCollection(container) || isCommonJsProperty(node)) {
      const place = this.placeOfNode(node);
      return place ? { type: 'data', place } : OTHER;
    }
    return OTHER;
  }

  /** What a module-level binding exported by name holds. */
  private describeVariable(variable: TSESLint.Scope.Variable): ExportSummary {
    const def = variable.defs[0];
    if (!def) return OTHER;
    if (def.type === DefinitionType.FunctionName && isFunction(def.node)) return this.exportedFunction(def.node);
    if (def.type === DefinitionType.ClassName) return this.classSummary(def.node);
    if (def.type === DefinitionType.ImportBinding) return this.importedBinding(def.node);
    if (def.type !== DefinitionType.Variable) return OTHER;
    const init = def.node.init ? unwrap(def.node.init) : undefined;
    if (init && (isFunction(init) || init.type === AST_NODE_TYPES.ClassExpression || (init.type === AST_NODE_TYPES.NewExpression && !isCollection(containerOfValue(init))))) return this.describe(init);
    if (init?.type === AST_NODE_TYPES.ConditionalExpression || init?.type === AST_NODE_TYPES.LogicalExpression) {
      const chosen = this.chosenLocalInstance(init);
      if (chosen) return this.describe(chosen);
    }
    const place = this.placeOf(variable);
    if (init?.type === AST_NODE_TYPES.ObjectExpression) return this.objectSummary(init, place);
    const revealed = init ? revealedObject(init) : undefined;
    if (revealed) return this.objectSummary(revealed, undefined);
    return place ? { type: 'data', place } : OTHER;
  }

  /** `import { x } from './y'; export { x }`: what the other file says of `x`. */
  private importedBinding(node: TSESTree.Node): ExportSummary {
    const declaration = node.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return OTHER;
    const resolved = this.summaries.resolve(declaration.source.value, this.file);
    if (resolved === undefined) return OTHER;
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      return { type: 'reexport', file: resolved, name: imported };
    }
    return node.type === AST_NODE_TYPES.ImportDefaultSpecifier ? { type: 'reexport', file: resolved, name: 'default' } : OTHER;
  }

  /** An object literal: a member per property, functions summarised; the object itself a place when it holds data. */
  private objectSummary(object: TSESTree.ObjectExpression, place: SummaryPlace | undefined): ExportSummary {
    const members = new Map<string, ExportSummary>();
    const dataMembers = new Map<string, SummaryPlace>();
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyName(property);
      if (key === undefined) continue;
      const value = unwrap(property.value);
      if (isFunction(value)) {
        members.set(key, this.functionSummary(value));
      } else if (value.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(this.sourceCode.getScope(value), value);
        members.set(key, variable ? this.describeVariable(variable) : OTHER);
      } else if (isCollection(containerOfValue(value)) || value.type === AST_NODE_TYPES.ObjectExpression || isPlainValue(value)) {
        const memberPlace = this.dataPlace(place ? `${place.name}.${key}` : key, value);
        dataMembers.set(key, memberPlace);
        members.set(key, value.type === AST_NODE_TYPES.ObjectExpression ? this.objectSummary(value, memberPlace) : { type: 'data', place: memberPlace });
      }
    }
    this.addSelfWrites(object, dataMembers, members);
    return { type: 'object', members, place };
  }

  /**
   * `module.exports = { groups: {}, add(id, g) { this.groups[id] = g } }`: an exported object with no
   * binding of its own, whose methods write its data members through \`this\`. (A bound object's
   * \`this\` writes are its binding's, found with the file's other writes.) Each method's summary
   * gains the members it writes; a lazy fill, or a client or server assigned, is no data.
   */
  private addSelfWrites(object: TSESTree.ObjectExpression, dataMembers: ReadonlyMap<string, SummaryPlace>, members: Map<string, ExportSummary>): void {
    const holder = outerValue(object).parent;
    if (dataMembers.size === 0 || (holder?.type !== AST_NODE_TYPES.AssignmentExpression && holder?.type !== AST_NODE_TYPES.ExportDefaultDeclaration)) return;
    const collector = new WriteCollector(this.sourceCode, 'object');
    for (const self of objectMethodThis(object, this.sourceCode.visitorKeys)) collector.place(self);
    const byMethod = new Map<string, SummaryPlace[]>();
    const candidates = collector.writes.flatMap((write) => {
      const member = write.path.split('.')[0] ?? '';
      const memberPlace = dataMembers.get(member);
      if (!memberPlace || write.depth === 0) return [];
      const assignment = write.node.type === AST_NODE_TYPES.AssignmentExpression ? write.node : undefined;
      const lazy = assignment !== undefined && isLazyInit(this.sourceCode, assignment);
      // `this.folders = null`, `this.cache.clear()`: emptied, as the file's own bindings are.
      const reset = write.path === member && (write.kind === 'member' || write.kind === 'method') && isEmptyingWrite(write);
      return [{ write, member, memberPlace, lazy, reset }];
    });
    // A member only ever filled lazily and emptied is a cache of this process, not data (as \`withTeardowns\` has it for bindings).
    const lazyOnly = new Map<string, boolean>();
    for (const candidate of candidates) if (!candidate.reset) lazyOnly.set(candidate.member, (lazyOnly.get(candidate.member) ?? true) && candidate.lazy);
    for (const { write, member, memberPlace, lazy, reset } of candidates) {
      if (lazy || (reset && lazyOnly.get(member) === true)) continue;
      if (write.values.some((value) => isResourceValue(value) || isResourceCall(value))) continue;
      const method = object.properties.find((property) => property.type === AST_NODE_TYPES.Property && property.value.range[0] <= write.node.range[0] && write.node.range[1] <= property.value.range[1]);
      const name = method?.type === AST_NODE_TYPES.Property ? propertyName(method) : undefined;
      if (name === undefined) continue;
      const keyed = write.key !== undefined && this.mentionsParameter(write.key);
      const list = byMethod.get(name) ?? [];
      const place: SummaryPlace = { ...memberPlace, name: member, ...(keyed ? { kind: 'keyed-map' as const } : {}) };
      if (!list.some((other) => other.name === place.name)) list.push(place);
      byMethod.set(name, list);
    }
    for (const [name, unordered] of byMethod) {
      const writes = unordered.sort((a, b) => a.line - b.line);
      const summary = members.get(name);
      if (summary?.type === 'function') members.set(name, { ...summary, writes: [...summary.writes, ...writes.filter((write) => !summary.writes.some((other) => other.name === write.name && other.file === write.file))] });
    }
  }

  /** The places a function writes, directly, through same-file functions it calls, and through project functions it calls. */
  private functionSummary(fn: FunctionNode): FunctionSummary {
    const known = this.functionSummaries.get(fn);
    if (known) return known;
    const summary: MutableSummary = { type: 'function', writes: [], keyedReads: [], calls: [], jobs: [...(this.jobsByFunction.get(fn) ?? [])], files: [...(this.filesByFunction.get(fn) ?? [])], deferred: [...(this.deferredByFunction.get(fn) ?? [])] };
    // Set before the walk: a recursive call finds the summary being built.
    this.functionSummaries.set(fn, summary);
    const add = (list: SummaryPlace[], place: SummaryPlace): void => {
      if (!list.some((other) => other.name === place.name && other.file === place.file)) list.push(place);
    };
    for (const write of this.writesByFunction.get(fn) ?? []) {
      // A plain reassignment is a reset or set-up (`hits = 0`, `client = connect()`) unless it stores what the caller passed.
      if (write.write.kind === 'assign' && write.write.depth === 0 && !write.write.values.some((value) => this.mentionsParameter(value))) continue;
      const place = write.binding?.declarationKind === 'static' ? this.staticPlaceOf(write.binding) : write.binding ? this.placeOf(write.binding.variable) : undefined;
      if (place) add(summary.writes, this.keyed(place, write));
    }
    for (const read of this.keyedReadsIn(fn)) add(summary.keyedReads, read);
    const { local, project } = this.calleesOf(fn);
    for (const callee of local) absorb(summary, callee, true);
    for (const call of project) summary.calls.push(call);
    return summary;
  }

  /**
   * An exported function's summary, with the methods of the object it returns when it is a factory
   * of closure state, or the value it hands out when it is a getter of one its module keeps.
   */
  private exportedFunction(fn: FunctionNode): FunctionSummary {
    const summary = this.functionSummary(fn);
    const returns = this.factoryMethods(fn, 0);
    if (returns) return { ...summary, returns };
    const shares = this.sharedValue(fn);
    return shares ? { ...summary, shares } : summary;
  }

  /**
   * The one value of the module a function hands out: every expression it returns is the same
   * module binding (`return current`, `return (store ??= new Store())`, `return store || (store =
   * …)`), and every value that binding is given, `null` and `undefined` aside, is the same instance,
   * instance of another file's class, imported value or object literal (`current = driver`).
   */
  private sharedValue(fn: FunctionNode): { value: SharedValue; binding: string } | undefined {
    const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? returnedExpressions(fn, this.sourceCode.visitorKeys) : [fn.body];
    let binding: TSESLint.Scope.Variable | undefined;
    for (const expression of returned) {
      const found = this.returnedBinding(expression);
      if (!found || (binding && found !== binding)) return undefined;
      binding = found;
    }
    const def = binding?.defs[0];
    if (binding?.defs.length !== 1 || def?.type !== DefinitionType.Variable || binding.scope !== moduleScopeOf(this.sourceCode.scopeManager)) return undefined;
    const values: TSESTree.Node[] = def.node.init ? [def.node.init] : [];
    for (const reference of binding.references) {
      if (reference.init === true || !reference.isWrite()) continue;
      const parent = reference.identifier.parent;
      if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== reference.identifier || !SHARING_ASSIGNMENTS.has(parent.operator)) return undefined;
      values.push(parent.right);
    }
    let shared: { value: SharedValue; key: string } | undefined;
    for (const raw of values) {
      const value = unwrap(raw);
      if (isUnset(value)) continue;
      const found = this.sharedTarget(value);
      if (!found || (shared && shared.key !== found.key)) return undefined;
      shared = found;
    }
    return shared ? { value: shared.value, binding: binding.name } : undefined;
  }

  /** The module binding a returned expression hands out: `store`, `store ??= …`, `store || (store = …)`. */
  private returnedBinding(expression: TSESTree.Node): TSESLint.Scope.Variable | undefined {
    const value = unwrap(expression);
    let identifier: TSESTree.Node | undefined;
    if (value.type === AST_NODE_TYPES.Identifier) identifier = value;
    else if (value.type === AST_NODE_TYPES.AssignmentExpression && SHARING_ASSIGNMENTS.has(value.operator)) identifier = value.left;
    else if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') {
      const right = unwrap(value.right);
      const left = unwrap(value.left);
      const assigned = right.type === AST_NODE_TYPES.AssignmentExpression ? unwrap(right.left) : undefined;
      if (left.type === AST_NODE_TYPES.Identifier && assigned?.type === AST_NODE_TYPES.Identifier && assigned.name === left.name) identifier = left;
    }
    return identifier?.type === AST_NODE_TYPES.Identifier ? variableOf(this.sourceCode, identifier) : undefined;
  }

  /** What a value given to a getter's binding is, with a key that tells two values apart. */
  private sharedTarget(value: TSESTree.Node): { value: SharedValue; key: string } | undefined {
    if (value.type === AST_NODE_TYPES.NewExpression) {
      const described = this.describe(value);
      if (described.type === 'instance') return { value: described, key: `instance:${described.of.name}:${String(described.of.line)}` };
      if (described.type === 'made') return { value: described, key: `made:${described.file}:${described.name}` };
      return undefined;
    }
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      const described = this.objectSummary(value, undefined);
      return described.type === 'object' ? { value: described, key: `object:${String(value.range[0])}` } : undefined;
    }
    if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = variableOf(this.sourceCode, value);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1) return undefined;
    if (def?.type === DefinitionType.ImportBinding) {
      const described = this.importedBinding(def.node);
      return described.type === 'reexport' ? { value: described, key: `reexport:${described.file}:${described.name}` } : undefined;
    }
    // `const store = new Store()` handed out by its getter.
    if (def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || !def.node.init) return undefined;
    const init = unwrap(def.node.init);
    return init.type === AST_NODE_TYPES.NewExpression || init.type === AST_NODE_TYPES.ObjectExpression ? this.sharedTarget(init) : undefined;
  }

  /**
   * The methods of the object literal a function returns (itself, or through a function of the
   * module it returns the result of: `return createMemoryLimiter(…)`), each with the writes it makes
   * to bindings declared in that function and captured by the method (`const windows = new Map()`).
   * Undefined when no returned method writes any.
   */
  private factoryMethods(fn: FunctionNode, depth: number): Map<string, FunctionSummary> | undefined {
    if (depth > 2 || fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
    const result = new Map<string, FunctionSummary>();
    for (const returned of returnedExpressions(fn, this.sourceCode.visitorKeys)) {
      const value = unwrap(returned);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of value.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = propertyName(property);
          const method = unwrap(property.value);
          if (key === undefined || result.has(key) || !isFunction(method)) continue;
          const writes = this.closureWrites(fn, method);
          if (writes.length > 0) result.set(key, { type: 'function', writes, keyedReads: [], calls: [], jobs: [], files: [], deferred: [] });
        }
      } else if (value.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(value.callee);
        const declared = callee.type === AST_NODE_TYPES.Identifier ? this.localFunction(callee) : undefined;
        const inner = declared && declared !== fn ? this.factoryMethods(declared, depth + 1) : undefined;
        for (const [key, method] of inner ?? []) if (!result.has(key)) result.set(key, method);
      }
    }
    return result.size > 0 ? result : undefined;
  }

  /** The places `method` writes among the bindings `factory` declares, named and judged as module places are. */
  private closureWrites(factory: FunctionNode, method: FunctionNode): SummaryPlace[] {
    const places: SummaryPlace[] = [];
    for (const write of this.facts.closureWritesOf(factory)) {
      const binding = write.binding;
      if (!binding || write.lazyInit || write.excused || !encloses(method, write.write.node)) continue;
      // A plain reassignment is a reset or set-up unless it stores what the caller passed (as for module places).
      if (write.write.kind === 'assign' && write.write.depth === 0 && !write.write.values.some((value) => this.mentionsParameter(value))) continue;
      const def = binding.variable.defs[0];
      // `createMemoryCache()`: a factory named for a cache makes caches, whatever its binding is called.
      const kind = CACHE_FACTORY.test(functionName(factory) ?? '') ? 'cache' : this.facts.kindOf(binding);
      const place = this.keyed({ name: binding.name, file: this.file, line: def?.name.loc.start.line ?? method.loc.start.line, kind, container: binding.container }, write);
      const index = places.findIndex((other) => other.name === place.name);
      // Kept per key when any write chooses the key (`windows.set(key, …)` beside `entry.count++`).
      if (index < 0) places.push(place);
      else if (place.kind === 'keyed-map') places[index] = place;
    }
    return places;
  }

  /** A Map or object written under a key the function's callers choose is kept per key. */
  private keyed(place: SummaryPlace, write: ClassifiedWrite): SummaryPlace {
    if (place.kind !== 'collection' && place.kind !== 'object') return place;
    const key = write.write.key;
    // `entries.set(k, v)`, or `entries[k] = v` on an object used as a dictionary.
    const entry = write.write.depth === 0 || (write.write.depth === 1 && write.write.path === '*');
    if (!key || !entry || !this.mentionsParameter(key)) return place;
    return { ...place, kind: 'keyed-map' };
  }

  /** `pending.get(token)` with `token` a parameter: a lookup by a key the callers choose. */
  private keyedReadsIn(fn: FunctionNode): SummaryPlace[] {
    const result: SummaryPlace[] = [];
    for (const [variable, place] of this.candidatePlaces()) {
      for (const reference of variable.references) {
        const identifier = reference.identifier;
        if (identifier.range[0] < fn.range[0] || identifier.range[1] > fn.range[1]) continue;
        const member = outerValue(identifier).parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== outerValue(identifier)) continue;
        const name = propertyName(member);
        const call = outerValue(member).parent;
        const key = (name === 'get' || name === 'has') && call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(member) ? call.arguments[0] : member.computed ? member.property : undefined;
        if (!key || !this.mentionsParameter(key)) continue;
        const argument = parameterIndex(fn, key, this.sourceCode);
        result.push(argument === undefined ? place : { ...place, keyArgument: argument });
      }
    }
    return result;
  }

  /** The module's places, by variable: worked out once. */
  private candidatePlacesValue: Map<TSESLint.Scope.Variable, SummaryPlace> | undefined;

  private candidatePlaces(): Map<TSESLint.Scope.Variable, SummaryPlace> {
    if (!this.candidatePlacesValue) {
      this.candidatePlacesValue = new Map();
      for (const variable of moduleScopeOf(this.sourceCode.scopeManager)?.variables ?? []) {
        const place = this.placeOf(variable);
        if (place) this.candidatePlacesValue.set(variable, place);
      }
    }
    return this.candidatePlacesValue;
  }

  /** Same-file functions called by `fn` (by name), summarised, and its calls through imports of project files. */
  private calleesOf(fn: FunctionNode): { local: FunctionSummary[]; project: ProjectCall[] } {
    const local: FunctionSummary[] = [];
    const project: ProjectCall[] = [];
    const resolver = importResolverFor(this.sourceCode);
    const receivers = this.receiversByCall();
    walk(fn.body, this.sourceCode.visitorKeys, (node) => {
      // A handler the function registers runs per request, not when the function is called.
      if (isFunction(node) && this.isRegisteredHandler(node)) return false;
      // `new Terminal(…)` of a class of this module, `super(…)` in a constructor: what its constructor does.
      if ((node.type === AST_NODE_TYPES.NewExpression || (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Super)) && !fillsLazySlot(this.sourceCode, node)) {
        const classNode = node.type === AST_NODE_TYPES.NewExpression ? this.localClass(node.callee) : this.superClassOf(node);
        const construct = classNode ? this.constructSummary(classNode) : undefined;
        if (construct) local.push(construct);
        return true;
      }
      if (node.type === AST_NODE_TYPES.CallExpression) {
        // `if (!cache) cache = createCache(…)`: what the filling call does happens once, with the set-up.
        if (fillsLazySlot(this.sourceCode, node)) return false;
        const receiver = receivers.get(node);
        const through = receiver ? this.receiverCall(receiver) : undefined;
        if (through) {
          const same = (call: ProjectCall): boolean => call.file === through.file && call.paths[0]?.[0] === through.paths[0]?.[0] && call.through?.method === through.through?.method && call.through?.members.join('.') === through.through?.members.join('.');
          if (!project.some(same)) project.push(through);
          return true;
        }
        const callee = unwrap(node.callee);
        const declared = callee.type === AST_NODE_TYPES.Identifier ? this.localFunction(callee) : undefined;
        const instanceMethod = declared ? undefined : this.localInstanceMethod(callee);
        if (declared && declared !== fn) {
          local.push(this.functionSummary(declared));
        } else if (instanceMethod) {
          local.push(instanceMethod);
        } else if (!declared) {
          const origin = resolver.resolve(callee);
          const file = origin && isProjectSpecifier(origin.specifier) ? this.summaries.resolve(origin.specifier, this.file) : undefined;
          if (origin && file !== undefined && !project.some((call) => call.file === file && call.paths === origin.paths)) {
            project.push(madeInRun(this.sourceCode, callee) ? { file, paths: origin.paths, fresh: true } : { file, paths: origin.paths });
          }
        }
      }
      return true;
    });
    return { local, project };
  }

  /**
   * A nested function the framework calls per request (`app.post('/x', (req, res) => …)`,
   * `server.add(lexicon, { handler })` inside `registerRoutes(app)`): calling the function around
   * it only registers it, so what it does is no effect of that call. Its own file reports it. So is
   * a listener of a child process the function starts (`proc.on('exit', …)`): it runs with that
   * process's life, a resource of this one (`isProcessListener`).
   */
  private isRegisteredHandler(fn: FunctionNode): boolean {
    return enclosingFunction(fn) !== undefined && (this.facts.lifetimes.roleOf(fn)?.kind === 'request' || isProcessListener(this.sourceCode, fn));
  }

  /** Whether `node` is inside a registered handler (`isRegisteredHandler`) of its top-level function. */
  private inRegisteredHandler(node: TSESTree.Node): boolean {
    for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (this.isRegisteredHandler(fn)) return true;
    return false;
  }

  private receiversValue: ReadonlyMap<TSESTree.CallExpression, ReceiverCall> | undefined;

  /** The file's calls through typed receivers, by call. */
  private receiversByCall(): ReadonlyMap<TSESTree.CallExpression, ReceiverCall> {
    this.receiversValue ??= new Map(receiverCalls(this.sourceCode).map((receiver) => [receiver.call, receiver]));
    return this.receiversValue;
  }

  /** `services.tasks.runInBackground()` with `services: Services` imported from a project file: a call through that type. */
  private receiverCall(receiver: ReceiverCall): ProjectCall | undefined {
    const imported = importedType(this.sourceCode, receiver.type);
    if (!imported || !isProjectSpecifier(imported.specifier)) return undefined;
    const file = this.summaries.resolve(imported.specifier, this.file);
    if (file === undefined || file === this.file) return undefined;
    return { file, paths: [[imported.name]], through: { members: receiver.path, method: receiver.method } };
  }

  /**
   * `padList.add(id)` where `padList` is the module's one instance of a class it declares
   * (`const padList = new PadList()`, `new (class { … })()`): what that method writes, named by the instance.
   * On a module object literal (`const pads = { set(k, v) { … } }`), what the method itself writes.
   */
  private localInstanceMethod(callee: TSESTree.Node): FunctionSummary | undefined {
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const object = unwrap(callee.object);
    const method = propertyName(callee);
    if (object.type !== AST_NODE_TYPES.Identifier || method === undefined) return undefined;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(object), object);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || variable.scope !== moduleScopeOf(this.sourceCode.scopeManager) || def?.type !== DefinitionType.Variable || !def.node.init) return undefined;
    if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return undefined;
    const init = unwrap(def.node.init);
    // `file.isPathInside(…)` on `const file = module.exports`: the function exported under that name.
    if (isModuleExportsObject(init)) {
      for (const [node, names] of readModuleInfo(this.sourceCode.ast).exportsByNode) if (names.includes(method) && isFunction(node)) return this.functionSummary(node);
      return undefined;
    }
    if (init.type === AST_NODE_TYPES.ObjectExpression) {
      // `pads.set(id, pad)` on `const pads = { set(k, v) { this[k] = v } }`: the method's own summary.
      const property = init.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyName(candidate) === method);
      const value = property ? unwrap(property.value) : undefined;
      return value && isFunction(value) ? this.functionSummary(value) : undefined;
    }
    const made = init.type === AST_NODE_TYPES.NewExpression ? init : this.chosenLocalInstance(init);
    const classNode = made ? this.localClass(made.callee) : undefined;
    if (!made || !classNode) return undefined;
    const found = methodOf({ type: 'instance', of: this.classSummary(classNode), line: made.loc.start.line }, method, object.name);
    // Fields are named by the instance here, as the functions that call it name them.
    return found && { ...found, writes: found.writes.map((place) => (place.instance === object.name ? { ...place, name: place.name.replace(/^this\./u, `${object.name}.`) } : place)) };
  }

  /** Of a choice between values (`cond ? new Redis(url) : new MemoryRedis()`), the instance of a class of this module it may pick. */
  private chosenLocalInstance(init: TSESTree.Node): TSESTree.NewExpression | undefined {
    if (init.type !== AST_NODE_TYPES.ConditionalExpression && init.type !== AST_NODE_TYPES.LogicalExpression) return undefined;
    return choices(init).find((value): value is TSESTree.NewExpression => value.type === AST_NODE_TYPES.NewExpression && this.localClass(value.callee) !== undefined);
  }

  /** A function declared at the top of the module, named by `identifier`. */
  private localFunction(identifier: TSESTree.Identifier): FunctionNode | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    const def = variable?.defs[0];
    if (!variable || variable.scope !== moduleScopeOf(this.sourceCode.scopeManager)) return undefined;
    if (def?.type === DefinitionType.FunctionName && isFunction(def.node)) return def.node;
    if (def?.type === DefinitionType.Variable && def.node.init && isFunction(unwrap(def.node.init))) return unwrap(def.node.init) as FunctionNode;
    return undefined;
  }

  /** The class of this module that `super(…)` calls: the parent of the class around the call. */
  private superClassOf(call: TSESTree.CallExpression): ClassNode | undefined {
    const superClass = enclosingClass(call)?.superClass;
    return superClass ? this.localClass(superClass) : undefined;
  }

  /** A class declared in this module that `callee` names. */
  private localClass(callee: TSESTree.Node): ClassNode | undefined {
    const node = unwrap(callee);
    if (node.type === AST_NODE_TYPES.ClassExpression) return node;
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = ASTUtils.findVariable(this.sourceCode.getScope(node), node)?.defs[0];
    if (def?.type === DefinitionType.ClassName) return def.node;
    if (def?.type === DefinitionType.Variable && def.node.init?.type === AST_NODE_TYPES.ClassExpression) return def.node.init;
    return undefined;
  }

  /** The fields each method of a class writes through `this`, directly or through the methods it calls. */
  private classSummary(classNode: ClassNode): Extract<ExportSummary, { type: 'class' }> {
    const known = this.classSummaries.get(classNode);
    if (known) return known;
    const name = classNode.id?.name ?? 'default';
    const managed = this.facts.handlers.classInfo(classNode).framework !== undefined;
    // A framework's singleton, classified as its own file classifies it.
    const singleton = managed ? this.facts.singletons.singletonOf(classNode) : undefined;
    const direct = new Map<string, SummaryPlace[]>();
    for (const write of this.facts.classifyFields(singleton ?? { node: classNode, name, reason: 'module-instance' })) {
      const field = write.field;
      if (!field || write.lazyInit || write.excused) continue;
      const member = field.methodFn.parent;
      // What the constructor fills; any other method writes when its caller runs it, whatever its own file takes that for.
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') continue;
      const method = member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition ? propertyName(member) : undefined;
      if (method === undefined) continue;
      const list = direct.get(method) ?? [];
      // Declared in the class body, else first assigned in the constructor (`this.counts = new Map()` in JavaScript).
      const assigned = field.state.accesses.find((access) => access.methodFn.parent.type === AST_NODE_TYPES.MethodDefinition && access.methodFn.parent.kind === 'constructor');
      const line = (field.state.declaration ?? assigned?.node)?.loc.start.line ?? write.write.node.loc.start.line;
      const place = this.keyed({ name: `this.${write.name}`, file: this.file, line, kind: this.facts.kindOf(write.place), container: field.state.container, className: name }, write);
      const index = list.findIndex((other) => other.name === place.name);
      // A field written under a caller's key anywhere is a map of entries per key.
      if (index === -1) list.push(place);
      else if (place.kind === 'keyed-map') list[index] = place;
      direct.set(method, list);
    }
    const calls = thisCallsByName(classNode.body, this.sourceCode.visitorKeys);
    // Each method's own function, for what it does besides writing fields.
    const bodies = new Map<string, FunctionNode>();
    for (const member of classNode.body.body) {
      if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.static || !member.value) continue;
      const method = propertyName(member);
      if (method !== undefined && isFunction(member.value)) bodies.set(method, member.value);
    }
    const methods = new Map<string, SummaryPlace[]>();
    const effects = new Map<string, FunctionSummary>();
    for (const member of classNode.body.body) {
      if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.static) continue;
      const method = propertyName(member);
      if (method === undefined || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor')) continue;
      // Through the methods it calls on `this`, breadth first.
      const seen = new Set<string>([method]);
      const queue = [method];
      const places: SummaryPlace[] = [];
      const reached: FunctionSummary[] = [];
      while (queue.length > 0) {
        const current = queue.shift() ?? '';
        for (const place of direct.get(current) ?? []) if (!places.some((other) => other.name === place.name)) places.push(place);
        const body = bodies.get(current);
        if (body) reached.push(this.functionSummary(body));
        for (const [callee, sites] of calls) {
          if (!seen.has(callee) && sites.some((site) => propertyName(site.member) === current)) {
            seen.add(callee);
            queue.push(callee);
          }
        }
      }
      if (places.length > 0) methods.set(method, places);
      const merged = mergeSummaries(reached);
      if (merged) effects.set(method, merged);
    }
    if (singleton) {
      // The provider's own file reports what its request-time methods do (no-instance-state and the others).
      for (const member of classNode.body.body) {
        if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.static) continue;
        const method = propertyName(member);
        if (method !== undefined && this.facts.singletons.lifetimeOf(singleton, member) === 'request') {
          methods.delete(method);
          effects.delete(method);
        }
      }
    }
    const statics = new Map<string, FunctionSummary>();
    for (const member of classNode.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || !member.static || member.kind !== 'method') continue;
      const method = propertyName(member);
      const summary = method === undefined || !isFunction(member.value) ? undefined : this.functionSummary(member.value);
      if (method !== undefined && summary && !isEmpty(summary)) statics.set(method, summary);
    }
    const summary = {
      type: 'class' as const,
      name,
      file: this.file,
      line: classNode.loc.start.line,
      methods,
      managed,
      shared: singleton !== undefined,
      members: this.classMembers(classNode),
      effects,
      statics,
      instanceGetters: this.instanceGetters(classNode),
      sharedByConstructor: sharingConstructor(classNode) !== undefined,
      construct: this.constructSummary(classNode),
    };
    this.classSummaries.set(classNode, summary);
    return summary;
  }

  /**
   * The static methods of a class that its own file takes for a `getInstance()`
   * singleton (`Singletons`: a static method keeps `new` of the class in a static field) which
   * return that field (`return Registry.instance`, `return (this.instance ??= new Registry())`).
   */
  private instanceGetters(classNode: ClassNode): ReadonlySet<string> {
    const getters = new Set<string>();
    if (this.facts.singletons.singletonOf(classNode)?.reason !== 'get-instance') return getters;
    const className = classNode.id?.name;
    const isStaticField = (node: TSESTree.Node): boolean => {
      let value = unwrap(node);
      // `X.instance ??= new X()`, `X.instance || (X.instance = new X())`: the field either way.
      while (value.type === AST_NODE_TYPES.AssignmentExpression || value.type === AST_NODE_TYPES.LogicalExpression) value = unwrap(value.left);
      if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return false;
      const owner = unwrap(value.object);
      return owner.type === AST_NODE_TYPES.ThisExpression || (owner.type === AST_NODE_TYPES.Identifier && owner.name === className) || isGlobalObject(this.sourceCode, owner);
    };
    for (const member of classNode.body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || !member.static || member.kind !== 'method') continue;
      const method = propertyName(member);
      const body = member.value.body;
      if (method === undefined || !body) continue;
      const returned: TSESTree.Node[] = [];
      walk(body, this.sourceCode.visitorKeys, (node) => {
        if (isFunction(node)) return false;
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
        return true;
      });
      if (returned.some(isStaticField)) getters.add(method);
    }
    return getters;
  }

  /**
   * What the constructor does (`construct` of a class summary); a class without one runs its
   * parent's. Undefined for a class met again while its constructor is read (`new Node()` in `Node`).
   */
  private constructSummary(classNode: ClassNode): FunctionSummary | undefined {
    if (this.constructing.has(classNode)) return undefined;
    this.constructing.add(classNode);
    try {
      const constructor = classNode.body.body.find((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
      if (constructor?.type === AST_NODE_TYPES.MethodDefinition && isFunction(constructor.value)) {
        const summary = this.functionSummary(constructor.value);
        return isEmpty(summary) ? undefined : summary;
      }
      const parent = classNode.superClass ? this.localClass(classNode.superClass) : undefined;
      return parent ? this.constructSummary(parent) : undefined;
    } finally {
      this.constructing.delete(classNode);
    }
  }

  /** A module-level binding that may hold state across requests: a `let`/`var`, or a `const` holding a collection or object. */
  private placeOf(variable: TSESLint.Scope.Variable): SummaryPlace | undefined {
    const known = this.places.get(variable);
    if (known) return known;
    const def = variable.defs[0];
    if (def?.type !== DefinitionType.Variable || variable.scope !== moduleScopeOf(this.sourceCode.scopeManager)) return undefined;
    const declaration = def.parent;
    const init = def.node.init ? unwrap(def.node.init) : undefined;
    let container = def.node.id.type === AST_NODE_TYPES.Identifier ? containerOfValue(init) : 'unknown';
    // `const clients = store.clients`, a member of a module object: a place of its own.
    if (container === 'unknown' && declaration.kind === 'const' && init) container = containerOfMember(this.sourceCode, init);
    const mutable = declaration.kind !== 'const';
    if (!mutable && !isCollection(container) && container !== 'object') return undefined;
    if (init && (isFunction(init) || init.type === AST_NODE_TYPES.ClassExpression)) return undefined;
    // A client, a server, a timer (`let client; … client = new Redis()`): a resource of this process, not data.
    const assigned = variable.references.map((reference) => (reference.isWrite() ? (reference.writeExpr ?? undefined) : undefined));
    if (holdsResource([init, ...assigned])) return undefined;
    const binding = this.facts.moduleWrites.find((write) => write.binding?.variable === variable)?.binding;
    const kind: StateKind = binding ? this.facts.kindOf(binding) : isCollection(container) ? 'collection' : 'value';
    const place = { name: variable.name, file: this.file, line: def.name.loc.start.line, kind, container };
    this.places.set(variable, place);
    return place;
  }

  /**
   * Whether a stored value is code or carries it: a function, a parameter declared with a function
   * type (`callback: () => Promise<unknown>`, or a type alias of the file naming one), an object or
   * array holding one, or a collection made for them (`new Map<string, Listener>()`), also through a
   * local constant (`const listeners = byChannel.get(name) ?? new Map<string, Listener>()`).
   */
  private holdsCode(value: TSESTree.Node, depth = 0): boolean {
    const node = unwrap(value);
    if (isFunction(node)) return true;
    if (node.type === AST_NODE_TYPES.ObjectExpression) return node.properties.some((property) => (property.type === AST_NODE_TYPES.Property ? this.holdsCode(property.value, depth) : false));
    if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.some((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && this.holdsCode(element, depth));
    if (node.type === AST_NODE_TYPES.LogicalExpression) return this.holdsCode(node.left, depth) || this.holdsCode(node.right, depth);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const parameters = node.typeArguments?.params;
      const last = parameters?.at(-1);
      return last !== undefined && /^(?:Map|Set|WeakMap|WeakSet)$/u.test(calleeName(node) ?? '') && this.isCodeType(last, 0);
    }
    if (node.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
    const def = ASTUtils.findVariable(this.sourceCode.getScope(node), node)?.defs[0];
    if (def?.type === DefinitionType.Variable && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) return this.holdsCode(def.node.init, depth + 1);
    if (def?.type !== DefinitionType.Parameter || def.name.type !== AST_NODE_TYPES.Identifier) return false;
    const type = def.name.typeAnnotation?.typeAnnotation;
    return type !== undefined && this.isCodeType(type, 0);
  }

  /** A function type: written out, `Function`, a type alias of the file naming one, or a collection of them. */
  private isCodeType(type: TSESTree.TypeNode, depth: number): boolean {
    if (depth > 4) return false;
    if (type.type === AST_NODE_TYPES.TSFunctionType) return true;
    if (type.type === AST_NODE_TYPES.TSArrayType) return this.isCodeType(type.elementType, depth + 1);
    if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return false;
    const name = type.typeName.name;
    if (name === 'Function') return true;
    const last = type.typeArguments?.params.at(-1);
    if (last && /^(?:Map|Set|ReadonlyMap|ReadonlySet|Array|ReadonlyArray|Record)$/u.test(name)) return this.isCodeType(last, depth + 1);
    for (const statement of this.sourceCode.ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name) return this.isCodeType(declaration.typeAnnotation, depth + 1);
    }
    return false;
  }

  private readonly staticPlaces = new Map<string, SummaryPlace | null>();

  /** A class's static field (`Terminal.terminalMap`) as a place, unless it holds a resource of the process (a client, a server). */
  private staticPlaceOf(binding: ModuleBinding): SummaryPlace | undefined {
    const known = this.staticPlaces.get(binding.name);
    if (known !== undefined) return known ?? undefined;
    const resource = holdsResource([binding.init, ...binding.writes.filter((write) => write.kind === 'assign').map((write) => write.values[0])]);
    // A class's registry of code (`ShutdownHelper.add(key, callback)` pushing `{ key, callback }`): behaviour, not data.
    const code = (binding.init !== undefined && this.holdsCode(binding.init)) || binding.writes.some((write) => write.values.some((value) => this.holdsCode(value)));
    const place = resource || code ? null : { name: binding.name, file: this.file, line: binding.declaration.loc.start.line, kind: this.facts.kindOf(binding), container: binding.container };
    this.staticPlaces.set(binding.name, place);
    return place ?? undefined;
  }

  /** A data value exported without a binding of its own (`exports.items = []`, `module.exports = { users: [] }`). */
  private placeOfNode(node: TSESTree.Node): SummaryPlace | undefined {
    const parent = outerValue(node).parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = this.sourceCode.getDeclaredVariables(parent)[0];
      return variable ? this.placeOf(variable) : undefined;
    }
    const name = parent?.type === AST_NODE_TYPES.AssignmentExpression ? this.sourceCode.getText(parent.left) : 'default';
    return this.dataPlace(name.replace(/^module\.exports\.?|^exports\./u, '') || 'module.exports', node);
  }

  private dataPlace(name: string, node: TSESTree.Node): SummaryPlace {
    const container = containerOfValue(node);
    return { name, file: this.file, line: node.loc.start.line, kind: isCollection(container) ? 'collection' : 'value', container };
  }

  /** Whether an expression reads a parameter of a function around it: a key the callers choose. */
  private mentionsParameter(node: TSESTree.Node): boolean {
    const stack: TSESTree.Node[] = [node];
    let budget = 100;
    while (stack.length > 0 && --budget > 0) {
      const current = stack.pop();
      if (!current) continue;
      if (current.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(this.sourceCode.getScope(current), current);
        const def = variable?.defs[0];
        if (def?.type === DefinitionType.Parameter) return true;
        if (def?.type === DefinitionType.Variable && def.node.init && variable?.scope !== moduleScopeOf(this.sourceCode.scopeManager) && budget > 50) stack.push(def.node.init);
        continue;
      }
      for (const key of this.sourceCode.visitorKeys[current.type] ?? []) {
        const child = (current as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child as unknown[]) if (isNode(item)) stack.push(item);
        } else if (isNode(child)) {
          stack.push(child);
        }
      }
    }
    return false;
  }
}

/** The outermost function around `fn` that sits at the module's top level (declared, assigned, exported or in an exported object). */
/** Files what `node` does under the top-level function it runs in (nothing at the module's top). */
function addByFunction<T>(byFunction: Map<FunctionNode, T[]>, node: TSESTree.Node, site: T): void {
  const fn = enclosingFunction(node);
  const top = fn ? topLevelFunction(fn) : undefined;
  if (!top) return;
  const list = byFunction.get(top) ?? [];
  list.push(site);
  byFunction.set(top, list);
}

/**
 * The function of the module a function belongs to: the outermost one around it, stopping below a
 * function called where it is defined (the revealing-module pattern's `(() => { function f() {} … })()`,
 * whose inner functions are what the module exports).
 */
/** A factory named for a cache (`createMemoryCache`, `lruFor`); not `createMemoryLimiter`, whose `Memo` is of memory. */
const CACHE_FACTORY = /cache|lru/iu;


function topLevelFunction(fn: FunctionNode): FunctionNode | undefined {
  let current: FunctionNode = fn;
  for (let outer = enclosingFunction(current); outer && !calledWhereDefined(outer); outer = enclosingFunction(current)) current = outer;
  return current;
}

function calledWhereDefined(fn: FunctionNode): boolean {
  const value = outerValue(fn);
  const parent = value.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === value && revealedObject(parent) !== undefined;
}

/**
 * A specifier that may name a file of the project: anything but Node's own modules. Whether a bare
 * name is a package or an alias (`@/lib/rooms`, `src/lib/rooms`) is the resolver's answer.
 */
export function isProjectSpecifier(specifier: string): boolean {
  return !specifier.startsWith('node:') && !isBuiltin(specifier);
}

/**
 * The object a function called where it is defined returns, the revealing-module pattern of older
 * JavaScript: `const ImageDataURI = (() => { function outputFile(…) {…} return { outputFile }; })()`.
 */
function revealedObject(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const fn = unwrap(call.callee);
  if (!isFunction(fn)) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    const body = unwrap(fn.body);
    return body.type === AST_NODE_TYPES.ObjectExpression ? body : undefined;
  }
  const last = fn.body.body.at(-1);
  const returned = last?.type === AST_NODE_TYPES.ReturnStatement && last.argument ? unwrap(last.argument) : undefined;
  return returned?.type === AST_NODE_TYPES.ObjectExpression ? returned : undefined;
}

/**
 * What calling `method` on an instance made when a module loads does: the fields of that instance it
 * writes, and what the method does besides (module state, jobs, timers, files, calls into other files).
 */
export function methodOf(instance: Extract<ExportSummary, { type: 'instance' }>, method: string, name?: string): FunctionSummary | undefined {
  const fields = instance.of.methods.get(method);
  const effects = instance.of.effects.get(method);
  if (!fields && !effects) return undefined;
  // The name the instance goes by where it is made (`storage`; the class's, lower-cased, for a default export).
  const owner = name ?? lowerFirst(instance.of.name);
  const writes = (fields ?? []).map((place) => ({ ...place, instance: owner }));
  if (!effects) return { type: 'function', writes, keyedReads: [], calls: [], jobs: [], files: [], deferred: [] };
  return { ...effects, writes: [...writes, ...effects.writes] };
}

/**
 * Whether the value a called member belongs to was made by a call in the same run of the function
 * around it: `createQuery(t).where(…)`, or a name the function declares for what a call returned
 * (`const query = createQuery(t)`, `const { where } = createQuery(t)`).
 */
function madeInRun(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): boolean {
  let root = unwrap(callee);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type === AST_NODE_TYPES.AwaitExpression) root = unwrap(root.argument);
  if (root.type === AST_NODE_TYPES.CallExpression) return root !== unwrap(callee);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, root);
  if (variable?.defs.length !== 1) return false;
  const def = variable.defs[0];
  if (def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || !def.node.init) return false;
  const scope = variable.scope.variableScope.type;
  if (scope === ScopeType.module || scope === ScopeType.global) return false;
  let init = unwrap(def.node.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
  return init.type === AST_NODE_TYPES.CallExpression;
}

/** A client, a server, a timer among the values a binding is given (`client = new Redis()`): a resource of this process, not data. */
function holdsResource(values: readonly (TSESTree.Node | undefined)[]): boolean {
  return values.some((value) => value !== undefined && (isResourceValue(value) || isResourceCall(value)));
}

/** Whether a function summary says nothing a caller should hear of. */
function isEmpty(summary: FunctionSummary): boolean {
  return summary.writes.length === 0 && summary.keyedReads.length === 0 && summary.calls.length === 0 && summary.jobs.length === 0 && summary.files.length === 0 && summary.deferred.length === 0;
}

/** One summary for the functions a method reaches: undefined when none does anything a caller should hear of. */
function mergeSummaries(summaries: readonly FunctionSummary[]): FunctionSummary | undefined {
  const merged: MutableSummary = { type: 'function', writes: [], keyedReads: [], calls: [], jobs: [], files: [], deferred: [] };
  for (const summary of summaries) absorb(merged, summary, false);
  return isEmpty(merged) ? undefined : merged;
}

type MutableSummary = { -readonly [K in keyof FunctionSummary]: FunctionSummary[K] extends readonly (infer T)[] ? T[] : FunctionSummary[K] };

/**
 * What a called function does, added to its caller's summary (each place and site once). With
 * `keyedReads`, its lookups too, without the argument that carries the key: which of the caller's
 * arguments reaches it is not followed.
 */
function absorb(summary: MutableSummary, callee: FunctionSummary, keyedReads: boolean): void {
  for (const place of callee.writes) if (!summary.writes.some((other) => other.name === place.name && other.file === place.file)) summary.writes.push(place);
  if (keyedReads) {
    for (const { keyArgument: _, ...place } of callee.keyedReads) if (!summary.keyedReads.some((other) => other.name === place.name && other.file === place.file)) summary.keyedReads.push(place);
  }
  addNew(summary.calls, callee.calls);
  addNew(summary.jobs, callee.jobs);
  addNew(summary.files, callee.files);
  addNew(summary.deferred, callee.deferred);
}

function addNew<T>(list: T[], items: readonly T[]): void {
  for (const item of items) if (!list.includes(item)) list.push(item);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A value assigned to a property of the CommonJS module object (`exports.count = 0`, `module.exports.name = …`). */
function isCommonJsProperty(node: TSESTree.Node): boolean {
  const parent = outerValue(node).parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = parent.left.object;
  if (object.type === AST_NODE_TYPES.Identifier) return object.name === 'exports';
  return object.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.Identifier && object.object.name === 'module' && propertyName(object) === 'exports';
}

/** A value written out in place: a literal, a template, `-1`, `!flag`, `a + b` of such. */
function isPlainValue(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return isPlainValue(value.argument);
    case AST_NODE_TYPES.BinaryExpression:
      return value.left.type !== AST_NODE_TYPES.PrivateIdentifier && isPlainValue(value.left) && isPlainValue(value.right);
    default:
      return false;
  }
}

/** Which parameter of `fn` an expression names directly (`id`, `job.id`, `{ id }` destructured): its position. */
function parameterIndex(fn: FunctionNode, node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): number | undefined {
  let root = unwrap(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0];
  if (def?.type !== DefinitionType.Parameter || def.node !== fn) return undefined;
  const name = def.name;
  const index = fn.params.findIndex((param) => param.range[0] <= name.range[0] && name.range[1] <= param.range[1]);
  return index === -1 ? undefined : index;
}
