import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';
import { describe } from 'vitest';
import { createRuleTesters } from '../tests/rule-tester.js';
import rule, { type Options } from './no-memory-store.js';

const HOCUSPOCUS_ADVICE = 'Add `new Redis({ host, port })` from `@hocuspocus/extension-redis` to `extensions`.';
const SHAREDB_ADVICE = 'Pass `pubsub: redisPubSub({ client })` from `sharedb-redis-pubsub`.';
const HONO_ADVICE = 'Pass `store: new RedisStore({ client })` from `hono-rate-limiter` with an `@upstash/redis` client.';
const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();

// CommonJS scope analysis (a function scope around the file); the rule tester's type leaves `sourceType` out.
const COMMONJS = { sourceType: 'commonjs' } as TestLanguageOptions;

describe('rate limiters', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      // ShareDB given a Redis pub/sub: operations reach every replica's subscribers.
      `
import ShareDB from 'sharedb';
import redisPubSub from 'sharedb-redis-pubsub';
import { createClient } from 'redis';
import { PostgresDb } from './postgres-db';

export const backend = new ShareDB({ db: new PostgresDb(process.env.DATABASE_URL), pubsub: redisPubSub({ client: createClient({ url: process.env.REDIS_URL }) }) });
`,
      // A subclass of another package's class: its \`super\` is not a ShareDB backend.
      `
import { EventEmitter } from 'node:events';

export class Relay extends EventEmitter {
  constructor() {
    super({ captureRejections: true });
  }
}
`,
      // A collaboration server whose shared sync extension is added to its list after it is made.
      `
import { Hocuspocus } from '@hocuspocus/server';
import { RedisSync } from './redis-sync';

export class Collaboration {
  readonly hocuspocus = new Hocuspocus({ debounce: 10_000, extensions: [] });

  constructor(redisUrl: string | undefined) {
    if (redisUrl) this.hocuspocus.configuration.extensions.push(new RedisSync(redisUrl));
  }
}
`,
      `
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';

const client = createClient();
await client.connect();
const app = express();
app.use(rateLimit({ windowMs: 60_000, limit: 100, store: new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args) }) }));
`,
      // A store from another module, options built elsewhere, a spread: unknowable here.
      `
import rateLimit from 'express-rate-limit';
import { limiterStore } from './redis';
import { apiLimits } from './config';

app.use(rateLimit({ windowMs: 60_000, store: limiterStore }));
app.use(rateLimit(apiLimits));
app.use(rateLimit({ ...apiLimits, limit: 10 }));
`,
      // Options in a variable that carries a store.
      `
import rateLimit from 'express-rate-limit';
import { MemcachedStore } from 'rate-limit-memcached';

const limits = { windowMs: 60_000, limit: 100, store: new MemcachedStore({ locations: ['localhost:11211'] }) };
app.use(rateLimit(limits));
`,
      // Not express-rate-limit.
      `
import { rateLimit } from './middleware/rate-limit';

app.use(rateLimit({ windowMs: 60_000 }));
`,
      `
import slowDown from 'express-slow-down';
import { RedisStore } from 'rate-limit-redis';

app.use(slowDown({ windowMs: 60_000, delayAfter: 50, store: new RedisStore({ sendCommand, prefix: 'sd:' }) }));
`,
      // An insurance limiter kept on a class, for Redis limiters made elsewhere.
      `
import { RateLimiterMemory } from 'rate-limiter-flexible';

export class RateLimiter {
  static readonly insuranceRateLimiter = new RateLimiterMemory({ points: 100, duration: 60 });
}
`,
      // A Redis limiter with a deliberate in-memory insurance limiter.
      `
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import Redis from 'ioredis';

const limiter = new RateLimiterRedis({
  storeClient: new Redis(),
  points: 10,
  duration: 1,
  insuranceLimiter: new RateLimiterMemory({ points: 2, duration: 1 }),
});
`,
      `
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import Redis from 'ioredis';

const app = Fastify();
await app.register(rateLimit, { max: 100, timeWindow: '1 minute', redis: new Redis({ connectTimeout: 500, maxRetriesPerRequest: 1 }) });
`,
      `
import { Hono } from 'hono';
import { rateLimiter, RedisStore } from 'hono-rate-limiter';
import { Redis } from '@upstash/redis';

const app = new Hono();
app.use(rateLimiter({ windowMs: 60_000, limit: 100, keyGenerator: (c) => c.req.header('x-forwarded-for') ?? '', store: new RedisStore({ client: Redis.fromEnv() }) }));
`,
      `
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';

@Module({
  imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: 10 }], storage: new ThrottlerStorageRedisService(process.env.REDIS_URL) })],
})
export class AppModule {}
`,
      `
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';

export const throttler = ThrottlerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService) => ({
    throttlers: [{ ttl: 60_000, limit: 10 }],
    storage: new ThrottlerStorageRedisService(config.get('REDIS_URL')),
  }),
});
`,
      // The default driver of koa-ratelimit is Redis.
      `
import Koa from 'koa';
import ratelimit from 'koa-ratelimit';
import Redis from 'ioredis';

const app = new Koa();
app.use(ratelimit({ driver: 'redis', db: new Redis(), duration: 60_000, max: 100, id: (ctx) => ctx.ip }));
`,
      `
import { Elysia } from 'elysia';
import { rateLimit } from 'elysia-rate-limit';
import { RedisContext } from './redis-context';

new Elysia().use(rateLimit({ duration: 60_000, max: 100, context: new RedisContext(redis) }));
`,
      `
import ExpressBrute from 'express-brute';
import RedisStore from 'express-brute-redis';

const bruteforce = new ExpressBrute(new RedisStore({ host: '127.0.0.1', port: 6379 }));
`,
      // A client-side throttle in a file that serves no requests: reported only with \`assumeServer\`.
      `
import { RateLimiter } from 'limiter';

const limiter = new RateLimiter({ tokensPerInterval: 10, interval: 'second' });
export async function callGitHub(path: string) {
  await limiter.removeTokens(1);
  return fetch(\`https://api.github.com\${path}\`);
}
`,
      // Upstash counts in Redis: stateless by design.
      `
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(10, '10 s') });
`,
    ],
    invalid: [
      {
        code: `
import express from 'express';
import rateLimit from 'express-rate-limit';

const app = express();
app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100, standardHeaders: 'draft-8' }));
`,
        errors: [
          {
            messageId: 'rateLimit',
            line: 6,
            column: 9,
            data: { found: '`rateLimit()` without `store`', advice: 'Pass `store: new RedisStore({ sendCommand })` from `rate-limit-redis`.' },
          },
        ],
      },
      // A namespace import called as the module's function (TypeScript without `esModuleInterop`), in a NestJS bootstrap.
      {
        code: `
import { NestFactory } from '@nestjs/core';
import * as rateLimit from 'express-rate-limit';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.use(rateLimit({ windowMs: 60_000, max: 1000 }));
  await app.listen(3000);
}
void bootstrap();
`,
        errors: [
          {
            messageId: 'rateLimit',
            line: 8,
            column: 11,
            data: { found: '`rateLimit()` without `store`', advice: 'Pass `store: new RedisStore({ sendCommand })` from `rate-limit-redis`.' },
          },
        ],
      },
      // Aliased named import, options in a variable.
      {
        code: `
import { rateLimit as limit } from 'express-rate-limit';

const loginLimits = { windowMs: 60_000, limit: 5 };
export const loginLimiter = limit(loginLimits);
`,
        errors: [{ messageId: 'rateLimit', line: 5, column: 29 }],
      },
      // An explicit MemoryStore.
      {
        code: `
import rateLimit, { MemoryStore } from 'express-rate-limit';

app.use(rateLimit({ store: new MemoryStore() }));
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 9, data: { found: '`rateLimit()` with an in-memory `store`', advice: 'Pass `store: new RedisStore({ sendCommand })` from `rate-limit-redis`.' } }],
      },
      {
        code: `
import slowDown from 'express-slow-down';

app.use('/api', slowDown({ windowMs: 15 * 60 * 1000, delayAfter: 50, delayMs: (hits) => hits * 100 }));
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 17 }],
      },
      {
        code: `
import { RateLimiterMemory } from 'rate-limiter-flexible';

const limiter = new RateLimiterMemory({ points: 10, duration: 1 });
export async function guard(req: Request) {
  await limiter.consume(req.headers.get('x-forwarded-for') ?? 'anon');
}
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 17, data: { found: '`new RateLimiterMemory()`', advice: 'Use `new RateLimiterRedis({ storeClient: redis })` from `rate-limiter-flexible`.' } }],
      },
      // ShareDB on its default pub/sub, and a service that extends it and passes its options through \`super\`.
      {
        code: `
import ShareDB from 'sharedb';
import { PostgresDb } from './postgres-db';

export const backend = new ShareDB({ db: new PostgresDb(process.env.DATABASE_URL), presence: true });

export class DocumentSync extends ShareDB {
  constructor(db: PostgresDb) {
    super({ db, presence: true });
  }
}
`,
        errors: [
          { messageId: 'realtime', line: 5, column: 24, data: { found: '`new ShareDB()` without `pubsub`', advice: SHAREDB_ADVICE } },
          { messageId: 'realtime', line: 9, column: 5, data: { found: '`ShareDB` through `super()` without `pubsub`', advice: SHAREDB_ADVICE } },
        ],
      },
      // A collaboration server's connection throttle: attempts and bans per process.
      {
        code: `
import { Server } from '@hocuspocus/server';
import { Throttle } from '@hocuspocus/extension-throttle';

export function start(port: number): void {
  const server = new Server({ port, extensions: [new Throttle({ throttle: 15, banTime: 5 })] });
  server.listen();
}
`,
        errors: [
          { messageId: 'realtime', line: 6, column: 18, data: { found: '`new Server()` without `@hocuspocus/extension-redis` in `extensions`', advice: HOCUSPOCUS_ADVICE } },
          {
            messageId: 'rateLimit',
            line: 6,
            column: 50,
            data: { found: '`new Throttle()`', advice: 'Limit connections with `new RateLimiterRedis({ storeClient: redis })` from `rate-limiter-flexible`, or at the load balancer.' },
          },
        ],
      },
      // A collaboration server that syncs each document in one process: no Redis extension, none at all, or the older \`Server.configure\`.
      {
        code: `
import { Server, Hocuspocus } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';

export const server = new Server({ port: 1234, extensions: [new Database({ fetch, store })] });
export const bare = new Hocuspocus();
export const legacy = Server.configure({ debounce: 3000, extensions: [...(logging ? [new Logger()] : [])] });
`,
        errors: [
          { messageId: 'realtime', line: 5, column: 23, data: { found: '`new Server()` without `@hocuspocus/extension-redis` in `extensions`', advice: HOCUSPOCUS_ADVICE } },
          { messageId: 'realtime', line: 6, column: 21, data: { found: '`new Hocuspocus()` without `@hocuspocus/extension-redis` in `extensions`', advice: HOCUSPOCUS_ADVICE } },
          { messageId: 'realtime', line: 7, column: 23, data: { found: '`Server.configure()` without `@hocuspocus/extension-redis` in `extensions`', advice: HOCUSPOCUS_ADVICE } },
        ],
      },
      // TypeScript's import-equals form.
      {
        code: `
import rateLimit = require('express-rate-limit');

export const limiter = rateLimit({ limit: 5 });
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 24 }],
      },
      // Namespace import.
      {
        code: `
import * as flexible from 'rate-limiter-flexible';

export const limiter = new flexible.RateLimiterCluster({ points: 10, duration: 1, keyPrefix: 'api' });
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 24 }],
      },
      {
        code: `
import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';

const app = Fastify();
await app.register(rateLimit, { max: 100, timeWindow: '1 minute' });
`,
        errors: [{ messageId: 'rateLimit', line: 6, column: 7, data: { found: '`app.register(rateLimit)` without `redis` or `store`', advice: 'Pass `redis: new Redis()` from `ioredis` in the plugin options.' } }],
      },
      // The plugin imported inline.
      {
        code: `
import Fastify from 'fastify';

const app = Fastify();
await app.register(import('@fastify/rate-limit'), { max: 5, timeWindow: 1000 });
`,
        errors: [{ messageId: 'rateLimit', line: 5, column: 7 }],
      },
      {
        code: `
import { Hono } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';

const app = new Hono();
app.use(rateLimiter({ windowMs: 15 * 60 * 1000, limit: 100, keyGenerator: (c) => c.req.header('cf-connecting-ip') ?? '' }));
`,
        errors: [{ messageId: 'rateLimit', line: 6, column: 9, data: { found: '`rateLimiter()` without `store` or `binding`', advice: 'Pass `store: new RedisStore({ client })` from `hono-rate-limiter` with an `@upstash/redis` client.' } }],
      },
      {
        code: `
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

@Module({
  imports: [ThrottlerModule.forRoot([{ ttl: 60_000, limit: 10 }])],
})
export class AppModule {}
`,
        errors: [
          {
            messageId: 'rateLimit',
            line: 6,
            column: 13,
            data: { found: '`ThrottlerModule.forRoot()` without `storage`', advice: 'Pass `storage: new ThrottlerStorageRedisService(redis)` from `@nest-lab/throttler-storage-redis`.' },
          },
        ],
      },
      {
        code: `
import { ThrottlerModule } from '@nestjs/throttler';

export const throttler = ThrottlerModule.forRootAsync({
  useFactory: () => ({ throttlers: [{ ttl: 60_000, limit: 10 }] }),
});
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 26 }],
      },
      {
        code: `
import express from 'express';
import { RateLimiter } from 'limiter';

const limiter = new RateLimiter({ tokensPerInterval: 150, interval: 'hour' });
express().use(async (req, res, next) => {
  if (!limiter.tryRemoveTokens(1)) return res.status(429).end();
  next();
});
`,
        errors: [{ messageId: 'rateLimit', line: 5, column: 17 }],
      },
      {
        code: `
import { RateLimiter } from 'limiter';

export const limiter = new RateLimiter({ tokensPerInterval: 10, interval: 'second' });
`,
        options: [{ assumeServer: true }],
        errors: [{ messageId: 'rateLimit', line: 4, column: 24 }],
      },
      {
        code: `
import Koa from 'koa';
import ratelimit from 'koa-ratelimit';

const db = new Map();
const app = new Koa();
app.use(ratelimit({ driver: 'memory', db, duration: 60_000, max: 100, id: (ctx) => ctx.ip }));
`,
        errors: [{ messageId: 'rateLimit', line: 7, column: 9, data: { found: "`ratelimit()` with `driver: 'memory'`", advice: "Use `driver: 'redis', db: new Redis()` from `ioredis`." } }],
      },
      {
        code: `
import { Elysia } from 'elysia';
import { rateLimit } from 'elysia-rate-limit';

new Elysia().use(rateLimit({ duration: 60_000, max: 100 })).listen(3000);
`,
        errors: [{ messageId: 'rateLimit', line: 5, column: 18 }],
      },
      {
        code: `
import ExpressBrute from 'express-brute';

const store = new ExpressBrute.MemoryStore();
export const bruteforce = new ExpressBrute(store, { freeRetries: 5 });
`,
        errors: [{ messageId: 'rateLimit', line: 5, column: 27, data: { found: '`new ExpressBrute()` with an in-memory store', advice: 'Pass `new RedisStore({ host, port })` from `express-brute-redis`.' } }],
      },
    ],
  });

  jsRuleTester.run('no-memory-store', rule, {
    valid: [
      {
        code: `
const rateLimit = require('express-rate-limit');
const { RedisStore } = require('rate-limit-redis');

app.use(rateLimit({ store: new RedisStore({ sendCommand: (...args) => client.sendCommand(args) }) }));
`,
        languageOptions: COMMONJS,
      },
    ],
    invalid: [
      {
        code: `
const express = require('express');
const rateLimit = require('express-rate-limit');

const app = express();
app.use('/api/', rateLimit({ windowMs: 60 * 1000, max: 60 }));
module.exports = app;
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'rateLimit', line: 6, column: 18 }],
      },
      {
        code: `
const { RateLimiterMemory: Limiter } = require('rate-limiter-flexible');

const opts = { points: 6, duration: 1 };
module.exports.limiter = new Limiter(opts);
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'rateLimit', line: 5, column: 26 }],
      },
      {
        code: `
const fastify = require('fastify')();

fastify.register(require('@fastify/rate-limit'), { global: true, max: 3000 });
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'rateLimit', line: 4, column: 1 }],
      },
      {
        code: `
const ExpressBrute = require('express-brute');

const bruteforce = new ExpressBrute(new ExpressBrute.MemoryStore());
app.post('/auth', bruteforce.prevent, (req, res) => res.send('ok'));
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'rateLimit', line: 4, column: 20 }],
      },
    ],
  });
});

