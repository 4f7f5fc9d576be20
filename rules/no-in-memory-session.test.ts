import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { describe } from 'vitest';
import { createRuleTesters } from '../tests/rule-tester.js';
import { platformAdvice } from '../tests/platform-advice.js';
import rule from './no-in-memory-session.js';

const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();

// CommonJS scope analysis (a function scope around the file); the rule tester's type leaves `sourceType` out.
const COMMONJS = { sourceType: 'commonjs' } as TestLanguageOptions;

const CONNECT_REDIS = 'Pass `store: new RedisStore({ client })` from `connect-redis`.';

describe('express-session', () => {
  ruleTester.run('no-in-memory-session', rule, {
    valid: [
      `
import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
await client.connect();
const app = express();
app.use(session({ store: new RedisStore({ client, prefix: 'sess:' }), secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
`,
      // Options built in a variable, the store added before use.
      `
import session from 'express-session';
import { RedisStore } from 'connect-redis';

const options: session.SessionOptions = { secret: 'keyboard cat', resave: false, saveUninitialized: false };
options.store = new RedisStore({ client: redis });
app.use(session(options));
`,
      // A store from another module: this file cannot tell what it is.
      `
import session from 'express-session';
import { sessionStore } from './session-store';

app.use(session({ store: sessionStore, secret: 's' }));
`,
      // Options from another module.
      `
import session from 'express-session';
import { sessionOptions } from './config';

app.use(session(sessionOptions));
`,
      // A spread may carry a store: no guess.
      `
import session from 'express-session';

app.use(session({ ...baseSessionOptions, secret: process.env.SECRET! }));
`,
      // A memory store only outside production is a deliberate choice this file cannot judge.
      `
import session from 'express-session';
import { RedisStore } from 'connect-redis';

app.use(session({ secret: 's', store: process.env.NODE_ENV === 'production' ? new RedisStore({ client }) : new session.MemoryStore() }));
`,
      // The same choice through a \`let\` set in the branches of an \`if\`.
      `
import session from 'express-session';
import { RedisStore } from 'connect-redis';

let store: session.Store;
if (process.env.NODE_ENV === 'production') store = new RedisStore({ client });
else store = new session.MemoryStore();
app.use(session({ secret: 's', store }));
`,
      // Not express-session: a \`session()\` from the app's own module.
      `
import { session } from './middleware/session';

app.use(session({ secret: 's' }));
`,
      `
import session from 'express-session';
import connectMongo from 'connect-mongo';

app.use(session({ secret: 's', store: connectMongo.create({ mongoUrl: process.env.MONGO_URL }) }));
`,
      // Passport over a shared store.
      `
import session from 'express-session';
import passport from 'passport';
import { RedisStore } from 'connect-redis';

app.use(session({ secret: 's', store: new RedisStore({ client }) }));
app.use(passport.initialize());
app.use(passport.session());
`,
    ],
    invalid: [
      {
        code: `
import express from 'express';
import session from 'express-session';

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: true }));
`,
        errors: [{ messageId: 'memorySession', line: 6, column: 9, data: { found: '`session()` without `store`', advice: CONNECT_REDIS } }],
      },
      // Aliased default import, options in a variable.
      {
        code: `
import expressSession from 'express-session';

const sessionConfig = { secret: 'dev', cookie: { secure: true } };
app.use(expressSession(sessionConfig));
`,
        errors: [{ messageId: 'memorySession', line: 5, column: 9 }],
      },
      // Namespace import.
      {
        code: `
import * as sessions from 'express-session';

app.use(sessions.default({ secret: 'dev' }));
`,
        errors: [{ messageId: 'memorySession', line: 4, column: 9, data: { found: '`sessions.default()` without `store`', advice: CONNECT_REDIS } }],
      },
      // An explicit MemoryStore, reached through destructuring and a variable.
      {
        code: `
import session from 'express-session';

const { MemoryStore } = session;
const store = new MemoryStore();
app.use(session({ secret: 'dev', store }));
`,
        errors: [{ messageId: 'memorySession', line: 6, column: 9, data: { found: '`session()` with an in-memory `store`', advice: CONNECT_REDIS } }],
      },
      // A \`let\` given a shared store or MemoryStore in the branches of an \`if\` on the configuration.
      {
        code: `
import session from 'express-session';
import { KnexStore } from './knex-store';

export function sessionMiddleware(useDatabase: boolean) {
  let store: session.Store;
  if (useDatabase) {
    store = new KnexStore();
  } else {
    store = new session.MemoryStore();
  }
  return session({ secret: process.env.SESSION_SECRET ?? '', store });
}
`,
        errors: [{ messageId: 'memorySession', line: 12, column: 10, data: { found: '`session()` with an in-memory `store` unless `useDatabase`', advice: CONNECT_REDIS } }],
      },
      // Reassigned once, to the same class.
      {
        code: `
import session from 'express-session';

let Store;
Store = session.MemoryStore;
app.use(session({ secret: 'dev', store: new Store() }));
`,
        errors: [{ messageId: 'memorySession', line: 6, column: 9 }],
      },
      {
        code: `
import session, { MemoryStore as SessionMemory } from 'express-session';

app.use(session({ secret: 'dev', store: new SessionMemory() }));
`,
        errors: [{ messageId: 'memorySession', line: 4, column: 9 }],
      },
      // memorystore only fixes the leak.
      {
        code: `
import session from 'express-session';
import createMemoryStore from 'memorystore';

const MemoryStore = createMemoryStore(session);
app.use(session({ secret: 'dev', store: new MemoryStore({ checkPeriod: 86_400_000 }) }));
`,
        errors: [{ messageId: 'memorySession', line: 6, column: 9 }],
      },
      // A store built here and exported for another module.
      {
        code: `
import session from 'express-session';

export const sessionStore = new session.MemoryStore();
`,
        errors: [{ messageId: 'memorySession', line: 4, column: 29, data: { found: '`new session.MemoryStore()`', advice: CONNECT_REDIS } }],
      },
      // A hand-written store class backed by a Map.
      {
        code: `
import session from 'express-session';

class MapStore extends session.Store {
  private readonly sessions = new Map<string, session.SessionData>();
  get(sid: string, cb: (err: unknown, data?: session.SessionData | null) => void) { cb(null, this.sessions.get(sid)); }
  set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void) { this.sessions.set(sid, data); cb?.(); }
  destroy(sid: string, cb?: (err?: unknown) => void) { this.sessions.delete(sid); cb?.(); }
}

app.use(session({ secret: 'dev', store: new MapStore() }));
`,
        errors: [{ messageId: 'memorySession', line: 11, column: 9 }],
      },
      // Passport inherits the store.
      {
        code: `
import session from 'express-session';
import passport from 'passport';

app.use(session({ secret: 'dev', resave: false, saveUninitialized: false }));
app.use(passport.initialize());
app.use(passport.session());
`,
        errors: [
          { messageId: 'memorySession', line: 5, column: 9 },
          {
            messageId: 'passport',
            line: 7,
            column: 9,
            data: { found: '`passport.session()`', line: '5', advice: 'Give the session middleware a shared `store`, e.g. `new RedisStore({ client })` from `connect-redis`.' },
          },
        ],
      },
    ],
  });

  jsRuleTester.run('no-in-memory-session', rule, {
    valid: [
      {
        code: `
const session = require('express-session');
const pgSession = require('connect-pg-simple')(session);
const { Pool } = require('pg');

const pool = new Pool();
app.use(session({ store: new pgSession({ pool, tableName: 'user_sessions' }), secret: process.env.SECRET }));
`,
        languageOptions: COMMONJS,
      },
    ],
    invalid: [
      {
        code: `
const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: process.env.SECRET, resave: false }));
module.exports = app;
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'memorySession', line: 6, column: 9 }],
      },
      {
        code: `
const session = require('express-session');
const MemoryStore = require('memorystore')(session);

app.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: 'keyboard cat' }));
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'memorySession', line: 5, column: 9 }],
      },
      // Destructured require of the MemoryStore class.
      {
        code: `
const session = require('express-session');
const { MemoryStore } = require('express-session');

app.use(session({ store: new MemoryStore(), secret: 'keyboard cat' }));
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'memorySession', line: 5, column: 9 }],
      },
      // session-file-store keeps sessions on one machine's disk.
      {
        code: `
const session = require('express-session');
const FileStore = require('session-file-store')(session);

app.use(session({ store: new FileStore({ path: './sessions' }), secret: 'keyboard cat' }));
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'diskSession', line: 5, column: 9, data: { found: '`session()` with a local-disk `store`', advice: CONNECT_REDIS } }],
      },
      // Passport in CommonJS.
      {
        code: `
const session = require('express-session');
const passport = require('passport');

app.use(session({ secret: 'keyboard cat' }));
app.use(passport.session());
`,
        languageOptions: COMMONJS,
        errors: [
          { messageId: 'memorySession', line: 5, column: 9 },
          { messageId: 'passport', line: 6, column: 9 },
        ],
      },
    ],
  });
});

