/**
 * The kind of state a binding holds, judged from its request-time writes; it picks the message
 * and the external alternative named in it.
 */
export type StateKind = 'counter' | 'flag' | 'cache' | 'keyed-map' | 'collection' | 'object' | 'value';

export const STATE_KINDS: readonly StateKind[] = ['counter', 'flag', 'cache', 'keyed-map', 'collection', 'object', 'value'];

/** Names that say "this is a cache": a per-instance cache is a performance choice, flagged only in strict. */
export const CACHE_NAME = /cache|memo|lru/iu;

/** The external store to name for each kind of state. */
export const ALTERNATIVES: Record<StateKind, string> = {
  counter: 'Use Redis `INCR` (ioredis, redis) or an atomic update of a Postgres row.',
  flag: 'Keep it in Redis or a Postgres row that every instance reads.',
  cache: 'Use Redis or Memcached with a TTL (ioredis, memjs), or an HTTP cache.',
  'keyed-map': 'Use Redis keys with a TTL (ioredis) or a Postgres table keyed by that id.',
  collection: 'Use a Postgres table or a Redis list or set (pg, ioredis).',
  object: 'Keep it in Redis (ioredis) or a Postgres row, not in process memory.',
  value: 'Keep it in Redis (ioredis) or a Postgres row, not in process memory.',
};
