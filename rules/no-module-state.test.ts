import { describe } from 'vitest';
import { ALTERNATIVES, FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRuleTesters } from '../tests/rule-tester.js';
import { platformAdvice } from '../tests/platform-advice.js';
import rule from './no-module-state.js';

const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();

/** A webhook receiver that counts what it got: quiet under a test folder, reported under a feature's (`ab-test/`). */
const HOOK_RECEIVER = `
const express = require('express');

let received = 0;
const app = express();
app.post('/hook', (req, res) => {
  received++;
  res.sendStatus(200);
});
module.exports = { app, count: () => received };
`;

ruleTester.run('no-module-state', rule, {
  valid: [
    // A global regular expression whose search position is reset before each use.
    {
      code: `
import express from 'express';

const MENTION = /@\\[(\\w+)\\]/g;
const TAG = new RegExp('#(\\\\w+)', 'g');

const app = express();
app.post('/comments', (req, res) => {
  const text = String(req.body.text);
  MENTION.lastIndex = 0;
  TAG.lastIndex = 0;
  res.json({ mentions: [...text.matchAll(MENTION)].length, tags: [...text.matchAll(TAG)].length });
});
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
    // A write-behind buffer drained by a timer into the database: each event reaches the shared table within one flush.
    `
import express from 'express';
import { db } from './db';

let pageViews: { path: string; at: number }[] = [];

setInterval(async () => {
  if (pageViews.length === 0) return;
  const batch = pageViews;
  pageViews = [];
  await db.insertInto('page_views').values(batch).execute();
}, 10_000);

const app = express();
app.post('/track', (req, res) => {
  pageViews.push({ path: String(req.body.path), at: Date.now() });
  res.sendStatus(202);
});
`,
    // A cache that drops an expired entry where it looks it up: an expiry, not an invalidation.
    `
import express from 'express';
import { fetchQuote } from './quotes';

const quoteCache = new Map<string, { text: string; expires: number }>();
const app = express();

app.get('/quotes/:symbol', async (req, res) => {
  const hit = quoteCache.get(req.params.symbol);
  if (hit && hit.expires < Date.now()) {
    quoteCache.delete(req.params.symbol);
    res.sendStatus(404);
    return;
  }
  res.json(hit ?? null);
});

app.post('/quotes/:symbol/refresh', async (req, res) => {
  const text = await fetchQuote(req.params.symbol);
  quoteCache.set(req.params.symbol, { text, expires: Date.now() + 60_000 });
  res.sendStatus(204);
});
`,
    // Handles a host hands to a module's strategy objects once, through their init hooks: an exported
    // object's \`init(injector)\`, and that of an object handed to a constructor at the top of the module.
    {
      code: `
import type { Injector } from './injector';
import { Condition } from './condition';
import { CustomerService, HistoryService } from './services';

let history: HistoryService;
let customers: CustomerService;

export const fulfillmentProcess = {
  init(injector: Injector) {
    history = injector.get(HistoryService);
  },
  async onTransition(id: string) {
    await history.record(id);
  },
};

export const inGroup = new Condition({
  async init(injector: Injector) {
    customers = injector.get(CustomerService);
  },
  async check(customerId: string, groupId: string) {
    return (await customers.groupsOf(customerId)).includes(groupId);
  },
});
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
    // Open streams counted only for a debug line: no answer depends on what this replica counted.
    `
import express from 'express';
import { randomUUID } from 'node:crypto';

const streams = new Set<string>();
const app = express();
app.get('/events', (req, res) => {
  const id = randomUUID();
  streams.add(id);
  console.debug(\`stream \${id} opened (\${streams.size} open)\`);
  req.on('close', () => {
    streams.delete(id);
  });
  res.setHeader('content-type', 'text/event-stream');
});
`,
    // A lookup index whose entry for a key is computed from a table the first time it is asked for: a memo.
    `
import express from 'express';
import { MODELS } from './models';

const byLower: Record<string, Record<string, string>> = {};

function resolveModel(provider: string, model: string): string | undefined {
  if (!byLower[provider]) {
    const index: Record<string, string> = {};
    for (const key of Object.keys(MODELS[provider] ?? {})) index[key.toLowerCase()] = key;
    byLower[provider] = index;
  }
  return byLower[provider][model.toLowerCase()];
}

const app = express();
app.get('/models/:provider/:model', (req, res) => {
  res.json({ model: resolveModel(req.params.provider, req.params.model) });
});
`,
    // A memo filled through a \`let\` that looked the entry up: set only when it was missing, to a value computed from the key.
    `
import express from 'express';
import { lookupRegion } from './geo';

const regions = new Map<string, string>();

async function regionOf(country: string): Promise<string> {
  let region = regions.get(country);
  if (region === undefined) {
    region = await lookupRegion(country);
    regions.set(country, region);
  }
  return region;
}

const app = express();
app.get('/region/:country', async (req, res) => {
  res.json({ region: await regionOf(req.params.country) });
});
`,
    // Work handed to a worker thread: each entry holds how to settle a promise its request awaits, under an id drawn for it.
    {
      code: `
import express from 'express';
import { Worker } from 'node:worker_threads';

const resizer = new Worker(new URL('./resize.js', import.meta.url));
const waiting = new Map<number, (image: Buffer) => void>();
let nextId = 0;
resizer.on('message', ({ id, image }: { id: number; image: Buffer }) => {
  waiting.get(id)?.(image);
  waiting.delete(id);
});

const app = express();
app.post('/resize', async (req, res) => {
  const image = await new Promise<Buffer>((resolve) => {
    const id = ++nextId;
    waiting.set(id, resolve);
    resizer.postMessage({ id, body: req.body });
  });
  res.type('png').send(image);
});
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
    // A once-guard emptied only by a function kept for the tests: the service loads its plugins once.
    {
      code: `
import express from 'express';
import { loadPlugins } from './plugins';

let loaded = false;
const plugins: string[] = [];

async function ensureLoaded(): Promise<void> {
  if (loaded) return;
  loaded = true;
  plugins.push(...(await loadPlugins()));
}

export function __resetPluginsForTests(): void {
  loaded = false;
  plugins.length = 0;
}

const app = express();
app.get('/plugins', async (req, res) => {
  await ensureLoaded();
  res.json(plugins);
});
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
    // A callback over items named \`request\` that reads nothing a client sent: no handler.
    `
let lastId = '';

export function track(requests: { id: string }[]): void {
  requests.forEach((request) => {
    lastId = request.id;
  });
}
`,
    // Entries stamped with when they were fetched, refreshed when the stamp is a minute old: a cache.
    `
import express from 'express';
import { fetchLicense, type License } from './licenses';

const licenses: Record<string, License> = {};
const fetchedAt: Record<string, Date> = {};

function remember(license: License): void {
  licenses[license.id] = license;
  fetchedAt[license.id] = new Date();
}

async function licenseFor(key: string): Promise<License | undefined> {
  if (!licenses[key] || fetchedAt[key] <= new Date(Date.now() - 60_000)) remember(await fetchLicense(key));
  return licenses[key];
}

const app = express();
app.get('/licenses/:key', async (req, res) => {
  res.json(await licenseFor(req.params.key));
});
`,
    // A binding kept for the tests to await: named for them.
    `
import express from 'express';
import { syncAccounts } from './accounts';

export let lastSyncForTests: Promise<void> | undefined;

const app = express();
app.post('/accounts/sync', (req, res) => {
  lastSyncForTests = syncAccounts(String(req.body.tenant));
  res.sendStatus(202);
});
`,
    // A flag of one call, set by a spawned worker's messages (IPC, not a socket's): it lives with that worker.
    `
import { spawnWorker } from './workers';

export async function embedFiles(slug: string, files: string[]): Promise<void> {
  const worker = await spawnWorker('embed.js');
  let completed = false;
  worker.on('message', (message: { type: string }) => {
    if (message.type === 'done') completed = true;
  });
  worker.on('exit', (code: number) => {
    if (!completed) console.error(\`worker for \${slug} exited with \${String(code)}\`);
  });
  worker.send({ files });
}
`,
    // A memo of formatters made from the key alone: each replica makes the same ones, nothing a request left.
    `
import express from 'express';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = \`\${locale}|\${timeZone}\`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
    formatters.set(key, formatter);
  }
  return formatter;
}

const app = express();
app.get('/today', (req, res) => {
  res.send(formatterFor(String(req.query.locale ?? 'en'), 'UTC').format(new Date()));
});
`,
    // A module loaded by the name a request asks for: the project's code, the same on every replica.
    `
import express from 'express';

const loaded: Record<string, unknown> = {};

async function loadPlugin(name: string) {
  if (!loaded[name]) loaded[name] = (await import(\`./plugins/\${name}.js\`)).default;
  return loaded[name];
}

const app = express();
app.get('/plugins/:name', async (req, res) => {
  res.json(await loadPlugin(req.params.name));
});
`,
    // An object parameter without the request in it is no handler's.
    `
const plugins: string[] = [];

export function register({ name, options }: { name: string; options: unknown }) {
  plugins.push(name + JSON.stringify(options));
}
`,
    // \`add\` and \`method\` of anything else than an XRPC server are not handlers.
    `
import { registry } from './registry';

let added = 0;
registry.add('com.example.plugin', { handler: () => { added++; } });
registry.method('com.example.other', () => { added++; });
`,
    // An object whose methods write it through \`this\`, called only while the module loads.
    `
import express from 'express';

const settings = {
  set(key: string, value: string) {
    (this as Record<string, unknown>)[key] = value;
  },
};
settings.set('theme', 'dark');

const app = express();
app.get('/theme', (req, res) => {
  res.json(settings);
});
`,
    // \`this\` in the methods of a nested object is not the outer object (a component's \`methods\`).
    `
import express from 'express';

const component = {
  methods: {
    bump(this: { count: number }) {
      this.count++;
    },
  },
};

const app = express();
app.post('/bump', (req, res) => {
  component.methods.bump.call({ count: 0 });
  res.end();
});
`,
    // Lazy initialisation: each replica opens its own equivalent resource.
    `
import express from 'express';
import { Pool } from 'pg';

let pool: Pool | undefined;

function db(): Pool {
  if (!pool) pool = new Pool({ connectionString: process.env.DATABASE_URL });
  return pool;
}

const app = express();
app.get('/orders/:id', async (req, res) => {
  const { rows } = await db().query('select * from orders where id = $1', [req.params.id]);
  res.json(rows[0]);
});
`,
    `
import { Hono } from 'hono';
import { createClient, type RedisClientType } from 'redis';

let client: RedisClientType | undefined;
const app = new Hono();

app.use('*', async (c, next) => {
  client ??= createClient({ url: process.env.REDIS_URL });
  await next();
});
`,
    `
import Redis from 'ioredis';
import fastify from 'fastify';

let redis: Redis | null = null;
const server = fastify();

server.get('/feature-flags', async () => {
  redis ||= new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
  return redis.hgetall('flags');
});
`,
    {
      code: `
import { loadSchema } from './schema';

let schema: Awaited<ReturnType<typeof loadSchema>> | undefined;

async function getSchema() {
  if (schema) return schema;
  schema = await loadSchema();
  return schema;
}

export async function POST(request: Request) {
  const body = await request.json();
  return Response.json((await getSchema()).validate(body));
}
`,
      filename: 'app/api/validate/route.ts',
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';

declare global {
  var prisma: PrismaClient | undefined;
}

export async function GET() {
  globalThis.prisma ??= new PrismaClient();
  return Response.json(await globalThis.prisma.product.findMany());
}
`,
      filename: 'app/api/products/route.ts',
    },
    `
import Stripe from 'stripe';

let stripe: Stripe | undefined;

export const handler = async (event: { body: string }) => {
  stripe = stripe ?? new Stripe(process.env.STRIPE_KEY ?? '');
  const intent = await stripe.paymentIntents.create(JSON.parse(event.body));
  return { statusCode: 201, body: JSON.stringify(intent) };
};
`,
    // Constants are read, never written after startup.
    `
import express from 'express';

const PLANS = new Map([
  ['free', { seats: 1 }],
  ['team', { seats: 10 }],
]);
const LIMITS = { uploadBytes: 10_000_000 };

const app = express();
app.get('/plans/:id', (req, res) => {
  const plan = PLANS.get(req.params.id);
  if (!plan) return res.status(404).end();
  res.json({ ...plan, uploadBytes: LIMITS.uploadBytes });
});
`,
    // Configuration and registration while the module loads.
    `
import express from 'express';
import cors from 'cors';

const app = express();
const middlewares: express.RequestHandler[] = [];
let port = 3000;

middlewares.push(cors());
if (process.env.PORT) port = Number(process.env.PORT);
app.set('trust proxy', 1);
app.use(...middlewares);
app.listen(port);
`,
    `
import { Hono } from 'hono';
import { countries } from './countries';

const countryByCode = new Map<string, { name: string; currency: string }>();
for (const country of countries) {
  countryByCode.set(country.code, { name: country.name, currency: country.currency });
}

const app = new Hono();
app.get('/countries/:code', (c) => c.json(countryByCode.get(c.req.param('code')) ?? null));
`,
    `
import fastify from 'fastify';
import { buildTemplates } from './templates';

let templates: Record<string, string> = {};
(async () => {
  templates = await buildTemplates();
})();

const server = fastify();
server.get('/templates/:name', async (request) => templates[(request.params as { name: string }).name]);
`,
    `
import express, { type RequestHandler } from 'express';

const app = express();
const routeTable: string[] = [];

function registerRoute(path: string, handler: RequestHandler) {
  routeTable.push(path);
  app.get(path, handler);
}

registerRoute('/health', (req, res) => res.send('ok'));
registerRoute('/routes', (req, res) => res.json(routeTable));
`,
    `
import http from 'node:http';

let startedAt = 0;

const server = http.createServer((req, res) => {
  res.end(JSON.stringify({ uptime: Date.now() - startedAt }));
});

server.listen(8080, () => {
  startedAt = Date.now();
});
`,
    `
import Fastify from 'fastify';

const app = Fastify();
let routesSeen = 0;
let listening = false;

app.addHook('onRoute', () => {
  routesSeen++;
});
app.addHook('onListen', async () => {
  listening = true;
});
app.get('/ready', async () => ({ listening, routesSeen }));
`,
    // Fastify plugin bodies run once while the server boots.
    `
import Fastify, { type FastifyInstance } from 'fastify';

const app = Fastify();
const loadedPlugins: string[] = [];

async function billingRoutes(instance: FastifyInstance) {
  loadedPlugins.push('billing');
  instance.get('/billing/plugins', async () => loadedPlugins);
}

app.register(billingRoutes, { prefix: '/v1' });
app.register(async (instance) => {
  loadedPlugins.push('health');
  instance.get('/health', async () => ({ ok: true }));
});
`,
    `
import { Controller, Get, Injectable, type OnModuleInit } from '@nestjs/common';
import { loadCatalog, type Product } from './catalog';

const productsBySku = new Map<string, Product>();
let catalogVersion = '';

@Injectable()
export class CatalogService implements OnModuleInit {
  async onModuleInit() {
    const catalog = await loadCatalog();
    catalogVersion = catalog.version;
    for (const product of catalog.products) productsBySku.set(product.sku, product);
  }
}

@Controller('catalog')
export class CatalogController {
  @Get('version')
  version() {
    return { catalogVersion, size: productsBySku.size };
  }
}
`,
    // Method calls on a client are not writes to a collection.
    `
import express from 'express';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? '');
const client = redis.duplicate();
const app = express();

app.post('/sessions/:id', async (req, res) => {
  await redis.set(\`session:\${req.params.id}\`, JSON.stringify(req.body), 'EX', 3600);
  await client.del(\`session-lock:\${req.params.id}\`);
  res.status(204).end();
});
`,
    `
import express, { type Request } from 'express';

const requestStarts = new WeakMap<Request, number>();
const app = express();

app.use((req, res, next) => {
  requestStarts.set(req, Date.now());
  res.on('finish', () => {
    requestStarts.delete(req);
  });
  next();
});
`,
    `
import { Hono } from 'hono';

let total = 0;
const app = new Hono();

app.post('/cart/total', async (c) => {
  const lines = await c.req.json<{ price: number; quantity: number }[]>();
  let total = 0;
  const seen = new Set<string>();
  for (const line of lines) {
    total += line.price * line.quantity;
    seen.add(String(line.price));
  }
  return c.json({ total, distinctPrices: seen.size });
});
`,
    // Per-request containers provided by the framework.
    `
import express from 'express';
import Koa from 'koa';
import { Hono } from 'hono';

const app = express();
app.use((req, res, next) => {
  res.locals.requestId = req.get('x-request-id');
  next();
});

const koa = new Koa();
koa.use(async (ctx, next) => {
  ctx.state.user = await ctx.cookies.get('user');
  await next();
});

const hono = new Hono();
hono.use('*', async (c, next) => {
  c.set('tenant', c.req.header('x-tenant') ?? 'public');
  await next();
});
`,
    // Test-runner callbacks are not part of the running service.
    `
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app';

let app: ReturnType<typeof createApp>;
let calls = 0;

beforeEach(() => {
  app = createApp();
  calls = 0;
});

describe('app', () => {
  it('counts', async () => {
    calls++;
    expect(await app.request('/health')).toBeTruthy();
  });
});
`,
    `
import express from 'express';
import { renderTemplate } from './views';

// stateless-ok: compiled templates are derived from files shipped in the image
const compiled = new Map<string, string>();
const app = express();

app.get('/pages/:name', (req, res) => {
  let html = compiled.get(req.params.name);
  if (html === undefined) {
    html = renderTemplate(req.params.name);
    compiled.set(req.params.name, html);
  }
  res.send(html);
});
`,
    `
import express from 'express';

let warmRequests = 0;
const app = express();

app.get('/warm', (req, res) => {
  warmRequests++; // stateless-ok: warm-up probe count, meaningful per instance only
  res.json({ warmRequests });
});
`,
    // Request data stored in shared scope belongs to no-request-leak.
    `
import express from 'express';

let lastUser: unknown;
const app = express();

app.get('/me', (req, res) => {
  lastUser = req.user;
  res.json(lastUser);
});
`,
    // Exported helpers run when their callers call them: unknown lifetime, not reported by default.
    `
let lastSync = 0;
const failures: string[] = [];

export function markSynced(at: number) {
  lastSync = at;
}

export function recordFailure(reason: string) {
  failures.push(reason);
}
`,
    `
let ticks = 0;

setInterval(() => {
  ticks++;
}, 60_000);

export function uptimeTicks() {
  return ticks;
}
`,
    `
import { Controller, Get, Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';

let lastRefresh = 0;

@Injectable()
export class RatesJob {
  @Cron('0 * * * *')
  refresh() {
    lastRefresh = Date.now();
  }
}

@Controller('rates')
export class RatesController {
  @Get('freshness')
  freshness() {
    return { lastRefresh };
  }
}
`,
    // Caches are reported only with `reportCaches`.
    `
import express from 'express';
import { findUser } from './users';

const userCache = new Map<string, unknown>();
const app = express();

app.get('/users/:id', async (req, res) => {
  const user = await findUser(req.params.id);
  userCache.set(req.params.id, user);
  res.json(user);
});
`,
    {
      code: `
import { fetchRates } from './rates';

let rates: Record<string, number> | undefined;
let ratesExpireAt = 0;

export async function GET() {
  if (!rates || Date.now() > ratesExpireAt) {
    rates = await fetchRates();
    ratesExpireAt = Date.now() + 60_000;
  }
  return Response.json(rates);
}
`,
      filename: 'app/api/rates/route.ts',
    },
    {
      code: `
import express from 'express';

const metrics = { served: 0 };
let debugHits = 0;
const app = express();

app.get('/debug', (req, res) => {
  metrics.served++;
  debugHits++;
  res.json({ metrics, debugHits });
});
`,
      options: [{ allow: ['metrics', '/^debug/'] }],
    },
    {
      code: `
import { Hono } from 'hono';

let hits = 0;
let maintenance = false;
const app = new Hono();

app.get('/', (c) => {
  hits++;
  return c.text(String(hits));
});
app.post('/maintenance', (c) => {
  maintenance = true;
  return c.json({ maintenance });
});
`,
      options: [{ ignoreKinds: ['counter', 'flag'] }],
    },
    `
let hooksInstalled = false;

export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('close', () => undefined);
  hooksInstalled = true;
});

export const installed = () => hooksInstalled;
`,
    `
import { Elysia } from 'elysia';

let startedAt = 0;

new Elysia()
  .onStart(() => {
    startedAt = Date.now();
  })
  .get('/uptime', () => Date.now() - startedAt)
  .listen(3000);
`,
    {
      code: `
export async function GET() {
  const now = new Date();
  return Response.json({ ok: true, now: now.toISOString() });
}
`,
      filename: 'app/api/health/route.ts',
    },
    {
      code: `
import { authenticate } from './auth';

let requests = 0;

export async function POST(request: Request) {
  const user = await authenticate(request);
  return Response.json({ user });
}

export function resetForTests() {
  requests = 0;
}
`,
      filename: 'app/api/login/route.ts',
    },
    `
import express from 'express';
import { connect, type Connection } from './amqp';

let connection: Connection | undefined;
let channel: Awaited<ReturnType<Connection['createChannel']>> | undefined;
const app = express();

app.post('/jobs', async (req, res) => {
  if (typeof connection === 'undefined') {
    connection = await connect(process.env.AMQP_URL ?? 'amqp://localhost');
  }
  const ch = channel ?? (channel = await connection.createChannel());
  ch.sendToQueue('jobs', Buffer.from(JSON.stringify(req.body)));
  res.status(202).end();
});
`,
    {
      code: `
import express from 'express';

let hits = 0;
const app = express();

app.get('/', (req, res) => {
  hits++;
  res.send(String(hits));
});
`,
      options: [{ lifetimes: ['unknown'] }],
    },
  ],
  invalid: [
    // The same list emptied by a route that returns it: what one replica collected, a poll on another misses.
    {
      code: `
import express from 'express';

let pageViews: { path: string; at: number }[] = [];

const app = express();
app.post('/track', (req, res) => {
  pageViews.push({ path: String(req.body.path), at: Date.now() });
  res.sendStatus(202);
});

app.get('/track/drain', (req, res) => {
  const batch = [...pageViews];
  pageViews = [];
  res.json(batch);
});
`,
      errors: [
        { messageId: 'collection', line: 8, column: 3, data: { advice: ALTERNATIVES.collection, name: 'pageViews' } },
        { messageId: 'collection', line: 14, column: 3, data: { advice: ALTERNATIVES.collection, name: 'pageViews' } },
      ],
    },
    // A module cache filled read-through and cleared by a settings route: that clears one replica's.
    {
      code: `
import express from 'express';
import { loadSettings, saveSettings, type Settings } from './settings';

const settingsCache = new Map<string, Settings>();
const app = express();

app.get('/settings/:team', async (req, res) => {
  let settings = settingsCache.get(req.params.team);
  if (!settings) {
    settings = await loadSettings(req.params.team);
    settingsCache.set(req.params.team, settings);
  }
  res.json(settings);
});

app.put('/settings/:team', async (req, res) => {
  await saveSettings(req.params.team, req.body);
  if (settingsCache.has(req.params.team)) settingsCache.delete(req.params.team);
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'cacheInvalidated', line: 19, column: 43, data: { advice: ALTERNATIVES.cache, name: 'settingsCache', when: 'at request time' } }],
    },
    // The same objects' other methods still run whenever their host calls them; a teardown of an
    // object made per call is no init hook.
    {
      code: `
import type { Injector } from './injector';
import { HistoryService } from './services';

let history: HistoryService;
let transitions = 0;
const open = new Map<string, () => void>();

export const fulfillmentProcess = {
  init(injector: Injector) {
    history = injector.get(HistoryService);
  },
  async onTransition(id: string) {
    transitions++;
    await history.record(id);
  },
};

export function track(id: string) {
  const handle = {
    close() {
      open.delete(id);
    },
  };
  open.set(id, () => handle.close());
  return handle;
}
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [
        { messageId: 'counter', line: 14, column: 5, data: { advice: ALTERNATIVES.counter, name: 'transitions' } },
        { messageId: 'collection', line: 22, column: 7, data: { advice: ALTERNATIVES.collection, name: 'open' } },
        { messageId: 'collection', line: 25, column: 3, data: { advice: ALTERNATIVES.collection, name: 'open' } },
      ],
    },
    // The same count, answered to a request: then a request reads what only this replica counted.
    {
      code: `
import express from 'express';
import { randomUUID } from 'node:crypto';

const streams = new Set<string>();
const app = express();
app.get('/events', (req, res) => {
  const id = randomUUID();
  streams.add(id);
  req.on('close', () => {
    streams.delete(id);
  });
  res.setHeader('content-type', 'text/event-stream');
});
app.get('/events/count', (req, res) => {
  res.json({ open: streams.size });
});
`,
      errors: [
        { messageId: 'collection', line: 9, column: 3, data: { name: 'streams', advice: ALTERNATIVES.collection } },
        { messageId: 'collection', line: 11, column: 5, data: { name: 'streams', advice: ALTERNATIVES.collection } },
      ],
    },
    // Rooms made per id, whose emptiness the code listens for: live objects, routed rather than stored.
    {
      code: `
import { WebSocketServer } from 'ws';
import { Room } from './room';

const rooms = new Map<string, Room>();
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (socket, request) => {
  const id = new URL(request.url ?? '/', 'http://localhost').searchParams.get('room') ?? 'lobby';
  let room = rooms.get(id);
  if (!room) {
    const created = new Room(id);
    created.once('empty', () => rooms.delete(id));
    rooms.set(id, created);
    room = created;
  }
  room.join(socket);
});
`,
      errors: [
        { messageId: 'keyedMap', line: 12, column: 33, data: { advice: FINDING_ADVICE.liveObjects, name: 'rooms' } },
        { messageId: 'keyedMap', line: 13, column: 5, data: { advice: FINDING_ADVICE.liveObjects, name: 'rooms' } },
      ],
    },
    // A count per address stamped with when it was last seen: the count is built on what the place held, no cache.
    {
      code: `
import express from 'express';

const hits: Record<string, number> = {};
const seenAt: Record<string, number> = {};

const app = express();
app.use((req, res, next) => {
  const ip = req.ip ?? '';
  if (seenAt[ip] !== undefined && seenAt[ip] < Date.now() - 60_000) hits[ip] = 0;
  hits[ip] = (hits[ip] ?? 0) + 1;
  seenAt[ip] = Date.now();
  next();
});
`,
      errors: [
        { messageId: 'keyedMap', line: 10, column: 69, data: { advice: ALTERNATIVES['keyed-map'], name: 'hits' } },
        { messageId: 'keyedMap', line: 12, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'seenAt' } },
      ],
    },
    // A handler made by the project's own wrapper: one \`req\` parameter, read for what the client sent.
    {
      code: `
import { createApiHandler } from './api';

const drafts = new Map<string, string>();

export const saveDraft = createApiHandler({ method: 'post', path: '/drafts/:id' })(async (req) => {
  drafts.set(req.params.id, String(req.body.text));
  return { saved: drafts.size };
});
`,
      errors: [{ messageId: 'keyedMap', line: 7, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'drafts' } }],
    },
    // Entries that wait for a later request (a callback), not for a promise of this one: state another replica would miss.
    {
      code: `
import express from 'express';

const awaitingCallback = new Map<string, { user: string }>();

const app = express();
app.post('/exports', (req, res) => {
  const id = crypto.randomUUID();
  awaitingCallback.set(id, { user: String(req.body.user) });
  res.json({ id });
});
app.post('/exports/:id/done', (req, res) => {
  res.json(awaitingCallback.get(req.params.id));
});
`,
      errors: [{ messageId: 'collection', line: 9, column: 3, data: { advice: ALTERNATIVES.collection, name: 'awaitingCallback' } }],
    },
    // Set when missing, but to what the request handed over: per-key state, not a memo of the key.
    {
      code: `
import express from 'express';

const names = new Map<string, string>();

const app = express();
app.get('/names/:id', (req, res) => {
  let name = names.get(req.params.id);
  if (name === undefined) {
    name = String(req.query.name);
    names.set(req.params.id, name);
  }
  res.json({ name });
});
`,
      errors: [{ messageId: 'keyedMap', line: 11, column: 5, data: { advice: ALTERNATIVES['keyed-map'], name: 'names' } }],
    },
    // Filled once for each user, but with what the request sent: per-key state, not an index the code computed.
    {
      code: `
import express from 'express';

const preferences: Record<string, Record<string, string>> = {};

const app = express();
app.post('/preferences/:user', (req, res) => {
  if (!preferences[req.params.user]) {
    const chosen: Record<string, string> = {};
    chosen.theme = String(req.body.theme);
    preferences[req.params.user] = chosen;
  }
  res.json(preferences[req.params.user]);
});
`,
      errors: [{ messageId: 'keyedMap', line: 11, column: 5, data: { advice: ALTERNATIVES['keyed-map'], name: 'preferences' } }],
    },
    // State kept on the global object so that a module loaded again (a dev server's reload) finds it,
    // and used through a constant that names its member.
    {
      code: `
import express from 'express';

declare global {
  var attemptStore: { attempts: Map<string, number> } | undefined;
}
const store = globalThis.attemptStore ?? (globalThis.attemptStore = { attempts: new Map() });
const attempts = store.attempts;
const g = globalThis as unknown as { pending?: string[] };
const pending = g.pending ?? (g.pending = []);
const state = { queue: [] as string[] };
const queue = state.queue;

const app = express();
app.post('/login', (req, res) => {
  attempts.set(req.ip ?? '', (attempts.get(req.ip ?? '') ?? 0) + 1);
  pending.push(String(req.body.user));
  queue.push(String(req.body.user));
  res.end();
});
`,
      errors: [
        { messageId: 'keyedMap', line: 16, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'attempts' } },
        { messageId: 'collection', line: 17, column: 3, data: { advice: ALTERNATIVES.collection, name: 'pending' } },
        { messageId: 'collection', line: 18, column: 3, data: { advice: ALTERNATIVES.collection, name: 'queue' } },
      ],
    },
    // An object whose own methods write it through \`this\`, called from a handler.
    {
      code: `
import express from 'express';

const pads = {
  put(id: string, text: string) {
    (this as Record<string, unknown>)[id] = text;
  },
  drop: function (id: string) {
    delete (this as Record<string, unknown>)[id];
  },
};

const app = express();
app.put('/pads/:id', (req, res) => {
  pads.put(req.params.id, String(req.body.text));
  res.end();
});
app.delete('/pads/:id', (req, res) => {
  pads.drop(req.params.id);
  res.end();
});
`,
      errors: [
        { messageId: 'object', line: 6, column: 5, data: { advice: ALTERNATIVES.object, name: 'pads', when: 'at request time' } },
        { messageId: 'object', line: 9, column: 5, data: { advice: ALTERNATIVES.object, name: 'pads', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';

let requestCount = 0;
const app = express();

app.get('/health', (req, res) => {
  requestCount++;
  res.json({ status: 'ok', requestCount });
});
`,
      errors: [{ messageId: 'counter', line: 8, column: 3, data: { advice: ALTERNATIVES.counter, name: 'requestCount' } }],
    },
    {
      code: `
import { Router } from 'express';

interface Cart { items: { sku: string; quantity: number }[] }

const carts = new Map<string, Cart>();
export const cartRouter = Router();

cartRouter.post('/carts/:id/items', (req, res) => {
  carts.get(req.params.id)?.items.push(req.body);
  res.status(201).end();
});
`,
      errors: [{ messageId: 'keyedMap', line: 10, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'carts' } }],
    },
    // A registry that refuses a duplicate and stores what it made is per-key state, not a read-through cache.
    {
      code: `
import express from 'express';
import { Room } from './room.js';

const rooms = new Map<string, Room>();
const app = express();

app.post('/rooms/:id', (req, res) => {
  if (rooms.has(req.params.id)) return res.sendStatus(409);
  const room = new Room(req.params.id);
  rooms.set(req.params.id, room);
  res.sendStatus(201);
});
`,
      errors: [{ messageId: 'keyedMap', line: 11, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'rooms' } }],
    },
    {
      // A guard against handling one delivery twice: the time each event id was first seen, swept
      // after five minutes. It looks the key up before storing, as a read-through cache does, but
      // stores a clock reading, not what a source returned: a retry that reaches another replica
      // is handled again.
      code: `
import express from 'express';

const seenEvents = new Map<string, number>();
const app = express();

function alreadySeen(id: string): boolean {
  const now = Date.now();
  for (const [key, at] of seenEvents) if (now - at > 300_000) seenEvents.delete(key);
  if (seenEvents.has(id)) return true;
  seenEvents.set(id, now);
  return false;
}

app.post('/webhooks', (req, res) => {
  if (alreadySeen(req.body.eventId)) return res.sendStatus(200);
  res.sendStatus(202);
});
`,
      errors: [{ messageId: 'keyedMap', line: 9, column: 63, data: { advice: ALTERNATIVES['keyed-map'], name: 'seenEvents' } }],
    },
    {
      code: `
import express from 'express';

const orders: { id: string; total: number }[] = [];
const router = express.Router();

router
  .route('/orders')
  .get((req, res) => res.json(orders))
  .post((req, res) => {
    orders.push({ id: crypto.randomUUID(), total: Number(req.body.total) });
    res.status(201).end();
  });
`,
      errors: [{ messageId: 'collection', line: 11, column: 5, data: { advice: ALTERNATIVES.collection, name: 'orders' } }],
    },
    {
      code: `
import express, { type NextFunction, type Request, type Response } from 'express';

let errorCount = 0;
const app = express();

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  errorCount += 1;
  res.status(500).json({ error: err.message });
});
`,
      errors: [{ messageId: 'counter', line: 8, column: 3, data: { advice: ALTERNATIVES.counter, name: 'errorCount' } }],
    },
    {
      code: `
import Fastify from 'fastify';

let lastRequestAt = 0;
const app = Fastify();

app.route({
  method: 'GET',
  url: '/activity',
  handler: async () => {
    lastRequestAt = Date.now();
    return { lastRequestAt };
  },
});
`,
      errors: [{ messageId: 'value', line: 11, column: 5, data: { advice: ALTERNATIVES.value, name: 'lastRequestAt', when: 'at request time' } }],
    },
    {
      code: `
import Fastify from 'fastify';

let inFlight = 0;
const app = Fastify();

app.addHook('onRequest', async () => {
  inFlight++;
});
app.addHook('onResponse', async () => {
  inFlight--;
});
app.get('/load', async () => ({ inFlight }));
`,
      errors: [
        { messageId: 'counter', line: 8, column: 3, data: { advice: ALTERNATIVES.counter, name: 'inFlight' } },
        { messageId: 'counter', line: 11, column: 3, data: { advice: ALTERNATIVES.counter, name: 'inFlight' } },
      ],
    },
    {
      code: `
import Fastify from 'fastify';

const pendingReservations: { sku: string; quantity: number }[] = [];
const app = Fastify();

app.post('/reservations', {
  preHandler: async (request) => {
    if (!request.headers.authorization) throw new Error('unauthorized');
  },
  handler: async (request, reply) => {
    const { sku, quantity } = request.body as { sku: string; quantity: number };
    pendingReservations.splice(0, 0, { sku, quantity });
    return reply.code(202).send();
  },
});
`,
      errors: [{ messageId: 'collection', line: 13, column: 5, data: { advice: ALTERNATIVES.collection, name: 'pendingReservations' } }],
    },
    {
      code: `
import Koa from 'koa';
import Router from '@koa/router';

let hits = 0;
const recentSearches: string[] = [];
const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  hits += 1;
  await next();
});

router.get('/search', async (ctx) => {
  recentSearches.unshift(String(ctx.query.q));
  ctx.body = { hits, recentSearches };
});
`,
      errors: [
        { messageId: 'counter', line: 11, column: 3, data: { advice: ALTERNATIVES.counter, name: 'hits' } },
        { messageId: 'collection', line: 16, column: 3, data: { advice: ALTERNATIVES.collection, name: 'recentSearches' } },
      ],
    },
    {
      // XRPC methods registered by lexicon with an option object, and by NSID with a bare handler.
      code: `
import type { Server } from '@atproto/xrpc-server';
import { com } from './lexicons';

const attemptsByIdentifier = new Map<string, number>();
let refreshes = 0;

export default function (server: Server) {
  server.add(com.atproto.server.createSession, {
    handler: async ({ input }) => {
      attemptsByIdentifier.set(input.body.identifier, (attemptsByIdentifier.get(input.body.identifier) ?? 0) + 1);
      return { encoding: 'application/json', body: {} };
    },
  });
  server.method('com.atproto.server.refreshSession', async () => {
    refreshes++;
    return { encoding: 'application/json', body: {} };
  });
}
`,
      errors: [
        { messageId: 'keyedMap', line: 11, column: 7, data: { advice: ALTERNATIVES['keyed-map'], name: 'attemptsByIdentifier' } },
        { messageId: 'counter', line: 16, column: 5, data: { advice: ALTERNATIVES.counter, name: 'refreshes' } },
      ],
    },
    {
      // A method of a generated XRPC server (\`server.app.bsky.feed.getFeedSkeleton(…)\`): its handler takes one object with the request in it.
      code: `
import type { Server } from '../lexicon';

const servedFeeds: string[] = [];

export default function (server: Server) {
  server.app.bsky.feed.getFeedSkeleton(async ({ params, req }) => {
    servedFeeds.push(String(params.feed) + String(req.headers['user-agent']));
    return { encoding: 'application/json', body: { feed: [] } };
  });
}
`,
      errors: [{ messageId: 'collection', line: 8, column: 5, data: { advice: ALTERNATIVES.collection, name: 'servedFeeds' } }],
    },
    {
      // koa-router routes named RPC-style, with middleware before the handler, and several methods registered at once.
      code: `
import Router from 'koa-router';
import { auth } from './middlewares/auth';

const router = new Router();
const receivedPeriods = new Set<string>();
const seen: string[] = [];

async function cronHandler(context): Promise<void> {
  receivedPeriods.add(String(context.params.period));
  context.body = { success: true };
}
router.register('cron.:period', ['get', 'post'], [auth(), cronHandler]);
router.post('cron.list', auth(), async function list(context) {
  seen.push(String(context.query.from));
  context.body = seen;
});
export default router;
`,
      errors: [
        { messageId: 'collection', line: 10, column: 3, data: { advice: ALTERNATIVES.collection, name: 'receivedPeriods' } },
        { messageId: 'collection', line: 15, column: 3, data: { advice: ALTERNATIVES.collection, name: 'seen' } },
      ],
    },
    {
      code: `
import { Hono } from 'hono';

const links: Record<string, { url: string; createdAt: string }> = {};
const app = new Hono();

app.post('/links', async (c) => {
  const { code, url } = await c.req.json<{ code: string; url: string }>();
  links[code] = { url, createdAt: new Date().toISOString() };
  return c.json({ code }, 201);
});

app.delete('/links/:code', (c) => {
  delete links[c.req.param('code')];
  return c.body(null, 204);
});
`,
      errors: [
        { messageId: 'keyedMap', line: 9, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'links' } },
        { messageId: 'keyedMap', line: 14, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'links' } },
      ],
    },
    {
      code: `
import { Elysia } from 'elysia';

let visits = 0;

new Elysia().get('/visits', () => ++visits).listen(3000);
`,
      errors: [{ messageId: 'counter', line: 6, column: 35, data: { advice: ALTERNATIVES.counter, name: 'visits' } }],
    },
    {
      code: `
import { Controller, Get, Post, Body } from '@nestjs/common';

let createdSinceBoot = 0;
const auditTrail: { action: string; at: Date }[] = [];

@Controller('orders')
export class OrdersController {
  @Post()
  create(@Body() body: { sku: string }) {
    createdSinceBoot++;
    return body;
  }

  @Get('audit')
  audit() {
    auditTrail.push({ action: 'read', at: new Date() });
    return { createdSinceBoot, auditTrail };
  }
}
`,
      errors: [
        { messageId: 'counter', line: 11, column: 5, data: { advice: ALTERNATIVES.counter, name: 'createdSinceBoot' } },
        { messageId: 'collection', line: 17, column: 5, data: { advice: ALTERNATIVES.collection, name: 'auditTrail' } },
      ],
    },
    {
      code: `
let served = 0;

export async function GET() {
  served++;
  return Response.json({ served });
}
`,
      filename: 'app/api/stats/route.ts',
      errors: [{ messageId: 'counter', line: 5, column: 3, data: { advice: ALTERNATIVES.counter, name: 'served' } }],
    },
    {
      code: `
import { NextResponse, type NextRequest } from 'next/server';

const receipts = new Map<string, { total: number }>();

export async function POST(request: NextRequest) {
  const order = (await request.json()) as { id: string; total: number };
  receipts.set(order.id, { total: order.total });
  return NextResponse.json(order, { status: 201 });
}
`,
      filename: 'app/api/orders/route.ts',
      errors: [{ messageId: 'keyedMap', line: 8, column: 3, data: { advice: platformAdvice('Vercel / Next.js', 'keyed-map'), name: 'receipts' } }],
    },
    {
      code: `
'use server';

let signups = 0;
const failedAttempts: { reason: string; at: number }[] = [];

export async function subscribe(formData: FormData) {
  const email = formData.get('email');
  if (typeof email !== 'string' || !email.includes('@')) {
    failedAttempts.push({ reason: 'invalid_email', at: Date.now() });
    return { ok: false };
  }
  signups += 1;
  return { ok: true };
}
`,
      filename: 'app/actions.ts',
      errors: [
        { messageId: 'collection', line: 10, column: 5, data: { advice: ALTERNATIVES.collection, name: 'failedAttempts' } },
        { messageId: 'counter', line: 13, column: 3, data: { advice: ALTERNATIVES.counter, name: 'signups' } },
      ],
    },
    {
      code: `
import { json, type RequestHandler } from '@sveltejs/kit';

let todosCreated = 0;

export const POST: RequestHandler = async ({ request }) => {
  const todo = await request.json();
  todosCreated += 1;
  return json(todo, { status: 201 });
};
`,
      filename: 'src/routes/api/todos/+server.ts',
      errors: [{ messageId: 'counter', line: 8, column: 3, data: { advice: ALTERNATIVES.counter, name: 'todosCreated' } }],
    },
    {
      code: `
import { fail } from '@sveltejs/kit';

let pageViews = 0;
const draftsByUser = new Map<string, string>();

export const load = async () => {
  pageViews++;
  return { pageViews };
};

export const actions = {
  save: async ({ request, locals }) => {
    const form = await request.formData();
    const title = form.get('title');
    if (typeof title !== 'string') return fail(400, { title });
    draftsByUser.set(locals.user.id, title);
    return { saved: true };
  },
};
`,
      filename: 'src/routes/todos/+page.server.ts',
      errors: [
        { messageId: 'counter', line: 8, column: 3, data: { advice: ALTERNATIVES.counter, name: 'pageViews' } },
        { messageId: 'keyedMap', line: 17, column: 5, data: { advice: ALTERNATIVES['keyed-map'], name: 'draftsByUser' } },
      ],
    },
    {
      code: `
import type { Handle } from '@sveltejs/kit';

const visitedPaths = new Set<string>();

export const handle: Handle = async ({ event, resolve }) => {
  const path = event.url.pathname;
  if (path) visitedPaths.add(path);
  return resolve(event);
};
`,
      filename: 'src/hooks.server.ts',
      errors: [{ messageId: 'keyedMap', line: 8, column: 13, data: { advice: ALTERNATIVES['keyed-map'], name: 'visitedPaths' } }],
    },
    {
      code: `
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { getInvoice } from '~/models/invoice.server';

const recentlyViewed: string[] = [];

export async function loader({ params }: LoaderFunctionArgs) {
  const invoice = await getInvoice(params.id ?? '');
  recentlyViewed.unshift(invoice.number);
  if (recentlyViewed.length > 10) recentlyViewed.pop();
  return json({ invoice, recentlyViewed });
}
`,
      filename: 'app/routes/invoices.$id.tsx',
      errors: [{ messageId: 'collection', line: 9, column: 3, data: { advice: ALTERNATIVES.collection, name: 'recentlyViewed' } }],
    },
    {
      code: `
let requestsServed = 0;

export default defineEventHandler((event) => {
  requestsServed++;
  setResponseHeader(event, 'x-served', String(requestsServed));
});
`,
      filename: 'server/middleware/served.ts',
      errors: [{ messageId: 'counter', line: 5, column: 3, data: { advice: ALTERNATIVES.counter, name: 'requestsServed' } }],
    },
    {
      code: `
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

let invocations = 0;
let coldStart = true;

export const handler = async (event: APIGatewayProxyEventV2) => {
  invocations++;
  const wasCold = coldStart;
  coldStart = false;
  return { statusCode: 200, body: JSON.stringify({ path: event.rawPath, invocations, wasCold }) };
};
`,
      errors: [
        { messageId: 'counter', line: 8, column: 3, data: { advice: platformAdvice('AWS Lambda', 'counter'), name: 'invocations' } },
        { messageId: 'flag', line: 10, column: 3, data: { advice: platformAdvice('AWS Lambda', 'flag'), name: 'coldStart' } },
      ],
    },
    {
      code: `
const recentSlugs: string[] = [];

export default {
  async fetch(request: Request, env: { LINKS: KVNamespace }) {
    const slug = new URL(request.url).pathname.slice(1);
    recentSlugs.push(slug);
    const target = await env.LINKS.get(slug);
    return target ? Response.redirect(target, 302) : new Response('not found', { status: 404 });
  },
};
`,
      errors: [{ messageId: 'collection', line: 7, column: 5, data: { advice: platformAdvice('Cloudflare Workers', 'collection'), name: 'recentSlugs' } }],
    },
    {
      code: `
let activeUploads = 0;
let draining = false;

Bun.serve({
  port: 3000,
  async fetch(req) {
    activeUploads++;
    try {
      return new Response(await req.arrayBuffer());
    } finally {
      activeUploads--;
    }
  },
});

Deno.serve((req) => {
  if (new URL(req.url).pathname === '/drain') draining = true;
  return new Response(draining ? 'draining' : 'ok');
});
`,
      errors: [
        { messageId: 'counter', line: 8, column: 5, data: { advice: platformAdvice('Deno', 'counter'), name: 'activeUploads' } },
        { messageId: 'flag', line: 18, column: 47, data: { advice: platformAdvice('Deno', 'flag'), name: 'draining' } },
      ],
    },
    {
      code: `
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';

const pendingOrders: unknown[] = [];

app.http('createOrder', {
  methods: ['POST'],
  authLevel: 'function',
  handler: async (request: HttpRequest, context: InvocationContext) => {
    const order = await request.json();
    pendingOrders.push(order);
    context.log('queued', pendingOrders.length);
    return { status: 202 };
  },
});
`,
      errors: [{ messageId: 'collection', line: 11, column: 5, data: { advice: ALTERNATIVES.collection, name: 'pendingOrders' } }],
    },
    {
      code: `
const recentReviews: { productId: string; stars: number }[] = [];
const likes = new Set<string>();

export const resolvers = {
  Query: {
    recentReviews: () => recentReviews,
  },
  Mutation: {
    addReview: (_parent: unknown, args: { productId: string; stars: number }) => {
      recentReviews.unshift({ productId: args.productId, stars: args.stars });
      return recentReviews[0];
    },
    like: (_parent: unknown, { id }: { id: string }, ctx: { user: { id: string } }) => {
      likes.add(\`\${ctx.user.id}:\${id}\`);
      return true;
    },
  },
};
`,
      errors: [
        { messageId: 'collection', line: 11, column: 7, data: { advice: ALTERNATIVES.collection, name: 'recentReviews' } },
        { messageId: 'keyedMap', line: 15, column: 7, data: { advice: ALTERNATIVES['keyed-map'], name: 'likes' } },
      ],
    },
    {
      code: `
import { initTRPC } from '@trpc/server';
import { z } from 'zod';

const t = initTRPC.create();
const votes = new Map<string, number>();

export const appRouter = t.router({
  vote: t.procedure.input(z.object({ pollId: z.string() })).mutation(({ input }) => {
    votes.set(input.pollId, (votes.get(input.pollId) ?? 0) + 1);
    return votes.get(input.pollId);
  }),
});
`,
      errors: [{ messageId: 'keyedMap', line: 10, column: 5, data: { advice: ALTERNATIVES['keyed-map'], name: 'votes' } }],
    },
    // Write kinds: `Object.assign`, a member write, `clear`.
    {
      code: `
import express from 'express';

const runtimeConfig = { logLevel: 'info', sampleRate: 1 };
const status = { lastDeployCheck: 0 };
const sessions = new Map<string, { userId: string }>();
const app = express();

app.post('/admin/config', (req, res) => {
  Object.assign(runtimeConfig, { sampleRate: 0.5 });
  status.lastDeployCheck = Date.now();
  sessions.clear();
  res.status(204).end();
});
`,
      errors: [
        { messageId: 'object', line: 10, column: 3, data: { advice: ALTERNATIVES.object, name: 'runtimeConfig', when: 'at request time' } },
        { messageId: 'object', line: 11, column: 3, data: { advice: ALTERNATIVES.object, name: 'status', when: 'at request time' } },
        { messageId: 'collection', line: 12, column: 3, data: { advice: ALTERNATIVES.collection, name: 'sessions' } },
      ],
    },
    // Writes through a local alias and through destructuring.
    {
      code: `
import express from 'express';

const recentOrders: string[] = [];
const state = { items: [] as string[], updatedAt: 0 };
const app = express();

app.post('/orders', (req, res) => {
  const list = recentOrders;
  list.push(String(req.body.id));
  const { items } = state;
  items.push('order');
  res.status(201).end();
});
`,
      errors: [
        { messageId: 'collection', line: 10, column: 3, data: { advice: ALTERNATIVES.collection, name: 'recentOrders' } },
        { messageId: 'object', line: 12, column: 3, data: { advice: ALTERNATIVES.object, name: 'state', when: 'at request time' } },
      ],
    },
    // A write in a same-file function that a handler calls is a request-time write.
    {
      code: `
import express from 'express';

const tagCounts = new Map<string, number>();
const app = express();

function countTags(tags: string[]) {
  for (const tag of tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
}

app.post('/posts', (req, res) => {
  countTags(req.body.tags);
  res.status(201).end();
});
`,
      errors: [{ messageId: 'keyedMap', line: 8, column: 27, data: { advice: ALTERNATIVES['keyed-map'], name: 'tagCounts' } }],
    },
    {
      code: `
interface Env {
  LINKS: KVNamespace;
}

let lookups = 0;

async function fetch(request: Request, env: Env) {
  lookups++;
  return new Response(await env.LINKS.get(new URL(request.url).pathname));
}

export default { fetch } satisfies ExportedHandler<Env>;
`,
      errors: [{ messageId: 'counter', line: 9, column: 3, data: { advice: platformAdvice('Cloudflare Workers', 'counter'), name: 'lookups' } }],
    },
    {
      code: `
import express from 'express';

const stats = { hits: 0 };
const hitsByPath: Record<string, number> = {};
const app = express();

app.use((req, res, next) => {
  stats.hits++;
  hitsByPath[req.path] = (hitsByPath[req.path] ?? 0) + 1;
  next();
});
`,
      errors: [
        { messageId: 'counter', line: 9, column: 3, data: { advice: ALTERNATIVES.counter, name: 'stats' } },
        { messageId: 'keyedMap', line: 10, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'hitsByPath' } },
      ],
    },
    {
      code: `
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';

const failedLogins = new Map<string, number>();

@Injectable()
export class LoginThrottleGuard implements CanActivate {
  canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest<{ ip: string }>();
    const attempts = (failedLogins.get(request.ip) ?? 0) + 1;
    failedLogins.set(request.ip, attempts);
    return attempts < 5;
  }
}
`,
      errors: [{ messageId: 'keyedMap', line: 11, column: 5, data: { advice: ALTERNATIVES['keyed-map'], name: 'failedLogins' } }],
    },
    // A timer started by a request runs because of that request.
    {
      code: `
import express from 'express';

let pendingEmails = 0;
const app = express();

app.post('/signup', (req, res) => {
  pendingEmails++;
  setTimeout(() => {
    pendingEmails--;
  }, 5_000);
  res.status(202).end();
});
`,
      errors: [
        { messageId: 'counter', line: 8, column: 3, data: { advice: ALTERNATIVES.counter, name: 'pendingEmails' } },
        { messageId: 'counter', line: 10, column: 5, data: { advice: ALTERNATIVES.counter, name: 'pendingEmails' } },
      ],
    },
    {
      code: `
import express from 'express';
import { findUser } from './users';

const userCache = new Map<string, unknown>();
const app = express();

app.get('/users/:id', async (req, res) => {
  const user = await findUser(req.params.id);
  userCache.set(req.params.id, user);
  res.json(user);
});
`,
      options: [{ reportCaches: true }],
      errors: [{ messageId: 'cache', line: 10, column: 3, data: { advice: ALTERNATIVES.cache, name: 'userCache' } }],
    },
    {
      code: `
import { fetchRates } from './rates';

let rates: Record<string, number> | undefined;
let ratesExpireAt = 0;

export async function GET() {
  if (!rates || Date.now() > ratesExpireAt) {
    rates = await fetchRates();
    ratesExpireAt = Date.now() + 60_000;
  }
  return Response.json(rates);
}
`,
      filename: 'app/api/rates/route.ts',
      options: [{ reportCaches: true }],
      errors: [{ messageId: 'cache', line: 10, column: 5, data: { advice: ALTERNATIVES.cache, name: 'ratesExpireAt' } }],
    },
    {
      code: `
let lastSync = 0;
const failures: string[] = [];

export function markSynced(at: number) {
  lastSync = at;
}

export function recordFailure(reason: string) {
  failures.push(reason);
}
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [
        { messageId: 'value', line: 6, column: 3, data: { advice: ALTERNATIVES.value, name: 'lastSync', when: 'after startup' } },
        { messageId: 'collection', line: 10, column: 3, data: { advice: ALTERNATIVES.collection, name: 'failures' } },
      ],
    },
    {
      code: `
let ticks = 0;

setInterval(() => {
  ticks++;
}, 60_000);
`,
      options: [{ lifetimes: ['unknown'] }],
      errors: [{ messageId: 'counter', line: 5, column: 3, data: { advice: ALTERNATIVES.counter, name: 'ticks' } }],
    },
    {
      code: `
import express from 'express';

const metrics = { served: 0 };
let failures = 0;
const app = express();

app.get('/debug', (req, res) => {
  metrics.served++;
  failures++;
  res.json({ metrics, failures });
});
`,
      options: [{ allow: ['metrics', '/^debug/'] }],
      errors: [{ messageId: 'counter', line: 10, column: 3, data: { advice: ALTERNATIVES.counter, name: 'failures' } }],
    },
    {
      code: `
import { Hono } from 'hono';

let hits = 0;
const recent: string[] = [];
const app = new Hono();

app.get('/:slug', (c) => {
  hits++;
  recent.push(c.req.param('slug'));
  return c.text(String(hits));
});
`,
      options: [{ ignoreKinds: ['counter'] }],
      errors: [{ messageId: 'collection', line: 10, column: 3, data: { advice: ALTERNATIVES.collection, name: 'recent' } }],
    },
    {
      code: `
import express from 'express';

// stateless-ok
let warmups = 0;
const app = express();

app.get('/warm', (req, res) => {
  warmups++;
  res.json({ warmups });
});
`,
      errors: [
        { messageId: 'okWithoutReason', line: 4, column: 1 },
        { messageId: 'counter', line: 9, column: 3, data: { advice: ALTERNATIVES.counter, name: 'warmups' } },
      ],
    },
    {
      code: `
let hits = 0;

export const handler = async () => {
  hits++;
  return { statusCode: 200 };
};
`,
      settings: { stateless: { bogus: 1 } },
      errors: [
        {
          messageId: 'invalidSettings',
          line: 1,
          column: 1,
          data: { error: 'settings.stateless has an unknown key "bogus" (known: handlerCalls, startupCalls, handlerExports, stores, allowPackages)' },
        },
      ],
    },
  ],
});

jsRuleTester.run('no-module-state (JavaScript)', rule, {
  valid: [
    // A test suite outside a test folder (Mocha's describe/it): the mock receiver counts for one case.
    {
      code: `
const express = require('express');
const assert = require('node:assert');
const { deliver } = require('../lib/webhooks');

describe('webhooks', () => {
  it('delivers each event once', async () => {
    let received = 0;
    const app = express();
    app.post('/hook', (req, res) => {
      received++;
      res.sendStatus(200);
    });
    const server = app.listen(0);
    await deliver(\`http://localhost:\${server.address().port}/hook\`, { type: 'ping' });
    assert.strictEqual(received, 1);
    server.close();
  });
});
`,
      filename: 'checks/hooks.js',
    },
    // A test folder named with a suffix (`test-int/`, `integration-tests/`).
    {
      code: HOOK_RECEIVER,
      filename: 'test-int/receiver.js',
    },
    `
import express from 'express';
import { Pool } from 'pg';

let pool;
const app = express();

app.get('/products', async (req, res) => {
  if (pool === undefined) pool = new Pool();
  const { rows } = await pool.query('select * from products');
  res.json(rows);
});

app.listen(3000, () => {
  app.locals.startedAt = Date.now();
});
`,
    `
import { Server } from 'socket.io';

const io = new Server(3000);
const rooms = new Map();

rooms.set('lobby', { topic: 'General' });

io.on('connection', (socket) => {
  socket.data.joinedAt = Date.now();
  socket.emit('rooms', [...rooms.keys()]);
});
`,
    `
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 8080 });

wss.on('connection', (ws) => {
  const seen = [];
  let received = 0;
  ws.on('message', (data) => {
    received++;
    seen.push(String(data));
    ws.send(JSON.stringify({ received, distinct: new Set(seen).size }));
  });
});
`,
    `
const functions = require('@google-cloud/functions-framework');

let client;

functions.http('hello', async (req, res) => {
  client ??= await require('./db').connect();
  res.send(await client.greeting(req.query.name));
});
`,
    `
import Koa from 'koa';

const app = new Koa();
let ready = false;

app.use(async (ctx) => {
  ctx.body = { ready };
});
app.listen(3000, () => {
  ready = true;
});
`,
    `
export function describeCart(cart) {
  const lines = [];
  for (const item of cart.items) lines.push(\`\${item.quantity} x \${item.sku}\`);
  return lines.join('\\n');
}
`,
    // A mixin factory's closure is module state, written by the functions it attaches: like an
    // exported function's writes, those run whenever callers in other files call them (unknown).
    {
      code: `
module.exports = function (Posts) {
  const votesInProgress = {};

  Posts.upvote = async function (pid, uid) {
    votesInProgress[uid] = pid;
    await Posts.vote(pid, uid);
    delete votesInProgress[uid];
  };
};
`,
      filename: 'src/posts/votes.js',
    },
    // What the factory itself does with its closure is set-up: it runs once, when the module is loaded.
    {
      code: `
module.exports = function (User) {
  const fields = [];
  fields.push('uid', 'username');

  User.fields = function () {
    return fields.slice();
  };
};
`,
      filename: 'src/user/fields.js',
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
    // The same shape in a function that is not the module's export is called per use: its closure is per call.
    {
      code: `
import express from 'express';

const app = express();

function attachFlash(req) {
  const messages = [];
  req.flash = function (message) {
    messages.push(message);
  };
}

app.use((req, res, next) => {
  attachFlash(req);
  next();
});
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
  ],
  invalid: [
    // `ab-test/` is a feature of the service, not a folder of tests.
    {
      code: HOOK_RECEIVER,
      filename: 'ab-test/receiver.js',
      errors: [{ messageId: 'counter', line: 7, column: 3, data: { advice: ALTERNATIVES.counter, name: 'received' } }],
    },
    {
      code: `
module.exports = function (Posts) {
  const votesInProgress = {};
  let votes = 0;

  Posts.upvote = async function (pid, uid) {
    votesInProgress[uid] = pid;
    votes += 1;
    await Posts.vote(pid, uid);
    delete votesInProgress[uid];
  };
};
`,
      filename: 'src/posts/votes.js',
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [
        { messageId: 'object', line: 7, column: 5, data: { advice: ALTERNATIVES.object, name: 'votesInProgress', when: 'after startup' } },
        { messageId: 'counter', line: 8, column: 5, data: { advice: ALTERNATIVES.counter, name: 'votes' } },
      ],
    },
    {
      code: `
export default function (Users) {
  const lockedOut = new Set();

  Users.lockOut = (uid) => {
    lockedOut.add(uid);
  };
}
`,
      filename: 'src/users/lockout.js',
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [{ messageId: 'collection', line: 6, column: 5, data: { advice: ALTERNATIVES.collection, name: 'lockedOut' } }],
    },
    {
      code: `
import { getProduct } from './products.js';

const productViews = new Map();
const drafts = {};

export async function showProduct(req, res) {
  const product = await getProduct(req.params.id);
  productViews.set(product.id, (productViews.get(product.id) ?? 0) + 1);
  res.json(product);
}

export function discardDraft(req, res) {
  delete drafts[req.params.id];
  res.status(204).end();
}
`,
      filename: 'src/controllers/products.js',
      errors: [
        { messageId: 'keyedMap', line: 9, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'productViews' } },
        { messageId: 'keyedMap', line: 14, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'drafts' } },
      ],
    },
    {
      code: `
const http = require('node:http');

const connections = [];

const server = http.createServer((req, res) => {
  connections.push(res);
  res.on('close', () => {
    connections.splice(connections.indexOf(res), 1);
  });
});

server.listen(8080);
`,
      errors: [
        { messageId: 'collection', line: 7, column: 3, data: { advice: FINDING_ADVICE.connections, name: 'connections' } },
        { messageId: 'collection', line: 9, column: 5, data: { advice: FINDING_ADVICE.connections, name: 'connections' } },
      ],
    },
    {
      code: `
import { Server } from 'socket.io';

const io = new Server(3000);
const onlineUsers = new Map();

io.on('connection', (socket) => {
  onlineUsers.set(socket.id, { since: Date.now() });
  socket.on('disconnect', () => {
    onlineUsers.delete(socket.id);
  });
});
`,
      errors: [
        { messageId: 'keyedMap', line: 8, column: 3, data: { advice: platformAdvice('socket.io', 'keyed-map'), name: 'onlineUsers' } },
        { messageId: 'keyedMap', line: 10, column: 5, data: { advice: platformAdvice('socket.io', 'keyed-map'), name: 'onlineUsers' } },
      ],
    },
    {
      code: `
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 8080 });
let messagesRelayed = 0;

wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    messagesRelayed++;
    for (const client of wss.clients) client.send(data);
  });
});
`,
      errors: [{ messageId: 'counter', line: 9, column: 5, data: { advice: ALTERNATIVES.counter, name: 'messagesRelayed' } }],
    },
    {
      code: `
const functions = require('@google-cloud/functions-framework');

let greeted = 0;

functions.http('hello', (req, res) => {
  greeted += 1;
  res.send(\`Hello \${req.query.name ?? 'world'} (#\${greeted})\`);
});
`,
      errors: [{ messageId: 'counter', line: 7, column: 3, data: { advice: ALTERNATIVES.counter, name: 'greeted' } }],
    },
    {
      code: `
let apiCalls = 0;
const wishlists = new Map();

export default async function handler(req, res) {
  apiCalls++;
  wishlists.get(req.query.list).items.push(req.body);
  res.status(200).json({ apiCalls });
}
`,
      filename: 'pages/api/cart.js',
      errors: [
        { messageId: 'counter', line: 6, column: 3, data: { advice: ALTERNATIVES.counter, name: 'apiCalls' } },
        { messageId: 'keyedMap', line: 7, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'wishlists' } },
      ],
    },
    {
      code: `
let coldStarts = 0;
let warm = false;

module.exports.handler = async (event) => {
  if (!warm) coldStarts += 1;
  warm = true;
  return { statusCode: 200, body: JSON.stringify({ path: event.rawPath, coldStarts }) };
};
`,
      errors: [
        { messageId: 'counter', line: 6, column: 14, data: { advice: ALTERNATIVES.counter, name: 'coldStarts' } },
        { messageId: 'flag', line: 7, column: 3, data: { advice: ALTERNATIVES.flag, name: 'warm' } },
      ],
    },
    {
      code: `
let pings = 0;

export function GET() {
  pings += 1;
  return new Response(String(pings));
}
`,
      filename: 'src/routes/api/ping/+server.js',
      errors: [{ messageId: 'counter', line: 5, column: 3, data: { advice: ALTERNATIVES.counter, name: 'pings' } }],
    },
    {
      code: `
import express from 'express';

let lastFailureAt = 0;
const app = express();

app.use(function onError(err, req, res, next) {
  lastFailureAt = Date.now();
  res.status(500).json({ error: 'internal' });
});
`,
      errors: [{ messageId: 'value', line: 8, column: 3, data: { advice: ALTERNATIVES.value, name: 'lastFailureAt', when: 'at request time' } }],
    },
  ],
});

// Shapes that once went wrong: server events, `??=` of request data, `n = n + 1`, option-form handlers.
describe('event, compound and option-form shapes', () => {
  ruleTester.run('no-module-state (event, compound and option-form shapes)', rule, {
    valid: [
      // A server's `listening` event is startup, whatever the receiver is called.
      `
import http from 'node:http';

let startedAt = 0;
const server = http.createServer((req, res) => res.end(String(Date.now() - startedAt)));

server.on('listening', () => {
  startedAt = Date.now();
});
server.listen(8080);
`,
      // A ws server's `close` event is not a request.
      `
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 8080 });
let closed = false;

wss.on('close', () => {
  closed = true;
});
`,
      // Request data stored with `??=` is a leak (no-request-leak), not lazy initialisation.
      `
import express from 'express';

let firstUser: unknown;
const app = express();

app.get('/me', (req, res) => {
  firstUser ??= req.user;
  res.json(firstUser);
});
`,
    ],
    invalid: [
      // `n = n + 1` is a counter, like `n += 1`.
      {
        code: `
import express from 'express';

let downloads = 0;
const app = express();

app.get('/files/:id', (req, res) => {
  downloads = downloads + 1;
  res.download(\`/srv/files/\${req.params.id}\`);
});
`,
        errors: [{ messageId: 'counter', line: 8, column: 3, data: { advice: ALTERNATIVES.counter, name: 'downloads' } }],
      },
      // Elysia's `ws` options: `message` runs per message.
      {
        code: `
import { Elysia } from 'elysia';

let messagesSeen = 0;

new Elysia()
  .ws('/chat', {
    message(ws, message) {
      messagesSeen++;
      ws.send(message);
    },
  })
  .listen(3000);
`,
        errors: [{ messageId: 'counter', line: 9, column: 7, data: { advice: ALTERNATIVES.counter, name: 'messagesSeen' } }],
      },
      // h3's object form: `defineEventHandler({ handler })`.
      {
        code: `
let requestsServed = 0;

export default defineEventHandler({
  onRequest: [],
  handler: (event) => {
    requestsServed++;
    return { path: event.path, requestsServed };
  },
});
`,
        filename: 'server/api/served.ts',
        errors: [{ messageId: 'counter', line: 7, column: 5, data: { advice: ALTERNATIVES.counter, name: 'requestsServed' } }],
      },
    ],
  });
});

describe('rate limiters, settings paths, framework constructors and block annotations', () => {
  ruleTester.run('no-module-state (rate limiters, settings paths, constructors, annotations)', rule, {
    valid: [
      // A set of session tokens is a hand-rolled session store: `no-in-memory-session` reports it.
      {
        code: `
import type { Handle } from '@sveltejs/kit';

const activeSessions = new Set<string>();

export const handle: Handle = async ({ event, resolve }) => {
  const token = event.cookies.get('session');
  if (token) activeSessions.add(token);
  return resolve(event);
};
`,
        filename: 'src/hooks.server.ts',
      },
      // NestJS instantiates a controller once, at bootstrap: its constructor is startup code.
      {
        code: `
import { Controller, Get } from '@nestjs/common';

let bootedAt = 0;

@Controller('health')
export class HealthController {
  constructor() {
    bootedAt = Date.now();
  }

  @Get()
  check() {
    return { uptime: Date.now() - bootedAt };
  }
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // A multi-line block comment carries the annotation too.
      `
import express from 'express';

/**
 * stateless-ok: per-instance LRU of rendered templates, rebuilt on any replica
 */
let renderedPages = new Map<string, string>();

const app = express();
app.get('/pages/:slug', (req, res) => {
  renderedPages.set(req.params.slug, '<html></html>');
  res.send(renderedPages.get(req.params.slug));
});
`,
    ],
    invalid: [
      // A hand-rolled rate limiter reads its count back before storing it: an update, not a cache fill.
      {
        code: `
import express from 'express';

const hits = new Map<string, number>();
const app = express();

app.use((req, res, next) => {
  const count = (hits.get(req.ip ?? '') ?? 0) + 1;
  hits.set(req.ip ?? '', count);
  if (count > 100) return res.status(429).end();
  next();
});
`,
        errors: [{ messageId: 'keyedMap', line: 9, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'hits' } }],
      },
      // `handlerExports.files` is matched against the path relative to the working directory.
      {
        code: `
let runs = 0;

export async function run(job: { id: string }) {
  runs++;
  return job.id;
}
`,
        filename: 'src/handlers/report.ts',
        settings: { stateless: { handlerExports: [{ files: '^src/handlers/', names: ['run'] }] } },
        errors: [{ messageId: 'counter', line: 5, column: 3, data: { advice: ALTERNATIVES.counter, name: 'runs' } }],
      },
    ],
  });
});

// Shapes from services in the wild: callbacks that run once, blocks that initialise, code no server runs.
describe('one-shot callbacks, initialisation blocks, code outside a running server', () => {
  ruleTester.run('no-module-state (one-shot callbacks, initialisation blocks, code outside a server)', rule, {
    valid: [
      // Node's callback functions call back once: started at top level, they are startup.
      {
        code: `
import fs from 'node:fs';
import { lookup } from 'node:dns';
import express from 'express';

const stylesheets: string[] = [];
let resolved = '';
fs.readdir('./custom/css', (error, files) => {
  if (!error) files.forEach((file) => stylesheets.push(file));
});
lookup('db.internal', (error, address) => {
  resolved = address;
});

const app = express();
app.get('/', (req, res) => res.json({ stylesheets, resolved }));
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // `if (!kafka) { … }` runs once: the producer made inside it is part of the initialisation.
      {
        filename: 'app/api/events/route.ts',
        code: `
import { Kafka, type Producer } from 'kafkajs';

let kafka: Kafka | undefined;
let producer: Producer | undefined;

export async function GET() {
  if (!kafka) {
    kafka = new Kafka({ brokers: [process.env.BROKER ?? ''] });
    producer = kafka.producer();
    await producer.connect();
  }
  return Response.json({ ready: producer !== undefined });
}
`,
      },
      // A guard with another condition still only fills an empty slot.
      {
        filename: 'app/api/stats/route.ts',
        code: `
import { createClient, type ClickHouseClient } from '@clickhouse/client';

const enabled = Boolean(process.env.CLICKHOUSE_URL);
let clickhouse: ClickHouseClient | undefined;

export async function GET() {
  if (enabled && !clickhouse) clickhouse = createClient({ url: process.env.CLICKHOUSE_URL });
  return Response.json({ enabled: clickhouse !== undefined });
}
`,
      },
      // `export default { connect, query }` is a database helper, not a Workers handler object.
      `
let connections = 0;

async function connect() {
  connections++;
  return { connections };
}

export default { connect, query: async (sql: string) => sql };
`,
      // React effects run in the browser, never while a server renders.
      {
        code: `
import { useEffect, useState } from 'react';

const names: Record<string, unknown> = {};

export function useNames(locale: string) {
  const [list, setList] = useState(names[locale]);
  async function load(next: string) {
    names[next] = await (await fetch(\`/intl/\${next}.json\`)).json();
    setList(names[next]);
  }
  useEffect(() => {
    if (!names[locale]) void load(locale);
  }, [locale]);
  return list;
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // A test helper is no part of the service.
      {
        code: `
import { vi } from 'vitest';

const navigation = vi.hoisted(() => ({ pathname: '/' }));

export function setTestUrl(url: string) {
  navigation.pathname = new URL(url, 'http://localhost').pathname;
}
`,
        filename: 'test/navigation.ts',
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // Emptying a lazily created client so that the next call creates it again is part of its lifecycle.
      {
        code: `
import { PrismaClient } from '@prisma/client';

let shared: PrismaClient | null = null;

function db(): PrismaClient {
  if (!shared) shared = new PrismaClient();
  return shared;
}

export async function disconnectShared() {
  if (shared) {
    await shared.$disconnect();
    shared = null;
  }
}

export async function loadConfig() {
  return db().config.findMany();
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // A registry of lazily created singletons: one slot per name the callers choose, filled once.
      {
        code: `
const singletons: Record<string, unknown> = {};

export function singleton<Value>(name: string, create: () => Value): Value {
  singletons[name] ??= create();
  return singletons[name] as Value;
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // `message` on a UDP socket (or a worker, or process IPC) is no WebSocket message.
      `
import dgram from 'node:dgram';

export function ask(packet: Buffer) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    let received = false;
    socket.on('message', (message) => {
      received = true;
      socket.close();
      resolve(message);
    });
    setTimeout(() => {
      if (!received) socket.close();
    }, 2500);
    socket.send(packet, 1812, 'radius.local');
  });
}
`,
      // A handle to a timer or a browser, kept outside requests, is no data.
      {
        code: `
import { chromium, type Browser } from 'playwright';

let interval: NodeJS.Timeout | undefined;
let browser: Browser | null = null;

export function startChecks(check: () => void) {
  interval = setInterval(check, 60_000);
}

export async function getBrowser() {
  if (browser && browser.isConnected()) return browser;
  browser = await chromium.launch();
  return browser;
}

export async function stop() {
  clearInterval(interval);
  await browser?.close();
  browser = null;
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // A response cache that looks the key up in the middleware and stores in the patched `res.send`.
      `
import express from 'express';

const responses = new Map<string, unknown>();
const app = express();

app.use((req, res, next) => {
  if (responses.has(req.originalUrl)) return res.send(responses.get(req.originalUrl));
  const send = res.send.bind(res);
  res.send = (body) => {
    responses.set(req.originalUrl, body);
    return send(body);
  };
  next();
});
`,
      // A development-only flag: `if (isDev)`.
      `
import express from 'express';
import { isDev } from './util.js';

const snapshots: string[] = [];
const app = express();

if (isDev) {
  app.post('/_e2e/snapshot', (req, res) => {
    snapshots.push(String(req.query.name));
    res.end();
  });
}
`,
      // A reducer's `action: Action` parameter is no SvelteKit action.
      `
type Action = { type: 'DISMISS'; id: string };

const timeouts = new Map<string, ReturnType<typeof setTimeout>>();
let state: string[] = [];

export const reducer = (current: string[], action: Action) => {
  if (!timeouts.has(action.id)) timeouts.set(action.id, setTimeout(() => dispatch({ type: 'DISMISS', id: action.id }), 5000));
  return current.filter((id) => id !== action.id);
};

function dispatch(action: Action) {
  state = reducer(state, action);
}
`,
      // A module of React hooks (no web framework imported) runs in the browser.
      {
        code: `
import * as React from 'react';

let count = 0;
let memoryState = { toasts: [] as string[] };

export function toast(text: string) {
  count = count + 1;
  memoryState = { toasts: [...memoryState.toasts, String(count) + text] };
}

export function useToast() {
  const [state] = React.useState(memoryState);
  return { ...state, toast };
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // A React Native app runs on a device.
      {
        code: `
import AsyncStorage from '@react-native-async-storage/async-storage';

let presented = false;

export async function showWhatsNew() {
  if (presented) return;
  presented = true;
  await AsyncStorage.setItem('whatsNew', '3');
}

export function resetWhatsNew() {
  presented = false;
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // A once-flag whose early return has another condition too.
      `
import express from 'express';

const DEPRECATED = ['/v1'];
let warned = false;
const app = express();

app.get('/v1/items', (req, res) => {
  if (warned || DEPRECATED.length === 0) return res.end();
  warned = true;
  console.warn('deprecated endpoint');
  res.end();
});
`,
      // A wrapper installed once, behind a sentinel the same block sets.
      {
        code: `
let originalFetch: typeof fetch | null = null;
let wrapped = false;

export function installHeaders(headers: Record<string, string>) {
  if (originalFetch) return;
  originalFetch = globalThis.fetch;
  const base = originalFetch;
  wrapped = true;
  globalThis.fetch = ((input: RequestInfo, init?: RequestInit) => base(input, { ...init, headers: { ...headers } })) as typeof fetch;
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // A lazy promise that empties its slot when it fails, so that the next call tries again.
      `
import express from 'express';
import pg from 'pg';

let poolPromise: Promise<pg.Pool> | null = null;

async function connect() {
  const pool = new pg.Pool();
  await pool.query('select 1');
  return pool;
}

function getPool() {
  if (!poolPromise) {
    poolPromise = connect().catch((error: unknown) => {
      poolPromise = null;
      throw error;
    });
  }
  return poolPromise;
}

const app = express();
app.get('/', async (req, res) => res.json((await (await getPool()).query('select 1')).rows));
`,
      // A client per key the code chooses, created once.
      `
import express from 'express';
import { AppStoreServerAPIClient, Environment } from '@apple/app-store-server-library';

const clients: Partial<Record<Environment, AppStoreServerAPIClient>> = {};

function clientFor(environment: Environment) {
  if (!clients[environment]) clients[environment] = new AppStoreServerAPIClient('key', 'kid', 'issuer', 'bundle', environment);
  return clients[environment];
}

const app = express();
app.get('/subscriptions', async (req, res) => res.json(await clientFor(Environment.PRODUCTION)?.getAllSubscriptionStatuses('id')));
`,
      // A client per configuration, created the first time it is missing from the map.
      {
        code: `
import Client from 'nordigen-node';

const clients = new Map<string, Client>();

export function getClient(secrets: { secretId: string; secretKey: string }) {
  const hash = JSON.stringify(secrets);
  if (!clients.has(hash)) {
    clients.set(hash, new Client(secrets));
  }
  return clients.get(hash);
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // Code in a development-only branch never runs in a production replica.
      `
import express from 'express';

const recent: string[] = [];
const app = express();

app.get('/debug', (req, res) => {
  if (process.env.NODE_ENV !== 'production') recent.push(req.path);
  res.json(recent);
});
`,
    ],
    invalid: [
      // Filling a slot per name with a value of the function's own making is no singleton registry.
      {
        code: `
const lists: Record<string, string[]> = {};

export function listFor(name: string, first: string) {
  lists[name] ??= [first];
  return lists[name];
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
        errors: [{ messageId: 'object', line: 5, column: 3, data: { advice: ALTERNATIVES.object, name: 'lists', when: 'after startup' } }],
      },
      // Emptying a slot that requests also set is no teardown.
      {
        code: `
import express from 'express';

let lastSeen: number | null = null;
const app = express();

app.post('/ping', (req, res) => {
  lastSeen = Date.now();
  res.end();
});
app.post('/reset', (req, res) => {
  lastSeen = null;
  res.json({ lastSeen });
});
`,
        errors: [
          { messageId: 'value', line: 8, column: 3, data: { advice: ALTERNATIVES.value, name: 'lastSeen', when: 'at request time' } },
          { messageId: 'value', line: 12, column: 3, data: { advice: ALTERNATIVES.value, name: 'lastSeen', when: 'at request time' } },
        ],
      },
      // A connection taken per request and parked in module scope is shared by concurrent requests.
      {
        code: `
import express from 'express';
import { Pool, type PoolClient } from 'pg';

const pool = new Pool();
let connection: PoolClient | undefined;
const app = express();

app.get('/orders', async (req, res) => {
  connection = await pool.connect();
  res.json((await connection.query('select * from orders')).rows);
  connection.release();
});
`,
        errors: [{ messageId: 'value', line: 10, column: 3, data: { advice: ALTERNATIVES.value, name: 'connection', when: 'at request time' } }],
      },
      // A WebSocket message in a file of the `ws` server is per message.
      {
        code: `
import { WebSocketServer } from 'ws';

let received = 0;
const wss = new WebSocketServer({ port: 8080 });

export function attach(socket: import('ws').WebSocket) {
  socket.on('message', () => {
    received++;
  });
}
`,
        errors: [{ messageId: 'counter', line: 9, column: 5, data: { advice: ALTERNATIVES.counter, name: 'received' } }],
      },
      // A guard that is emptied again (`running = false`) lets the block run again: what it guards is no once.
      {
        code: `
import express from 'express';

let running = false;
let refreshedAt = 0;
const app = express();

app.post('/refresh', async (req, res) => {
  if (running) return res.status(409).end();
  running = true;
  refreshedAt = Date.now();
  await fetch('https://example.com/refresh');
  running = false;
  res.json({ refreshedAt });
});
`,
        errors: [{ messageId: 'value', line: 11, column: 3, data: { advice: ALTERNATIVES.value, name: 'refreshedAt', when: 'at request time' } }],
      },
      // A component module that imports its server framework is server code (a Remix route).
      {
        code: `
import { json } from '@remix-run/node';
import { useState } from 'react';

let loads = 0;

export async function loader() {
  loads++;
  return json({ loads });
}

export default function Page() {
  const [open, setOpen] = useState(false);
  return open ? null : setOpen;
}
`,
        filename: 'app/routes/index.tsx',
        errors: [{ messageId: 'counter', line: 8, column: 3, data: { advice: ALTERNATIVES.counter, name: 'loads' } }],
      },
      // One object per user, created when missing: state keyed by the request.
      {
        code: `
import express from 'express';

class Cart {
  items: string[] = [];
}

const carts = new Map<string, Cart>();
const app = express();

app.post('/cart', (req, res) => {
  if (!carts.has(req.body.user)) carts.set(req.body.user, new Cart());
  res.json(carts.get(req.body.user));
});
`,
        errors: [{ messageId: 'keyedMap', line: 12, column: 34, data: { advice: ALTERNATIVES['keyed-map'], name: 'carts' } }],
      },
      // A watcher calls back on every change, at no time anyone can name.
      {
        code: `
import fs from 'node:fs';

const changes: number[] = [];
fs.watch('./config', () => {
  changes.push(Date.now());
});
`,
        options: [{ lifetimes: ['unknown'] }],
        errors: [{ messageId: 'collection', line: 6, column: 3, data: { advice: ALTERNATIVES.collection, name: 'changes' } }],
      },
      // The same call inside a handler runs per request.
      {
        code: `
import { readFile } from 'node:fs';
import express from 'express';

const reads: string[] = [];
const app = express();

app.get('/file', (req, res) => {
  readFile('./data.txt', 'utf8', (error, text) => {
    reads.push(text);
    res.send(text);
  });
});
`,
        errors: [{ messageId: 'collection', line: 10, column: 5, data: { advice: ALTERNATIVES.collection, name: 'reads' } }],
      },
      // A refresh (`!token || expired`) runs again and again: what it sets besides the slot is no initialisation (a cache's bookkeeping).
      {
        code: `
import express from 'express';

let token: string | undefined;
let refreshes = 0;
let expiresAt = 0;
const app = express();

app.get('/token', async (req, res) => {
  if (!token || Date.now() > expiresAt) {
    token = await fetch('https://auth.internal/token').then((response) => response.text());
    refreshes = refreshes + 1;
  }
  res.json({ token, refreshes });
});
`,
        options: [{ reportCaches: true }],
        errors: [{ messageId: 'cache', line: 12, column: 5, data: { advice: ALTERNATIVES.cache, name: 'refreshes' } }],
      },
      // The production branch of the same test is reported.
      {
        code: `
import express from 'express';

let served = 0;
const app = express();

app.get('/', (req, res) => {
  if (process.env.NODE_ENV === 'production') served++;
  res.json({ served });
});
`,
        errors: [{ messageId: 'counter', line: 8, column: 46, data: { advice: ALTERNATIVES.counter, name: 'served' } }],
      },
      // An object with a Workers-only key is a handler object: its `connect` runs per connection.
      {
        code: `
let connections = 0;

export default {
  async fetch(request: Request) {
    return new Response(String(connections));
  },
  async connect() {
    connections++;
  },
};
`,
        errors: [{ messageId: 'counter', line: 9, column: 5, data: { advice: platformAdvice('Cloudflare Workers', 'counter'), name: 'connections' } }],
      },
    ],
  });
});

describe('inline server actions and Netlify Functions', () => {
  ruleTester.run('no-module-state', rule, {
    valid: [
      // Not a server action: a function of a client component, whatever it writes.
      {
        code: `
let drafts = 0;
export default function Editor() {
  function save() {
    drafts++;
  }
  return <button onClick={save}>Save</button>;
}
`,
        filename: 'app/editor/page.tsx',
      },
      // A helper module beside the functions folder is no function.
      {
        code: `
let hits = 0;
export default function count() {
  hits++;
  return hits;
}
`,
        filename: 'netlify/lib/count.ts',
      },
      // Nor is a helper in a subfolder of the functions folder; \`name/name.ts\` and \`name/index.ts\` are functions.
      {
        code: `
let hits = 0;
export default function count() {
  hits++;
  return hits;
}
`,
        filename: 'netlify/functions/lib/count.ts',
      },
    ],
    invalid: [
      // React's inline form: the directive opens the function, not the file.
      {
        code: `
const todos: string[] = [];
export default function Page() {
  async function addTodo(formData: FormData) {
    'use server';
    todos.push(String(formData.get('title')));
  }
  return <form action={addTodo}><input name="title" /></form>;
}
`,
        filename: 'app/todos/page.tsx',
        errors: [{ messageId: 'collection', line: 6, column: 5, data: { advice: ALTERNATIVES.collection, name: 'todos' } }],
      },
      {
        code: `
import type { Context } from '@netlify/functions';

let served = 0;
export default async (req: Request, context: Context) => {
  served++;
  return new Response(String(served));
};
`,
        filename: 'netlify/functions/served.mts',
        errors: [{ messageId: 'counter', line: 6, column: 3, data: { advice: ALTERNATIVES.counter, name: 'served' } }],
      },
      {
        code: `
let invocations = 0;
exports.handler = async (event) => {
  invocations += 1;
  return { statusCode: 200, body: String(invocations) };
};
`,
        filename: 'netlify/functions/legacy/index.js',
        errors: [{ messageId: 'counter', line: 4, column: 3, data: { advice: ALTERNATIVES.counter, name: 'invocations' } }],
      },
    ],
  });
});

// A class's static fields are module state: one copy for the process, written through the class or `this` in static methods.
ruleTester.run('no-module-state: static fields', rule, {
  valid: [
    // A static getter is behaviour: what it returns is not a field of the class.
    `
import express from 'express';
import { plugins } from './plugins';

class Auth {
  static get providers(): { id: string }[] {
    return plugins.filter((plugin) => plugin.kind === 'auth');
  }
}
const app = express();
app.get('/auth/providers', (req, res) => {
  res.json(Auth.providers.sort((a, b) => a.id.localeCompare(b.id)));
});
`,
    // One client made the first time it is asked for, and a lookup table filled when the module loads.
    `
import express from 'express';
import { Pool } from 'pg';

class Db {
  static pool: Pool | undefined;
  static get(): Pool {
    if (!this.pool) this.pool = new Pool({ connectionString: process.env.DATABASE_URL });
    return this.pool;
  }
}
class Codes {
  static byName: Record<string, number> = {};
  static {
    for (const [name, code] of [['ok', 200], ['created', 201]] as const) this.byName[name] = code;
  }
}
const app = express();
app.get('/status/:name', async (req, res) => {
  await Db.get().query('select 1');
  res.sendStatus(Codes.byName[req.params.name] ?? 404);
});
`,
  ],
  invalid: [
    {
      code: `
import express from 'express';

class Presence {
  static online = new Map<string, number>();
  static seen(user: string): void {
    this.online.set(user, Date.now());
  }
}
const app = express();
app.post('/presence/:user', (req, res) => {
  Presence.online.set(req.params.user, Date.now());
  res.sendStatus(204);
});
app.get('/presence', (req, res) => {
  res.json([...Presence.online.keys()]);
});
`,
      errors: [{ messageId: 'keyedMap', line: 12, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'Presence.online' } }],
    },
  ],
});

// A module of socket.io event handlers, handed the connection by the file that accepts it.
ruleTester.run('no-module-state: socket handler modules', rule, {
  valid: [
    // Browser code that opens its own connection: the events arrive in one tab.
    `
import { io } from 'socket.io-client';

let latest: unknown;
const socket = io('/live');
socket.on('update', (data: unknown) => {
  latest = data;
});
export const current = () => latest;
`,
  ],
  invalid: [
    {
      code: `
import type { Socket } from 'socket.io';

const typing = new Map<string, string>();
export function registerTypingHandlers(socket: Socket): void {
  socket.on('typing', (room: string) => {
    typing.set(room, socket.id);
  });
}
`,
      errors: [{ messageId: 'keyedMap', line: 7, column: 5, data: { advice: platformAdvice('socket.io', 'keyed-map'), name: 'typing' } }],
    },
    {
      code: `
const joined = [];
module.exports.chatHandler = (socket) => {
  socket.on('join', (room) => {
    joined.push({ id: socket.id, room });
  });
};
`,
      errors: [{ messageId: 'collection', line: 5, column: 5, data: { advice: ALTERNATIVES.collection, name: 'joined' } }],
    },
  ],
});
