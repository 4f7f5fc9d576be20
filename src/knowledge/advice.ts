import type { Kind, StateKind, StoreKind } from './kinds.js';

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
  'keyed-map': 'Use Redis keys with a TTL (`ioredis`) or a Postgres table (`pg`).',
  collection: 'Use a Postgres table (`pg`) or a Redis list or set (`ioredis`).',
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
  leak: 'Keep it local, in `AsyncLocalStorage`, or on `res.locals`/`ctx.state`.',
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
  /** A vector database kept in a local folder (embedded LanceDB). */
  vectorFolder: 'Point it at object storage (`s3://`, `gs://`, `az://`) or LanceDB Cloud (`db://`), or use Postgres with `pgvector`.',
  /** A `setInterval` job in every replica. */
  interval: 'Schedule it once: a BullMQ job scheduler, the platform\'s scheduler (Cloud Scheduler, EventBridge, Workers Cron Triggers, Vercel Cron), or a lock so one replica runs it (Redis `SET NX PX`, a Postgres advisory lock).',
  /** A `setTimeout` loop that reschedules itself: a `setInterval` by another name. */
  loop: 'Schedule it once: a BullMQ job scheduler, the platform\'s scheduler (Cloud Scheduler, EventBridge, Workers Cron Triggers, Vercel Cron), or a lock so one replica runs it (Redis `SET NX PX`, a Postgres advisory lock).',
  /** A `setInterval` that refreshes data in process memory. */
  refresh: 'Refresh on read with a TTL, or keep the data in Redis.',
  /** A `setInterval` a connection handler starts and never stops. */
  connection: 'Clear it when the socket disconnects, or run the job once per service in a queue such as BullMQ.',
  /** A secret, salt or key made at random when the process starts. */
  secret: 'Make it once and give every replica the same value: an environment variable or a secret manager (AWS Secrets Manager, Vault); to rotate it, keep the current value in Redis or a database.',
  /** Work on a timer after the response. */
  afterResponse: "Queue it (BullMQ, SQS) or use the platform's `waitUntil`.",
  /** State one handler writes and another reads by a key. */
  keyed: 'Keep it in Redis (`ioredis`) or a database (`pg`), keyed by that id.',
  /** OAuth state between login and callback. */
  oauthState: 'Put it in a signed, HttpOnly cookie or in Redis keyed by `state`.',
  /** A registry of open connections another handler sends through. */
  connections: 'Fan out through Redis pub/sub or `@socket.io/redis-adapter`.',
  /** It holds live objects (a document being edited with its clients and timers): they cannot move to a store either. */
  liveObjects: "Route every request for one key to the same replica (the load balancer hashing on the key), or share the object through a backend made for it (for Yjs documents, y-redis or Hocuspocus's Redis extension).",
  /** An in-process emitter between handlers. */
  events: 'Publish through Redis pub/sub or Postgres `LISTEN/NOTIFY`.',
  /** socket.io's HTTP long-polling. */
  longPolling: "Pass `transports: ['websocket']` or set up sticky sessions.",
} as const;

export type FindingAdvice = keyof typeof FINDING_ADVICE;

/** The advice for the kinds that are neither a place's state nor a library's: what the audit names when no finding named one. */
export const OTHER_ADVICE: Readonly<Record<Exclude<Kind, StateKind | StoreKind>, string>> = {
  global: 'Keep it in Redis (ioredis) or a database, not on the global object.',
  env: 'Keep runtime settings in Redis or a database; `process.env` is per process.',
  instance: 'Keep the fields in Redis or a Postgres row; one instance per process serves every request.',
  file: 'Keep files in object storage, e.g. S3 through `@aws-sdk/client-s3`.',
  timer: 'Schedule the work once, in a queue such as `bullmq` or with platform cron.',
  secret: 'Give every replica the same secret, from an environment variable or a secret manager.',
  other: 'Keep it in a store every replica shares, such as Redis or Postgres.',
};

/** A row of the advice tables: `state:counter`, `store:session`, `finding:leak`. */
export type AdviceKey = `state:${StateKind}` | `store:${StoreKind}` | `finding:${FindingAdvice}`;

/** The advice a report names: a row of the tables, or the words of a library's own entry in the store table. */
export type AdviceRef = AdviceKey | { readonly text: string };

/** The words of an advice reference, as the message that names it says them. */
export function adviceText(advice: AdviceRef): string {
  if (typeof advice !== 'string') return advice.text;
  const separator = advice.indexOf(':');
  const table = advice.slice(0, separator);
  const key = advice.slice(separator + 1);
  if (table === 'state') return ALTERNATIVES[key as StateKind];
  if (table === 'store') return GENERIC_ADVICE[key as StoreKind];
  return FINDING_ADVICE[key as FindingAdvice];
}

