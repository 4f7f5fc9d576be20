import type { TSESTree } from '@typescript-eslint/utils';
import { enclosingStatement, type FunctionNode } from './file/ast.js';
import { FileFacts, type ClassifiedWrite, type FileInput, type ForeignCall, type ForeignJobStart } from './facts.js';
import { analyseLocalFiles, type LocalFileFinding } from './findings/local-files.js';
import { analyseRandomSecrets, type RandomSecretFinding } from './findings/random-secrets.js';
import { declarationMove, type DeclarationMove } from './findings/move-declaration.js';
import { handRolledSessionStores, isHandRolledSessionStore, type HandRolledSessionStore } from './findings/session-store.js';
import { analyseSticky, type Coupling, type LongPolling, type StickyFacts } from './findings/sticky.js';
import { analyseStores, type StoreUse } from './findings/stores.js';
import { analyseTimers, importedDeferredWork, type TimerFinding } from './findings/timers.js';
import type { SingletonClass } from './lifetime/singletons.js';
import { isInvalidation, type StateKind } from './state/state-kind.js';
import type { Place } from './state/place.js';
import { isConnectionParameter, isLiveObject } from './state/per-connection.js';
import { projectQuestionsFor } from './project/view.js';
import { isDevelopmentOnly, platformsOf } from './file/file-kind.js';
import { adviceFor, type PlatformAdviceKey } from '../knowledge/advice.js';

export type { FileFacts, FileInput } from './facts.js';
export type { ForeignCall, ForeignJob, ForeignJobStart } from './facts.js';
export type { Entry } from './lifetime/routes.js';
export { entryName } from './lifetime/routes.js';
export type { Lifetime } from './lifetime/lifetime.js';
export type { StateKind } from './state/state-kind.js';
export { STATE_KINDS } from './state/state-kind.js';
export type { Coupling, CouplingKind, LongPolling } from './findings/sticky.js';
export type { LocalFileFinding } from './findings/local-files.js';
export type { RandomSecretFinding } from './findings/random-secrets.js';
export type { StoreUse } from './findings/stores.js';
export type { TimerFinding } from './findings/timers.js';
export type { SingletonClass } from './lifetime/singletons.js';

/** When a write that is a finding runs: while handling a request, or in code whose callers the file cannot see. */
export type FindingLifetime = 'request' | 'unknown';

/** A write to a module binding (or a binding captured by a long-lived closure) that `no-module-state` reports. */
export interface ModuleStateFinding {
  readonly node: TSESTree.Node;
  readonly name: string;
  readonly kind: StateKind;
  readonly lifetime: FindingLifetime;
  /** With type information: the binding is imported module state of another project file. */
  readonly foreign?: { readonly file: string; readonly line: number };
  /** It holds open connections (sockets, responses kept open): they cannot move to a store, messages to them must fan out. */
  readonly connections?: true;
  /**
   * It holds live objects (`rooms.set(id, room)` with `room = new Room(id)` whose events the code
   * listens to: a document with its clients and timers): they cannot move to a store either.
   */
  readonly liveObjects?: true;
  /** A cache the write only takes entries out of, in a function that does nothing else with it: an invalidation. */
  readonly invalidates?: true;
}

/** What a piece of state holds that no store can take over, and that decides its advice instead of its kind. */
export type HeldAdvice = 'requestData' | 'connections' | 'liveObjects';

/**
 * The advice that what a finding holds calls for, before its kind's: request data (which leaks
 * between users), open connections (messages to them must reach every replica) or live objects
 * (requests for one key must reach one replica). Undefined when the kind's advice fits.
 */
export function heldAdvice(held: { readonly requestData?: boolean; readonly connections?: true; readonly liveObjects?: true }): HeldAdvice | undefined {
  if (held.requestData === true) return 'requestData';
  if (held.connections) return 'connections';
  return held.liveObjects ? 'liveObjects' : undefined;
}

/** A write to a property of the global object or `process.env` that `no-global-state` reports. */
export interface GlobalStateFinding {
  readonly node: TSESTree.Node;
  /** `globalThis.user`, `process.env.API_URL`. */
  readonly name: string;
  readonly env: boolean;
  readonly lifetime: FindingLifetime;
}

/** A request-derived value stored where another request reads it: `no-request-leak`'s. */
export type LeakFinding =
  | {
      readonly place: 'binding' | 'global';
      readonly node: TSESTree.Node;
      readonly name: string;
      /** Where the binding's declaration can move, when the handler is its only user: the quick fix. */
      readonly move?: DeclarationMove;
    }
  | { readonly place: 'field'; readonly node: TSESTree.Node; readonly name: string; readonly className: string };

