import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pick, seededRandom, type Random } from '../tools/random.js';

/**
 * A deterministic corpus of service code for the benchmark: Express routers, Fastify plugins, NestJS
 * controllers and providers, Next.js route handlers and pages, models and utilities, in the mix of
 * TypeScript, ESM JavaScript and CommonJS a backend repository has. About one file in twenty carries a
 * module-state pattern, so the rules do the work of reporting as well as the work of looking.
 */

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

const ENTITIES = [
  'order', 'invoice', 'customer', 'product', 'payment', 'cart', 'shipment', 'review', 'coupon', 'tenant',
  'webhook', 'report', 'subscription', 'notification', 'account', 'warehouse', 'ticket', 'booking',
  'listing', 'message', 'refund', 'supplier', 'campaign', 'member', 'device', 'article', 'team', 'quote',
] as const;

const FIELDS = [
  ['status', 'string', "'pending'"],
  ['total', 'number', '0'],
  ['currency', 'string', "'EUR'"],
  ['createdAt', 'string', 'new Date().toISOString()'],
  ['ownerId', 'string', "''"],
  ['quantity', 'number', '1'],
  ['note', 'string | null', 'null'],
  ['archived', 'boolean', 'false'],
  ['priority', 'number', '3'],
  ['region', 'string', "'eu-west-1'"],
] as const;

/** The kinds of module state a service file may carry, as they are written in real code. */
const STATE_PATTERNS = ['counter', 'cache', 'leak', 'collection', 'flag'] as const;
type StatePattern = (typeof STATE_PATTERNS)[number];

type Language = 'ts' | 'js' | 'cjs';

interface Entity {
  name: string;
  Name: string;
  plural: string;
  table: string;
  fields: (typeof FIELDS)[number][];
}

interface FileSpec {
  /** Corpus-relative path with forward slashes. */
  path: string;
  text: string;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function entityFor(random: Random, index: number): Entity {
  const base = ENTITIES[index % ENTITIES.length] ?? 'order';
  const suffix = Math.floor(index / ENTITIES.length);
  const name = suffix === 0 ? base : `${base}${suffix}`;
  const fields = [...FIELDS].sort(() => random() - 0.5).slice(0, between(random, 3, 7));
  return { name, Name: capitalise(name), plural: `${name}s`, table: `${base}s`, fields };
}

function typed(language: Language, annotation: string): string {
  return language === 'ts' ? `: ${annotation}` : '';
}

function importLine(names: string, from: string): string {
  return `import ${names} from '${from}';`;
}

/**
 * Rewrites a generated ES module into CommonJS: imports become `require` calls (siblings take the
 * `.cjs` extension the group's files have), exported declarations are collected into `module.exports`.
 */
function commonJs(text: string): string {
  const names: string[] = [];
  const body = text
    .replace(/^import (?:\* as )?([\w{}, ]+) from '([^']+)';$/gmu, (_, bindings: string, from: string) => {
      const target = from.startsWith('./') ? from.replace(/\.js$/u, '.cjs') : from;
      return `const ${bindings} = require('${target}');`;
    })
    .replace(/^export (const|let|class|function|async function) (\w+)/gmu, (_, keyword: string, name: string) => {
      names.push(name);
      return `${keyword} ${name}`;
    });
  return `'use strict';\n\n${body}\nmodule.exports = { ${names.join(', ')} };\n`;
}

function finish(language: Language, lines: readonly string[]): string {
  const text = `${lines.join('\n')}\n`;
  return language === 'cjs' ? commonJs(text) : text;
}