describe('@fastify/session', () => {
  ruleTester.run('no-in-memory-session', rule, {
    valid: [
      `
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { RedisStore } from 'connect-redis';

const app = Fastify();
await app.register(fastifyCookie);
await app.register(fastifySession, { secret: process.env.SESSION_SECRET!, store: new RedisStore({ client: redis }) });
`,
      // Encrypted cookie sessions keep nothing on the server.
      `
import Fastify from 'fastify';
import secureSession from '@fastify/secure-session';

const app = Fastify();
app.register(secureSession, { key: Buffer.from(process.env.SESSION_KEY!, 'hex'), cookie: { path: '/' } });
`,
    ],
    invalid: [
      {
        code: `
import Fastify from 'fastify';
import fastifySession from '@fastify/session';

const app = Fastify();
await app.register(fastifySession, { secret: process.env.SESSION_SECRET!, cookie: { secure: true } });
`,
        errors: [{ messageId: 'memorySession', line: 6, column: 7, data: { found: '`app.register(fastifySession)` without `store`', advice: 'Give its `store` option a Redis store (express-session ones fit), or use a sealed cookie: `@fastify/secure-session`.' } }],
      },
      {
        code: `
import Fastify from 'fastify';
import { fastifySession as sessions, MemoryStore } from '@fastify/session';

const app = Fastify();
app.register(sessions, { secret: 'a secret with minimum length of 32 characters', store: new MemoryStore() });
`,
        errors: [{ messageId: 'memorySession', line: 6, column: 1 }],
      },
    ],
  });

  jsRuleTester.run('no-in-memory-session', rule, {
    valid: [],
    invalid: [
      {
        code: `
const fastify = require('fastify')();

fastify.register(require('@fastify/cookie'));
fastify.register(require('@fastify/session'), { secret: process.env.SECRET });
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'memorySession', line: 5, column: 1 }],
      },
    ],
  });
});

describe('koa-session', () => {
  ruleTester.run('no-in-memory-session', rule, {
    valid: [
      // The default keeps the session in the signed cookie.
      `
import Koa from 'koa';
import session from 'koa-session';

const app = new Koa();
app.keys = [process.env.COOKIE_KEY!];
app.use(session({ maxAge: 86_400_000 }, app));
`,
      `
import Koa from 'koa';
import session from 'koa-session';
import redisStore from 'koa-redis';

const app = new Koa();
app.use(session({ store: redisStore({ url: process.env.REDIS_URL }) }, app));
`,
    ],
    invalid: [
      {
        code: `
import Koa from 'koa';
import session from 'koa-session';

const sessions = new Map<string, unknown>();
const app = new Koa();
app.use(
  session(
    {
      store: {
        get: (key: string) => sessions.get(key),
        set: (key: string, value: unknown) => { sessions.set(key, value); },
        destroy: (key: string) => { sessions.delete(key); },
      },
    },
    app,
  ),
);
`,
        errors: [{ messageId: 'memorySession', line: 8, column: 3, data: { found: '`session()` with an in-memory `store`', advice: 'Drop the `store` to keep sessions in the cookie, or use `redisStore()` from `koa-redis`.' } }],
      },
    ],
  });

  jsRuleTester.run('no-in-memory-session', rule, {
    valid: [],
    invalid: [
      {
        code: `
const session = require('koa-session');

const store = {};
const memoryStore = {
  get(key) { return store[key]; },
  set(key, sess) { store[key] = sess; },
  destroy(key) { delete store[key]; },
};
app.use(session({ store: memoryStore }, app));
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'memorySession', line: 10, column: 9 }],
      },
    ],
  });
});

