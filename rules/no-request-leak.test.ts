import type { TestLanguageOptions } from '@typescript-eslint/rule-tester';
import { describe } from 'vitest';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRuleTesters } from '../tests/rule-tester.js';
import rule from './no-request-leak.js';

const { ts, js } = createRuleTesters();

// CommonJS scope analysis (a function scope around the file); the rule tester's type leaves `sourceType` out.
const COMMONJS = { sourceType: 'commonjs' } as TestLanguageOptions;

ts.run('no-request-leak', rule, {
  valid: [
    {
      code: `
import express from 'express';
const app = express();
const sessions = new Map();
app.post('/sessions/:id', (req, res) => {
  sessions.set(req.params.id, req.body);
  res.end();
});
`,
    },
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
const events: unknown[] = [];
app.post('/events', async (request) => {
  events.push(request.body);
  return { queued: events.length };
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
let total = 0;
app.post('/payments', (req, res) => {
  total += req.body.amount;
  res.json({ total });
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  const user = req.user;
  res.locals.user = user;
  next();
});
`,
    },
    {
      code: `
let lastRequestAt = 0;
export async function GET() {
  lastRequestAt = Date.now();
  return Response.json({ lastRequestAt });
}
`,
      filename: 'app/api/ping/route.ts',
    },
    {
      code: `
import { Controller, Get, Injectable, Req, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class RequestContext {
  user: unknown;
  @Get()
  capture(@Req() req: { user: unknown }) {
    this.user = req.user;
  }
}
`,
    },
    {
      code: `
import { Controller, Get } from '@nestjs/common';
import { UsersService } from './users.service';
@Controller('users')
export class UsersController {
  private readonly service: UsersService;
  constructor(service: UsersService) {
    this.service = service;
  }
  @Get()
  list() {
    return this.service.findAll();
  }
}
`,
    },
    {
      code: `
import express from 'express';
const app = express();
let lastError: unknown;
app.use((err: unknown, req: unknown, res: { end(): void }, next: unknown) => {
  // stateless-ok: debugging aid read only by this replica's /debug endpoint, no user data
  lastError = err;
  res.end();
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
const state = { byUser: {} as Record<string, unknown> };
app.put('/prefs', (req, res) => {
  state.byUser[req.user.id] = req.body;
  res.end();
});
`,
    },
    {
      code: `
export const handler = async (event: { body: string }) => {
  let payload = JSON.parse(event.body);
  payload = { ...payload, receivedAt: Date.now() };
  return { statusCode: 200, body: JSON.stringify(payload) };
};
`,
    },
    {
      code: `
let config = { region: 'eu' };
config = { ...config, region: process.env.REGION ?? 'eu' };
export default config;
`,
    },
    {
      code: `
import { DurableObject } from 'cloudflare:workers';
export class ChatRoom extends DurableObject {
  lastMessage = '';
  async fetch(request: Request) {
    this.lastMessage = await request.text();
    return new Response('ok');
  }
}
`,
    },
    {
      code: `
import { AsyncLocalStorage } from 'node:async_hooks';
import express from 'express';
const als = new AsyncLocalStorage<{ user: unknown }>();
const app = express();
app.use((req, res, next) => {
  als.run({ user: req.user }, next);
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
let boundPort = 0;
const server = app.listen(3000, () => {
  boundPort = server.address().port;
});
`,
    },
    {
      code: `
import { Injectable, Scope, NestMiddleware } from '@nestjs/common';
@Injectable({ scope: Scope.TRANSIENT })
export class TenantMiddleware implements NestMiddleware {
  tenant = '';
  use(req: { headers: Record<string, string> }, res: unknown, next: () => void) {
    this.tenant = req.headers['x-tenant'] ?? '';
    next();
  }
}
`,
    },
    {
      code: `
import { initTRPC } from '@trpc/server';
const t = initTRPC.create();
let schemaVersion: string | undefined;
export const appRouter = t.router({
  version: t.procedure.query(async () => {
    if (!schemaVersion) schemaVersion = await Promise.resolve('v1');
    return schemaVersion;
  }),
});
`,
    },
    {
      code: `
import { Controller, Get, Query } from '@nestjs/common';
@Controller('search')
export class SearchController {
  private readonly limit = 20;
  @Get()
  search(@Query('q') q: string) {
    const result = { q, limit: this.limit };
    return result;
  }
}
`,
    },
    {
      code: `
import express from 'express';
const app = express();
let debugMode = false;
app.get('/', (req, res) => {
  if (req.query.debug) debugMode = true;
  res.json({ debugMode });
});
`,
    },
    {
      code: `
import { Controller, Get, Req } from '@nestjs/common';
@Controller()
export class AppController {
  private client?: unknown;
  @Get()
  async get(@Req() req: { user: unknown }) {
    this.client ??= await Promise.resolve({});
    return req.user;
  }
}
`,
    },
    {
      code: `
import { Controller, Get, Req } from '@nestjs/common';
@Controller()
export class AppController {
  private lastPath = '';
  @Get()
  get(@Req() req: { path: string }) {
    // stateless-ok: diagnostics only, path carries no user data here
    this.lastPath = req.path;
  }
}
`,
    },
    {
      code: `
import { Controller, Get, Req } from '@nestjs/common';
@Controller()
export class AppController {
  private lastPath = '';
  @Get()
  get(@Req() req: { path: string }) {
    this.lastPath = req.path;
  }
}
`,
      options: [{ allow: ['this.lastPath'] }],
    },
    {
      code: `
import express from 'express';
class Cart {
  items: unknown[] = [];
  add(item: unknown) {
    this.items = [...this.items, item];
  }
}
const app = express();
app.post('/cart', (req, res) => {
  const cart = new Cart();
  cart.add(req.body);
  res.json(cart.items);
});
`,
    },
  ],
  invalid: [
    {
      code: `
import express from 'express';
const app = express();
let currentUser;
app.get('/me', (req, res) => {
  currentUser = req.user;
  res.json(currentUser);
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'currentUser' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'currentUser' },
              output: `
import express from 'express';
const app = express();
app.get('/me', (req, res) => {
  let currentUser;
  currentUser = req.user;
  res.json(currentUser);
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const router = express.Router();
const state = { current: null };
router.post('/draft', (req, res) => {
  state.current = req.body;
  res.end();
});
export default router;
`,
      errors: [
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'state' }, suggestions: [] },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
const settings = { theme: 'light' };
fastify.patch('/settings', async (request) => {
  Object.assign(settings, request.body);
  return settings;
});
`,
      errors: [
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'settings' } },
      ],
    },
    {
      code: `
let lastPayload: unknown;
export async function POST(request: Request) {
  const body = await request.json();
  lastPayload = body;
  return Response.json({ received: true });
}
`,
      filename: 'app/api/webhook/route.ts',
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastPayload' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastPayload' },
              output: `
export async function POST(request: Request) {
  let lastPayload: unknown;
  const body = await request.json();
  lastPayload = body;
  return Response.json({ received: true });
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
let currentId = '';
app.get('/items/:id', (c) => {
  currentId = c.req.param('id');
  return c.json({ id: currentId });
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'currentId' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'currentId' },
              output: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/items/:id', (c) => {
  let currentId = '';
  currentId = c.req.param('id');
  return c.json({ id: currentId });
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let lastUser: unknown;
function remember(user: unknown) {
  lastUser = user;
}
app.get('/profile', (req, res) => {
  remember(req.user);
  res.json(lastUser);
});
`,
      errors: [
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'lastUser' }, suggestions: [] },
      ],
    },
    {
      code: `
import { Body, Controller, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  private lastBody: unknown;
  @Post()
  create(@Body() body: unknown) {
    this.lastBody = body;
    return { ok: true };
  }
}
`,
      errors: [
        { messageId: 'instanceLeak', line: 8, column: 5, data: { advice: FINDING_ADVICE.instanceLeak, name: 'lastBody', className: 'UsersController' } },
      ],
    },
    {
      code: `
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
@Injectable()
export class AuthGuard implements CanActivate {
  private user: unknown;
  canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest();
    this.user = request.user;
    return true;
  }
}
`,
      errors: [
        { messageId: 'instanceLeak', line: 8, column: 5, data: { advice: FINDING_ADVICE.instanceLeak, name: 'user', className: 'AuthGuard' } },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
let currentRequest: unknown;
app.addHook('preHandler', async (request) => {
  currentRequest = request;
});
export function getCurrentRequest() {
  return currentRequest;
}
`,
      errors: [
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'currentRequest' }, suggestions: [] },
      ],
    },
    {
      code: `'use server';
let lastEmail: FormDataEntryValue | null = null;
export async function subscribe(formData: FormData) {
  lastEmail = formData.get('email');
}
`,
      filename: 'app/actions.ts',
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastEmail' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastEmail' },
              output: `'use server';
export async function subscribe(formData: FormData) {
  let lastEmail: FormDataEntryValue | null = null;
  lastEmail = formData.get('email');
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import type { Handle } from '@sveltejs/kit';
let currentLocale = 'en';
export const handle: Handle = async ({ event, resolve }) => {
  currentLocale = event.cookies.get('locale') ?? 'en';
  return resolve(event);
};
export function locale() {
  return currentLocale;
}
`,
      filename: 'src/hooks.server.ts',
      errors: [
        { messageId: 'leak', line: 5, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'currentLocale' }, suggestions: [] },
      ],
    },
    {
      code: `
let lastBody: unknown;
export default defineEventHandler(async (event) => {
  lastBody = await readBody(event);
  return { ok: true };
});
`,
      filename: 'server/api/submit.post.ts',
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastBody' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastBody' },
              output: `
export default defineEventHandler(async (event) => {
  let lastBody: unknown;
  lastBody = await readBody(event);
  return { ok: true };
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastUrl = '';
export default {
  async fetch(request: Request) {
    lastUrl = request.url;
    return new Response(lastUrl);
  },
};
`,
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastUrl' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastUrl' },
              output: `
export default {
  async fetch(request: Request) {
    let lastUrl = '';
    lastUrl = request.url;
    return new Response(lastUrl);
  },
};
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { Server } from 'socket.io';
const io = new Server(3000);
let currentRoom = '';
io.on('connection', (socket) => {
  socket.on('join', (room: string) => {
    currentRoom = room;
    socket.join(currentRoom);
  });
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 7,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'currentRoom' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'currentRoom' },
              output: `
import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => {
  socket.on('join', (room: string) => {
    let currentRoom = '';
    currentRoom = room;
    socket.join(currentRoom);
  });
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
const t = initTRPC.create();
const publicProcedure = t.procedure;
let lastInput: unknown;
export const appRouter = t.router({
  save: publicProcedure.input(z.object({ name: z.string() })).mutation(({ input }) => {
    lastInput = input;
    return { ok: true };
  }),
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 9,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastInput' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastInput' },
              output: `
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
const t = initTRPC.create();
const publicProcedure = t.procedure;
export const appRouter = t.router({
  save: publicProcedure.input(z.object({ name: z.string() })).mutation(({ input }) => {
    let lastInput: unknown;
    lastInput = input;
    return { ok: true };
  }),
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  process.env.CURRENT_TENANT = req.headers['x-tenant'];
  next();
});
`,
      errors: [
        { messageId: 'leak', line: 5, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'process.env.CURRENT_TENANT' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let currentUser: unknown;
app.use((req, res, next) => {
  currentUser = req.user;
  next();
});
`,
      settings: { stateless: { handlerCalls: 3 } },
      errors: [
        { messageId: 'invalidSettings', line: 1, column: 1, data: { error: 'settings.stateless.handlerCalls must be an array of non-empty strings' } },
      ],
    },
    {
      code: `
import express from 'express';
const router = express.Router();
let lastOrder: unknown;
router.route('/orders').post((req, res) => {
  const { items, total } = req.body;
  lastOrder = { items, total };
  res.status(201).end();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 7,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastOrder' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastOrder' },
              output: `
import express from 'express';
const router = express.Router();
router.route('/orders').post((req, res) => {
  let lastOrder: unknown;
  const { items, total } = req.body;
  lastOrder = { items, total };
  res.status(201).end();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
const context = { auth: { token: '' } };
app.use(async (c, next) => {
  context.auth.token = c.req.header('authorization') ?? '';
  await next();
});
`,
      errors: [
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'context' } },
      ],
    },
    {
      code: `
import { Body, Controller, Post } from '@nestjs/common';
let lastBody: unknown;
@Controller('items')
export class ItemsController {
  @Post()
  create(@Body() body: unknown) {
    lastBody = body;
  }
}
`,
      errors: [
        {
          messageId: 'leak',
          line: 8,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastBody' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastBody' },
              output: `
import { Body, Controller, Post } from '@nestjs/common';
@Controller('items')
export class ItemsController {
  @Post()
  create(@Body() body: unknown) {
    let lastBody: unknown;
    lastBody = body;
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
let lastSignup: unknown;
fastify.route({
  method: 'POST',
  url: '/signup',
  handler: async (request) => {
    lastSignup = request.body;
    return { ok: true };
  },
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 9,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastSignup' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastSignup' },
              output: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.route({
  method: 'POST',
  url: '/signup',
  handler: async (request) => {
    let lastSignup: unknown;
    lastSignup = request.body;
    return { ok: true };
  },
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import Router from '@koa/router';
const router = new Router();
let lastComment: unknown;
router.post('/comments', async (ctx) => {
  lastComment = ctx.request.body;
  ctx.status = 201;
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastComment' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastComment' },
              output: `
import Router from '@koa/router';
const router = new Router();
router.post('/comments', async (ctx) => {
  let lastComment: unknown;
  lastComment = ctx.request.body;
  ctx.status = 201;
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { NextResponse } from 'next/server';
let lastPathname = '';
export function middleware(request) {
  lastPathname = request.nextUrl.pathname;
  return NextResponse.next();
}
`,
      filename: 'middleware.ts',
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastPathname' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastPathname' },
              output: `
import { NextResponse } from 'next/server';
export function middleware(request) {
  let lastPathname = '';
  lastPathname = request.nextUrl.pathname;
  return NextResponse.next();
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastForm: FormData | undefined;
export const actions = {
  default: async ({ request }) => {
    lastForm = await request.formData();
  },
};
`,
      filename: 'src/routes/contact/+page.server.ts',
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastForm' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastForm' },
              output: `
export const actions = {
  default: async ({ request }) => {
    let lastForm: FormData | undefined;
    lastForm = await request.formData();
  },
};
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
const server = new ApolloServer({ typeDefs: '', resolvers: {} });
let lastToken = '';
await startStandaloneServer(server, {
  context: async ({ req }) => {
    lastToken = req.headers.authorization ?? '';
    return {};
  },
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 8,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastToken' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastToken' },
              output: `
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
const server = new ApolloServer({ typeDefs: '', resolvers: {} });
await startStandaloneServer(server, {
  context: async ({ req }) => {
    let lastToken = '';
    lastToken = req.headers.authorization ?? '';
    return {};
  },
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastHost = '';
Deno.serve((req: Request) => {
  lastHost = new URL(req.url).host;
  return new Response('ok');
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastHost' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastHost' },
              output: `
Deno.serve((req: Request) => {
  let lastHost = '';
  lastHost = new URL(req.url).host;
  return new Response('ok');
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
let lastReq: unknown;
export const createContext = ({ req }: CreateExpressContextOptions) => {
  lastReq = req;
  return {};
};
`,
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastReq' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastReq' },
              output: `
import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
export const createContext = ({ req }: CreateExpressContextOptions) => {
  let lastReq: unknown;
  lastReq = req;
  return {};
};
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { ApolloServer } from '@apollo/server';
let lastSearch = '';
const resolvers = {
  Query: {
    search: (_parent: unknown, { term }: { term: string }) => {
      lastSearch = term;
      return [];
    },
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
      errors: [
        {
          messageId: 'leak',
          line: 7,
          column: 7,
          data: { advice: FINDING_ADVICE.leak, name: 'lastSearch' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastSearch' },
              output: `
import { ApolloServer } from '@apollo/server';
const resolvers = {
  Query: {
    search: (_parent: unknown, { term }: { term: string }) => {
      let lastSearch = '';
      lastSearch = term;
      return [];
    },
  },
};
export const server = new ApolloServer({ typeDefs: '', resolvers });
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastId = '';
Bun.serve({
  routes: {
    '/users/:id': (req) => {
      lastId = req.params.id;
      return new Response(lastId);
    },
  },
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 7,
          data: { advice: FINDING_ADVICE.leak, name: 'lastId' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastId' },
              output: `
Bun.serve({
  routes: {
    '/users/:id': (req) => {
      let lastId = '';
      lastId = req.params.id;
      return new Response(lastId);
    },
  },
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let lastItem: unknown;
app.post('/cart', (req, res) => {
  for (const item of req.body.items) {
    lastItem = item;
  }
  res.end();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 7,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastItem' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastItem' },
              output: `
import express from 'express';
const app = express();
app.post('/cart', (req, res) => {
  let lastItem: unknown;
  for (const item of req.body.items) {
    lastItem = item;
  }
  res.end();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
export let currentTenant = '';
app.use((req, res, next) => {
  currentTenant = req.get('x-tenant') ?? '';
  next();
});
`,
      errors: [
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'currentTenant' }, suggestions: [] },
      ],
    },
    {
      code: `
import { Controller, Get, Req } from '@nestjs/common';
@Controller()
export class AppController {
  private lastPath = '';
  @Get('*')
  catchAll(@Req() req: { path: string }) {
    this.lastPath = req.path;
    return this.lastPath;
  }
}
`,
      errors: [
        { messageId: 'instanceLeak', line: 8, column: 5, data: { advice: FINDING_ADVICE.instanceLeak, name: 'lastPath', className: 'AppController' } },
      ],
    },
    {
      code: `
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
@WebSocketGateway()
export class ChatGateway {
  private lastMessage = '';
  @SubscribeMessage('message')
  handle(client: unknown, payload: string) {
    this.lastMessage = payload;
  }
}
`,
      errors: [
        { messageId: 'instanceLeak', line: 8, column: 5, data: { advice: FINDING_ADVICE.instanceLeak, name: 'lastMessage', className: 'ChatGateway' } },
      ],
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.post('/x', async (c) => {
  self.lastBody = await c.req.json();
  return c.body(null);
});
`,
      errors: [
        { messageId: 'leak', line: 5, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'self.lastBody' } },
      ],
    },
    {
      code: `
import type { FastifyRequest } from 'fastify';
let lastIp = '';
export async function audit(request: FastifyRequest) {
  lastIp = request.ip;
}
`,
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastIp' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastIp' },
              output: `
import type { FastifyRequest } from 'fastify';
export async function audit(request: FastifyRequest) {
  let lastIp = '';
  lastIp = request.ip;
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
const state = { current: null };
app.post('/x', (req, res) => {
  const s = state;
  s.current = req.body;
  res.end();
});
`,
      errors: [
        { messageId: 'leak', line: 7, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'state' } },
      ],
    },
  ],
});

js.run('no-request-leak (JavaScript)', rule, {
  valid: [
    {
      code: `
import express from 'express';
const app = express();
const drafts = {};
app.put('/drafts/:id', (req, res) => {
  drafts[req.params.id] = req.body;
  res.end();
});
`,
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
const seen = new Set();
app.get('/visit/:id', (c) => {
  seen.add(c.req.param('id'));
  return c.text('ok');
});
`,
    },
    {
      code: `
import express from 'express';
import { createClient } from 'redis';
const app = express();
let client;
app.get('/cache/:key', async (req, res) => {
  client ??= await createClient().connect();
  res.json(await client.get(req.params.key));
});
`,
    },
    {
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.state.user = ctx.request.body.user;
  await next();
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
let currentUser;
app.use((req, res, next) => {
  currentUser = req.user;
  globalThis.lastPath = req.path;
  next();
});
`,
      options: [{ allow: ['currentUser', 'globalThis.lastPath'] }],
    },
    {
      code: `
import express from 'express';
const app = express();
const drafts = {};
app.delete('/drafts/:id', (req, res) => {
  delete drafts[req.params.id];
  res.end();
});
`,
    },
    {
      code: `
let currentUser;
export function setCurrentUser(user) {
  currentUser = user;
}
export function getCurrentUser() {
  return currentUser;
}
`,
    },
    {
      code: `
import { Server } from 'socket.io';
const io = new Server(3000);
const rooms = new Map();
io.on('connection', (socket) => {
  socket.on('join', (room) => {
    rooms.get(room).members = socket.id;
  });
});
`,
    },
    {
      code: `
const resolvers = {
  Query: {
    product: async (_parent, { id }) => {
      await globalThis.cache.set(id, { id });
      return globalThis.cache.get(id);
    },
  },
};
export default resolvers;
`,
    },
    {
      code: `
import { Hono } from 'hono';
const app = new Hono();
let name = 'anonymous';
app.get('/hello/:name', (c) => {
  let name = c.req.param('name');
  name = name.trim();
  return c.text('Hello ' + name);
});
export { name };
`,
    },
    {
      code: `'use server';
export async function search(formData) {
  const q = formData.get('q');
  return { q };
}
`,
      filename: 'app/actions.js',
    },
    {
      code: `
const TABLE = process.env.TABLE;
export const handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ table: TABLE, id: event.pathParameters.id }),
});
`,
    },
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  Object.assign(res.locals, req.body);
  next();
});
`,
    },
    {
      code: `
import { Server } from 'socket.io';
const io = new Server();
io.on('connection', (socket) => {
  socket.data.user = socket.handshake.auth.user;
});
`,
    },
  ],
  invalid: [
    {
      code: `
import express from 'express';
const app = express();
let lastBody;
app.post('/echo', (req, res) => {
  lastBody = req.body;
  res.sendStatus(204);
});
app.get('/echo', (req, res) => {
  res.json(lastBody);
});
`,
      errors: [
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'lastBody' }, suggestions: [] },
      ],
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
      errors: [
        { messageId: 'leak', line: 5, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'globalThis.user' } },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let lastUserId;
app.get('/users/:userId', (req, res) => {
  const { userId } = req.params;
  lastUserId = userId;
  res.json({ userId });
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 7,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastUserId' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastUserId' },
              output: `
import express from 'express';
const app = express();
app.get('/users/:userId', (req, res) => {
  let lastUserId;
  const { userId } = req.params;
  lastUserId = userId;
  res.json({ userId });
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
import { db } from './db.js';
const app = express();
let cachedUser;
app.get('/users/:id', async (req, res) => {
  const user = await db.users.find(req.params.id);
  cachedUser = user;
  res.json(cachedUser);
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 8,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'cachedUser' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'cachedUser' },
              output: `
import express from 'express';
import { db } from './db.js';
const app = express();
app.get('/users/:id', async (req, res) => {
  let cachedUser;
  const user = await db.users.find(req.params.id);
  cachedUser = user;
  res.json(cachedUser);
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let lastItem;
app.post('/cart', (req, res) => {
  req.body.items.forEach((item) => {
    lastItem = item;
  });
  res.end();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 7,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastItem' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastItem' },
              output: `
import express from 'express';
const app = express();
app.post('/cart', (req, res) => {
  req.body.items.forEach((item) => {
    let lastItem;
    lastItem = item;
  });
  res.end();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
let sessionToken;
fastify.post('/login', async (request, reply) => {
  sessionToken = request.body.token;
  return reply.send({ ok: true });
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'sessionToken' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'sessionToken' },
              output: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.post('/login', async (request, reply) => {
  let sessionToken;
  sessionToken = request.body.token;
  return reply.send({ ok: true });
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import Koa from 'koa';
const app = new Koa();
let lastQuery;
app.use(async (ctx, next) => {
  lastQuery = ctx.query;
  await next();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastQuery' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastQuery' },
              output: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  let lastQuery;
  lastQuery = ctx.query;
  await next();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let latest;
export async function POST({ request }) {
  const data = await request.json();
  latest = data;
  return new Response(null, { status: 204 });
}
`,
      filename: 'src/routes/api/events/+server.js',
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'latest' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'latest' },
              output: `
export async function POST({ request }) {
  let latest;
  const data = await request.json();
  latest = data;
  return new Response(null, { status: 204 });
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { json } from '@remix-run/node';
let lastParams;
export async function loader({ params }) {
  lastParams = params;
  return json(lastParams);
}
`,
      filename: 'app/routes/posts.$slug.jsx',
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastParams' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastParams' },
              output: `
import { json } from '@remix-run/node';
export async function loader({ params }) {
  let lastParams;
  lastParams = params;
  return json(lastParams);
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastEvent;
export const handler = async (event) => {
  lastEvent = event;
  return { statusCode: 200 };
};
`,
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastEvent' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastEvent' },
              output: `
export const handler = async (event) => {
  let lastEvent;
  lastEvent = event;
  return { statusCode: 200 };
};
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastRequest;
Bun.serve({
  fetch(req) {
    lastRequest = req;
    return new Response('ok');
  },
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastRequest' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastRequest' },
              output: `
Bun.serve({
  fetch(req) {
    let lastRequest;
    lastRequest = req;
    return new Response('ok');
  },
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
let lastMessage = '';
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    lastMessage = data.toString();
  });
});
export { lastMessage };
`,
      errors: [
        { messageId: 'leak', line: 7, column: 5, data: { advice: FINDING_ADVICE.leak, name: 'lastMessage' }, suggestions: [] },
      ],
    },
    {
      code: `
let currentViewer;
export const resolvers = {
  Mutation: {
    login: (_parent, args) => {
      currentViewer = args.user;
      return currentViewer;
    },
  },
};
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 7,
          data: { advice: FINDING_ADVICE.leak, name: 'currentViewer' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'currentViewer' },
              output: `
export const resolvers = {
  Mutation: {
    login: (_parent, args) => {
      let currentViewer;
      currentViewer = args.user;
      return currentViewer;
    },
  },
};
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastUpdate;
export function updateProfile(req, res) {
  lastUpdate = req.body;
  res.sendStatus(204);
}
`,
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastUpdate' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastUpdate' },
              output: `
export function updateProfile(req, res) {
  let lastUpdate;
  lastUpdate = req.body;
  res.sendStatus(204);
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let debugLastRequest;
let currentUser;
app.use((req, res, next) => {
  debugLastRequest = req;
  currentUser = req.user;
  next();
});
`,
      options: [{ allow: ['/^debug/u'] }],
      errors: [
        {
          messageId: 'leak',
          line: 8,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'currentUser' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'currentUser' },
              output: `
import express from 'express';
const app = express();
let debugLastRequest;
app.use((req, res, next) => {
  let currentUser;
  debugLastRequest = req;
  currentUser = req.user;
  next();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  Object.assign(globalThis, { requestId: req.id });
  next();
});
`,
      errors: [
        { messageId: 'leak', line: 5, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'globalThis' } },
      ],
    },
    {
      code: `
import express from 'express';
const router = express.Router();
let currentId;
router.param('id', (req, res, next, id) => {
  currentId = id;
  next();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'currentId' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'currentId' },
              output: `
import express from 'express';
const router = express.Router();
router.param('id', (req, res, next, id) => {
  let currentId;
  currentId = id;
  next();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let lastError;
app.use((err, req, res, next) => {
  lastError = { message: err.message, path: req.path };
  res.status(500).end();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastError' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastError' },
              output: `
import express from 'express';
const app = express();
app.use((err, req, res, next) => {
  let lastError;
  lastError = { message: err.message, path: req.path };
  res.status(500).end();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastQuery;
export default function handler(req, res) {
  lastQuery = req.query;
  res.status(200).json({ ok: true });
}
`,
      filename: 'pages/api/search.js',
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastQuery' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastQuery' },
              output: `
export default function handler(req, res) {
  let lastQuery;
  lastQuery = req.query;
  res.status(200).json({ ok: true });
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { redirect } from '@remix-run/node';
let lastAction;
export async function action({ request }) {
  lastAction = await request.formData();
  return redirect('/');
}
`,
      filename: 'app/controllers/login.js',
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastAction' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastAction' },
              output: `
import { redirect } from '@remix-run/node';
export async function action({ request }) {
  let lastAction;
  lastAction = await request.formData();
  return redirect('/');
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastUrl = '';
addEventListener('fetch', (event) => {
  lastUrl = event.request.url;
  event.respondWith(new Response('ok'));
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastUrl' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastUrl' },
              output: `
addEventListener('fetch', (event) => {
  let lastUrl = '';
  lastUrl = event.request.url;
  event.respondWith(new Response('ok'));
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastBody;
exports.handler = async (event) => {
  lastBody = JSON.parse(event.body);
  return { statusCode: 200 };
};
`,
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastBody' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastBody' },
              output: `
exports.handler = async (event) => {
  let lastBody;
  lastBody = JSON.parse(event.body);
  return { statusCode: 200 };
};
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { initTRPC } from '@trpc/server';
const t = initTRPC.context().create();
let currentCtx;
export const logged = t.middleware(({ ctx, next }) => {
  currentCtx = ctx;
  return next();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'currentCtx' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'currentCtx' },
              output: `
import { initTRPC } from '@trpc/server';
const t = initTRPC.context().create();
export const logged = t.middleware(({ ctx, next }) => {
  let currentCtx;
  currentCtx = ctx;
  return next();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { createServer } from 'node:http';
let lastUrl;
createServer((req, res) => {
  lastUrl = req.url;
  res.end();
}).listen(3000);
`,
      errors: [
        {
          messageId: 'leak',
          line: 5,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastUrl' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastUrl' },
              output: `
import { createServer } from 'node:http';
createServer((req, res) => {
  let lastUrl;
  lastUrl = req.url;
  res.end();
}).listen(3000);
`,
            },
          ],
        },
      ],
    },
    {
      code: `
let lastQuery;
export default eventHandler((event) => {
  lastQuery = getQuery(event);
  return 'ok';
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 4,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastQuery' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastQuery' },
              output: `
export default eventHandler((event) => {
  let lastQuery;
  lastQuery = getQuery(event);
  return 'ok';
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let currentUser;
app.use((req, res, next) => {
  ({ user: currentUser } = req);
  next();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 4,
          data: { advice: FINDING_ADVICE.leak, name: 'currentUser' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'currentUser' },
              output: `
import express from 'express';
const app = express();
app.use((req, res, next) => {
  let currentUser;
  ({ user: currentUser } = req);
  next();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let lastUser;
const remember = (user) => {
  lastUser = user;
};
app.get('/profile', (req, res) => {
  remember(req.user);
  res.end();
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 3,
          data: { advice: FINDING_ADVICE.leak, name: 'lastUser' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastUser' },
              output: `
import express from 'express';
const app = express();
const remember = (user) => {
  let lastUser;
  lastUser = user;
};
app.get('/profile', (req, res) => {
  remember(req.user);
  res.end();
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import http from 'node:http';
let lastChunk;
http.createServer((req, res) => {
  req.on('data', (chunk) => {
    lastChunk = chunk;
  });
  req.on('end', () => res.end());
}).listen(3000);
`,
      errors: [
        {
          messageId: 'leak',
          line: 6,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastChunk' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastChunk' },
              output: `
import http from 'node:http';
http.createServer((req, res) => {
  req.on('data', (chunk) => {
    let lastChunk;
    lastChunk = chunk;
  });
  req.on('end', () => res.end());
}).listen(3000);
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
import { db } from './db.js';
const app = express();
let lastOrder;
app.get('/orders/:id', (req, res) => {
  db.orders.find(req.params.id).then((order) => {
    lastOrder = order;
    res.json(order);
  });
});
`,
      errors: [
        {
          messageId: 'leak',
          line: 8,
          column: 5,
          data: { advice: FINDING_ADVICE.leak, name: 'lastOrder' },
          suggestions: [
            {
              messageId: 'moveIntoHandler',
              data: { name: 'lastOrder' },
              output: `
import express from 'express';
import { db } from './db.js';
const app = express();
app.get('/orders/:id', (req, res) => {
  db.orders.find(req.params.id).then((order) => {
    let lastOrder;
    lastOrder = order;
    res.json(order);
  });
});
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let current;
app.use((req, res, next) => (current = req.user, next()));
`,
      errors: [
        { messageId: 'leak', line: 5, column: 30, data: { advice: FINDING_ADVICE.leak, name: 'current' }, suggestions: [] },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
let first, second;
app.get('/', (req, res) => {
  [first, second] = req.query.ids;
  res.end();
});
`,
      errors: [
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'first' }, suggestions: [] },
        { messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'second' }, suggestions: [] },
      ],
    },
  ],
});

describe('no-request-leak: pattern targets, literal keys and class shapes', () => {
  ts.run('no-request-leak (pattern targets, literal keys, class shapes)', rule, {
    valid: [],
    invalid: [
      // A string-literal key names one fixed slot.
      {
        code: `
import express from 'express';
const app = express();
const state = { current: null };
app.post('/draft', (req, res) => {
  state['current'] = req.body;
  res.end();
});
`,
        errors: [{ messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'state' }, suggestions: [] }],
      },
      // Parameters of a method called through `this` with request data are request-derived.
      {
        code: `
import { Body, Controller, Post } from '@nestjs/common';
@Controller('users')
export class UsersController {
  private lastUser: unknown;
  @Post()
  create(@Body() body: { user: unknown }) {
    this.remember(body.user);
    return { ok: true };
  }
  private remember(user: unknown) {
    this.lastUser = user;
  }
}
`,
        errors: [{ messageId: 'instanceLeak', line: 12, column: 5, data: { advice: FINDING_ADVICE.instanceLeak, name: 'lastUser', className: 'UsersController' } }],
      },
      // A fixed-name property below a singleton's field is one shared slot, like `state.current` at module scope.
      {
        code: `
import { Body, Controller, Post } from '@nestjs/common';
@Controller()
export class AppController {
  private state = { last: null as unknown };
  @Post()
  save(@Body() body: unknown) {
    this.state.last = body;
  }
}
`,
        errors: [{ messageId: 'instanceLeak', line: 8, column: 5, data: { advice: FINDING_ADVICE.instanceLeak, name: 'state', className: 'AppController' } }],
      },
    ],
  });

  js.run('no-request-leak (class shapes, JavaScript)', rule, {
    valid: [
      // espree class nodes have no `decorators` array: a top-level class in JavaScript.
      {
        code: `
import express from 'express';
class Cart {
  items = [];
  add(item) {
    this.items = [...this.items, item];
  }
}
const app = express();
app.post('/cart', (req, res) => {
  const cart = new Cart();
  cart.add(req.body);
  res.json(cart.items);
});
`,
      },
    ],
    invalid: [],
  });
});

describe('no-request-leak: operators on singleton fields', () => {
  ts.run('no-request-leak (operators on singleton fields)', rule, {
    valid: [
      // Adding request amounts into a field aggregates them: no-instance-state's counter, not one user's data.
      `
import { Body, Controller, Post } from '@nestjs/common';

@Controller('payments')
export class PaymentsController {
  private total = 0;

  @Post()
  pay(@Body() body: { amount: number }) {
    this.total += body.amount;
    return { ok: true };
  }
}
`,
    ],
    invalid: [
      // Filling the slot lazily with request data keeps the first user's value for everyone.
      {
        code: `
import { Controller, Get, Req } from '@nestjs/common';

@Controller('me')
export class MeController {
  private viewer?: string;

  @Get()
  me(@Req() req: { user: { id: string } }) {
    this.viewer ??= req.user.id;
    return { viewer: this.viewer };
  }
}
`,
        errors: [{ messageId: 'instanceLeak', line: 10, column: 5, data: { advice: FINDING_ADVICE.instanceLeak, name: 'viewer', className: 'MeController' } }],
      },
    ],
  });
});

describe('no-request-leak: the move suggestion only where the moved declaration means the same', () => {
  ts.run('no-request-leak', rule, {
    valid: [],
    invalid: [
      // The declaration holds the handler: removing it would remove the place the declaration goes.
      {
        code: `const app = require('express')(); let last = app.post('/', (req, res) => { last = req.body; res.end(); });`,
        errors: [{ messageId: 'leak', line: 1, column: 76, data: { advice: FINDING_ADVICE.leak, name: 'last' }, suggestions: [] }],
      },
      // A top-level \`await\` has no place in a handler that is not async, and would run per request in one that is.
      {
        code: `
import express from 'express';
const app = express();
let last = await Promise.resolve(null);
app.post('/', (req, res) => {
  last = req.body;
  res.end();
});
`,
        filename: 'routes/last.mts',
        errors: [{ messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'last' }, suggestions: [] }],
      },
      // \`id\` in the handler is the route parameter, not the module's \`id\`.
      {
        code: `
import express from 'express';
const app = express();
const id = 'none';
let lastId = id;
app.post('/:id', (req, res) => {
  const id = req.params.id;
  lastId = id;
  res.end();
});
`,
        errors: [{ messageId: 'leak', line: 8, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'lastId' }, suggestions: [] }],
      },
      // A default parameter value cannot see a declaration in the body.
      {
        code: `
import express from 'express';
const app = express();
let last: unknown;
app.post('/', (req, res, fallback = last) => {
  last = req.body;
  res.json(fallback);
});
`,
        errors: [{ messageId: 'leak', line: 6, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'last' }, suggestions: [] }],
      },
      // The declaration goes after the directive prologue, at the indentation of the body.
      {
        code: `
import express from 'express';
const app = express();
let last = null;
app.post('/', function (req, res) {
    'use strict';
    last = req.body;
    res.end();
});
`,
        errors: [
          {
            messageId: 'leak',
            line: 7,
            column: 5,
            data: { advice: FINDING_ADVICE.leak, name: 'last' },
            suggestions: [
              {
                messageId: 'moveIntoHandler',
                data: { name: 'last' },
                output: `
import express from 'express';
const app = express();
app.post('/', function (req, res) {
    'use strict';
    let last = null;
    last = req.body;
    res.end();
});
`,
              },
            ],
          },
        ],
      },
      // A handler on one line: one step deeper than the line of its brace, not the column of its first statement.
      {
        code: `
import express from 'express';
const app = express();
let last;
app.post('/', (req, res) => { last = req.body; res.end(); });
`,
        errors: [
          {
            messageId: 'leak',
            line: 5,
            column: 31,
            data: { advice: FINDING_ADVICE.leak, name: 'last' },
            suggestions: [
              {
                messageId: 'moveIntoHandler',
                data: { name: 'last' },
                output: `
import express from 'express';
const app = express();
app.post('/', (req, res) => {
  let last; last = req.body; res.end(); });
`,
              },
            ],
          },
        ],
      },
    ],
  });

  js.run('no-request-leak', rule, {
    valid: [],
    invalid: [
      // In CommonJS \`this\` at the top is \`module.exports\`; in a function handler it is something else.
      {
        code: `
const app = require('express')();
let last = this;
app.post('/', function (req, res) {
  last = req.body;
  res.end();
});
`,
        languageOptions: COMMONJS,
        errors: [{ messageId: 'leak', line: 5, column: 3, data: { advice: FINDING_ADVICE.leak, name: 'last' }, suggestions: [] }],
      },
    ],
  });
});