/** The statements a handler body is made of: validation, a query, a branch, a response. */
function handlerBody(random: Random, entity: Entity, language: Language, request: string, respond: (status: number, body: string) => string): string {
  const lines: string[] = [];
  const id = `${request}.params${language === 'ts' ? '?' : ''}.id`;
  lines.push(`const id = String(${id} ?? '');`);
  if (random() < 0.5) {
    lines.push(`const limit = Math.min(Number(${request}.query?.limit ?? 20), 100);`);
    lines.push(`const offset = Math.max(Number(${request}.query?.offset ?? 0), 0);`);
  }
  lines.push(`if (!id) {`, `  ${respond(400, `{ error: 'missing ${entity.name} id' }`)}`, `}`);
  lines.push(`try {`);
  lines.push(`  const ${entity.name} = await ${entity.plural}.find${entity.Name}(id);`);
  lines.push(`  if (!${entity.name}) {`, `    ${respond(404, `{ error: \`${entity.name} \${id} not found\` }`)}`, `  }`);
  if (random() < 0.6) {
    lines.push(`  const visible = ${entity.name}.ownerId === ${request}.headers['x-user-id'] || ${request}.headers['x-role'] === 'admin';`);
    lines.push(`  if (!visible) {`, `    ${respond(403, `{ error: 'forbidden' }`)}`, `  }`);
  }
  if (random() < 0.5) {
    const field = pick(random, entity.fields)[0];
    lines.push(`  const summary = { id, ${field}: ${entity.name}.${field}, links: { self: \`/${entity.plural}/\${id}\` } };`);
    lines.push(`  ${respond(200, 'summary')}`);
  } else {
    lines.push(`  ${respond(200, entity.name)}`);
  }
  lines.push(`} catch (error) {`);
  lines.push(`  logger.error({ err: error, id }, 'failed to load ${entity.name}');`);
  lines.push(`  ${respond(500, `{ error: 'internal error' }`)}`);
  lines.push(`}`);
  return lines.join('\n');
}

function createBody(entity: Entity, request: string, language: Language): string {
  const field = entity.fields[0]?.[0] ?? 'status';
  return [
    `const input = ${request}.body${language === 'ts' ? ` as Partial<${entity.Name}>` : ''};`,
    `if (!input || typeof input !== 'object') throw new ValidationError('body must be an object');`,
    `const created = await ${entity.plural}.create${entity.Name}({ ...input, ${field}: input.${field} ?? defaults.${field} });`,
    `await events.publish('${entity.name}.created', { id: created.id, at: Date.now() });`,
  ].join('\n');
}

/** Module-scope declarations and the statement a handler adds for one pattern. */
function statePattern(pattern: StatePattern, entity: Entity, request: string, language: Language): { declaration: string; write: string } {
  switch (pattern) {
    case 'counter':
      return { declaration: `let ${entity.name}Requests = 0;`, write: `${entity.name}Requests++;` };
    case 'cache':
      return {
        declaration: `const ${entity.name}Cache = new Map${language === 'ts' ? '<string, unknown>' : ''}();`,
        write: `${entity.name}Cache.set(String(${request}.params.id), await ${entity.plural}.find${entity.Name}(String(${request}.params.id)));`,
      };
    case 'leak':
      return { declaration: `let lastCaller${typed(language, 'unknown')};`, write: `lastCaller = ${request}.headers['x-user-id'];` };
    case 'collection':
      return { declaration: `const recent${entity.Name}Ids${typed(language, 'string[]')} = [];`, write: `recent${entity.Name}Ids.push(String(${request}.params.id));` };
    case 'flag':
      return { declaration: `let ${entity.name}Warm = false;`, write: `${entity.name}Warm = true;` };
  }
}

