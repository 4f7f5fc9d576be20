import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRuleTesters } from '../tests/rule-tester.js';
import rule from './no-random-secret.js';

const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();
const advice = FINDING_ADVICE.secret;

ruleTester.run('no-random-secret', rule, {
  valid: [
    // An id of this process is no secret: nothing signs with it.
    `
import { randomUUID } from 'node:crypto';
import express from 'express';

const instanceId = randomUUID();
const app = express();
app.get('/health', (req, res) => res.json({ instanceId }));
`,
    // A token made per request is stored with what it belongs to; a key made by a helper per call, too.
    `
import crypto from 'node:crypto';
import express from 'express';
import { db } from './db';

export function newApiKey(): string {
  const key = crypto.randomBytes(32).toString('hex');
  return key;
}

const app = express();
app.post('/invites', async (req, res) => {
  const token = crypto.randomBytes(16).toString('hex');
  await db.invites.insert({ token, email: req.body.email });
  res.json({ token, key: newApiKey() });
});
`,
    // The secret comes from the environment, with no random fallback.
    `
import express from 'express';
import session from 'express-session';

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET ?? 'change-me', resave: false, saveUninitialized: false }));
`,
    // Only in development, where one process runs.
    `
import { randomBytes } from 'node:crypto';

export const config = { sessionSecret: process.env.SESSION_SECRET };
if (process.env.NODE_ENV === 'development') {
  config.sessionSecret = randomBytes(32).toString('hex');
}
`,
    // A name the project allows: a per-process key it means to lose on restart.
    {
      code: `
import { randomBytes } from 'node:crypto';

export const scratchKey = randomBytes(32);
`,
      options: [{ allow: ['/^scratch/'] }],
    },
    // A public key alone signs nothing (a dummy key that keeps failed logins as slow as others).
    `
import { generateKeyPairSync } from 'node:crypto';

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { format: 'jwk' } });
export const DUMMY_KEY = publicKey;
`,
    // Random values that are not kept as secrets: a jitter, a sample rate.
    `
const jitter = Math.random() * 1000;
const sampled = Math.random() < 0.1;
export { jitter, sampled };
`,
    // A value made per call (a token per request), and one kept in the function's own binding.
    `
import { randomBytes } from 'node:crypto';

export function issueToken(): string {
  let token: string | undefined;
  if (!token) token = randomBytes(32).toString('hex');
  return token;
}
`,
  ],
  invalid: [
    // Made on first use and kept for the life of the process: one per replica all the same.
    {
      code: `
import { createHmac, randomBytes } from 'node:crypto';

let signingKey: Buffer | undefined;
export function sign(value: string): string {
  if (!signingKey) signingKey = randomBytes(32);
  return createHmac('sha256', signingKey).update(value).digest('hex');
}
export const signer = (() => {
  let secret: string | undefined;
  return { sign: (value: string) => createHmac('sha256', (secret ??= randomBytes(32).toString('hex'))).update(value).digest('hex') };
})();
`,
      errors: [
        { messageId: 'madeOnFirstUse', line: 6, column: 33, endColumn: 48, data: { name: 'signingKey', source: '`crypto.randomBytes`', advice } },
        { messageId: 'madeOnFirstUse', line: 11, column: 70, data: { name: 'secret', source: '`crypto.randomBytes`', advice } },
      ],
    },
    {
      code: `
import crypto from 'node:crypto';

const salt = crypto.randomBytes(16).toString('hex');
export function visitorId(ip: string, agent: string): string {
  return crypto.createHash('sha256').update(salt + ip + agent).digest('hex');
}
`,
      errors: [{ messageId: 'madeAtStart', line: 4, column: 14, endColumn: 36, data: { name: 'salt', source: '`crypto.randomBytes`', advice } }],
    },
    {
      code: `
import { randomBytes } from 'node:crypto';
import express from 'express';
import session from 'express-session';

const app = express();
app.use(
  session({
    secret: process.env.SESSION_SECRET || randomBytes(32).toString('hex'),
    resave: false,
    saveUninitialized: false,
  }),
);
`,
      errors: [{ messageId: 'fallback', line: 9, column: 43, data: { name: 'secret', source: '`crypto.randomBytes`', fallbackOf: 'process.env.SESSION_SECRET', advice } }],
    },
    {
      // Koa signs its cookies with \`app.keys\`.
      code: `
import Koa from 'koa';
import { randomUUID } from 'node:crypto';

const app = new Koa();
app.keys = [randomUUID(), randomUUID()];
`,
      errors: [
        { messageId: 'madeAtStart', line: 6, column: 13, data: { name: 'app.keys', source: '`crypto.randomUUID`', advice } },
        { messageId: 'madeAtStart', line: 6, column: 27, data: { name: 'app.keys', source: '`crypto.randomUUID`', advice } },
      ],
    },
    {
      // Made by a helper of the file, then rotated by a job: the value every replica starts with is its own.
      code: `
import crypto from 'node:crypto';
import schedule from 'node-schedule';

const generate = (): string => crypto.randomBytes(16).toString('hex');
let salt = generate();
schedule.scheduleJob('0 0 * * *', () => {
  salt = generate();
});
export const currentSalt = (): string => salt;
`,
      errors: [{ messageId: 'madeAtStart', line: 6, column: 12, data: { name: 'salt', source: '`crypto.randomBytes`', advice } }],
    },
    {
      // A name that says nothing, used to sign: the use decides.
      code: `
import { createHmac, randomBytes } from 'node:crypto';

const material = randomBytes(32);
export const sign = (value: string): string => createHmac('sha256', material).update(value).digest('hex');
`,
      errors: [{ messageId: 'madeAtStart', line: 4, column: 18, data: { name: 'material', source: '`crypto.randomBytes`', advice } }],
    },
    {
      // The Web Crypto global, and a key pair for signing tokens.
      code: `
import { generateKeyPairSync } from 'node:crypto';

const FALLBACK_SECRET = crypto.randomUUID();
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
export const signingKey = privateKey;
export const verifyingKey = publicKey;
export { FALLBACK_SECRET };
`,
      errors: [
        { messageId: 'madeAtStart', line: 4, column: 25, data: { name: 'FALLBACK_SECRET', source: '`crypto.randomUUID`', advice } },
        { messageId: 'madeAtStart', line: 5, column: 35, data: { name: 'privateKey', source: '`crypto.generateKeyPairSync`', advice } },
      ],
    },
  ],
});

jsRuleTester.run('no-random-secret (JavaScript)', rule, {
  valid: [
    `
const crypto = require('crypto');
module.exports = function requestId() {
  return crypto.randomBytes(8).toString('hex');
};
`,
  ],
  invalid: [
    {
      code: `
const crypto = require('crypto');
const config = require('./config.json');

if (!config.sessionSecret) {
  config.sessionSecret = crypto.randomBytes(32).toString('hex');
}
module.exports = config;
`,
      errors: [{ messageId: 'madeAtStart', line: 6, column: 26, data: { name: 'config.sessionSecret', source: '`crypto.randomBytes`', advice } }],
    },
  ],
});
