import type { StoreEntry } from './types.js';

/*
 * Libraries that keep state in the process unless configured otherwise. Facts come from the
 * project's store notes (shared/knowledge/stores.md); each entry names the file or section of the
 * package that states it. Package names, exports and options marked "checked" were read in the
 * package tarball at the version given; `known-packages.json` records the registry check of every
 * package named here.
 */

const REDIS_CACHE = { code: 'new Keyv(new KeyvRedis(url))', packages: ['keyv', '@keyv/redis'], backend: 'redis' } as const;
const CACHE_MANAGER_REDIS = { code: 'createCache({ stores: [createKeyv(url)] })', packages: ['cache-manager', '@keyv/redis'], backend: 'redis' } as const;
const KEYV_POSTGRES = { code: 'new Keyv(new KeyvPostgres({ uri }))', packages: ['keyv', '@keyv/postgres'], backend: 'postgres' } as const;
const PER_PROCESS_CACHE_ADVICE = 'Share it through Redis: `new Keyv(new KeyvRedis(url))` from `keyv` and `@keyv/redis`.';
const SESSION_STORES = [
  { code: 'store: new RedisStore({ client })', packages: ['connect-redis', 'redis'], backend: 'redis' },
  { code: 'store: new (connectPgSimple(session))({ pool })', packages: ['connect-pg-simple', 'pg'], backend: 'postgres' },
  { code: 'store: MongoStore.create({ mongoUrl })', packages: ['connect-mongo'], backend: 'mongodb' },
] as const;
const UNSTORAGE_REDIS = {
  advice: 'Pass `driver: redisDriver({ base, url })`, the Redis driver in `unstorage` (over `ioredis`).',
  alternatives: [{ code: "createStorage({ driver: redisDriver({ base: 'app', url }) })", packages: ['unstorage', 'ioredis'], backend: 'redis' }],
} as const;
const SHOPIFY_SESSION_STORES = [
  { code: 'sessionStorage: new RedisSessionStorage(url)', packages: ['@shopify/shopify-app-session-storage-redis'], backend: 'redis' },
  { code: 'sessionStorage: new PrismaSessionStorage(prisma)', packages: ['@shopify/shopify-app-session-storage-prisma'], backend: 'postgres' },
] as const;
const SHOPIFY_SESSION_STORAGE = {
  advice: 'Use `new PrismaSessionStorage(prisma)` from `@shopify/shopify-app-session-storage-prisma`, or its Redis storage.',
  alternatives: SHOPIFY_SESSION_STORES,
} as const;
const QUEUE_SCHEDULERS = [
  { code: "queue.upsertJobScheduler(id, { pattern: '0 3 * * *' }, template)", packages: ['bullmq'], backend: 'redis' },
  { code: "boss.schedule(name, '0 3 * * *', data)", packages: ['pg-boss'], backend: 'postgres' },
  { code: 'platform cron (Vercel Cron, EventBridge Scheduler, Cloud Scheduler) calling an endpoint', packages: [], backend: 'platform' },
] as const;
const LOCAL_DB_ALTERNATIVES = [
  { code: 'a Postgres table through `pg`', packages: ['pg'], backend: 'postgres' },
  { code: 'Redis keys through `ioredis`', packages: ['ioredis'], backend: 'redis' },
] as const;

/** An in-process event emitter: a bus between requests when one emits and another listens. */
function emitter(pkg: string, named: readonly (readonly string[])[], specifiers?: readonly string[]): StoreEntry {
  return {
    package: pkg,
    ...(specifiers ? { specifiers } : {}),
    kind: 'pubsub',
    verdict: 'stateful-shape',
    shapes: [{ form: 'new', exports: [...named, ['default']], placement: 'shared', usage: 'event-bus' }],
    why: 'Listeners hear only events emitted in the same process.',
    advice: 'Publish through Redis (`publish`/`subscribe` in `ioredis`) or Postgres `LISTEN/NOTIFY` (`pg`).',
    alternatives: [
      { code: "sub.subscribe('orders'); pub.publish('orders', payload)", packages: ['ioredis'], backend: 'redis' },
      { code: "client.query('LISTEN orders'); NOTIFY orders", packages: ['pg'], backend: 'postgres' },
    ],
  };
}