export type { DeclarationMove } from './findings/move-declaration.js';

/** A write to a field of a singleton that `no-instance-state` reports. */
export interface InstanceStateFinding {
  readonly node: TSESTree.Node;
  readonly singleton: SingletonClass;
  readonly field: string;
  readonly kind: StateKind;
  readonly lifetime: FindingLifetime;
  /** The method the write belongs to: a field is reported once per method. */
  readonly methodFn: FunctionNode;
  /** A request-derived value stored in a plain singleton (not a framework's: those leaks are `no-request-leak`'s). */
  readonly requestData: boolean;
  /** It holds open connections: see `ModuleStateFinding.connections`. */
  readonly connections?: true;
  /** It holds live objects: see `ModuleStateFinding.liveObjects`. */
  readonly liveObjects?: true;
  /** See `ModuleStateFinding.invalidates`. */
  readonly invalidates?: true;
}

/** A session store: a library left on its in-memory (or disk) store, or a hand-rolled Map of sessions. */
export type SessionFinding = { readonly source: 'library'; readonly use: StoreUse } | { readonly source: 'hand-rolled'; readonly store: HandRolledSessionStore };

/**
 * Everything the rules report about one file, each finding with its owner already decided and
 * `stateless-ok` annotations already applied. Computed once per file (per `SourceCode`) and
 * shared by every rule; each family is worked out the first time a rule asks for it.
 */
export interface FileAnalysis {
  readonly settingsError: string | undefined;
  /** `stateless-ok` comments without a reason. */
  readonly malformedAnnotations: readonly TSESTree.Comment[];
  /** Whether the file imports a web framework (rules that judge libraries report in such files unless told every file serves). */
  readonly servesRequests: boolean;
  readonly moduleState: readonly ModuleStateFinding[];
  /** With type information: calls of other files' functions that write their module state. */
  readonly foreignCalls: readonly ForeignCall[];
  readonly globalState: readonly GlobalStateFinding[];
  readonly leaks: readonly LeakFinding[];
  readonly instanceState: readonly InstanceStateFinding[];
  readonly sessions: readonly SessionFinding[];
  /** Libraries on in-process stores other than sessions (schedulers, uploads and local databases included; rules pick their kinds). */
  readonly stores: readonly StoreUse[];
  readonly couplings: readonly Coupling[];
  readonly longPolling: readonly LongPolling[];
  readonly timers: readonly TimerFinding[];
  /** In a server file: where it starts recurring jobs that other project files define (a call at startup, an import). */
  readonly importedJobs: readonly ForeignJobStart[];
  readonly localFiles: readonly LocalFileFinding[];
  /** Secrets, salts and keys made at random when the process starts: each replica has its own. */
  readonly randomSecrets: readonly RandomSecretFinding[];
  /** For the audit's description of the file: the facts behind the findings. */
  readonly facts: FileFacts;
  /** Every use of the store table in the file, sessions and excused ones included. */
  readonly storeUses: readonly StoreUse[];
  /** The alternative to name for a kind of state or finding, chosen from the file's platform and libraries. */
  advice(key: PlatformAdviceKey): string;
}

const cache = new WeakMap<object, FileAnalysis>();

/** The one door into the analysis: the findings of a file, computed once per `SourceCode`. */
export function analyse(input: FileInput): FileAnalysis {
  let analysis = cache.get(input.sourceCode);
  if (!analysis) {
    const { sourceCode, filename, cwd, settings } = input;
    const project = input.project ?? projectQuestionsFor(input);
    analysis = new Analysis(FileFacts.of({ sourceCode, filename, cwd, settings, project }));
    cache.set(input.sourceCode, analysis);
  }
  return analysis;
}

/** Lazily computed families; nothing is worked out until a rule asks. */
class Analysis implements FileAnalysis {
  private readonly memo = new Map<string, unknown>();

  constructor(readonly facts: FileFacts) {}

  private once<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  advice(key: PlatformAdviceKey): string {
    return adviceFor(key, this.once('platforms', () => platformsOf(this.facts.sourceCode)));
  }

  /** Nothing is reported for a file with invalid settings or outside the service (tests, client code). */
  private get silent(): boolean {
    return this.facts.settingsError !== undefined || this.facts.outsideService;
  }

  private excused(node: TSESTree.Node): boolean {
    return this.facts.annotations.excuses(enclosingStatement(node));
  }

  get settingsError(): string | undefined {
    return this.facts.settingsError;
  }