describe('hono-sessions', () => {
  ruleTester.run('no-in-memory-session', rule, {
    valid: [
      `
import { Hono } from 'hono';
import { CookieStore, sessionMiddleware } from 'hono-sessions';

const app = new Hono();
app.use('*', sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY, expireAfterSeconds: 900 }));
`,
    ],
    invalid: [
      {
        code: `
import { Hono } from 'hono';
import { MemoryStore, sessionMiddleware } from 'hono-sessions';

const app = new Hono();
const store = new MemoryStore();
app.use('*', sessionMiddleware({ store, encryptionKey: 'password_at_least_32_characters_long' }));
`,
        errors: [{ messageId: 'memorySession', line: 7, column: 14, data: { found: '`sessionMiddleware()` with an in-memory `store`', advice: 'Use `store: new CookieStore()` with an `encryptionKey`, from `hono-sessions`.' } }],
      },
    ],
  });
});

describe('stateless by design', () => {
  ruleTester.run('no-in-memory-session', rule, {
    valid: [
      `
import express from 'express';
import cookieSession from 'cookie-session';

const app = express();
app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!], maxAge: 24 * 60 * 60 * 1000 }));
`,
      `
import { getIronSession } from 'iron-session';
import { cookies } from 'next/headers';

export async function GET() {
  const session = await getIronSession(await cookies(), { password: process.env.SESSION_PASSWORD!, cookieName: 'app' });
  return Response.json({ user: session.user });
}
`,
      `
import NextAuth from 'next-auth';
import GitHub from 'next-auth/providers/github';

export default NextAuth({ providers: [GitHub({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })], session: { strategy: 'jwt' } });
`,
      `
import { defineEventHandler, useSession } from 'h3';

export default defineEventHandler(async (event) => {
  const session = await useSession(event, { password: process.env.SESSION_PASSWORD! });
  return { user: session.data.user };
});
`,
    ],
    invalid: [],
  });
});