describe('work queues', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      `
import express from 'express';
import Bottleneck from 'bottleneck';

export const limiter = new Bottleneck({ id: 'mailer', maxConcurrent: 5, datastore: 'ioredis', clearDatastore: false, clientOptions: { host: 'redis' } });
`,
    ],
    invalid: [
      {
        code: `
import express from 'express';
import Bottleneck from 'bottleneck';

const limiter = new Bottleneck({ maxConcurrent: 1, minTime: 333 });
express().post('/send', async (req, res) => res.json(await limiter.schedule(() => sendMail(req.body))));
`,
        errors: [{ messageId: 'queue', line: 5, column: 17, data: { found: '`new Bottleneck()` without `datastore`', advice: "Pass `datastore: 'ioredis'` with `clientOptions` and a shared `id` (`ioredis`)." } }],
      },
      {
        code: `
import express from 'express';
import Bottleneck from 'bottleneck';

export const limiter = new Bottleneck({ maxConcurrent: 2, datastore: 'local' });
`,
        errors: [{ messageId: 'queue', line: 5, column: 24 }],
      },
    ],
  });
});

const ALL_KINDS: Options[0] = { kinds: ['rate-limit', 'cache', 'loader', 'lock', 'pubsub', 'realtime', 'upload', 'upload-buffer', 'queue', 'scheduler', 'local-db'] };
const KEYV_ADVICE = 'Share it through Redis: `new Keyv(new KeyvRedis(url))` from `keyv` and `@keyv/redis`.';

