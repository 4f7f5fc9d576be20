/**
 * The vocabulary of kinds: what a place holds (`counter` … `value`), what a library keeps
 * (`session` … `local-db`), and the kinds only the audit names. Messages, the audit's inventory and
 * the advice table all speak these words.
 */

/** The kind of state a place holds, judged from its writes after startup. */
export type StateKind = 'counter' | 'flag' | 'cache' | 'keyed-map' | 'collection' | 'object' | 'value';

export const STATE_KINDS: readonly StateKind[] = ['counter', 'flag', 'cache', 'keyed-map', 'collection', 'object', 'value'];

/** What kind of state a library keeps; it picks the message and decides which options report it. */
export type StoreKind =
  | 'session'
  | 'rate-limit'
  | 'cache'
  | 'loader'
  | 'lock'
  | 'pubsub'
  | 'realtime'
  | 'upload'
  | 'upload-buffer'
  | 'queue'
  | 'scheduler'
  | 'local-db';

export const STORE_KINDS: readonly StoreKind[] = [
  'session',
  'rate-limit',
  'cache',
  'loader',
  'lock',
  'pubsub',
  'realtime',
  'upload',
  'upload-buffer',
  'queue',
  'scheduler',
  'local-db',
];

/**
 * Every kind a finding can be of: what a place holds (`counter` … `value`), what a library keeps
 * (`session` … `local-db`), a property of the global object or `process.env`, the fields of a
 * singleton instance, a file on local disk, a timer, a secret made at random per process, and `other`.
 */
export const KINDS = [
  ...(['counter', 'flag', 'cache', 'keyed-map', 'collection', 'object', 'value'] as const satisfies readonly StateKind[]),
  ...(['session', 'rate-limit', 'loader', 'lock', 'pubsub', 'realtime', 'upload', 'upload-buffer', 'queue', 'scheduler', 'local-db'] as const satisfies readonly StoreKind[]),
  'global',
  'env',
  'instance',
  'file',
  'timer',
  'secret',
  'other',
] as const;

export type Kind = (typeof KINDS)[number];
