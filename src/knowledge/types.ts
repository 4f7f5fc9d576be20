/**
 * The shape of the store table: which libraries keep state in the process, how their code shows
 * it, and what replaces them. `src/analysis/stores.ts` interprets these shapes.
 */

export type { StoreKind } from './kinds.js';
export { STORE_KINDS } from './kinds.js';
import type { StoreKind } from './kinds.js';

/**
 * - `stateful-default`: keeps state in the process unless configured otherwise;
 * - `stateful-shape`: only a specific constructor or option is stateful;
 * - `inherits`: keeps no state itself but uses another library's store.
 */
export type Verdict = 'stateful-default' | 'stateful-shape' | 'inherits';

/** A literal option value written in the code. */
export type Literal = string | number | boolean;

/** When a matched call selects in-process state. A shape matches when any of its conditions holds. */
export type Condition = (
  | {
      /** The options argument is absent, an array, or an object without any of these keys. */
      readonly missing: readonly string[];
    }
  | {
      /** Option `option` is present (any value). */
      readonly present: string;
    }
  | {
      /** Option `option` is written as one of these literals. */
      readonly option: string;
      readonly equals: readonly Literal[];
    }
  | {
      /** Option `option` is an object literal without any of these keys. */
      readonly option: string;
      readonly lacks: readonly string[];
    }
  | {
      /** Argument `argument` is written as one of these literals. */
      readonly argument: number;
      readonly equals: readonly Literal[];
    }
  | {
      /** Argument `callback` is given a function (written there, or a name), not an options object or a literal. */
      readonly callback: number;
    }
  | {
      /** The option (a key) or argument (an index) holds an in-process store: a `storeValue` shape of the table, a `new Map()`, or a hand-written Map-backed store. */
      readonly memoryStoreIn: string | number;
    }
  | {
      /**
       * Option `list` is absent, or an array written in the code none of whose elements (spreads and
       * conditional arms included) is made by an export of one of these packages: `extensions:
       * [new Logger()]` without `new Redis()` from `@hocuspocus/extension-redis`.
       */
      readonly list: string;
      readonly noneFrom: readonly string[];
    }
) & {
  /** The kind of state when this condition holds, where it differs from the entry's. */
  readonly kind?: StoreKind;
  /** Where the state lives when this condition holds, where it differs from the shape's. */
  readonly medium?: Medium;
};

/** Where the state lives: process memory or this machine's disk. */
export type Medium = 'memory' | 'disk';

/**
 * Where the construction must be to be shared state:
 * - `anywhere`: middleware and servers (even one built per request keeps its store for its lifetime);
 * - `shared`: anywhere but inside a request handler (a per-request instance is not shared);
 * - `startup`: only at module scope or on a framework singleton (a DataLoader made in a
 *   per-request factory is the recommended pattern).
 */
export type Placement = 'anywhere' | 'shared' | 'startup';

export interface Shape {
  /**
   * - `call` / `new` / `either`: the export is called or constructed;
   * - `register`: the export is the first argument of `x.register(plugin, options)` (Fastify);
   * - `decorator`: the export decorates a class member (`@Cron()`).
   */
  readonly form: 'call' | 'new' | 'either' | 'register' | 'decorator';
  /** Paths from the module namespace: `['default']`, `['LRUCache']`, `['ThrottlerModule', 'forRoot']`, `['default', '()']`. */
  readonly exports: readonly (readonly string[])[];
  /** Where the options are: an argument index (default 0, 1 for `register`), or `server`: socket.io's `(srv?, opts?)`. */
  readonly options?: number | 'server';
  /** Any of these selects in-process state; without conditions every match does. */
  readonly when?: readonly Condition[];
  readonly placement?: Placement;
  readonly medium?: Medium;
  readonly kind?: StoreKind;
  /** Deliberate local layers in front of a shared store: not a finding as the value of these options. */
  readonly exceptAsOption?: readonly string[];
  /**
   * An in-process store meant for another library's option (`new session.MemoryStore()`): reported
   * where it is passed, or on its own when this file passes it nowhere.
   */
  readonly storeValue?: boolean;
  /** Not a finding when this option (a dotted path) is written as one of these literals: `rateLimit.enabled: false`. */
  readonly unlessOption?: { readonly option: string; readonly equals: readonly Literal[] };
  /** Not a finding when the instance is configured later in this file: `io.adapter(createAdapter(…))`. */
  readonly unlessInstanceCalls?: readonly string[];
  /** Not a finding when this file also calls one of these exports with one of these options. */
  readonly unlessFileCalls?: { readonly exports: readonly (readonly string[])[]; readonly withOption: readonly string[] };
  /** A module-level singleton API (`cache.put`): reported once per file. */
  readonly oncePerFile?: boolean;
  /**
   * Usage decides, not construction:
   * - `broadcast`: `x.clients` iterated to `send` while handling a message (ws);
   * - `event-bus`: a module-scope emitter that request handlers both emit on and listen to;
   * - `passport`: `passport.session()` in a file whose session middleware is in memory.
   */
  readonly usage?: 'broadcast' | 'event-bus' | 'passport';
  /** Only in files that also serve requests (schedulers, file databases): a dedicated worker is the fix itself. */
  readonly serverFilesOnly?: boolean;
  /** For `new`: a subclass's `super(options)` constructs it too (`class Backend extends ShareDB`), where the package is made to be extended. */
  readonly subclassed?: boolean;
}

/** One external alternative and where it plugs in. */
export interface Alternative {
  /** The code that plugs in, e.g. `store: new RedisStore({ client })`. */
  readonly code: string;
  /** Packages to install for it; each is listed in `known-packages.json`. */
  readonly packages: readonly string[];
  /** What holds the state then: `redis`, `postgres`, `mongodb`, `memcached`, `s3`, `cookie`, `platform`, … */
  readonly backend: string;
}

export interface StoreEntry {
  /** The package name, as installed. */
  readonly package: string;
  /** Import specifiers that reach it; the package name when omitted (`['events', 'node:events']`). */
  readonly specifiers?: readonly string[];
  readonly kind: StoreKind;
  readonly verdict: Verdict;
  readonly shapes: readonly Shape[];
  /** Why it breaks with more than one instance or on serverless, in one line. */
  readonly why: string;
  /** The second sentence of the message: the library's own alternative and where it plugs in. */
  readonly advice: string;
  /** External alternatives, the first with Redis where one exists. */
  readonly alternatives: readonly Alternative[];
}

/** A library that is stateless by design or backed by an external store: the rules stay quiet on purpose. */
export interface SafeEntry {
  readonly package: string;
  /** The usual code shape. */
  readonly shape: string;
  readonly why: string;
}

/** A library in the knowledge file that the rules do not detect, and why. */
export interface UndetectedEntry {
  readonly package: string;
  readonly kind: StoreKind;
  readonly reason: string;
  readonly alternatives: readonly Alternative[];
}