describe('caches', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      // Filled and read per request, cleared only when the process starts: no invalidation, and caches are opt-in.
      `
import express from 'express';
import { LRUCache } from 'lru-cache';
import { loadUser } from './users';

const users = new LRUCache<string, object>({ max: 1_000, ttl: 60_000 });
users.clear();

const app = express();
app.get('/users/:id', async (req, res) => {
  let user = users.get(req.params.id);
  if (!user) {
    user = await loadUser(req.params.id);
    users.set(req.params.id, user);
  }
  res.json(user);
});
`,
      // Caches are reported only when asked (`strict` does).
      `
import { LRUCache } from 'lru-cache';

const cache = new LRUCache<string, string>({ max: 500 });
`,
      // A cache made per request is not shared.
      {
        code: `
import express from 'express';
import { LRUCache } from 'lru-cache';

express().get('/report', (req, res) => {
  const seen = new LRUCache<string, number>({ max: 100 });
  res.json(buildReport(req.query, seen));
});
`,
        options: [ALL_KINDS],
      },
      {
        code: `
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';

export const keyv = new Keyv(new KeyvRedis('redis://localhost:6379'));
export const named = new Keyv({ store: new KeyvRedis(process.env.REDIS_URL), namespace: 'users' });
`,
        options: [ALL_KINDS],
      },
      {
        code: `
import { Cacheable } from 'cacheable';
import KeyvRedis from '@keyv/redis';

export const cache = new Cacheable({ secondary: new KeyvRedis('redis://localhost:6379'), ttl: '4h' });
`,
        options: [ALL_KINDS],
      },
      {
        code: `
import { createCache } from 'cache-manager';
import { createKeyv } from '@keyv/redis';

export const cache = createCache({ stores: [createKeyv('redis://localhost:6379')] });
`,
        options: [ALL_KINDS],
      },
      {
        code: `
import { Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
import KeyvRedis from '@keyv/redis';

@Module({ imports: [CacheModule.register({ isGlobal: true, stores: [new KeyvRedis('redis://localhost:6379')] })] })
export class AppModule {}
`,
        options: [ALL_KINDS],
      },
      {
        code: `
import { ApolloServer } from '@apollo/server';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';

const server = new ApolloServer({ typeDefs, resolvers, cache: new KeyvAdapter(new Keyv(new KeyvRedis(process.env.REDIS_URL))) });
`,
        options: [ALL_KINDS],
      },
      {
        code: `
import express from 'express';
import apicache from 'apicache';
import { createClient } from 'redis';

const cache = apicache.options({ redisClient: createClient() }).middleware;
express().get('/api/collection', cache('5 minutes'), (req, res) => res.json([]));
`,
        options: [ALL_KINDS],
      },
      {
        code: `
import Fastify from 'fastify';
import fastifyCaching from '@fastify/caching';
import abstractCache from 'abstract-cache';

const app = Fastify();
app.register(fastifyCaching, { privacy: 'private', cache: abstractCache({ useAwait: false, driver: { name: 'abstract-cache-redis', options: { client: redis } } }) });
`,
        options: [ALL_KINDS],
      },
      // Loaders made per request in the context function.
      `
import DataLoader from 'dataloader';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

function createLoaders() {
  return { users: new DataLoader((ids: readonly string[]) => loadUsers(ids)) };
}

await startStandaloneServer(server, { context: async () => ({ loaders: createLoaders() }) });
`,
      {
        code: `
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

@Injectable({ scope: Scope.REQUEST })
export class UserLoader {
  readonly byId = new DataLoader((ids: readonly string[]) => this.users.findByIds(ids));
}
`,
        options: [ALL_KINDS],
      },
    ],
    invalid: [
      // Invalidated by an update route: reported by default, since the other replicas keep the old entry.
      {
        code: `
import express from 'express';
import { LRUCache } from 'lru-cache';
import { loadUser, saveUser } from './users';

const users = new LRUCache<string, object>({ max: 1_000 });
const app = express();

app.get('/users/:id', async (req, res) => {
  res.json(users.get(req.params.id) ?? (await loadUser(req.params.id)));
});

app.put('/users/:id', async (req, res) => {
  await saveUser(req.params.id, req.body);
  users.delete(req.params.id);
  res.sendStatus(204);
});
`,
        errors: [{ messageId: 'cacheInvalidated', line: 6, column: 15, data: { found: '`new LRUCache()`', call: 'users.delete()', line: 15, advice: KEYV_ADVICE } }],
      },
      // memoizee on a NestJS provider, cleared by the method that saves the setting.
      {
        code: `
import { Injectable } from '@nestjs/common';
import memoize from 'memoizee';
import { SettingsRepository } from './settings.repository';

@Injectable()
export class MaintenanceService {
  private readonly enabled: () => Promise<boolean>;

  constructor(private readonly settings: SettingsRepository) {
    this.enabled = memoize(async () => (await this.settings.get('maintenance')) === 'on', { promise: true, maxAge: 60_000 });
  }

  isEnabled(): Promise<boolean> {
    return this.enabled();
  }

  async toggle(on: boolean): Promise<void> {
    (this.enabled as unknown as { clear(): void }).clear();
    await this.settings.set('maintenance', on ? 'on' : 'off');
  }
}
`,
        errors: [{ messageId: 'cacheInvalidated', line: 11, column: 20 }],
      },
      {
        code: `
import { LRUCache } from 'lru-cache';

const cache = new LRUCache<string, string>({ max: 500, ttl: 60_000 });
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 4, column: 15, data: { found: '`new LRUCache()`', advice: KEYV_ADVICE } }],
      },
      // On a NestJS singleton.
      {
        code: `
import { Injectable } from '@nestjs/common';
import { LRUCache as Lru } from 'lru-cache';

@Injectable()
export class PricesService {
  private readonly prices = new Lru<string, number>({ max: 1_000 });
}
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 7, column: 29 }],
      },
      {
        code: `
import QuickLRU from 'quick-lru';
import TTLCache from '@isaacs/ttlcache';
import { LRUMap } from 'mnemonist';
import { lru } from 'tiny-lru';
import NodeCache from 'node-cache';

export const a = new QuickLRU({ maxSize: 1000 });
export const b = new TTLCache({ max: 10_000, ttl: 1000 });
export const c = new LRUMap(100);
export const d = lru(100);
export const e = new NodeCache({ stdTTL: 100, checkperiod: 120 });
`,
        options: [ALL_KINDS],
        errors: [
          { messageId: 'cache', line: 8, column: 18 },
          { messageId: 'cache', line: 9, column: 18 },
          { messageId: 'cache', line: 10, column: 18 },
          { messageId: 'cache', line: 11, column: 18 },
          { messageId: 'cache', line: 12, column: 18, data: { found: '`new NodeCache()`', advice: KEYV_ADVICE } },
        ],
      },
      {
        code: `
import express from 'express';
import cache from 'memory-cache';

express().get('/user/:id', async (req, res) => {
  const hit = cache.get(req.params.id);
  if (hit) return res.json(hit);
  const user = await loadUser(req.params.id);
  cache.put(req.params.id, user, 60_000);
  cache.put('last', user.id);
  res.json(user);
});
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 9, column: 3 }],
      },
      {
        code: `
import Keyv from 'keyv';

export const users = new Keyv({ namespace: 'users', ttl: 60_000 });
export const sessions = new Keyv({ store: new Map() });
export const plain = new Keyv();
`,
        options: [ALL_KINDS],
        errors: [
          { messageId: 'cache', line: 4, column: 22, data: { found: '`new Keyv()` without `store` or `uri`', advice: 'Pass an adapter: `new Keyv(new KeyvRedis(url))` from `@keyv/redis`.' } },
          { messageId: 'cache', line: 5, column: 25, data: { found: '`new Keyv()` with an in-memory `store`', advice: 'Pass an adapter: `new Keyv(new KeyvRedis(url))` from `@keyv/redis`.' } },
          { messageId: 'cache', line: 6, column: 22 },
        ],
      },
      {
        code: `
import { Cacheable, CacheableMemory } from 'cacheable';

export const cache = new Cacheable({ ttl: '1h' });
export const memory = new CacheableMemory({ lruSize: 1000 });
`,
        options: [ALL_KINDS],
        errors: [
          { messageId: 'cache', line: 4, column: 22, data: { found: '`new Cacheable()` without `secondary`', advice: 'Pass `secondary: new KeyvRedis(url)` from `@keyv/redis`.' } },
          { messageId: 'cache', line: 5, column: 23 },
        ],
      },
      {
        code: `
import { createCache } from 'cache-manager';

export const cache = createCache({ ttl: 10_000 });
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 4, column: 22, data: { found: '`createCache()` without `stores`', advice: 'Pass `stores: [createKeyv(url)]` with `createKeyv` from `@keyv/redis`.' } }],
      },
      {
        code: `
import { caching } from 'cache-manager';

export const memoryCache = await caching('memory', { max: 100, ttl: 10 * 1000 });
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 4, column: 34, data: { found: "`caching()` with `'memory'`", advice: 'Pass `stores: [createKeyv(url)]` with `createKeyv` from `@keyv/redis`.' } }],
      },
      {
        code: `
import { Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';

@Module({ imports: [CacheModule.register({ ttl: 5000, isGlobal: true })] })
export class AppModule {}
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 5, column: 21, data: { found: '`CacheModule.register()` without `stores` or `store`', advice: 'Pass `stores: [new KeyvRedis(url)]` from `@keyv/redis`.' } }],
      },
      {
        code: `
import { CacheModule } from '@nestjs/cache-manager';

export const cacheModule = CacheModule.registerAsync({ useFactory: async () => ({ ttl: 5000 }) });
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 4, column: 28 }],
      },
      {
        code: `
import { ApolloServer } from '@apollo/server';

const server = new ApolloServer({ typeDefs, resolvers });
const bounded = new ApolloServer({ typeDefs, resolvers, cache: 'bounded' });
`,
        options: [ALL_KINDS],
        errors: [
          {
            messageId: 'cache',
            line: 4,
            column: 16,
            data: { found: '`new ApolloServer()` without `cache`', advice: 'Pass `cache: new KeyvAdapter(new Keyv(new KeyvRedis(url)))` from `@apollo/utils.keyvadapter`.' },
          },
          { messageId: 'cache', line: 5, column: 17, data: { found: "`new ApolloServer()` with `cache: 'bounded'`", advice: 'Pass `cache: new KeyvAdapter(new Keyv(new KeyvRedis(url)))` from `@apollo/utils.keyvadapter`.' } },
        ],
      },
      {
        // Apollo Server 3: each integration package exports its own `ApolloServer`, on the same default.
        code: `
import { ApolloServer } from 'apollo-server-express';

const server = new ApolloServer({ typeDefs, resolvers, csrfPrevention: true });
`,
        options: [ALL_KINDS],
        errors: [
          {
            messageId: 'cache',
            line: 4,
            column: 16,
            data: { found: '`new ApolloServer()` without `cache`', advice: 'Pass `cache: new KeyvAdapter(new Keyv(new KeyvRedis(url)))` from `@apollo/utils.keyvadapter`.' },
          },
        ],
      },
      {
        code: `
import express from 'express';
import apicache from 'apicache';

const cache = apicache.middleware;
express().get('/api/collection', apicache.middleware('5 minutes'), (req, res) => res.json([]));
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 6, column: 34, data: { found: '`apicache.middleware()`', advice: 'Call `apicache.options({ redisClient })` first, with a client from `redis`.' } }],
      },
      {
        code: `
import Fastify from 'fastify';
import fastifyCaching from '@fastify/caching';

const app = Fastify();
app.register(fastifyCaching, { privacy: fastifyCaching.privacy.NOCACHE });
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 6, column: 1 }],
      },
      // DataLoader at module scope is reported by default.
      {
        code: `
import DataLoader from 'dataloader';

const userLoader = new DataLoader(async (ids: readonly string[]) => db.users.findMany({ where: { id: { in: [...ids] } } }));
export const resolvers = { Query: { user: (_: unknown, { id }: { id: string }) => userLoader.load(id) } };
`,
        errors: [{ messageId: 'loader', line: 4, column: 20, data: { found: '`new DataLoader()`', advice: 'Create loaders per request in the GraphQL `context` function.' } }],
      },
    ],
  });

  jsRuleTester.run('no-memory-store', rule, {
    valid: [],
    invalid: [
      {
        code: `
const { LRUCache } = require('lru-cache');
const LRU = require('lru-cache');

const a = new LRUCache({ max: 100 });
const b = new LRU({ max: 100 });
module.exports = { a, b };
`,
        languageOptions: COMMONJS,
        options: [ALL_KINDS],
        errors: [
          { messageId: 'cache', line: 5, column: 11 },
          { messageId: 'cache', line: 6, column: 11 },
        ],
      },
      {
        code: `
const NodeCache = require('node-cache');
const { default: Keyv } = require('keyv');

const myCache = new NodeCache();
const keyv = new Keyv();
`,
        languageOptions: COMMONJS,
        options: [ALL_KINDS],
        errors: [
          { messageId: 'cache', line: 5, column: 17 },
          { messageId: 'cache', line: 6, column: 14 },
        ],
      },
      {
        code: `
const DataLoader = require('dataloader');

const loader = new DataLoader((keys) => batchLoad(keys));
module.exports = { loader };
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'loader', line: 4, column: 16 }],
      },
    ],
  });
});

