import type { SafeEntry, UndetectedEntry } from './types.js';

/*
 * Stateless by design, or backed by an external store by default: the rules say nothing about
 * these on purpose (store notes §2 and the SAFE rows of §1).
 */
export const SAFE: readonly SafeEntry[] = [
  // iron-session 8.0.4 README: data sealed in the cookie; every replica needs the same `password`.
  { package: 'iron-session', shape: 'getIronSession(cookies, { password, cookieName })', why: 'Session data is sealed (signed and encrypted) in the cookie; nothing is stored on the server.' },
  // cookie-session 2.1.1 README: needs no database or resources on the server.
  { package: 'cookie-session', shape: 'cookieSession({ name, keys })', why: 'The session is the signed cookie, so any replica can read it.' },
  // @fastify/secure-session 8.4.0 README: libsodium-encrypted cookie session.
  { package: '@fastify/secure-session', shape: 'register(secureSession, { key })', why: 'The session is an encrypted cookie.' },
  // koa-session 7.0.2 Readme: cookie-based by default (a hand-written memory `store` is reported).
  { package: 'koa-session', shape: 'session(app)', why: 'Without a `store` the session lives in the cookie.' },
  // next-auth 4.24.15 core/init.js line 66: `strategy` is "jwt", or "database" when an `adapter` is set.
  { package: 'next-auth', shape: 'NextAuth({ providers })', why: 'JWT sessions live in the cookie; with an `adapter` sessions go to its database.' },
  { package: '@auth/core', shape: 'Auth(request, { providers })', why: 'JWT sessions live in the cookie; with an `adapter` sessions go to its database.' },
  // hono-sessions 0.8.1 README: CookieStore needs an `encryptionKey` and keeps the session in the cookie.
  { package: 'hono-sessions', shape: 'sessionMiddleware({ store: new CookieStore(), encryptionKey })', why: 'CookieStore keeps the session in an encrypted cookie.' },
  // h3 useSession: a sealed cookie session with a `password`.
  { package: 'h3', shape: 'useSession(event, { password })', why: 'The session is sealed in the cookie.' },
  // @upstash/ratelimit 2.2.0 dist/index.d.ts: Redis over HTTP; its module-scope `ephemeralCache` is intended.
  { package: '@upstash/ratelimit', shape: 'new Ratelimit({ redis: Redis.fromEnv(), limiter })', why: 'Counts live in Redis; the local `ephemeralCache` only short-cuts clients already blocked.' },
  // bullmq / pg-boss / agenda typings: state lives in Redis, Postgres or MongoDB.
  { package: 'bullmq', shape: 'new Queue(name, { connection })', why: 'Jobs and schedules live in Redis.' },
  { package: 'pg-boss', shape: 'new PgBoss(connectionString)', why: 'Jobs and schedules live in Postgres.' },
  { package: 'agenda', shape: 'new Agenda({ db: { address } })', why: 'Jobs live in MongoDB (or another backend).' },
  { package: 'redlock', shape: 'new Redlock([client])', why: 'The lock lives in Redis.' },
  { package: 'connect-redis', shape: 'new RedisStore({ client })', why: 'Sessions live in Redis.' },
  { package: 'rate-limit-redis', shape: 'new RedisStore({ sendCommand })', why: 'Hit counts live in Redis.' },
  { package: '@socket.io/redis-adapter', shape: 'createAdapter(pub, sub)', why: 'Broadcasts go through Redis pub/sub.' },
];

/*
 * In the store notes but not detected by the rules: the state is configured in another file, or
 * only a platform setting decides.
 */
export const UNDETECTED: readonly UndetectedEntry[] = [
  // Nest docs "Adapters": the adapter is chosen in main.ts with `app.useWebSocketAdapter(...)`.
  {
    package: '@nestjs/websockets',
    kind: 'realtime',
    reason: 'A `@WebSocketGateway()` does not show its adapter; `new IoAdapter(app)` in main.ts is reported instead.',
    alternatives: [{ code: 'app.useWebSocketAdapter(new RedisIoAdapter(app))', packages: ['@socket.io/redis-adapter'], backend: 'redis' }],
  },
  // @nestjs/event-emitter: in-process events; whether they cross requests needs the whole app.
  {
    package: '@nestjs/event-emitter',
    kind: 'pubsub',
    reason: '`@OnEvent` listeners mostly react within one request; a bus between requests needs cross-file analysis.',
    alternatives: [{ code: 'Redis pub/sub or `bullmq` for work', packages: ['ioredis', 'bullmq'], backend: 'redis' }],
  },
  // Next.js docs (incrementalCacheHandlerPath): only self-hosted deployments with several replicas are affected.
  {
    package: 'next',
    kind: 'cache',
    reason: 'The ISR cache is per replica only when self-hosted; `next.config.js` cannot tell.',
    alternatives: [{ code: "cacheHandler: require.resolve('./cache-handler.js'), cacheMaxMemorySize: 0", packages: ['@neshca/cache-handler'], backend: 'redis' }],
  },
  // connect-flash README: flash messages live in the session; the session store is what to fix.
  {
    package: 'connect-flash',
    kind: 'session',
    reason: 'Inherits the session store, which `no-in-memory-session` reports where it is configured.',
    alternatives: [{ code: 'store: new RedisStore({ client })', packages: ['connect-redis'], backend: 'redis' }],
  },
];
