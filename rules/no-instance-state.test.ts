import { createRuleTesters } from '../tests/rule-tester.js';
import { platformAdvice } from '../tests/platform-advice.js';
import { ALTERNATIVES, FINDING_ADVICE } from '../src/knowledge/advice.js';
import { LIVE_DOCUMENTS_STORE } from '../tests/shared-cases.js';
import rule from './no-instance-state.js';

const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();

ruleTester.run('no-instance-state', rule, {
  valid: [
    // Named "in-memory" for the Redis behind it: the class keeps no container of its own.
    `
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

export class InMemoryIoAdapter extends IoAdapter {
  private adapterConstructor: ReturnType<typeof createAdapter> | undefined;

  async connectToInMemoryCluster(url: string): Promise<void> {
    const pubClient = new Redis(url);
    this.adapterConstructor = createAdapter(pubClient, pubClient.duplicate());
  }
}
`,
    // A write-behind buffer: requests add to it, a scheduled job copies it out, empties it and saves the copy.
    `
import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EventsRepository, type UsageEvent } from './events.repository';

@Injectable()
export class UsageBuffer {
  private pending: UsageEvent[] = [];

  constructor(private readonly events: EventsRepository) {}

  track(event: UsageEvent): void {
    this.pending.push(event);
  }

  @Interval(5_000)
  async flush(): Promise<void> {
    const batch = [...this.pending];
    this.pending = [];
    await this.events.insertMany(batch);
  }
}
`,
    // A read-through cache that evicts its oldest entry while it fills: no invalidation, and caches are \`reportCaches\`'s.
    `
import { Injectable } from '@nestjs/common';
import { loadPlan, type Plan } from './plans';

@Injectable()
export class PlanCache {
  private readonly cache = new Map<string, Plan>();

  async get(id: string): Promise<Plan> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const plan = await loadPlan(id);
    if (this.cache.size >= 500) this.cache.delete(this.cache.keys().next().value ?? '');
    this.cache.set(id, plan);
    return plan;
  }
}
`,
    // A debounce per key: the timer handles are kept only to clear them.
    `
import { Injectable } from '@nestjs/common';
import { flush } from './flush';

@Injectable()
export class SaveDebouncer {
  private readonly timers: Record<string, NodeJS.Timeout> = {};

  schedule(documentId: string): void {
    if (this.timers[documentId]) clearTimeout(this.timers[documentId]);
    this.timers[documentId] = setTimeout(() => {
      delete this.timers[documentId];
      void flush(documentId);
    }, 2_000);
  }
}
`,
    // A provider method that builds a router from plugin options runs while the application starts, whoever calls it.
    `
import { Injectable } from '@nestjs/common';
import express from 'express';
import type { Preset } from './presets';

@Injectable()
export class ImageServer {
  private presets: Preset[] = [];

  createRouter(options: { presets: Preset[] }): express.Router {
    this.presets = options.presets;
    const router = express.Router();
    router.use((req, res) => res.json(this.presets.find((preset) => preset.name === req.query.preset)));
    return router;
  }
}
`,
    // A provider method that starts a health server: it listens, so it runs at startup, and the field holds the server.
    `
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import http from 'node:http';

@Injectable()
export class HealthEndpoint implements OnModuleDestroy {
  private server: http.Server | undefined;
  private port = 0;

  startEndpoint(port: number): void {
    const server = http.createServer((req, res) => res.end('ok'));
    server.listen(port);
    this.port = port;
    this.server = server;
  }

  onModuleDestroy(): void {
    this.server?.close();
  }
}
`,
    // A handle made by a resource call, held through a local constant: the instance's connection, not data.
    `
import { Injectable } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';

@Injectable()
export class PresenceClient {
  private client: RedisClientType | undefined;

  async reconnect(url: string): Promise<void> {
    const client = createClient({ url });
    await client.connect();
    this.client = client as RedisClientType;
  }
}
`,
    // A private method that computes what a lazily filled field holds runs once, however often the getter is read.
    `
import { Injectable } from '@nestjs/common';
import { loadConfig, type Config, type FieldMap } from './config';

@Injectable()
export class SettingsService {
  private readonly config: Config = loadConfig();
  private allFields: FieldMap | undefined;

  get fields(): FieldMap {
    if (!this.allFields) {
      this.allFields = this.collectFields();
    }
    return this.allFields;
  }

  private collectFields(): FieldMap {
    const fields = this.config.fields;
    for (const name of this.config.entities) {
      if (!fields[name]) fields[name] = [];
    }
    return fields;
  }
}
`,
    // A class named as an in-memory version of something that is no store contract.
    `
import { Injectable, type OnModuleInit } from '@nestjs/common';

export class MemoryUsageSampler implements OnModuleInit {
  private samples: number[] = [];

  onModuleInit(): void {
    this.samples = [];
  }

  record(bytes: number): void {
    this.samples.push(bytes);
  }
}
`,
    // A count of the locks this process holds, kept so that shutdown waits for them; requests only count up and down, and log it.
    `
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { setTimeout } from 'node:timers/promises';
import type { Lock, Redlock } from './redlock';

@Injectable()
export class LockService implements OnApplicationShutdown {
  public held: Record<string, number> = {};

  constructor(private readonly redlock: Redlock) {}

  async withLock<T>(resource: string, work: () => Promise<T>): Promise<T> {
    const lock: Lock = await this.redlock.acquire([resource], 5000);
    this.countUp(resource);
    try {
      return await work();
    } finally {
      Logger.debug(\`releasing \${resource}, held \${String(this.held[resource])}\`);
      await lock.release();
      this.held[resource] -= 1;
    }
  }

  private countUp(resource: string): void {
    if (this.held[resource]) {
      this.held[resource] += 1;
      return;
    }
    this.held[resource] = 1;
  }

  allReleased(): boolean {
    return Object.values(this.held).every((count) => count === 0);
  }

  async onApplicationShutdown(): Promise<void> {
    while (!this.allReleased()) await setTimeout(250);
  }
}
`,
    // The agents of open sockets, kept only to close them when the application stops: no request reads them.
    `
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Server, type WebSocket } from 'ws';
import { SyncService, type Agent } from './sync.service';

@Injectable()
export class SyncGateway implements OnModuleInit, OnModuleDestroy {
  private readonly agents: Agent[] = [];
  private server?: Server;

  constructor(private readonly sync: SyncService) {}

  handleConnection = (socket: WebSocket) => {
    this.agents.push(this.sync.listen(socket));
  };

  onModuleInit() {
    this.server = new Server({ port: 3001 });
    this.server.on('connection', this.handleConnection);
  }

  onModuleDestroy() {
    for (const agent of this.agents) agent.close();
    this.server?.close();
  }
}
`,
    // A store a package calls on requests, kept in Redis: its fields hold only the client and a prefix.
    `
import type { IncrementResponse, Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';

export class RedisHitStore implements Store {
  private readonly prefix = 'hits:';

  constructor(private readonly client: Redis) {}

  async increment(key: string): Promise<IncrementResponse> {
    const totalHits = await this.client.incr(this.prefix + key);
    return { totalHits, resetTime: undefined };
  }

  async decrement(key: string): Promise<void> {
    await this.client.decr(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }
}
`,
    // The project's own store interface says nothing about who calls the class, or when, unless the
    // class's name says it keeps the data in memory (\`InMemoryCacheStrategy\` below).
    `
import type { TokenStore } from './token-store';

export class TokenVault implements TokenStore {
  private readonly tokens = new Map<string, string>();

  save(id: string, token: string): void {
    this.tokens.set(id, token);
  }
}
`,
    // A lookup index filled once for each key with what the code computed, and never written into: a memo, a cache.
    `
import express from 'express';

class Pricing {
  #table: Record<string, Record<string, number>> = { openai: { 'GPT-4o': 5 } };
  #lowercase: Record<string, Record<string, string>> = {};

  price(provider: string, model: string): number | undefined {
    const models = this.#table[provider];
    if (!models) return undefined;
    if (!this.#lowercase[provider]) {
      const index: Record<string, string> = {};
      for (const key of Object.keys(models)) index[key.toLowerCase()] = key;
      this.#lowercase[provider] = index;
    }
    const match = this.#lowercase[provider][model.toLowerCase()];
    return match === undefined ? undefined : models[match];
  }
}

const pricing = new Pricing();
const app = express();
app.get('/price/:provider/:model', (req, res) => {
  res.json({ price: pricing.price(req.params.provider, req.params.model) });
});
`,
    // A private initialiser called only while the instance is not marked ready: it runs once, as set-up.
    `
import express from 'express';
import { mkdir } from 'node:fs/promises';

class Exports {
  #directory: string | null = null;
  #ready = false;

  async #initialize(): Promise<void> {
    this.#directory = process.env.EXPORT_DIR ?? '/srv/exports';
    await mkdir(this.#directory, { recursive: true });
    this.#ready = true;
  }

  private async ensureReady(): Promise<void> {
    if (this.#ready) return;
    await this.#initialize();
  }

  async path(name: string): Promise<string> {
    await this.ensureReady();
    return \`\${this.#directory ?? ''}/\${name}\`;
  }
}

const exportFiles = new Exports();
const app = express();
app.get('/exports/:name', async (req, res) => {
  res.sendFile(await exportFiles.path(req.params.name));
});
`,
    // A field set in the value that a lazy initialisation fills its slot with: it runs once per filling;
    // the server it makes is no request data, though its connection listener is handed connections.
    {
      code: `
import express from 'express';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { freePath } from './paths';

class Relay {
  private readonly arrivals = new EventEmitter();
  private path = '/tmp/relay';
  private starting?: Promise<net.Server>;

  async open(): Promise<net.Socket> {
    await this.listening();
    return net.connect(this.path);
  }

  private listening(): Promise<net.Server> {
    if (!this.starting) {
      this.starting = freePath(this.path).then((path) => {
        this.path = path;
        return net.createServer((peer) => this.arrivals.emit('peer', peer));
      });
    }
    return this.starting;
  }
}

const relay = new Relay();
const app = express();
app.get('/relay', async (req, res) => {
  const socket = await relay.open();
  socket.pipe(res);
});
`,
      options: [{ lifetimes: ['request', 'unknown'], reportCaches: true }],
    },
    // A NestJS service whose only fields are injected.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Cat } from './cat.entity';

@Injectable()
export class CatsService {
  constructor(@InjectRepository(Cat) private readonly cats: Repository<Cat>) {}

  create(cat: Partial<Cat>) {
    return this.cats.save(cat);
  }

  findOne(id: number) {
    return this.cats.findOneBy({ id });
  }
}
`,
    },
    // Fields set in the constructor are configuration.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

@Injectable()
export class MailerService {
  private readonly from: string;
  private readonly retries: number;

  constructor(config: ConfigService) {
    this.from = config.getOrThrow('MAIL_FROM');
    this.retries = Number(config.get('MAIL_RETRIES') ?? 3);
  }

  describe() {
    return { from: this.from, retries: this.retries };
  }
}
`,
    },
    // onModuleInit runs once while the application starts.
    {
      code: `
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { loadPlans } from './plans';

@Injectable()
export class PlansService implements OnModuleInit {
  private plans = new Map<string, { seats: number }>();

  async onModuleInit() {
    for (const plan of await loadPlans()) this.plans.set(plan.id, plan);
  }

  find(id: string) {
    return this.plans.get(id);
  }
}
`,
    },
    // A client created on first use.
    {
      code: `
import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';

@Injectable()
export class CounterService {
  private client?: Redis;

  async increment(key: string) {
    this.client ??= new Redis(process.env.REDIS_URL ?? '');
    return this.client.incr(key);
  }
}
`,
    },
    // Lazy initialisation behind an emptiness check.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { createPool, type Pool } from 'mysql2/promise';

@Injectable()
export class ReportsService {
  private pool: Pool | undefined;

  async monthly(month: string) {
    if (!this.pool) this.pool = createPool(process.env.DATABASE_URL ?? '');
    const [rows] = await this.pool.query('SELECT * FROM reports WHERE month = ?', [month]);
    return rows;
  }
}
`,
    },
    // A request-scoped provider is created per request.
    {
      code: `
import { Injectable, Scope } from '@nestjs/common';

@Injectable({ scope: Scope.REQUEST })
export class RequestTimer {
  private marks: number[] = [];

  mark() {
    this.marks.push(Date.now());
  }
}
`,
    },
    // A transient provider is created per consumer.
    {
      code: `
import { Injectable, Scope } from '@nestjs/common';

@Injectable({ scope: Scope.TRANSIENT })
export class ContextLogger {
  private context = 'app';

  setContext(context: string) {
    this.context = context;
  }
}
`,
    },
    // Injecting REQUEST makes the provider request-scoped.
    {
      code: `
import { Inject, Injectable } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import type { Request } from 'express';

@Injectable()
export class AuditContext {
  private events: string[] = [];

  constructor(@Inject(REQUEST) private readonly request: Request) {}

  record(event: string) {
    this.events.push(\`\${this.request.ip}: \${event}\`);
  }
}
`,
    },
    // Durable Objects keep per-object state by design.
    {
      code: `
import { DurableObject } from 'cloudflare:workers';

export class Counter extends DurableObject {
  private value = 0;

  async increment() {
    this.value++;
    await this.ctx.storage.put('value', this.value);
    return this.value;
  }
}
`,
    },
    // A class instantiated per request is not shared.
    {
      code: `
import express from 'express';

class Cart {
  private items: string[] = [];

  add(sku: string) {
    this.items.push(sku);
    return this.items.length;
  }
}

const app = express();
app.post('/cart/preview', (req, res) => {
  const cart = new Cart();
  for (const sku of req.body.skus) cart.add(sku);
  res.json({ count: cart.add('gift-wrap') });
});
`,
    },
    // Request data on a NestJS singleton is no-request-leak’s finding.
    {
      code: `
import { Body, Controller, Post } from '@nestjs/common';

@Controller('orders')
export class OrdersController {
  private lastOrder?: unknown;

  @Post()
  create(@Body() body: unknown) {
    this.lastOrder = body;
    return { ok: true };
  }
}
`,
    },
    // Per-instance caches are reported only with `reportCaches`.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { fetchRate } from './rates';

@Injectable()
export class RatesService {
  private rateCache = new Map<string, number>();

  async rate(currency: string) {
    const hit = this.rateCache.get(currency);
    if (hit !== undefined) return hit;
    const rate = await fetchRate(currency);
    this.rateCache.set(currency, rate);
    return rate;
  }
}
`,
    },
    // A scheduled job is no-process-timers’ concern.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { fetchRates } from './rates';

@Injectable()
export class RatesRefresher {
  private rates: Record<string, number> = {};

  @Interval(60_000)
  async refresh() {
    this.rates = await fetchRates();
  }
}
`,
    },
    // A module-level registry filled at startup.
    {
      code: `
import express from 'express';

class Registry {
  private handlers = new Map<string, (body: unknown) => unknown>();

  register(name: string, handler: (body: unknown) => unknown) {
    this.handlers.set(name, handler);
  }

  run(name: string, body: unknown) {
    return this.handlers.get(name)?.(body);
  }
}

const registry = new Registry();
registry.register('echo', (body) => body);

const app = express();
app.post('/run/:name', (req, res) => {
  res.json(registry.run(req.params.name, req.body));
});
`,
    },
    // An exported instance whose callers are in other files: `unknown`, reported only in strict.
    {
      code: `
import type { Request } from 'express';

class Metrics {
  private counts = new Map<string, number>();

  increment(name: string) {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}

export default new Metrics();
export type { Request };
`,
    },
    // Annotated on the field.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class WarmupService {
  // stateless-ok: each instance warms its own JIT; nothing reads this across requests
  private warmed = false;

  warm() {
    this.warmed = true;
    return this.warmed;
  }
}
`,
    },
    // Fields in `allow` are never reported.
    {
      code: `
import { Controller, Get } from '@nestjs/common';

@Controller('stats')
export class StatsController {
  private hits = 0;
  private lastSeen = 0;

  @Get()
  stats() {
    this.hits++;
    this.lastSeen = Date.now();
    return { hits: this.hits };
  }
}
`,
      options: [{allow: ["this.hits","StatsController.lastSeen"]}],
    },
    // Resources of the instance: a file watcher and its reset.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { watch, type FSWatcher } from 'node:fs';

@Injectable()
export class TemplatesService {
  private watcher: FSWatcher | undefined;

  follow(dir: string) {
    this.watcher = watch(dir);
  }

  onModuleDestroy() {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
`,
    },
    // Static fields belong to no-module-state.
    {
      code: `
import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class HealthController {
  static checks = 0;

  @Get()
  check() {
    HealthController.checks++;
    return { ok: true };
  }
}
`,
    },
    // An exported class that this file never instantiates.
    {
      code: `
export class Basket {
  private items: string[] = [];

  add(item: string) {
    this.items.push(item);
  }
}
`,
    },
    // A private NestJS method that nothing calls.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class LegacyService {
  private calls = 0;

  private count() {
    this.calls++;
  }
}
`,
    },
    // Shutdown hooks run once.
    {
      code: `
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';