describe('locks', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      `
import { Mutex } from 'async-mutex';

const mutex = new Mutex();
`,
      {
        code: `
import Redlock from 'redlock';
import Redis from 'ioredis';

const redlock = new Redlock([new Redis()], { retryCount: 10 });
`,
        options: [ALL_KINDS],
      },
    ],
    invalid: [
      {
        code: `
import { Mutex, Semaphore } from 'async-mutex';
import AsyncLock from 'async-lock';

const mutex = new Mutex();
const semaphore = new Semaphore(5);
const lock = new AsyncLock();
`,
        options: [ALL_KINDS],
        errors: [
          {
            messageId: 'lock',
            line: 5,
            column: 15,
            data: { found: '`new Mutex()`', advice: 'Use a distributed lock: `redlock.acquire([key], ttl)` from `redlock`, or a Postgres advisory lock.' },
          },
          { messageId: 'lock', line: 6, column: 19 },
          { messageId: 'lock', line: 7, column: 14 },
        ],
      },
    ],
  });
});

describe('pub/sub', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      `
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';

export const pubsub = new RedisPubSub({ publisher: new Redis(), subscriber: new Redis() });
`,
      `
import { createPubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

export const pubSub = createPubSub({ eventTarget: createRedisEventTarget({ publishClient: new Redis(), subscribeClient: new Redis() }) });
`,
      `
import Fastify from 'fastify';
import mercurius from 'mercurius';
import mqemitterRedis from 'mqemitter-redis';

const app = Fastify();
app.register(mercurius, { schema, resolvers, subscription: { emitter: mqemitterRedis({ port: 6379, host: '127.0.0.1' }) } });
`,
      // An emitter used within one request, or only at startup, is not a bus between requests.
      `
import express from 'express';
import { EventEmitter } from 'node:events';

const lifecycle = new EventEmitter();
lifecycle.on('shutdown', () => server.close());
const app = express();
app.post('/jobs', (req, res) => {
  const progress = new EventEmitter();
  progress.on('step', (step) => res.write(step));
  runJob(req.body, progress);
});
process.on('SIGTERM', () => lifecycle.emit('shutdown'));
`,
      // One handler emits, another listens: no-sticky-session reports the pair, naming both handlers.
      {
        code: `
import express from 'express';
import { EventEmitter } from 'node:events';

const orders = new EventEmitter();
const app = express();
app.post('/orders', async (req, res) => {
  const order = await saveOrder(req.body);
  orders.emit('created', order);
  res.status(201).json(order);
});
app.get('/orders/stream', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  const send = (order: unknown) => res.write(\`data: \${JSON.stringify(order)}\\n\\n\`);
  orders.on('created', send);
  req.on('close', () => orders.off('created', send));
});
`,
      },
      {
        code: `
import Fastify from 'fastify';
import EventEmitter2 from 'eventemitter2';

const bus = new EventEmitter2({ wildcard: true });
const app = Fastify();
app.post('/notify', async (request) => { bus.emit('notify', request.body); return { ok: true }; });
app.get('/wait', async () => new Promise((resolve) => bus.once('notify', resolve)));
`,
      },
    ],
    invalid: [
      {
        code: `
import Fastify from 'fastify';
import { EventEmitter } from 'eventemitter3';

const events = new EventEmitter();
const app = Fastify();
app.post('/rebuild', async () => {
  const done = new Promise((resolve) => events.once('built', resolve));
  events.emit('built');
  return done;
});
`,
        errors: [{ messageId: 'eventBus', line: 5, column: 16, data: { found: '`events`', advice: 'Publish through Redis (`publish`/`subscribe` in `ioredis`) or Postgres `LISTEN/NOTIFY` (`pg`).' } }],
      },
      // Every request adds a listener to one emitter and emits on it: requests hear each other's events,
      // and the listeners outlive them. No two handlers are coupled, so this rule reports it.
      {
        code: `
import express from 'express';
import { EventEmitter } from 'node:events';

const progress = new EventEmitter();
const app = express();
app.post('/imports', async (req, res) => {
  progress.on('row', (n: number) => res.write(\`\${n}\\n\`));
  for (let n = 0; n < req.body.rows.length; n++) progress.emit('row', n);
  res.end();
});
`,
        errors: [
          {
            messageId: 'eventBus',
            line: 5,
            column: 18,
            data: { found: '`progress`', advice: 'Publish through Redis (`publish`/`subscribe` in `ioredis`) or Postgres `LISTEN/NOTIFY` (`pg`).' },
          },
        ],
      },
      {
        code: `
import { PubSub } from 'graphql-subscriptions';

export const pubsub = new PubSub();
`,
        errors: [{ messageId: 'pubsub', line: 4, column: 23, data: { found: '`new PubSub()`', advice: 'Use `new RedisPubSub({ publisher, subscriber })` from `graphql-redis-subscriptions`.' } }],
      },
      {
        code: `
import { createPubSub } from 'graphql-yoga';

export const pubSub = createPubSub<{ 'user:updated': [userId: string] }>();
`,
        errors: [{ messageId: 'pubsub', line: 4, column: 23 }],
      },
      {
        code: `
import { createPubSub as pubSubFactory } from '@graphql-yoga/subscription';

const options = { eventTarget: undefined };
export const pubSub = pubSubFactory(options);
`,
        errors: [{ messageId: 'pubsub', line: 5, column: 23 }],
      },
      {
        code: `
import Fastify from 'fastify';
import mercurius from 'mercurius';

const app = Fastify();
app.register(mercurius, { schema, resolvers, subscription: true });
app.register(mercurius, { schema, resolvers, subscription: { onConnect: () => true } });
`,
        errors: [
          { messageId: 'pubsub', line: 6, column: 1, data: { found: '`app.register(mercurius)` with `subscription: true`', advice: 'Pass `subscription: { emitter: mqemitterRedis({ host, port }) }` from `mqemitter-redis`.' } },
          { messageId: 'pubsub', line: 7, column: 1, data: { found: '`app.register(mercurius)` with `subscription` but no `emitter` or `pubsub`', advice: 'Pass `subscription: { emitter: mqemitterRedis({ host, port }) }` from `mqemitter-redis`.' } },
        ],
      },
    ],
  });

  jsRuleTester.run('no-memory-store', rule, {
    valid: [
      // Two handlers coupled through the emitter: no-sticky-session's finding.
      {
        code: `
const express = require('express');
const EventEmitter = require('events');

const bus = new EventEmitter();
const app = express();
app.post('/messages', (req, res) => { bus.emit('message', req.body); res.end(); });
app.get('/messages/poll', (req, res) => { bus.once('message', (m) => res.json(m)); });
`,
        languageOptions: COMMONJS,
      },
    ],
    invalid: [
      {
        code: `
const { PubSub } = require('graphql-subscriptions');

const pubsub = new PubSub();
module.exports = { pubsub };
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'pubsub', line: 4, column: 16 }],
      },
    ],
  });
});

const SOCKET_ADVICE = 'Pass `adapter: createAdapter(pub, sub)` from `@socket.io/redis-adapter`.';

describe('realtime', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      `
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

const pubClient = createClient({ url: process.env.REDIS_URL });
const subClient = pubClient.duplicate();
await Promise.all([pubClient.connect(), subClient.connect()]);
const io = new Server(createServer(), { adapter: createAdapter(pubClient, subClient) });
`,
      // The adapter set on the instance later.
      `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';

const io = new Server(3000);
io.adapter(createAdapter(new pg.Pool()));
`,
      // Exported: another module may set the adapter.
      `
import { Server } from 'socket.io';

export const io = new Server({ cors: { origin: '*' } });
`,
      // Options from another module, whole or spread.
      `
import { Server } from 'socket.io';
import { ioOptions, serverOptions, tuning } from './config';

const io = new Server(httpServer, ioOptions);
const other = new Server(serverOptions);
const third = new Server(httpServer, { path: '/ws', ...tuning() });
`,
      // The adapter in what a spread adds.
      `
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

function scaling() {
  const pub = new Redis();
  return { adapter: createAdapter(pub, pub.duplicate()) };
}

const io = new Server(createServer(), { path: '/ws', ...scaling() });
`,
      `
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';

export class RedisIoAdapter extends IoAdapter {
  createIOServer(port: number, options?: object) {
    const server = super.createIOServer(port, options);
    server.adapter(createAdapter(pub, sub));
    return server;
  }
}
`,
      // ws: fan-out from a Redis subscription reaches every replica's sockets.
      `
import { WebSocketServer } from 'ws';
import Redis from 'ioredis';

const wss = new WebSocketServer({ port: 8080 });
const sub = new Redis();
const pub = new Redis();
sub.subscribe('chat');
sub.on('message', (_channel, message) => {
  wss.clients.forEach((client) => client.send(message));
});
wss.on('connection', (ws) => {
  ws.on('message', (data) => pub.publish('chat', String(data)));
});
`,
    ],
    invalid: [
      // Spreads of what this file writes out: a function's returned object, a constant. One argument: the server is attached later.
      {
        code: `
import { Server } from 'socket.io';

const limits = { maxHttpBufferSize: 5e6 };
function compression() {
  return { perMessageDeflate: process.env.COMPRESSION === 'true' };
}

const io = new Server({ path: '/ws', ...limits, ...compression() });
io.on('connection', (socket) => socket.join('lobby'));
io.listen(3000);
`,
        errors: [{ messageId: 'realtime', line: 9, column: 12, data: { found: '`new Server()` without `adapter`', advice: SOCKET_ADVICE } }],
      },
      {
        code: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer, { cors: { origin: 'https://example.com' } });
io.on('connection', (socket) => socket.broadcast.emit('hello'));
`,
        errors: [{ messageId: 'realtime', line: 6, column: 12, data: { found: '`new Server()` without `adapter`', advice: SOCKET_ADVICE } }],
      },
      {
        code: `
import { Server as SocketServer } from 'socket.io';

const io = new SocketServer(3000);
`,
        errors: [{ messageId: 'realtime', line: 4, column: 12 }],
      },
      {
        code: `
import { NestFactory } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { AppModule } from './app.module';

const app = await NestFactory.create(AppModule);
app.useWebSocketAdapter(new IoAdapter(app));
await app.listen(3000);
`,
        errors: [
          {
            messageId: 'realtime',
            line: 7,
            column: 25,
            data: { found: '`new IoAdapter()`', advice: 'Extend `IoAdapter` and call `server.adapter(createAdapter(pub, sub))` from `@socket.io/redis-adapter`.' },
          },
        ],
      },
      {
        code: `
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    wss.clients.forEach((client) => {
      if (client !== ws && client.readyState === 1) client.send(data, { binary: isBinary });
    });
  });
});
`,
        errors: [
          {
            messageId: 'broadcast',
            line: 7,
            column: 5,
            data: { found: '`wss.clients`', advice: 'Publish the message through Redis (`ioredis`) and send it from each replica’s subscriber.' },
          },
        ],
      },
    ],
  });

  jsRuleTester.run('no-memory-store', rule, {
    valid: [],
    invalid: [
      {
        code: `
const app = require('express')();
const server = require('http').createServer(app);
const io = require('socket.io')(server);

io.on('connection', (socket) => socket.emit('welcome'));
server.listen(3000);
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'realtime', line: 4, column: 12, data: { found: "`require('socket.io')()` without `adapter`", advice: SOCKET_ADVICE } }],
      },
      {
        code: `
const WebSocket = require('ws');

const wss = new WebSocket.Server({ port: 8080 });
wss.on('connection', function connection(ws) {
  ws.on('message', function message(data) {
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(data);
    }
  });
});
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'broadcast', line: 7, column: 5 }],
      },
    ],
  });
});