export const STORES: readonly StoreEntry[] = [
  // --- Sessions -------------------------------------------------------------------------------

  // express-session 1.19.0 index.js: `var store = opts.store || new MemoryStore()`, and a warning that
  // MemoryStore "will not scale past a single process"; `exports.MemoryStore` (checked).
  {
    package: 'express-session',
    kind: 'session',
    verdict: 'stateful-default',
    shapes: [
      { form: 'call', exports: [['default']], placement: 'anywhere', when: [{ missing: ['store'] }, { memoryStoreIn: 'store' }] },
      { form: 'new', exports: [['MemoryStore'], ['Store']], storeValue: true, placement: 'anywhere' },
    ],
    why: 'MemoryStore is per process and lost on restart; its own warning says it does not scale past a single process.',
    advice: 'Pass `store: new RedisStore({ client })` from `connect-redis`.',
    alternatives: SESSION_STORES,
  },
  // memorystore 1.6.8 (npm description): fixes MemoryStore's leak; the data is still per process.
  {
    package: 'memorystore',
    kind: 'session',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default', '()']], storeValue: true, placement: 'anywhere' }],
    why: 'Only fixes the MemoryStore leak; sessions are still per process and lost on restart.',
    advice: 'Pass `store: new RedisStore({ client })` from `connect-redis`.',
    alternatives: SESSION_STORES,
  },
  // session-file-store 1.5.0: sessions as JSON files in a local folder.
  {
    package: 'session-file-store',
    kind: 'session',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default', '()']], storeValue: true, placement: 'anywhere', medium: 'disk' }],
    why: 'Session files sit on one machine; other replicas and serverless instances cannot read them.',
    advice: 'Pass `store: new RedisStore({ client })` from `connect-redis`.',
    alternatives: SESSION_STORES,
  },
  // @fastify/session 11.1.3 README "store": defaults to an in-memory store that leaks memory;
  // index.js exports `default`, `fastifySession`, `Store` and `MemoryStore` (checked).
  {
    package: '@fastify/session',
    kind: 'session',
    verdict: 'stateful-default',
    shapes: [
      { form: 'register', exports: [[], ['default'], ['fastifySession']], placement: 'anywhere', when: [{ missing: ['store'] }, { memoryStoreIn: 'store' }] },
      { form: 'new', exports: [['MemoryStore'], ['Store']], storeValue: true, placement: 'anywhere' },
    ],
    why: 'The default store is in memory: per process, lost on restart, and it leaks memory.',
    advice: 'Give its `store` option a Redis store (express-session ones fit), or use a sealed cookie: `@fastify/secure-session`.',
    alternatives: SESSION_STORES,
  },
  // koa-session 7.0.2 Readme "External Session Stores": cookie sessions by default (safe); a
  // hand-written `store` backed by process memory is not.
  {
    package: 'koa-session',
    kind: 'session',
    verdict: 'stateful-shape',
    shapes: [{ form: 'call', exports: [['default']], placement: 'anywhere', when: [{ memoryStoreIn: 'store' }] }],
    why: 'The cookie default is stateless; a `store` kept in a Map lives in one process only.',
    advice: 'Drop the `store` to keep sessions in the cookie, or use `redisStore()` from `koa-redis`.',
    alternatives: [
      { code: 'store: redisStore({ url })', packages: ['koa-redis'], backend: 'redis' },
      { code: 'no `store`: the session lives in the signed cookie', packages: ['koa-session'], backend: 'cookie' },
    ],
  },
  // hono-sessions 0.8.1 (esm/mod.d.ts exports MemoryStore, CookieStore, sessionMiddleware; checked).
  {
    package: 'hono-sessions',
    kind: 'session',
    verdict: 'stateful-shape',
    shapes: [
      { form: 'call', exports: [['sessionMiddleware']], placement: 'anywhere', when: [{ memoryStoreIn: 'store' }] },
      { form: 'new', exports: [['MemoryStore']], storeValue: true, placement: 'anywhere' },
      { form: 'new', exports: [['BunSqliteStore']], storeValue: true, placement: 'anywhere', medium: 'disk' },
    ],
    why: 'MemoryStore is per process or isolate; BunSqliteStore is a file on one machine.',
    advice: 'Use `store: new CookieStore()` with an `encryptionKey`, from `hono-sessions`.',
    alternatives: [{ code: 'store: new CookieStore(), encryptionKey', packages: ['hono-sessions'], backend: 'cookie' }],
  },
  // @shopify/shopify-app-session-storage-memory 8.0.0 dist/ts/memory.d.ts `export declare class
  // MemorySessionStorage`; README: for local development only, every session is lost on restart.
  // @shopify/shopify-app-session-storage-sqlite 8.0.0 dist/ts/sqlite.d.ts `SQLiteSessionStorage`
  // (a database file path or a sqlite3 Database): a file on one machine (checked).
  {
    package: '@shopify/shopify-app-session-storage-memory',
    kind: 'session',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['MemorySessionStorage']], placement: 'anywhere' }],
    why: 'Shop sessions live in one process: another replica asks the merchant to authenticate again, and a restart loses them all.',
    ...SHOPIFY_SESSION_STORAGE,
  },
  {
    package: '@shopify/shopify-app-session-storage-sqlite',
    kind: 'session',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['SQLiteSessionStorage']], placement: 'anywhere', medium: 'disk' }],
    why: 'The SQLite file sits on one machine: other replicas cannot read its sessions, and a redeploy may lose it.',
    ...SHOPIFY_SESSION_STORAGE,
  },
  // passport 0.7.0 README "Sessions": serialises the user into `req.session`, so it inherits the
  // session store. Reported only beside an in-memory session middleware in the same file.
  {
    package: 'passport',
    kind: 'session',
    verdict: 'inherits',
    shapes: [{ form: 'call', exports: [['default', 'session'], ['session']], placement: 'anywhere', usage: 'passport' }],
    why: 'Logins live in the session, so they break exactly when the session store is in memory.',
    advice: 'Give the session middleware a shared `store`, e.g. `new RedisStore({ client })` from `connect-redis`.',
    alternatives: [
      ...SESSION_STORES,
      { code: "passport.authenticate('jwt', { session: false })", packages: ['passport-jwt'], backend: 'cookie' },
    ],
  },

  // --- Rate limits ----------------------------------------------------------------------------

  // express-rate-limit 8.7.5 dist/index.d.ts: `store` "By default, the built-in MemoryStore will be used";
  // `rateLimit` is the default and a named export, `MemoryStore` a named export (checked).
  {
    package: 'express-rate-limit',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [
      { form: 'call', exports: [['default'], ['rateLimit']], placement: 'anywhere', when: [{ missing: ['store'] }, { memoryStoreIn: 'store' }] },
      { form: 'new', exports: [['MemoryStore']], storeValue: true, placement: 'anywhere' },
    ],
    why: 'The MemoryStore counts per process, so N replicas allow N times the limit.',
    advice: 'Pass `store: new RedisStore({ sendCommand })` from `rate-limit-redis`.',
    alternatives: [
      { code: 'store: new RedisStore({ sendCommand: (...args) => client.sendCommand(args) })', packages: ['rate-limit-redis', 'redis'], backend: 'redis' },
      { code: 'store: new MemcachedStore({ locations })', packages: ['rate-limit-memcached'], backend: 'memcached' },
      { code: 'store: new PostgresStore(config, prefix)', packages: ['@acpr/rate-limit-postgresql'], backend: 'postgres' },
    ],
  },
  // express-slow-down 3.1.1 README: same stores as express-rate-limit; the memory store shares nothing.
  {
    package: 'express-slow-down',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['default'], ['slowDown']], placement: 'anywhere', when: [{ missing: ['store'] }, { memoryStoreIn: 'store' }] }],
    why: 'The memory store counts per process, so every replica slows clients down on its own.',
    advice: 'Pass `store: new RedisStore({ sendCommand })` from `rate-limit-redis`, with its own `prefix`.',
    alternatives: [
      { code: "store: new RedisStore({ sendCommand, prefix: 'sd:' })", packages: ['rate-limit-redis', 'redis'], backend: 'redis' },
      { code: 'store: new MemcachedStore({ locations })', packages: ['rate-limit-memcached'], backend: 'memcached' },
    ],
  },
  // rate-limiter-flexible 11.4.0 index.js exports RateLimiterMemory, RateLimiterCluster (IPC to the
  // cluster primary, one host) and the store-backed classes (checked). `insuranceLimiter` and
  // `inMemoryBlockOnConsumed` are deliberate local layers in front of a shared store.
  {
    package: 'rate-limiter-flexible',
    kind: 'rate-limit',
    verdict: 'stateful-shape',
    shapes: [
      { form: 'new', exports: [['RateLimiterMemory'], ['RateLimiterCluster']], placement: 'shared', exceptAsOption: ['insuranceLimiter'] },
      { form: 'new', exports: [['RateLimiterSQLite']], placement: 'shared', medium: 'disk', exceptAsOption: ['insuranceLimiter'] },
    ],
    why: 'Points are counted per process (or per host for the cluster limiter), so each replica allows the full rate.',
    advice: 'Use `new RateLimiterRedis({ storeClient: redis })` from `rate-limiter-flexible`.',
    alternatives: [
      { code: 'new RateLimiterRedis({ storeClient: redis, points, duration })', packages: ['rate-limiter-flexible', 'ioredis'], backend: 'redis' },
      { code: 'new RateLimiterPostgres({ storeClient: pgPool, tableName, points, duration })', packages: ['rate-limiter-flexible', 'pg'], backend: 'postgres' },
    ],
  },
  // @fastify/rate-limit 11.2.0 types/index.d.ts: `redis?: any`, `store?: FastifyRateLimitStoreCtor`;
  // README: in-memory by default, an external store is needed with several servers (checked).
  {
    package: '@fastify/rate-limit',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [{ form: 'register', exports: [[], ['default'], ['fastifyRateLimit']], placement: 'anywhere', when: [{ missing: ['redis', 'store'] }] }],
    why: 'The default store counts per process, so N replicas allow N times `max`.',
    advice: 'Pass `redis: new Redis()` from `ioredis` in the plugin options.',
    alternatives: [
      { code: 'redis: new Redis({ connectTimeout: 500, maxRetriesPerRequest: 1 })', packages: ['ioredis'], backend: 'redis' },
      { code: 'store: CustomStore (a class over your database)', packages: [], backend: 'custom' },
    ],
  },
  // hono-rate-limiter 0.5.4 dist/index.js `store = new MemoryStore()`; dist/index.d.ts exports
  // MemoryStore, RedisStore (client: @upstash/redis or compatible) and rateLimiter (checked).
  {
    package: 'hono-rate-limiter',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [
      { form: 'call', exports: [['rateLimiter']], placement: 'anywhere', when: [{ missing: ['store', 'binding'] }, { memoryStoreIn: 'store' }] },
      { form: 'new', exports: [['MemoryStore']], storeValue: true, placement: 'anywhere' },
    ],
    why: 'Counters live per process or per Workers isolate, so each one allows the full limit.',
    advice: 'Pass `store: new RedisStore({ client })` from `hono-rate-limiter` with an `@upstash/redis` client.',
    alternatives: [
      { code: 'store: new RedisStore({ client: Redis.fromEnv() })', packages: ['hono-rate-limiter', '@upstash/redis'], backend: 'redis' },
      { code: 'store: new WorkersKVStore({ namespace: c.env.KV })', packages: ['@hono-rate-limiter/cloudflare'], backend: 'platform' },
    ],
  },
  // @nestjs/throttler 6.7.1 throttler-module-options.interface.d.ts: `storage?: ThrottlerStorage`;
  // options are an array of throttlers or `{ throttlers, storage }` (checked). README "Storages".
  {
    package: '@nestjs/throttler',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [
      {
        form: 'call',
        exports: [
          ['ThrottlerModule', 'forRoot'],
          ['ThrottlerModule', 'forRootAsync'],
        ],
        placement: 'anywhere',
        when: [{ missing: ['storage'] }],
      },
    ],
    why: 'The built-in storage is an in-memory map per process, so each replica allows the full `limit`.',
    advice: 'Pass `storage: new ThrottlerStorageRedisService(redis)` from `@nest-lab/throttler-storage-redis`.',
    alternatives: [
      { code: 'forRoot({ throttlers, storage: new ThrottlerStorageRedisService(redis) })', packages: ['@nest-lab/throttler-storage-redis', 'ioredis'], backend: 'redis' },
      { code: 'storage: a `ThrottlerStorage` over node-redis', packages: ['@nestjs-redis/throttler-storage', 'redis'], backend: 'redis' },
    ],
  },
  // better-auth 1.7.29 dist/context/create-context.mjs: `rateLimit.enabled` defaults to production,
  // `storage: options.rateLimit?.storage || (options.secondaryStorage ? "secondary-storage" : "memory")` (checked).
  {
    package: 'better-auth',
    specifiers: ['better-auth', 'better-auth/minimal'],
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [
      {
        form: 'call',
        exports: [['betterAuth']],
        placement: 'anywhere',
        when: [{ option: 'rateLimit.storage', equals: ['memory'] }, { missing: ['rateLimit.storage', 'secondaryStorage'] }],
        unlessOption: { option: 'rateLimit.enabled', equals: [false] },
      },
    ],
    why: 'Its built-in rate limit (on in production) counts in process memory, so each replica allows the full `max`.',
    advice: "Pass `rateLimit: { storage: 'database' }` to `betterAuth`, or a `secondaryStorage` over Redis (`ioredis`).",
    alternatives: [
      { code: 'secondaryStorage: { get, set, delete } over a Redis client', packages: ['better-auth', 'ioredis'], backend: 'redis' },
      { code: "rateLimit: { storage: 'database' } (a `rateLimit` table in the auth database)", packages: ['better-auth'], backend: 'database' },
    ],
  },
  // graphql-rate-limit-directive 2.0.6 dist/index.js: `limiterClass = rate_limiter_flexible_1.RateLimiterMemory`;
  // dist/index.d.ts `limiterClass?: typeof RateLimiterAbstract` (checked). 1.3.0 dist/index.js: the same
  // default in `createRateLimitDirective({ …, limiterClass = RateLimiterMemory, limiterOptions = {} } = {})` (checked).
  {
    package: 'graphql-rate-limit-directive',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['rateLimitDirective'], ['createRateLimitDirective']], placement: 'anywhere', when: [{ missing: ['limiterClass'] }] }],
    why: 'The default limiter is `RateLimiterMemory`, so each replica allows the full limit of every field.',
    advice: 'Pass `limiterClass: RateLimiterRedis` and `limiterOptions: { storeClient: redis }` from `rate-limiter-flexible`.',
    alternatives: [{ code: 'rateLimitDirective({ limiterClass: RateLimiterRedis, limiterOptions: { storeClient: redis } })', packages: ['rate-limiter-flexible', 'ioredis'], backend: 'redis' }],
  },
  // limiter (README): token buckets in process memory with no store option.
  {
    package: 'limiter',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['RateLimiter'], ['TokenBucket']], placement: 'shared', serverFilesOnly: true }],
    why: 'The token bucket lives in process memory, so each replica spends its own tokens.',
    advice: 'Use `new RateLimiterRedis({ storeClient: redis })` from `rate-limiter-flexible`.',
    alternatives: [{ code: 'new RateLimiterRedis({ storeClient: redis, points, duration })', packages: ['rate-limiter-flexible', 'ioredis'], backend: 'redis' }],
  },
  // @hocuspocus/server 4.7.0 dist/hocuspocus-server.esm.js: `this.documents = new Map()` of the
  // Hocuspocus instance; dist/index.d.ts `new Server(configuration)`, `new Hocuspocus(configuration)`,
  // `configure(configuration)`; `Server.configure({ … })` is the older form. @hocuspocus/extension-redis
  // 4.7.0 exports `Redis`, which relays every document's updates through Redis pub/sub (checked).
  {
    package: '@hocuspocus/server',
    kind: 'realtime',
    verdict: 'stateful-shape',
    shapes: [
      { form: 'new', exports: [['Server'], ['Hocuspocus']], placement: 'anywhere', when: [{ list: 'extensions', noneFrom: ['@hocuspocus/extension-redis'] }] },
      { form: 'call', exports: [['Server', 'configure']], placement: 'anywhere', when: [{ list: 'extensions', noneFrom: ['@hocuspocus/extension-redis'] }] },
    ],
    why: 'Each document is held and synced in this process only, so editors connected to two replicas edit two copies that never meet.',
    advice: 'Add `new Redis({ host, port })` from `@hocuspocus/extension-redis` to `extensions`.',
    alternatives: [{ code: 'new Server({ extensions: [new Redis({ redis: redisClient })] })', packages: ['@hocuspocus/extension-redis', 'ioredis'], backend: 'redis' }],
  },
  // sharedb 7.0.0 lib/backend.js lines 26-27: `this.db = options.db || new MemoryDB(); this.pubsub =
  // options.pubsub || new MemoryPubSub();`, lib/index.js `module.exports = Backend` (checked); a
  // service often extends the backend and passes its options through `super`. sharedb-redis-pubsub
  // 5.1.0 README: `require('sharedb-redis-pubsub')({ client })`.
  {
    package: 'sharedb',
    kind: 'realtime',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default']], placement: 'anywhere', subclassed: true, when: [{ missing: ['pubsub'] }] }],
    why: 'Without `pubsub`, operations are published in this process only, so clients subscribed on other replicas never see each other’s edits.',
    advice: 'Pass `pubsub: redisPubSub({ client })` from `sharedb-redis-pubsub`.',
    alternatives: [{ code: "new ShareDB({ db, pubsub: require('sharedb-redis-pubsub')({ client }) })", packages: ['sharedb-redis-pubsub', 'redis'], backend: 'redis' }],
  },
  // @hocuspocus/extension-throttle 4.7.0 dist/hocuspocus-throttle.esm.js: `connectionsByIp` and
  // `bannedIps` are Maps of the extension instance, pruned by its own `setInterval`; no store option (checked).
  {
    package: '@hocuspocus/extension-throttle',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['Throttle']], placement: 'anywhere' }],
    why: 'Connection attempts and bans are counted per process, so each replica allows the full rate and a ban holds on one replica only.',
    advice: 'Limit connections with `new RateLimiterRedis({ storeClient: redis })` from `rate-limiter-flexible`, or at the load balancer.',
    alternatives: [{ code: 'onConnect: ({ request }) => limiter.consume(request.socket.remoteAddress ?? "")', packages: ['rate-limiter-flexible', 'ioredis'], backend: 'redis' }],
  },
  // koa-ratelimit 6.0.0 README: the default driver is 'redis'; only `driver: 'memory'` is in process.
  {
    package: 'koa-ratelimit',
    kind: 'rate-limit',
    verdict: 'stateful-shape',
    shapes: [{ form: 'call', exports: [['default']], placement: 'anywhere', when: [{ option: 'driver', equals: ['memory'] }] }],
    why: "With `driver: 'memory'` every replica counts on its own.",
    advice: "Use `driver: 'redis', db: new Redis()` from `ioredis`.",
    alternatives: [{ code: "driver: 'redis', db: new Redis()", packages: ['ioredis'], backend: 'redis' }],
  },
  // elysia-rate-limit 4.6.3 README "context": the default context is an LRU of 5,000 entries.
  {
    package: 'elysia-rate-limit',
    kind: 'rate-limit',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['rateLimit']], placement: 'anywhere', when: [{ missing: ['context'] }] }],
    why: 'The default context counts per process, so each replica allows the full limit.',
    advice: 'Pass a `context` that implements its `Context` interface over Redis (`ioredis`).',
    alternatives: [{ code: 'context: new RedisContext(redis) (your class implementing `Context`)', packages: ['ioredis'], backend: 'redis' }],
  },
  // express-brute 1.0.1 README: MemoryStore stores state locally; don't use it in production.
  {
    package: 'express-brute',
    kind: 'rate-limit',
    verdict: 'stateful-shape',
    shapes: [
      { form: 'new', exports: [['default']], placement: 'anywhere', when: [{ memoryStoreIn: 0 }] },
      { form: 'new', exports: [['MemoryStore']], storeValue: true, placement: 'anywhere' },
    ],
    why: 'MemoryStore counts failed attempts per process, so an attacker spreads guesses over replicas.',
    advice: 'Pass `new RedisStore({ host, port })` from `express-brute-redis`.',
    alternatives: [
      { code: 'new ExpressBrute(new RedisStore({ host, port }))', packages: ['express-brute-redis'], backend: 'redis' },
      { code: 'new ExpressBruteFlexible(ExpressBruteFlexible.LIMITER_TYPES.POSTGRES, { storeClient })', packages: ['rate-limiter-flexible', 'pg'], backend: 'postgres' },
    ],
  },

  // --- Queues and work limiters ---------------------------------------------------------------

  // bottleneck 2.19.5 README "Clustering": `datastore` defaults to "local"; "redis"/"ioredis" share limits.
  {
    package: 'bottleneck',
    kind: 'queue',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default']], placement: 'shared', serverFilesOnly: true, when: [{ missing: ['datastore'] }, { option: 'datastore', equals: ['local'] }] }],
    why: '`maxConcurrent` and `minTime` hold per process, so N replicas run N times the work.',
    advice: "Pass `datastore: 'ioredis'` with `clientOptions` and a shared `id` (`ioredis`).",
    alternatives: [{ code: "new Bottleneck({ id, datastore: 'ioredis', clientOptions })", packages: ['bottleneck', 'ioredis'], backend: 'redis' }],
  },

  // --- Caches ---------------------------------------------------------------------------------

  // lru-cache 11.5.3 dist/esm/index.d.ts: `export declare class LRUCache` (checked); v6/v7 default export.
  {
    package: 'lru-cache',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['LRUCache'], ['default']], placement: 'shared' }],
    why: 'Each replica holds its own copy, so an invalidation on one is not seen by the others.',
    advice: PER_PROCESS_CACHE_ADVICE,
    alternatives: [REDIS_CACHE, CACHE_MANAGER_REDIS, KEYV_POSTGRES],
  },
  // quick-lru, mnemonist, @isaacs/ttlcache, tiny-lru, node-cache: per-process caches with no store
  // plug-in (names and downloads from the registry; APIs from their READMEs).
  {
    package: 'quick-lru',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default']], placement: 'shared' }],
    why: 'A per-process cache with no shared invalidation.',
    advice: PER_PROCESS_CACHE_ADVICE,
    alternatives: [REDIS_CACHE, CACHE_MANAGER_REDIS, KEYV_POSTGRES],
  },
  {
    package: 'mnemonist',
    specifiers: ['mnemonist', 'mnemonist/lru-cache', 'mnemonist/lru-map'],
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['LRUCache'], ['LRUMap'], ['default']], placement: 'shared' }],
    why: 'A per-process cache with no shared invalidation.',
    advice: PER_PROCESS_CACHE_ADVICE,
    alternatives: [REDIS_CACHE, CACHE_MANAGER_REDIS, KEYV_POSTGRES],
  },
  {
    package: '@isaacs/ttlcache',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default'], ['TTLCache']], placement: 'shared' }],
    why: 'A per-process cache with no shared invalidation.',
    advice: PER_PROCESS_CACHE_ADVICE,
    alternatives: [REDIS_CACHE, CACHE_MANAGER_REDIS, KEYV_POSTGRES],
  },
  {
    package: 'tiny-lru',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'either', exports: [['lru'], ['LRU'], ['default']], placement: 'shared' }],
    why: 'A per-process cache with no shared invalidation.',
    advice: PER_PROCESS_CACHE_ADVICE,
    alternatives: [REDIS_CACHE, CACHE_MANAGER_REDIS, KEYV_POSTGRES],
  },
  // memory-cache (README): a process-wide singleton (`cache.put`) or `new cache.Cache()`.
  {
    package: 'memory-cache',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [
      { form: 'call', exports: [['default', 'put'], ['put']], placement: 'anywhere', oncePerFile: true },
      { form: 'new', exports: [['Cache']], placement: 'shared' },
    ],
    why: 'A process-wide cache: each replica has its own entries and expiries.',
    advice: PER_PROCESS_CACHE_ADVICE,
    alternatives: [REDIS_CACHE, CACHE_MANAGER_REDIS, KEYV_POSTGRES],
  },
  // memoizee 0.4.17 (README): `memoize(fn, { maxAge, max, promise })` keeps results in the process;
  // the memoised function has `.delete(...args)` and `.clear()`.
  {
    package: 'memoizee',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['default']], placement: 'shared' }],
    why: 'Results are kept per process; `.clear()` and `.delete()` reach only this one.',
    advice: PER_PROCESS_CACHE_ADVICE,
    alternatives: [REDIS_CACHE, CACHE_MANAGER_REDIS, KEYV_POSTGRES],
  },
  {
    package: 'node-cache',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default']], placement: 'shared' }],
    why: 'A per-process cache with no store plug-in.',
    advice: PER_PROCESS_CACHE_ADVICE,
    alternatives: [REDIS_CACHE, CACHE_MANAGER_REDIS, KEYV_POSTGRES],
  },
  // keyv 5.6.0 dist/index.d.ts: `constructor(store?: KeyvStoreAdapter | KeyvOptions | Map, options?)`;
  // README: the default storage is in memory (checked). @keyv/redis 5.1.6: default export KeyvRedis, `createKeyv`.
  {
    package: 'keyv',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default'], ['Keyv']], placement: 'shared', when: [{ missing: ['store', 'uri'] }, { memoryStoreIn: 'store' }, { memoryStoreIn: 0 }] }],
    why: 'Without an adapter Keyv stores in a per-process Map.',
    advice: 'Pass an adapter: `new Keyv(new KeyvRedis(url))` from `@keyv/redis`.',
    alternatives: [REDIS_CACHE, KEYV_POSTGRES, { code: 'new Keyv(new KeyvMongo(url))', packages: ['keyv', '@keyv/mongo'], backend: 'mongodb' }],
  },
  // cacheable 2.5.0 dist/index.d.mts: `secondary?: Keyv | KeyvStoreAdapter`; `CacheableMemory` (checked).
  {
    package: 'cacheable',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [
      { form: 'new', exports: [['Cacheable']], placement: 'shared', when: [{ missing: ['secondary'] }] },
      { form: 'new', exports: [['CacheableMemory']], placement: 'shared' },
    ],
    why: 'The primary layer is in memory; without `secondary` nothing is shared.',
    advice: 'Pass `secondary: new KeyvRedis(url)` from `@keyv/redis`.',
    alternatives: [{ code: 'new Cacheable({ secondary: new KeyvRedis(url) })', packages: ['cacheable', '@keyv/redis'], backend: 'redis' }, KEYV_POSTGRES],
  },
  // cache-manager 7.2.9 dist/index.d.mts: `createCache(options?)`, `stores?: Keyv[]` (checked);
  // v5 `caching('memory')` / `memoryStore()` (README migration section).
  {
    package: 'cache-manager',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [
      { form: 'call', exports: [['createCache']], placement: 'shared', when: [{ missing: ['stores'] }] },
      { form: 'call', exports: [['caching']], placement: 'shared', options: 1, when: [{ argument: 0, equals: ['memory'] }] },
      { form: 'call', exports: [['memoryStore']], placement: 'shared' },
    ],
    why: 'Without `stores` it caches in a per-process Keyv map.',
    advice: 'Pass `stores: [createKeyv(url)]` with `createKeyv` from `@keyv/redis`.',
    alternatives: [CACHE_MANAGER_REDIS, { code: 'createCache({ stores: [new Keyv(new KeyvPostgres({ uri }))] })', packages: ['cache-manager', 'keyv', '@keyv/postgres'], backend: 'postgres' }],
  },
  // @nestjs/cache-manager 12.0.0 dist/cache.providers.js: no `stores` means `createCache({ ttl, … })`,
  // an in-memory Keyv; interfaces: `stores?: Keyv | KeyvStoreAdapter | …` (checked).
  {
    package: '@nestjs/cache-manager',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [
      {
        form: 'call',
        exports: [
          ['CacheModule', 'register'],
          ['CacheModule', 'registerAsync'],
        ],
        placement: 'anywhere',
        when: [{ missing: ['stores', 'store'] }],
      },
    ],
    why: 'Without `stores` each replica caches in its own memory, and `del` reaches only that one.',
    advice: 'Pass `stores: [new KeyvRedis(url)]` from `@keyv/redis`.',
    alternatives: [{ code: 'CacheModule.register({ stores: [new KeyvRedis(url)] })', packages: ['@keyv/redis'], backend: 'redis' }, { code: 'stores: [new KeyvPostgres({ uri })]', packages: ['@keyv/postgres'], backend: 'postgres' }],
  },
  // @apollo/server 5.5.1 dist/esm/ApolloServer.js: no `cache` (or 'bounded') means `new InMemoryLRUCache()`.
  // Apollo Server 3 (apollo-server-core 3.13.0 dist/ApolloServer.js): no `cache` means `new UnboundedCache()`,
  // 'bounded' an `InMemoryLRUCache`; each integration package (apollo-server-express 3.13.0 dist/index.d.ts)
  // exports its `ApolloServer` subclass (checked).
  {
    package: '@apollo/server',
    specifiers: [
      '@apollo/server',
      'apollo-server',
      'apollo-server-express',
      'apollo-server-koa',
      'apollo-server-fastify',
      'apollo-server-hapi',
      'apollo-server-lambda',
      'apollo-server-micro',
      'apollo-server-cloud-functions',
      'apollo-server-azure-functions',
    ],
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['ApolloServer']], placement: 'anywhere', when: [{ missing: ['cache'] }, { option: 'cache', equals: ['bounded'] }] }],
    why: 'APQ hashes, the response cache and data sources are cached per replica, so one replica misses what another stored.',
    advice: 'Pass `cache: new KeyvAdapter(new Keyv(new KeyvRedis(url)))` from `@apollo/utils.keyvadapter`.',
    alternatives: [{ code: 'cache: new KeyvAdapter(new Keyv(new KeyvRedis(url)))', packages: ['@apollo/utils.keyvadapter', 'keyv', '@keyv/redis'], backend: 'redis' }],
  },
  // @envelop/response-cache 9.3.1 esm/plugin.js `cache = createInMemoryCache()`; @graphql-yoga/plugin-response-cache
  // 3.26.1 esm/index.js `options.cache ?? createInMemoryCache()`; both `cache?:` in their typings (checked).
  {
    package: '@graphql-yoga/plugin-response-cache',
    specifiers: ['@graphql-yoga/plugin-response-cache', '@envelop/response-cache'],
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['useResponseCache']], placement: 'anywhere', when: [{ missing: ['cache'] }] }],
    why: 'Responses are cached in an in-memory LRU per replica, and a mutation invalidates only this one.',
    advice: 'Pass `cache: createRedisCache({ redis })` from `@envelop/response-cache-redis`.',
    alternatives: [{ code: 'useResponseCache({ session, cache: createRedisCache({ redis: new Redis(url) }) })', packages: ['@envelop/response-cache-redis', 'ioredis'], backend: 'redis' }],
  },
  // unstorage 1.17.6 dist/index.mjs: `mounts: { "": options.driver || memory() }`; `unstorage/drivers/*`
  // (memory, lru-cache, fs, fs-lite) in package.json `exports` (checked).
  {
    package: 'unstorage',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['createStorage']], placement: 'shared', when: [{ missing: ['driver'] }, { memoryStoreIn: 'driver' }] }],
    why: 'Without a `driver` it keeps every key in a per-process Map, lost on restart and unseen by other replicas.',
    ...UNSTORAGE_REDIS,
  },
  {
    package: 'unstorage/drivers/memory',
    specifiers: ['unstorage/drivers/memory', 'unstorage/drivers/lru-cache'],
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['default']], storeValue: true, placement: 'anywhere' }],
    why: 'The memory and LRU drivers keep keys in this process.',
    ...UNSTORAGE_REDIS,
  },
  {
    package: 'unstorage/drivers/fs',
    specifiers: ['unstorage/drivers/fs', 'unstorage/drivers/fs-lite'],
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['default']], storeValue: true, placement: 'anywhere', medium: 'disk' }],
    why: 'The fs drivers write keys to this machine’s disk.',
    ...UNSTORAGE_REDIS,
  },
  // apicache 1.6.3 README: the memory engine is the default; `apicache.options({ redisClient })`.
  {
    package: 'apicache',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [
      {
        form: 'call',
        exports: [['default', 'middleware'], ['middleware']],
        placement: 'anywhere',
        unlessFileCalls: {
          exports: [
            ['default', 'options'],
            ['options'],
            ['default', 'newInstance'],
            ['newInstance'],
          ],
          withOption: ['redisClient'],
        },
      },
    ],
    why: 'Responses are cached per process, and `apicache.clear` reaches only this one.',
    advice: 'Call `apicache.options({ redisClient })` first, with a client from `redis`.',
    alternatives: [{ code: 'apicache.options({ redisClient: redis.createClient() }).middleware', packages: ['redis'], backend: 'redis' }],
  },
  // @fastify/caching 9.0.4 README: the default is an in-memory LRU, not for production.
  {
    package: '@fastify/caching',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'register', exports: [[], ['default'], ['fastifyCaching']], placement: 'anywhere', when: [{ missing: ['cache'] }] }],
    why: 'The default cache is an in-memory LRU per process.',
    advice: "Pass `cache: abstractCache({ driver: { name: 'abstract-cache-redis' } })` from `abstract-cache`.",
    alternatives: [
      { code: "cache: abstractCache({ useAwait: false, driver: { name: 'abstract-cache-redis', options: { client: redis } } })", packages: ['abstract-cache', 'abstract-cache-redis', 'ioredis'], backend: 'redis' },
    ],
  },
  // dataloader 2.2.3 README "Caching Per-Request": a loader is made per request; its memo cache is
  // not an application cache.
  {
    package: 'dataloader',
    kind: 'loader',
    verdict: 'stateful-shape',
    shapes: [{ form: 'new', exports: [['default']], placement: 'startup' }],
    why: 'A shared loader memoises forever: stale rows, other users’ rows, and unbounded growth.',
    advice: 'Create loaders per request in the GraphQL `context` function.',
    alternatives: [
      { code: 'context: async () => ({ loaders: createLoaders() })', packages: [], backend: 'per-request' },
      REDIS_CACHE,
    ],
  },

  // --- Locks ----------------------------------------------------------------------------------

  // async-mutex, async-lock (README): the lock excludes callers in the same process only.
  {
    package: 'async-mutex',
    kind: 'lock',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['Mutex'], ['Semaphore']], placement: 'shared' }],
    why: 'The lock excludes only callers in this process; other replicas run the critical section at once.',
    advice: 'Use a distributed lock: `redlock.acquire([key], ttl)` from `redlock`, or a Postgres advisory lock.',
    alternatives: [
      { code: 'new Redlock([redis]).acquire([key], ttlMs)', packages: ['redlock', 'ioredis'], backend: 'redis' },
      { code: "pool.query('SELECT pg_advisory_xact_lock($1)', [key])", packages: ['pg'], backend: 'postgres' },
    ],
  },
  {
    package: 'async-lock',
    kind: 'lock',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default']], placement: 'shared' }],
    why: 'The lock excludes only callers in this process; other replicas run the critical section at once.',
    advice: 'Use a distributed lock: `redlock.acquire([key], ttl)` from `redlock`, or a Postgres advisory lock.',
    alternatives: [
      { code: 'new Redlock([redis]).acquire([key], ttlMs)', packages: ['redlock', 'ioredis'], backend: 'redis' },
      { code: "pool.query('SELECT pg_advisory_xact_lock($1)', [key])", packages: ['pg'], backend: 'postgres' },
    ],
  },

  // --- Pub/sub and realtime -------------------------------------------------------------------

  // graphql-subscriptions 3.0.0 dist/pubsub.d.ts `export declare class PubSub` (checked); README: for
  // demos, a single server instance only.
  {
    package: 'graphql-subscriptions',
    kind: 'pubsub',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['PubSub']], placement: 'shared' }],
    why: 'Events published on one replica never reach subscriptions held by another.',
    advice: 'Use `new RedisPubSub({ publisher, subscriber })` from `graphql-redis-subscriptions`.',
    alternatives: [
      { code: 'new RedisPubSub({ publisher: new Redis(url), subscriber: new Redis(url) })', packages: ['graphql-redis-subscriptions', 'ioredis'], backend: 'redis' },
      { code: 'new PostgresPubSub({ client })', packages: ['graphql-postgres-subscriptions'], backend: 'postgres' },
    ],
  },
  // @graphql-yoga/subscription 5.1.1 typings/create-pub-sub.d.ts: `eventTarget?` (checked).
  {
    package: '@graphql-yoga/subscription',
    specifiers: ['@graphql-yoga/subscription', 'graphql-yoga'],
    kind: 'pubsub',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['createPubSub']], placement: 'shared', when: [{ missing: ['eventTarget'] }] }],
    why: 'The default event target lives in the process, so other replicas never see the events.',
    advice: 'Pass `eventTarget: createRedisEventTarget({ publishClient, subscribeClient })` from `@graphql-yoga/redis-event-target`.',
    alternatives: [{ code: 'createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) })', packages: ['@graphql-yoga/redis-event-target', 'ioredis'], backend: 'redis' }],
  },
  // mercurius 16.10.1 docs/subscriptions.md: `subscription: true` uses an in-process mqemitter.
  {
    package: 'mercurius',
    kind: 'pubsub',
    verdict: 'stateful-default',
    shapes: [
      {
        form: 'register',
        exports: [[], ['default']],
        placement: 'anywhere',
        when: [
          { option: 'subscription', equals: [true] },
          { option: 'subscription', lacks: ['emitter', 'pubsub'] },
        ],
      },
    ],
    why: 'Subscriptions go through an in-process emitter, so events stay on the replica that published them.',
    advice: 'Pass `subscription: { emitter: mqemitterRedis({ host, port }) }` from `mqemitter-redis`.',
    alternatives: [{ code: 'subscription: { emitter: mqemitterRedis({ host, port }) }', packages: ['mqemitter-redis'], backend: 'redis' }],
  },
  // node:events, eventemitter2 and eventemitter3: an emitter at module scope that requests emit on and listen to.
  // eventemitter3 5.0.4 index.mjs: `export { EventEmitter }; export default EventEmitter`; index.js:
  // `module.exports = EventEmitter` (checked).
  emitter('events', [['EventEmitter']], ['events', 'node:events']),
  emitter('eventemitter2', [['EventEmitter2']]),
  emitter('eventemitter3', [['EventEmitter']]),
  // rxjs 7 `Subject`, `ReplaySubject`, `BehaviorSubject` (exported from 'rxjs'): multicast to the
  // subscribers of this process; `next` emits, `subscribe`/`pipe`/`asObservable` listen (NestJS `@Sse` streams).
  emitter('rxjs', [['Subject'], ['ReplaySubject'], ['BehaviorSubject']]),
  // socket.io 4.8.4 dist/index.d.ts: `adapter` "@default the in-memory adapter", `adapter(v)` method,
  // constructors `(opts?)` and `(srv?, opts?)` (checked). @socket.io/redis-adapter 8.3.0:
  // `createAdapter(pubClient, subClient, opts?)` (checked).
  {
    package: 'socket.io',
    kind: 'realtime',
    verdict: 'stateful-default',
    shapes: [{ form: 'either', exports: [['Server'], ['default']], options: 'server', placement: 'anywhere', when: [{ missing: ['adapter'] }], unlessInstanceCalls: ['adapter'] }],
    why: 'The default adapter is in memory, so `io.emit` and `io.to(room)` reach only this process’s sockets.',
    advice: 'Pass `adapter: createAdapter(pub, sub)` from `@socket.io/redis-adapter`.',
    alternatives: [
      { code: 'new Server(httpServer, { adapter: createAdapter(pubClient, subClient) })', packages: ['@socket.io/redis-adapter', 'redis'], backend: 'redis' },
      { code: 'new Server(httpServer, { adapter: createAdapter(pool) })', packages: ['@socket.io/postgres-adapter', 'pg'], backend: 'postgres' },
    ],
  },
  // NestJS docs "Adapters": `IoAdapter` from @nestjs/platform-socket.io is socket.io with its default adapter.
  {
    package: '@nestjs/platform-socket.io',
    kind: 'realtime',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['IoAdapter']], placement: 'anywhere' }],
    why: 'Gateways then broadcast only to sockets connected to this process.',
    advice: 'Extend `IoAdapter` and call `server.adapter(createAdapter(pub, sub))` from `@socket.io/redis-adapter`.',
    alternatives: [{ code: 'class RedisIoAdapter extends IoAdapter { createIOServer(…) { server.adapter(createAdapter(pub, sub)) } }', packages: ['@socket.io/redis-adapter', 'redis'], backend: 'redis' }],
  },
  // @socket.io/cluster-adapter 0.3.0 dist/index.d.ts `createAdapter(opts?)`; README: broadcasts between
  // the workers of one Node.js cluster, that is one machine (checked).
  {
    package: '@socket.io/cluster-adapter',
    kind: 'realtime',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['createAdapter']], placement: 'anywhere' }],
    why: 'It broadcasts between the workers of one machine only; sockets on another host never hear `io.emit`.',
    advice: 'Use `createAdapter(pub, sub)` from `@socket.io/redis-adapter`.',
    alternatives: [
      { code: 'io.adapter(createAdapter(pubClient, subClient))', packages: ['@socket.io/redis-adapter', 'redis'], backend: 'redis' },
      { code: 'io.adapter(createAdapter(pool))', packages: ['@socket.io/postgres-adapter', 'pg'], backend: 'postgres' },
    ],
  },
  // ws 8.23.0 README "Server broadcast": `wss.clients` holds only this process's sockets.
  {
    package: 'ws',
    kind: 'realtime',
    verdict: 'stateful-shape',
    shapes: [{ form: 'new', exports: [['WebSocketServer'], ['Server']], placement: 'anywhere', usage: 'broadcast' }],
    why: 'A broadcast over `wss.clients` skips clients connected to other replicas.',
    advice: 'Publish the message through Redis (`ioredis`) and send it from each replica’s subscriber.',
    alternatives: [
      { code: "pub.publish('chat', msg); sub.on('message', (_, msg) => wss.clients.forEach((c) => c.send(msg)))", packages: ['ioredis'], backend: 'redis' },
      { code: 'socket.io with `adapter: createAdapter(pub, sub)`', packages: ['socket.io', '@socket.io/redis-adapter'], backend: 'redis' },
    ],
  },

  // --- Uploads --------------------------------------------------------------------------------

  // multer 2.5.0 index.js lines 82-88: `storage`, else `dest` gives diskStorage, else memoryStorage;
  // `module.exports.diskStorage`, `.memoryStorage` (checked). multer-s3 3.0.1 README.
  {
    package: 'multer',
    kind: 'upload',
    verdict: 'stateful-default',
    shapes: [
      {
        form: 'call',
        exports: [['default']],
        placement: 'anywhere',
        when: [
          { present: 'dest', medium: 'disk' },
          { missing: ['storage', 'dest'], kind: 'upload-buffer' },
          { memoryStoreIn: 'storage', kind: 'upload-buffer' },
        ],
      },
      // multer README, DiskStorage: "If no destination is given, the operating system's default
      // directory for temporary files is used": a file the request that took it handles and leaves.
      { form: 'call', exports: [['diskStorage']], placement: 'anywhere', when: [{ present: 'destination', medium: 'disk' }] },
      { form: 'call', exports: [['memoryStorage']], placement: 'anywhere', storeValue: true, kind: 'upload-buffer' },
    ],
    why: 'Disk storage leaves the file on one replica; memory storage buffers the whole file in RAM.',
    advice: 'Pass `storage: multerS3({ s3, bucket })` from `multer-s3`.',
    alternatives: [
      { code: 'storage: multerS3({ s3: new S3Client({}), bucket })', packages: ['multer-s3', '@aws-sdk/client-s3'], backend: 's3' },
      { code: 'storage: new CloudinaryStorage({ cloudinary })', packages: ['multer-storage-cloudinary'], backend: 'cloudinary' },
    ],
  },

  // @tus/file-store 2.1.1 dist/index.js: `constructor({ directory, configstore, … })` writes each
  // upload's chunks under `directory`, and `configstore ?? new FileConfigstore(directory)` its info
  // beside them (checked). A resumable upload is a POST followed by PATCH and HEAD requests.
  {
    package: '@tus/file-store',
    kind: 'upload',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['FileStore']], placement: 'anywhere', medium: 'disk' }],
    why: 'A resumable upload lives on the disk of the replica that took the POST, so a PATCH or HEAD that reaches another replica finds no upload.',
    advice: 'Pass `datastore: new S3Store({ s3ClientConfig })` from `@tus/s3-store` to the tus `Server`.',
    alternatives: [
      { code: 'datastore: new S3Store({ partSize, s3ClientConfig: { bucket, region } })', packages: ['@tus/s3-store'], backend: 's3' },
      { code: 'datastore: new GCSStore({ bucket: storage.bucket(name) })', packages: ['@tus/gcs-store', '@google-cloud/storage'], backend: 'gcs' },
      { code: 'datastore: new AzureStore({ account, accountKey, containerName })', packages: ['@tus/azure-store'], backend: 'azure' },
    ],
  },
  // @tus/s3-store 2.0.7 dist/index.js: `this.cache = options.cache ?? new MemoryKvStore()`, the
  // upload info each PATCH reads (checked); @tus/utils 0.7.1 dist/kvstores exports MemoryKvStore,
  // FileKvStore, RedisKvStore and IoRedisKvStore (checked).
  {
    package: '@tus/s3-store',
    kind: 'cache',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['S3Store']], placement: 'anywhere', when: [{ missing: ['cache'] }] }],
    why: 'Upload info is cached per process, so replicas serving the same upload read their own copy of its offset.',
    advice: 'Pass `cache: new IoRedisKvStore(redis)` from `@tus/utils` to `S3Store`.',
    alternatives: [{ code: 'cache: new IoRedisKvStore(new Redis(process.env.REDIS_URL))', packages: ['@tus/utils', 'ioredis'], backend: 'redis' }],
  },
  // @tus/server 2.4.5 dist/server.js: `if (!options.locker) options.locker = new MemoryLocker()`;
  // dist/lockers exports MemoryLocker only (checked). The lock keeps two requests from writing one upload.
  {
    package: '@tus/server',
    kind: 'lock',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['Server']], placement: 'anywhere', when: [{ missing: ['locker'] }] }],
    why: 'The default `MemoryLocker` locks an upload in this process only, so requests on two replicas can write the same upload at once.',
    advice: 'Pass the tus `Server` a `locker` whose `newLock(id)` takes a lock in Redis through `ioredis` (`SET key NX PX`).',
    alternatives: [{ code: 'locker: { newLock: (id) => a lock over `SET key NX PX` }', packages: ['ioredis'], backend: 'redis' }],
  },

  // --- Schedulers -----------------------------------------------------------------------------

  // cron 4.4.0, node-schedule 2.1.1, toad-scheduler: every replica fires the job (README); bullmq
  // queue.d.ts `upsertJobScheduler`; pg-boss types.d.ts `schedule`.
  {
    package: 'cron',
    kind: 'scheduler',
    verdict: 'stateful-default',
    shapes: [
      { form: 'new', exports: [['CronJob']], placement: 'anywhere', serverFilesOnly: true },
      { form: 'call', exports: [['CronJob', 'from']], placement: 'anywhere', serverFilesOnly: true },
    ],
    why: 'Every replica fires the job, and a frozen serverless instance fires none.',
    advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.',
    alternatives: QUEUE_SCHEDULERS,
  },
  // croner 11.0.1 dist/croner.d.ts: `export { Cron, … }`, `new Cron(pattern, func?)` and
  // `new Cron(pattern, options, func)`; without a function it only computes run times. Its `protect`
  // option stops overlapping runs in this process only. croner 5 exports the class as the
  // module itself (`const Cron = require('croner')`, croner 5.7.0 dist/croner.min.cjs: a UMD build
  // whose `module.exports` is `Cron`, with `Cron.Cron = Cron`).
  {
    package: 'croner',
    kind: 'scheduler',
    verdict: 'stateful-default',
    shapes: [{ form: 'either', exports: [['Cron'], ['default']], placement: 'anywhere', serverFilesOnly: true, when: [{ callback: 1 }, { callback: 2 }] }],
    why: 'Every replica fires the job, and a frozen serverless instance fires none.',
    advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.',
    alternatives: QUEUE_SCHEDULERS,
  },
  {
    package: 'node-schedule',
    kind: 'scheduler',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['default', 'scheduleJob'], ['scheduleJob']], placement: 'anywhere', serverFilesOnly: true }],
    why: 'Every replica fires the job, and a frozen serverless instance fires none.',
    advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.',
    alternatives: QUEUE_SCHEDULERS,
  },
  {
    package: 'toad-scheduler',
    kind: 'scheduler',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['ToadScheduler']], placement: 'anywhere', serverFilesOnly: true }],
    why: 'Every replica runs the jobs, and a frozen serverless instance runs none.',
    advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.',
    alternatives: QUEUE_SCHEDULERS,
  },
  // bree 9.2.9 src/index.d.ts: `export = Bree`, `new Bree({ jobs })`; `start()` runs every job on its
  // `interval`/`cron`/`timeout` in this process's worker threads, with no coordination between
  // processes (README "Usage"; the package has no lock or store option).
  {
    package: 'bree',
    kind: 'scheduler',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default']], placement: 'anywhere', serverFilesOnly: true }],
    why: 'Every replica runs the jobs, and a frozen serverless instance runs none.',
    advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.',
    alternatives: QUEUE_SCHEDULERS,
  },
  // node-cron 4.6.0 dist/node-cron.d.ts: `schedule(expression, func, options?)`, `distributed?: boolean`,
  // `setRunCoordinator` (checked). README "Distributed Coordination".
  {
    package: 'node-cron',
    kind: 'scheduler',
    verdict: 'stateful-default',
    shapes: [
      {
        form: 'call',
        exports: [['default', 'schedule'], ['schedule']],
        options: 2,
        placement: 'anywhere',
        serverFilesOnly: true,
        when: [{ missing: ['distributed'] }, { option: 'distributed', equals: [false] }],
      },
    ],
    why: 'Each instance fires the task unless `distributed` picks one.',
    advice: 'Pass `{ distributed: true }` with `cron.setRunCoordinator(…)` (node-cron 4), or a job scheduler from `bullmq`.',
    alternatives: [{ code: 'cron.schedule(expr, fn, { distributed: true }) with a Redis run coordinator', packages: ['node-cron'], backend: 'redis' }, ...QUEUE_SCHEDULERS],
  },
  // @nestjs/schedule 12.0.2: `@Cron`, `@Interval`, `@Timeout` run in every replica.
  {
    package: '@nestjs/schedule',
    kind: 'scheduler',
    verdict: 'stateful-default',
    shapes: [{ form: 'decorator', exports: [['Cron'], ['Interval'], ['Timeout']], placement: 'anywhere', serverFilesOnly: true }],
    why: 'The method runs in every replica, so the job runs once per instance.',
    advice: 'Use a repeatable job in `@nestjs/bullmq`, or platform cron calling an endpoint.',
    alternatives: [{ code: "queue.upsertJobScheduler('nightly', { pattern: '0 3 * * *' })", packages: ['@nestjs/bullmq', 'bullmq'], backend: 'redis' }, ...QUEUE_SCHEDULERS.slice(1)],
  },

  // --- Local file databases -------------------------------------------------------------------

  // lowdb, @seald-io/nedb, nedb, node-persist, flat-cache: JSON or file databases on local disk.
  {
    package: 'lowdb',
    specifiers: ['lowdb', 'lowdb/node'],
    kind: 'local-db',
    verdict: 'stateful-default',
    shapes: [
      { form: 'new', exports: [['Low'], ['LowSync']], placement: 'anywhere', serverFilesOnly: true, medium: 'disk' },
      { form: 'call', exports: [['JSONFilePreset'], ['JSONFileSyncPreset'], ['default']], placement: 'anywhere', serverFilesOnly: true, medium: 'disk' },
    ],
    why: 'Each replica has its own file; serverless disks are ephemeral, and concurrent writers lose data.',
    advice: 'Keep the data in a database, e.g. Postgres through `pg`.',
    alternatives: LOCAL_DB_ALTERNATIVES,
  },
  {
    package: '@seald-io/nedb',
    specifiers: ['@seald-io/nedb', 'nedb'],
    kind: 'local-db',
    verdict: 'stateful-default',
    shapes: [{ form: 'new', exports: [['default']], placement: 'anywhere', serverFilesOnly: true, medium: 'disk' }],
    why: 'Each replica has its own datafile (or memory), so replicas disagree.',
    advice: 'Keep the data in a database, e.g. Postgres through `pg`.',
    alternatives: LOCAL_DB_ALTERNATIVES,
  },
  // @keyv/sqlite 4.0.8 dist/index.js: `constructor(keyvOptions)` takes the uri as a string or in
  // `{ uri }`, by default `sqlite://:memory:`; `createKeyv(options)` is `new Keyv({ store: new
  // KeyvSqlite(options) })`; default and named export `KeyvSqlite` (checked).
  {
    package: '@keyv/sqlite',
    kind: 'local-db',
    verdict: 'stateful-default',
    shapes: [
      { form: 'new', exports: [['default'], ['KeyvSqlite']], placement: 'anywhere', serverFilesOnly: true, medium: 'disk' },
      { form: 'call', exports: [['createKeyv']], placement: 'anywhere', serverFilesOnly: true, medium: 'disk' },
    ],
    why: 'The cache sits in a SQLite file of one machine (or in its memory): each replica has its own, and a delete or an expiry reaches only that one.',
    advice: 'Give Keyv a shared store: `new Keyv(new KeyvRedis(url))` from `@keyv/redis`.',
    alternatives: [REDIS_CACHE, KEYV_POSTGRES],
  },
  {
    package: 'node-persist',
    kind: 'local-db',
    verdict: 'stateful-default',
    shapes: [{ form: 'call', exports: [['default', 'init'], ['init'], ['default', 'create'], ['create']], placement: 'anywhere', serverFilesOnly: true, medium: 'disk', oncePerFile: true }],
    why: 'Data is written to a local folder, so each replica has its own copy.',
    advice: 'Keep the data in Redis (`ioredis`) or a database.',
    alternatives: LOCAL_DB_ALTERNATIVES,
  },
  {
    package: 'flat-cache',
    kind: 'local-db',
    verdict: 'stateful-default',
    shapes: [
      { form: 'call', exports: [['default', 'load'], ['load'], ['default', 'create'], ['create']], placement: 'anywhere', serverFilesOnly: true, medium: 'disk' },
      { form: 'new', exports: [['FlatCache']], placement: 'anywhere', serverFilesOnly: true, medium: 'disk' },
    ],
    why: 'The cache file sits on one machine, so each replica has its own copy.',
    advice: 'Keep the data in Redis (`ioredis`) or a database.',
    alternatives: LOCAL_DB_ALTERNATIVES,
  },
];
