import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

/**
 * Shapes seen on real services that keep no state a replica must share: `recommended` stays quiet
 * on each. Each case has a stateful neighbour in the rules' tests or fixtures that is still reported.
 */
function findings(code: string, filename = 'src/app.ts'): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(code, [plugin.configs.recommended], filename).map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

describe('noise shapes stay quiet under recommended', () => {
  it('an early-return once-guard whose flag is set in both try and catch', () => {
    expect(
      findings(`
import express from 'express';
import { migrate } from './db';

let migrated = false;
async function ensureMigrated() {
  if (migrated) return;
  try {
    await migrate();
    migrated = true;
  } catch (error) {
    console.error(error);
    migrated = true;
  }
}

const app = express();
app.get('/items', async (req, res) => {
  await ensureMigrated();
  res.json([]);
});
`),
    ).toEqual([]);
  });

  it('set-up behind a once-guard whose flag starts as false where it is declared', () => {
    expect(
      findings(`
import express from 'express';
import { hooks } from './hooks';

let allowList = new Set<string>();
let initialized = false;
async function init() {
  if (initialized) {
    return;
  }
  allowList.add(process.env.PUBLIC_HOST ?? 'localhost');
  const { allowed } = await hooks.fire('filter:request.init', { allowed: allowList });
  if (allowed instanceof Set) {
    allowList = allowed;
  }
  initialized = true;
}

const app = express();
app.get('/fetch', async (req, res) => {
  await init();
  res.json({ allowed: allowList.has(String(req.query.host)) });
});
`),
    ).toEqual([]);
    // Its neighbour: a flag another function empties again guards nothing once.
    expect(
      findings(`
import express from 'express';

const allowList = new Set<string>();
let initialized = false;
function init(host: string) {
  if (initialized) return;
  allowList.add(host);
  initialized = true;
}
export function reset() {
  initialized = false;
}

const app = express();
app.get('/fetch', (req, res) => {
  init(String(req.query.host));
  res.json({ size: allowList.size });
});
`),
    ).toEqual([expect.stringContaining('8 stateless/no-module-state: `allowList`')]);
  });

  it('clients per region made by a factory of the project, named for a client', () => {
    expect(
      findings(`
import express from 'express';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

function buildS3Client(options: { region: string }): S3Client {
  return new S3Client(options);
}

const s3Clients = new Map<string, S3Client>();
function getS3Client(region: string): S3Client {
  let client = s3Clients.get(region);
  if (!client) {
    client = buildS3Client({ region });
    s3Clients.set(region, client);
  }
  return client;
}

const app = express();
app.put('/assets/:key', async (req, res) => {
  await getS3Client(process.env.ASSETS_REGION ?? 'us-east-1').send(new PutObjectCommand({ Bucket: 'assets', Key: req.params.key, Body: req.body }));
  res.end();
});
`),
    ).toEqual([]);
  });

  it('a client reused unless its ping fails, then reset', () => {
    expect(
      findings(`
import express from 'express';
import { Redis } from 'ioredis';

let client: Redis | null = null;
async function redis(): Promise<Redis> {
  if (client) {
    try {
      await client.ping();
      return client;
    } catch {
      client = null;
    }
  }
  client = new Redis(process.env.REDIS_URL ?? '');
  return client;
}

const app = express();
app.get('/count', async (req, res) => {
  res.json({ count: await (await redis()).incr('hits') });
});
`),
    ).toEqual([]);
  });

  it('a guard on another object: connect when the client says it is not connected', () => {
    expect(
      findings(`
import express from 'express';
import { MongoClient, type Db } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL ?? '');
let db: Db | undefined;

const app = express();
app.get('/users', async (req, res) => {
  if (!client.isConnected()) {
    await client.connect();
    db = client.db('app');
  }
  res.json(await db?.collection('users').find().toArray());
});
`),
    ).toEqual([]);
  });

  it('a throttle timestamp for a background sync', () => {
    expect(
      findings(`
import express from 'express';
import { syncCatalog, listProducts } from './catalog';

let lastSync = 0;

const app = express();
app.get('/products', async (req, res) => {
  if (Date.now() - lastSync > 60_000) {
    lastSync = Date.now();
    void syncCatalog();
  }
  res.json(await listProducts());
});
`),
    ).toEqual([]);
  });

  it('Workers and Hono env bindings are configuration, not request data', () => {
    expect(
      findings(`
import { Hono } from 'hono';

type Bindings = { DB: D1Database; API_BASE: string };
let apiBase = '';
let db: D1Database | undefined;

const app = new Hono<{ Bindings: Bindings }>();
app.use(async (c, next) => {
  apiBase = c.env.API_BASE;
  db = c.env.DB;
  await next();
});
app.get('/ping', (c) => c.json({ apiBase, ok: db !== undefined }));
export default app;
`),
    ).toEqual([]);
    expect(
      findings(`
let config: { origin: string } | undefined;

export default {
  async fetch(request: Request, env: { ORIGIN: string }): Promise<Response> {
    config = { origin: env.ORIGIN };
    return fetch(new URL(new URL(request.url).pathname, config.origin));
  },
};
`, 'src/worker.ts'),
    ).toEqual([]);
  });

  it('a set of open sockets kept only to close them on shutdown', () => {
    expect(
      findings(`
import express from 'express';
import http from 'node:http';
import type { Socket } from 'node:net';

const app = express();
const server = http.createServer(app);
const sockets = new Set<Socket>();
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
process.on('SIGTERM', () => {
  server.close();
  for (const socket of sockets) socket.destroy();
});
server.listen(3000);
`),
    ).toEqual([]);
    expect(
      findings(`
const http = require('http');
const express = require('express');

const app = express();
const server = http.createServer(app);
var openConnections = [];
server.on('connection', (conn) => {
  let key = conn.remoteAddress + ':' + conn.remotePort;
  openConnections[key] = conn;
  conn.on('close', () => {
    openConnections.splice(key, 1);
  });
});
server.destroy = (cb) => {
  server.close(cb);
  for (let key in openConnections) {
    openConnections[key].destroy();
  }
};
server.listen(3000);
`, 'server/setup.js'),
    ).toEqual([]);
    // An object used as a dictionary, its entries listed with Object.values for the shutdown.
    expect(
      findings(`
const http = require('http');
const express = require('express');

const app = express();
const server = http.createServer(app);
const connections = {};
server.on('connection', (conn) => {
  const key = conn.remoteAddress + ':' + conn.remotePort;
  connections[key] = conn;
  conn.on('close', () => {
    delete connections[key];
  });
});
exports.destroy = function () {
  server.close();
  for (const connection of Object.values(connections)) {
    connection.destroy();
  }
};
server.listen(3000);
`, 'server/webserver.js'),
    ).toEqual([]);
  });

  it('open sockets counted and closed by a disposer after a grace period, its timer handle emptied on close', () => {
    expect(
      findings(`
import express from 'express';
import http from 'node:http';
import type { Socket } from 'node:net';

export function closer(server: http.Server): () => void {
  const open = new Set<Socket>();
  let grace: NodeJS.Timeout | undefined;
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => {
      open.delete(socket);
      if (grace && open.size === 0) {
        clearTimeout(grace);
        grace = undefined;
      }
    });
  });
  return () => {
    server.close();
    if (open.size > 0) {
      grace = setTimeout(() => {
        for (const socket of open.values()) socket.destroy();
      }, 2_000);
    }
  };
}

const app = express();
export const close = closer(app.listen(3000));
`),
    ).toEqual([]);
  });

  it('a single-flight connect promise', () => {
    expect(
      findings(`
import express from 'express';
import pg from 'pg';

let connecting: Promise<pg.Client> | undefined;
function database(): Promise<pg.Client> {
  if (!connecting) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    connecting = client.connect().then(() => client).catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
  }
  return connecting;
}

const app = express();
app.get('/now', async (req, res) => {
  const db = await database();
  res.json((await db.query('SELECT now()')).rows[0]);
});
`),
    ).toEqual([]);
  });

  it('a map of in-flight lookups, each entry deleted when its promise settles', () => {
    expect(
      findings(`
import express from 'express';
import { fetchLink } from './db';

const inFlight = new Map<string, Promise<unknown>>();
function lookup(key: string): Promise<unknown> {
  const running = inFlight.get(key);
  if (running) return running;
  const started = fetchLink(key).finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

const pending = new Map<string, Promise<unknown>>();
async function load(key: string): Promise<unknown> {
  try {
    const started = fetchLink(key);
    pending.set(key, started);
    return await started;
  } finally {
    pending.delete(key);
  }
}

const app = express();
app.get('/l/:key', async (req, res) => {
  res.json([await lookup(req.params.key), await load(req.params.key)]);
});
`),
    ).toEqual([]);
  });

  it('a map of clients keyed by the tenant or region the code chooses', () => {
    expect(
      findings(`
import express from 'express';
import { S3Client } from '@aws-sdk/client-s3';
import { findTenant } from './tenants';

const clients = new Map<string, S3Client>();
function s3For(region: string): S3Client {
  let client = clients.get(region);
  if (!client) {
    client = new S3Client({ region });
    clients.set(region, client);
  }
  return client;
}

const app = express();
app.get('/tenants/:id/files', async (req, res) => {
  const tenant = await findTenant(req.params.id);
  const s3 = s3For(tenant.region);
  res.json({ region: await s3.config.region() });
});
`),
    ).toEqual([]);
    expect(
      findings(`
import express from 'express';
import pg from 'pg';

const pools: Record<string, pg.Pool> = {};
function poolFor(tenant: { id: string; databaseUrl: string }): pg.Pool {
  pools[tenant.id] ??= new pg.Pool({ connectionString: tenant.databaseUrl });
  return pools[tenant.id];
}

const app = express();
app.get('/orders', async (req, res) => {
  const tenant = res.locals.tenant as { id: string; databaseUrl: string };
  res.json((await poolFor(tenant).query('SELECT * FROM orders')).rows);
});
`),
    ).toEqual([]);
  });
});