  get servesRequests(): boolean {
    return this.facts.servesRequests;
  }

  get malformedAnnotations(): readonly TSESTree.Comment[] {
    return this.once('malformed', () => this.facts.annotations.all.filter((annotation) => annotation.reason === '').map((annotation) => annotation.comment));
  }

  get moduleState(): readonly ModuleStateFinding[] {
    return this.once('moduleState', () => {
      if (this.silent) return [];
      const result: ModuleStateFinding[] = [];
      const seen = new Set<string>();
      for (const write of this.facts.moduleWrites) {
        const binding = write.binding;
        if (!binding || write.lazyInit || write.excused) continue;
        // One owner: request data in one slot is a leak (`no-request-leak`); a map of sessions is `no-in-memory-session`'s.
        if (write.leak || isHandRolledSessionStore(this.facts, binding)) continue;
        const lifetime = findingLifetime(write);
        if (!lifetime) continue;
        // A whole module imported as an object: the export written is the state (`db.items`).
        const member = binding.foreign?.members ? write.write.path.split('.')[0] : undefined;
        const memberLine = member === undefined ? undefined : binding.foreign?.members?.get(member);
        const name = memberLine === undefined ? binding.name : `${binding.name}.${member ?? ''}`;
        // Once per binding (or module export) and function: the first write names it.
        const key = `${name}\u0000${String(write.fn?.range[0] ?? -1)}\u0000${lifetime}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const foreign = binding.foreign ? { file: binding.foreign.file, line: memberLine ?? binding.foreign.line } : undefined;
        const kind = this.facts.kindOf(binding);
        result.push({ node: write.write.node, name, kind, lifetime, ...(foreign ? { foreign } : {}), ...this.heldValues(binding), ...(kind === 'cache' && this.invalidates(write) ? { invalidates: true as const } : {}) });
      }
      return result;
    });
  }

  get foreignCalls(): readonly ForeignCall[] {
    return this.once('foreignCalls', () => (this.silent ? [] : this.facts.foreignCalls.filter((call) => !call.excused && call.lifetime !== 'startup')));
  }

  get globalState(): readonly GlobalStateFinding[] {
    return this.once('globalState', () => {
      if (this.silent) return [];
      return this.facts.globalWrites.flatMap((write): GlobalStateFinding[] => {
        const lifetime = findingLifetime(write);
        if (write.lazyInit || write.excused || write.leak || !lifetime) return [];
        return [{ node: write.write.node, name: write.name, env: write.name.startsWith('process.env'), lifetime }];
      });
    });
  }

  get leaks(): readonly LeakFinding[] {
    return this.once('leaks', () => {
      if (this.silent) return [];
      const result: LeakFinding[] = [];
      for (const write of [...this.facts.moduleWrites, ...this.facts.globalWrites]) {
        if (!isLeak(write) || write.excused) continue;
        const move = write.binding && write.fn ? declarationMove(this.facts.sourceCode, write.binding, write.fn) : undefined;
        result.push({ place: write.binding ? 'binding' : 'global', node: write.write.node, name: write.name, ...(move ? { move } : {}) });
      }
      for (const write of this.facts.fieldWrites) {
        // Request data on a framework's singleton; on a plain one it is `no-instance-state`'s, which names the instance.
        if (write.field?.singleton.reason === 'framework' && write.leak && !write.excused) {
          result.push({ place: 'field', node: write.write.node, name: write.name, className: write.field.singleton.name });
        }
      }
      return result;
    });
  }

  get instanceState(): readonly InstanceStateFinding[] {
    return this.once('instanceState', () => {
      if (this.silent) return [];
      const result: InstanceStateFinding[] = [];
      for (const write of this.facts.fieldWrites) {
        const field = write.field;
        const lifetime = findingLifetime(write);
        if (!field || !lifetime || write.lazyInit || write.excused) continue;
        // One owner: request data on a framework singleton is `no-request-leak`'s.
        if (write.leak && field.singleton.reason === 'framework') continue;
        const kind = this.facts.kindOf(write.place);
        result.push({
          node: write.write.node,
          singleton: field.singleton,
          field: write.name,
          kind,
          lifetime,
          methodFn: field.methodFn,
          requestData: write.leak,
          ...this.heldValues(write.place),
          ...(kind === 'cache' && this.invalidates(write) ? { invalidates: true as const } : {}),
        });
      }
      return result;
    });
  }

  /** Whether a write takes entries out of its place in a function that does nothing else with it. */
  private invalidates(write: ClassifiedWrite): boolean {
    const inFunction = this.facts.writesOf(write.place).filter((other) => other.fn === write.fn).map((other) => other.write);
    return isInvalidation(write.place, write.write, write.fn, inFunction);
  }

  /** What the place's entries are when no store can hold them: open connections, or live objects. */
  private heldValues(place: Place): { connections?: true; liveObjects?: true } {
    if (this.holdsConnections(place)) return { connections: true };
    return this.facts.writesOf(place).some((write) => write.write.values.some((value) => isLiveObject(this.facts.sourceCode, value))) ? { liveObjects: true } : {};
  }

  /** Whether a write of the place stores an open connection (`rooms.get(id).add(socket)`, `clients.push(res)`). */
  private holdsConnections(place: Place): boolean {
    return this.facts.writesOf(place).some((write) => write.write.values.some((value) => isConnectionParameter(this.facts.sourceCode, value)));
  }

  get storeUses(): readonly StoreUse[] {
    return this.once('storeUses', () => (this.silent ? [] : analyseStores(this.facts)));
  }

  get sessions(): readonly SessionFinding[] {
    return this.once('sessions', () => {
      if (this.silent) return [];
      const all = this.storeUses.filter((use) => use.kind === 'session');
      const library = all.filter((use) => !this.excused(use.node));
      const reported = all.map((use) => use.node.range);
      const handRolled: SessionFinding[] = [];
      for (const store of handRolledSessionStores(this.facts)) {
        if (this.facts.annotations.excuses(store.binding.declaration)) continue;
        // One owner: the Map behind a store object already reported at the session middleware.
        const behindReported = store.binding.variable.references.some(({ identifier }) => reported.some(([start, end]) => identifier.range[0] >= start && identifier.range[1] <= end));
        if (!behindReported) handRolled.push({ source: 'hand-rolled', store });
      }
      return [...library.map((use): SessionFinding => ({ source: 'library', use })), ...handRolled];
    });
  }

  get stores(): readonly StoreUse[] {
    return this.once('stores', () => {
      if (this.silent) return [];
      const coupled = new Set(this.sticky.couplings.filter((coupling) => coupling.kind === 'events').map((coupling) => coupling.name));
      // One owner: an emitter that carries events from one handler to another is `no-sticky-session`'s, whose message names both.
      return this.storeUses.filter((use) => use.kind !== 'session' && !this.excused(use.node) && !(use.shape.usage === 'event-bus' && use.name !== undefined && coupled.has(use.name)));
    });
  }

  private get sticky(): StickyFacts {
    return this.once('sticky', () => (this.silent ? { couplings: [], longPolling: [] } : analyseSticky(this.facts)));
  }

  get couplings(): readonly Coupling[] {
    return this.once('couplings', () =>
      this.sticky.couplings.filter((coupling) => !this.excused(coupling.readNode) && !(coupling.declaration && this.facts.annotations.excuses(coupling.declaration))),
    );
  }

  get longPolling(): readonly LongPolling[] {
    return this.once('longPolling', () => this.sticky.longPolling.filter((server) => !this.excused(server.node)));
  }

  get timers(): readonly TimerFinding[] {
    return this.once('timers', () =>
      this.silent ? [] : [...analyseTimers(this.facts, this.storeUses), ...importedDeferredWork(this.facts)].filter((finding) => !this.excused(finding.node)).sort((a, b) => a.node.range[0] - b.node.range[0]),
    );
  }

  get importedJobs(): readonly ForeignJobStart[] {
    return this.once('importedJobs', () => (this.silent || !this.facts.servesRequests ? [] : this.facts.foreignJobs.filter((start) => !isDevelopmentOnly(start.node) && !this.excused(start.node))));
  }

  get localFiles(): readonly LocalFileFinding[] {
    return this.once('localFiles', () => (this.silent ? [] : analyseLocalFiles(this.facts, this.storeUses).filter((finding) => !this.excused(finding.node))));
  }

  get randomSecrets(): readonly RandomSecretFinding[] {
    return this.once('randomSecrets', () => (this.silent ? [] : analyseRandomSecrets(this.facts).filter((finding) => !this.excused(finding.node))));
  }
}

/** The lifetime of a write that may be a finding; undefined for startup code and scheduled jobs. */
function findingLifetime(write: ClassifiedWrite): FindingLifetime | undefined {
  return write.lifetime === 'request' || write.lifetime === 'unknown' ? write.lifetime : undefined;
}

/** A request-derived value stored into a single slot while handling a request. */
function isLeak(write: ClassifiedWrite): boolean {
  return write.leak && write.lifetime === 'request';
}
