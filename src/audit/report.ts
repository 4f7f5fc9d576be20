
/** The version of the JSON report's shape; raised on any incompatible change. */
export const REPORT_VERSION = 1;

export { KINDS, type Kind } from '../knowledge/kinds.js';
import type { Kind } from '../knowledge/kinds.js';

export interface Location {
  /** Relative to the audited root, forward slashes. */
  readonly file: string;
  readonly line: number;
}

export interface Handler {
  /** `h1`, `h2`, … in file and line order. */
  readonly id: string;
  /** The route (`POST /jobs`, `GET /api/orders/[id]`, `Query.book`), when the code names one. */
  readonly route: string | null;
  /** The function's name or how it is registered (`createJob`, `app.use`), when it has one. */
  readonly name: string | null;
  readonly framework: string | null;
  readonly file: string;
  readonly line: number;
}

/** A handler that writes or reads a piece of state, and where it does. */
export interface Access {
  /** A handler id. */
  readonly handler: string;
  /** The write, read or registration. */
  readonly at: Location;
}

export interface StateItem {
  /** `s1`, `s2`, … in file and line order. */
  readonly id: string;
  /** The binding, global, instance or store as written in the code. */
  readonly name: string;
  readonly kind: Kind;
  /** Counts against the verdict: reported as an error by a rule, or found written by a handler across files. */
  readonly blocker: boolean;
  /** Request data is stored in it, so one user's data reaches another. */
  readonly requestData: boolean;
  /** Written or used through another file, which no single file's lint shows. */
  readonly crossFile: boolean;
  readonly declaration: Location;
  readonly writtenBy: readonly Access[];
  readonly readBy: readonly Access[];
  /** The rules that report it (`stateless/no-module-state`); empty when only the audit finds it. */
  readonly rules: readonly string[];
  /** Indexes into `findings`. */
  readonly findings: readonly number[];
  /** What to use instead. */
  readonly alternative: string;
  /** More about the place: the fields of an instance, the code a store finding quotes. */
  readonly detail: string | null;
}

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  /** `stateless/<rule>`. */
  readonly rule: string;
  readonly messageId: string | null;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The state item it belongs to; null for findings that are not about state (a malformed annotation). */
  readonly state: string | null;
}

export interface KindSummary {
  readonly kind: Kind;
  readonly count: number;
  readonly blockers: number;
}

export interface Skipped {
  readonly file: string;
  readonly line: number | null;
  readonly reason: string;
}

export interface Verdict {
  readonly stateless: boolean;
  readonly blockers: number;
  /** State reported only as warnings. */
  readonly warnings: number;
  /** `--max-blockers`, when given. */
  readonly maxBlockers: number | null;
  /** The run fails: more blockers than allowed. */
  readonly failed: boolean;
}

export interface AuditReport {
  readonly version: typeof REPORT_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  /** The audited folder (absolute). */
  readonly root: string;
  /** The tsconfig relative to the root, or null for a plain folder. */
  readonly tsconfig: string | null;
  /** The config the rules ran with: `all`, `recommended`, `strict`, or a config file path. */
  readonly config: string;
  readonly files: number;
  readonly verdict: Verdict;
  readonly summary: readonly KindSummary[];
  readonly state: readonly StateItem[];
  /** How many request handlers the project has; `handlers` lists those that touch state. */
  readonly entryPoints: number;
  readonly handlers: readonly Handler[];
  readonly findings: readonly Finding[];
  readonly skipped: readonly Skipped[];
}

const KIND_LABELS: Record<Kind, string> = {
  counter: 'counter',
  flag: 'flag',
  cache: 'cache',
  'keyed-map': 'keyed map',
  collection: 'collection',
  object: 'shared object',
  value: 'value',
  session: 'session store',
  'rate-limit': 'rate limiter',
  loader: 'DataLoader',
  lock: 'lock',
  pubsub: 'pub/sub',
  realtime: 'realtime adapter',
  upload: 'uploads on disk',
  'upload-buffer': 'upload buffer',
  queue: 'work queue',
  scheduler: 'scheduler',
  'local-db': 'local database',
  global: 'global',
  env: 'process.env',
  instance: 'singleton instance',
  file: 'local file',
  timer: 'timer',
  other: 'other',
};

export function kindLabel(kind: Kind): string {
  return KIND_LABELS[kind];
}

/** How a handler is named in reports: its route, else its name, else where it is. */
export function handlerLabel(handler: Handler): string {
  return handler.route ?? handler.name ?? `handler at ${handler.file}:${handler.line}`;
}

/** `3 blockers`, `1 blocker`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The verdict in one line, the same in every format. */
export function verdictLine(verdict: Verdict): string {
  if (verdict.stateless) {
    return verdict.warnings === 0 ? 'Stateless: no state outlives a request.' : `Stateless: no blockers (${plural(verdict.warnings, 'warning')}).`;
  }
  const allowance = verdict.maxBlockers === null ? '' : verdict.failed ? ` (more than the ${verdict.maxBlockers} allowed)` : ` (within the ${verdict.maxBlockers} allowed)`;
  return `Not stateless: ${plural(verdict.blockers, 'blocker')}${allowance}.`;
}
