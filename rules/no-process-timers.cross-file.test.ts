import type { RunTests } from '@typescript-eslint/rule-tester';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRuleTester } from '../tests/rule-tester.js';
import rule, { type MessageIds, type Options } from './no-process-timers.js';

// Jobs defined in a module that serves no requests (`fixtures/typed/lib/cleanup.ts`, `nightly.cjs`),
// started by a server file that calls or loads it: the server runs them in every replica.
const cases: RunTests<MessageIds, Options> = {
  valid: [
    // A one-off warm-up, and a job that only prunes this process's memory.
    `
import express from 'express';
import { warmUp, startPruning } from './lib/cleanup.js';

warmUp();
startPruning();
const app = express();
app.listen(3000);
`,
    // A worker entry that serves no requests: where the job should run, once.
    `
import { startCleanup } from './lib/cleanup.js';
import './lib/nightly.cjs';

startCleanup();
`,
    // With \`assumeServer\`, the module that defines the job reports it where it is written.
    {
      code: `
import express from 'express';
import { startCleanup } from './lib/cleanup.js';

startCleanup();
const app = express();
app.listen(3000);
`,
      options: [{ assumeServer: true }],
    },
    // A module that loads the job's module with the rest of its set-up: the job is reported where
    // it is loaded directly, if that file serves requests (here it does not), not at every file above.
    `
import express from 'express';
import { ready } from './lib/boot.cjs';

const app = express();
app.get('/ready', (req, res) => {
  res.json({ ready });
});
`,
    // Helpers whose timers the caller waits for, or that are cleared; a deferred write called at startup.
    `
import express from 'express';
import { notifyNow, withTimeout, notifyLater, watch, closeSockets } from './lib/notify.js';

notifyLater('boot');
const app = express();
app.post('/notify/:id', async (req, res) => {
  await withTimeout(notifyNow(req.params.id));
  res.end();
});
app.post('/jobs/:id', (req, res) => {
  watch(req.params.id);
  res.end();
});
app.delete('/notes/:id', (req, res) => {
  closeSockets([]);
  res.end();
});
`,
    // Methods of an instance that start nothing, and a stop.
    `
import express from 'express';
import { Sweeper } from './lib/sweeper.js';

const sweeper = new Sweeper();
void sweeper.pending();
const app = express();
app.listen(3000, () => sweeper.stop());
`,
    // A helper of another module that only reads through its typed parameter.
    `
import express from 'express';
import { Sweeper } from './lib/sweeper.js';
import { countPending } from './lib/start-services.js';

const app = express();
void countPending({ sweeper: new Sweeper() });
app.listen(3000);
`,
    // Imports of types, and of modules that start nothing.
    `
import express from 'express';
import type { Draft } from './lib/drafts.js';
import { slugify } from './lib/clients.js';

const app = express();
app.get('/slug', (req, res) => {
  const draft: Draft = { id: '1', text: slugify(String(req.query.q)) };
  res.json(draft);
});
`,
  ],
  invalid: [
    // A loop that waits between rounds, started by the server at startup.
    {
      code: `
import express from 'express';
import { pollFeeds } from './lib/feed-poller.js';

void pollFeeds();
express().listen(3000);
`,
      errors: [{ messageId: 'importedJob', line: 5, column: 6, data: { source: '`pollFeeds()`', jobs: '`while (true)` at line 7 of `./lib/feed-poller.ts`', advice: FINDING_ADVICE.interval } }],
    },
    {
      code: `
import express from 'express';
import { startCleanup, startHousekeeping } from './lib/cleanup.js';
import './lib/nightly.cjs';

const app = express();
startCleanup();
app.listen(3000, () => {
  startHousekeeping();
});
`,
      errors: [
        {
          messageId: 'importedJob',
          line: 4,
          column: 1,
          data: { source: 'Loading `./lib/nightly.cjs`', jobs: '`cron.schedule()` without `distributed` at line 4 of `./lib/nightly.cjs`', advice: FINDING_ADVICE.interval },
        },
        { messageId: 'importedJob', line: 7, column: 1, data: { source: '`startCleanup()`', jobs: '`setInterval` at line 5 of `./lib/cleanup.ts`', advice: FINDING_ADVICE.interval } },
        { messageId: 'importedJob', line: 9, column: 3, data: { source: '`startHousekeeping()`', jobs: '`setInterval` at line 5 of `./lib/cleanup.ts`', advice: FINDING_ADVICE.interval } },
      ],
    },
    // A job started through a method of an instance of another module's class: one the file makes,
    // and one it is handed (its declared type names the class, or a field of a type that does).
    {
      code: `
import express from 'express';
import { Sweeper, type Services } from './lib/sweeper.js';

const sweeper = new Sweeper();
sweeper.start();
export function boot(app: express.Express, services: Services, spare: Sweeper): void {
  services.sweeper.start();
  app.listen(3000, () => spare.start());
}
`,
      errors: [
        { messageId: 'importedJob', line: 6, column: 1, data: { source: '`sweeper.start()`', jobs: '`setInterval` at line 21 of `./lib/sweeper.ts`', advice: FINDING_ADVICE.interval } },
        { messageId: 'importedJob', line: 8, column: 3, data: { source: '`services.sweeper.start()`', jobs: '`setInterval` at line 21 of `./lib/sweeper.ts`', advice: FINDING_ADVICE.interval } },
        { messageId: 'importedJob', line: 9, column: 26, data: { source: '`spare.start()`', jobs: '`setInterval` at line 21 of `./lib/sweeper.ts`', advice: FINDING_ADVICE.interval } },
      ],
    },
    // A helper of another module that starts the job through the method of its typed parameter
    // (\`services.sweeper.start()\` with \`services: Services\`), called while the server starts.
    {
      code: `
import express from 'express';
import { Sweeper } from './lib/sweeper.js';
import { startServices } from './lib/start-services.js';

const app = express();
app.listen(3000);
startServices({ sweeper: new Sweeper() }, true);
`,
      errors: [{ messageId: 'importedJob', line: 8, column: 1, data: { source: '`startServices()`', jobs: '`setInterval` at line 21 of `./lib/sweeper.ts`', advice: FINDING_ADVICE.interval } }],
    },
    // A helper of another module that writes after a timer: the handler has answered by then.
    {
      code: `
import express from 'express';
import { notifyFollowers, notifyLater } from './lib/notify.js';

const app = express();
app.post('/posts', (req, res) => {
  notifyFollowers(req.body.followers as string[]);
  res.sendStatus(201);
});
app.post('/notify/:id', (req, res) => {
  notifyLater(req.params.id);
  res.end();
});
`,
      errors: [
        { messageId: 'afterResponseAcross', line: 7, column: 3, data: { callee: 'notifyFollowers', handler: '`POST /posts`', timer: 'setTimeout', line: 5, file: './lib/notify.ts', advice: FINDING_ADVICE.afterResponse } },
        { messageId: 'afterResponseAcross', line: 11, column: 3, data: { callee: 'notifyLater', handler: '`POST /notify/:id`', timer: 'setTimeout', line: 5, file: './lib/notify.ts', advice: FINDING_ADVICE.afterResponse } },
      ],
    },
  ],
};

createRuleTester('project').run('no-process-timers across files (summaries)', rule, cases);
createRuleTester('typed').run('no-process-timers across files (typed)', rule, cases);
