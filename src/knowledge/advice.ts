import type { StateKind, StoreKind } from './kinds.js';

/**
 * The alternative named for each kind of finding: one table that editor messages (through their
 * `{{advice}}` placeholder) and the audit's report both read, so they word the same advice the
 * same way. Every package named here is checked against the registry list by a test.
 */

/** The external store to name for each kind of state a place holds. */
export const ALTERNATIVES: Readonly<Record<StateKind, string>> = {
  counter: 'Use Redis `INCR` (ioredis) or an atomic Postgres update.',
  flag: 'Keep it in Redis (ioredis) or a Postgres row.',
  cache: 'Use Redis or Memcached with a TTL.',
  'keyed-map': 'Use Redis keys with a TTL or a Postgres table.',
  collection: 'Use a Postgres table or a Redis list or set.',
  object: 'Keep it in Redis (ioredis) or a Postgres row.',
  value: 'Keep it in Redis (ioredis) or a Postgres row.',
};

/** The advice for a library of a kind, when its entry in the store table (or an in-house store in settings) gives none of its own. */
export const GENERIC_ADVICE: Readonly<Record<StoreKind, string>> = {
  session: 'Keep sessions in Redis (`connect-redis`) or in a sealed cookie (`iron-session`).',
  'rate-limit': 'Count in Redis, e.g. `RateLimiterRedis` from `rate-limiter-flexible`.',
  cache: 'Share it through Redis: `new Keyv(new KeyvRedis(url))` from `keyv` and `@keyv/redis`.',
  loader: 'Create it per request.',
  lock: 'Use a distributed lock such as `redlock`, or a Postgres advisory lock.',
  pubsub: 'Publish through Redis pub/sub (`ioredis`) or Postgres `LISTEN/NOTIFY` (`pg`).',
  realtime: 'Fan messages out through Redis pub/sub (`ioredis`).',
  upload: 'Store uploads in object storage, e.g. S3 through `@aws-sdk/client-s3`.',
  'upload-buffer': 'Stream uploads to object storage, e.g. S3 through `@aws-sdk/client-s3`.',
  queue: 'Use a Redis-backed queue such as `bullmq`.',
  scheduler: 'Schedule it once in a queue such as `bullmq`, or with platform cron.',
  'local-db': 'Keep the data in a database, e.g. Postgres through `pg`.',
};

/** The advice for findings that are no kind of a place's state or of a library. */
export const FINDING_ADVICE = {
  /** A property of the global object written per request. */
  global: 'Keep it in Redis (ioredis) or a database.',
  /** `process.env` changed per request. */
  env: 'Keep runtime settings in Redis or a database.',
  /** A module binding of another file, or a call that writes one (typed linting). */
  imported: 'Keep it in Redis (ioredis) or Postgres.',
  /** Request data stored in a shared slot. */
  leak: 'Keep it local, in `AsyncLocalStorage`, or in `res.locals`/`ctx.state`.',
  /** Request data stored on a framework's singleton. */
  instanceLeak: 'Pass it as an argument or use `Scope.REQUEST`.',
  /** Request data stored on a plain singleton. */
  requestData: 'Pass it as an argument or use `AsyncLocalStorage`.',
  /** A hand-rolled session store. */
  handRolledSession: 'Use a session store (`store: new RedisStore({ client })` from `connect-redis`) or a sealed cookie (`iron-session`).',
  /** A file kept on this instance's disk. */
  file: 'Store it in object storage (S3, GCS, Azure Blob, R2) or a database.',
  /** A database kept in a local file. */
  sqlite: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.',
  /** A `setInterval` job in every replica. */
  interval: 'Schedule it once: a BullMQ job scheduler, the platform\'s scheduler (Cloud Scheduler, EventBridge, Workers Cron Triggers, Vercel Cron), or a lock so one replica runs it (Redis `SET NX PX`, a Postgres advisory lock).',
  /** A `setTimeout` loop that reschedules itself: a `setInterval` by another name. */
  loop: 'Schedule it once: a BullMQ job scheduler, the platform\'s scheduler (Cloud Scheduler, EventBridge, Workers Cron Triggers, Vercel Cron), or a lock so one replica runs it (Redis `SET NX PX`, a Postgres advisory lock).',
  /** A `setInterval` that refreshes data in process memory. */
  refresh: 'Refresh on read with a TTL, or keep the data in Redis.',
  /** A `setInterval` a connection handler starts and never stops. */
  connection: 'Clear it when the socket disconnects, or run the job once per service in a queue such as BullMQ.',
  /** Work on a timer after the response. */
  afterResponse: "Queue it (BullMQ, SQS) or use the platform's `waitUntil`.",
  /** State one handler writes and another reads by a key. */
  keyed: 'Keep it in Redis or a database, keyed by that id.',
  /** OAuth state between login and callback. */
  oauthState: 'Put it in a signed, HttpOnly cookie or in Redis keyed by `state`.',
  /** A registry of open connections another handler sends through. */
  connections: 'Fan out through Redis pub/sub or `@socket.io/redis-adapter`.',
  /** An in-process emitter between handlers. */
  events: 'Publish through Redis pub/sub or Postgres `LISTEN/NOTIFY`.',
  /** socket.io's HTTP long-polling. */
  longPolling: "Pass `transports: ['websocket']` or set up sticky sessions.",
} as const;

export type FindingAdvice = keyof typeof FINDING_ADVICE;