@Injectable()
export class ConnectionsService implements OnApplicationShutdown {
  private open: { close(): void }[] = [];

  onApplicationShutdown() {
    for (const connection of this.open) connection.close();
    this.open = [];
  }
}
`,
    },
    // Instantiated both at startup and per request: not one shared instance.
    {
      code: `
import express from 'express';

class Tally {
  private total = 0;

  add(n: number) {
    this.total += n;
    return this.total;
  }
}

const bootTally = new Tally();
bootTally.add(1);

const app = express();
app.post('/sum', (req, res) => {
  const tally = new Tally();
  res.json({ total: req.body.numbers.reduce((_: number, n: number) => tally.add(n), 0) });
});
`,
    },
    // A browser module.
    {
      code: `
'use client';

class Preferences {
  private theme = 'light';

  toggle(event: { target: { checked: boolean } }) {
    this.theme = event.target.checked ? 'dark' : 'light';
  }
}

export const preferences = new Preferences();
`,
    },
    // Test files never run in the service.
    {
      code: `
import express from 'express';

class FakeMailer {
  sent: string[] = [];

  send(to: string) {
    this.sent.push(to);
  }
}

const mailer = new FakeMailer();
const app = express();
app.post('/invite', (req, res) => {
  mailer.send(String(req.body.email));
  res.sendStatus(202);
});
`,
      filename: 'src/orders/orders.controller.spec.ts',
    },
    // A provider that other modules register handlers with while the application starts.
    `
