import { createRuleTesters } from '../tests/rule-tester.js';
import { FINDING_ADVICE } from '../src/knowledge/advice.js';
import rule from './no-local-files.js';

const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();

ruleTester.run('no-local-files', rule, {
  valid: [
    // multer.diskStorage without a destination: the system's temporary folder, for the request that took the file.
    `
import express from 'express';
import multer from 'multer';

const upload = multer({ storage: multer.diskStorage({}) });
const app = express();
app.patch('/avatar', upload.single('file'), async (req, res) => {
  res.json(await storeAvatar(req.file?.path));
});
`,
    // A screenshot kept in memory (no `path`).
    `
import express from 'express';
import puppeteer from 'puppeteer';

const app = express();
app.post('/preview', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(String(req.body.url));
  const image = await page.screenshot({ type: 'png' });
  await browser.close();
  res.type('png').send(image);
});
`,
    // `pdf({ path })` in a file that drives no browser.
    `
import express from 'express';
import { invoices } from './invoices';

const app = express();
app.post('/invoices/:id', async (req, res) => {
  res.json(await invoices.pdf({ path: req.params.id }));
});
`,
    // Uploads go to object storage.
    {
      code: `
import express from 'express';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const app = express();
const s3 = new S3Client({});

app.put('/avatars/:id', express.raw({ type: 'image/*' }), async (req, res) => {
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: \`avatars/\${req.params.id}\`, Body: req.body }));
  res.sendStatus(204);
});
`,
    },
    // A scratch file removed in `finally`.
    {
      code: `
import express from 'express';
import { unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { convertToPdf } from './convert';

const app = express();

app.post('/convert', express.raw({ type: '*/*', limit: '20mb' }), async (req, res) => {
  const input = path.join(tmpdir(), \`\${crypto.randomUUID()}.docx\`);
  await writeFile(input, req.body);
  try {
    res.type('pdf').send(await convertToPdf(input));
  } finally {
    await unlink(input);
  }
});
`,
    },
    // A temporary file and folder from \`tmp-promise\`, removed by the \`cleanup\` each came with.
    `
import express from 'express';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { dir, file } from 'tmp-promise';
import { extractZip } from './zip';

const app = express();

app.post('/imports', async (req, res) => {
  const { path: zipPath, cleanup: removeZip } = await file({ postfix: '.zip' });
  const { path: folder, cleanup } = await dir({ unsafeCleanup: true });
  try {
    await pipeline(req, createWriteStream(zipPath));
    res.json(await extractZip(zipPath, folder));
  } finally {
    await removeZip();
    await cleanup();
  }
});
`,
    // A scratch directory removed with everything in it.
    {
      code: `
import Fastify from 'fastify';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipFolder } from './zip';

const fastify = Fastify();

fastify.post('/bundles', async (request, reply) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'bundle-'));
  try {
    for (const file of request.body as { name: string; text: string }[]) {
      await writeFile(path.join(dir, path.basename(file.name)), file.text);
    }
    return reply.type('application/zip').send(await zipFolder(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
`,
    },
    // Writes at startup are configuration.
    {
      code: `
import express from 'express';
import { writeFileSync } from 'node:fs';

writeFileSync('/var/run/api.pid', String(process.pid));

const app = express();
app.get('/healthz', (req, res) => res.send('ok'));
app.listen(3000);
`,
    },
    // Reading files is fine.
    {
      code: `
import express from 'express';
import { readFile } from 'node:fs/promises';

const app = express();
app.get('/terms', async (req, res) => {
  res.type('html').send(await readFile(new URL('./terms.html', import.meta.url), 'utf8'));
});
`,
    },
    // An access log stream opened at startup.
    {
      code: `
import { createWriteStream } from 'node:fs';
import express from 'express';
import morgan from 'morgan';

const app = express();
app.use(morgan('combined', { stream: createWriteStream('/var/log/api/access.log', { flags: 'a' }) }));
`,
    },
    // multer with S3 storage.
    {
      code: `
import { S3Client } from '@aws-sdk/client-s3';
import express from 'express';
import multer from 'multer';
import multerS3 from 'multer-s3';

const app = express();
const upload = multer({ storage: multerS3({ s3: new S3Client({}), bucket: 'uploads' }) });
app.post('/files', upload.single('file'), (req, res) => res.sendStatus(201));
`,
    },
    // An in-memory SQLite database is no file.
    {
      code: `
import Database from 'better-sqlite3';
import express from 'express';

const db = new Database(':memory:');
const app = express();
app.get('/ping', (req, res) => res.json(db.prepare('select 1 as ok').get()));
`,
    },
    // LanceDB in object storage and on LanceDB Cloud.
    {
      code: `
import * as lancedb from '@lancedb/lancedb';
import express from 'express';

const archive = await lancedb.connect('s3://acme-vectors/archive');
const live = await lancedb.connect({ uri: 'db://acme-live', apiKey: process.env.LANCEDB_API_KEY });
const app = express();
app.get('/tables', async (req, res) => res.json([...(await archive.tableNames()), ...(await live.tableNames())]));
`,
    },
    {
      code: `
import { createClient } from '@libsql/client';
import { Hono } from 'hono';

const db = createClient({ url: process.env.TURSO_URL ?? '', authToken: process.env.TURSO_TOKEN });
const app = new Hono();
app.get('/notes', async (c) => c.json((await db.execute('select * from notes')).rows));
export default app;
`,
    },
    // Prisma on a database server, and Prisma's SQLite adapter in memory.
    {
      code: `
import { PrismaClient } from '@prisma/client';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import express from 'express';

const prisma = new PrismaClient({ datasourceUrl: process.env.DATABASE_URL });
const scratch = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: ':memory:' }) });
const app = express();
app.get('/notes', async (req, res) => res.json(await prisma.note.findMany()));
app.get('/scratch', async (req, res) => res.json(await scratch.note.count()));
`,
    },
    // Endpoints that exist only in development builds.
    {
      code: `
import fs from 'node:fs';
import express from 'express';

const app = express();
if (process.env.NODE_ENV !== 'production') {
  app.post('/_e2e/snapshot', (req, res) => {
    fs.cpSync('data/app.db', 'data/app.db.snapshot');
    res.send('ok');
  });
}
app.get('/_e2e/restore', (req, res) => {
  if (import.meta.env.DEV) fs.writeFileSync('data/restored', String(Date.now()));
  res.end();
});
`,
    },
    // SQLite in a command-line script (no web framework).
    {
      code: `
import Database from 'better-sqlite3';

const db = new Database('import.db');
db.exec('create table if not exists rows (line text)');
`,
    },
    // An exported helper of unknown lifetime (reported with `unknown` in `lifetimes`).
    {
      code: `
import { writeFile } from 'node:fs/promises';

export async function saveReport(name: string, csv: string) {
  await writeFile(\`reports/\${name}.csv\`, csv);
}
`,
    },
    // Annotated as deliberate.
    {
      code: `
import express from 'express';
import { appendFile } from 'node:fs/promises';

const app = express();
app.use(async (req, res, next) => {
  // stateless-ok: the sidecar ships this file to the log pipeline and truncates it
  await appendFile('/var/log/app/requests.log', \`\${req.method} \${req.url}\\n\`);
  next();
});
`,
    },
    // A temporary file handed to the client, then removed.
    {
      code: `
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { renderInvoice } from './invoice';

const app = express();
app.get('/invoices/:id.pdf', async (req, res) => {
  const file = path.join(os.tmpdir(), \`invoice-\${req.params.id}.pdf\`);
  await fs.promises.writeFile(file, await renderInvoice(req.params.id));
  res.download(file, () => fs.unlink(file, () => undefined));
});
`,
    },
    // Sequelize on Postgres.
    {
      code: `
import express from 'express';
import { Sequelize } from 'sequelize';

const sequelize = new Sequelize({ dialect: 'postgres', host: process.env.PGHOST });
const app = express();
app.get('/healthz', async (req, res) => res.json(await sequelize.query('select 1')));
`,
    },
    // TypeORM on Postgres.
    {
      code: `
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

@Module({
  imports: [TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL, autoLoadEntities: true })],
})
export class AppModule {}
`,
    },
    // SQLite only in the development build; Postgres in production.
    {
      code: `
import express from 'express';
import { DataSource } from 'typeorm';

const devOptions = { type: 'sqlite' as const, database: 'dev.sqlite3' };
const dataSource = new DataSource(process.env.NODE_ENV === 'production' ? { type: 'postgres', url: process.env.DATABASE_URL } : devOptions);

const app = express();
app.get('/healthz', async (req, res) => res.json(await dataSource.query('select 1')));
`,
    },
    // Knex on Postgres.
    {
      code: `
import express from 'express';
import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const app = express();
app.get('/users', async (req, res) => res.json(await db('users').select('id', 'name')));
`,
    },
    // multer keeping files in memory (no-memory-store’s concern).
    {
      code: `
import express from 'express';
import multer from 'multer';

const app = express();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 1_000_000 } });
app.post('/avatar', upload.single('avatar'), (req, res) => res.json({ size: req.file?.size }));
`,
    },
    // A temporary file moved away by a rename of the same request, then uploaded and removed.
    {
      code: `
import express from 'express';
import { rename, rm, writeFile } from 'node:fs/promises';
import { uploadToBucket } from './storage';

const app = express();
app.post('/exports', async (req, res) => {
  const partial = \`/tmp/\${req.body.id}.part\`;
  const done = \`/tmp/\${req.body.id}.csv\`;
  await writeFile(partial, String(req.body.csv));
  await rename(partial, done);
  await uploadToBucket(done);
  await rm(done);
  res.sendStatus(201);
});
`,
    },
    // Writes in a startup function.
    {
      code: `
import express from 'express';
import { writeFile } from 'node:fs/promises';

async function main() {
  const app = express();
  const server = app.listen(3000);
  await writeFile('/tmp/ready', String(server.address()));
}

void main();
`,
    },
    // fs-extra: an output file removed in the same handler.
    {
      code: `
import fse from 'fs-extra';
import Koa from 'koa';

const app = new Koa();
app.use(async (ctx) => {
  const target = \`/tmp/\${Date.now()}.json\`;
  await fse.outputJson(target, { path: ctx.path });
  ctx.body = await fse.readJson(target);
  await fse.remove(target);
});
`,
    },
    // A scratch folder removed by a cleanup helper.
    {
      code: `
import express from 'express';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { removeDir } from './fs-helpers';
import { scanForViruses } from './scan';

const app = express();
app.post('/scan', async (req, res) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'scan-'));
  const file = path.join(dir, 'upload.bin');
  try {
    await pipeline(req, createWriteStream(file));
    res.json(await scanForViruses(file));
  } finally {
    await removeDir(dir);
  }
});
`,
    },
    // `assumeServer` does not report plain reads.
    {
      code: `
import { readFileSync } from 'node:fs';

export function loadTemplate(name: string) {
  return readFileSync(\`templates/\${name}.html\`, 'utf8');
}
`,
      options: [{assumeServer: true,lifetimes: ["request","unknown"]}],
    },
    // A helper class of plain file operations (no interface, base class or injection): not a storage driver.
    `
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class Workspace {
  constructor(private readonly base: string) {}
  async create(name: string, text: string) {
    await mkdir(this.base, { recursive: true });
    await writeFile(path.join(this.base, name), text);
  }
  async contents(name: string) {
    return readFile(path.join(this.base, name), 'utf8');
  }
}
`,
    // A driver's files under the system's temporary folder, or a cache it fills again: this instance's own.
    `
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Renderer } from './renderer';

export class ThumbnailRenderer implements Renderer {
  private readonly root = path.join(os.tmpdir(), 'thumbs');
  async render(id: string, image: Buffer) {
    await fs.writeFile(path.join(this.root, id), image);
  }
  async load(id: string) {
    return fs.readFile(path.join(this.root, id));
  }
}

export class PageRenderer implements Renderer {
  constructor(private readonly dataPath: string) {}
  async render(hash: string, html: string) {
    await fs.writeFile(path.join(this.dataPath, 'cache', \`\${hash}.html\`), html);
  }
  async load(hash: string) {
    return fs.readFile(path.join(this.dataPath, 'cache', \`\${hash}.html\`));
  }
}
`,
    // One method writes a fixed file and reads it: no files kept by key.
    `
import { readFile, writeFile } from 'node:fs/promises';
import type { Settings } from './settings';

export class FileSettings implements Settings {
  constructor(private readonly file: string) {}
  async save(values: Record<string, string>) {
    await writeFile(this.file, JSON.stringify(values));
  }
  async load() {
    return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, string>;
  }
}
`,
  ],
  invalid: [
    // A storage driver: files written by key under the root it holds and read back by another method.
    {
      code: `
import * as fs from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { StorageDriver } from './storage';

export class DiskDriver implements StorageDriver {
  constructor(private readonly root: string) {}
  private fullPath(key: string) {
    return resolve(this.root, key);
  }
  async put(key: string, body: Buffer) {
    const target = this.fullPath(key);
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.writeFile(target, body);
  }
  async get(key: string) {
    return fs.readFile(this.fullPath(key));
  }
}
`,
      errors: [
        { messageId: 'store', line: 6, column: 14, endLine: 6, endColumn: 24, data: { name: 'DiskDriver', writer: 'put', found: '`fs.writeFile`', reader: 'get', access: 'reads them back', readLine: '17', advice: FINDING_ADVICE.file } },
      ],
    },
    // An injected provider that names files by a fresh id and removes them at a path its callers hand back.
    {
      code: `
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { unlink, writeFileSync } from 'node:fs';

@Injectable()
export class UploadStore {
  constructor(private readonly directory: string) {}
  save(body: Buffer) {
    const file = \`\${this.directory}/\${randomUUID()}\`;
    writeFileSync(file, body);
    return file;
  }
  remove(file: string) {
    unlink(file, () => undefined);
  }
}
`,
      errors: [
        { messageId: 'store', line: 7, column: 14, data: { name: 'UploadStore', writer: 'save', found: '`writeFileSync`', reader: 'remove', access: 'removes them', readLine: '15', advice: FINDING_ADVICE.file } },
      ],
    },
    // A browser page's screenshot saved under a folder that another route serves (Playwright).
    {
      code: `
import express from 'express';
import path from 'node:path';
import { chromium } from 'playwright';

const app = express();
app.use('/shots', express.static('data/shots'));

app.post('/shots/:id', async (req, res) => {
  const browser = await chromium.launch();
  const page = await browser.newPage();
  await page.goto(String(req.body.url));
  await page.screenshot({ path: path.join('data/shots', \`\${req.params.id}.png\`) });
  await page.pdf({ path: path.join('data/shots', \`\${req.params.id}.pdf\`), format: 'A4' });
  await browser.close();
  res.sendStatus(201);
});
`,
      errors: [
        { messageId: 'readLater', line: 13, column: 9, data: { advice: FINDING_ADVICE.file, found: '`page.screenshot`', where: 'in `POST /shots/:id`', reader: '`express.static`', readLine: '7' } },
        { messageId: 'readLater', line: 14, column: 9, data: { advice: FINDING_ADVICE.file, found: '`page.pdf`', where: 'in `POST /shots/:id`', reader: '`express.static`', readLine: '7' } },
      ],
    },
    // Uploads saved under uploads/ and served by express.static.
    {
      code: `
import express from 'express';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const app = express();
app.use('/files', express.static('uploads'));

app.post('/files/:name', express.raw({ type: '*/*' }), async (req, res) => {
  await writeFile(path.join('uploads', path.basename(req.params.name)), req.body);
  res.sendStatus(201);
});
`,
      errors: [
        { messageId: 'readLater', line: 10, column: 9, data: { advice: FINDING_ADVICE.file, found: '`writeFile`', where: 'in `POST /files/:name`', reader: '`express.static`', readLine: '7' } },
      ],
    },
    // An avatar written by one route and sent by another.
    {
      code: `
import express from 'express';
import fs from 'node:fs/promises';
import path from 'node:path';

const AVATAR_DIR = path.resolve('data/avatars');
const app = express();

app.put('/users/:id/avatar', express.raw({ type: 'image/png' }), async (req, res) => {
  await fs.writeFile(path.join(AVATAR_DIR, \`\${req.params.id}.png\`), req.body);
  res.sendStatus(204);
});

app.get('/users/:id/avatar', (req, res) => {
  res.sendFile(path.join(AVATAR_DIR, \`\${req.params.id}.png\`));
});
`,
      errors: [
        { messageId: 'readLater', line: 10, column: 9, data: { advice: FINDING_ADVICE.file, found: '`fs.writeFile`', where: 'in `PUT /users/:id/avatar`', reader: '`GET /users/:id/avatar`', readLine: '15' } },
      ],
    },
    // An audit log appended per request.
    {
      code: `
import Fastify from 'fastify';
import { appendFile } from 'node:fs/promises';

const fastify = Fastify();
fastify.addHook('onResponse', async (request, reply) => {
  await appendFile('audit.log', \`\${request.method} \${request.url} \${reply.statusCode}\\n\`);
});
`,
      errors: [
        { messageId: 'kept', line: 7, column: 9, data: { found: '`appendFile`', where: "in `addHook('onResponse')`", advice: FINDING_ADVICE.file } },
      ],
    },
    // A stream to a temporary file that nothing removes.
    {
      code: `
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Koa from 'koa';

const app = new Koa();
app.use(async (ctx) => {
  const target = path.join(os.tmpdir(), \`\${Date.now()}.upload\`);
  ctx.req.pipe(fs.createWriteStream(target));
  ctx.status = 202;
});
`,
      errors: [
        { messageId: 'kept', line: 10, column: 16, data: { found: '`fs.createWriteStream`', where: 'in middleware', advice: FINDING_ADVICE.file } },
      ],
    },
    // Bun.write in a Hono handler.
    {
      code: `
import { Hono } from 'hono';

const app = new Hono();
app.post('/notes/:id', async (c) => {
  await Bun.write(\`notes/\${c.req.param('id')}.md\`, await c.req.text());
  return c.body(null, 204);
});
export default app;
`,
      errors: [
        { messageId: 'kept', line: 6, column: 9, data: { found: '`Bun.write`', where: 'in `POST /notes/:id`', advice: FINDING_ADVICE.file } },
      ],
    },
    // A Next.js route handler caching renders in /tmp.
    {
      code: `
import { writeFile } from 'node:fs/promises';
import { renderCard } from '@/lib/og';

export async function POST(request: Request) {
  const { slug } = await request.json();
  const png = await renderCard(slug);
  await writeFile(\`/tmp/og-\${slug}.png\`, png);
  return new Response(png, { headers: { 'content-type': 'image/png' } });
}
`,
      filename: 'app/api/og/route.ts',
      errors: [
        { messageId: 'kept', line: 8, column: 9, data: { found: '`writeFile`', where: 'in `POST /api/og`', advice: FINDING_ADVICE.file } },
      ],
    },
    // express-fileupload moving the upload into place.
    {
      code: `
import express from 'express';
import fileUpload from 'express-fileupload';

const app = express();
app.use(fileUpload());
app.post('/documents', async (req, res) => {
  const doc = req.files?.document;
  if (!doc || Array.isArray(doc)) return res.sendStatus(400);
  await doc.mv(\`./storage/\${doc.md5}\`);
  res.status(201).json({ id: doc.md5 });
});
`,
      errors: [
        { messageId: 'kept', line: 10, column: 9, data: { found: '`doc.mv`', where: 'in `POST /documents`', advice: FINDING_ADVICE.file } },
      ],
    },
    // fs-extra writing JSON per request.
    {
      code: `
import express from 'express';
import fse from 'fs-extra';

const app = express();
app.post('/drafts/:id', express.json(), async (req, res) => {
  await fse.outputJson(\`drafts/\${req.params.id}.json\`, req.body);
  res.sendStatus(204);
});
`,
      errors: [
        { messageId: 'kept', line: 7, column: 9, data: { found: '`fse.outputJson`', where: 'in `POST /drafts/:id`', advice: FINDING_ADVICE.file } },
      ],
    },
    // Moving a multer temp file into permanent storage.
    {
      code: `
import express from 'express';
import { rename } from 'node:fs/promises';
import multer from 'multer';
import { tmpdir } from 'node:os';

const app = express();
const upload = multer({ dest: tmpdir() });
app.post('/photos', upload.single('photo'), async (req, res) => {
  await rename(req.file!.path, \`/srv/photos/\${req.file!.originalname}\`);
  res.sendStatus(201);
});
`,
      errors: [
        { messageId: 'upload', line: 8, column: 16, data: { found: '`multer()` with `dest`', where: 'in code that may run per request', advice: 'Pass `storage: multerS3({ s3, bucket })` from `multer-s3`.' } },
        { messageId: 'kept', line: 10, column: 9, data: { found: '`rename`', where: 'in `POST /photos`', advice: FINDING_ADVICE.file } },
      ],
    },
    // multer `dest`.
    {
      code: `
import express from 'express';
import multer from 'multer';

const app = express();
const upload = multer({ dest: 'uploads/' });
app.post('/profile', upload.single('avatar'), (req, res) => res.sendStatus(201));
`,
      errors: [
        { messageId: 'upload', line: 6, column: 16, data: { found: '`multer()` with `dest`', where: 'in code that may run per request', advice: 'Pass `storage: multerS3({ s3, bucket })` from `multer-s3`.' } },
      ],
    },
    // multer.diskStorage.
    {
      code: `
import express from 'express';
import multer from 'multer';

const storage = multer.diskStorage({
  destination: 'uploads/',
  filename: (req, file, cb) => cb(null, \`\${Date.now()}-\${file.originalname}\`),
});
const app = express();
app.post('/files', multer({ storage }).array('files'), (req, res) => res.sendStatus(201));
`,
      errors: [
        { messageId: 'upload', line: 5, column: 17, data: { found: '`multer.diskStorage()` with `destination`', where: 'in code that may run per request', advice: 'Pass `storage: multerS3({ s3, bucket })` from `multer-s3`.' } },
      ],
    },
    // better-sqlite3 behind an Express app.
    {
      code: `
import Database from 'better-sqlite3';
import express from 'express';

const db = new Database('data/app.db');
const app = express();
app.get('/todos', (req, res) => res.json(db.prepare('select * from todos').all()));
`,
      errors: [
        { messageId: 'database', line: 5, column: 12, data: { found: '`new Database(…)` from `better-sqlite3`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // sqlite + sqlite3 through `open`.
    {
      code: `
import express from 'express';
import { open } from 'sqlite';
import sqlite3 from 'sqlite3';

const db = await open({ filename: './data/app.sqlite', driver: sqlite3.Database });
const app = express();
app.get('/items', async (req, res) => res.json(await db.all('select * from items')));
`,
      errors: [
        { messageId: 'database', line: 6, column: 18, data: { found: '`open(…)` from `sqlite`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // lowdb with a JSON file.
    {
      code: `
import express from 'express';
import { JSONFilePreset } from 'lowdb/node';

const db = await JSONFilePreset('db.json', { posts: [] as { id: string }[] });
const app = express();
app.post('/posts', async (req, res) => {
  await db.update(({ posts }) => posts.push({ id: String(req.body.id) }));
  res.sendStatus(201);
});
`,
      errors: [
        { messageId: 'database', line: 5, column: 18, data: { found: '`JSONFilePreset()`', where: 'in code that may run per request', advice: 'Keep the data in a database, e.g. Postgres through `pg`.' } },
      ],
    },
    // A Keyv cache in a SQLite file, chosen in a provider's factory.
    {
      code: `
import { Module } from '@nestjs/common';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import KeyvRedis from '@keyv/redis';

@Module({
  providers: [
    {
      provide: Keyv,
      useFactory: () => new Keyv({ store: process.env.REDIS_URL ? new KeyvRedis(process.env.REDIS_URL) : new KeyvSqlite({ uri: 'sqlite://.assets/cache.db' }) }),
    },
  ],
  exports: [Keyv],
})
export class CacheModule {}
`,
      errors: [
        { messageId: 'database', line: 11, column: 106, data: { found: '`new KeyvSqlite()`', where: 'in code that may run per request', advice: 'Give Keyv a shared store: `new Keyv(new KeyvRedis(url))` from `@keyv/redis`.' } },
      ],
    },
    // TypeORM on a SQLite file in a NestJS module.
    {
      code: `
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

@Module({
  imports: [TypeOrmModule.forRoot({ type: 'sqlite', database: 'db.sqlite', autoLoadEntities: true })],
})
export class AppModule {}
`,
      errors: [
        { messageId: 'database', line: 6, column: 13, data: { found: '`TypeOrmModule.forRoot(…)` from `@nestjs/typeorm`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // TypeORM options chosen by the environment: the production arm opens a SQLite file.
    {
      code: `
import express from 'express';
import { DataSource } from 'typeorm';

const prodOptions = { type: 'sqlite' as const, database: process.env.DATA_DIR ? \`\${process.env.DATA_DIR}/app.sqlite3\` : 'config/app.sqlite3' };
const devOptions = { type: 'sqlite' as const, database: 'dev.sqlite3' };
export const dataSource = new DataSource(process.env.NODE_ENV !== 'production' ? devOptions : prodOptions);

const app = express();
app.get('/healthz', async (req, res) => res.json(await dataSource.query('select 1')));
`,
      errors: [
        { messageId: 'database', line: 7, column: 27, data: { found: '`new DataSource(…)` from `typeorm`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // Knex on SQLite.
    {
      code: `
import express from 'express';
import knex from 'knex';

const db = knex({ client: 'better-sqlite3', connection: { filename: './dev.sqlite3' }, useNullAsDefault: true });
const app = express();
app.get('/users', async (req, res) => res.json(await db('users')));
`,
      errors: [
        { messageId: 'database', line: 5, column: 12, data: { found: '`knex(…)` from `knex`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // Sequelize on SQLite.
    {
      code: `
import express from 'express';
import { Sequelize } from 'sequelize';

const sequelize = new Sequelize({ dialect: 'sqlite', storage: 'database.sqlite' });
const app = express();
app.get('/healthz', async (req, res) => res.json(await sequelize.query('select 1')));
`,
      errors: [
        { messageId: 'database', line: 5, column: 19, data: { found: '`new Sequelize(…)` from `sequelize`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // LanceDB embedded in a folder of this instance's disk.
    {
      code: `
import * as lancedb from '@lancedb/lancedb';
import express from 'express';

const db = await lancedb.connect(process.env.LANCE_DIR ?? './storage/lancedb');
const app = express();
app.post('/search', async (req, res) => {
  const table = await db.openTable('documents');
  res.json(await table.search(req.body.vector).limit(5).toArray());
});
`,
      errors: [
        { messageId: 'database', line: 5, column: 18, data: { found: '`lancedb.connect(…)` from `@lancedb/lancedb`', where: 'in code that may run per request', advice: 'Point it at object storage (`s3://`, `gs://`, `az://`) or LanceDB Cloud (`db://`), or use Postgres with `pgvector`.' } },
      ],
    },
    // libSQL on a local file.
    {
      code: `
import { createClient } from '@libsql/client';
import { Hono } from 'hono';

const db = createClient({ url: 'file:local.db' });
const app = new Hono();
app.get('/notes', async (c) => c.json((await db.execute('select * from notes')).rows));
export default app;
`,
      errors: [
        { messageId: 'database', line: 5, column: 12, data: { found: '`createClient(…)` from `@libsql/client`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // Prisma on a local SQLite file: through its driver adapter (Prisma 7), or a `file:` URL (Prisma 5 and 6).
    {
      code: `
import { PrismaClient } from '@prisma/client';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import express from 'express';

const adapter = new PrismaBetterSqlite3({ url: process.env.DATABASE_URL ?? 'file:./dev.db' });
const prisma = new PrismaClient({ adapter });
const legacy = new PrismaClient({ datasources: { db: { url: 'file:/data/sqlite.db' } } });
const app = express();
app.get('/notes', async (req, res) => res.json(await prisma.note.findMany()));
app.get('/legacy', async (req, res) => res.json(await legacy.note.findMany()));
`,
      errors: [
        { messageId: 'database', line: 6, column: 17, data: { found: '`new PrismaBetterSqlite3(…)` from `@prisma/adapter-better-sqlite3`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
        { messageId: 'database', line: 8, column: 16, data: { found: '`new PrismaClient(…)` from `@prisma/client`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // Bun’s SQLite.
    {
      code: `
import { Database } from 'bun:sqlite';
import { Hono } from 'hono';

const db = new Database('app.sqlite');
const app = new Hono();
app.get('/count', (c) => c.json(db.query('select count(*) as n from visits').get()));
export default app;
`,
      errors: [
        { messageId: 'database', line: 5, column: 12, data: { found: '`new Database(…)` from `bun:sqlite`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
    // An exported helper with `unknown` in `lifetimes`, in a server file.
    {
      code: `
import type { RequestHandler } from 'express';
import { writeFile } from 'node:fs/promises';

export async function saveReport(name: string, csv: string) {
  await writeFile(\`reports/\${name}.csv\`, csv);
}

export type { RequestHandler };
`,
      options: [{lifetimes: ["request","unknown"]}],
      errors: [
        { messageId: 'kept', line: 6, column: 9, data: { found: '`writeFile`', where: 'in code that may run per request', advice: FINDING_ADVICE.file } },
      ],
    },
    // Deno.writeTextFile in a Deno.serve handler.
    {
      code: `
Deno.serve(async (request) => {
  const body = await request.text();
  await Deno.writeTextFile(\`./inbox/\${Date.now()}.txt\`, body);
  return new Response(null, { status: 202 });
});
`,
      errors: [
        { messageId: 'kept', line: 4, column: 9, data: { found: '`Deno.writeTextFile`', where: 'in a handler', advice: FINDING_ADVICE.file } },
      ],
    },
    // A NestJS controller writing exports to disk.
    {
      code: `
import { Body, Controller, Post } from '@nestjs/common';
import { promises as fs } from 'node:fs';

@Controller('exports')
export class ExportsController {
  @Post()
  async create(@Body() body: { id: string; csv: string }) {
    await fs.writeFile(\`./exports/\${body.id}.csv\`, body.csv);
    return { id: body.id };
  }
}
`,
      errors: [
        { messageId: 'kept', line: 9, column: 11, data: { found: '`fs.writeFile`', where: 'in `POST /exports`', advice: FINDING_ADVICE.file } },
      ],
    },
  ],
});

jsRuleTester.run('no-local-files (JavaScript)', rule, {
  valid: [
    // JavaScript: a plain class of file operations (espree gives classes no `implements` or `decorators`).
    `
const fs = require('node:fs/promises');
const path = require('node:path');

class Workspace {
  constructor(base) {
    this.base = base;
  }
  async create(name, text) {
    await fs.writeFile(path.join(this.base, name), text);
  }
  async contents(name) {
    return fs.readFile(path.join(this.base, name), 'utf8');
  }
}
module.exports = Workspace;
`,
  ],
  invalid: [
    // JavaScript: a storage class that extends a base class, with its root in a field.
    {
      code: `
const fs = require('fs-extra');
const path = require('path');
const BaseStorage = require('./base-storage');

class LocalStorage extends BaseStorage {
  constructor(options) {
    super();
    this.root = options.root;
  }
  async store(key, stream) {
    await fs.outputFile(path.join(this.root, key), stream);
  }
  getFileStream(key) {
    return fs.createReadStream(path.join(this.root, key));
  }
}
module.exports = LocalStorage;
`,
      errors: [
        { messageId: 'store', line: 6, column: 7, data: { name: 'LocalStorage', writer: 'store', found: '`fs.outputFile`', reader: 'getFileStream', access: 'reads them back', readLine: '15', advice: FINDING_ADVICE.file } },
      ],
    },
    // JavaScript: copyFile in a handler.
    {
      code: `
const express = require('express');
const fs = require('node:fs/promises');

const app = express();
app.post('/backups', async (req, res) => {
  await fs.copyFile('data/current.json', \`data/backup-\${Date.now()}.json\`);
  res.sendStatus(201);
});
`,
      errors: [
        { messageId: 'kept', line: 7, column: 9, data: { found: '`fs.copyFile`', where: 'in `POST /backups`', advice: FINDING_ADVICE.file } },
      ],
    },
    // JavaScript: sqlite3 through CommonJS.
    {
      code: `
const express = require('express');
const sqlite3 = require('sqlite3').verbose();

const db = new sqlite3.Database('./app.sqlite');
const app = express();
app.get('/rows', (req, res) => db.all('select * from rows', (err, rows) => res.json(rows)));
`,
      errors: [
        { messageId: 'database', line: 5, column: 12, data: { found: '`new sqlite3.Database(…)` from `sqlite3`', where: 'in code that may run per request', advice: 'Use Postgres or MySQL, or a hosted SQLite such as Turso (libSQL) or Cloudflare D1.' } },
      ],
    },
  ],
});
