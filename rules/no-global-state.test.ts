import { describe } from 'vitest';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRuleTesters } from '../tests/rule-tester.js';
import rule from './no-global-state.js';

const { ts, js } = createRuleTesters();

ts.run('no-global-state', rule, {
  valid: [
    {
      // A UMD wrapper run once when the module loads, \`.call(this)\` or \`.apply(this)\`: set-up, whoever reads it.
      code: `
(function () {
  const api = typeof exports !== 'undefined' && exports !== null ? exports : ((window as any).prettyCron = {});
  api.toString = () => 'every minute';
}).call(this);
(function () {
  (globalThis as any).cronTools = { version: 1 };
}).apply(this, []);
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
    {
      code: `
globalThis.appConfig = { port: 3000 };
process.env.TZ = 'UTC';
`,
    },
    {
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const app = express();
app.get('/users', async (req, res) => {
  globalThis.prisma ??= new PrismaClient();
  res.json(await globalThis.prisma.user.findMany());
});
`,
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;
`,
      filename: 'lib/prisma.ts',
    },
    {
      code: `
export async function GET() {
  const url = process.env.DATABASE_URL;
  return Response.json({ url, config: globalThis.appConfig, region: process.env['REGION'] });
}
`,
      filename: 'app/api/config/route.ts',
    },
    {
      code: `
import express from 'express';
const app = express();
app.put('/kv/:k', async (req, res) => {
  await globalThis.redis.set(req.params.k, req.body.value);
  res.end();
});
`,
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/', (c) => {
  const global = { hits: 0 };
  global.hits++;
  return c.json(global);
});
`,
    },
    {
      code: `
export function configure(mode: string) {
  process.env.MODE = mode;
  globalThis.mode = mode;
}
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/warm', (req, res) => {
  // stateless-ok: per-instance warm-up marker, read only by this replica's health check
  globalThis.warmedUp = true;
  res.end();
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  globalThis.metrics = {};
  process.env.DEBUG_TRACE = '1';
  res.end();
});
`,
      options: [{ allow: ['globalThis.metrics', '/^process\\.env\\.DEBUG_/u'] }],
    },
    {
      code: `
import { it } from 'vitest';
it('reads the flag', () => {
  process.env.FLAG = 'on';
});
`,
    },
    {
      code: `
import { Injectable, OnModuleInit } from '@nestjs/common';
@Injectable()
export class ConfigService implements OnModuleInit {
  onModuleInit() {
    process.env.CONFIG_LOADED = 'true';
  }
}
`,
    },
    {
      code: `
export default defineNitroPlugin(() => {
  globalThis.nitroBooted = true;
});
`,
      filename: 'server/plugins/boot.ts',
    },
    {
      code: `
function loadEnv() {
  process.env.NODE_ENV = process.env.NODE_ENV || 'development';
}
loadEnv();
`,
    },
    {
      code: `
export default defineEventHandler(async () => {
  if (globalThis.cachedSchema) return globalThis.cachedSchema;
  globalThis.cachedSchema = await Promise.resolve({});
  return globalThis.cachedSchema;
});
`,
    },
    {
      code: `
setInterval(() => {
  globalThis.lastTick = Date.now();
}, 1000);
`,
    },
    {
      code: `
Bun.serve({
  fetch(req) {
    return new Response(process.env.GREETING ?? globalThis.defaultGreeting);
  },
});
`,
    },
    {
      code: `
export async function POST(request: Request) {
  process.env.LAST_CALLER = request.headers.get('x-caller') ?? '';
  return new Response(null);
}
`,
      filename: 'app/api/caller/route.ts',
    },
    {
      code: `
export const handler = async () => {
  if (typeof globalThis.sdk === 'undefined') {
    globalThis.sdk = await Promise.resolve({});
  }
  return { statusCode: 200 };
};
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  process.env.REGION ??= 'eu-west-1';
  res.end();
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/warm', (req, res) => {
  globalThis.warmedUp = true; // stateless-ok: read only by this replica's readiness probe
  res.end();
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  globalThis.lastSeen = Date.now();
  res.end();
});
`,
      options: [{ lifetimes: ['unknown'] }],
    },
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  Object.assign(globalThis, req.body);
  next();
});
`,
    },
    {
      code: `
import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export function getPrisma() {
  if (!globalForPrisma.prisma) globalForPrisma.prisma = new PrismaClient();
  return globalForPrisma.prisma;
}
`,
    },
    {
      code: `
export async function GET() {
  if (!globalThis.client || globalThis.client.closed) {
    globalThis.client = await Promise.resolve({ closed: false });
  }
  return Response.json({});
}
`,
      filename: 'app/api/x/route.ts',
    },
  ],
  invalid: [
    {
      // The same function handed to another API instead of called at once: when it runs is unknown.
      code: `
registerPlugin(function () {
  (globalThis as any).cronTools = { version: 2 };
});
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [{ messageId: 'globalWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.cronTools', when: 'after startup' } }],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/health', (req, res) => {
  globalThis.lastHealthCheck = Date.now();
  res.send('ok');
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.lastHealthCheck', when: 'at request time' } },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/ping', (c) => {
  window.pings++;
  return c.text('pong');
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'window.pings', when: 'at request time' } },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.post('/reset', async (request, reply) => {
  Object.assign(globalThis, { warmedUp: false });
  return reply.send({ ok: true });
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis', when: 'at request time' } },
      ],
    },
    {
      code: `
import { NextResponse } from 'next/server';
export async function POST() {
  process.env.FEATURE_SEARCH = 'on';
  return NextResponse.json({ ok: true });
}
`,
      filename: 'app/api/features/route.ts',
      errors: [
        { messageId: 'envWrite', line: 4, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env.FEATURE_SEARCH', when: 'at request time' } },
      ],
    },
    {
      code: `
export const handler = async (event) => {
  delete process.env.CACHE_WARM;
  return { statusCode: 204 };
};
`,
      errors: [
        { messageId: 'envWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env.CACHE_WARM', when: 'at request time' } },
      ],
    },
    {
      code: `
export async function POST() {
  Object.assign(process.env, { LOG_LEVEL: 'debug' });
  return new Response(null, { status: 204 });
}
`,
      filename: 'src/routes/admin/log-level/+server.ts',
      errors: [
        { messageId: 'envWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env', when: 'at request time' } },
      ],
    },
    {
      code: `
Bun.serve({
  port: 3000,
  fetch(req) {
    globalThis.requestCount++;
    return new Response('hi');
  },
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 5, data: { advice: FINDING_ADVICE.global, name: 'globalThis.requestCount', when: 'at request time' } },
      ],
    },
    {
      code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', () => {
    global.lastMessageAt = Date.now();
  });
});
`,
      errors: [
        { messageId: 'globalWrite', line: 6, column: 5, data: { advice: FINDING_ADVICE.global, name: 'global.lastMessageAt', when: 'at request time' } },
      ],
    },
    {
      code: `
import { initTRPC } from '@trpc/server';
const t = initTRPC.create();
export const appRouter = t.router({
  warm: t.procedure.mutation(() => {
    globalThis.warm = true;
    return 'ok';
  }),
});
`,
      errors: [
        { messageId: 'globalWrite', line: 6, column: 5, data: { advice: FINDING_ADVICE.global, name: 'globalThis.warm', when: 'at request time' } },
      ],
    },
    {
      code: `
import { Controller, Post } from '@nestjs/common';
@Controller('admin')
export class AdminController {
  @Post('maintenance')
  enable() {
    globalThis.maintenance = true;
  }
}
`,
      errors: [
        { messageId: 'globalWrite', line: 7, column: 5, data: { advice: FINDING_ADVICE.global, name: 'globalThis.maintenance', when: 'at request time' } },
      ],
    },
    {
      code: `'use server';
export async function toggleDarkLaunch() {
  process.env.DARK_LAUNCH = 'enabled';
}
`,
      filename: 'app/actions.ts',
      errors: [
        { messageId: 'envWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env.DARK_LAUNCH', when: 'at request time' } },
      ],
    },
    {
      code: `
export const handle = async ({ event, resolve }) => {
  globalThis.lastRequestAt = Date.now();
  return resolve(event);
};
`,
      filename: 'src/hooks.server.ts',
      errors: [
        { messageId: 'globalWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.lastRequestAt', when: 'at request time' } },
      ],
    },
    {
      code: `
export default defineEventHandler(() => {
  globalThis.visits++;
  return 'ok';
});
`,
      filename: 'server/api/visit.ts',
      errors: [
        { messageId: 'globalWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.visits', when: 'at request time' } },
      ],
    },
    {
      code: `
export function setRegion(region: string) {
  process.env.AWS_REGION = region;
}
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [
        { messageId: 'envWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env.AWS_REGION', when: 'after startup' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
function countHit() {
  globalThis.hits = (globalThis.hits ?? 0) + 1;
}
app.get('/', (req, res) => {
  countHit();
  res.end();
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.hits', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  const g = globalThis;
  g.lastVisit = Date.now();
  res.end();
});
`,
      errors: [
        { messageId: 'globalWrite', line: 6, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.lastVisit', when: 'at request time' } },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.addHook('onRequest', async () => {
  process.env.SEEN_HOSTS += ',api';
});
`,
      errors: [
        { messageId: 'envWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env.SEEN_HOSTS', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  globalThis.metrics = {};
  globalThis.lastSeen = Date.now();
  res.end();
});
`,
      options: [{ allow: ['globalThis.metrics'] }],
      errors: [
        { messageId: 'globalWrite', line: 6, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.lastSeen', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  globalThis.lastSeen = Date.now();
  res.end();
});
`,
      settings: { stateless: { handlerCalls: 3 } },
      errors: [
        { messageId: 'invalidSettings', line: 1, column: 1, data: { error: 'settings.stateless.handlerCalls must be an array of non-empty strings' } },
      ],
    },
    {
      code: `
import Router from '@koa/router';
const router = new Router();
router.get('/status', async (ctx) => {
  process.env.LAST_STATUS_CHECK = String(Date.now());
  ctx.body = 'ok';
});
`,
      errors: [
        { messageId: 'envWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env.LAST_STATUS_CHECK', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  globalThis.stats.hits = 0;
  res.end();
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.stats.hits', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  globalThis.stats!.hits++;
  res.end();
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.stats.hits', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  Reflect.set(globalThis, 'lastPath', '/');
  res.end();
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/warm', (req, res) => {
  // stateless-ok
  globalThis.warmedUp = true;
  res.end();
});
`,
      // The malformed annotation is reported by whichever rule of the plugin runs first on the file.
      errors: [
        { messageId: 'okWithoutReason', line: 5, column: 3 },
        { messageId: 'globalWrite', line: 6, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.warmedUp', when: 'at request time' } },
      ],
    },
    {
      code: `
export default {
  async fetch() {
    process.env.TZ = 'UTC';
    return new Response('ok');
  },
};
`,
      errors: [
        { messageId: 'envWrite', line: 4, column: 5, data: { advice: FINDING_ADVICE.env, name: 'process.env.TZ', when: 'at request time' } },
      ],
    },
    {
      code: `
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
@Injectable()
export class ThrottleGuard implements CanActivate {
  canActivate(context: ExecutionContext) {
    globalThis.requestsThisMinute++;
    return true;
  }
}
`,
      errors: [
        { messageId: 'globalWrite', line: 6, column: 5, data: { advice: FINDING_ADVICE.global, name: 'globalThis.requestsThisMinute', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
export function resetFlags() {
  process.env.FLAGS = '';
}
app.post('/reset', (req, res) => {
  resetFlags();
  res.end();
});
`,
      errors: [
        { messageId: 'envWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env.FLAGS', when: 'at request time' } },
      ],
    },
  ],
});

js.run('no-global-state (JavaScript)', rule, {
  valid: [
    {
      code: `
import express from 'express';
import { Pool } from 'pg';
const app = express();
app.get('/db', async (req, res) => {
  if (!global.pool) global.pool = new Pool();
  res.json(await global.pool.query('select 1'));
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  const process = { env: {} };
  process.env.MODE = 'test';
  res.json(process.env);
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.listen(3000, () => {
  globalThis.startedAt = Date.now();
  process.env.READY = '1';
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  globalThis.user = req.user;
  next();
});
`,
    },
    {
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.addHook('onReady', async () => {
  globalThis.ready = true;
});
`,
    },
    {
      code: `
(async () => {
  globalThis.secrets = await Promise.resolve({});
})();
`,
    },
    {
      code: `
import { Hono } from 'hono';
import { createClient } from 'redis';
const app = new Hono();
app.get('/', async (c) => {
  globalThis.redis ||= createClient();
  return c.text(await globalThis.redis.get('greeting'));
});
`,
    },
    {
      code: `
export const handler = async (event) => {
  const self = { calls: 0 };
  self.calls++;
  return { statusCode: 200, body: String(self.calls) };
};
`,
    },
    {
      code: `
export function setRegion(region) {
  process.env.AWS_REGION = region;
}
`,
      options: [{ lifetimes: ['request'] }],
    },
    {
      code: `
import 'dotenv/config';
process.env.PORT ??= '3000';
global.fetch = globalThis.fetch;
`,
    },
    {
      code: `
const resolvers = {
  Query: {
    product: async (_parent, { id }) => {
      globalThis.productCache.set(id, { id });
      return globalThis.productCache.get(id);
    },
  },
};
export default resolvers;
`,
    },
  ],
  invalid: [
    {
      code: `
import express from 'express';
const router = express.Router();
router.post('/orders', (req, res) => {
  global.orderCount += 1;
  res.sendStatus(201);
});
export default router;
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'global.orderCount', when: 'at request time' } },
      ],
    },
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  delete globalThis.maintenance;
  await next();
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.maintenance', when: 'at request time' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.put('/flags', (req, res) => {
  const key = 'MAINTENANCE_MODE';
  process.env[key] = '1';
  res.end();
});
`,
      errors: [
        { messageId: 'envWrite', line: 6, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env[…]', when: 'at request time' } },
      ],
    },
    {
      code: `
export default {
  async fetch(request, env) {
    self.lastFetch = Date.now();
    return new Response('ok');
  },
};
`,
      errors: [
        { messageId: 'globalWrite', line: 4, column: 5, data: { advice: FINDING_ADVICE.global, name: 'self.lastFetch', when: 'at request time' } },
      ],
    },
    {
      code: `
import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => {
  globalThis.onlineUsers += 1;
  socket.emit('welcome');
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.onlineUsers', when: 'at request time' } },
      ],
    },
    {
      code: `
const resolvers = {
  Mutation: {
    enableBeta: () => {
      process.env.BETA = 'true';
      return true;
    },
  },
};
export default resolvers;
`,
      errors: [
        { messageId: 'envWrite', line: 5, column: 7, data: { advice: FINDING_ADVICE.env, name: 'process.env.BETA', when: 'at request time' } },
      ],
    },
    {
      code: `
import { json } from '@remix-run/node';
export async function loader() {
  global.dashboardLoads = (global.dashboardLoads || 0) + 1;
  return json({});
}
`,
      filename: 'app/routes/dashboard.jsx',
      errors: [
        { messageId: 'globalWrite', line: 4, column: 3, data: { advice: FINDING_ADVICE.global, name: 'global.dashboardLoads', when: 'at request time' } },
      ],
    },
    {
      code: `
export function updateSettings(req, res) {
  process.env.THEME = 'dark';
  res.sendStatus(204);
}
`,
      errors: [
        { messageId: 'envWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env.THEME', when: 'at request time' } },
      ],
    },
    {
      code: `
export function markReady() {
  globalThis.ready = true;
}
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [
        { messageId: 'globalWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.ready', when: 'after startup' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.post('/jobs', (req, res) => {
  setTimeout(() => {
    globalThis.lastJobAt = Date.now();
  }, 1000);
  res.sendStatus(202);
});
`,
      errors: [
        { messageId: 'globalWrite', line: 6, column: 5, data: { advice: FINDING_ADVICE.global, name: 'globalThis.lastJobAt', when: 'at request time' } },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/x', (c) => {
  Object.defineProperty(globalThis, 'locked', { value: true });
  return c.body(null);
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis', when: 'at request time' } },
      ],
    },
    {
      code: `
const express = require('express');
const app = express();
app.delete('/cache', function (req, res) {
  delete global.cache;
  res.end();
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'global.cache', when: 'at request time' } },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.use(async (c, next) => {
  window.lastRequestAt = new Date();
  await next();
});
`,
      errors: [
        { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'window.lastRequestAt', when: 'at request time' } },
      ],
    },
  ],
});

describe('no-global-state: pattern targets, literal keys and class shapes', () => {
  ts.run('no-global-state (pattern targets, literal keys, class shapes)', rule, {
    valid: [],
    invalid: [
      // Reassigning `process.env` as a whole is an env write.
      {
        code: `
import express from 'express';
const app = express();
app.post('/env', (req, res) => {
  process.env = { ...process.env, MODE: 'maintenance' };
  res.end();
});
`,
        errors: [{ messageId: 'envWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.env, name: 'process.env', when: 'at request time' } }],
      },
      // Global members as destructuring targets are writes.
      {
        code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  [globalThis.first, globalThis.second] = [1, 2];
  res.end();
});
`,
        errors: [
          { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.first', when: 'at request time' } },
          { messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.second', when: 'at request time' } },
        ],
      },
      // A string-literal key is a fixed name, shown as such.
      {
        code: `
export const handler = async () => {
  globalThis['coldStart'] = false;
  return { statusCode: 200 };
};
`,
        errors: [{ messageId: 'globalWrite', line: 3, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis.coldStart', when: 'at request time' } }],
      },
    ],
  });

  js.run('no-global-state (class shapes, JavaScript)', rule, {
    valid: [],
    invalid: [
      // espree class nodes have no `decorators` array: a class method in JavaScript.
      {
        code: `
export class Metrics {
  record() {
    globalThis.lastRecordedAt = Date.now();
  }
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
        errors: [{ messageId: 'globalWrite', line: 4, column: 5, data: { advice: FINDING_ADVICE.global, name: 'globalThis.lastRecordedAt', when: 'after startup' } }],
      },
    ],
  });
});

// Shapes from services in the wild: fixed keys on the global object, browser objects, development-only code.
describe('fixed keys, browser objects, development-only code', () => {
  ts.run('no-global-state (fixed keys, browser objects, development-only code)', rule, {
    valid: [
      // `globalThis[KEY]` under a fixed key is one slot: filled once, lazily.
      {
        filename: 'app/api/geo/route.ts',
        code: `
import maxmind from 'maxmind';

const MAXMIND = Symbol.for('maxmind');

export async function GET(request: Request) {
  if (!globalThis[MAXMIND]) {
    globalThis[MAXMIND] = await maxmind.open('geo/GeoLite2-City.mmdb');
  }
  return Response.json(globalThis[MAXMIND].get(request.headers.get('x-forwarded-for')));
}
`,
      },
      // The hot-reload singleton: kept on the global object outside production only.
      {
        filename: 'app/api/users/route.ts',
        code: `
import { PrismaClient } from '@prisma/client';

let prisma: PrismaClient | undefined;

function createClient() {
  const client = new PrismaClient();
  if (process.env.NODE_ENV !== 'production') globalThis.prisma = client;
  return client;
}

export async function GET() {
  prisma ??= createClient();
  return Response.json(await prisma.user.findMany());
}
`,
      },
      // The singleton helper of Remix stacks: lazily created singletons kept on the global object.
      {
        code: `
export const singleton = <Value>(name: string, valueFactory: () => Value): Value => {
  const g = global as unknown as { __singletons: Record<string, unknown> };
  g.__singletons ??= {};
  g.__singletons[name] ??= valueFactory();
  return g.__singletons[name] as Value;
};
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
      // `window.location.href = url` navigates the page.
      {
        code: `
export function goTo(url: string) {
  window.location.href = url;
  window.document.title = url;
}
`,
        options: [{ lifetimes: ['request', 'unknown'] }],
      },
    ],
    invalid: [
      // A key chosen per request is a slot per request.
      {
        filename: 'app/api/flags/route.ts',
        code: `
let slot = 'flags';

export async function POST(request: Request) {
  slot = request.headers.get('x-slot') ?? slot;
  globalThis[slot] = await request.json();
  return new Response(null, { status: 204 });
}
`,
        errors: [{ messageId: 'globalWrite', line: 6, column: 3, data: { advice: FINDING_ADVICE.global, name: 'globalThis[…]', when: 'at request time' } }],
      },
      // The production branch runs in every replica.
      {
        filename: 'app/api/visit/route.ts',
        code: `
export async function GET(request: Request) {
  if (process.env.NODE_ENV === 'production') {
    globalThis.lastVisit = Date.now();
  } else {
    globalThis.lastDevVisit = Date.now();
  }
  return new Response('ok');
}
`,
        errors: [{ messageId: 'globalWrite', line: 4, column: 5, data: { advice: FINDING_ADVICE.global, name: 'globalThis.lastVisit', when: 'at request time' } }],
      },
    ],
  });
});

describe('no-global-state: implicit globals and app-wide settings', () => {
  js.run('no-global-state (implicit globals, app settings)', rule, {
    valid: [
      // Assigned once while the script starts.
      `
const express = require('express');
config = { port: 3000 };
express().listen(config.port);
`,
      // A global the file only reads is not its state.
      `
const express = require('express');
express().get('/', (req, res) => res.send(BUILD_ID));
`,
    ],
    invalid: [
      {
        code: `
const express = require('express');
const app = express();
app.get('/hit', (req, res) => {
  hits = (typeof hits === 'number' ? hits : 0) + 1;
  res.json({ hits });
});
`,
        errors: [{ messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'hits', when: 'at request time' } }],
      },
      {
        code: `
import express from 'express';
const app = express();
app.post('/maintenance', (req, res) => {
  req.app.set('maintenance', true);
  res.end();
});
`,
        errors: [{ messageId: 'globalWrite', line: 5, column: 3, data: { advice: FINDING_ADVICE.global, name: 'app.settings.maintenance', when: 'at request time' } }],
      },
    ],
  });
});