import { Injectable } from '@nestjs/common';

export interface UserDataHandler {
  canDeleteUser(id: string): Promise<boolean>;
}

@Injectable()
export class UserService {
  private readonly userDataHandlers: UserDataHandler[] = [];

  registerUserDataHandler(handler: UserDataHandler) {
    this.userDataHandlers.push(handler);
  }

  async deleteUser(id: string) {
    for (const handler of this.userDataHandlers) if (!(await handler.canDeleteUser(id))) return false;
    return true;
  }
}
`,
  ],
  invalid: [
    // Drained by a request instead: a poll on another replica never sees what this one holds.
    {
      code: `
import { Controller, Get, Post, Body } from '@nestjs/common';

@Controller('notifications')
export class NotificationsController {
  private pending: string[] = [];

  @Post()
  push(@Body('text') text: string): void {
    this.pending.push(text);
  }

  @Get()
  poll(): string[] {
    const batch = [...this.pending];
    this.pending = [];
    return batch;
  }
}
`,
      errors: [
        { messageId: 'collection', line: 10, column: 5, data: { advice: ALTERNATIVES.collection, field: 'pending', owner: 'the NestJS singleton `NotificationsController`', when: 'at request time' } },
        { messageId: 'collection', line: 16, column: 5, data: { advice: ALTERNATIVES.collection, field: 'pending', owner: 'the NestJS singleton `NotificationsController`', when: 'at request time' } },
      ],
    },
    // The same cache invalidated by an update: the delete reaches this replica only.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { loadPlan, savePlan, type Plan } from './plans';

@Injectable()
export class PlanService {
  private readonly cache = new Map<string, Plan>();

  async get(id: string): Promise<Plan> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const plan = await loadPlan(id);
    this.cache.set(id, plan);
    return plan;
  }

  async update(id: string, plan: Plan): Promise<void> {
    await savePlan(id, plan);
    this.cache.delete(id);
  }
}
`,
      errors: [
        { messageId: 'cacheInvalidated', line: 19, column: 5, data: { advice: ALTERNATIVES.cache, field: 'cache', owner: 'the NestJS singleton `PlanService`', when: 'at request time' } },
      ],
    },
    // The presence of a timer is a cooldown that a later request tests before it refuses: per replica.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { sendResetMail } from './mail';

