import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunTests } from '@typescript-eslint/rule-tester';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import { createRuleTester } from '../tests/rule-tester.js';
import rule, { type MessageIds, type Options } from './no-local-files.js';

const at = (file: string): string => path.join(import.meta.dirname, '..', 'fixtures', 'typed', file);
/** A fixture file's own text: the files the resolver finds are the code the test lints. */
const fixture = (file: string): string => readFileSync(at(file), 'utf8');

// A helper of another module (`fixtures/typed/lib/uploads.ts`) writes the file; handlers call it.
const cases: RunTests<MessageIds, Options> = {
  valid: [
    // The helper removes its scratch file itself; the handler removes the temporary file it asked for.
    `
import express from 'express';
import { promises as fs } from 'node:fs';
import { convert, toTempFile } from './lib/uploads.js';

const app = express();
app.post('/convert', async (req, res) => {
  res.send(await convert(req.body as Buffer));
});
app.post('/scan', async (req, res) => {
  const file = await toTempFile(req.body as Buffer);
  try {
    res.json({ size: (await fs.stat(file)).size });
  } finally {
    await fs.unlink(file);
  }
});
`,
    // A scratch folder made through the helper, removed at the end of the request on every path.
    `
import express from 'express';
import { rm } from 'node:fs/promises';
import { saveUpload } from './lib/uploads.js';

const app = express();
app.post('/render/:name', async (req, res) => {
  const folder = \`render-\${req.params.name}\`;
  try {
    await saveUpload(folder, req.body as Buffer);
    res.sendStatus(204);
  } finally {
    await rm(folder, { recursive: true });
  }
});
`,
    // A function of another module that registers a route: calling it writes nothing, whoever calls it.
    {
      code: `
import express from 'express';
import { registerAdminRoutes } from './lib/admin-routes.js';

export function mount(app: express.Express): void {
  registerAdminRoutes(app);
}
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
    },
    // At startup: a file the instance writes for itself.
    `
import express from 'express';
import { saveUpload } from './lib/uploads.js';

await saveUpload('robots.txt', Buffer.from('User-agent: *'));
const app = express();
app.listen(3000);
`,
    // A route file that reads through the database module in its handlers: the server that starts on it is the place.
    `
import express from 'express';
import { repository } from './lib/datasource.js';

class Note {
  id = '';
}

export const notes = express.Router();
notes.get('/notes', async (req, res) => {
  res.json(await repository(Note).find());
});
`,
    // A worker entry that serves no requests, and a server on a database in memory.
    `
import dataSource from './lib/datasource.js';

await dataSource.initialize();
`,
    `
import express from 'express';
import { scratch } from './lib/scratch-db.js';

scratch.exec('CREATE TABLE rows (value TEXT)');
const app = express();
app.listen(3000);
`,
  ],
  invalid: [
    // The one client on the global object writes a file each time a handler refreshes it.
    {
      filename: at('license-admin.ts'),
      code: fixture('license-admin.ts'),
      errors: [{ messageId: 'keptAcross', line: 9, column: 9, data: { callee: 'client.refresh', where: 'in `POST /admin/license/refresh`', found: '`fs.writeFile`', line: 37, file: './lib/license.ts', advice: FINDING_ADVICE.file } }],
    },
    // A server that starts on a database module opened on a local file: at its top, in a callback it passes at startup, or by loading it alone.
    {
      code: `
import express from 'express';
import dataSource from './lib/datasource.js';

const app = express();
app.listen(3000, async () => {
  await dataSource.initialize();
});
`,
      errors: [{ messageId: 'databaseOnLoad', line: 3, column: 1, data: { source: './lib/datasource.js', found: '`new DataSource(…)` from `typeorm`', line: 8, file: './lib/datasource.ts', advice: FINDING_ADVICE.sqlite } }],
    },
    {
      code: `
const express = require('express');
const db = require('./lib/notes-db.cjs');

db.pragma('journal_mode = WAL');
const app = express();
app.get('/notes/:id', (req, res) => {
  res.json(db.prepare('SELECT body FROM notes WHERE id = ?').get(req.params.id));
});
app.listen(3000);
`,
      errors: [{ messageId: 'databaseOnLoad', line: 3, column: 1, data: { source: './lib/notes-db.cjs', found: '`new Database(…)` from `better-sqlite3`', line: 5, file: './lib/notes-db.cjs', advice: FINDING_ADVICE.sqlite } }],
    },
    {
      code: `
import express from 'express';
import './lib/notes-db.cjs';

express().listen(3000);
`,
      errors: [{ messageId: 'databaseOnLoad', line: 3, column: 1, data: { source: './lib/notes-db.cjs', found: '`new Database(…)` from `better-sqlite3`', line: 5, file: './lib/notes-db.cjs', advice: FINDING_ADVICE.sqlite } }],
    },
    // The same module's function that writes when called is still reported there.
    {
      code: `
import express from 'express';
import { exportSettings } from './lib/admin-routes.js';

export async function backup(app: express.Express): Promise<string> {
  return exportSettings(app.locals);
}
`,
      options: [{ lifetimes: ['request', 'unknown'] }],
      errors: [{ messageId: 'keptAcross', line: 6, column: 10, data: { callee: 'exportSettings', where: 'in code that may run per request', found: '`fs.writeFile`', line: 11, file: './lib/uploads.ts', advice: FINDING_ADVICE.file } }],
    },
    {
      code: `
import express from 'express';
import { saveUpload } from './lib/uploads.js';

const app = express();
app.post('/avatars/:name', async (req, res) => {
  res.json({ url: await saveUpload(req.params.name, req.body as Buffer) });
});
`,
      errors: [
        {
          messageId: 'keptAcross',
          line: 7,
          column: 25,
          data: { callee: 'saveUpload', where: 'in `POST /avatars/:name`', found: '`fs.writeFile`', line: 11, file: './lib/uploads.ts', advice: FINDING_ADVICE.file },
        },
      ],
    },
    // The request removes the upload parser's temporary file, not the one the helper keeps.
    {
      code: `
import express from 'express';
import { unlink } from 'node:fs/promises';
import { saveUpload } from './lib/uploads.js';

const app = express();
app.post('/avatars/:name', async (req, res) => {
  const upload = req.file as { path: string; buffer: Buffer };
  const url = await saveUpload(req.params.name, upload.buffer);
  await unlink(upload.path);
  res.json({ url });
});
`,
      errors: [{ messageId: 'keptAcross', line: 9, column: 21, data: { callee: 'saveUpload', where: 'in `POST /avatars/:name`', found: '`fs.writeFile`', line: 11, file: './lib/uploads.ts', advice: FINDING_ADVICE.file } }],
    },
    // A removal of the same name in another method's branch, or after the branch has returned, runs in another request.
    {
      code: `
import express from 'express';
import { saveUpload } from './lib/uploads.js';
import { deleteAvatar } from './lib/avatars.js';

const app = express();
app.all('/avatars/:name', async (req, res) => {
  const name = req.params.name;
  if (req.method === 'PUT') {
    await saveUpload(name, req.body as Buffer);
    return res.sendStatus(204);
  }
  if (req.method === 'DELETE') await deleteAvatar(name);
  res.sendStatus(204);
});
`,
      errors: [
        { messageId: 'keptAcross', line: 10, column: 11, data: { callee: 'saveUpload', where: 'in `ALL /avatars/:name`', found: '`fs.writeFile`', line: 11, file: './lib/uploads.ts', advice: FINDING_ADVICE.file } },
      ],
    },
    {
      code: `
import express from 'express';
import { saveUpload } from './lib/uploads.js';
import { deleteAvatar } from './lib/avatars.js';

const app = express();
app.post('/covers/:name', async (req, res) => {
  const name = req.params.name;
  if (req.query.keep) await saveUpload(name, req.body as Buffer);
  else await deleteAvatar(name);
  res.sendStatus(204);
});
`,
      errors: [
        { messageId: 'keptAcross', line: 9, column: 29, data: { callee: 'saveUpload', where: 'in `POST /covers/:name`', found: '`fs.writeFile`', line: 11, file: './lib/uploads.ts', advice: FINDING_ADVICE.file } },
      ],
    },
    // Several handlers of a file whose calls end in the same write of another file: one line, at the first.
    {
      code: `
import express from 'express';
import { saveUpload } from './lib/uploads.js';

const app = express();
app.put('/avatars/:name', async (req, res) => {
  await saveUpload(req.params.name, req.body as Buffer);
  res.sendStatus(204);
});
app.put('/covers/:name', async (req, res) => {
  await saveUpload(req.params.name, req.body as Buffer);
  res.sendStatus(204);
});
`,
      errors: [
        { messageId: 'keptAcross', line: 7, column: 9, data: { callee: 'saveUpload', where: 'in `PUT /avatars/:name`', found: '`fs.writeFile`', line: 11, file: './lib/uploads.ts', advice: FINDING_ADVICE.file } },
      ],
    },
    // The same temporary file, left behind.
    {
      code: `
import express from 'express';
import { promises as fs } from 'node:fs';
import { toTempFile } from './lib/uploads.js';

const app = express();
app.post('/scan', async (req, res) => {
  const file = await toTempFile(req.body as Buffer);
  res.json({ size: (await fs.stat(file)).size });
});
`,
      errors: [
        {
          messageId: 'keptAcross',
          line: 8,
          column: 22,
          data: { callee: 'toTempFile', where: 'in `POST /scan`', found: '`fs.writeFile`', line: 29, file: './lib/uploads.ts', advice: FINDING_ADVICE.file },
        },
      ],
    },
  ],
};

// A CommonJS controller, and helpers exported through an alias of \`module.exports\`.
const commonJs: RunTests<MessageIds, Options> = {
  valid: [],
  invalid: [
    {
      filename: path.join(import.meta.dirname, '..', 'fixtures', 'typed', 'controllers', 'items.cjs'),
      code: `
const files = require('../lib/files.cjs');
exports.upload = async (req, res) => {
  res.json({ path: await files.store(req.params.name, req.file.path) });
};
`,
      errors: [{ messageId: 'keptAcross', line: 4, column: 26, data: { callee: 'files.store', where: 'in a handler', found: '`fs.promises.copyFile`', line: 11, file: '../lib/files.cjs', advice: FINDING_ADVICE.file } }],
    },
    {
      filename: path.join(import.meta.dirname, '..', 'fixtures', 'typed', 'controllers', 'logos.cjs'),
      code: `
const images = require('../lib/images.cjs');
exports.saveLogo = async (req, res) => {
  res.json({ path: await images.outputFile(req.body.logo, 'uploads/' + req.params.slug + '.png') });
};
`,
      errors: [{ messageId: 'keptAcross', line: 4, column: 26, data: { callee: 'images.outputFile', where: 'in a handler', found: '`fs.writeFile`', line: 11, file: '../lib/images.cjs', advice: FINDING_ADVICE.file } }],
    },
  ],
};

// A Next.js `pages/api` route: its default export answers every method, so the message names the route alone.
const nextPages: RunTests<MessageIds, Options>['invalid'] = [
  {
    filename: path.join(import.meta.dirname, '..', 'fixtures', 'typed', 'pages', 'api', 'avatars', '[name].ts'),
    code: `
import type { NextApiRequest, NextApiResponse } from 'next';
import { saveUpload } from '../../../lib/uploads.js';

export default async function avatar(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'PUT') return res.status(405).end();
  res.json({ url: await saveUpload(String(req.query.name), req.body as Buffer) });
}
`,
    errors: [{ messageId: 'keptAcross', line: 7, column: 25, data: { callee: 'saveUpload', where: 'in `/api/avatars/[name]`', found: '`fs.writeFile`', line: 11, file: '../../../lib/uploads.ts', advice: FINDING_ADVICE.file } }],
  },
];

createRuleTester('project').run('no-local-files across files (summaries)', rule, { valid: cases.valid, invalid: [...cases.invalid, ...commonJs.invalid, ...nextPages] });
createRuleTester('typed').run('no-local-files across files (typed)', rule, cases);
