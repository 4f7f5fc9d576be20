
/** The version of the JSON report's shape; raised on any incompatible change. */
export const REPORT_VERSION = 2;

/**
 * Why files of the project were not checked although they are source files: the user's ignores
 * (`.gitignore`, `--ignore`, the ignores of a config file named with `--config`), a config file
 * that enables no rule of the plugin for them, limits the audit keeps (larger than 2 MB, a
 * symlink out of the root, not a regular file), and commands of the project that are no part of
 * the service (a file under `scripts/` that serves no requests and that no file imports).
 */
export const SKIP_REASONS = ['gitignore', 'ignore-option', 'eslint-ignores', 'no-rule', 'too-large', 'outside-root', 'not-a-file', 'standalone-script'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** The deployment platforms the audit reads. */
export const PLATFORMS = ['kubernetes', 'helm', 'compose', 'fly', 'render', 'app-engine', 'aws-lambda', 'vercel', 'netlify', 'cloudflare-workers', 'pm2', 'procfile', 'container'] as const;
export type Platform = (typeof PLATFORMS)[number];

export { KINDS, type Kind } from '../knowledge/kinds.js';
import type { Kind } from '../knowledge/kinds.js';
import type { ProcessGroup } from './processes.js';

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

/** A file in scope that could not be checked: it does not parse, a rule threw on it, or it cannot be read. */
export type FailedFile = Skipped;

export interface FileCounts {
  /** Files every enabled rule ran on, and whose analysis the graph took. */
  readonly checked: number;
  /** Files in scope that could not be checked (listed in `failed`). */
  readonly failed: number;
  /** Files (or, for a folder ignored as a whole, folders) left out, by reason. */
  readonly skipped: readonly { readonly reason: SkipReason; readonly count: number }[];
}

/** A deployment file and what it says. */
export interface DeploymentFile {
  readonly file: string;
  readonly platform: Platform;
  /** The most instances it allows (an autoscaler's maximum); null when it does not say. */
  readonly replicas: number | null;
  readonly note: string;
}

export interface Deployment {
  /** The platform the verdict speaks of: the most specific one found; null when no file says. */
  readonly platform: Platform | null;
  /** The file the platform is read from. */
  readonly platformSource: string | null;
  /** How many instances run at most: `--replicas`, else the largest count the platform's files give; null when unknown. */
  readonly replicas: number | null;
  /** `--replicas`, or the file the count comes from. */
  readonly replicasSource: string | null;
  /** Each request may reach another instance: serverless functions, whose warm instances keep module state. */
  readonly serverless: boolean;
  readonly files: readonly DeploymentFile[];
  /** Deployment files that do not parse: read as absent. */
  readonly warnings: readonly { readonly file: string; readonly message: string }[];
  /** Containers that start several processes together (a web server and a worker): present when one does. */
  readonly processes?: readonly ProcessGroup[];
}

export interface Verdict {
  /** No blockers, and every file in scope was checked. */
  readonly stateless: boolean;
  /** Every file in scope was checked. */
  readonly complete: boolean;
  readonly blockers: number;
  /** State reported only as warnings. */
  readonly warnings: number;
  /** `--max-blockers`, when given. */
  readonly maxBlockers: number | null;
  /** The run fails (exit code 1): more blockers than allowed, or files that could not be checked. */
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
  readonly files: FileCounts;
  readonly verdict: Verdict;
  readonly deployment: Deployment;
  readonly summary: readonly KindSummary[];
  readonly state: readonly StateItem[];
  /** How many request handlers the project has; `handlers` lists those that touch state. */
  readonly entryPoints: number;
  readonly handlers: readonly Handler[];
  readonly findings: readonly Finding[];
  /** Every file that could not be checked, and why. */
  readonly failed: readonly FailedFile[];
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
  secret: 'per-process secret',
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

const SKIP_LABELS: Record<SkipReason, string> = {
  gitignore: 'by .gitignore',
  'ignore-option': 'by --ignore',
  'eslint-ignores': "by the config's ignores",
  'no-rule': 'with no stateless/ rule in the config',
  'too-large': 'larger than 2 MB',
  'outside-root': 'links out of the folder',
  'not-a-file': 'not regular files',
  'standalone-script': 'scripts that serve no requests and that no file imports',
};

export function skipLabel(reason: SkipReason): string {
  return SKIP_LABELS[reason];
}

/** `120 files checked, 1 failed; skipped: 14 by .gitignore, 2 by --ignore`: the same in every format. */
export function filesLine(files: FileCounts): string {
  const failed = files.failed > 0 ? `, ${String(files.failed)} could not be checked` : '';
  const skipped = files.skipped.length > 0 ? `; skipped ${files.skipped.map((entry) => `${String(entry.count)} ${skipLabel(entry.reason)}`).join(', ')}` : '';
  return `${plural(files.checked, 'file')} checked${failed}${skipped}.`;
}

/** The verdict in one line, the same in every format. */
export function verdictLine(verdict: Verdict, files?: FileCounts): string {
  const allowance = verdict.maxBlockers === null ? '' : verdict.blockers > verdict.maxBlockers ? ` (more than the ${verdict.maxBlockers} allowed)` : ` (within the ${verdict.maxBlockers} allowed)`;
  if (!verdict.complete) {
    const unchecked = files === undefined ? 'some files' : plural(files.failed, 'file');
    const found = verdict.blockers === 0 ? 'no blockers in the files checked' : `${plural(verdict.blockers, 'blocker')}${allowance}`;
    return `Not shown stateless: ${unchecked} could not be checked; ${found}.`;
  }
  if (verdict.stateless) {
    return verdict.warnings === 0 ? 'Stateless: no state outlives a request.' : `Stateless: no blockers (${plural(verdict.warnings, 'warning')}).`;
  }
  return `Not stateless: ${plural(verdict.blockers, 'blocker')}${allowance}.`;
}