const S3_ADVICE = 'Pass `storage: multerS3({ s3, bucket })` from `multer-s3`.';

describe('uploads', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      // Files on local disk are \`no-local-files\` findings unless \`upload\` is listed in \`kinds\`.
      `
import multer from 'multer';

export const upload = multer({ dest: 'uploads/' });
`,
      `
import multer from 'multer';
import multerS3 from 'multer-s3';
import { S3Client } from '@aws-sdk/client-s3';

export const upload = multer({ storage: multerS3({ s3: new S3Client({}), bucket: 'uploads' }) });
`,
      // Memory buffers are opt-in (\`upload-buffer\`).
      `
import multer from 'multer';

export const upload = multer({ limits: { fileSize: 1_000_000 } });
export const explicit = multer({ storage: multer.memoryStorage() });
`,
      // Storage from another module.
      `
import multer from 'multer';
import { storage } from './storage';

export const upload = multer({ storage });
`,
    ],
    invalid: [
      {
        code: `
import express from 'express';
import multer from 'multer';

const upload = multer({ dest: 'uploads/' });
express().post('/profile', upload.single('avatar'), (req, res) => res.json(req.file));
`,
        options: [{ kinds: ['upload'] }],
        errors: [{ messageId: 'upload', line: 5, column: 16, data: { found: '`multer()` with `dest`', advice: S3_ADVICE } }],
      },
      {
        code: `
import multer, { diskStorage } from 'multer';

const storage = diskStorage({ destination: (req, file, cb) => cb(null, '/tmp/uploads'), filename: (req, file, cb) => cb(null, file.originalname) });
export const upload = multer({ storage });
`,
        options: [{ kinds: ['upload'] }],
        errors: [{ messageId: 'upload', line: 4, column: 17, data: { found: '`diskStorage()` with `destination`', advice: S3_ADVICE } }],
      },
      {
        code: `
import multer from 'multer';

export const upload = multer();
export const explicit = multer({ storage: multer.memoryStorage() });
`,
        options: [ALL_KINDS],
        errors: [
          { messageId: 'uploadBuffer', line: 4, column: 23, data: { found: '`multer()` without `storage` or `dest`', advice: S3_ADVICE } },
          { messageId: 'uploadBuffer', line: 5, column: 25, data: { found: '`multer()` with an in-memory `storage`', advice: S3_ADVICE } },
        ],
      },
    ],
  });

  jsRuleTester.run('no-memory-store', rule, {
    valid: [],
    invalid: [
      {
        code: `
const multer = require('multer');

const storage = multer.diskStorage({ destination: 'uploads/' });
const upload = multer({ storage: storage });
module.exports = upload;
`,
        languageOptions: COMMONJS,
        options: [{ kinds: ['upload'] }],
        errors: [{ messageId: 'upload', line: 4, column: 17 }],
      },
    ],
  });
});