function isStateKind(kind: Kind): kind is StateKind {
  return kind in ALTERNATIVES;
}

function isStoreKind(kind: Kind): kind is StoreKind {
  return kind in GENERIC_ADVICE;
}

/** The advice for a kind of state when no finding named one. */
export function kindAdvice(kind: Kind): string {
  if (isStateKind(kind)) return ALTERNATIVES[kind];
  if (isStoreKind(kind)) return GENERIC_ADVICE[kind];
  return OTHER_ADVICE[kind];
}
/** What a platform's advice is chosen for: a kind of state, or a kind of finding. */
export type PlatformAdviceKey = StateKind | FindingAdvice;

/**
 * Where the code runs or what it is built on, as far as it changes the advice, and what shows it in a
 * file: an import of one of `packages` (a specifier that starts with one of `prefixes`), a global it
 * calls (`Deno.serve`), or a module Worker's `export default { fetch }` (`defaultFetch`).
 */
export interface PlatformAdvice {
  readonly platform: string;
  readonly packages?: readonly string[];
  readonly prefixes?: readonly string[];
  readonly globals?: readonly string[];
  readonly defaultFetch?: boolean;
  /** The advice that replaces the default for a key. */
  readonly advice: Readonly<Partial<Record<PlatformAdviceKey, string>>>;
}

const LAMBDA_SCHEDULE = 'Schedule it with EventBridge Scheduler invoking a function; a frozen instance fires no timer.';
const WORKERS_SCHEDULE = 'Use a Cron Trigger (a `scheduled` handler in the Worker); an isolate fires no timer between requests.';
const VERCEL_SCHEDULE = 'Use Vercel Cron Jobs calling a route; a function instance fires no timer between requests.';

/**
 * The one table of advice that fits the platform. The first platform of the file (in this order)
 * that words a key wins; otherwise the defaults above. Every package named here is checked against
 * the registry list by a test.
 */