@Injectable()
export class PasswordResetService {
  private readonly cooldowns: Record<string, NodeJS.Timeout> = {};

  async requestReset(userId: string): Promise<void> {
    if (this.cooldowns[userId]) {
      throw new Error('One reset e-mail per minute');
    }
    this.cooldowns[userId] = setTimeout(() => {
      delete this.cooldowns[userId];
    }, 60_000);
    await sendResetMail(userId);
  }
}
`,
      errors: [
        { messageId: 'object', line: 13, column: 5, data: { advice: ALTERNATIVES.object, field: 'cooldowns', owner: 'the NestJS singleton `PasswordResetService`', when: 'at request time' } },
      ],
    },
    // An in-memory implementation of the project's own cache contract: the application hands its one
    // instance to the code that serves requests. Once per field, with the cache reported as such.
    {
      code: `
import type { CacheStrategy } from './cache-strategy';

export class InMemoryCacheStrategy implements CacheStrategy {
  private readonly cache = new Map<string, { value: unknown; expires: number }>();
  private readonly tags = new Map<string, Set<string>>();

  get(key: string): unknown {
    const hit = this.cache.get(key);
    return hit && hit.expires > Date.now() ? hit.value : undefined;
  }

  set(key: string, value: unknown, ttl: number, tags: string[] = []): void {
    this.cache.set(key, { value, expires: Date.now() + ttl });
    for (const tag of tags) this.tags.set(tag, (this.tags.get(tag) ?? new Set()).add(key));
  }

  delete(key: string): void {
    this.cache.delete(key);
  }
}
`,
      errors: [
        { messageId: 'cache', line: 14, column: 5, data: { advice: ALTERNATIVES.cache, field: 'cache', owner: '`InMemoryCacheStrategy`, an in-memory `CacheStrategy`,', when: 'at request time' } },
        { messageId: 'collection', line: 15, column: 29, data: { advice: ALTERNATIVES.collection, field: 'tags', owner: '`InMemoryCacheStrategy`, an in-memory `CacheStrategy`,', when: 'at request time' } },
      ],
    },
    // The same count, shown by a route: then a request reads what only this replica counted.
    {
      code: `
import { Controller, Get, Injectable } from '@nestjs/common';

@Injectable()
export class Jobs {
  private running = 0;

  async run(work: () => Promise<void>): Promise<void> {
    this.running += 1;
    try {
      await work();
    } finally {
      this.running -= 1;
    }
  }

  count(): number {
    return this.running;
  }
}

@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: Jobs) {}

  @Get('running')
  running() {
    return this.jobs.count();
  }
}
`,
      errors: [
        { messageId: 'counter', line: 9, column: 5, data: { advice: ALTERNATIVES.counter, field: 'running', owner: 'the NestJS singleton `Jobs`', when: 'at request time' } },
      ],
    },
    // The same list, read by a request too: then it is state a request sees.
    {
      code: `
