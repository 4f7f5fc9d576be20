import { createRuleTester } from '../tests/rule-tester.js';
import { ALTERNATIVES, FINDING_ADVICE } from '../src/knowledge/advice.js';
import rule from './no-module-state.js';

// Typed linting: the code is linted as `tests/fixtures/typed/file.ts`, which can import the
// modules under `tests/fixtures/typed/state/`.
const ruleTester = createRuleTester('typed');

ruleTester.run('no-module-state (typed)', rule, {
  valid: [
    // Reading another module's state is not writing it.
    `
import express from 'express';
import { sessions } from './state/cache.js';

const app = express();
app.get('/me', (req, res) => {
  res.json(sessions.get(String(req.headers.authorization)) ?? null);
});
`,
    // A lazily created pool in another module is per-instance wiring, not state.
    `
import express from 'express';
import { getPool } from './state/stats.js';

const app = express();
app.get('/orders', async (req, res) => {
  res.json(await getPool().query('select 1'));
});
`,
    // A function of another module that only reads its state.
    `
import express from 'express';
import { formatHits } from './state/stats.js';

const app = express();
app.get('/hits', (req, res) => {
  res.send(formatHits());
});
`,
    // A plain reassignment in another module's function is left out (usually lazy set-up or a reset).
    `
import express from 'express';
import { resetHits } from './state/stats.js';

const app = express();
app.post('/reset', (req, res) => {
  resetHits();
  res.sendStatus(204);
});
`,
    // Calling a writer at startup is configuration.
    `
import { recordHit } from './state/stats.js';

recordHit('127.0.0.1');
`,
    // A local Map from a factory, filled at startup only.
    `
import { createRegistry } from './state/cache.js';

const registry = createRegistry();
registry.set('users', 1);
export function lookup(name: string): number | undefined {
  return registry.get(name);
}
`,
    // A method call on an imported object that is not a collection (unknown API): no guess.
    `
import express from 'express';
import { Pool } from './state/pool.js';

const pool = new Pool();
const app = express();
app.get('/q', async (req, res) => {
  res.json(await pool.query(String(req.query.sql)));
});
`,
  ],
  invalid: [
    // Two files: a route writes a Map declared in another module.
    {
      code: `
import express from 'express';
import { sessions } from './state/cache.js';

const app = express();
app.post('/login', (req, res) => {
  sessions.set(String(req.body.token), { userId: String(req.body.userId) });
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'importedState', line: 7, column: 3, data: { advice: FINDING_ADVICE.imported, name: 'sessions', file: './state/cache.ts', line: 1, when: 'at request time' } }],
    },
    // Three files: the binding is re-exported by an index module; the declaration is found through it.
    {
      code: `
import express from 'express';
import { sessions } from './state/index.js';

const app = express();
app.post('/logout', (req, res) => {
  sessions.delete(String(req.headers.authorization));
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'importedState', line: 7, column: 3, data: { advice: FINDING_ADVICE.imported, name: 'sessions', file: './state/cache.ts', line: 1, when: 'at request time' } }],
    },
    // An imported function that writes its own module's state, called from a handler.
    {
      code: `
import express from 'express';
import { recordHit } from './state/stats.js';

const app = express();
app.use((req, res, next) => {
  recordHit(req.ip ?? '');
  next();
});
`,
      errors: [{ messageId: 'callWritesState', line: 7, column: 3, data: { advice: FINDING_ADVICE.imported, callee: 'recordHit', file: './state/stats.ts', names: '`hits`, `recentIps`', when: 'at request time' } }],
    },
    // Through a namespace import and a re-export.
    {
      code: `
import express from 'express';
import * as state from './state/index.js';

const app = express();
app.get('/ping', (req, res) => {
  state.recordHit(req.ip ?? '');
  res.send('pong');
});
`,
      errors: [{ messageId: 'callWritesState', line: 7, column: 3, data: { advice: FINDING_ADVICE.imported, callee: 'state.recordHit', file: './state/stats.ts', names: '`hits`, `recentIps`', when: 'at request time' } }],
    },
    // A member write on another module's object.
    {
      code: `
import express from 'express';
import { config } from './state/cache.js';

const app = express();
app.put('/region', (req, res) => {
  config.region = 'us-east-1';
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'importedState', line: 7, column: 3, data: { advice: FINDING_ADVICE.imported, name: 'config', file: './state/cache.ts', line: 3, when: 'at request time' } }],
    },
    // A Map created by a factory is a collection by its type.
    {
      code: `
import express from 'express';
import { createRegistry } from './state/cache.js';

const seen = createRegistry();
const app = express();
app.get('/seen/:id', (req, res) => {
  seen.set(req.params.id, Date.now());
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'keyedMap', line: 8, column: 3, data: { advice: ALTERNATIVES['keyed-map'], name: 'seen' } }],
    },
    // An exported helper with ordinary parameters calls a writer: reported only with `unknown` lifetimes.
    {
      code: `
import { recordHit } from './state/stats.js';

export function replay(ips: string[]): void {
  for (const ip of ips) recordHit(ip);
}
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [{ messageId: 'callWritesState', line: 5, column: 25, data: { advice: FINDING_ADVICE.imported, callee: 'recordHit', file: './state/stats.ts', names: '`hits`, `recentIps`', when: 'after startup' } }],
    },
  ],
});