export const PLATFORM_ADVICE: readonly PlatformAdvice[] = [
  {
    platform: 'Cloudflare Workers',
    packages: ['cloudflare:workers', '@cloudflare/workers-types', 'wrangler'],
    defaultFetch: true,
    advice: {
      counter: 'Count in a Durable Object (one object per counter) or with an `UPDATE … SET n = n + 1` in D1.',
      flag: 'Keep it in Workers KV or D1.',
      cache: 'Use Workers KV with `expirationTtl`, or the Cache API.',
      'keyed-map': 'Keep it in Workers KV (with `expirationTtl`) or D1, or in a Durable Object per key.',
      collection: 'Keep it in D1, or in a Durable Object that owns the list.',
      object: 'Keep it in Workers KV or D1, or in a Durable Object.',
      value: 'Keep it in Workers KV or D1, or in a Durable Object.',
      keyed: 'Keep it in Workers KV or a Durable Object, keyed by that id.',
      connections: 'Hold the connections in a Durable Object (one per room or user), which every Worker reaches.',
      events: 'Route the events through a Durable Object or a Queue.',
      handRolledSession: 'Keep sessions in Workers KV or a Durable Object keyed by the session id, or in a sealed cookie.',
      file: 'Store it in R2.',
      sqlite: 'Use D1.',
      interval: WORKERS_SCHEDULE,
      loop: WORKERS_SCHEDULE,
      refresh: 'Read through the Cache API or Workers KV with a TTL.',
      afterResponse: 'Pass the promise to `ctx.waitUntil(…)`, or send the work to a Queue.',
    },
  },
  {
    platform: 'AWS Lambda',
    packages: ['aws-lambda', '@middy/core', 'serverless-http', 'hono/aws-lambda', '@aws-lambda-powertools/logger', '@aws-lambda-powertools/idempotency', 'sst'],
    advice: {
      counter: 'Use a DynamoDB atomic counter (`UpdateCommand` with `ADD`, from `@aws-sdk/lib-dynamodb`) or ElastiCache.',
      flag: 'Keep it in DynamoDB (`@aws-sdk/lib-dynamodb`) or ElastiCache.',
      cache: 'Use ElastiCache (Redis through `ioredis`) or a DynamoDB table with a TTL attribute.',
      'keyed-map': 'Use a DynamoDB table with a TTL attribute (`@aws-sdk/lib-dynamodb`) or ElastiCache; to skip events already handled, `@aws-lambda-powertools/idempotency`.',
      collection: 'Use a DynamoDB table (`@aws-sdk/lib-dynamodb`); to skip events already handled, `@aws-lambda-powertools/idempotency`.',
      object: 'Keep it in DynamoDB (`@aws-sdk/lib-dynamodb`) or ElastiCache.',
      value: 'Keep it in DynamoDB (`@aws-sdk/lib-dynamodb`) or ElastiCache.',
      keyed: 'Keep it in DynamoDB (`@aws-sdk/lib-dynamodb`), keyed by that id.',
      handRolledSession: 'Keep sessions in DynamoDB (`@aws-sdk/lib-dynamodb`) with a TTL attribute, or in a sealed cookie.',
      interval: LAMBDA_SCHEDULE,
      loop: LAMBDA_SCHEDULE,
      afterResponse: 'Send the work to SQS or EventBridge before returning; a frozen instance runs no timer.',
    },
  },
  {
    platform: 'Vercel / Next.js',
    packages: ['next', '@vercel/functions', '@vercel/node', '@vercel/kv'],
    advice: {
      counter: 'Use `INCR` on a Redis service (`@upstash/redis`, from the Vercel marketplace) or an atomic Postgres update.',
      flag: 'Keep it in a Redis service (`@upstash/redis`) or a Postgres row.',
      cache: 'Use a Redis service with a TTL (`@upstash/redis`), or the framework\'s data cache.',
      'keyed-map': 'Use Redis keys with a TTL on a Redis service (`@upstash/redis`), or a Postgres table.',
      collection: 'Use a Postgres table or a list or set on a Redis service (`@upstash/redis`).',
      object: 'Keep it in a Redis service (`@upstash/redis`) or a Postgres row.',
      value: 'Keep it in a Redis service (`@upstash/redis`) or a Postgres row.',
      keyed: 'Keep it in a Redis service (`@upstash/redis`) or a database, keyed by that id.',
      interval: VERCEL_SCHEDULE,
      loop: VERCEL_SCHEDULE,
      afterResponse: 'Use Next.js `after()` (in `next/server`) or `waitUntil` from `@vercel/functions`, or queue it.',
    },
  },
  {
    platform: 'Deno',
    prefixes: ['jsr:', 'npm:', 'https://deno.land/'],
    globals: ['Deno'],
    advice: {
      counter: 'Use Deno KV: `kv.atomic().sum(key, 1n)`.',
      flag: 'Keep it in Deno KV (`Deno.openKv()`).',
      cache: 'Use Deno KV with `expireIn`.',
      'keyed-map': 'Use Deno KV keys with `expireIn`.',
      collection: 'Use Deno KV (one key per item, listed by prefix) or Postgres.',
      object: 'Keep it in Deno KV (`Deno.openKv()`).',
      value: 'Keep it in Deno KV (`Deno.openKv()`).',
      keyed: 'Keep it in Deno KV, keyed by that id.',
      handRolledSession: 'Keep sessions in Deno KV keyed by the session id, with `expireIn`.',
      interval: 'Use `Deno.cron()` on Deno Deploy (one run per deployment) or a queue.',
      loop: 'Use `Deno.cron()` on Deno Deploy (one run per deployment) or a queue.',
    },
  },
  {
    platform: 'socket.io',
    packages: ['socket.io'],
    advice: {
      'keyed-map': 'Address sockets through rooms (`socket.join(userId)`, `io.to(userId)`) with `@socket.io/redis-adapter` or `@socket.io/postgres-adapter`, or keep the data in Redis keys.',
      collection: 'Use rooms with `@socket.io/redis-adapter` or `@socket.io/postgres-adapter` (`io.fetchSockets()` sees every replica), or a Redis set.',
      connections: 'Emit through rooms with `@socket.io/redis-adapter` or `@socket.io/postgres-adapter`, which reach sockets on every replica.',
      events: 'Emit through `@socket.io/redis-adapter` or `@socket.io/postgres-adapter` rather than an in-process emitter.',
    },
  },
  {
    platform: 'Hono',
    packages: ['hono'],
    advice: {
      handRolledSession: 'Use the session middleware of `hono-sessions` with its `store` option (`CookieStore`, or a store of your own on Redis).',
    },
  },
  {
    platform: 'Fastify',
    packages: ['fastify'],
    advice: {
      handRolledSession: 'Use `@fastify/secure-session` (the session sealed in a cookie), or `@fastify/session` with its `store` option on Redis.',
    },
  },
];

/** The advice for a key on the given platforms (names of `PLATFORM_ADVICE`, in its order). */
export function adviceFor(key: PlatformAdviceKey, platforms: readonly string[]): string {
  for (const entry of PLATFORM_ADVICE) {
    if (!platforms.includes(entry.platform)) continue;
    const advice = entry.advice[key];
    if (advice !== undefined) return advice;
  }
  return DEFAULT_ADVICE[key];
}

const DEFAULT_ADVICE: Readonly<Record<PlatformAdviceKey, string>> = { ...ALTERNATIVES, ...FINDING_ADVICE };