import { Controller, Get, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { WebSocket } from 'ws';

@Injectable()
export class Sockets implements OnModuleDestroy {
  private readonly open: WebSocket[] = [];

  add(socket: WebSocket) {
    this.open.push(socket);
  }

  count() {
    return this.open.length;
  }

  onModuleDestroy() {
    for (const socket of this.open) socket.close();
  }
}

@Controller('sockets')
export class SocketsController {
  constructor(private readonly sockets: Sockets) {}

  @Get()
  count() {
    return this.sockets.count();
  }
}
`,
      errors: [{ messageId: 'collection', line: 10, column: 5, data: { advice: FINDING_ADVICE.connections, field: 'open', owner: 'the NestJS singleton `Sockets`', when: 'at request time' } }],
    },
    // A store that a package calls on requests (passport's OpenID Connect state store), kept in a Map of this instance.
    {
      code: `
import type { Request } from 'express';
import type { SessionStore, SessionStoreCallback, SessionVerifyCallback } from 'passport-openidconnect';

export class LoginStateStore implements SessionStore {
  private readonly pending = new Map<string, { state: unknown; at: number }>();

  store(_req: Request, state: unknown, _appState: unknown, _meta: unknown, done: SessionStoreCallback): void {
    const handle = crypto.randomUUID();
    this.pending.set(handle, { state, at: Date.now() });
    done(null, handle);
  }

  verify(_req: Request, handle: string, done: SessionVerifyCallback): void {
    const entry = this.pending.get(handle);
    this.pending.delete(handle);
    done(null, entry?.state, undefined);
  }
}
`,
      errors: [
        { messageId: 'keyedMap', line: 10, column: 5, data: { advice: ALTERNATIVES['keyed-map'], field: 'pending', owner: '`LoginStateStore`, the store `passport-openidconnect` calls on requests,', when: 'at request time' } },
        { messageId: 'keyedMap', line: 16, column: 5, data: { advice: ALTERNATIVES['keyed-map'], field: 'pending', owner: '`LoginStateStore`, the store `passport-openidconnect` calls on requests,', when: 'at request time' } },
      ],
    },
    // Live documents, each with its clients and timers, kept by id: routed, not stored.
    {
      code: LIVE_DOCUMENTS_STORE,
      errors: [{ messageId: 'collection', line: 11, column: 35, data: { advice: FINDING_ADVICE.liveObjects, field: 'open', owner: 'the NestJS singleton `DocumentsStore`', when: 'at request time' } }],
    },
    // A constructor that hands every later `new` its first instance: `new Presence()` in a handler is the one instance.
    {
      code: `
import express from 'express';

class Presence {
  private static instance: Presence | undefined;
  private readonly online = new Map<string, number>();

  constructor() {
    if (Presence.instance) return Presence.instance;
    Presence.instance = this;
  }

  join(user: string): void {
    this.online.set(user, Date.now());
  }
}

const app = express();
app.post('/presence/:user', (req, res) => {
  new Presence().join(req.params.user);
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'collection', line: 14, column: 5, data: { advice: ALTERNATIVES.collection, field: 'online', owner: 'the singleton `Presence`', when: 'at request time' } }],
    },
    {
      code: `
import express from 'express';

class Pricing {
  #table: Record<string, Record<string, number>> = { openai: { 'GPT-4o': 5 } };
  #lowercase: Record<string, Record<string, string>> = {};

  price(provider: string, model: string): number | undefined {
    const models = this.#table[provider];
    if (!models) return undefined;
    if (!this.#lowercase[provider]) {
      const index: Record<string, string> = {};
      for (const key of Object.keys(models)) index[key.toLowerCase()] = key;
      this.#lowercase[provider] = index;
    }
    const match = this.#lowercase[provider][model.toLowerCase()];
    return match === undefined ? undefined : models[match];
  }
}

const pricing = new Pricing();
const app = express();
app.get('/price/:provider/:model', (req, res) => {
  res.json({ price: pricing.price(req.params.provider, req.params.model) });
});
`,
      options: [{ reportCaches: true }],
      errors: [{ messageId: 'cache', line: 14, column: 7, data: { advice: ALTERNATIVES.cache, field: '#lowercase', owner: '`Pricing`, created once on line 21,', when: 'at request time' } }],
    },
    // An entry written into after it is stored is per-key state, however it was first filled.
    {
      code: `
import express from 'express';

class Carts {
  #carts: Record<string, string[]> = {};

  add(id: string, item: string): void {
    if (!this.#carts[id]) {
      const cart: string[] = [];
      cart.push('welcome-gift');
      this.#carts[id] = cart;
    }
    this.#carts[id].push(item);
  }
}

const carts = new Carts();
const app = express();
app.post('/carts/:id', (req, res) => {
  carts.add(req.params.id, String(req.body.item));
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'object', line: 11, column: 7, data: { advice: ALTERNATIVES.object, field: '#carts', owner: '`Carts`, created once on line 17,', when: 'at request time' } }],
    },
    // A private initialiser that marks the instance ready runs again whenever `reload()` is called: its mark is state.
    {
      code: `
import express from 'express';
import { mkdir } from 'node:fs/promises';

class Exports {
  #directory: string | null = null;
  #ready = false;

  async #initialize(): Promise<void> {
    this.#directory = process.env.EXPORT_DIR ?? '/srv/exports';
    await mkdir(this.#directory, { recursive: true });
    this.#ready = true;
  }

  async reload(): Promise<void> {
    await this.#initialize();
  }

  async path(name: string): Promise<string> {
    if (!this.#ready) await this.#initialize();
    return \`\${this.#directory ?? ''}/\${name}\`;
  }
}

const exportFiles = new Exports();
const app = express();
app.get('/exports/:name', async (req, res) => {
  res.sendFile(await exportFiles.path(req.params.name));
});
`,
      errors: [{ messageId: 'flag', line: 12, column: 5, data: { advice: ALTERNATIVES.flag, field: '#ready', owner: '`Exports`, created once on line 25,', when: 'at request time' } }],
    },
    // The canonical in-memory NestJS service.
    {
      code: `
import { Injectable } from '@nestjs/common';
import type { Cat } from './cat.interface';

@Injectable()
export class CatsService {
  private readonly cats: Cat[] = [];

  create(cat: Cat) {
    this.cats.push(cat);
  }

  findAll(): Cat[] {
    return this.cats;
  }
}
`,
      errors: [
        { messageId: 'collection', line: 10, column: 5, data: { advice: ALTERNATIVES.collection, field: 'cats', owner: 'the NestJS singleton `CatsService`', when: 'at request time' } },
      ],
    },
    // `registerUser` registers data, not code: a controller calls it per request.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class AccountsService {
  private readonly users: { email: string }[] = [];

  registerUser(user: { email: string }) {
    this.users.push(user);
  }
}
`,
      errors: [
        { messageId: 'collection', line: 9, column: 5, data: { advice: ALTERNATIVES.collection, field: 'users', owner: 'the NestJS singleton `AccountsService`', when: 'at request time' } },
      ],
    },
    // A request counter on a controller.
    {
      code: `
import { Controller, Get } from '@nestjs/common';

@Controller('ping')
export class PingController {
  private requests = 0;

  @Get()
  ping() {
    this.requests++;
    return { pong: true, requests: this.requests };
  }
}
`,
      errors: [
        { messageId: 'counter', line: 10, column: 5, data: { advice: ALTERNATIVES.counter, field: 'requests', owner: 'the NestJS singleton `PingController`', when: 'at request time' } },
      ],
    },
    // A maintenance flag flipped by a route.
    {
      code: `
import { Controller, Delete, Get, Post } from '@nestjs/common';

@Controller('maintenance')
export class MaintenanceController {
  private enabled = false;

  @Get()
  status() {
    return { enabled: this.enabled };
  }

  @Post()
  enable() {
    this.enabled = true;
  }

  @Delete()
  disable() {
    this.enabled = false;
  }
}
`,
      errors: [
        { messageId: 'flag', line: 15, column: 5, data: { advice: ALTERNATIVES.flag, field: 'enabled', owner: 'the NestJS singleton `MaintenanceController`', when: 'at request time' } },
        { messageId: 'flag', line: 20, column: 5, data: { advice: ALTERNATIVES.flag, field: 'enabled', owner: 'the NestJS singleton `MaintenanceController`', when: 'at request time' } },
      ],
    },
    // A keyed Map in a service.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class QuotesService {
  private quotes = new Map<string, { total: number }>();

  save(id: string, total: number) {
    this.quotes.set(id, { total });
  }

  find(id: string) {
    return this.quotes.get(id);
  }
}
`,
      errors: [
        { messageId: 'collection', line: 9, column: 5, data: { advice: ALTERNATIVES.collection, field: 'quotes', owner: 'the NestJS singleton `QuotesService`', when: 'at request time' } },
      ],
    },
    // A gateway keeping a registry of connected clients.
    {
      code: `
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

@WebSocketGateway({ transports: ['websocket'] })
export class PresenceGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private clients = new Map<string, Socket>();

  handleConnection(client: Socket) {
    this.clients.set(client.id, client);
  }

  handleDisconnect(client: Socket) {
    this.clients.delete(client.id);
  }
}
`,
      errors: [
        { messageId: 'keyedMap', line: 10, column: 5, data: { advice: platformAdvice('socket.io', 'keyed-map'), field: 'clients', owner: 'the NestJS singleton `PresenceGateway`', when: 'at request time' } },
        { messageId: 'keyedMap', line: 14, column: 5, data: { advice: platformAdvice('socket.io', 'keyed-map'), field: 'clients', owner: 'the NestJS singleton `PresenceGateway`', when: 'at request time' } },
      ],
    },
    // Votes counted on a resolver.
    {
      code: `
import { Args, Mutation, Resolver } from '@nestjs/graphql';

@Resolver()
export class PollResolver {
  private votes: Record<string, number> = {};

  @Mutation(() => Number)
  vote(@Args('option') option: string) {
    this.votes[option] = (this.votes[option] ?? 0) + 1;
    return this.votes[option];
  }
}
`,
      errors: [
        { messageId: 'keyedMap', line: 10, column: 5, data: { advice: ALTERNATIVES['keyed-map'], field: 'votes', owner: 'the NestJS singleton `PollResolver`', when: 'at request time' } },
      ],
    },
    // A guard counting attempts per IP.
    {
      code: `
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';

@Injectable()
export class LoginAttemptsGuard implements CanActivate {
  private attempts = new Map<string, number>();

  canActivate(context: ExecutionContext) {
    const ip = context.switchToHttp().getRequest().ip as string;
    const count = (this.attempts.get(ip) ?? 0) + 1;
    this.attempts.set(ip, count);
    return count <= 5;
  }
}
`,
      errors: [
        { messageId: 'keyedMap', line: 11, column: 5, data: { advice: ALTERNATIVES['keyed-map'], field: 'attempts', owner: 'the NestJS singleton `LoginAttemptsGuard`', when: 'at request time' } },
      ],
    },
    // An interceptor counting requests in flight.
    {
      code: `
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { finalize } from 'rxjs';

@Injectable()
export class InFlightInterceptor implements NestInterceptor {
  private inFlight = 0;

  intercept(_context: ExecutionContext, next: CallHandler) {
    this.inFlight++;
    return next.handle().pipe(finalize(() => this.inFlight--));
  }
}
`,
      errors: [
        { messageId: 'counter', line: 10, column: 5, data: { advice: ALTERNATIVES.counter, field: 'inFlight', owner: 'the NestJS singleton `InFlightInterceptor`', when: 'at request time' } },
      ],
    },
    // A private method reached from a public one.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class AnalyticsService {
  private events: { name: string; at: number }[] = [];

  track(name: string) {
    this.record(name);
  }

  private record(name: string) {
    this.events.push({ name, at: Date.now() });
  }
}
`,
      errors: [
        { messageId: 'collection', line: 13, column: 5, data: { advice: ALTERNATIVES.collection, field: 'events', owner: 'the NestJS singleton `AnalyticsService`', when: 'at request time' } },
      ],
    },
    // A value reassigned by a public method.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class CurrencyService {
  private currency = 'EUR';

  switchTo(code: string) {
    this.currency = code;
  }

  format(amount: number) {
    return new Intl.NumberFormat('en', { style: 'currency', currency: this.currency }).format(amount);
  }
}
`,
      errors: [
        { messageId: 'value', line: 9, column: 5, data: { advice: ALTERNATIVES.value, field: 'currency', owner: 'the NestJS singleton `CurrencyService`', when: 'at request time' } },
      ],
    },
    // A class instantiated once at module scope, used by middleware.
    {
      code: `
import express from 'express';

class HitCounter {
  private hits = 0;

  hit() {
    this.hits++;
    return this.hits;
  }
}

const counter = new HitCounter();
const app = express();

app.use((req, res, next) => {
  res.setHeader('X-Hits', String(counter.hit()));
  next();
});
`,
      errors: [
        { messageId: 'counter', line: 8, column: 5, data: { advice: ALTERNATIVES.counter, field: 'hits', owner: '`HitCounter`, created once on line 13,', when: 'at request time' } },
      ],
    },
    // A getInstance() singleton.
    {
      code: `
import express from 'express';

class Subscriptions {
  private static instance: Subscriptions | undefined;
  private emails = new Set<string>();

  static getInstance() {
    return (Subscriptions.instance ??= new Subscriptions());
  }

  add(email: string) {
    this.emails.add(email);
  }
}

const app = express();
app.post('/subscribe', (req, res) => {
  Subscriptions.getInstance().add(String(req.body.email));
  res.sendStatus(204);
});
`,
      errors: [
        { messageId: 'collection', line: 13, column: 5, data: { advice: ALTERNATIVES.collection, field: 'emails', owner: 'the singleton `Subscriptions`', when: 'at request time' } },
      ],
    },
    // A controller object of handler methods, created once.
    {
      code: `
import type { Request, Response } from 'express';

class OrdersController {
  private created = 0;

  create = async (req: Request, res: Response) => {
    this.created += 1;
    res.status(201).json({ n: this.created });
  };
}

export const ordersController = new OrdersController();
`,
      errors: [
        { messageId: 'counter', line: 8, column: 5, data: { advice: ALTERNATIVES.counter, field: 'created', owner: '`OrdersController`, created once on line 13,', when: 'at request time' } },
      ],
    },
    // Request data kept on a shared plain instance.
    {
      code: `
import type { Request, Response } from 'express';

class ProfileController {
  private currentUser: unknown;

  show(req: Request, res: Response) {
    this.currentUser = req.user;
    res.json(this.currentUser);
  }
}

export default new ProfileController();
`,
      errors: [
        { messageId: 'requestData', line: 8, column: 5, data: { advice: FINDING_ADVICE.requestData, field: 'currentUser', owner: '`ProfileController`, created once on line 13,', when: 'at request time' } },
      ],
    },
    // A queue drained by a public method.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class OutboxService {
  private pending: string[] = [];

  enqueue(message: string) {
    this.pending.push(message);
  }

  next() {
    return this.pending.shift();
  }
}
`,
      errors: [
        { messageId: 'collection', line: 9, column: 5, data: { advice: ALTERNATIVES.collection, field: 'pending', owner: 'the NestJS singleton `OutboxService`', when: 'at request time' } },
        { messageId: 'collection', line: 13, column: 12, data: { advice: ALTERNATIVES.collection, field: 'pending', owner: 'the NestJS singleton `OutboxService`', when: 'at request time' } },
      ],
    },
    // Settings merged into a shared object.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class SettingsService {
  private settings: Record<string, unknown> = { theme: 'light' };

  update(patch: Record<string, unknown>) {
    Object.assign(this.settings, patch);
    return this.settings;
  }
}
`,
      errors: [
        { messageId: 'object', line: 9, column: 5, data: { advice: ALTERNATIVES.object, field: 'settings', owner: 'the NestJS singleton `SettingsService`', when: 'at request time' } },
      ],
    },
    // A readonly array is still mutable.
    {
      code: `
import { Body, Controller, Post } from '@nestjs/common';

@Controller('feedback')
export class FeedbackController {
  private readonly received: string[] = [];

  @Post()
  submit(@Body('text') text: string) {
    this.received.push(text.slice(0, 200));
    return { count: this.received.length };
  }
}
`,
      errors: [
        { messageId: 'collection', line: 10, column: 5, data: { advice: ALTERNATIVES.collection, field: 'received', owner: 'the NestJS singleton `FeedbackController`', when: 'at request time' } },
      ],
    },
    // Caches with `reportCaches`.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { fetchRate } from './rates';

