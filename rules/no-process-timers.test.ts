import { createRuleTesters } from '../tests/rule-tester.js';
import { platformAdvice } from '../tests/platform-advice.js';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import rule from './no-process-timers.js';

const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();

/** A provider that refreshes what it discovered, each day, in every instance: what `reportRefresh` decides. */
const PROVIDERS_REFRESH = `
import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { discover, type Provider } from './oidc';

@Injectable()
export class ProvidersService {
  private readonly providers = new Map<string, Provider>();

  constructor(private readonly config: { issuers: { id: string; url: string }[] }) {}

  @Cron('30 3 * * *')
  refreshProviders(): void {
    this.config.issuers.forEach((issuer) => {
      discover(issuer.url)
        .then((provider) => this.providers.set(issuer.id, provider))
        .catch((error: unknown) => console.error(error));
    });
  }
}
`;

ruleTester.run('no-process-timers', rule, {
  valid: [
    // A daily refresh of what this instance keeps in memory (discovered providers, kept through \`then\`): each instance refreshes its own.
    PROVIDERS_REFRESH,
    // A heartbeat: each instance renews its own record, under a key that names it, with the sockets it holds.
    `
import { hostname } from 'node:os';
import express from 'express';
import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? '');
const instance = \`\${hostname()}:\${process.pid}\`;
const connected = new Set<string>();

async function publishPresence(): Promise<void> {
  await redis.set(\`presence:\${instance}\`, JSON.stringify([...connected]), 'EX', 30);
  await redis.sadd('presence:instances', instance);
}

const app = express();
app.listen(3000, () => {
  setInterval(() => void publishPresence(), 10_000);
});
`,
    // A development-only interval that logs a count: the dev build, and this instance's log.
    `
import express from 'express';
import { Terminal } from './terminal';

const isDev = process.env.NODE_ENV === 'development';
const app = express();
if (isDev) {
  setInterval(() => {
    console.debug('Terminal count: ' + Terminal.getTerminalCount());
  }, 5000);
}
app.listen(3000);
`,
    // A scheduler job that reads data and pushes it to this process's own sockets: each replica serves its own clients.
    `
import express from 'express';
import { Server } from 'socket.io';
import { Cron } from 'croner';
import { Stack } from './stack';

class DashboardServer {
  app = express();
  io = new Server({ transports: ['websocket'] });

  start() {
    new Cron('*/10 * * * * *', { protect: true }, () => {
      void this.sendStackList();
    });
  }

  async sendStackList() {
    let stacks;
    for (const socket of this.io.sockets.sockets.values()) {
      const client = socket as typeof socket & { userId?: string };
      if (!client.userId) continue;
      stacks ??= await Stack.getStackList();
      client.emit('stackList', stacks);
    }
  }
}
new DashboardServer().start();
`,
    // A @Cron job that only prunes this instance's own map is per-instance housekeeping.
    `
import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';

@Injectable()
export class PresenceService {
  private readonly seen = new Map<string, number>();

  touch(id: string) {
    this.seen.set(id, Date.now());
  }

  @Cron(CronExpression.EVERY_MINUTE)
  prune() {
    for (const [id, at] of this.seen) if (at < Date.now() - 60_000) this.seen.delete(id);
  }
}
`,
    // A self-rescheduling timeout that only prunes memory.
    `
import express from 'express';

const app = express();
const recent = new Map<string, number>();
function sweep() {
  for (const [key, at] of recent) if (at < Date.now() - 60_000) recent.delete(key);
  setTimeout(sweep, 30_000);
}
sweep();
app.listen(3000);
`,
    // A retry that schedules a different function is not a loop.
    `
import express from 'express';
import { connectBroker } from './broker';

const app = express();
function start() {
  connectBroker().catch(() => setTimeout(() => void connectBroker(), 5_000));
}
start();
app.listen(3000);
`,
    // A connection's keep-alive that writes to its own socket.
    `
import { WebSocketServer } from 'ws';
import express from 'express';
import { loadTicker } from './ticker';

const app = express();
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws) => {
  setInterval(async () => ws.send(JSON.stringify(await loadTicker())), 10_000);
});
app.listen(3000);
`,
    // A connection timer kept on the socket's own data, cleared when it leaves.
    `
import { Server } from 'socket.io';
import { recordPresence } from './presence';

const io = new Server(3000, { transports: ['websocket'] });
io.on('connection', (socket) => {
  socket.data.presence = setInterval(() => void recordPresence(socket.id), 30_000);
  socket.on('disconnect', () => clearInterval(socket.data.presence));
});
`,
    // A job in a worker entry that imports no web framework: the rule cannot see it serve requests.
    `
import cron from 'node-cron';
import { sendDailyDigest } from './digest';

cron.schedule('0 7 * * *', () => sendDailyDigest());
function poll() {
  void sendDailyDigest();
  setTimeout(poll, 60_000);
}
poll();
`,
    // croner without a job only computes run times.
    `
import express from 'express';
import { Cron } from 'croner';

const app = express();
app.get('/next-backup', (req, res) => res.json({ next: new Cron('0 3 * * *', { timezone: 'UTC' }).nextRun() }));
`,
    // Housekeeping of an in-memory map.
    {
      code: `
import express from 'express';

const app = express();
const recent = new Map<string, number>();

setInterval(() => {
  const cutoff = Date.now() - 60_000;
  for (const [key, at] of recent) if (at < cutoff) recent.delete(key);
}, 30_000).unref();

app.get('/', (req, res) => res.send('ok'));
`,
    },
    // A heartbeat of this process’s WebSocket connections.
    {
      code: `
import { WebSocketServer } from 'ws';
import express from 'express';

const app = express();
const wss = new WebSocketServer({ noServer: true });

setInterval(() => {
  wss.clients.forEach((ws) => {
    if (ws.readyState === ws.OPEN) ws.ping();
  });
}, 30_000);
`,
    },
    // A per-connection ping.
    {
      code: `
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  const ping = setInterval(() => ws.ping(), 25_000);
  ws.on('close', () => clearInterval(ping));
});
`,
    },
    // An SSE keep-alive that belongs to the response.
    {
      code: `
import express from 'express';

const app = express();
app.get('/events', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  const keepAlive = setInterval(() => res.write(': ping\\n\\n'), 15_000);
  req.on('close', () => clearInterval(keepAlive));
});
`,
    },
    // A timeout guard cleared in the same handler.
    {
      code: `
import express from 'express';

const app = express();
app.get('/quote', async (req, res) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    const upstream = await fetch('https://rates.example.com/eur', { signal: controller.signal });
    res.json(await upstream.json());
  } finally {
    clearTimeout(timer);
  }
});
`,
    },
    // A pause the request waits for.
    {
      code: `
import express from 'express';
import { charge } from './payments';

const app = express();
app.post('/pay', async (req, res) => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (await charge(req.body)) return res.sendStatus(201);
    await new Promise((resolve) => setTimeout(resolve, attempt * 200));
  }
  res.sendStatus(502);
});
`,
    },
    // timers/promises is awaited.
    {
      code: `
import Fastify from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';

const fastify = Fastify();
fastify.get('/slow', async () => {
  await sleep(250);
  return { ok: true };
});
`,
    },
    // A one-off timer at startup.
    {
      code: `
import express from 'express';
import { warmCaches } from './warmup';

const app = express();
setTimeout(() => void warmCaches(), 5_000);
app.listen(3000);
`,
    },
    // Metrics and logs are about this instance.
    {
      code: `
import express from 'express';
import { logger } from './logger';
import { metrics } from './metrics';

const app = express();
setInterval(() => {
  metrics.gauge('heap_used', process.memoryUsage().heapUsed);
  logger.debug('heap sampled');
}, 10_000);
`,
    },
    // node-cron with distributed run coordination.
    {
      code: `
import cron from 'node-cron';
import express from 'express';
import { sendDigest } from './digest';

const app = express();
cron.schedule('0 7 * * *', sendDigest, { distributed: true });
`,
    },
    // A BullMQ job scheduler keeps the schedule in Redis.
    {
      code: `
import { Queue } from 'bullmq';
import express from 'express';

const app = express();
const queue = new Queue('digests', { connection: { url: process.env.REDIS_URL } });
await queue.upsertJobScheduler('daily-digest', { pattern: '0 7 * * *' }, { name: 'digest' });
`,
    },
    // A keep-alive a job wrapper starts for one run and clears when the run ends.
    `
import express from 'express';
import { agenda } from './agenda';

const app = express();
export function withKeepAlive(run: (job: { touch(): Promise<void> }) => Promise<void>) {
  return async (job: { touch(): Promise<void> }) => {
    let touchTimer: NodeJS.Timeout | undefined;
    touchTimer = setInterval(() => {
      void job.touch();
    }, 60_000);
    try {
      await run(job);
    } finally {
      clearInterval(touchTimer);
    }
  };
}
agenda.define('report', withKeepAlive(async () => {}));
app.listen(3000);
`,
    // Publishing this instance's own measurements through a function named for it.
    `
import express from 'express';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { pool } from './pool';

const app = express();
const cloudWatch = new CloudWatchClient({});
async function publishPoolSizeToCloudWatch(size: number) {
  await cloudWatch.send(new PutMetricDataCommand({ Namespace: 'app', MetricData: [{ MetricName: 'pool', Value: size }] }));
}
setInterval(() => {
  void publishPoolSizeToCloudWatch(pool.size);
}, 60_000);
app.listen(3000);
`,
    // A refresh of in-memory data, reported only with `reportRefresh`.
    {
      code: `
import express from 'express';
import { fetchRates } from './rates';

const app = express();
let rates: Record<string, number> = {};

setInterval(async () => {
  rates = await fetchRates();
}, 60_000);

app.get('/rates', (req, res) => res.json(rates));
`,
    },
    // A file that does not serve requests (reported with `assumeServer`).
    {
      code: `
import { sendReminders } from './reminders';

export function startReminderLoop() {
  return setInterval(() => void sendReminders(), 60_000);
}
`,
    },
    // A continuation handed in: `setTimeout(next)`.
    {
      code: `
import express from 'express';

const app = express();
app.param('delay', (req, res, next, delay) => {
  setTimeout(next, Number(delay));
});
`,
    },
    // Annotated as deliberate.
    {
      code: `
import express from 'express';
import { pruneExpired } from './cleanup';

const app = express();
// stateless-ok: prune is idempotent and cheap; every replica may run it
setInterval(() => void pruneExpired(), 3_600_000);
`,
    },
    // A scheduler in a worker entry point that imports no web framework.
    {
      code: `
import cron from 'node-cron';
import { rebuildSearchIndex } from './search';

cron.schedule('*/15 * * * *', () => rebuildSearchIndex());
`,
    },
    // A NestJS service clearing its own map.
    {
      code: `
import { Injectable, type OnModuleInit } from '@nestjs/common';

@Injectable()
export class PresenceService implements OnModuleInit {
  private lastSeen = new Map<string, number>();

  onModuleInit() {
    setInterval(() => this.prune(), 60_000);
  }

  private prune() {
    for (const [id, at] of this.lastSeen) if (Date.now() - at > 300_000) this.lastSeen.delete(id);
  }
}
`,
    },
    // A deferred response is part of the response.
    {
      code: `
import express from 'express';

const app = express();
app.get('/later', (req, res) => {
  setImmediate(() => res.json({ ok: true }));
});
`,
    },
    // A socket’s own timers live and die with the connection.
    {
      code: `
import { Server } from 'socket.io';
import { latestPrices } from './prices';

const io = new Server(3000, { transports: ['websocket'] });
io.on('connection', (socket) => {
  const feed = setInterval(async () => socket.emit('prices', await latestPrices()), 5_000);
  socket.on('disconnect', () => clearInterval(feed));
});
`,
    },
    // Workers keep after-response work alive with waitUntil.
    {
      code: `
export default {
  async fetch(request: Request, env: { LOGS: { send(body: string): Promise<void> } }, ctx: { waitUntil(p: Promise<unknown>): void }) {
    ctx.waitUntil(env.LOGS.send(request.url));
    return new Response('ok');
  },
};
`,
    },
    // A component’s timer in an effect hook runs in the browser.
    {
      code: `
import { useEffect, useState } from 'react';

export function Clock() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  return <time>{new Date(now).toISOString()}</time>;
}
`,
      filename: 'src/components/Clock.tsx',
    },
    // Reading a queue’s size only to record a metric.
    {
      code: `
import { Queue } from 'bullmq';
import express from 'express';
import { metrics } from './metrics';

const app = express();
const queue = new Queue('emails', { connection: { url: process.env.REDIS_URL } });
setInterval(async () => {
  metrics.gauge('emails.waiting', await queue.getWaitingCount());
}, 5_000).unref();
`,
    },
    // Test files never run in the service.
    {
      code: `
import express from 'express';
import { sendWelcome } from '../src/mail';

const app = express();
app.post('/signup', (req, res) => {
  setTimeout(() => void sendWelcome(req.body.email), 10);
  res.sendStatus(201);
});
`,
      filename: 'test/signup.test.ts',
    },
  ],
  invalid: [
    // A self-rescheduling setTimeout loop is a setInterval by another name.
    {
      code: `
import express from 'express';
import { pool } from './db';

const app = express();
async function purgeExpired() {
  await pool.query('DELETE FROM sessions WHERE expires_at < now()');
  setTimeout(purgeExpired, 60_000);
}
void purgeExpired();
app.listen(3000);
`,
      errors: [{ messageId: 'loop', line: 8, column: 3, data: { advice: FINDING_ADVICE.loop } }],
    },
    // The loop through an arrow and a method that re-arms it.
    {
      code: `
import express from 'express';
import { syncInventory } from './inventory';

class Poller {
  private timer?: NodeJS.Timeout;
  start() {
    this.arm();
  }
  private arm() {
    this.timer = setTimeout(() => void this.tick(), 30_000);
  }
  private async tick() {
    await syncInventory();
    this.arm();
  }
}
new Poller().start();
const app = express();
app.listen(3000);
`,
      errors: [{ messageId: 'loop', line: 11, column: 18, data: { advice: FINDING_ADVICE.loop } }],
    },
    // A socket's connection handler starts an interval it never clears, doing outside work.
    {
      code: `
import { Server } from 'socket.io';
import { pool } from './db';

const io = new Server(3000, { transports: ['websocket'] });
io.on('connection', (socket) => {
  setInterval(async () => {
    await pool.query('UPDATE stats SET online = online + 0');
  }, 10_000);
  socket.on('chat', (text: string) => io.emit('chat', text));
});
`,
      errors: [{ messageId: 'connection', line: 7, column: 3, data: { timer: 'setInterval', handler: "`on('connection')`", advice: FINDING_ADVICE.connection } }],
    },
    // A recurring job in a web process.
    {
      code: `
import express from 'express';
import { sendDueInvoices } from './billing';

const app = express();
setInterval(() => {
  void sendDueInvoices();
}, 60 * 60 * 1000);
app.listen(3000);
`,
      errors: [
        { messageId: 'interval', line: 6, column: 1 },
      ],
    },
    // The same refresh, reported when refreshes are asked for.
    {
      code: PROVIDERS_REFRESH,
      options: [{ reportRefresh: true }],
      errors: [{ messageId: 'refresh', line: 12, column: 3 }],
    },
    // An instance id only in the log line: the deletion is the same work in every replica.
    {
      code: `
import { randomUUID } from 'node:crypto';
import express from 'express';
import pg from 'pg';

const instanceId = randomUUID();
const pool = new pg.Pool();
const app = express();

setInterval(async () => {
  console.info(\`sweep by \${instanceId}\`);
  await pool.query('DELETE FROM sessions WHERE expires_at < now()');
}, 15 * 60 * 1000);
app.listen(3000);
`,
      errors: [{ messageId: 'interval', line: 10, column: 1 }],
    },
    // Deleting expired rows from every replica.
    {
      code: `
import express from 'express';
import pg from 'pg';

const app = express();
const pool = new pg.Pool();

setInterval(async () => {
  await pool.query('DELETE FROM sessions WHERE expires_at < now()');
}, 15 * 60 * 1000);
`,
      errors: [
        { messageId: 'interval', line: 8, column: 1 },
      ],
    },
    // node-cron without coordination.
    {
      code: `
import cron from 'node-cron';
import express from 'express';
import { sendDigest } from './digest';

const app = express();
cron.schedule('0 7 * * *', () => sendDigest());
`,
      errors: [
        { messageId: 'scheduler', line: 7, column: 1, data: { found: '`cron.schedule()` without `distributed`', advice: 'Pass `{ distributed: true }` with `cron.setRunCoordinator(…)` (node-cron 4), or a job scheduler from `bullmq`.' } },
      ],
    },
    // cron’s CronJob.
    {
      code: `
import { CronJob } from 'cron';
import express from 'express';
import { closeStaleTickets } from './tickets';

const app = express();
const job = new CronJob('0 * * * *', closeStaleTickets, null, true, 'UTC');
app.listen(3000);
`,
      errors: [
        { messageId: 'scheduler', line: 7, column: 13, data: { found: '`new CronJob()`', advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.' } },
      ],
    },
    // CronJob.from.
    {
      code: `
import { CronJob } from 'cron';
import Fastify from 'fastify';
import { exportToWarehouse } from './warehouse';

const fastify = Fastify();
CronJob.from({ cronTime: '0 2 * * *', onTick: exportToWarehouse, start: true });
`,
      errors: [
        { messageId: 'scheduler', line: 7, column: 1, data: { found: '`CronJob.from()`', advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.' } },
      ],
    },
    // croner, with the job as second or third argument.
    {
      code: `
import express from 'express';
import { Cron } from 'croner';
import { clearOldData, sendDigest } from './jobs';

const app = express();
new Cron('14 03 * * *', clearOldData);
const digest = new Cron('0 8 * * 1', { timezone: 'Europe/Berlin' }, () => sendDigest());
`,
      errors: [
        { messageId: 'scheduler', line: 7, column: 1, data: { found: '`new Cron()` with a job', advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.' } },
        { messageId: 'scheduler', line: 8, column: 16, data: { found: '`new Cron()` with a job', advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.' } },
      ],
    },
    // node-schedule.
    {
      code: `
import express from 'express';
import schedule from 'node-schedule';
import { renewCertificates } from './certs';

const app = express();
schedule.scheduleJob('0 3 * * 0', renewCertificates);
`,
      errors: [
        { messageId: 'scheduler', line: 7, column: 1, data: { found: '`schedule.scheduleJob()`', advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.' } },
      ],
    },
    // @nestjs/schedule @Cron.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { MailService } from './mail.service';

@Injectable()
export class DigestService {
  constructor(private readonly mail: MailService) {}

  @Cron(CronExpression.EVERY_DAY_AT_7AM)
  async sendDaily() {
    await this.mail.sendDigest();
  }
}
`,
      errors: [
        { messageId: 'scheduler', line: 10, column: 3, data: { found: '`@Cron()`', advice: 'Use a repeatable job in `@nestjs/bullmq`, or platform cron calling an endpoint.' } },
      ],
    },
    // @nestjs/schedule @Interval.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SyncClient } from './sync.client';

@Injectable()
export class InventorySync {
  constructor(private readonly client: SyncClient) {}

  @Interval(300_000)
  async pull() {
    await this.client.pullInventory();
  }
}
`,
      errors: [
        { messageId: 'scheduler', line: 10, column: 3, data: { found: '`@Interval()`', advice: 'Use a repeatable job in `@nestjs/bullmq`, or platform cron calling an endpoint.' } },
      ],
    },
    // A follow-up e-mail scheduled by a handler.
    {
      code: `
import express from 'express';
import { sendWelcome } from './mail';

const app = express();
app.post('/signup', express.json(), (req, res) => {
  setTimeout(() => void sendWelcome(req.body.email), 10 * 60 * 1000);
  res.sendStatus(201);
});
`,
      errors: [
        { messageId: 'afterResponse', line: 7, column: 3, data: { advice: FINDING_ADVICE.afterResponse, timer: 'setTimeout', handler: '`POST /signup`' } },
      ],
    },
    // Processing an upload after responding.
    {
      code: `
import express from 'express';
import { generateThumbnails } from './images';

const app = express();
app.post('/images', express.raw({ type: 'image/*' }), (req, res) => {
  setImmediate(() => {
    void generateThumbnails(req.body);
  });
  res.sendStatus(202);
});
`,
      errors: [
        { messageId: 'afterResponse', line: 7, column: 3, data: { advice: FINDING_ADVICE.afterResponse, timer: 'setImmediate', handler: '`POST /images`' } },
      ],
    },
    // Polling an external API from a handler.
    {
      code: `
import Fastify from 'fastify';
import { checkPayment, markPaid } from './payments';

const fastify = Fastify();
fastify.post<{ Params: { id: string } }>('/orders/:id/await-payment', async (request) => {
  const poll = setInterval(async () => {
    if (await checkPayment(request.params.id)) {
      clearInterval(poll);
      await markPaid(request.params.id);
    }
  }, 5_000);
  return { accepted: true };
});
`,
      errors: [
        { messageId: 'afterResponse', line: 7, column: 16, data: { advice: FINDING_ADVICE.afterResponse, timer: 'setInterval', handler: '`POST /orders/:id/await-payment`' } },
      ],
    },
    // A callback from another module.
    {
      code: `
import express from 'express';
import { reindexCatalog } from './search';

const app = express();
app.post('/catalog/reindex', (req, res) => {
  setTimeout(reindexCatalog, 0);
  res.sendStatus(202);
});
`,
      errors: [
        { messageId: 'afterResponse', line: 7, column: 3, data: { advice: FINDING_ADVICE.afterResponse, timer: 'setTimeout', handler: '`POST /catalog/reindex`' } },
      ],
    },
    // A version check that only keeps the answer in the module's exports: a refresh. The setting it
    // reads and the comparison only decide a branch; its debug tweak writes into the answer itself.
    {
      code: `
const express = require('express');
const axios = require('axios');
const compareVersions = require('compare-versions');
const { setting } = require('./settings');

const app = express();
exports.latestVersion = null;

setInterval(async () => {
  if ((await setting('checkUpdate')) === false) {
    return;
  }
  const res = await axios.get('https://versions.example.com/latest');
  if (process.env.FAKE_VERSION === '1') {
    res.data.stable = '1000.0.0';
  }
  if (res.data.beta && compareVersions.compare(res.data.beta, res.data.stable, '>')) {
    exports.latestVersion = res.data.beta;
    return;
  }
  exports.latestVersion = res.data.stable;
}, 48 * 60 * 60 * 1000);
app.listen(3000);
`,
      options: [{ reportRefresh: true }],
      errors: [{ messageId: 'refresh', line: 10, column: 1 }],
    },
    // Work whose answer decides a branch is still work.
    {
      code: `
import express from 'express';
import { purgeExpired, log } from './maintenance';

const app = express();
setInterval(async () => {
  if (await purgeExpired()) log('purged');
}, 60_000);
app.listen(3000);
`,
      errors: [{ messageId: 'interval', line: 6, column: 1 }],
    },
    // A refresh job with `reportRefresh`.
    {
      code: `
import express from 'express';
import { fetchRates } from './rates';

const app = express();
let rates: Record<string, number> = {};

setInterval(async () => {
  rates = await fetchRates();
}, 60_000);

app.get('/rates', (req, res) => res.json(rates));
`,
      options: [{reportRefresh: true}],
      errors: [
        { messageId: 'refresh', line: 8, column: 1 },
      ],
    },
    // Any file with `assumeServer`.
    {
      code: `
import { sendReminders } from './reminders';

export function startReminderLoop() {
  return setInterval(() => void sendReminders(), 60_000);
}
`,
      options: [{assumeServer: true}],
      errors: [
        { messageId: 'interval', line: 5, column: 10 },
      ],
    },
    // An interval started in onModuleInit.
    {
      code: `
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrdersRepository } from './orders.repository';

@Injectable()
export class ExpiryService implements OnModuleInit {
  constructor(private readonly orders: OrdersRepository) {}

  onModuleInit() {
    setInterval(() => void this.orders.cancelUnpaidOlderThan(30), 60_000);
  }
}
`,
      errors: [
        { messageId: 'interval', line: 10, column: 5 },
      ],
    },
    // A bound method that calls out.
    {
      code: `
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';

@Injectable()
export class FeedImporter implements OnModuleInit {
  constructor(private readonly http: HttpService) {}

  onModuleInit() {
    setInterval(this.importFeed.bind(this), 300_000);
  }

  private async importFeed() {
    await this.http.axiosRef.post('https://feeds.example.com/import');
  }
}
`,
      errors: [
        { messageId: 'interval', line: 10, column: 5 },
      ],
    },
    // globalThis.setInterval.
    {
      code: `
import { Hono } from 'hono';
import { flushOutbox } from './outbox';

const app = new Hono();
globalThis.setInterval(() => void flushOutbox(), 10_000);
export default app;
`,
      errors: [
        { messageId: 'interval', line: 6, column: 1 },
      ],
    },
    // setInterval imported from node:timers.
    {
      code: `
import { setInterval } from 'node:timers';
import Koa from 'koa';
import { syncUsers } from './directory';

const app = new Koa();
setInterval(() => void syncUsers(), 600_000);
`,
      errors: [
        { messageId: 'interval', line: 7, column: 1 },
      ],
    },
    // Revalidation deferred in a Next.js route handler.
    {
      code: `
import { revalidateTag } from 'next/cache';
import { createPost } from '@/lib/posts';

export async function POST(request: Request) {
  const post = await createPost(await request.json());
  setTimeout(() => revalidateTag('posts'), 1_000);
  return Response.json(post, { status: 201 });
}
`,
      filename: 'app/api/posts/route.ts',
      errors: [
        { messageId: 'afterResponse', line: 7, column: 3, data: { advice: platformAdvice('Vercel / Next.js', 'afterResponse'), timer: 'setTimeout', handler: '`POST /api/posts`' } },
      ],
    },
    // A webhook fired after a Hono response.
    {
      code: `
import { Hono } from 'hono';

const app = new Hono();
app.post('/orders', async (c) => {
  const order = await c.req.json<{ id: string }>();
  setTimeout(async () => {
    await fetch('https://hooks.example.com/orders', { method: 'POST', body: JSON.stringify(order) });
  }, 0);
  return c.json(order, 201);
});
export default app;
`,
      errors: [
        { messageId: 'afterResponse', line: 7, column: 3, data: { advice: FINDING_ADVICE.afterResponse, timer: 'setTimeout', handler: '`POST /orders`' } },
      ],
    },
    // toad-scheduler.
    {
      code: `
import express from 'express';
import { SimpleIntervalJob, Task, ToadScheduler } from 'toad-scheduler';
import { purgeTrash } from './trash';

const app = express();
const scheduler = new ToadScheduler();
scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ hours: 1 }, new Task('purge', purgeTrash)));
`,
      errors: [
        { messageId: 'scheduler', line: 7, column: 19, data: { found: '`new ToadScheduler()`', advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.' } },
      ],
    },
    // Bree: its jobs run in this process's worker threads, in every replica.
    {
      code: `
import path from 'node:path';
import express from 'express';
import Bree from 'bree';

const bree = new Bree({ root: path.join(import.meta.dirname, 'jobs'), jobs: [{ name: 'cleanup', interval: '1h' }] });
const app = express();
app.listen(3000, () => bree.start());
`,
      errors: [
        { messageId: 'scheduler', line: 6, column: 14, data: { found: '`new Bree()`', advice: 'Schedule it once in a queue: `queue.upsertJobScheduler(id, { pattern })` from `bullmq`.' } },
      ],
    },
  ],
});

jsRuleTester.run('no-process-timers (JavaScript)', rule, {
  valid: [
    // JavaScript: clearing a map of expired tokens.
    {
      code: `
const express = require('express');

const app = express();
const usedNonces = new Set();

setInterval(() => usedNonces.clear(), 10 * 60 * 1000);

app.post('/verify', (req, res) => {
  if (usedNonces.has(req.body.nonce)) return res.sendStatus(409);
  res.sendStatus(204);
});
`,
    },
  ],
  invalid: [
    // JavaScript: node-cron through require.
    {
      code: `
const cron = require('node-cron');
const express = require('express');
const { archiveOldPosts } = require('./archive');

const app = express();
cron.schedule('30 2 * * *', archiveOldPosts);
app.listen(3000);
`,
      errors: [
        { messageId: 'scheduler', line: 7, column: 1, data: { found: '`cron.schedule()` without `distributed`', advice: 'Pass `{ distributed: true }` with `cron.setRunCoordinator(…)` (node-cron 4), or a job scheduler from `bullmq`.' } },
      ],
    },
    // JavaScript: fetch on an interval.
    {
      code: `
import express from 'express';

const app = express();
setInterval(async () => {
  await fetch(process.env.HEARTBEAT_URL, { method: 'POST' });
}, 60_000);
app.listen(3000);
`,
      errors: [
        { messageId: 'interval', line: 5, column: 1 },
      ],
    },
  ],
});

// A loop that never ends and waits between rounds: the same recurring job as a `setInterval`, written with `await`.
ruleTester.run('no-process-timers: loops that wait between rounds', rule, {
  valid: [
    // A retry that ends once it succeeds.
    `
import express from 'express';
import { connectBroker } from './broker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function connect() {
  while (true) {
    try {
      await connectBroker();
      return;
    } catch {
      await sleep(1_000);
    }
  }
}
await connect();
express().listen(3000);
`,
    // Paging through a result with a local flag, pausing for the API's rate limit.
    `
import express from 'express';
import { fetchPage, save } from './source';
import { setTimeout as wait } from 'node:timers/promises';

const app = express();
app.post('/import', async (req, res) => {
  let more = true;
  let page = 0;
  while (more) {
    const batch = await fetchPage(page++);
    await save(batch.items);
    more = batch.hasMore;
    await wait(250);
  }
  res.sendStatus(204);
});
`,
    // A stream of a handler: the loop lives as long as its response.
    `
import express from 'express';
import { readPrices } from './prices';

const app = express();
app.get('/prices', async (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  for (;;) {
    res.write(\`data: \${JSON.stringify(await readPrices())}\\n\\n\`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
});
`,
    // Rounds that only prune this process's own map are housekeeping.
    `
import express from 'express';

const sessions = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function prune() {
  while (true) {
    for (const [id, expires] of sessions) if (expires < Date.now()) sessions.delete(id);
    await sleep(60_000);
  }
}
void prune();
express().listen(3000);
`,
    // A worker entry with no web framework: the rule leaves it to where it is deployed.
    {
      code: `
import { claimBatch, archive } from './jobs';
import { delay } from './utils';

async function main() {
  while (true) {
    for (const link of await claimBatch(5)) await archive(link);
    await delay(10);
  }
}
void main();
`,
      filename: 'worker.ts',
    },
  ],
  invalid: [
    {
      code: `
import express from 'express';
import { pendingLinks, archive } from './links';
import { delay } from './utils';

async function archiveLoop(interval: number) {
  while (true) {
    const links = await pendingLinks(5);
    await Promise.allSettled(links.map((link) => archive(link)));
    await delay(interval);
  }
}
void archiveLoop(10);
express().listen(3000);
`,
      errors: [{ messageId: 'waitLoop', line: 7, column: 3, endLine: 7, endColumn: 16, data: { wait: 'delay(interval)', advice: FINDING_ADVICE.loop } }],
    },
    // A stop flag kept outside the loop's function, and a wait defined in the file under another name.
    {
      code: `
import express from 'express';
import { pollFeeds } from './feeds';

let running = true;
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export async function startPolling() {
  do {
    await pollFeeds();
    await pause(60_000);
  } while (running);
}
export function stopPolling() {
  running = false;
}
express().listen(3000);
`,
      errors: [{ messageId: 'waitLoop', line: 10, column: 3, endLine: 10, endColumn: 5, data: { wait: 'pause(60_000)', advice: FINDING_ADVICE.loop } }],
    },
    // A class's loop with a stop flag on the instance.
    {
      code: `
import { Injectable, OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutboxRepository } from './outbox.repository';

@Injectable()
export class OutboxRelay implements OnModuleInit {
  private stopped = false;
  constructor(private readonly outbox: OutboxRepository) {}
  onModuleInit() {
    void this.relay();
  }
  private async relay() {
    while (!this.stopped) {
      await this.outbox.publishPending();
      await sleep(1_000);
    }
  }
}
`,
      errors: [{ messageId: 'waitLoop', line: 14, column: 5, endLine: 14, endColumn: 27, data: { wait: 'sleep(1_000)', advice: FINDING_ADVICE.loop } }],
    },
  ],
});

// Packages that stand in for the global timers run the same jobs.
ruleTester.run('no-process-timers: timer packages', rule, {
  valid: [
    // A job with nothing to do only checks the pattern.
    `
const express = require('express');
const Cron = require('croner');

express().listen(3000);
function isValidCron(pattern) {
  const job = new Cron(pattern, () => {});
  job.stop();
  return true;
}
module.exports = { isValidCron };
`,
    // A long timeout the request clears.
    `
import express from 'express';
import { setTimeout, clearTimeout } from 'long-timeout';
import { notify } from './notify';

const app = express();
app.post('/remind', (req, res) => {
  const timer = setTimeout(() => void notify(req.body.user), 30 * 86_400_000);
  clearTimeout(timer);
  res.end();
});
`,
  ],
  invalid: [
    {
      code: `
const express = require('express');
const { setTimeout } = require('unlimited-timeout');
const { checkSite } = require('./checks');

class SiteMonitor {
  start() {
    const beat = async () => {
      await checkSite(this.url);
      this.timer = setTimeout(beat, this.interval * 1000);
    };
    void beat();
  }
}
new SiteMonitor().start();
express().listen(3000);
`,
      errors: [{ messageId: 'loop', line: 10, column: 20, data: { advice: FINDING_ADVICE.loop } }],
    },
    {
      code: `
import express from 'express';
import { setIntervalAsync } from 'set-interval-async';
import { syncOrders } from './orders';

setIntervalAsync(async () => {
  await syncOrders();
}, 60_000);
express().listen(3000);
`,
      errors: [{ messageId: 'interval', line: 6, column: 1, data: { advice: FINDING_ADVICE.interval } }],
    },
    // croner 5 is the class itself.
    {
      code: `
const express = require('express');
const Cron = require('croner');
const { closeWindows } = require('./maintenance');

class MaintenanceWindow {
  run() {
    this.job = new Cron(this.cron, { timezone: this.timezone }, () => void closeWindows(this.id));
  }
}
new MaintenanceWindow().run();
express().listen(3000);
`,
      errors: [{ messageId: 'scheduler', line: 8, column: 16 }],
    },
  ],
});
