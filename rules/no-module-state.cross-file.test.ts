import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunTests } from '@typescript-eslint/rule-tester';
import { ALTERNATIVES, FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRuleTester } from '../tests/rule-tester.js';
import rule, { type MessageIds, type Options } from './no-module-state.js';

// State kept in one module and written by handlers in another: the modules are under
// `fixtures/typed/lib/`, the handlers are linted as files of `fixtures/typed/`. Without a program
// the imported modules are read through their summaries; with one (typed linting) the same.
const root = path.join(import.meta.dirname, '..', 'fixtures', 'typed');
const at = (file: string): string => path.join(root, file);
/** A fixture file's own text: the files the resolver finds are the code the test lints. */
const fixture = (file: string): string => readFileSync(at(file), 'utf8');

const handlers: RunTests<MessageIds, Options> = {
  valid: [
    // A private method of a provider handed an instance made for this call (directly, or through another private method): per-call state.
    `
import { Injectable } from '@nestjs/common';
import { Registry } from './lib/registry.js';

@Injectable()
export class Checker {
  check(ids: string[]): number {
    const seen = new Registry();
    for (const id of ids) this.visit(id, seen);
    return seen.size;
  }

  private visit(id: string, seen: Registry): void {
    this.note(id, seen);
  }

  private note(id: string, seen: Registry): void {
    seen.add(id, 'checked');
  }
}
`,
    // The same, with the instance made by a static factory of the parameter's own class (\`Registry.fromPeers\`).
    `
import { Injectable } from '@nestjs/common';
import { Registry } from './lib/registry.js';

@Injectable()
export class Checker {
  async check(ids: string[], known: Record<string, string>): Promise<number> {
    const seen = Registry.fromPeers(known);
    for (const id of ids) this.note(id, seen);
    return seen.size;
  }

  private note(id: string, seen: Registry): void {
    seen.add(id, 'checked');
  }
}
`,
    // A client that is Redis whichever branch the configuration takes.
    `
import express from 'express';
import { kv } from './lib/kv-redis.js';

const app = express();
app.post('/login/start', async (req, res) => {
  await kv.set(\`state:\${String(req.body.state)}\`, String(req.body.verifier));
  res.sendStatus(204);
});
`,
    // Functions of another module that only read its state, or keep none.
    `
import express from 'express';
import { describeJob } from './lib/jobs.js';
import { slugify, sharedPool, REGIONS } from './lib/clients.js';

const app = express();
app.post('/jobs/preview', async (req, res) => {
  await sharedPool().query('select 1');
  res.json({ text: describeJob(req.body), slug: slugify(String(req.query.q)), regions: REGIONS });
});
`,
    // Functions of another module that make a builder for each call: its clauses live in that call's closure.
    `
import express from 'express';
import { recentOrders, openTickets, countOf } from './lib/reports.js';

const app = express();
app.get('/reports/:customer', (req, res) => {
  res.json({ orders: recentOrders(req.params.customer), tickets: openTickets(req.params.customer), count: countOf('orders', 'status', String(req.query.status)) });
});
`,
    // A pool of child processes: its workers, the renders waiting for one and their ids are the pool's, as a database pool's connections are.
    `
import express from 'express';
import { render } from './lib/render-pool.js';

const app = express();
app.post('/preview', async (req, res) => {
  res.send(await render(String(req.body.template), { name: req.body.name }));
});
`,
    // An instance made per request is per-request state.
    `
import express from 'express';
import { Registry } from './lib/registry.js';

const app = express();
app.post('/scratch', (req, res) => {
  const perRequest = new Registry();
  perRequest.add(String(req.body.id), 'local');
  res.json(perRequest.size);
});
`,
    // `new` of a class whose constructor makes a fresh instance each time: per-request state, chained or through a constant.
    `
import express from 'express';
import { Registry } from './lib/registry.js';

const app = express();
app.post('/scratch/:id', (req, res) => {
  new Registry().add(req.params.id, 'local');
  res.sendStatus(204);
});
`,
    // A logger's stopwatch, through an instance of an imported class: clock readings that only reach its output.
    `
import express from 'express';
import { Log } from './lib/stopwatch-log.js';

const log = new Log('api');
const app = express();
app.get('/orders', (req, res) => {
  log.debug('list orders');
  res.json([]);
});
`,
    // A cache a factory named for one makes: reported only where caches are asked for.
    `
import express from 'express';
import { createTtlCache } from './lib/throttle.js';

const releases = createTtlCache<string[]>(60_000);
const app = express();
app.get('/releases/:channel', async (req, res) => {
  const cached = releases.get(req.params.channel);
  if (cached) return res.json(cached);
  const fresh = [req.params.channel];
  releases.set(req.params.channel, fresh);
  return res.json(fresh);
});
`,
    // A factory's object made per request is per-request state.
    `
import express from 'express';
import { createTally } from './lib/throttle.js';

const app = express();
app.post('/sum', (req, res) => {
  const tally = createTally();
  for (const n of req.body.values) tally.add(Number(n));
  res.json(tally.add(0));
});
`,
    // A new instance for each caller, from a function that makes one rather than handing out its module's.
    `
import express from 'express';
import { newPresence } from './lib/drivers.js';

const app = express();
app.post('/presence', (req, res) => {
  const presence = newPresence();
  presence.mark(String(req.query.user));
  res.json(presence.count());
});
`,
    // A reader of another module's instance.
    `
import express from 'express';
import { registry } from './lib/registry.js';

const app = express();
app.get('/peers/:id', (req, res) => {
  res.json(registry.find(req.params.id) ?? null);
});
`,
    // A class's registry of listeners (callbacks of this process), subscribed per connection.
    `
import express from 'express';
import { Channels } from './lib/channels.js';

const app = express();
app.get('/events/:channel', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  const stop = Channels.subscribe(req.params.channel, (message) => res.write(\`data: \${message}\\n\\n\`));
  req.on('close', stop);
});
`,
    // What an instance getter's one instance is only asked, and set up when the module loads.
    `
import express from 'express';
import { LimitManager } from './lib/limits.js';

LimitManager.getInstance().setLimit('default', 60);
const app = express();
app.get('/flows/:id/limit', (req, res) => {
  res.json(LimitManager.getInstance().limitOf(req.params.id));
});
// A route of the development build never runs in production.
if (process.env.NODE_ENV !== 'production') {
  app.post('/_e2e/flows/:id/limit', (req, res) => {
    LimitManager.getInstance().setLimit(req.params.id, 1);
    res.sendStatus(204);
  });
}
`,
    // Writers called at startup are set-up.
    `
import { enqueueJob } from './lib/jobs.js';
import { registry } from './lib/registry.js';

enqueueJob({ id: 'seed', kind: 'reindex' });
registry.add('self', '127.0.0.1');
`,
  ],
  invalid: [
    // The same private method handed the registry the provider was given: its calls reach that shared instance.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { Registry } from './lib/registry.js';

@Injectable()
export class Checker {
  constructor(private readonly registry: Registry) {}

  check(ids: string[]): number {
    for (const id of ids) this.note(id, this.registry);
    return this.registry.size;
  }

  private note(id: string, seen: Registry): void {
    seen.add(id, 'checked');
  }
}
`,
      errors: [{ messageId: 'callWritesState', line: 15, column: 5, data: { callee: 'seen.add', names: '`seen.peers` (line 3), `seen.lastSeen` (line 4)', file: './lib/registry.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // A static method that hands back the one instance of the process is no per-call factory.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { Registry } from './lib/registry.js';

@Injectable()
export class Checker {
  check(ids: string[]): number {
    const seen = Registry.sharedInstance();
    for (const id of ids) this.note(id, seen);
    return seen.size;
  }

  private note(id: string, seen: Registry): void {
    seen.add(id, 'checked');
  }
}
`,
      errors: [{ messageId: 'callWritesState', line: 14, column: 5, data: { callee: 'seen.add', names: '`seen.peers` (line 3), `seen.lastSeen` (line 4)', file: './lib/registry.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // A stand-in the configuration picks when no Redis is set: its keys live in this process. One
    // handler's several calls are one writer; another handler is another.
    {
      code: `
import express from 'express';
import { kv } from './lib/kv.js';

const app = express();
app.post('/login/start', async (req, res) => {
  await kv.set(\`state:\${String(req.body.state)}\`, String(req.body.verifier));
  await kv.set(\`return:\${String(req.body.state)}\`, String(req.body.returnTo));
  res.sendStatus(204);
});
app.post('/login/finish', async (req, res) => {
  const verifier = await kv.get(\`state:\${String(req.body.state)}\`);
  await kv.del(\`state:\${String(req.body.state)}\`);
  res.json({ verifier });
});
`,
      errors: [
        { messageId: 'callWritesState', line: 7, column: 9, data: { callee: 'kv.set', names: '`kv.entries` (line 5)', file: './lib/kv.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 13, column: 9, data: { callee: 'kv.del', names: '`kv.entries` (line 5)', file: './lib/kv.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
    // A client kept on the global object by its class's static start, handed out by its getter: its refresh writes the one instance.
    {
      filename: at('license-admin.ts'),
      code: fixture('license-admin.ts'),
      errors: [{ messageId: 'callWritesState', line: 9, column: 9, data: { callee: 'client.refresh', names: '`client.license` (line 15)', file: './lib/license.ts', when: 'at request time', advice: ALTERNATIVES.object } }],
    },
    // A builder kept at the top of its module: every request adds its clause to the one query.
    {
      code: `
import express from 'express';
import { auditFor } from './lib/reports.js';

const app = express();
app.get('/audit/:user', (req, res) => {
  res.json({ sql: auditFor(req.params.user) });
});
`,
      errors: [{ messageId: 'callWritesState', line: 7, column: 19, data: { callee: 'auditFor', names: '`clauses` (line 5)', file: './lib/query-builder.ts', when: 'at request time', advice: ALTERNATIVES.object } }],
    },
    // A class whose constructor hands every later `new` its first instance: `new Presence()` in a handler is that one instance.
    {
      code: `
import express from 'express';
import { Presence } from './lib/presence.js';

const app = express();
app.post('/presence/:user', (req, res) => {
  new Presence().join(req.params.user);
  res.sendStatus(204);
});
app.post('/away/:user', (req, res) => {
  const presence = new Presence();
  presence.join(req.params.user);
  res.json({ online: presence.count() });
});
`,
      errors: [
        { messageId: 'callWritesState', line: 7, column: 3, data: { callee: 'new Presence().join', names: '`Presence.online` (line 4)', file: './lib/presence.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 12, column: 3, data: { callee: 'presence.join', names: '`presence.online` (line 4)', file: './lib/presence.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
    // The producer and the consumer of a job are both writers of one module's Map, keyed by the caller.
    {
      code: `
import express from 'express';
import { enqueueJob, takeJob } from './lib/jobs.js';

const app = express();
app.post('/jobs', (req, res) => {
  enqueueJob(req.body);
  res.sendStatus(201);
});
app.post('/jobs/:id/take', (req, res) => {
  res.json(takeJob(req.params.id) ?? null);
});
`,
      errors: [
        { messageId: 'callWritesState', line: 7, column: 3, data: { callee: 'enqueueJob', names: '`queued` (line 6)', file: './lib/jobs.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 11, column: 12, data: { callee: 'takeJob', names: '`queued` (line 6)', file: './lib/jobs.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
    // A module's map kept on the global object and used through a constant that names the member.
    {
      code: `
import express from 'express';
import { issueGrant, redeemGrant } from './lib/grants.js';

const app = express();
app.post('/grants', (req, res) => {
  res.json({ code: issueGrant(String(req.body.user)) });
});
app.post('/grants/:code', (req, res) => {
  res.json({ user: redeemGrant(req.params.code) ?? null });
});
`,
      errors: [
        { messageId: 'callWritesState', line: 7, column: 20, data: { callee: 'issueGrant', names: '`grants` (line 15)', file: './lib/grants.ts', when: 'at request time', advice: ALTERNATIVES.collection } },
        { messageId: 'callWritesState', line: 10, column: 20, data: { callee: 'redeemGrant', names: '`grants` (line 15)', file: './lib/grants.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
    // Two files away: a service function of the project calls the writer.
    {
      code: `
import express from 'express';
import { submit } from './lib/jobs-service.js';

const app = express();
app.post('/jobs', (req, res) => {
  res.json(submit(String(req.body.kind), String(req.body.id)));
});
`,
      errors: [{ messageId: 'callWritesState', line: 7, column: 12, data: { callee: 'submit', names: '`queued` (line 6)', file: './lib/jobs.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // The callee's own file keeps only a cache (not reported): the state named is the other file's.
    {
      code: `
import express from 'express';
import { submitCached } from './lib/jobs-service.js';

const app = express();
app.post('/jobs', (req, res) => {
  res.json(submitCached(String(req.body.kind), String(req.body.id)));
});
`,
      errors: [{ messageId: 'callWritesState', line: 7, column: 12, data: { callee: 'submitCached', names: '`queued` (line 6)', file: './lib/jobs.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // A class instance made when its module loads, exported by name and as the default, and one made at the top of this file.
    {
      code: `
import express from 'express';
import shared, { registry, Registry } from './lib/registry.js';

const local = new Registry();
const app = express();
app.post('/peers', (req, res) => {
  registry.add(String(req.body.id), req.ip ?? '');
  shared.add(String(req.body.id), req.ip ?? '');
  local.add(String(req.body.id), req.ip ?? '');
  res.sendStatus(204);
});
`,
      errors: ['registry', 'shared', 'local'].map((name, index) => ({
        messageId: 'callWritesState' as const,
        line: 8 + index,
        column: 3,
        data: { callee: `${name}.add`, names: `\`${name}.peers\` (line 3), \`${name}.lastSeen\` (line 4)`, file: './lib/registry.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] },
      })),
    },
    // The one instance a class keeps of itself (\`static getInstance()\`), written through the getter and through a \`const\` holding it.
    {
      code: `
import express from 'express';
import { LimitManager } from './lib/limits.js';

const app = express();
app.put('/flows/:id/limit', (req, res) => {
  LimitManager.getInstance().setLimit(req.params.id, Number(req.body.perMinute));
  res.sendStatus(204);
});
app.post('/flows/:id/limit/reset', (req, res) => {
  const limits = LimitManager.getInstance();
  limits.setLimit(req.params.id, 60);
  res.json(limits.limitOf(req.params.id));
});
`,
      errors: [
        { messageId: 'callWritesState', line: 7, column: 3, data: { callee: 'LimitManager.getInstance().setLimit', names: '`LimitManager.limits` (line 4)', file: './lib/limits.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 12, column: 3, data: { callee: 'limits.setLimit', names: '`limits.limits` (line 4)', file: './lib/limits.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
    // The one value a getter of another module hands out (set once to an imported object, or made on
    // first use): each request that calls its methods writes what every later request reads.
    {
      code: `
import express from 'express';
import { getDriver, presenceTracker } from './lib/drivers.js';

const app = express();
app.post('/uploads/:id', async (req, res) => {
  const driver = await getDriver();
  await driver.begin(req.params.id, Number(req.body.size));
  presenceTracker().mark(String(req.query.user));
  res.sendStatus(201);
});
`,
      errors: [
        { messageId: 'callWritesState', line: 8, column: 9, data: { callee: 'driver.begin', names: '`uploads` (line 7)', file: './lib/memory-driver.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 9, column: 3, data: { callee: 'presenceTracker().mark', names: '`presence.online` (line 13)', file: './lib/drivers.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
    // An object an imported factory returns, kept at module scope: its methods write the factory's closure.
    {
      code: `
import express from 'express';
import { createThrottle } from './lib/throttle.js';

const throttle = createThrottle(100, 60_000);
const app = express();
app.post('/messages', async (req, res) => {
  if (!(await throttle.allow(String(req.ip)))) return res.sendStatus(429);
  return res.sendStatus(202);
});
`,
      errors: [{ messageId: 'callWritesState', line: 8, column: 15, data: { callee: 'throttle.allow', names: '`windows` (line 11)', file: './lib/throttle.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // An instance made when a module loads, of a class another module declares.
    {
      code: `
import express from 'express';
import { tunnels } from './lib/runtime.js';

const app = express();
app.post('/tunnels', (req, res) => {
  tunnels.add(String(req.body.id), String(req.body.host));
  res.json({ host: tunnels.hostOf(String(req.body.id)) });
});
`,
      errors: [{ messageId: 'callWritesState', line: 7, column: 3, data: { callee: 'tunnels.add', names: '`tunnels.open` (line 3)', file: './lib/tunnel-pool.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // An object whose own methods write it through \`this\`, called from an exported function of its module.
    {
      code: `
import express from 'express';
import { saveDraft, loadDraft, draftTitle } from './lib/drafts.js';

const app = express();
app.put('/drafts/:id', (req, res) => {
  res.json(saveDraft(req.params.id, String(req.body.text)));
});
app.get('/drafts/:id', (req, res) => {
  const draft = loadDraft(req.params.id);
  res.json(draft ? draftTitle(draft) : null);
});
`,
      errors: [{ messageId: 'callWritesState', line: 7, column: 12, data: { callee: 'saveDraft', names: '`drafts` (line 14)', file: './lib/drafts.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // Through a barrel's \`export *\` and a renamed re-export.
    {
      code: `
import express from 'express';
import * as lib from './lib/index.js';

const app = express();
app.post('/rooms', (req, res) => {
  lib.rooms.open(String(req.body.id));
  lib.storeJob(req.body);
  res.sendStatus(204);
});
`,
      errors: [
        { messageId: 'callWritesState', line: 7, column: 3, data: { callee: 'lib.rooms.open', names: '`open` (line 1)', file: './lib/rooms.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 8, column: 3, data: { callee: 'lib.storeJob', names: '`queued` (line 6)', file: './lib/jobs.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
  ],
};

// Files of other shapes: a CommonJS controller, Next.js route handlers importing through a tsconfig
// `paths` alias and package.json `imports`.
const otherFiles: RunTests<MessageIds, Options> = {
  valid: [],
  invalid: [
    {
      filename: at('controllers/items.cjs'),
      code: fixture('controllers/items.cjs'),
      errors: [
        { messageId: 'importedState', line: 3, column: 22, data: { name: 'db.nextId', file: '../lib/db.cjs', line: 3, when: 'at request time', advice: FINDING_ADVICE.imported } },
        { messageId: 'importedState', line: 4, column: 3, data: { name: 'db.items', file: '../lib/db.cjs', line: 2, when: 'at request time', advice: FINDING_ADVICE.imported } },
      ],
    },
    // A class in a JavaScript module (its tree has no \`implements\`), one instance exported.
    {
      filename: at('controllers/items.cjs'),
      code: `
const { tally } = require('../lib/tally.cjs');
exports.hit = (req, res) => {
  tally.add(req.params.key);
  res.end();
};
`,
      errors: [{ messageId: 'callWritesState', line: 4, column: 3, data: { callee: 'tally.add', names: '`tally.counts` (line 4)', file: '../lib/tally.cjs', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // An exported object with no binding of its own, whose methods write its data members through \`this\`.
    {
      filename: at('controllers/items.cjs'),
      code: `
const groups = require('../lib/groups.cjs');
exports.save = (req, res) => {
  groups.add(req.params.id, req.body);
  res.json(groups.find(req.params.id));
};
exports.ping = async (req, res) => {
  groups.connect();
  groups.clearFolders();
  res.end(groups.label + String(await groups.folderList(async () => [])));
};
`,
      errors: [{ messageId: 'callWritesState', line: 4, column: 3, data: { callee: 'groups.add', names: '`groups` (line 3), `recent` (line 4)', file: '../lib/groups.cjs', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // An exported function that writes through the module's instance of its own class.
    {
      filename: at('controllers/items.cjs'),
      code: `
const { countHit } = require('../lib/tally.cjs');
exports.hit = (req, res) => {
  countHit(req.params.key);
  res.end();
};
`,
      errors: [{ messageId: 'callWritesState', line: 4, column: 3, data: { callee: 'countHit', names: '`tally.counts` (line 4)', file: '../lib/tally.cjs', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    {
      filename: at('app/api/rooms/route.ts'),
      code: fixture('app/api/rooms/route.ts'),
      errors: [{ messageId: 'callWritesState', line: 4, column: 3, data: { callee: 'rooms.open', names: '`open` (line 1)', file: '../../../lib/rooms.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    {
      filename: at('app/api/rooms2/route.ts'),
      code: `
import { rooms, storeJob } from '#lib/index.js';
export async function POST(request: Request) {
  const body = (await request.json()) as { id: string; email: string };
  rooms.open(body.id);
  storeJob({ id: body.id, kind: body.email });
  return Response.json({});
}
`,
      errors: [
        { messageId: 'callWritesState', line: 5, column: 3, data: { callee: 'rooms.open', names: '`open` (line 1)', file: '../../../lib/rooms.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 6, column: 3, data: { callee: 'storeJob', names: '`queued` (line 6)', file: '../../../lib/jobs.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
  ],
};

// An instance made once at startup and handed on: to a route factory as a parameter, to a socket
// server's constructor and kept in a field, or kept in a module binding. Its declared type names the
// class (or the one class implementing the interface), whose summary says what each method writes.
const peers = (callee: string, names: string, line: number, column: number): { messageId: 'callWritesState'; line: number; column: number; data: Record<string, string> } => ({
  messageId: 'callWritesState',
  line,
  column,
  data: { callee, names, file: './lib/realm.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] },
});
const handed: RunTests<MessageIds, Options> = {
  valid: [
    // The factory reads through the instance only, and writes while it builds the routes (set-up).
    `
import express from 'express';
import type { PeerRealm } from './lib/realm.js';

export function peersApi({ realm }: { realm: PeerRealm }): express.Router {
  const router = express.Router();
  realm.join('self', '127.0.0.1');
  router.get('/peers', (_req, res) => {
    res.json(realm.ids());
  });
  return router;
}
`,
    // A helper's parameter is whatever its caller made: a per-request object as often as not.
    `
import express from 'express';
import { Realm } from './lib/realm.js';

function admit(realm: Realm, id: string): void {
  realm.join(id, 'local');
}
const app = express();
app.post('/scratch', (req, res) => {
  const scratch = new Realm();
  admit(scratch, String(req.body.id));
  res.json(scratch.ids());
});
`,
    // A constructor sets up the object it makes.
    `
import { WebSocketServer } from 'ws';
import type { PeerRealm } from './lib/realm.js';

export class Announcer {
  constructor(private readonly realm: PeerRealm, wss: WebSocketServer) {
    this.realm.join('announcer', 'local');
    wss.on('connection', (socket) => {
      socket.send(JSON.stringify(this.realm.ids()));
    });
  }
}
`,
    // Two classes implement \`Sink\`: which one a value typed with it holds is not known.
    `
import express from 'express';
import type { Sink } from './lib/realm.js';

export function logApi(sink: Sink): express.Router {
  const router = express.Router();
  router.post('/log', (req, res) => {
    sink.write(String(req.body.line));
    res.end();
  });
  return router;
}
`,
  ],
  invalid: [
    {
      code: `
import express from 'express';
import type { PeerRealm } from './lib/realm.js';

export function peersApi({ realm }: { realm: PeerRealm }): express.Router {
  const router = express.Router();
  router.post('/peers/:id', (req, res) => {
    realm.join(req.params.id, req.ip ?? '');
    res.end();
  });
  return router;
}
`,
      errors: [peers('realm.join', '`realm.peers` (line 10)', 8, 5)],
    },
    {
      code: `
import { WebSocketServer, type WebSocket } from 'ws';
import type { PeerRealm } from './lib/realm.js';

interface Options {
  realm: PeerRealm;
  port: number;
}

export class PeerServer {
  private readonly realm: PeerRealm;

  constructor({ realm, port }: Options) {
    this.realm = realm;
    new WebSocketServer({ port }).on('connection', (socket) => {
      this.admit(socket);
    });
  }

  private admit(socket: WebSocket): void {
    const id = crypto.randomUUID();
    this.realm.join(id, 'ws');
    socket.on('close', () => this.realm.leave(id));
  }
}
`,
      errors: [peers('this.realm.join', '`this.realm.peers` (line 10)', 22, 5), peers('this.realm.leave', '`this.realm.peers` (line 10)', 23, 30)],
    },
    {
      code: `
import express from 'express';
import { Realm } from './lib/realm.js';

let realm: Realm | null = null;
let fallback = null;
const app = express();
app.post('/peers/:id', (req, res) => {
  realm!.join(req.params.id, 'http');
  fallback.leave(req.params.id);
  res.end();
});
app.listen(3000, () => {
  realm = new Realm();
  fallback = new Realm();
});
`,
      errors: [peers('realm.join', '`realm.peers` (line 10)', 9, 3), peers('fallback.leave', '`fallback.peers` (line 10)', 10, 3)],
    },
  ],
};

// A context object made once at startup and handed to the route factories (`ctx: AppContext`): the
// instances it holds are reached through its typed fields (`ctx.realm.join(…)`), one or two deep.
const context: RunTests<MessageIds, Options> = {
  valid: [
    // Reads only, and a field whose interface two classes implement.
    `
import express from 'express';
import type { AppContext } from './lib/context.js';

export default function (router: express.Router, ctx: AppContext): void {
  router.get('/peers', (_req, res) => {
    ctx.services.sink.write('listed');
    res.json(ctx.realm.ids());
  });
}
`,
    // A field that is no project class, and a method the class does not have.
    `
import express from 'express';
import type { AppContext } from './lib/context.js';

export default function (router: express.Router, ctx: AppContext): void {
  router.post('/name', (req, res) => {
    ctx.services.name.concat(String(req.body.name));
    ctx.realm.toString();
    res.end();
  });
}
`,
    // A helper's parameter: the caller may hand it a context made for the request.
    `
import type { AppContext } from './lib/context.js';

export function admit(ctx: AppContext, id: string): void {
  ctx.realm.join(id, 'local');
}
`,
  ],
  invalid: [
    {
      code: `
import express from 'express';
import type { AppContext } from './lib/context.js';

export default function (router: express.Router, ctx: AppContext): void {
  router.post('/peers/:id', (req, res) => {
    ctx.realm.join(req.params.id, req.ip ?? '');
    ctx.guests.leave(req.params.id);
    ctx.services.realm.join(req.params.id, 'services');
    res.end();
  });
}
`,
      errors: [
        peers('ctx.realm.join', '`ctx.realm.peers` (line 10)', 7, 5),
        peers('ctx.guests.leave', '`ctx.guests.peers` (line 10)', 8, 5),
        peers('ctx.services.realm.join', '`ctx.services.realm.peers` (line 10)', 9, 5),
      ],
    },
    {
      code: `
import { WebSocketServer } from 'ws';
import type { AppContext, Services } from './lib/context.js';

export class PeerSocket {
  constructor(private readonly ctx: AppContext, wss: WebSocketServer, services: Services) {
    wss.on('connection', (socket) => {
      const id = crypto.randomUUID();
      socket.on('message', () => this.ctx.realm.join(id, 'ws'));
      socket.on('close', () => services.realm.leave(id));
    });
  }
}
`,
      errors: [peers('this.ctx.realm.join', '`this.ctx.realm.peers` (line 10)', 9, 34), peers('services.realm.leave', '`services.realm.peers` (line 10)', 10, 32)],
    },
  ],
};

// A NestJS provider's fields written by a method that its own file takes for start-up by its name
// (`initialize()`), called per request from a controller or another provider's public method.
const rates = (callee: string, line: number, column: number): { messageId: 'callWritesState'; line: number; column: number; data: Record<string, string> } => ({
  messageId: 'callWritesState',
  line,
  column,
  data: { callee, names: `\`${callee.replace(/\.initialize$/u, '')}.currencies\` (line 10), \`${callee.replace(/\.initialize$/u, '')}.rates\` (line 11)`, file: './lib/rates.service.ts', when: 'at request time', advice: ALTERNATIVES.collection },
});
// A class that keeps its own registry in static fields, written by static methods that handlers call.
const statics: RunTests<MessageIds, Options> = {
  valid: [
    // A reader, a registry of code (shutdown hooks), a method that writes nothing, and a call at startup.
    `
import express from 'express';
import { Terminals } from './lib/terminals.js';

Terminals.open('console', 24);
const app = express();
app.get('/terminals/:id', (req, res) => {
  Terminals.onShutdown(req.params.id, async () => undefined);
  res.json({ terminal: Terminals.find(req.params.id) ?? null, about: Terminals.describe() });
});
`,
    // A shell made at startup registers itself once; a handler that only looks one up writes nothing.
    `
import express from 'express';
import { Shell } from './lib/shells.js';

new Shell('console');
const app = express();
app.get('/shells/:id', (req, res) => {
  res.json(Shell.find(req.params.id)?.id ?? null);
});
`,
  ],
  invalid: [
    // A constructor that registers each instance in a static field: \`new\` of the class writes it, of
    // a subclass too (the parent's constructor runs without one of its own, or through \`super(…)\`).
    {
      code: `
import express from 'express';
import { AdminShell, LoginShell, Shell } from './lib/shells.js';

const app = express();

app.post('/shells/:id', (req, res) => {
  res.json(new Shell(req.params.id).id);
});
app.post('/shells/:id/login', (req, res) => {
  res.json(new LoginShell(req.params.id).id);
});
app.post('/shells/:id/admin', (req, res) => {
  res.json(new AdminShell(req.params.id).id);
});
`,
      errors: [
        { messageId: 'callWritesState', line: 8, column: 12, data: { callee: 'new Shell', names: '`Shell.open` (line 3)', file: './lib/shells.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 11, column: 12, data: { callee: 'new LoginShell', names: '`Shell.open` (line 3)', file: './lib/shells.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
        { messageId: 'callWritesState', line: 14, column: 12, data: { callee: 'new AdminShell', names: '`Shell.open` (line 3)', file: './lib/shells.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } },
      ],
    },
    {
      code: `
import express from 'express';
import { Terminals } from './lib/terminals.js';

const app = express();
app.post('/terminals/:id', (req, res) => {
  Terminals.open(req.params.id, Number(req.body.rows));
  res.sendStatus(201);
});
`,
      errors: [
        {
          messageId: 'callWritesState',
          line: 7,
          column: 3,
          data: { callee: 'Terminals.open', names: '`Terminals.sessions` (line 4), `Terminals.opened` (line 5)', file: './lib/terminals.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] },
        },
      ],
    },
  ],
};

const providers: RunTests<MessageIds, Options> = {
  valid: [
    // At start-up: a constructor, a lifecycle hook.
    `
import { Controller, Injectable, OnModuleInit } from '@nestjs/common';
import { RatesService } from './lib/rates.service.js';

@Controller('rates')
export class RatesController {
  constructor(private readonly ratesService: RatesService) {
    void this.ratesService.initialize();
  }
}

@Injectable()
export class Warmup implements OnModuleInit {
  constructor(private readonly ratesService: RatesService) {}

  async onModuleInit(): Promise<void> {
    await this.ratesService.initialize();
  }
}
`,
    // A reader, a method the provider's own file reports (\`reload\`), and a request-scoped provider.
    `
import { Controller, Get, Post } from '@nestjs/common';
import { RatesService, RequestRates } from './lib/rates.service.js';

@Controller('rates')
export class RatesController {
  constructor(private readonly ratesService: RatesService, private readonly requestRates: RequestRates) {}

  @Get()
  convert(): number {
    return this.ratesService.toBase(10, 'EUR');
  }

  @Post('reload')
  async reload(): Promise<void> {
    this.ratesService.reload();
    await this.requestRates.initialize();
  }
}
`,
  ],
  invalid: [
    {
      code: `
import { Controller, Injectable, Put } from '@nestjs/common';
import { RatesService } from './lib/rates.service.js';

@Controller('admin')
export class AdminController {
  constructor(private readonly ratesService: RatesService) {}

  @Put('currencies')
  async setCurrencies(): Promise<void> {
    await this.ratesService.initialize();
  }
}

@Injectable()
export class SettingsService {
  constructor(private readonly rates: RatesService) {}

  async putSetting(key: string): Promise<void> {
    if (key === 'currencies') await this.rates.initialize();
  }
}
`,
      errors: [rates('this.ratesService.initialize', 11, 11), rates('this.rates.initialize', 20, 37)],
    },
  ],
};

// Calls that run once per process, whatever the function they call writes: the call that fills a
// lazily made slot, and the body of a module's mixin factory.
const once: RunTests<MessageIds, Options> = {
  valid: [
    `
import express from 'express';
import { createCache } from './lib/caches.js';

let avatars: Map<string, unknown> | undefined;
const app = express();

app.get('/avatars/:id', (req, res) => {
  if (!avatars) avatars = createCache('avatars');
  res.json(avatars.get(req.params.id) ?? null);
});
`,
    // The same, one file further: the summary of cachedProfile() leaves out the call that runs once.
    `
import express from 'express';
import { cachedProfile } from './lib/profiles.js';

const app = express();

app.get('/profiles/:id', (req, res) => {
  res.json(cachedProfile(req.params.id) ?? null);
});
`,
    {
      code: `
import { createCache } from './lib/caches.js';

module.exports = function (Users: Record<string, unknown>) {
  Users.cache = createCache('users');
  Users.clearCache = function () {
    (Users.cache as Map<string, unknown>).clear();
  };
};
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
  ],
  invalid: [
    // Made on every request, each cache is registered again.
    {
      code: `
import express from 'express';
import { createCache } from './lib/caches.js';

const app = express();

app.post('/caches/:name', (req, res) => {
  createCache(req.params.name);
  res.sendStatus(201);
});
`,
      errors: [{ messageId: 'callWritesState', line: 8, column: 3, data: { callee: 'createCache', names: '`registry` (line 2)', file: './lib/caches.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
    // Every call of a read-through getter fills the same cache: the first call of the file names it.
    {
      code: `
import express from 'express';
import { setting } from './lib/settings.js';

const app = express();

app.get('/banner', async (req, res) => {
  res.json({ banner: await setting('banner'), theme: await setting('theme') });
});
app.get('/footer', async (req, res) => {
  res.json(await setting('footer'));
});
`,
      options: [{ lifetimes: ['request', 'unknown'], reportCaches: true }],
      errors: [{ messageId: 'callWritesState', line: 8, column: 28, data: { callee: 'setting', names: '`cached` (line 2)', file: './lib/settings.ts', when: 'at request time', advice: ALTERNATIVES.cache } }],
    },
    // A slot that lives no longer than the call is filled on every call.
    {
      code: `
import express from 'express';
import { createCache } from './lib/caches.js';

const app = express();

app.post('/caches', (req, res) => {
  let cache: Map<string, unknown> | undefined;
  if (!cache) cache = createCache(String(req.body.name));
  res.json(cache.size);
});
`,
      errors: [{ messageId: 'callWritesState', line: 9, column: 23, data: { callee: 'createCache', names: '`registry` (line 2)', file: './lib/caches.ts', when: 'at request time', advice: ALTERNATIVES['keyed-map'] } }],
    },
  ],
};

createRuleTester('project').run('no-module-state across files (summaries)', rule, {
  valid: [...handlers.valid, ...handed.valid, ...context.valid, ...providers.valid, ...statics.valid, ...once.valid],
  invalid: [...handlers.invalid, ...otherFiles.invalid, ...handed.invalid, ...context.invalid, ...providers.invalid, ...statics.invalid, ...once.invalid],
});
createRuleTester('typed').run('no-module-state across files (typed)', rule, {
  valid: [...handlers.valid, ...handed.valid, ...context.valid, ...providers.valid, ...statics.valid, ...once.valid],
  invalid: [...handlers.invalid, ...handed.invalid, ...context.invalid, ...providers.invalid, ...statics.invalid, ...once.invalid],
});