@Injectable()
export class RatesService {
  private rateCache = new Map<string, number>();

  async rate(currency: string) {
    const hit = this.rateCache.get(currency);
    if (hit !== undefined) return hit;
    const rate = await fetchRate(currency);
    this.rateCache.set(currency, rate);
    return rate;
  }
}
`,
      options: [{reportCaches: true}],
      errors: [
        { messageId: 'cache', line: 13, column: 5, data: { advice: ALTERNATIVES.cache, field: 'rateCache', owner: 'the NestJS singleton `RatesService`', when: 'at request time' } },
      ],
    },
    // A running total.
    {
      code: `
import { Body, Controller, Post } from '@nestjs/common';

@Controller('donations')
export class DonationsController {
  private donations = 0;

  @Post()
  donate(@Body('amount') amount: number) {
    this.donations += 1;
    return { accepted: amount > 0, donations: this.donations };
  }
}
`,
      errors: [
        { messageId: 'counter', line: 10, column: 5, data: { advice: ALTERNATIVES.counter, field: 'donations', owner: 'the NestJS singleton `DonationsController`', when: 'at request time' } },
      ],
    },
    // A timestamp set by a gateway message.
    {
      code: `
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

@WebSocketGateway({ transports: ['websocket'] })
export class TypingGateway {
  private lastTypingAt = 0;