describe('what one instance does for itself', () => {
  it('an update check that reads the answer\'s body and keeps the latest version in this process', () => {
    expect(
      findings(`
import express from 'express';

class VersionCheck {
  latest: string | undefined;

  start(): void {
    const check = async (): Promise<void> => {
      const res = await fetch('https://example.com/latest.json');
      const data = (await res.json()) as { version?: string };
      if (data.version) this.latest = data.version;
    };
    setInterval(check, 48 * 3_600_000);
  }
}
const versions = new VersionCheck();
versions.start();
const app = express();
app.get('/version', (req, res) => res.json({ latest: versions.latest }));
`),
    ).toEqual([]);
  });

  it('a job that polls this instance\'s status file', () => {
    expect(
      findings(`
import express from 'express';
import fs from 'node:fs';

const status = { draining: false };
function apply(text: string): void {
  const draining = text.trim().includes('drain');
  if (draining !== status.draining) status.draining = draining;
}
function poll(): void {
  fs.readFile('/run/status', 'utf8', (error, text) => {
    if (!error) apply(text);
  });
}
setInterval(poll, 5_000);
const app = express();
app.get('/ready', (req, res) => res.sendStatus(status.draining ? 503 : 200));
`),
    ).toEqual([]);
  });
});

describe('memos of configuration', () => {
  it('an entry per key filled once with values of the configuration', () => {
    expect(
      findings(`
import express from 'express';
import config from './config';

const senders: Record<number, { name: string; email: string }> = {};
const footers: Record<string, string> = {};

function senderInfo(id: number) {
  if (!senders[id]) {
    senders[id] = id === 1 ? { name: config().mailer.noReplyName, email: config().mailer.noReplyEmail } : { name: config().supportName, email: process.env.SUPPORT_EMAIL ?? 'help@example.com' };
  }
  return senders[id];
}

const app = express();
app.get('/emails/:id', (req, res) => {
  footers[req.params.id] ??= \`Sent by \${config.get('site.name')} (\${req.params.id})\`;
  res.json({ sender: senderInfo(Number(req.params.id)), footer: footers[req.params.id] });
});
`),
    ).toEqual([]);
  });
});