const BULLMQ_ADVICE = 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.';

describe('schedulers', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      // Left to \`no-process-timers\` unless listed in \`kinds\`.
      `
import express from 'express';
import { CronJob } from 'cron';

const job = new CronJob('0 3 * * *', () => sendDigest(), null, true);
`,
      // A dedicated worker file that serves no requests is the fix itself.
      `
import { CronJob } from 'cron';

CronJob.from({ cronTime: '0 3 * * *', onTick: () => sendDigest(), start: true, timeZone: 'Europe/Berlin' });
`,
      `
import express from 'express';
import cron from 'node-cron';

cron.schedule('0 3 * * *', () => sendDigest(), { distributed: true });
`,
      `
import express from 'express';
import { Queue } from 'bullmq';

const queue = new Queue('digests', { connection: { host: 'redis' } });
await queue.upsertJobScheduler('nightly', { pattern: '0 3 * * *' }, { name: 'digest' });
`,
    ],
    invalid: [
      {
        code: `
import express from 'express';
import { CronJob } from 'cron';

const app = express();
const job = new CronJob('0 3 * * *', () => sendDigest(), null, true, 'Europe/Berlin');
`,
        options: [{ kinds: ['scheduler'] }],
        errors: [{ messageId: 'scheduler', line: 6, column: 13, data: { found: '`new CronJob()`', advice: BULLMQ_ADVICE } }],
      },
      {
        code: `
import { CronJob } from 'cron';

CronJob.from({ cronTime: '0 3 * * *', onTick: () => sendDigest(), start: true });
`,
        options: [{ kinds: ['scheduler'], assumeServer: true }],
        errors: [{ messageId: 'scheduler', line: 4, column: 1 }],
      },
      {
        code: `
import Fastify from 'fastify';
import schedule from 'node-schedule';
import { ToadScheduler } from 'toad-scheduler';

schedule.scheduleJob('42 * * * *', () => purge());
const scheduler = new ToadScheduler();
`,
        options: [{ kinds: ['scheduler'] }],
        errors: [
          { messageId: 'scheduler', line: 6, column: 1 },
          { messageId: 'scheduler', line: 7, column: 19 },
        ],
      },
      {
        code: `
import express from 'express';
import cron from 'node-cron';

cron.schedule('*/5 * * * *', () => refreshRates());
cron.schedule('0 * * * *', () => rotate(), { distributed: false });
`,
        options: [{ kinds: ['scheduler'] }],
        errors: [
          {
            messageId: 'scheduler',
            line: 5,
            column: 1,
            data: { found: '`cron.schedule()` without `distributed`', advice: 'Pass `{ distributed: true }` with `cron.setRunCoordinator(…)` (node-cron 4), or a job scheduler from `bullmq`.' },
          },
          { messageId: 'scheduler', line: 6, column: 1 },
        ],
      },
      {
        code: `
import { Injectable } from '@nestjs/common';
import { Cron, CronExpression, Interval } from '@nestjs/schedule';

@Injectable()
export class TasksService {
  @Cron(CronExpression.EVERY_DAY_AT_3AM)
  async sendDigest() {}

  @Interval(10_000)
  poll() {}
}
`,
        options: [{ kinds: ['scheduler'] }],
        errors: [
          { messageId: 'scheduler', line: 7, column: 3, data: { found: '`@Cron()`', advice: 'Use a repeatable job in `@nestjs/bullmq`, or platform cron calling an endpoint.' } },
          { messageId: 'scheduler', line: 10, column: 3 },
        ],
      },
    ],
  });

  jsRuleTester.run('no-memory-store', rule, {
    valid: [],
    invalid: [
      {
        code: `
const express = require('express');
const { CronJob } = require('cron');

new CronJob('* * * * *', () => tick()).start();
`,
        languageOptions: COMMONJS,
        options: [{ kinds: ['scheduler'] }],
        errors: [{ messageId: 'scheduler', line: 5, column: 1 }],
      },
    ],
  });
});

const DB_ADVICE = 'Keep the data in a database, e.g. Postgres through `pg`.';

