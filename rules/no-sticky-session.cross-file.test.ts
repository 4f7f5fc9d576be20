import type { RunTests } from '@typescript-eslint/rule-tester';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRuleTester } from '../tests/rule-tester.js';
import rule, { type MessageIds, type Options } from './no-sticky-session.js';

// One handler writes another module's state through a call and another handler looks it up by a
// key from its own request: the modules are under `fixtures/typed/lib/`, the handlers are linted as
// files of `fixtures/typed/`, read through the project's summaries with and without a program.
const tests: RunTests<MessageIds, Options> = {
  valid: [
    // The same handler writes and reads: one request.
    `
import express from 'express';
import { enqueueJob, findJob } from './lib/jobs.js';

const app = express();
app.post('/jobs', (req, res) => {
  enqueueJob({ id: String(req.body.id), kind: 'import' });
  res.json(findJob(String(req.body.id)) ?? null);
});
`,
    // A lookup under a fixed key is not one request's entry.
    `
import express from 'express';
import { enqueueJob, findJob } from './lib/jobs.js';

const app = express();
app.post('/jobs', (req, res) => {
  enqueueJob({ id: String(req.body.id), kind: 'import' });
  res.sendStatus(202);
});
app.get('/jobs/seed', (_req, res) => {
  res.json(findJob('seed') ?? null);
});
`,
    // The request's data is passed, but the key the function looks up with is fixed.
    `
import express from 'express';
import { enqueueJob, jobLabel } from './lib/jobs.js';

const app = express();
app.post('/jobs', (req, res) => {
  enqueueJob({ id: String(req.body.id), kind: 'import' });
  res.sendStatus(202);
});
app.get('/jobs/nightly', (req, res) => {
  res.send(jobLabel('nightly', String(req.query.viewer)));
});
`,
    // Nobody in this file writes what the route reads.
    `
import express from 'express';
import { findJob } from './lib/jobs.js';

const app = express();
app.get('/jobs/:id', (req, res) => {
  res.json(findJob(req.params.id) ?? null);
});
`,
  ],
  invalid: [
    {
      code: `
import express from 'express';
import { enqueueJob, findJob } from './lib/jobs.js';

const app = express();
app.post('/jobs', (req, res) => {
  enqueueJob({ id: String(req.body.id), kind: String(req.body.kind) });
  res.sendStatus(202);
});
app.get('/jobs/:id', (req, res) => {
  res.json(findJob(req.params.id) ?? null);
});
`,
      errors: [
        {
          messageId: 'keyedAcross',
          line: 11,
          column: 12,
          endLine: 11,
          endColumn: 34,
          data: { name: 'queued', file: './lib/jobs.ts', line: 6, writer: '`POST /jobs`', writerCallee: 'enqueueJob', writeLine: 7, reader: '`GET /jobs/:id`', readerCallee: 'findJob', readLine: 11, advice: FINDING_ADVICE.keyed },
        },
      ],
    },
  ],
};

createRuleTester('project').run('no-sticky-session across files (summaries)', rule, tests);
createRuleTester('typed').run('no-sticky-session across files (typed)', rule, tests);