  @SubscribeMessage('typing')
  typing() {
    this.lastTypingAt = Date.now();
    return { at: this.lastTypingAt };
  }
}
`,
      errors: [
        { messageId: 'value', line: 10, column: 5, data: { advice: ALTERNATIVES.value, field: 'lastTypingAt', owner: 'the NestJS singleton `TypingGateway`', when: 'at request time' } },
      ],
    },
    // Entries keyed by id in an object.
    {
      code: `
import { Injectable } from '@nestjs/common';

@Injectable()
export class DraftsService {
  private drafts: Record<string, string> = {};

  save(id: string, text: string) {
    this.drafts[id] = text;
  }

  remove(id: string) {
    delete this.drafts[id];
  }
}
`,
      errors: [
        { messageId: 'object', line: 9, column: 5, data: { advice: ALTERNATIVES.object, field: 'drafts', owner: 'the NestJS singleton `DraftsService`', when: 'at request time' } },
        { messageId: 'object', line: 13, column: 5, data: { advice: ALTERNATIVES.object, field: 'drafts', owner: 'the NestJS singleton `DraftsService`', when: 'at request time' } },
      ],
    },
    // Exported instance with `unknown` lifetimes (strict) in a server file.
    {
      code: `
import type { Request } from 'express';

class Metrics {
  private counts = new Map<string, number>();

  increment(name: string) {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
}

export default new Metrics();
export type { Request };
`,
      options: [{lifetimes: ["request","unknown"]}],
      errors: [
        { messageId: 'collection', line: 8, column: 5, data: { advice: ALTERNATIVES.collection, field: 'counts', owner: '`Metrics`, created once on line 12,', when: 'after startup' } },
      ],
    },
  ],
});

jsRuleTester.run('no-instance-state (JavaScript)', rule, {
  valid: [
    // JavaScript: fields set in the constructor only.
    {
      code: `
import express from 'express';

class Pricing {
  constructor(currency) {
    this.currency = currency;
    this.rates = new Map([['EUR', 1], ['USD', 1.08]]);
  }

  quote(amount) {
    return amount * (this.rates.get(this.currency) ?? 1);
  }
}

const pricing = new Pricing(process.env.CURRENCY ?? 'EUR');
const app = express();
app.get('/quote/:amount', (req, res) => res.json({ total: pricing.quote(Number(req.params.amount)) }));
`,
    },
    // JavaScript: a per-request instance.
    {
      code: `
import express from 'express';

class Timer {
  constructor() {
    this.marks = [];
  }

  mark(label) {
    this.marks.push({ label, at: Date.now() });
  }
}

const app = express();
app.use((req, res, next) => {
  res.locals.timer = new Timer();
  res.locals.timer.mark('start');
  next();
});
`,
    },
    // JavaScript: a logger's stopwatch: clock readings that only end up in its output.
    {
      code: `
import express from 'express';

class Log {
  constructor(name) {
    this.name = name;
    this.timeStart = Date.now();
    this.timeEnd = null;
    this.elapsed = null;
  }