describe('hand-rolled session stores', () => {
  ruleTester.run('no-in-memory-session', rule, {
    valid: [
      // Keyed by socket id: a connection registry, not sessions.
      `
import { Server } from 'socket.io';

const online = new Map<string, string>();
io.on('connection', (socket) => {
  online.set(socket.id, socket.data.user.name);
  socket.on('disconnect', () => online.delete(socket.id));
});
`,
      // Filled at startup only.
      `
const sessions = new Map<string, string>();
for (const [id, user] of Object.entries(JSON.parse(process.env.FIXED_SESSIONS ?? '{}'))) sessions.set(id, String(user));

export function lookup(id: string) {
  return sessions.get(id);
}
`,
      // A cache of verified tokens: a per-instance cache, reported by \`no-module-state\` in strict.
      `
import express from 'express';

const tokenCache = new Map<string, { sub: string }>();
app.use(async (req, res, next) => {
  const token = req.headers.authorization?.slice(7) ?? '';
  if (!tokenCache.has(token)) tokenCache.set(token, await verify(token));
  next();
});
`,
      // Named like logins, but counting attempts: rate-limit state for \`no-module-state\`.
      `
import express from 'express';

const loginAttempts = new Map<string, number>();
const tokenBuckets: Record<string, { tokens: number }> = {};
app.post('/login', (req, res) => {
  loginAttempts.set(req.body.email, (loginAttempts.get(req.body.email) ?? 0) + 1);
  tokenBuckets[req.ip] = { tokens: 10 };
});
`,
      // Marked as intended.
      `
import express from 'express';

// stateless-ok: single-instance admin tool, sessions are dropped on deploy by design
const sessions = new Map<string, { user: string }>();
app.post('/login', (req, res) => {
  const id = crypto.randomUUID();
  sessions.set(id, { user: req.body.user });
  res.cookie('sid', id).end();
});
`,
      {
        code: `
const sessions = new Map<string, { user: string }>();
app.post('/login', (req, res) => {
  const id = crypto.randomUUID();
  sessions.set(id, { user: req.body.user });
  res.cookie('sid', id).end();
});
`,
        options: [{ handRolled: false }],
      },
      {
        code: `
const sessions = new Map<string, { user: string }>();
app.post('/login', (req, res) => {
  sessions.set(crypto.randomUUID(), { user: req.body.user });
});
`,
        options: [{ allow: ['/^sess/'] }],
      },
    ],
    invalid: [
      // Written in a login handler, read by auth middleware.
      {
        code: `
import express from 'express';
import { randomUUID } from 'node:crypto';

const sessions = new Map<string, { userId: string; expiresAt: number }>();
const app = express();

app.post('/login', async (req, res) => {
  const user = await checkPassword(req.body.email, req.body.password);
  const sid = randomUUID();
  sessions.set(sid, { userId: user.id, expiresAt: Date.now() + 3_600_000 });
  res.cookie('sid', sid, { httpOnly: true }).json({ ok: true });
});

app.use((req, res, next) => {
  const session = sessions.get(req.cookies.sid);
  if (!session) return res.status(401).end();
  res.locals.userId = session.userId;
  next();
});
`,
        errors: [{ messageId: 'handRolled', line: 5, column: 7, data: { advice: FINDING_ADVICE.handRolledSession, name: 'sessions' } }],
      },
      // Keyed by the bearer token, whatever the name.
      {
        code: `
import { Hono } from 'hono';

const users: Record<string, { id: string }> = {};
const app = new Hono();
app.post('/auth', async (c) => {
  const token = c.req.header('authorization')?.replace('Bearer ', '') ?? '';
  users[token] = await c.req.json();
  return c.body(null, 204);
});
`,
        errors: [{ messageId: 'handRolled', line: 4, column: 7, data: { advice: platformAdvice('Hono', 'handRolledSession'), name: 'users' } }],
      },
      // Per-session data keyed by the session id.
      {
        code: `
import express from 'express';

const carts = new Map<string, string[]>();
app.put('/cart', (req, res) => {
  carts.set(req.sessionID, req.body.items);
  res.status(204).end();
});
`,
        errors: [{ messageId: 'handRolled', line: 4, column: 7, data: { advice: FINDING_ADVICE.handRolledSession, name: 'carts' } }],
      },
      // A Set of live tokens, in a helper whose callers this file cannot see.
      {
        code: `
const activeTokens = new Set<string>();

export function rememberLogin(token: string) {
  activeTokens.add(token);
}

export function isLoggedIn(token: string) {
  return activeTokens.has(token);
}
`,
        errors: [{ messageId: 'handRolled', line: 2, column: 7 }],
      },
    ],
  });

  jsRuleTester.run('no-in-memory-session', rule, {
    valid: [],
    invalid: [
      {
        code: `
const express = require('express');

const loggedInUsers = {};
const router = express.Router();
router.post('/login', (req, res) => {
  const { sid } = req.cookies;
  loggedInUsers[sid] = req.body.username;
  res.end();
});
module.exports = router;
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'handRolled', line: 4, column: 7, data: { advice: FINDING_ADVICE.handRolledSession, name: 'loggedInUsers' } }],
      },
    ],
  });
});

describe('settings', () => {
  ruleTester.run('no-in-memory-session', rule, {
    valid: [
      {
        code: `
import session from 'express-session';

app.use(session({ secret: 'dev' }));
`,
        settings: { stateless: { allowPackages: ['express-session'] } },
      },
      {
        code: `
import { createSessionMiddleware } from '@acme/sessions';

app.use(createSessionMiddleware({ redisUrl: process.env.REDIS_URL }));
`,
        settings: { stateless: { stores: [{ package: '@acme/sessions', export: 'createSessionMiddleware', kind: 'session', unlessOptions: ['redisUrl'] }] } },
      },
    ],
    invalid: [
      {
        code: `
import { createSessionMiddleware as sessions } from '@acme/sessions';

app.use(sessions({ ttl: 3600 }));
`,
        settings: { stateless: { stores: [{ package: '@acme/sessions', export: 'createSessionMiddleware', kind: 'session', unlessOptions: ['redisUrl'], advice: 'Pass `redisUrl`.' }] } },
        errors: [{ messageId: 'memorySession', line: 4, column: 9, data: { found: '`sessions()` without `redisUrl`', advice: 'Pass `redisUrl`.' } }],
      },
      {
        code: `
import session from 'express-session';

app.use(session({ secret: 'dev' }));
`,
        settings: { stateless: { stores: [{ package: '@acme/sessions', kind: 'sessions' }] } },
        errors: [{ messageId: 'invalidSettings', line: 1, column: 1 }],
      },
    ],
  });
});

describe('alias cycles', () => {
  jsRuleTester.run('no-in-memory-session', rule, {
    valid: [
      // `var a = a` makes `a` an alias of itself; following it once is enough.
      'let s = {}; function f() { var a = s; var a = a; }',
    ],
    invalid: [
      {
        code: `
const sessions = new Map();
app.post('/login', (req, res) => {
  var store = sessions;
  var store = store;
  store.set(req.cookies.sid, req.body.user);
  res.end();
});
`,
        errors: [{ messageId: 'handRolled', line: 2, column: 7, data: { advice: FINDING_ADVICE.handRolledSession, name: 'sessions' } }],
      },
    ],
  });
});

describe('Shopify session storage', () => {
  ruleTester.run('no-in-memory-session', rule, {
    valid: [
      `
import { shopifyApp } from '@shopify/shopify-app-express';
import { PrismaSessionStorage } from '@shopify/shopify-app-session-storage-prisma';

export const shopify = shopifyApp({ sessionStorage: new PrismaSessionStorage(prisma) });
`,
    ],
    invalid: [
      {
        code: `
import { shopifyApp } from '@shopify/shopify-app-express';
import { MemorySessionStorage } from '@shopify/shopify-app-session-storage-memory';

export const shopify = shopifyApp({ sessionStorage: new MemorySessionStorage() });
`,
        errors: [
          {
            messageId: 'memorySession',
            line: 5,
            column: 53,
            data: { found: '`new MemorySessionStorage()`', advice: 'Use `new PrismaSessionStorage(prisma)` from `@shopify/shopify-app-session-storage-prisma`, or its Redis storage.' },
          },
        ],
      },
      {
        code: `
import { shopifyApp } from '@shopify/shopify-app-express';
import { SQLiteSessionStorage } from '@shopify/shopify-app-session-storage-sqlite';

const shopify = shopifyApp({ sessionStorage: new SQLiteSessionStorage(\`\${process.cwd()}/database.sqlite\`) });
export default shopify;
`,
        errors: [{ messageId: 'diskSession', line: 5, column: 46, data: { found: '`new SQLiteSessionStorage()`', advice: 'Use `new PrismaSessionStorage(prisma)` from `@shopify/shopify-app-session-storage-prisma`, or its Redis storage.' } }],
      },
    ],
  });
});