describe('local file databases', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      // \`no-local-files\` findings unless \`local-db\` is listed in \`kinds\`.
      `
import express from 'express';
import { JSONFilePreset } from 'lowdb/node';

const db = await JSONFilePreset('db.json', { posts: [] });
`,
      // A CLI script: no requests served.
      `
import { JSONFilePreset } from 'lowdb/node';

const db = await JSONFilePreset('db.json', { posts: [] });
`,
      `
import express from 'express';
import pg from 'pg';

const pool = new pg.Pool();
`,
    ],
    invalid: [
      {
        code: `
import express from 'express';
import { JSONFilePreset } from 'lowdb/node';
import { Low } from 'lowdb';

const db = await JSONFilePreset('db.json', { posts: [] });
const low = new Low(adapter, {});
`,
        options: [{ kinds: ['local-db'] }],
        errors: [
          { messageId: 'localDb', line: 6, column: 18, data: { found: '`JSONFilePreset()`', advice: DB_ADVICE } },
          { messageId: 'localDb', line: 7, column: 13 },
        ],
      },
      {
        code: `
import Fastify from 'fastify';
import Datastore from '@seald-io/nedb';
import storage from 'node-persist';
import { create } from 'flat-cache';

const users = new Datastore({ filename: 'users.db', autoload: true });
await storage.init({ dir: '.data' });
const cache = create({ cacheId: 'pages' });
`,
        options: [{ kinds: ['local-db'] }],
        errors: [
          { messageId: 'localDb', line: 7, column: 15 },
          { messageId: 'localDb', line: 8, column: 7, data: { found: '`storage.init()`', advice: 'Keep the data in Redis (`ioredis`) or a database.' } },
          { messageId: 'localDb', line: 9, column: 15 },
        ],
      },
    ],
  });

  jsRuleTester.run('no-memory-store', rule, {
    valid: [],
    invalid: [
      {
        code: `
const express = require('express');
const Datastore = require('nedb');

const db = new Datastore({ filename: 'data.db', autoload: true });
`,
        languageOptions: COMMONJS,
        options: [{ kinds: ['local-db'] }],
        errors: [{ messageId: 'localDb', line: 5, column: 12 }],
      },
    ],
  });
});

describe('settings', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      {
        code: `
import express from 'express';
import rateLimit from 'express-rate-limit';

express().use(rateLimit({ limit: 5 }));
`,
        settings: { stateless: { allowPackages: ['express-rate-limit'] } },
      },
      {
        code: `
import { createLimiter } from '@acme/limits';

export const limiter = createLimiter({ redis: process.env.REDIS_URL });
`,
        settings: { stateless: { stores: [{ package: '@acme/limits', export: 'createLimiter', form: 'call', kind: 'rate-limit', unlessOptions: ['redis'] }] } },
      },
      // Kinds left out of \`kinds\`.
      {
        code: `
import rateLimit from 'express-rate-limit';

export const limiter = rateLimit({ limit: 5 });
`,
        options: [{ kinds: ['cache'] }],
      },
    ],
    invalid: [
      {
        code: `
import { createLimiter } from '@acme/limits';

export const limiter = createLimiter({ points: 5 });
`,
        settings: { stateless: { stores: [{ package: '@acme/limits', export: 'createLimiter', form: 'call', kind: 'rate-limit', unlessOptions: ['redis'] }] } },
        errors: [{ messageId: 'rateLimit', line: 4, column: 24, data: { found: '`createLimiter()` without `redis`', advice: 'Count in Redis, e.g. `RateLimiterRedis` from `rate-limiter-flexible`.' } }],
      },
      {
        code: `
import { Cache } from '@acme/platform';

export const cache = new Cache.Local();
`,
        settings: { stateless: { stores: [{ package: '@acme/platform', export: 'Cache.Local', form: 'new', kind: 'cache' }] } },
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 4, column: 22 }],
      },
      {
        code: `
export const x = 1;
`,
        settings: { stateless: { stores: 'lru-cache' } },
        errors: [{ messageId: 'invalidSettings', line: 1, column: 1 }],
      },
      // A malformed annotation excuses nothing; a well-formed one excuses the finding.
      {
        code: `
import rateLimit from 'express-rate-limit';

// stateless-ok
export const a = rateLimit({ limit: 5 });
// stateless-ok: a single admin instance, never scaled
export const b = rateLimit({ limit: 5 });
`,
        errors: [
          { messageId: 'okWithoutReason', line: 4, column: 1 },
          { messageId: 'rateLimit', line: 5, column: 18 },
        ],
      },
    ],
  });
});