  debug(message) {
    this.timeEnd = Date.now();
    this.elapsed = this.format(Math.floor(this.timeEnd - this.timeStart));
    console.debug(\`[\${this.name}] \${message}\`, this.elapsed);
    this.timeStart = Date.now();
  }

  format(ms) {
    return \`+\${ms}ms\`;
  }
}

const log = new Log('api');
const app = express();
app.get('/orders', (req, res) => {
  log.debug('list orders');
  res.json([]);
});
`,
    },
    // JavaScript: a class made per connection keeps that connection's own state; its constructor
    // registers handlers of one socket's messages, not of the server.
    {
      code: `
import { WebSocketServer } from 'ws';

class Peer {
  constructor(socket) {
    this.socket = socket;
    this.sent = 0;
    this.rooms = new Set();
    socket.on('message', (message) => this.onMessage(JSON.parse(message)));
  }

  onMessage(message) {
    this.sent++;
    if (message.type === 'join') this.rooms.add(message.room);
  }
}

const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (socket) => new Peer(socket));
`,
    },
  ],
  invalid: [
    // JavaScript: an in-memory job queue that extends the project's queue base class.
    {
      code: `
const { JobQueue } = require('./job-queue');

class MemoryJobQueue extends JobQueue {
  constructor() {
    super();
    this.jobs = [];
  }

  add(job) {
    this.jobs.push(job);
  }

  next() {
    return this.jobs.shift();
  }
}

module.exports = { MemoryJobQueue };
`,
      errors: [
        { messageId: 'collection', line: 11, column: 5, data: { advice: ALTERNATIVES.collection, field: 'jobs', owner: '`MemoryJobQueue`, an in-memory `JobQueue`,', when: 'at request time' } },
      ],
    },
    // JavaScript: a session store of its own, extending the package's base class, that keeps the sessions in an object of the instance.
    {
      code: `
const session = require('express-session');

class ObjectSessionStore extends session.Store {
  constructor() {
    super();
    this.sessions = {};
  }

  get(sid, done) {
    done(null, this.sessions[sid]);
  }

  set(sid, data, done) {
    this.sessions[sid] = data;
    done();
  }
}

module.exports = ObjectSessionStore;
`,
      errors: [
        { messageId: 'object', line: 15, column: 5, data: { advice: ALTERNATIVES.object, field: 'sessions', owner: '`ObjectSessionStore`, the store `express-session` calls on requests,', when: 'at request time' } },
      ],
    },
    // JavaScript: a class that builds its own WebSocket server and registers its connection handler
    // in its constructor is one instance for every connection, wherever it is created.
    {
      code: `
import { WebSocketServer } from 'ws';

export default class SignalingHub {
  constructor(server) {
    this.rooms = {};
    this.pairings = {};
    this.lastBeat = {};
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  onConnection(socket) {
    socket.on('message', (message) => this.onMessage(socket, JSON.parse(message)));
    socket.on('close', () => delete this.lastBeat[socket.id]);
  }

  onMessage(socket, message) {
    // One slot per connection, used by that connection alone: not reported.
    this.lastBeat[socket.id] = Date.now();
    if (message.type === 'join') this.join(socket, message.room);
    if (message.type === 'pair') this.pairings[message.code] = socket.id;
  }

  join(socket, room) {
    this.rooms[room] ??= {};
    this.rooms[room][socket.id] = socket;
  }
}
`,
      errors: [
        {
          messageId: 'keyedMap',
          line: 22,
          column: 34,
          data: { advice: ALTERNATIVES['keyed-map'], field: 'pairings', owner: '`SignalingHub`, whose constructor registers the handlers on line 10,', when: 'at request time' },
        },
        {
          messageId: 'keyedMap',
          line: 26,
          column: 5,
          data: { advice: FINDING_ADVICE.connections, field: 'rooms', owner: '`SignalingHub`, whose constructor registers the handlers on line 10,', when: 'at request time' },
        },
      ],
    },
    // JavaScript: a flag set only to literals is no stopwatch, wherever it is read.
    {
      code: `
import express from 'express';

class Mode {
  constructor() {
    this.dom = false;
  }

  disable() {
    this.dom = false;
    console.log('mode', this.dom);
  }

  enable() {
    this.dom = true;
    console.log('mode', this.dom);
  }
}

const mode = new Mode();
const app = express();
app.post('/mode', (req, res) => {
  mode.enable();
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'flag', line: 15, column: 5, data: { advice: ALTERNATIVES.flag, field: 'dom', owner: '`Mode`, created once on line 20,', when: 'at request time' } }],
    },
    // JavaScript: a clock stamp that decides: requests are turned away by one instance's memory.
    {
      code: `
import express from 'express';

class Cooldown {
  constructor() {
    this.last = 0;
  }

  tryNow() {
    if (Date.now() - this.last < 60_000) return false;
    this.last = Date.now();
    return true;
  }
}

const cooldown = new Cooldown();
const app = express();
app.post('/reindex', (req, res) => res.sendStatus(cooldown.tryNow() ? 202 : 429));
`,
      errors: [{ messageId: 'value', line: 11, column: 5, data: { advice: ALTERNATIVES.value, field: 'last', owner: '`Cooldown`, created once on line 16,', when: 'at request time' } }],
    },
    // JavaScript: a controller instance with handler methods.
    {
      code: `
import express from 'express';

class UploadsController {
  count = 0;

  create(req, res) {
    this.count++;
    res.json({ count: this.count });
  }
}

const uploads = new UploadsController();
const app = express();
app.post('/uploads', (req, res) => uploads.create(req, res));
`,
      errors: [
        { messageId: 'counter', line: 8, column: 5, data: { advice: ALTERNATIVES.counter, field: 'count', owner: '`UploadsController`, created once on line 13,', when: 'at request time' } },
      ],
    },
    // JavaScript: module.exports of one instance whose methods handlers call.
    {
      code: `
const express = require('express');

class Inbox {
  constructor() {
    this.messages = [];
  }

  push(message) {
    this.messages.push(message);
  }
}

const inbox = new Inbox();
module.exports = inbox;

const app = express();
app.post('/inbox', (req, res) => {
  inbox.push(String(req.body.text));
  res.sendStatus(202);
});
`,
      errors: [
        { messageId: 'collection', line: 10, column: 5, data: { advice: ALTERNATIVES.collection, field: 'messages', owner: '`Inbox`, created once on line 14,', when: 'at request time' } },
      ],
    },
  ],
});