function indent(text: string, depth: number): string {
  const pad = '  '.repeat(depth);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function expressRouter(random: Random, entity: Entity, language: Language, pattern: StatePattern | undefined): string {
  const ts = language === 'ts';
  const req = ts ? 'req: Request' : 'req';
  const res = ts ? 'res: Response' : 'res';
  const respond = (status: number, body: string): string => `return res.status(${status}).json(${body});`;
  const state = pattern === undefined ? undefined : statePattern(pattern, entity, 'req', language);
  const out = [
    importLine(ts ? '{ Router, type Request, type Response }' : '{ Router }', 'express'),
    importLine(`* as ${entity.plural}`, `./${entity.name}.service.js`),
    importLine('{ logger }', '../lib/logger.js'),
    importLine('{ events }', '../lib/events.js'),
    importLine('{ ValidationError, defaults }', `./${entity.name}.model.js`),
    '',
    `const PAGE_SIZE = ${pick(random, [10, 20, 25, 50])};`,
    `const ALLOWED_SORT = new Set(['createdAt', 'total', 'status']);`,
    ...(state ? [state.declaration] : []),
    '',
    `export const router = Router();`,
    '',
    `router.get('/${entity.plural}/:id', async (${req}, ${res}) => {`,
    ...(state ? [`  ${state.write}`] : []),
    indent(handlerBody(random, entity, language, 'req', respond), 1),
    `});`,
    '',
    `router.get('/${entity.plural}', async (${req}, ${res}) => {`,
    `  const sort = ALLOWED_SORT.has(String(req.query.sort)) ? String(req.query.sort) : 'createdAt';`,
    `  const page = Math.max(Number(req.query.page ?? 1), 1);`,
    `  const rows = await ${entity.plural}.list${entity.Name}s({ sort, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });`,
    `  res.json({ items: rows, page, next: rows.length === PAGE_SIZE ? page + 1 : null });`,
    `});`,
    '',
    `router.post('/${entity.plural}', async (${req}, ${res}, next${typed(language, '(error?: unknown) => void')}) => {`,
    `  try {`,
    indent(createBody(entity, 'req', language), 2),
    `    res.status(201).location(\`/${entity.plural}/\${created.id}\`).json(created);`,
    `  } catch (error) {`,
    `    next(error);`,
    `  }`,
    `});`,
  ];
  if (random() < 0.5) {
    out.push(
      '',
      `router.delete('/${entity.plural}/:id', async (${req}, ${res}) => {`,
      `  const removed = await ${entity.plural}.remove${entity.Name}(String(req.params.id));`,
      `  logger.info({ id: req.params.id, removed }, '${entity.name} removed');`,
      `  res.sendStatus(removed ? 204 : 404);`,
      `});`,
    );
  }
  return finish(language, out);
}

function fastifyPlugin(random: Random, entity: Entity, language: Language, pattern: StatePattern | undefined): string {
  const ts = language === 'ts';
  const respond = (status: number, body: string): string => `return reply.code(${status}).send(${body});`;
  const state = pattern === undefined ? undefined : statePattern(pattern, entity, 'request', language);
  const out = [
    ...(ts ? [`import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';`] : []),
    importLine(`* as ${entity.plural}`, `./${entity.name}.service.js`),
    importLine('{ logger }', '../lib/logger.js'),
    importLine('{ events }', '../lib/events.js'),
    importLine('{ ValidationError, defaults }', `./${entity.name}.model.js`),
    '',
    `const schema = {`,
    `  params: { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'] },`,
    `  querystring: { type: 'object', properties: { limit: { type: 'integer', maximum: ${pick(random, [50, 100, 200])} } } },`,
    `}${ts ? ' as const' : ''};`,
    ...(state ? [state.declaration] : []),
    '',
    `export async function ${entity.name}Routes(app${typed(language, 'FastifyInstance')}) {`,
    `  app.get('/${entity.plural}/:id', { schema }, async (request${typed(language, 'FastifyRequest<{ Params: { id: string }; Querystring: { limit?: number; offset?: number } }>')}, reply${typed(language, 'FastifyReply')}) => {`,
    ...(state ? [`    ${state.write}`] : []),
    indent(handlerBody(random, entity, language, 'request', respond), 2),
    `  });`,
    '',
    `  app.post('/${entity.plural}', async (request${ts ? ': FastifyRequest<{ Body: unknown }>' : ''}, reply${typed(language, 'FastifyReply')}) => {`,
    indent(createBody(entity, 'request', language), 2),
    `    return reply.code(201).send(created);`,
    `  });`,
    '',
    `  app.addHook('onClose', async () => {`,
    `    logger.info('${entity.name} routes closed');`,
    `  });`,
    `}`,
  ];
  return finish(language, out);
}

function nestController(random: Random, entity: Entity, pattern: StatePattern | undefined): string {
  const state = pattern === undefined ? undefined : statePattern(pattern, entity, 'request', 'ts');
  const out = [
    `import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';`,
    `import type { Request } from 'express';`,
    `import { ${entity.Name}Service } from './${entity.name}.service.js';`,
    `import type { ${entity.Name} } from './${entity.name}.model.js';`,
    '',
    `class Create${entity.Name}Dto {`,
    ...entity.fields.map(([field, type]) => `  ${field}!: ${type};`),
    `}`,
    ...(state ? ['', state.declaration] : []),
    '',
    `@Controller('${entity.plural}')`,
    `export class ${entity.Name}Controller {`,
    `  constructor(private readonly ${entity.plural}: ${entity.Name}Service) {}`,
    '',
    `  @Get(':id')`,
    `  async findOne(@Param('id') id: string, @Req() request: Request): Promise<${entity.Name}> {`,
    ...(state ? [`    ${state.write}`] : []),
    `    const found = await this.${entity.plural}.find(id);`,
    `    if (!found) throw new NotFoundException(\`${entity.name} \${id} not found\`);`,
    `    return found;`,
    `  }`,
    '',
    `  @Get()`,
    `  async list(@Query('limit') limit = '${pick(random, [20, 50])}', @Query('cursor') cursor?: string): Promise<${entity.Name}[]> {`,
    `    return this.${entity.plural}.list({ limit: Math.min(Number(limit), 100), cursor });`,
    `  }`,
    '',
    `  @Post()`,
    `  @HttpCode(201)`,
    `  async create(@Body() dto: Create${entity.Name}Dto): Promise<${entity.Name}> {`,
    `    return this.${entity.plural}.create(dto);`,
    `  }`,
    '',
    `  @Delete(':id')`,
    `  @HttpCode(204)`,
    `  async remove(@Param('id') id: string): Promise<void> {`,
    `    await this.${entity.plural}.remove(id);`,
    `  }`,
    `}`,
  ];
  return `${out.join('\n')}\n`;
}

function nestService(random: Random, entity: Entity): string {
  const out = [
    `import { Injectable, Logger } from '@nestjs/common';`,
    `import type { ${entity.Name} } from './${entity.name}.model.js';`,
    `import { db } from '../lib/db.js';`,
    '',
    `@Injectable()`,
    `export class ${entity.Name}Service {`,
    `  private readonly logger = new Logger(${entity.Name}Service.name);`,
    '',
    `  async find(id: string): Promise<${entity.Name} | undefined> {`,
    `    const { rows } = await db.query<${entity.Name}>('select * from ${entity.table} where id = $1', [id]);`,
    `    return rows[0];`,
    `  }`,
    '',
    `  async list({ limit, cursor }: { limit: number; cursor?: string | undefined }): Promise<${entity.Name}[]> {`,
    `    const { rows } = await db.query<${entity.Name}>(`,
    `      'select * from ${entity.table} where ($1::text is null or id > $1) order by id limit $2',`,
    `      [cursor ?? null, limit],`,
    `    );`,
    `    return rows;`,
    `  }`,
    '',
    `  async create(input: Partial<${entity.Name}>): Promise<${entity.Name}> {`,
    `    const { rows } = await db.query<${entity.Name}>('insert into ${entity.table} (data) values ($1) returning *', [input]);`,
    `    const created = rows[0];`,
    `    if (!created) throw new Error('insert returned no row');`,
    `    this.logger.log(\`created ${entity.name} \${created.id}\`);`,
    `    return created;`,
    `  }`,
    '',
    `  async remove(id: string): Promise<boolean> {`,
    `    const { rowCount } = await db.query('delete from ${entity.table} where id = $1', [id]);`,
    `    return (rowCount ?? 0) > 0;`,
    `  }`,
  ];
  if (random() < 0.5) {
    out.push(
      '',
      `  async touch(ids: readonly string[]): Promise<number> {`,
      `    let updated = 0;`,
      `    for (const chunk of chunks(ids, ${pick(random, [50, 100, 500])})) {`,
      `      const { rowCount } = await db.query('update ${entity.table} set updated_at = now() where id = any($1)', [chunk]);`,
      `      updated += rowCount ?? 0;`,
      `    }`,
      `    return updated;`,
      `  }`,
    );
  }
  out.push(
    `}`,
    '',
    `function chunks<T>(items: readonly T[], size: number): T[][] {`,
    `  const out: T[][] = [];`,
    `  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));`,
    `  return out;`,
    `}`,
  );
  return `${out.join('\n')}\n`;
}

function plainService(random: Random, entity: Entity, language: Language): string {
  const ts = language === 'ts';
  const out = [
    importLine('{ db }', '../lib/db.js'),
    importLine('{ retry }', '../lib/retry.js'),
    ...(ts ? [`import type { ${entity.Name} } from './${entity.name}.model.js';`] : []),
    '',
    `const COLUMNS = [${['id', ...entity.fields.map(([field]) => field)].map((field) => `'${field}'`).join(', ')}];`,
    '',
    `let pool${typed(language, 'ReturnType<typeof db.connect> | undefined')};`,
    '',
    `function connection() {`,
    `  pool ??= db.connect({ max: Number(process.env.DB_POOL_SIZE ?? ${pick(random, [5, 10, 20])}) });`,
    `  return pool;`,
    `}`,
    '',
    `export async function find${entity.Name}(id${typed(language, 'string')})${ts ? `: Promise<${entity.Name} | undefined>` : ''} {`,
    `  const { rows } = await retry(() => connection().query(\`select \${COLUMNS.join(', ')} from ${entity.table} where id = $1\`, [id]));`,
    `  return rows[0];`,
    `}`,
    '',
    `export async function list${entity.Name}s({ sort, offset, limit }${typed(language, '{ sort: string; offset: number; limit: number }')}) {`,
    `  const { rows } = await connection().query(\`select \${COLUMNS.join(', ')} from ${entity.table} order by \${sort} offset $1 limit $2\`, [offset, limit]);`,
    `  return rows.map((row${typed(language, 'Record<string, unknown>')}) => ({ ...row, id: String(row.id) }));`,
    `}`,
    '',
    `export async function create${entity.Name}(input${typed(language, 'Record<string, unknown>')}) {`,
    `  const columns = Object.keys(input).filter((key) => COLUMNS.includes(key));`,
    `  const values = columns.map((key) => input[key]);`,
    `  const placeholders = columns.map((_, index) => \`$\${index + 1}\`).join(', ');`,
    `  const { rows } = await connection().query(\`insert into ${entity.table} (\${columns.join(', ')}) values (\${placeholders}) returning id\`, values);`,
    `  return { id: String(rows[0]?.id), ...input };`,
    `}`,
    '',
    `export async function remove${entity.Name}(id${typed(language, 'string')}) {`,
    `  const { rowCount } = await connection().query('delete from ${entity.table} where id = $1', [id]);`,
    `  return rowCount > 0;`,
    `}`,
  ];
  return finish(language, out);
}

function model(random: Random, entity: Entity, language: Language): string {
  const ts = language === 'ts';
  const out: string[] = [];
  if (ts) {
    out.push(
      `export interface ${entity.Name} {`,
      `  id: string;`,
      ...entity.fields.map(([field, type]) => `  ${field}: ${type};`),
      `}`,
      '',
      `export type ${entity.Name}Patch = Partial<Omit<${entity.Name}, 'id'>>;`,
      '',
    );
  }
  out.push(
    `export const defaults = Object.freeze({`,
    ...entity.fields.map(([field, , value]) => `  ${field}: ${value},`),
    `});`,
    '',
    `export class ValidationError extends Error {`,
    `  ${ts ? 'readonly status = 400;' : 'status = 400;'}`,
    `  constructor(message${typed(language, 'string')}, ${ts ? 'readonly field?: string' : 'field'}) {`,
    `    super(message);`,
    `    this.name = 'ValidationError';`,
    ...(ts ? [] : [`    this.field = field;`]),
    `  }`,
    `}`,
    '',
    `export function validate${entity.Name}(input${typed(language, 'unknown')})${ts ? `: ${entity.Name}Patch` : ''} {`,
    `  if (typeof input !== 'object' || input === null) throw new ValidationError('expected an object');`,
    `  const patch${typed(language, `${entity.Name}Patch`)} = {};`,
  );
  for (const [field, type] of entity.fields) {
    const check = type.startsWith('number') ? `typeof value === 'number' && Number.isFinite(value)` : type.startsWith('boolean') ? `typeof value === 'boolean'` : `typeof value === 'string'${type.includes('null') ? ' || value === null' : ''}`;
    out.push(
      `  if ('${field}' in input) {`,
      `    const value = ${ts ? '(input as Record<string, unknown>)' : 'input'}.${field};`,
      `    if (!(${check})) throw new ValidationError('${field} has the wrong type', '${field}');`,
      `    patch.${field} = value${ts ? ` as ${entity.Name}['${field}']` : ''};`,
      `  }`,
    );
  }
  out.push(`  return patch;`, `}`);
  if (random() < 0.4) {
    out.push(
      '',
      `export function to${entity.Name}Row(${entity.name}${typed(language, entity.Name)}) {`,
      `  return Object.fromEntries(Object.entries(${entity.name}).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()), value]));`,
      `}`,
    );
  }
  return finish(language, out);
}

function nextRoute(random: Random, entity: Entity, pattern: StatePattern | undefined): string {
  const state = pattern === undefined ? undefined : statePattern(pattern, entity, 'request', 'ts');
  const write = state?.write.replace(/request\.params\.id/gu, "request.nextUrl.searchParams.get('id')").replace(/request\.headers\['x-user-id'\]/gu, "request.headers.get('x-user-id')");
  const out = [
    `import { NextResponse, type NextRequest } from 'next/server';`,
    `import * as ${entity.plural} from '../../../src/${entity.name}/${entity.name}.service.js';`,
    `import { validate${entity.Name} } from '../../../src/${entity.name}/${entity.name}.model.js';`,
    '',
    `export const dynamic = 'force-dynamic';`,
    `export const revalidate = ${pick(random, [0, 30, 60])};`,
    ...(state ? [state.declaration] : []),
    '',
    `export async function GET(request: NextRequest): Promise<NextResponse> {`,
    ...(write === undefined ? [] : [`  ${write}`]),
    `  const id = request.nextUrl.searchParams.get('id');`,
    `  if (id === null) {`,
    `    const page = Number(request.nextUrl.searchParams.get('page') ?? '1');`,
    `    return NextResponse.json(await ${entity.plural}.list${entity.Name}s({ sort: 'createdAt', offset: (page - 1) * 20, limit: 20 }));`,
    `  }`,
    `  const found = await ${entity.plural}.find${entity.Name}(id);`,
    `  return found ? NextResponse.json(found) : NextResponse.json({ error: 'not found' }, { status: 404 });`,
    `}`,
    '',
    `export async function POST(request: NextRequest): Promise<NextResponse> {`,
    `  const patch = validate${entity.Name}(await request.json());`,
    `  const created = await ${entity.plural}.create${entity.Name}(patch);`,
    `  return NextResponse.json(created, { status: 201, headers: { location: \`/api/${entity.plural}/\${created.id}\` } });`,
    `}`,
  ];
  return `${out.join('\n')}\n`;
}

function nextPage(random: Random, entity: Entity): string {
  const columns = entity.fields.slice(0, between(random, 2, entity.fields.length)).map(([field]) => field);
  const out = [
    `import Link from 'next/link';`,
    `import * as ${entity.plural} from '../../src/${entity.name}/${entity.name}.service.js';`,
    '',
    `export default async function ${entity.Name}Page({ searchParams }: { searchParams: Promise<{ page?: string }> }) {`,
    `  const { page = '1' } = await searchParams;`,
    `  const rows = await ${entity.plural}.list${entity.Name}s({ sort: 'createdAt', offset: (Number(page) - 1) * 20, limit: 20 });`,
    `  return (`,
    `    <main>`,
    `      <h1>${entity.Name}s</h1>`,
    `      <table>`,
    `        <thead><tr>${columns.map((column) => `<th>${column}</th>`).join('')}</tr></thead>`,
    `        <tbody>`,
    `          {rows.map((row) => (`,
    `            <tr key={row.id}>${columns.map((column) => `<td>{String(row.${column} ?? '')}</td>`).join('')}</tr>`,
    `          ))}`,
    `        </tbody>`,
    `      </table>`,
    `      <Link href={\`?page=\${Number(page) + 1}\`}>Next</Link>`,
    `    </main>`,
    `  );`,
    `}`,
  ];
  return `${out.join('\n')}\n`;
}

const UTILITIES = ['format', 'paginate', 'money', 'dates', 'strings', 'ids', 'headers', 'backoff'] as const;

function utility(random: Random, index: number, language: Language): string {
  const ts = language === 'ts';
  // `paginate` is also a function of the module: the object gets a name of its own.
  const name = `${pick(random, UTILITIES)}Utils${index}`;
  const out = [
    `const UNITS = ['B', 'KB', 'MB', 'GB'];`,
    `const DEFAULT_LOCALE = process.env.LOCALE ?? 'en-GB';`,
    '',
    `export function formatBytes${index}(bytes${typed(language, 'number')})${typed(language, 'string')} {`,
    `  let value = bytes;`,
    `  let unit = 0;`,
    `  while (value >= 1024 && unit < UNITS.length - 1) {`,
    `    value /= 1024;`,
    `    unit += 1;`,
    `  }`,
    `  return \`\${value.toFixed(unit === 0 ? 0 : 1)} \${UNITS[unit]}\`;`,
    `}`,
    '',
    `export function formatMoney${index}(cents${typed(language, 'number')}, currency = 'EUR')${typed(language, 'string')} {`,
    `  return new Intl.NumberFormat(DEFAULT_LOCALE, { style: 'currency', currency }).format(cents / 100);`,
    `}`,
    '',
    `export function paginate${index}${ts ? '<T>' : ''}(items${typed(language, 'readonly T[]')}, page${typed(language, 'number')}, size = ${pick(random, [10, 20, 50])}) {`,
    `  const pages = Math.max(Math.ceil(items.length / size), 1);`,
    `  const current = Math.min(Math.max(page, 1), pages);`,
    `  return { items: items.slice((current - 1) * size, current * size), page: current, pages };`,
    `}`,
    '',
    `export async function withBackoff${index}${ts ? '<T>' : ''}(task${typed(language, '() => Promise<T>')}, attempts = ${pick(random, [3, 5])})${ts ? ': Promise<T>' : ''} {`,
    `  let lastError${typed(language, 'unknown')};`,
    `  for (let attempt = 0; attempt < attempts; attempt += 1) {`,
    `    try {`,
    `      return await task();`,
    `    } catch (error) {`,
    `      lastError = error;`,
    `      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * ${pick(random, [50, 100, 250])}));`,
    `    }`,
    `  }`,
    `  throw lastError;`,
    `}`,
    '',
    `export const ${name} = { formatBytes: formatBytes${index}, formatMoney: formatMoney${index}, paginate: paginate${index} };`,
  ];
  return finish(language, out);
}

/** Shared modules every generated service imports, so the typed program has real edges between files. */
function libraryFiles(): FileSpec[] {
  return [
    {
      path: 'src/lib/logger.ts',
      text: [
        `type Fields = Record<string, unknown>;`,
        `const LEVEL = process.env.LOG_LEVEL ?? 'info';`,
        `function write(level: string, fields: Fields | string, message?: string): void {`,
        `  const entry = typeof fields === 'string' ? { msg: fields } : { ...fields, msg: message };`,
        `  process.stdout.write(\`\${JSON.stringify({ level, time: Date.now(), ...entry })}\\n\`);`,
        `}`,
        `export const logger = {`,
        `  level: LEVEL,`,
        `  info: (fields: Fields | string, message?: string) => { write('info', fields, message); },`,
        `  error: (fields: Fields | string, message?: string) => { write('error', fields, message); },`,
        `};`,
        '',
      ].join('\n'),
    },
    {
      path: 'src/lib/events.ts',
      text: [
        `import { EventEmitter } from 'node:events';`,
        `const bus = new EventEmitter();`,
        `export const events = {`,
        `  async publish(topic: string, payload: Record<string, unknown>): Promise<void> {`,
        `    bus.emit(topic, payload);`,
        `  },`,
        `  subscribe(topic: string, listener: (payload: Record<string, unknown>) => void): void {`,
        `    bus.on(topic, listener);`,
        `  },`,
        `};`,
        '',
      ].join('\n'),
    },
    {
      path: 'src/lib/db.ts',
      text: [
        `export interface QueryResult<T> { rows: T[]; rowCount: number | null }`,
        `export interface Connection { query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<T>> }`,
        `export const db = {`,
        `  connect(options: { max: number }): Connection {`,
        `    return { query: async () => ({ rows: [], rowCount: options.max > 0 ? 0 : null }) };`,
        `  },`,
        `  async query<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<QueryResult<T>> {`,
        `    return { rows: [], rowCount: text.length + values.length > 0 ? 0 : null };`,
        `  },`,
        `};`,
        '',
      ].join('\n'),
    },
    {
      path: 'src/lib/retry.ts',
      text: [
        `export async function retry<T>(task: () => Promise<T>, attempts = 3): Promise<T> {`,
        `  for (let attempt = 1; ; attempt += 1) {`,
        `    try {`,
        `      return await task();`,
        `    } catch (error) {`,
        `      if (attempt >= attempts) throw error;`,
        `    }`,
        `  }`,
        `}`,
        '',
      ].join('\n'),
    },
  ];
}

function languageFor(random: Random): Language {
  const roll = random();
  return roll < 0.6 ? 'ts' : roll < 0.92 ? 'js' : 'cjs';
}

function extension(language: Language): string {
  return language === 'ts' ? '.ts' : language === 'js' ? '.js' : '.cjs';
}

/**
 * The files of a corpus of `size` files (plus four shared library modules), in generation order.
 * Each group of files around one entity is what a service module of that entity looks like: a model,
 * a data-access layer, and one handler layer (an Express router, a Fastify plugin, a NestJS controller
 * or a Next.js route), sometimes a page and utilities.
 */
export function generateCorpus(size: number, seed: number): { files: FileSpec[]; statePatterns: number } {
  const random = seededRandom(seed);
  const files: FileSpec[] = libraryFiles();
  let statePatterns = 0;
  let group = 0;
  const target = size;
  while (files.length < target) {
    const entity = entityFor(random, group);
    const dir = `src/${entity.name}`;
    const language = languageFor(random);
    const ext = extension(language);
    const framework = pick(random, ['express', 'express', 'fastify', 'nest', 'nest', 'next'] as const);
    const withState = (): StatePattern | undefined => {
      // Handler files are about a third of the corpus, so 15% of them gives about one file in twenty.
      if (random() >= 0.15) return undefined;
      statePatterns += 1;
      return pick(random, STATE_PATTERNS);
    };
    const group_: FileSpec[] = [];
    switch (framework) {
      case 'express':
        group_.push({ path: `${dir}/${entity.name}.routes${ext}`, text: expressRouter(random, entity, language, withState()) });
        group_.push({ path: `${dir}/${entity.name}.service${ext}`, text: plainService(random, entity, language) });
        group_.push({ path: `${dir}/${entity.name}.model${ext}`, text: model(random, entity, language) });
        break;
      case 'fastify':
        group_.push({ path: `${dir}/${entity.name}.plugin${ext}`, text: fastifyPlugin(random, entity, language, withState()) });
        group_.push({ path: `${dir}/${entity.name}.service${ext}`, text: plainService(random, entity, language) });
        group_.push({ path: `${dir}/${entity.name}.model${ext}`, text: model(random, entity, language) });
        break;
      case 'nest':
        group_.push({ path: `${dir}/${entity.name}.controller.ts`, text: nestController(random, entity, withState()) });
        group_.push({ path: `${dir}/${entity.name}.service.ts`, text: nestService(random, entity) });
        group_.push({ path: `${dir}/${entity.name}.model.ts`, text: model(random, entity, 'ts') });
        break;
      case 'next':
        group_.push({ path: `app/api/${entity.plural}/route.ts`, text: nextRoute(random, entity, withState()) });
        group_.push({ path: `${dir}/${entity.name}.service.ts`, text: plainService(random, entity, 'ts') });
        group_.push({ path: `${dir}/${entity.name}.model.ts`, text: model(random, entity, 'ts') });
        if (random() < 0.5) group_.push({ path: `app/${entity.plural}/page.tsx`, text: nextPage(random, entity) });
        break;
    }
    if (random() < 0.3) {
      const utilLanguage = languageFor(random);
      group_.push({ path: `src/lib/util${group}${extension(utilLanguage)}`, text: utility(random, group, utilLanguage) });
    }
    files.push(...group_.slice(0, target - files.length));
    group += 1;
  }
  return { files, statePatterns };
}

/** The tsconfig of a corpus: strict, ESM, JavaScript included, so the typed run has every file in one program. */
export const CORPUS_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    allowJs: true,
    checkJs: false,
    jsx: 'preserve',
    experimentalDecorators: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  include: ['src', 'app'],
};

/** Writes the corpus under `dir` and returns the absolute paths of its source files. */
export function writeCorpus(dir: string, size: number, seed: number): { files: string[]; statePatterns: number } {
  const { files, statePatterns } = generateCorpus(size, seed);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'bench-corpus', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(CORPUS_TSCONFIG, null, 2)}\n`);
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    written.push(target);
  }
  return { files: written, statePatterns };
}