describe('timer handles kept to clear them', () => {
  it('a debounce per key: a map of pending timers', () => {
    expect(
      findings(`
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SnapshotQueue } from './snapshot.queue';

@Injectable()
export class PortfolioListener {
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly queue: SnapshotQueue) {}

  @OnEvent('portfolio.changed')
  onChanged(event: { userId: string }) {
    const pending = this.timers.get(event.userId);
    if (pending) clearTimeout(pending);
    this.timers.set(
      event.userId,
      setTimeout(() => {
        this.timers.delete(event.userId);
        void this.queue.add(event.userId);
      }, 5_000),
    );
  }
}
`).map((finding) => finding.split(':')[0]),
    ).toEqual(['18 stateless/no-process-timers']);
  });
});

describe('their stateful neighbours are still reported', () => {
  it('a global throttle that turns requests away', () => {
    expect(
      findings(`
import express from 'express';

let lastCall = 0;
const app = express();
app.post('/sms', (req, res) => {
  if (Date.now() - lastCall < 1_000) return res.sendStatus(429);
  lastCall = Date.now();
  res.sendStatus(202);
});
`),
    ).toEqual(['8 stateless/no-module-state: `lastCall` is reassigned at request time: other replicas and a restarted one see another value. Keep it in Redis (ioredis) or a Postgres row.']);
  });

  it('a header of the request stored where env bindings would be', () => {
    expect(
      findings(`
import { Hono } from 'hono';

let apiBase = '';
const app = new Hono();
app.use(async (c, next) => {
  apiBase = c.req.header('x-api-base') ?? '';
  await next();
});
export default app;
`).map((finding) => finding.split(':')[0]),
    ).toEqual(['7 stateless/no-request-leak']);
  });

  it('a set of sockets that a route sends through', () => {
    expect(
      findings(`
import express from 'express';
import http from 'node:http';
import type { Socket } from 'node:net';

const app = express();
const server = http.createServer(app);
const sockets = new Set<Socket>();
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
app.post('/broadcast', (req, res) => {
  for (const socket of sockets) socket.write(String(req.body.text));
  res.sendStatus(204);
});
server.listen(3000);
`).map((finding) => finding.split(':')[0]),
    ).toEqual(['10 stateless/no-module-state', '11 stateless/no-module-state', '14 stateless/no-sticky-session']);
  });

  it('a count of open sockets that a route answers with', () => {
    expect(
      findings(`
import express from 'express';
import http from 'node:http';
import type { Socket } from 'node:net';

const app = express();
const server = http.createServer(app);
const open = new Set<Socket>();
server.on('connection', (socket) => {
  open.add(socket);
  socket.on('close', () => open.delete(socket));
});
app.get('/online', (req, res) => res.json({ online: open.size }));
process.on('SIGTERM', () => {
  for (const socket of open.values()) socket.destroy();
});
server.listen(3000);
`).map((finding) => finding.split(':')[0]),
    ).toEqual(['10 stateless/no-module-state', '11 stateless/no-module-state', '13 stateless/no-sticky-session']);
  });

  it('a job that reads a file and writes what it read elsewhere', () => {
    expect(
      findings(`
import express from 'express';
import fs from 'node:fs';
import { db } from './db';

setInterval(() => {
  fs.readFile('/var/spool/orders.json', 'utf8', (error, text) => {
    if (!error) void db.insert(JSON.parse(text));
  });
}, 60_000);
const app = express();
app.get('/', (req, res) => res.send('ok'));
`).map((finding) => finding.split(':')[0]),
    ).toEqual(['6 stateless/no-process-timers']);
  });

  it('an entry per key filled with an empty record to add to, or with what a query answered', () => {
    expect(
      findings(`
import express from 'express';
import config from './config';
import { db } from './db';

const carts: Record<string, { owner: string; items: string[] }> = {};
const profiles: Record<string, unknown> = {};
const app = express();
app.post('/carts/:id/items', (req, res) => {
  if (!carts[req.params.id]) carts[req.params.id] = { owner: config().shop.name, items: [] };
  res.json(carts[req.params.id]);
});
app.get('/profiles/:id', async (req, res) => {
  if (!profiles[req.params.id]) profiles[req.params.id] = await db.profile(req.params.id);
  res.json(profiles[req.params.id]);
});
`).map((finding) => finding.split(':')[0]),
    ).toEqual(['10 stateless/no-module-state', '14 stateless/no-module-state']);
  });
  it('a cart per request key, which is data rather than a client', () => {
    expect(
      findings(`
import express from 'express';
import { Cart } from './cart';

const carts = new Map<string, Cart>();
const app = express();
app.post('/carts/:id/items', (req, res) => {
  let cart = carts.get(req.params.id);
  if (!cart) {
    cart = new Cart();
    carts.set(req.params.id, cart);
  }
  cart.add(req.body);
  res.json(cart);
});
`).map((finding) => finding.split(':')[0]),
    ).toEqual(['13 stateless/no-module-state']);
  });
  it('a mark that keeps a warning from repeating, keyed or in a Set', () => {
    expect(
      findings(`
import express from 'express';

const warned: Record<string, boolean> = {};
const seen = new Set<string>();
function warnDeprecated(name: string) {
  if (warned[name]) return;
  console.warn(\`\${name} is deprecated\`);
  warned[name] = true;
}
function noteOnce(message: string) {
  if (seen.has(message)) return;
  seen.add(message);
  logger.info(message);
}

const app = express();
app.get('/v1/items', (req, res) => {
  warnDeprecated('/v1/items');
  noteOnce(String(req.query.client));
  res.json([]);
});
`),
    ).toEqual([]);
  });

  it('still reports a mark that keeps work from repeating per request key', () => {
    expect(
      findings(`
import express from 'express';
import { charge } from './billing';

const processed: Record<string, boolean> = {};
const app = express();
app.post('/payments', async (req, res) => {
  const id = String(req.body.id);
  if (processed[id]) return;
  processed[id] = true;
  console.info('charging', id);
  await charge(id);
  res.sendStatus(202);
});
`),
    ).toEqual([expect.stringMatching(/^10 stateless\/no-module-state: /u)]);
  });
});