describe('libraries seen on real services', () => {
  ruleTester.run('no-memory-store', rule, {
    valid: [
      // tus with a shared lock and upload info in Redis; the default kinds leave caches and locks out.
      {
        code: `
import { Server } from '@tus/server';
import { S3Store } from '@tus/s3-store';
import { IoRedisKvStore } from '@tus/utils';

export const tus = new Server({ path: '/files', locker, datastore: new S3Store({ cache: new IoRedisKvStore(redis), s3ClientConfig }) });
`,
        options: [{ kinds: ['upload', 'cache', 'lock'] }],
      },
      `
import { Server } from '@tus/server';
import { S3Store } from '@tus/s3-store';

export const tus = new Server({ path: '/files', datastore: new S3Store({ s3ClientConfig }) });
`,
      // @fastify/autoload registers the default export with `autoConfig`: a Redis client there shares the counts.
      `
import fastifyRateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';

export const autoConfig = { max: 100, timeWindow: '1 minute', redis: new Redis(process.env.REDIS_URL) };
export default fastifyRateLimit;
`,
      `
import { betterAuth } from 'better-auth';

export const auth = betterAuth({ database: pool, secondaryStorage: redisStorage });
export const limited = betterAuth({ database: pool, rateLimit: { storage: 'database' } });
export const off = betterAuth({ database: pool, rateLimit: { enabled: false } });
export const unknown = betterAuth({ database: pool, rateLimit: limits });
`,
      // The in-memory arm is taken only in development or tests; the shared store otherwise.
      `
import { rateLimiter, MemoryStore } from 'hono-rate-limiter';
import { RedisStore } from '@hono-rate-limiter/redis';
import { betterAuth } from 'better-auth';

export const limit = rateLimiter({ limit: 100, store: process.env.NODE_ENV === 'test' ? new MemoryStore() : new RedisStore({ client }) });
export const devLimit = rateLimiter({ limit: 100, store: isDev ? undefined : new RedisStore({ client }) });
export const prodOnly = rateLimiter({ limit: 100, store: isProduction && new RedisStore({ client }) });
let shared = null;
shared = new RedisStore({ client });
export const cast = rateLimiter({ limit: 100, store: shared ?? undefined });
export const auth = betterAuth({ database: pool, rateLimit: { storage: isDev ? 'memory' : 'database' } });
`,
      // The test that drops the store also switches the limiter off: no counts are kept without it.
      `
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';

export const throttler = ThrottlerModule.forRootAsync({
  useFactory: (config) => {
    const limited = config.get('RATE_LIMITING');
    return { skipIf: () => !limited, storage: limited ? new ThrottlerStorageRedisService(config.get('REDIS_URL')) : undefined, throttlers: [{ limit: 100, ttl: 60_000 }] };
  },
});
`,
      // Documents relayed through Redis, also when the extension is added under a condition; a list the file does not write out.
      `
import { Server } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';

export const server = new Server({ extensions: [new Redis({ host: 'redis', port: 6379 })] });
export const conditional = Server.configure({ extensions: [...(process.env.REDIS_URL ? [new Redis({ redis })] : []), new Throttle()] });
export const unknownList = new Server({ extensions: buildExtensions() });
`,
      `
import { rateLimitDirective } from 'graphql-rate-limit-directive';
import { RateLimiterRedis } from 'rate-limiter-flexible';

export const { rateLimitDirectiveTransformer } = rateLimitDirective({ limiterClass: RateLimiterRedis, limiterOptions: { storeClient: redis } });
`,
      {
        code: `
import { createYoga } from 'graphql-yoga';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { createRedisCache } from '@envelop/response-cache-redis';
import { createStorage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';

export const yoga = createYoga({ schema, plugins: [useResponseCache({ session: () => null, cache: createRedisCache({ redis }) })] });
export const storage = createStorage({ driver: redisDriver({ base: 'app', url: process.env.REDIS_URL }) });
`,
        options: [ALL_KINDS],
      },
      // A subclass of EventEmitter that only one side uses within requests is no bus between them.
      `
import { EventEmitter } from 'node:events';
import express from 'express';

class Audit extends EventEmitter {}
const audit = new Audit();
audit.on('entry', (entry) => console.log(entry));
express().post('/orders', (req, res) => {
  audit.emit('entry', req.body.id);
  res.end();
});
`,
    ],
    invalid: [
      // tus resumable uploads: chunks on this disk, upload info in process memory, and a lock in this process.
      {
        code: `
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';

export const local = new Server({ path: '/files', datastore: new FileStore({ directory: './data/uploads' }) });
export const s3 = new S3Store({ s3ClientConfig: { bucket, region } });
`,
        options: [{ kinds: ['upload', 'cache', 'lock'] }],
        errors: [
          { messageId: 'lock', line: 6, column: 22, data: { found: '`new Server()` without `locker`', advice: 'Pass the tus `Server` a `locker` whose `newLock(id)` takes a lock in Redis through `ioredis` (`SET key NX PX`).' } },
          { messageId: 'upload', line: 6, column: 62, data: { found: '`new FileStore()`', advice: 'Pass `datastore: new S3Store({ s3ClientConfig })` from `@tus/s3-store` to the tus `Server`.' } },
          { messageId: 'cache', line: 7, column: 19, data: { found: '`new S3Store()` without `cache`', advice: 'Pass `cache: new IoRedisKvStore(redis)` from `@tus/utils` to `S3Store`.' } },
        ],
      },
      {
        code: `
import fastifyRateLimit from '@fastify/rate-limit';

export const autoConfig = { max: 100, timeWindow: '1 minute' };
export default fastifyRateLimit;
`,
        errors: [
          {
            messageId: 'rateLimit',
            line: 5,
            column: 1,
            data: { found: '`export default fastifyRateLimit` without `redis` or `store`', advice: 'Pass `redis: new Redis()` from `ioredis` in the plugin options.' },
          },
        ],
      },
      {
        code: `
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export const autoConfig = (fastify: FastifyInstance) => ({ max: fastify.config.RATE_LIMIT_MAX, timeWindow: '1 minute' });
export default fastifyRateLimit;
`,
        errors: [{ messageId: 'rateLimit', line: 6, column: 1 }],
      },
      {
        code: `
import rateLimit from '@fastify/rate-limit';

export default rateLimit;
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 1 }],
      },
      {
        code: `
import { betterAuth } from 'better-auth';

export const auth = betterAuth({ database: pool, emailAndPassword: { enabled: true } });
`,
        errors: [
          {
            messageId: 'rateLimit',
            line: 4,
            column: 21,
            data: { found: '`betterAuth()` without `rateLimit.storage` or `secondaryStorage`', advice: "Pass `rateLimit: { storage: 'database' }` to `betterAuth`, or a `secondaryStorage` over Redis (`ioredis`)." },
          },
        ],
      },
      // A shared store chosen under a condition: the other arm falls back to the library's in-memory default.
      {
        code: `
import { betterAuth } from 'better-auth';

export const auth = betterAuth({
  database: pool,
  secondaryStorage: kv ? { get, set, delete: del } : undefined,
  rateLimit: { enabled: true, storage: kv ? 'secondary-storage' : 'memory' },
});
export const limits = betterAuth({ database: pool, secondaryStorage: kv && redisStorage, rateLimit: { window: 60 } });
`,
        errors: [
          {
            messageId: 'rateLimit',
            line: 4,
            column: 21,
            data: { found: "`betterAuth()` with `rateLimit.storage: 'memory'` unless `kv`", advice: "Pass `rateLimit: { storage: 'database' }` to `betterAuth`, or a `secondaryStorage` over Redis (`ioredis`)." },
          },
          {
            messageId: 'rateLimit',
            line: 9,
            column: 23,
            data: { found: '`betterAuth()` without `rateLimit.storage` or `secondaryStorage` unless `kv`', advice: "Pass `rateLimit: { storage: 'database' }` to `betterAuth`, or a `secondaryStorage` over Redis (`ioredis`)." },
          },
        ],
      },
      {
        code: `
import { rateLimiter, MemoryStore } from 'hono-rate-limiter';
import { RedisStore } from '@hono-rate-limiter/redis';

export const api = rateLimiter({ limit: 100, store: redis ? new RedisStore({ client: redis }) : undefined });
export const fallback = rateLimiter({ limit: 10, store: redisStore ?? new MemoryStore() });
export const flagged = rateLimiter({ limit: 10, store: process.env.REDIS_URL ? new RedisStore({ client }) : new MemoryStore() });
const store = process.env.REDIS_URL && new RedisStore({ client });
export const bound = rateLimiter({ limit: 10, store });
`,
        errors: [
          { messageId: 'rateLimit', line: 5, column: 20, data: { found: '`rateLimiter()` without `store` or `binding` unless `redis`', advice: HONO_ADVICE } },
          { messageId: 'rateLimit', line: 6, column: 25, data: { found: '`rateLimiter()` with an in-memory `store` unless `redisStore`', advice: HONO_ADVICE } },
          { messageId: 'rateLimit', line: 7, column: 24, data: { found: '`rateLimiter()` with an in-memory `store` unless `process.env.REDIS_URL`', advice: HONO_ADVICE } },
          { messageId: 'rateLimit', line: 9, column: 22, data: { found: '`rateLimiter()` without `store` or `binding` unless `process.env.REDIS_URL`', advice: HONO_ADVICE } },
        ],
      },
      {
        code: `
import { rateLimitDirective } from 'graphql-rate-limit-directive';

const { rateLimitDirectiveTypeDefs, rateLimitDirectiveTransformer } = rateLimitDirective();
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 71, data: { found: '`rateLimitDirective()` without `limiterClass`', advice: 'Pass `limiterClass: RateLimiterRedis` and `limiterOptions: { storeClient: redis }` from `rate-limiter-flexible`.' } }],
      },
      {
        // Version 1 names the factory `createRateLimitDirective`, with the same default.
        code: `
const { createRateLimitDirective } = require('graphql-rate-limit-directive');

module.exports = createRateLimitDirective({
  keyGenerator: (args, source, fieldArgs, context) => context.req.ip,
});
`,
        errors: [{ messageId: 'rateLimit', line: 4, column: 18, data: { found: '`createRateLimitDirective()` without `limiterClass`', advice: 'Pass `limiterClass: RateLimiterRedis` and `limiterOptions: { storeClient: redis }` from `rate-limiter-flexible`.' } }],
      },
      {
        code: `
import { createYoga } from 'graphql-yoga';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';

export const yoga = createYoga({ schema, plugins: [useResponseCache({ session: (request: Request) => request.headers.get('authorization') })] });
`,
        options: [ALL_KINDS],
        errors: [{ messageId: 'cache', line: 5, column: 52, data: { found: '`useResponseCache()` without `cache`', advice: 'Pass `cache: createRedisCache({ redis })` from `@envelop/response-cache-redis`.' } }],
      },
      {
        code: `
import { createStorage } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';
import fsDriver from 'unstorage/drivers/fs';

export const storage = createStorage();
export const memory = createStorage({ driver: memoryDriver() });
export const files = createStorage({ driver: fsDriver({ base: './data' }) });
`,
        options: [ALL_KINDS],
        errors: [
          { messageId: 'cache', line: 6, column: 24, data: { found: '`createStorage()` without `driver`', advice: 'Pass `driver: redisDriver({ base, url })`, the Redis driver in `unstorage` (over `ioredis`).' } },
          { messageId: 'cache', line: 7, column: 23, data: { found: '`createStorage()` with an in-memory `driver`', advice: 'Pass `driver: redisDriver({ base, url })`, the Redis driver in `unstorage` (over `ioredis`).' } },
          { messageId: 'cache', line: 8, column: 22, data: { found: '`createStorage()` with a local-disk `driver`', advice: 'Pass `driver: redisDriver({ base, url })`, the Redis driver in `unstorage` (over `ioredis`).' } },
        ],
      },
      {
        code: `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/cluster-adapter';

const io = new Server(httpServer, { transports: ['websocket'] });
io.adapter(createAdapter());
`,
        errors: [{ messageId: 'realtime', line: 6, column: 12, data: { found: '`createAdapter()`', advice: 'Use `createAdapter(pub, sub)` from `@socket.io/redis-adapter`.' } }],
      },
      // A subclass of EventEmitter (a typed bus, an iterable emitter for subscriptions) is an emitter all the same.
      {
        code: `
import { EventEmitter } from 'node:events';
import express from 'express';

class Bus extends EventEmitter {}
const bus = new Bus();
express().post('/imports', (req, res) => {
  bus.on('row', (n) => res.write(String(n)));
  for (const row of req.body.rows) bus.emit('row', row);
  res.end();
});
`,
        errors: [{ messageId: 'eventBus', line: 6, column: 13, data: { found: '`bus`', advice: 'Publish through Redis (`publish`/`subscribe` in `ioredis`) or Postgres `LISTEN/NOTIFY` (`pg`).' } }],
      },
    ],
  });
});
