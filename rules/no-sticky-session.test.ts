import { createRuleTesters } from '../tests/rule-tester.js';
import { platformAdvice } from '../tests/platform-advice.js';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { LIVE_DOCUMENTS_STORE } from '../tests/shared-cases.js';
import rule from './no-sticky-session.js';

const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();

ruleTester.run('no-sticky-session', rule, {
  valid: [
    // A provider's subject that only its shutdown hook emits on: no request reaches it.
    `
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Subject, interval, takeUntil } from 'rxjs';

@Injectable()
export class TickerService implements OnModuleDestroy {
  private readonly destroyed = new Subject<void>();

  ticks() {
    return interval(1000).pipe(takeUntil(this.destroyed));
  }

  onModuleDestroy(): void {
    this.destroyed.next();
  }
}
`,
    // A route that only takes connections out of the registry sends through nothing.
    `
import express from 'express';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const app = express();
const server = createServer(app);
const wss = new WebSocketServer({ server });
const socketsByUser = new Map<string, WebSocket>();

wss.on('connection', (ws, req) => {
  const userId = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? '';
  socketsByUser.set(userId, ws);
});

app.delete('/sessions/:userId', (req, res) => {
  socketsByUser.delete(req.params.userId);
  res.sendStatus(204);
});
`,
    // Jobs in Redis: every instance sees them.
    {
      code: `
import express from 'express';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';

const app = express();
const redis = new Redis(process.env.REDIS_URL);

app.post('/jobs', async (req, res) => {
  const id = randomUUID();
  await redis.set(\`job:\${id}\`, JSON.stringify({ status: 'queued', input: req.body }), 'EX', 3600);
  res.status(202).json({ id });
});

app.get('/jobs/:id', async (req, res) => {
  const job = await redis.get(\`job:\${req.params.id}\`);
  if (!job) return res.sendStatus(404);
  res.json(JSON.parse(job));
});
`,
    },
    // Written and read by the same handler only.
    {
      code: `
import express from 'express';

const app = express();
const seen = new Map<string, number>();

app.post('/webhooks/stripe', (req, res) => {
  const eventId = String(req.body.id);
  if (seen.has(eventId)) return res.sendStatus(200);
  seen.set(eventId, Date.now());
  res.sendStatus(202);
});
`,
    },
    // Another handler reads only the size, not an entry by a request key.
    {
      code: `
import express from 'express';

const app = express();
const uploads = new Map<string, Buffer[]>();

app.post('/uploads/:id', (req, res) => {
  uploads.set(req.params.id, [req.body]);
  res.sendStatus(201);
});

app.get('/healthz', (req, res) => {
  res.json({ pendingUploads: uploads.size });
});
`,
    },
    // A per-instance cache, filled read-through and invalidated elsewhere.
    {
      code: `
import express from 'express';
import { db } from './db';

const app = express();
const productCache = new Map<string, unknown>();

app.get('/products/:id', async (req, res) => {
  let product = productCache.get(req.params.id);
  if (!product) {
    product = await db.product.findUnique({ where: { id: req.params.id } });
    productCache.set(req.params.id, product);
  }
  res.json(product);
});

app.put('/products/:id', async (req, res) => {
  await db.product.update({ where: { id: req.params.id }, data: req.body });
  productCache.delete(req.params.id);
  res.sendStatus(204);
});
`,
    },
    // A hand-rolled session store is the finding of no-in-memory-session.
    {
      code: `
import express from 'express';
import { randomBytes } from 'node:crypto';

const app = express();
const sessions = new Map<string, { userId: string }>();

app.post('/login', (req, res) => {
  const token = randomBytes(32).toString('hex');
  sessions.set(token, { userId: req.body.userId });
  res.cookie('sid', token).sendStatus(204);
});

app.get('/me', (req, res) => {
  const session = sessions.get(req.cookies.sid);
  res.json(session ?? null);
});
`,
    },
    // A lookup table filled at startup and only read by handlers.
    {
      code: `
import express from 'express';

const app = express();
const zones = new Map<string, string>();
for (const [country, zone] of [['DE', 'eu'], ['US', 'world']] as const) zones.set(country, zone);

app.get('/shipping/:country', (req, res) => {
  res.json({ zone: zones.get(req.params.country) ?? 'world' });
});
`,
    },
    // The key of the read is a constant, not request data.
    {
      code: `
import express from 'express';

const app = express();
const settings = new Map<string, string>();

app.put('/settings/theme', (req, res) => {
  settings.set('theme', String(req.body.theme));
  res.sendStatus(204);
});

app.get('/', (req, res) => {
  res.render('home', { theme: settings.get('theme') });
});
`,
    },
    // A Durable Object keeps per-object state by design.
    {
      code: `
import { DurableObject } from 'cloudflare:workers';

export class Room extends DurableObject {
  private messages = new Map<string, string>();

  async post(id: string, text: string) {
    this.messages.set(id, text);
  }

  async read(id: string) {
    return this.messages.get(id);
  }
}
`,
    },
    // A request-scoped NestJS provider lives for one request.
    {
      code: `
import { Injectable, Scope } from '@nestjs/common';

@Injectable({ scope: Scope.REQUEST })
export class WizardState {
  private steps = new Map<string, unknown>();

  save(step: string, data: unknown) {
    this.steps.set(step, data);
  }

  load(step: string) {
    return this.steps.get(step);
  }
}
`,
    },
    // WebSocket transport only: no long-polling requests to route.
    {
      code: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'], cors: { origin: process.env.WEB_ORIGIN } });
io.on('connection', (socket) => socket.emit('hello'));
httpServer.listen(3000);
`,
    },
    // Sticky sessions configured with @socket.io/sticky.
    {
      code: `
import { createServer } from 'node:http';
import { setupWorker } from '@socket.io/sticky';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer);
setupWorker(io);
`,
    },
    // Options from another module cannot be read: no guess.
    {
      code: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { socketOptions } from './config';

const io = new Server(createServer(), socketOptions);
io.on('connection', (socket) => socket.emit('hello'));
`,
    },
    // Options imported from another module, passed alone.
    {
      code: `
import { Server } from 'socket.io';
import { ioOptions } from './config';

export const io = new Server(ioOptions);
`,
    },
    // The socket.io client is not a server.
    {
      code: `
import { io } from 'socket.io-client';

const socket = io('https://chat.example.com');
socket.on('message', (message) => console.log(message));
`,
    },
    // A registry used only by the socket handlers themselves: a broadcast, not an HTTP push.
    {
      code: `
import { WebSocketServer, type WebSocket } from 'ws';

const wss = new WebSocketServer({ port: 8080 });
const peers = new Set<WebSocket>();

wss.on('connection', (ws) => {
  peers.add(ws);
  ws.on('message', (data) => {
    for (const peer of peers) peer.send(data);
  });
  ws.on('close', () => peers.delete(ws));
});
`,
    },
    // An SSE handler that only manages its own registry entry.
    {
      code: `
import express from 'express';

const app = express();
const streams = new Set<express.Response>();

app.get('/events', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  streams.add(res);
  req.on('close', () => streams.delete(res));
});
`,
    },
    // Emit and listen in the same handler.
    {
      code: `
import { EventEmitter } from 'node:events';
import express from 'express';

const app = express();
const progress = new EventEmitter();

app.post('/imports', async (req, res) => {
  progress.on('row', (n: number) => res.write(\`\${n}\\n\`));
  for (let n = 0; n < req.body.rows.length; n++) progress.emit('row', n);
  res.end();
});
`,
    },
    // A listener registered at startup, not by a handler.
    {
      code: `
import { EventEmitter } from 'node:events';
import express from 'express';

const app = express();
const audit = new EventEmitter();
audit.on('order', (order) => console.log('order placed', order.id));

app.post('/orders', (req, res) => {
  audit.emit('order', req.body);
  res.sendStatus(201);
});
`,
    },
    // Annotated as deliberate per-instance state.
    {
      code: `
import express from 'express';

const app = express();
// stateless-ok: previews are regenerated on a miss; losing one costs a re-render
const previews = new Map<string, string>();

app.post('/previews', (req, res) => {
  previews.set(req.body.id, String(req.body.html));
  res.sendStatus(201);
});

app.get('/previews/:id', (req, res) => {
  res.send(previews.get(req.params.id) ?? '');
});
`,
    },
    // Names in `allow` are never reported.
    {
      code: `
import express from 'express';

const app = express();
const previews = new Map<string, string>();

app.post('/previews', (req, res) => {
  previews.set(req.body.id, String(req.body.html));
  res.sendStatus(201);
});

app.get('/previews/:id', (req, res) => {
  res.send(previews.get(req.params.id) ?? '');
});
`,
      options: [{allow: ["/^previews?$/"]}],
    },
    // `longPolling: false` leaves socket.io servers alone.
    {
      code: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const io = new Server(createServer());
io.on('connection', (socket) => socket.emit('hello'));
`,
      options: [{longPolling: false}],
    },
    // `transports` in a spread this file writes out, and a spread it cannot read.
    `
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { tuning } from './socket-options';

const websocketOnly = { transports: ['websocket'] };
const io = new Server(createServer(), { path: '/ws', ...websocketOnly });
const other = new Server(createServer(), { path: '/admin', ...tuning() });
io.on('connection', (socket) => socket.emit('hello'));
other.on('connection', (socket) => socket.emit('hello'));
`,
    // A NestJS gateway on WebSocket transport only.
    {
      code: `
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

@WebSocketGateway({ namespace: 'chat', transports: ['websocket'] })
export class ChatGateway {
  @SubscribeMessage('ping')
  ping(client: Socket) {
    client.emit('pong');
  }
}
`,
    },
    // A NestJS gateway on the ws platform (no socket.io in the file).
    {
      code: `
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { WebSocket } from 'ws';

@WebSocketGateway(8080)
export class EventsGateway {
  @SubscribeMessage('ping')
  ping(client: WebSocket) {
    client.send('pong');
  }
}
`,
    },
    // A browser module: its state is per tab.
    {
      code: `
'use client';
import { useState } from 'react';

const drafts = new Map<string, string>();

export function saveDraft(event: { target: { id: string; value: string } }) {
  drafts.set(event.target.id, event.target.value);
}
`,
    },
    // Middleware hands a value to the route of the same request.
    {
      code: `
import express from 'express';
import { randomUUID } from 'node:crypto';

const app = express();
const startedAt = new Map<string, number>();

app.use((req, res, next) => {
  req.id = randomUUID();
  startedAt.set(req.id, Date.now());
  res.on('finish', () => startedAt.delete(req.id));
  next();
});

app.get('/slow', (req, res) => {
  res.json({ elapsed: Date.now() - (startedAt.get(req.id) ?? Date.now()) });
});
`,
    },
  ],
  invalid: [
    // A job map: POST creates, GET polls.
    {
      code: `
import express from 'express';
import { randomUUID } from 'node:crypto';

const app = express();
app.use(express.json());
const jobs = new Map<string, { status: string; input: unknown }>();

app.post('/jobs', (req, res) => {
  const id = randomUUID();
  jobs.set(id, { status: 'queued', input: req.body });
  res.status(202).json({ id });
});

app.get('/jobs/:id', (req, res) => {
  const job = jobs.get(req.params.id);
  if (!job) return res.sendStatus(404);
  res.json(job);
});
`,
      errors: [
        { messageId: 'keyed', line: 16, column: 15, data: { advice: FINDING_ADVICE.keyed, name: 'jobs', writer: '`POST /jobs`', writeLine: '11', reader: '`GET /jobs/:id`', readLine: '16' }, suggestions: [] },
      ],
    },
    // A plain object keyed by id, read with a computed member.
    {
      code: `
import express from 'express';

const app = express();
const reports: Record<string, { ready: boolean; url?: string }> = {};

app.post('/reports', (req, res) => {
  const id = String(Date.now());
  reports[id] = { ready: false };
  res.status(202).json({ id });
});

app.get('/reports/:id', (req, res) => {
  res.json(reports[req.params.id] ?? { ready: false });
});
`,
      errors: [
        { messageId: 'keyed', line: 14, column: 12, data: { advice: FINDING_ADVICE.keyed, name: 'reports', writer: '`POST /reports`', writeLine: '9', reader: '`GET /reports/:id`', readLine: '14' }, suggestions: [] },
      ],
    },
    // Chunked upload: create, then append chunks, then complete.
    {
      code: `
import express from 'express';
import { randomUUID } from 'node:crypto';

const app = express();
const uploads = new Map<string, { name: string; chunks: Buffer[] }>();

app.post('/uploads', (req, res) => {
  const id = randomUUID();
  uploads.set(id, { name: req.body.name, chunks: [] });
  res.status(201).json({ id });
});

app.put('/uploads/:id/chunks', express.raw(), (req, res) => {
  uploads.get(req.params.id)?.chunks.push(req.body);
  res.sendStatus(204);
});

app.post('/uploads/:id/complete', async (req, res) => {
  const upload = uploads.get(req.params.id);
  res.json({ size: upload?.chunks.reduce((n, c) => n + c.length, 0) ?? 0 });
});
`,
      errors: [
        { messageId: 'keyed', line: 15, column: 3, data: { advice: FINDING_ADVICE.keyed, name: 'uploads', writer: '`POST /uploads`', writeLine: '10', reader: '`PUT /uploads/:id/chunks`', readLine: '15' }, suggestions: [] },
        { messageId: 'keyed', line: 20, column: 18, data: { advice: FINDING_ADVICE.keyed, name: 'uploads', writer: '`POST /uploads`', writeLine: '10', reader: '`POST /uploads/:id/complete`', readLine: '20' }, suggestions: [] },
      ],
    },
    // OAuth state kept between /login and /callback.
    {
      code: `
import express from 'express';
import { randomBytes } from 'node:crypto';
import { exchangeCode } from './oauth';

const app = express();
const returnToByState = new Map<string, { returnTo: string }>();

app.get('/auth/login', (req, res) => {
  const state = randomBytes(16).toString('hex');
  returnToByState.set(state, { returnTo: String(req.query.returnTo ?? '/') });
  res.redirect(\`https://idp.example.com/authorize?state=\${state}\`);
});

app.get('/auth/callback', async (req, res) => {
  const pending = returnToByState.get(String(req.query.state));
  if (!pending) return res.status(400).send('unknown state');
  await exchangeCode(String(req.query.code));
  res.redirect(pending.returnTo);
});
`,
      errors: [
        { messageId: 'oauthState', line: 16, column: 19, data: { advice: FINDING_ADVICE.oauthState, name: 'returnToByState', writer: '`GET /auth/login`', writeLine: '11', reader: '`GET /auth/callback`', readLine: '16' }, suggestions: [] },
      ],
    },
    // PKCE verifiers in an object.
    {
      code: `
import { Hono } from 'hono';
import { createChallenge, randomVerifier } from './pkce';

const app = new Hono();
const codeVerifiers: Record<string, string> = {};

app.get('/login', (c) => {
  const state = crypto.randomUUID();
  const verifier = randomVerifier();
  codeVerifiers[state] = verifier;
  return c.redirect(\`/authorize?state=\${state}&code_challenge=\${createChallenge(verifier)}\`);
});

app.get('/callback', async (c) => {
  const verifier = codeVerifiers[c.req.query('state') ?? ''];
  return c.json({ ok: verifier !== undefined });
});
`,
      errors: [
        { messageId: 'oauthState', line: 16, column: 20, data: { advice: FINDING_ADVICE.oauthState, name: 'codeVerifiers', writer: '`GET /login`', writeLine: '11', reader: '`GET /callback`', readLine: '16' }, suggestions: [] },
      ],
    },
    // A multi-step form.
    {
      code: `
import express from 'express';

const app = express();
app.use(express.urlencoded({ extended: false }));
const applications = new Map<string, { contact?: unknown; address?: unknown }>();

app.post('/apply/:formId/contact', (req, res) => {
  applications.set(req.params.formId, { contact: req.body });
  res.redirect(\`/apply/\${req.params.formId}/address\`);
});

app.post('/apply/:formId/address', (req, res) => {
  const draft = applications.get(req.params.formId) ?? {};
  applications.set(req.params.formId, { ...draft, address: req.body });
  res.redirect(\`/apply/\${req.params.formId}/review\`);
});
`,
      errors: [
        { messageId: 'keyed', line: 14, column: 17, data: { advice: FINDING_ADVICE.keyed, name: 'applications', writer: '`POST /apply/:formId/contact`', writeLine: '9', reader: '`POST /apply/:formId/address`', readLine: '14' }, suggestions: [] },
      ],
    },
    // SSE: HTTP handlers push into a registry of open responses.
    {
      code: `
import express from 'express';

const app = express();
const subscribers = new Set<express.Response>();

app.get('/events', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  subscribers.add(res);
  req.on('close', () => subscribers.delete(res));
});

app.post('/announcements', express.json(), (req, res) => {
  for (const subscriber of subscribers) subscriber.write(\`data: \${JSON.stringify(req.body)}\\n\\n\`);
  res.sendStatus(202);
});
`,
      errors: [
        { messageId: 'connections', line: 14, column: 28, data: { advice: FINDING_ADVICE.connections, name: 'subscribers', writer: '`GET /events`', writeLine: '9', reader: '`POST /announcements`', readLine: '14' }, suggestions: [] },
      ],
    },
    // ws: sockets by user id, pushed to from an HTTP route.
    {
      code: `
import { createServer } from 'node:http';
import express from 'express';
import { WebSocketServer, type WebSocket } from 'ws';

const app = express();
const server = createServer(app);
const wss = new WebSocketServer({ server });
const socketsByUser = new Map<string, WebSocket>();

wss.on('connection', (ws, req) => {
  const userId = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? '';
  socketsByUser.set(userId, ws);
});

app.post('/notify/:userId', express.json(), (req, res) => {
  socketsByUser.get(req.params.userId)?.send(JSON.stringify(req.body));
  res.sendStatus(202);
});
`,
      errors: [
        { messageId: 'connections', line: 17, column: 3, data: { advice: FINDING_ADVICE.connections, name: 'socketsByUser', writer: "`on('connection')`", writeLine: '13', reader: '`POST /notify/:userId`', readLine: '17' }, suggestions: [] },
      ],
    },
    // socket.io: sockets kept per user, kicked from an admin route.
    {
      code: `
import { createServer } from 'node:http';
import express from 'express';
import { Server, type Socket } from 'socket.io';

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, { transports: ['websocket'] });
const userSockets = new Map<string, Socket>();

io.on('connection', (socket) => {
  userSockets.set(String(socket.handshake.auth.userId), socket);
});

app.post('/admin/kick/:userId', (req, res) => {
  userSockets.get(req.params.userId)?.disconnect(true);
  res.sendStatus(204);
});
`,
      errors: [
        { messageId: 'connections', line: 16, column: 3, data: { advice: platformAdvice('socket.io', 'connections'), name: 'userSockets', writer: "`on('connection')`", writeLine: '12', reader: '`POST /admin/kick/:userId`', readLine: '16' }, suggestions: [] },
      ],
    },
    // An EventEmitter between a POST and a streaming GET.
    {
      code: `
import { EventEmitter } from 'node:events';
import express from 'express';

const app = express();
const jobEvents = new EventEmitter();

app.post('/jobs/:id/complete', (req, res) => {
  jobEvents.emit('done', req.params.id);
  res.sendStatus(204);
});

app.get('/jobs/:id/wait', (req, res) => {
  jobEvents.once('done', (id: string) => {
    if (id === req.params.id) res.json({ done: true });
  });
});
`,
      errors: [
        { messageId: 'events', line: 14, column: 3, data: { advice: FINDING_ADVICE.events, name: 'jobEvents', writer: '`POST /jobs/:id/complete`', writeLine: '9', reader: '`GET /jobs/:id/wait`', readLine: '14' }, suggestions: [] },
      ],
    },
    // eventemitter2's default export is the class too.
    {
      code: `
import Fastify from 'fastify';
import EventEmitter2 from 'eventemitter2';

const bus = new EventEmitter2({ wildcard: true });
const app = Fastify();
app.post('/notify', async (request) => { bus.emit('notify', request.body); return { ok: true }; });
app.get('/wait', async () => new Promise((resolve) => bus.once('notify', resolve)));
`,
      errors: [{ messageId: 'events', line: 8, column: 55, data: { advice: FINDING_ADVICE.events, name: 'bus', writer: '`POST /notify`', writeLine: '7', reader: '`GET /wait`', readLine: '8' }, suggestions: [] }],
    },
    // eventemitter3, required from CommonJS-style code through its default export.
    {
      code: `
import express from 'express';
import EventEmitter from 'eventemitter3';

const app = express();
const jobs = new EventEmitter();
app.post('/jobs/:id/done', (req, res) => { jobs.emit('done', req.params.id); res.sendStatus(204); });
app.get('/jobs/:id/wait', (req, res) => { jobs.once('done', () => res.json({ done: true })); });
`,
      errors: [{ messageId: 'events', line: 8, column: 43, data: { advice: FINDING_ADVICE.events, name: 'jobs', writer: '`POST /jobs/:id/done`', writeLine: '7', reader: '`GET /jobs/:id/wait`', readLine: '8' }, suggestions: [] }],
    },
    // Live documents kept by id in a provider: written by one method, found by another; routed, not stored.
    {
      code: LIVE_DOCUMENTS_STORE,
      errors: [{ messageId: 'keyed', line: 17, column: 12, data: { advice: FINDING_ADVICE.liveObjects, name: 'this.open', writer: '`DocumentsStore.create`', writeLine: '12', reader: '`DocumentsStore.find`', readLine: '17' }, suggestions: [] }],
    },
    // A NestJS provider's RxJS subject: one method serves a POST with \`next\`, another the stream an \`@Sse\` route returns.
    {
      code: `
import { Injectable, type MessageEvent } from '@nestjs/common';
import { Subject, filter, map, type Observable } from 'rxjs';

@Injectable()
export class NotificationsService {
  private readonly events = new Subject<{ user: string; text: string }>();

  publish(user: string, text: string): void {
    this.events.next({ user, text });
  }

  streamFor(user: string): Observable<MessageEvent> {
    return this.events.pipe(filter((event) => event.user === user), map((event) => ({ data: event.text })));
  }
}
`,
      errors: [{ messageId: 'events', line: 14, column: 12, data: { advice: FINDING_ADVICE.events, name: 'this.events', writer: '`NotificationsService.publish`', writeLine: '10', reader: '`NotificationsService.streamFor`', readLine: '14' }, suggestions: [] }],
    },
    // An RxJS subject at a server module's top: \`next\` in one route, \`subscribe\` in another.
    {
      code: `
import express from 'express';
import { Subject } from 'rxjs';

const app = express();
const orders = new Subject<string>();
app.post('/orders', (req, res) => { orders.next(String(req.body.id)); res.sendStatus(202); });
app.get('/orders/next', (req, res) => { const subscription = orders.subscribe((id) => { subscription.unsubscribe(); res.json({ id }); }); });
`,
      errors: [{ messageId: 'events', line: 8, column: 62, data: { advice: FINDING_ADVICE.events, name: 'orders', writer: '`POST /orders`', writeLine: '7', reader: '`GET /orders/next`', readLine: '8' }, suggestions: [] }],
    },
    // socket.io with its defaults: long-polling first.
    {
      code: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer);
io.on('connection', (socket) => socket.emit('hello'));
httpServer.listen(3000);
`,
      errors: [
        { messageId: 'longPolling', line: 6, column: 12, suggestions: [{ messageId: 'websocketOnly', output: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'] });
io.on('connection', (socket) => socket.emit('hello'));
httpServer.listen(3000);
` }] },
      ],
    },
    // Options without `transports`.
    {
      code: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const io = new Server(createServer(), { cors: { origin: '*' }, pingInterval: 20_000 });
io.on('connection', (socket) => socket.emit('hello'));
`,
      errors: [
        { messageId: 'longPolling', line: 5, column: 12, suggestions: [{ messageId: 'websocketOnly', output: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const io = new Server(createServer(), { transports: ['websocket'], cors: { origin: '*' }, pingInterval: 20_000 });
io.on('connection', (socket) => socket.emit('hello'));
` }] },
      ],
    },
    // Options spread from what this file writes out, without `transports`.
    {
      code: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const tuning = () => ({ perMessageDeflate: false });
const io = new Server(createServer(), { path: '/ws', ...tuning() });
io.on('connection', (socket) => socket.emit('hello'));
`,
      errors: [
        { messageId: 'longPolling', line: 6, column: 12, suggestions: [{ messageId: 'websocketOnly', output: `
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const tuning = () => ({ perMessageDeflate: false });
const io = new Server(createServer(), { transports: ['websocket'], path: '/ws', ...tuning() });
io.on('connection', (socket) => socket.emit('hello'));
` }] },
      ],
    },
    // `transports` that list polling.
    {
      code: `
import { Server } from 'socket.io';

const io = new Server(3000, { transports: ['polling', 'websocket'] });
io.on('connection', (socket) => socket.emit('hello'));
`,
      errors: [
        { messageId: 'longPolling', line: 4, column: 12, suggestions: [{ messageId: 'websocketOnly', output: `
import { Server } from 'socket.io';

const io = new Server(3000, { transports: ['websocket'] });
io.on('connection', (socket) => socket.emit('hello'));
` }] },
      ],
    },
    // Options in a const of the same file: no suggestion, the object may be shared.
    {
      code: `
import { Server } from 'socket.io';

const options = { path: '/realtime', serveClient: false };
const io = new Server(options);
io.on('connection', (socket) => socket.emit('hello'));
`,
      errors: [
        { messageId: 'longPolling', line: 5, column: 12, suggestions: [] },
      ],
    },
    // An empty options object.
    {
      code: `
import { Server } from 'socket.io';

const io = new Server({});
io.listen(3000);
`,
      errors: [
        { messageId: 'longPolling', line: 4, column: 12, suggestions: [{ messageId: 'websocketOnly', output: `
import { Server } from 'socket.io';

const io = new Server({ transports: ['websocket'] });
io.listen(3000);
` }] },
      ],
    },
    // A NestJS gateway on socket.io.
    {
      code: `
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

@WebSocketGateway({ namespace: 'chat', cors: { origin: '*' } })
export class ChatGateway {
  @SubscribeMessage('ping')
  ping(client: Socket) {
    client.emit('pong');
  }
}
`,
      errors: [
        { messageId: 'longPolling', line: 5, column: 1, suggestions: [{ messageId: 'websocketOnly', output: `
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

@WebSocketGateway({ transports: ['websocket'], namespace: 'chat', cors: { origin: '*' } })
export class ChatGateway {
  @SubscribeMessage('ping')
  ping(client: Socket) {
    client.emit('pong');
  }
}
` }] },
      ],
    },
    // A NestJS gateway with a port and no options.
    {
      code: `
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';

@WebSocketGateway(3001)
export class NotificationsGateway {
  @WebSocketServer()
  server!: Server;
}
`,
      errors: [
        { messageId: 'longPolling', line: 5, column: 1, suggestions: [{ messageId: 'websocketOnly', output: `
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';

@WebSocketGateway(3001, { transports: ['websocket'] })
export class NotificationsGateway {
  @WebSocketServer()
  server!: Server;
}
` }] },
      ],
    },
    // A NestJS controller keeping jobs on the singleton.
    {
      code: `
import { Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

@Controller('exports')
export class ExportsController {
  private readonly exports = new Map<string, { status: string; format: string }>();

  @Post()
  start(@Body() body: { format: string }) {
    const id = randomUUID();
    this.exports.set(id, { status: 'running', format: body.format });
    return { id };
  }

  @Get(':id')
  status(@Param('id') id: string) {
    const job = this.exports.get(id);
    if (!job) throw new NotFoundException();
    return job;
  }
}
`,
      errors: [
        { messageId: 'keyed', line: 18, column: 17, data: { advice: FINDING_ADVICE.keyed, name: 'this.exports', writer: '`POST /exports`', writeLine: '12', reader: '`GET /exports/:id`', readLine: '18' }, suggestions: [] },
      ],
    },
    // A NestJS service: its methods are called per request by controllers.
    {
      code: `
import { Injectable } from '@nestjs/common';

export interface Cat {
  id: number;
  name: string;
}

@Injectable()
export class CatsService {
  private readonly cats: Cat[] = [];

  create(cat: Cat) {
    this.cats.push(cat);
    return cat;
  }

  findOne(id: number) {
    return this.cats.find((cat) => cat.id === id);
  }
}
`,
      errors: [
        { messageId: 'keyed', line: 19, column: 12, data: { advice: FINDING_ADVICE.keyed, name: 'this.cats', writer: '`CatsService.create`', writeLine: '14', reader: '`CatsService.findOne`', readLine: '19' }, suggestions: [] },
      ],
    },
    // Hono: a link shortener.
    {
      code: `
import { Hono } from 'hono';

const app = new Hono();
const links = new Map<string, string>();

app.post('/links', async (c) => {
  const { url } = await c.req.json<{ url: string }>();
  const code = Math.random().toString(36).slice(2, 8);
  links.set(code, url);
  return c.json({ code }, 201);
});

app.get('/:code', (c) => {
  const url = links.get(c.req.param('code'));
  return url ? c.redirect(url) : c.notFound();
});

export default app;
`,
      errors: [
        { messageId: 'keyed', line: 15, column: 15, data: { advice: FINDING_ADVICE.keyed, name: 'links', writer: '`POST /links`', writeLine: '10', reader: '`GET /:code`', readLine: '15' }, suggestions: [] },
      ],
    },
    // Fastify: quotes created and fetched by id.
    {
      code: `
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';

const fastify = Fastify();
const quotes = new Map<string, { total: number }>();

fastify.post('/quotes', async (request, reply) => {
  const id = randomUUID();
  quotes.set(id, { total: (request.body as { total: number }).total });
  return reply.code(201).send({ id });
});

fastify.get<{ Params: { id: string } }>('/quotes/:id', async (request, reply) => {
  const quote = quotes.get(request.params.id);
  return quote ?? reply.code(404).send();
});
`,
      errors: [
        { messageId: 'keyed', line: 15, column: 17, data: { advice: FINDING_ADVICE.keyed, name: 'quotes', writer: '`POST /quotes`', writeLine: '10', reader: '`GET /quotes/:id`', readLine: '15' }, suggestions: [] },
      ],
    },
    // Next.js route handlers of one file.
    {
      code: `
import { NextResponse } from 'next/server';

const exportsById = new Map<string, { status: 'running' | 'done' }>();

export async function POST() {
  const id = crypto.randomUUID();
  exportsById.set(id, { status: 'running' });
  return NextResponse.json({ id }, { status: 202 });
}

export async function GET(request: Request) {
  const id = new URL(request.url).searchParams.get('id') ?? '';
  return NextResponse.json(exportsById.get(id) ?? null);
}
`,
      filename: 'app/api/exports/route.ts',
      errors: [
        { messageId: 'keyed', line: 14, column: 28, data: { advice: platformAdvice('Vercel / Next.js', 'keyed'), name: 'exportsById', writer: '`POST /api/exports`', writeLine: '8', reader: '`GET /api/exports`', readLine: '14' }, suggestions: [] },
      ],
    },
    // SvelteKit: a form action and the page load.
    {
      code: `
import type { Actions, PageServerLoad } from './$types';

const pendingOrders = new Map<string, { items: string[] }>();

export const load: PageServerLoad = ({ url }) => {
  return { order: pendingOrders.get(url.searchParams.get('order') ?? '') ?? null };
};

export const actions: Actions = {
  default: async ({ request }) => {
    const data = await request.formData();
    const id = crypto.randomUUID();
    pendingOrders.set(id, { items: data.getAll('item').map(String) });
    return { id };
  },
};
`,
      filename: 'src/routes/checkout/+page.server.ts',
      errors: [
        { messageId: 'keyed', line: 7, column: 19, data: { advice: FINDING_ADVICE.keyed, name: 'pendingOrders', writer: '`POST /checkout`', writeLine: '14', reader: '`GET /checkout`', readLine: '7' }, suggestions: [] },
      ],
    },
    // A helper called from one handler writes; another handler reads.
    {
      code: `
import Router from '@koa/router';

const router = new Router();
const previews = new Map<string, string>();

function storePreview(id: string, html: string) {
  previews.set(id, html);
}

router.post('/previews', (ctx) => {
  const id = crypto.randomUUID();
  storePreview(id, String((ctx.request as { body?: { html?: string } }).body?.html ?? ''));
  ctx.body = { id };
});

router.get('/previews/:id', (ctx) => {
  ctx.body = previews.get(ctx.params.id) ?? '';
});
`,
      errors: [
        { messageId: 'keyed', line: 18, column: 14, data: { advice: FINDING_ADVICE.keyed, name: 'previews', writer: '`POST /previews`', writeLine: '8', reader: '`GET /previews/:id`', readLine: '18' }, suggestions: [] },
      ],
    },
    // GraphQL resolvers.
    {
      code: `
import { ApolloServer } from '@apollo/server';
import { typeDefs } from './schema';

const exportsById = new Map<string, { status: string }>();

const resolvers = {
  Mutation: {
    startExport: () => {
      const id = crypto.randomUUID();
      exportsById.set(id, { status: 'running' });
      return id;
    },
  },
  Query: {
    exportStatus: (_parent: unknown, args: { id: string }) => exportsById.get(args.id) ?? null,
  },
};

export const server = new ApolloServer({ typeDefs, resolvers });
`,
      errors: [
        { messageId: 'keyed', line: 16, column: 63, data: { advice: FINDING_ADVICE.keyed, name: 'exportsById', writer: '`Mutation.startExport`', writeLine: '11', reader: '`Query.exportStatus`', readLine: '16' }, suggestions: [] },
      ],
    },
    // A class instantiated once at module scope.
    {
      code: `
import express from 'express';

class JobStore {
  private jobs = new Map<string, { status: string }>();

  add(id: string) {
    this.jobs.set(id, { status: 'queued' });
  }

  get(id: string) {
    return this.jobs.get(id);
  }
}

const store = new JobStore();
const app = express();

app.post('/jobs', (req, res) => {
  const id = crypto.randomUUID();
  store.add(id);
  res.json({ id });
});

app.get('/jobs/:id', (req, res) => {
  res.json(store.get(req.params.id) ?? null);
});
`,
      errors: [
        { messageId: 'keyed', line: 12, column: 12, data: { advice: FINDING_ADVICE.keyed, name: 'this.jobs', writer: '`POST /jobs`', writeLine: '8', reader: '`GET /jobs/:id`', readLine: '12' }, suggestions: [] },
      ],
    },
    // A registry of sockets grouped in sets, sent through by a public method.
    {
      code: `
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

@WebSocketGateway({ transports: ['websocket'] })
export class OrdersGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly byCustomer = new Map<string, Set<Socket>>();

  handleConnection(client: Socket) {
    const customerId = String(client.handshake.auth.customerId);
    const sockets = this.byCustomer.get(customerId) ?? new Set<Socket>();
    sockets.add(client);
    this.byCustomer.set(customerId, sockets);
  }

  handleDisconnect(client: Socket) {
    for (const sockets of this.byCustomer.values()) sockets.delete(client);
  }

  orderShipped(customerId: string, orderId: string) {
    for (const socket of this.byCustomer.get(customerId) ?? []) socket.emit('order.shipped', { orderId });
  }
}
`,
      errors: [
        { messageId: 'connections', line: 21, column: 26, data: { advice: platformAdvice('socket.io', 'connections'), name: 'this.byCustomer', writer: '`OrdersGateway.handleConnection`', writeLine: '13', reader: '`OrdersGateway.orderShipped`', readLine: '21' }, suggestions: [] },
      ],
    },
    // Middleware writes per client, another route reads another client’s entry.
    {
      code: `
import express from 'express';

const app = express();
const lastSeen = new Map<string, string>();

app.use((req, res, next) => {
  lastSeen.set(req.ip ?? '', new Date().toISOString());
  next();
});

app.get('/admin/clients/:ip', (req, res) => {
  res.json({ ip: req.params.ip, lastSeen: lastSeen.get(req.params.ip) ?? null });
});
`,
      errors: [
        { messageId: 'keyed', line: 13, column: 43, data: { advice: FINDING_ADVICE.keyed, name: 'lastSeen', writer: 'middleware', writeLine: '8', reader: '`GET /admin/clients/:ip`', readLine: '13' }, suggestions: [] },
      ],
    },
  ],
});

jsRuleTester.run('no-sticky-session (JavaScript)', rule, {
  valid: [
    // JavaScript: jobs in Postgres.
    {
      code: `
import express from 'express';
import pg from 'pg';

const app = express();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

app.post('/jobs', async (req, res) => {
  const { rows } = await pool.query('INSERT INTO jobs (input) VALUES ($1) RETURNING id', [req.body]);
  res.status(202).json({ id: rows[0].id });
});

app.get('/jobs/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT status FROM jobs WHERE id = $1', [req.params.id]);
  res.json(rows[0] ?? null);
});
`,
    },
    // JavaScript: socket.io on WebSocket only, from CommonJS.
    {
      code: `
const http = require('node:http');

const server = http.createServer();
const io = require('socket.io')(server, { transports: ['websocket'] });
io.on('connection', (socket) => socket.emit('hello'));
server.listen(3000);
`,
    },
  ],
  invalid: [
    // CommonJS: `require('socket.io')(server)`.
    {
      code: `
const http = require('node:http');
const express = require('express');

const app = express();
const server = http.createServer(app);
const io = require('socket.io')(server);

io.on('connection', (socket) => {
  socket.on('chat message', (msg) => io.emit('chat message', msg));
});

server.listen(3000);
`,
      errors: [
        { messageId: 'longPolling', line: 7, column: 12, suggestions: [{ messageId: 'websocketOnly', output: `
const http = require('node:http');
const express = require('express');

const app = express();
const server = http.createServer(app);
const io = require('socket.io')(server, { transports: ['websocket'] });

io.on('connection', (socket) => {
  socket.on('chat message', (msg) => io.emit('chat message', msg));
});

server.listen(3000);
` }] },
      ],
    },
    // JavaScript: a job map in Express.
    {
      code: `
import express from 'express';

const app = express();
const jobs = {};

app.post('/jobs', (req, res) => {
  const id = String(Date.now());
  jobs[id] = { status: 'queued' };
  res.status(202).json({ id });
});

app.get('/jobs/:id', (req, res) => {
  res.json(jobs[req.params.id] || null);
});
`,
      errors: [
        { messageId: 'keyed', line: 14, column: 12, data: { advice: FINDING_ADVICE.keyed, name: 'jobs', writer: '`POST /jobs`', writeLine: '9', reader: '`GET /jobs/:id`', readLine: '14' }, suggestions: [] },
      ],
    },
  ],
});
