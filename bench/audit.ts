import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/**
 * `npm run bench:audit`: the audit against `tsc --noEmit` on the same generated service, at three
 * sizes. Each run is a fresh process, as a user's would be; the two commands alternate so that a
 * busy machine slows both alike, and medians are reported. `--write` puts the figures in
 * docs/performance.md under `## Audit`, leaving the file's other sections alone.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const TSC = require.resolve('typescript/bin/tsc');
const CLI = path.join(ROOT, 'dist', 'src', 'audit', 'cli.js');
const ESLINT = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const DOC = path.join(ROOT, 'docs', 'performance.md');
const HEADING = '## Audit';
/**
 * Writes the child's own CPU time (all threads, ms) and peak resident memory (KB) to the file named
 * by `AUDIT_BENCH_CPU` when it exits.
 */
const CPU_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.cpuUsage();writeFileSync(process.env.AUDIT_BENCH_CPU,`${(u.user+u.system)/1000} ${process.resourceUsage().maxRSS}`)})",
)}`;
/** The target of the issue that asked for one TypeScript world: the audit at most as long as `tsc --noEmit`. */
const TARGET = 1;

const USAGE = `Usage: npm run bench:audit -- [--sizes 500,1000,2000] [--runs 3] [--flavours plain,typed] [--project DIR]
                              [--configs all,strict-type-checked] [--baseline CLI] [--write] [--keep]

  --sizes      service sizes in files (the last one is the 2,000-file service of the target)
  --runs       timed runs of each command per size, after one warm-up run of each
  --flavours   plain (hand-written types only) and/or typed (inferred validation schemas, @types/node);
               an empty list measures no generated service
  --project    also measure an existing project (a folder with a tsconfig.json), e.g. a real backend
  --configs    the audit's configs on --project: untyped (all) and type-checked (strict-type-checked)
  --baseline   another build's dist/src/audit/cli.js, timed beside this one (before and after)
  --write      put the figures in docs/performance.md under "## Audit"
  --keep       keep the generated services and print where they are
`;

export interface Options {
  sizes: number[];
  runs: number;
  flavours: Flavour[];
  projects: string[];
  configs: string[];
  baseline: string | undefined;
  write: boolean;
  keep: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { sizes: [500, 1000, 2000], runs: 3, flavours: ['plain', 'typed'], projects: [], configs: ['all', 'strict-type-checked'], baseline: undefined, write: false, keep: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${arg ?? ''} needs a value\n\n${USAGE}`);
      return next;
    };
    switch (arg) {
      case '--sizes':
        options.sizes = value()
          .split(',')
          .map((size) => Number(size));
        break;
      case '--runs':
        options.runs = Number(value());
        break;
      case '--project':
        options.projects.push(path.resolve(value()));
        break;
      case '--configs':
        options.configs = value().split(',').filter((name) => name !== '');
        break;
      case '--baseline':
        options.baseline = path.resolve(value());
        break;
      case '--flavours':
        options.flavours = value()
          .split(',')
          .filter((flavour) => flavour !== '')
          .map((flavour) => {
            if (flavour !== 'plain' && flavour !== 'typed') throw new Error(`unknown flavour ${flavour}\n\n${USAGE}`);
            return flavour;
          });
        break;
      case '--write':
        options.write = true;
        break;
      case '--keep':
        options.keep = true;
        break;
      default:
        throw new Error(`unknown option ${arg ?? ''}\n\n${USAGE}`);
    }
  }
  if (options.sizes.some((size) => !Number.isInteger(size) || size < 50) || !Number.isInteger(options.runs) || options.runs < 1) throw new Error(USAGE);
  return options;
}

// ---------------------------------------------------------------------------------------------
// The generated service: features of eight files each (model, repository, service, routes, mapper,
// policy, errors or state, barrel), shared library modules, and an app that mounts every router.
// One feature in ten writes a Map of its own state module from its routes, one in twelve keeps
// state in the fields of its exported service instance: the cross-file shapes the audit follows.

const ENTITIES = ['order', 'invoice', 'customer', 'product', 'payment', 'cart', 'shipment', 'review', 'coupon', 'ticket', 'booking', 'account'];

interface Feature {
  name: string;
  type: string;
  plural: string;
  statefulRoutes: boolean;
  statefulService: boolean;
}

function feature(index: number): Feature {
  const base = ENTITIES[index % ENTITIES.length] ?? 'item';
  const name = `${base}${Math.floor(index / ENTITIES.length)}`;
  return { name, type: name.charAt(0).toUpperCase() + name.slice(1), plural: `${name}s`, statefulRoutes: index % 10 === 3, statefulService: index % 12 === 7 };
}

/** In the plain service, the little of Node.js it uses; the typed one has \`@types/node\`. */
const PROCESS = `declare const process: { env: Record<string, string | undefined>; uptime(): number };
`;

/**
 * The validation library's types as a typed service sees them: schemas whose output types are
 * inferred (the shape of zod's own declarations, much reduced), so that every model file makes the
 * type checker infer object types, as real services do.
 */
const ZOD = `declare module 'zod' {
  export interface ZodType<Output = unknown, Input = Output> {
    readonly _output: Output;
    readonly _input: Input;
    parse(data: unknown): Output;
    safeParse(data: unknown): { success: true; data: Output } | { success: false; error: ZodError };
    optional(): ZodOptional<this>;
    nullable(): ZodType<Output | null, Input | null>;
    array(): ZodArray<this>;
    refine(check: (value: Output) => boolean, message?: string): this;
    transform<T>(map: (value: Output) => T): ZodType<T, Input>;
  }
  export type ZodTypeAny = ZodType<any, any>;
  export type ZodRawShape = { [key: string]: ZodTypeAny };
  export interface ZodString extends ZodType<string> {
    min(length: number): ZodString;
    max(length: number): ZodString;
    email(): ZodString;
    uuid(): ZodString;
    trim(): ZodString;
  }
  export interface ZodNumber extends ZodType<number> {
    int(): ZodNumber;
    min(value: number): ZodNumber;
    max(value: number): ZodNumber;
    positive(): ZodNumber;
  }
  export interface ZodOptional<T extends ZodTypeAny> extends ZodType<T['_output'] | undefined, T['_input'] | undefined> {
    unwrap(): T;
  }
  export interface ZodArray<T extends ZodTypeAny> extends ZodType<T['_output'][], T['_input'][]> {
    min(length: number): ZodArray<T>;
    max(length: number): ZodArray<T>;
  }
  export interface ZodEnum<T extends readonly [string, ...string[]]> extends ZodType<T[number]> {
    readonly options: T;
  }
  type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
  type AddQuestionMarks<T> = { [K in RequiredKeys<T>]: T[K] } & { [K in Exclude<keyof T, RequiredKeys<T>>]?: T[K] };
  type Flatten<T> = { [K in keyof T]: T[K] };
  export type ObjectOutput<S extends ZodRawShape> = Flatten<AddQuestionMarks<{ [K in keyof S]: S[K]['_output'] }>>;
  export interface ZodObject<S extends ZodRawShape> extends ZodType<ObjectOutput<S>> {
    readonly shape: S;
    extend<E extends ZodRawShape>(extra: E): ZodObject<Flatten<Omit<S, keyof E> & E>>;
    partial(): ZodObject<{ [K in keyof S]: ZodOptional<S[K]> }>;
    pick<M extends { [K in keyof S]?: true }>(mask: M): ZodObject<Pick<S, Extract<keyof S, keyof M>>>;
  }
  export interface ZodError {
    issues: { path: (string | number)[]; message: string }[];
  }
  export const z: {
    string(): ZodString;
    number(): ZodNumber;
    boolean(): ZodType<boolean>;
    enum<const T extends readonly [string, ...string[]]>(values: T): ZodEnum<T>;
    object<S extends ZodRawShape>(shape: S): ZodObject<S>;
    array<T extends ZodTypeAny>(item: T): ZodArray<T>;
    coerce: { number(): ZodNumber; date(): ZodType<Date> };
  };
  export namespace z {
    type infer<T extends ZodTypeAny> = T['_output'];
  }
}
`;

const VENDOR = `declare module 'express' {
  export interface Request {
    params: Record<string, string>;
    query: Record<string, string | undefined>;
    body: unknown;
    header(name: string): string | undefined;
  }
  export interface Response {
    status(code: number): Response;
    json(body: unknown): Response;
    end(): Response;
  }
  export type NextFunction = (error?: unknown) => void;
  export type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
  export interface Router {
    get(path: string, ...handlers: Handler[]): Router;
    post(path: string, ...handlers: Handler[]): Router;
    put(path: string, ...handlers: Handler[]): Router;
    delete(path: string, ...handlers: Handler[]): Router;
    use(...handlers: (Handler | Router | string)[]): Router;
  }
  export function Router(): Router;
  export interface App extends Router {
    listen(port: number, callback?: () => void): unknown;
  }
  interface Express {
    (): App;
    json(options?: { limit?: string }): Handler;
  }
  const express: Express;
  export default express;
}

declare module 'pg' {
  export interface QueryResult<T> {
    rows: T[];
    rowCount: number | null;
  }
  export class Pool {
    constructor(options?: { connectionString?: string; max?: number });
    query<T>(text: string, values?: unknown[]): Promise<QueryResult<T>>;
  }
}

declare module 'ioredis' {
  export class Redis {
    constructor(url?: string);
    get(key: string): Promise<string | null>;
    set(key: string, value: string, mode?: 'EX', ttl?: number): Promise<'OK'>;
    incr(key: string): Promise<number>;
    del(key: string): Promise<number>;
  }
}
`;

const LIBRARY: Record<string, string> = {
  'src/lib/db.ts': `import { Pool } from 'pg';

let pool: Pool | undefined;

export function db(): Pool {
  pool ??= new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL ?? 10) });
  return pool;
}
`,
  'src/lib/cache.ts': `import { Redis } from 'ioredis';

let redis: Redis | undefined;

export function cache(): Redis {
  if (!redis) redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
  return redis;
}

export async function cached<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await cache().get(key);
  if (hit !== null) return JSON.parse(hit) as T;
  const value = await load();
  await cache().set(key, JSON.stringify(value), 'EX', ttlSeconds);
  return value;
}
`,
  'src/lib/errors.ts': `export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'HttpError';
  }
}

export class NotFound extends HttpError {
  constructor(what: string, id: string) {
    super(404, \`\${what} \${id} not found\`);
  }
}

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  return new HttpError(500, error instanceof Error ? error.message : 'internal error');
}
`,
  'src/lib/paging.ts': `export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const DEFAULT_PAGE_SIZE = 25;

export function pageOf(query: Record<string, string | undefined>): { page: number; pageSize: number; offset: number } {
  const page = Math.max(1, Number(query.page ?? 1) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE));
  return { page, pageSize, offset: (page - 1) * pageSize };
}
`,
};

function typedModel(f: Feature): string {
  return `import { z } from 'zod';

export const ${f.type}StatusSchema = z.enum(['draft', 'active', 'archived']);
export type ${f.type}Status = z.infer<typeof ${f.type}StatusSchema>;

export const ${f.type}Schema = z.object({
  id: z.string().uuid(),
  ownerId: z.string().uuid(),
  title: z.string().trim().min(1).max(200),
  status: ${f.type}StatusSchema,
  amount: z.number().positive(),
  tags: z.array(z.string().max(30)).max(10).optional(),
  note: z.string().max(2000).nullable().optional(),
  createdAt: z.coerce.date(),
});
export type ${f.type} = z.infer<typeof ${f.type}Schema>;

export const ${f.type}InputSchema = ${f.type}Schema.pick({ title: true, amount: true, tags: true, note: true }).extend({ status: ${f.type}StatusSchema.optional() });
export type ${f.type}Input = z.infer<typeof ${f.type}InputSchema>;

export const ${f.type}PatchSchema = ${f.type}InputSchema.partial();
export type ${f.type}Patch = z.infer<typeof ${f.type}PatchSchema>;

export interface ${f.type}Row {
  id: string;
  owner_id: string;
  title: string;
  status: ${f.type}Status;
  amount_cents: number;
  created_at: string;
}

export function validate${f.type}(input: unknown): ${f.type}Input {
  const parsed = ${f.type}InputSchema.safeParse(input);
  if (!parsed.success) throw new TypeError(parsed.error.issues.map((issue) => \`\${issue.path.join('.')}: \${issue.message}\`).join('; '));
  return parsed.data;
}
`;
}

function model(f: Feature): string {
  return `export type ${f.type}Status = 'draft' | 'active' | 'archived';

export interface ${f.type}Row {
  id: string;
  owner_id: string;
  title: string;
  status: ${f.type}Status;
  amount_cents: number;
  created_at: string;
}

export interface ${f.type} {
  id: string;
  ownerId: string;
  title: string;
  status: ${f.type}Status;
  amount: number;
  createdAt: Date;
}

export type ${f.type}Input = Pick<${f.type}, 'title' | 'amount'> & Partial<Pick<${f.type}, 'status'>>;

export const ${f.type.toUpperCase()}_STATUSES: readonly ${f.type}Status[] = ['draft', 'active', 'archived'];

export function validate${f.type}(input: unknown): ${f.type}Input {
  if (typeof input !== 'object' || input === null) throw new TypeError('expected an object');
  const record = input as Record<string, unknown>;
  if (typeof record.title !== 'string' || record.title.length === 0 || record.title.length > 200) throw new TypeError('title must be 1-200 characters');
  if (typeof record.amount !== 'number' || !Number.isFinite(record.amount) || record.amount < 0) throw new TypeError('amount must be a positive number');
  const status = record.status;
  if (status !== undefined && !${f.type.toUpperCase()}_STATUSES.includes(status as ${f.type}Status)) throw new TypeError('unknown status');
  return { title: record.title, amount: record.amount, ...(status === undefined ? {} : { status: status as ${f.type}Status }) };
}
`;
}

function mapper(f: Feature): string {
  return `import type { ${f.type}, ${f.type}Row } from './${f.name}.model.js';

export function from${f.type}Row(row: ${f.type}Row): ${f.type} {
  return { id: row.id, ownerId: row.owner_id, title: row.title, status: row.status, amount: row.amount_cents / 100, createdAt: new Date(row.created_at) };
}

export function to${f.type}Json(value: ${f.type}): Record<string, unknown> {
  return { id: value.id, title: value.title, status: value.status, amount: value.amount.toFixed(2), createdAt: value.createdAt.toISOString() };
}

export function summarise${f.type}s(values: readonly ${f.type}[]): { count: number; total: number } {
  return values.reduce((sum, value) => ({ count: sum.count + 1, total: sum.total + value.amount }), { count: 0, total: 0 });
}
`;
}

function repository(f: Feature): string {
  return `import { db } from '../../lib/db.js';
import { from${f.type}Row } from './${f.name}.mapper.js';
import type { ${f.type}, ${f.type}Input, ${f.type}Row } from './${f.name}.model.js';

export class ${f.type}Repository {
  async find(id: string): Promise<${f.type} | undefined> {
    const { rows } = await db().query<${f.type}Row>('SELECT * FROM ${f.plural} WHERE id = $1', [id]);
    return rows[0] ? from${f.type}Row(rows[0]) : undefined;
  }

  async list(ownerId: string, limit: number, offset: number): Promise<${f.type}[]> {
    const { rows } = await db().query<${f.type}Row>('SELECT * FROM ${f.plural} WHERE owner_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3', [ownerId, limit, offset]);
    return rows.map(from${f.type}Row);
  }

  async insert(ownerId: string, input: ${f.type}Input): Promise<${f.type}> {
    const { rows } = await db().query<${f.type}Row>(
      'INSERT INTO ${f.plural} (owner_id, title, status, amount_cents) VALUES ($1, $2, $3, $4) RETURNING *',
      [ownerId, input.title, input.status ?? 'draft', Math.round(input.amount * 100)],
    );
    const row = rows[0];
    if (!row) throw new Error('insert returned no row');
    return from${f.type}Row(row);
  }

  async remove(id: string): Promise<boolean> {
    const { rowCount } = await db().query<never>('DELETE FROM ${f.plural} WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }
}

export const ${f.name}Repository = new ${f.type}Repository();
`;
}

function service(f: Feature): string {
  const fields = f.statefulService ? `  private readonly recent: string[] = [];\n  private created = 0;\n\n` : '';
  const track = f.statefulService ? `    this.recent.push(created.id);\n    this.created += 1;\n` : '';
  const stats = f.statefulService ? `\n  stats(): { created: number; recent: readonly string[] } {\n    return { created: this.created, recent: this.recent };\n  }\n` : '';
  return `import { cached } from '../../lib/cache.js';
import { NotFound } from '../../lib/errors.js';
import type { Page } from '../../lib/paging.js';
import type { ${f.type}, ${f.type}Input } from './${f.name}.model.js';
import { ${f.name}Repository, type ${f.type}Repository } from './${f.name}.repository.js';

export class ${f.type}Service {
${fields}  constructor(private readonly repo: ${f.type}Repository) {}

  async get(id: string): Promise<${f.type}> {
    const found = await cached(\`${f.name}:\${id}\`, 60, () => this.repo.find(id));
    if (!found) throw new NotFound('${f.name}', id);
    return found;
  }

  async page(ownerId: string, page: number, pageSize: number): Promise<Page<${f.type}>> {
    const items = await this.repo.list(ownerId, pageSize, (page - 1) * pageSize);
    return { items, page, pageSize, total: items.length };
  }

  async create(ownerId: string, input: ${f.type}Input): Promise<${f.type}> {
    const created = await this.repo.insert(ownerId, input);
${track}    return created;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repo.remove(id))) throw new NotFound('${f.name}', id);
  }
${stats}}

export const ${f.name}Service = new ${f.type}Service(${f.name}Repository);
`;
}

function policy(f: Feature): string {
  return `import { HttpError } from '../../lib/errors.js';
import type { ${f.type} } from './${f.name}.model.js';

export type Actor = { id: string; roles: readonly string[] };

export function actorOf(header: string | undefined): Actor {
  if (!header) throw new HttpError(401, 'missing x-user header');
  const [id = '', roles = ''] = header.split(';');
  return { id, roles: roles.split(',').filter((role) => role !== '') };
}

export function canRead${f.type}(actor: Actor, value: ${f.type}): boolean {
  return value.ownerId === actor.id || actor.roles.includes('admin');
}

export function assertCanWrite${f.type}(actor: Actor, value: ${f.type}): void {
  if (value.ownerId !== actor.id && !actor.roles.includes('admin')) throw new HttpError(403, 'not yours');
}
`;
}

function extra(f: Feature): string {
  if (f.statefulRoutes) return `export const ${f.name}Views = new Map<string, number>();\n\nexport const ${f.name.toUpperCase()}_VIEW_TTL_MS = 60_000;\n`;
  return `import { HttpError } from '../../lib/errors.js';

export class ${f.type}Conflict extends HttpError {
  constructor(id: string) {
    super(409, \`${f.name} \${id} changed meanwhile\`);
  }
}
`;
}

function routes(f: Feature): string {
  const stateImport = f.statefulRoutes ? `import { ${f.name}Views } from './${f.name}.state.js';\n` : '';
  const track = f.statefulRoutes ? `    ${f.name}Views.set(req.params.id ?? '', Date.now());\n` : '';
  const statsRoute = f.statefulService ? `\n${f.name}Router.get('/${f.plural}-stats', (_req, res) => {\n  res.json(${f.name}Service.stats());\n});\n` : '';
  return `import { Router, type NextFunction, type Request, type Response } from 'express';
import { pageOf } from '../../lib/paging.js';
import { toHttpError } from '../../lib/errors.js';
import { to${f.type}Json } from './${f.name}.mapper.js';
import { validate${f.type} } from './${f.name}.model.js';
import { actorOf, assertCanWrite${f.type}, canRead${f.type} } from './${f.name}.policy.js';
import { ${f.name}Service } from './${f.name}.service.js';
${stateImport}
export const ${f.name}Router = Router();

function fail(res: Response, error: unknown): void {
  const http = toHttpError(error);
  res.status(http.status).json({ error: http.message });
}

${f.name}Router.get('/${f.plural}', async (req: Request, res: Response) => {
  try {
    const actor = actorOf(req.header('x-user'));
    const { page, pageSize } = pageOf(req.query);
    const result = await ${f.name}Service.page(actor.id, page, pageSize);
    res.json({ ...result, items: result.items.map(to${f.type}Json) });
  } catch (error) {
    fail(res, error);
  }
});

${f.name}Router.get('/${f.plural}/:id', async (req: Request, res: Response) => {
  try {
    const value = await ${f.name}Service.get(req.params.id ?? '');
    if (!canRead${f.type}(actorOf(req.header('x-user')), value)) return res.status(404).json({ error: 'not found' });
${track}    res.json(to${f.type}Json(value));
  } catch (error) {
    fail(res, error);
  }
});

${f.name}Router.post('/${f.plural}', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const actor = actorOf(req.header('x-user'));
    const created = await ${f.name}Service.create(actor.id, validate${f.type}(req.body));
    res.status(201).json(to${f.type}Json(created));
  } catch (error) {
    if (error instanceof TypeError) return res.status(400).json({ error: error.message });
    next(error);
  }
});

${f.name}Router.delete('/${f.plural}/:id', async (req: Request, res: Response) => {
  try {
    const actor = actorOf(req.header('x-user'));
    const value = await ${f.name}Service.get(req.params.id ?? '');
    assertCanWrite${f.type}(actor, value);
    await ${f.name}Service.remove(value.id);
    res.status(204).end();
  } catch (error) {
    fail(res, error);
  }
});
${statsRoute}`;
}

function barrel(f: Feature): string {
  return `export * from './${f.name}.model.js';
export { ${f.name}Router } from './${f.name}.routes.js';
export { ${f.name}Service } from './${f.name}.service.js';
`;
}

export type Flavour = 'plain' | 'typed';

/**
 * Writes a service of exactly `size` source files (plus declaration files and configs); returns the
 * state it holds. `typed` is the same service with inferred validation schemas in its models and
 * `@types/node`, the type load of a real TypeScript service; `plain` has hand-written types only.
 */
export function writeService(dir: string, size: number, flavour: Flavour = 'plain'): { features: number; expectedState: number } {
  const files = new Map<string, string>(Object.entries(LIBRARY));
  const features: Feature[] = [];
  // Eight files a feature, four library modules, one app.
  while (files.size + 8 + 1 <= size) {
    const f = feature(features.length);
    features.push(f);
    const base = `src/features/${f.name}`;
    files.set(`${base}/${f.name}.model.ts`, flavour === 'typed' ? typedModel(f) : model(f));
    files.set(`${base}/${f.name}.mapper.ts`, mapper(f));
    files.set(`${base}/${f.name}.repository.ts`, repository(f));
    files.set(`${base}/${f.name}.service.ts`, service(f));
    files.set(`${base}/${f.name}.policy.ts`, policy(f));
    files.set(`${base}/${f.name}.${f.statefulRoutes ? 'state' : 'errors'}.ts`, extra(f));
    files.set(`${base}/${f.name}.routes.ts`, routes(f));
    files.set(`${base}/index.ts`, barrel(f));
  }
  for (let index = 0; files.size + 1 < size; index++) {
    files.set(`src/lib/format${index}.ts`, `export function format${index}(value: number, digits = 2): string {\n  return value.toFixed(digits).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');\n}\n`);
  }
  const imports = features.map((f) => `import { ${f.name}Router } from './features/${f.name}/index.js';`).join('\n');
  const mounts = features.map((f) => `app.use('/api', ${f.name}Router);`).join('\n');
  files.set(
    'src/app.ts',
    `import express from 'express';\n${imports}\n\nconst app = express();\napp.use(express.json({ limit: '1mb' }));\n${mounts}\n\napp.get('/healthz', (_req, res) => {\n  res.json({ ok: true, uptime: process.uptime() });\n});\n\napp.listen(Number(process.env.PORT ?? 3000));\n`,
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'generated-service', private: true, type: 'module' }, null, 2)}\n`);
  const tsconfig = {
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: flavour === 'typed' ? ['node'] : [], strict: true, noEmit: true, skipLibCheck: true },
    include: ['src'],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  mkdirSync(path.join(dir, 'src', 'types'), { recursive: true });
  writeFileSync(path.join(dir, 'src', 'types', 'vendor.d.ts'), flavour === 'typed' ? `${VENDOR}\n${ZOD}` : `${PROCESS}\n${VENDOR}`);
  if (flavour === 'typed') {
    // The service's dependencies: this repository's `@types/node`, linked as an install would place it.
    mkdirSync(path.join(dir, 'node_modules', '@types'), { recursive: true });
    symlinkSync(path.dirname(require.resolve('@types/node/package.json')), path.join(dir, 'node_modules', '@types', 'node'), 'dir');
  }
  for (const [file, text] of files) {
    const target = path.join(dir, ...file.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  const expectedState = features.filter((f) => f.statefulRoutes).length + features.filter((f) => f.statefulService).length;
  return { features: features.length, expectedState };
}

// ---------------------------------------------------------------------------------------------

interface Sample {
  wallMs: number;
  cpuMs: number;
  /** Peak resident memory, MB. */
  rssMb: number;
  status: number | null;
  stdout: string;
}

function run(args: readonly string[], cwd: string): Sample {
  const cpuFile = path.join(os.tmpdir(), `stateless-audit-bench-cpu-${process.pid}`);
  const started = performance.now();
  const child = spawnSync(process.execPath, [`--import=${CPU_PRELOAD}`, ...args], { cwd, encoding: 'utf8', env: { ...process.env, AUDIT_BENCH_CPU: cpuFile }, maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  let cpuMs = Number.NaN;
  let rssMb = Number.NaN;
  try {
    const [cpu, rss] = readFileSync(cpuFile, 'utf8').split(' ');
    cpuMs = Number(cpu);
    rssMb = Number(rss) / 1024;
    rmSync(cpuFile);
  } catch {
    // The child died before it could write its figures; the wall time still counts.
  }
  return { wallMs, cpuMs, rssMb, status: child.status, stdout: child.stdout };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Medians of one command's runs. */
export interface Timing {
  wall: number;
  cpu: number;
  rss: number;
}

function timing(samples: readonly Sample[]): Timing {
  return { wall: median(samples.map((sample) => sample.wallMs)), cpu: median(samples.map((sample) => sample.cpuMs)), rss: median(samples.map((sample) => sample.rssMb)) };
}

export interface SizeResult {
  /** `plain` or `typed` for a generated service, the folder's name and config for a project. */
  label: string;
  files: number;
  tsc: Timing;
  audit: Timing;
  /** `eslint` with the same rules on the same files (generated services only): the part of the audit that is the per-file lint. */
  eslint: Timing | undefined;
  /** The `--baseline` build of the audit on the same project. */
  baseline: Timing | undefined;
  state: number;
  expectedState: number | undefined;
  handlers: number;
}

/** Runs the commands in turns (after a warm-up run of each, which fills the file cache) and keeps the medians. */
function alternate(commands: readonly (readonly string[] | undefined)[], cwd: string, runs: number): { samples: Sample[][]; first: Sample[] } {
  const first = commands.map((args) => (args ? run(args, cwd) : undefined)).filter((sample): sample is Sample => sample !== undefined);
  const samples: Sample[][] = commands.map(() => []);
  for (let index = 0; index < runs; index++) {
    commands.forEach((args, position) => {
      if (args) samples[position]?.push(run(args, cwd));
    });
  }
  return { samples, first };
}

interface AuditJson {
  files: { checked: number } | number;
  state: unknown[];
  entryPoints: number;
}

function checkedFiles(report: AuditJson): number {
  return typeof report.files === 'number' ? report.files : report.files.checked;
}

function measure(flavour: Flavour, size: number, options: Options): SizeResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), `stateless-audit-bench-${flavour}-${size}-`));
  try {
    const { expectedState } = writeService(dir, size, flavour);
    const tscArgs = [TSC, '-p', path.join(dir, 'tsconfig.json'), '--noEmit'];
    const auditArgs = [CLI, dir, '--format', 'json'];
    // The CLI with the plugin's `all` config, as a project would run it; the audit ignores this file.
    writeFileSync(path.join(dir, 'eslint.config.js'), `import stateless from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'src', 'bundle.js')).href)};\nexport default [stateless.configs.all];\n`);
    const eslintArgs = [ESLINT, '--format', 'json', 'src'];
    const check = run(tscArgs, dir);
    if (check.status !== 0) throw new Error(`tsc --noEmit failed on the generated service:\n${check.stdout.slice(0, 2000)}`);
    const baselineArgs = options.baseline === undefined ? undefined : [options.baseline, dir, '--format', 'json'];
    const { samples, first } = alternate([tscArgs, auditArgs, eslintArgs, baselineArgs], dir, options.runs);
    const report = JSON.parse(first[1]?.stdout ?? '{}') as AuditJson;
    if (options.keep) process.stderr.write(`kept ${dir}\n`);
    return {
      label: flavour,
      files: checkedFiles(report),
      tsc: timing(samples[0] ?? []),
      audit: timing(samples[1] ?? []),
      eslint: timing(samples[2] ?? []),
      baseline: baselineArgs ? timing(samples[3] ?? []) : undefined,
      state: report.state.length,
      expectedState,
      handlers: report.entryPoints,
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An existing project (a real backend): `tsc -p` on its tsconfig against the audit with `config`.
 * Its dependencies need not be installed; `tsc` then reports their imports and checks the rest.
 */
function measureProject(dir: string, config: string, options: Options): SizeResult {
  const tscArgs = [TSC, '-p', path.join(dir, 'tsconfig.json'), '--noEmit'];
  const auditArgs = [CLI, dir, '--format', 'json', '--config', config];
  const baselineArgs = options.baseline === undefined || config.endsWith('type-checked') ? undefined : [options.baseline, dir, '--format', 'json', '--config', config];
  const { samples, first } = alternate([tscArgs, auditArgs, baselineArgs], dir, options.runs);
  const output = first[1]?.stdout ?? '';
  if (!output.startsWith('{')) throw new Error(`the audit failed on ${dir}: ${first[1]?.stdout ?? ''}`);
  const report = JSON.parse(output) as AuditJson;
  return {
    label: `${path.basename(dir)} (${config})`,
    files: checkedFiles(report),
    tsc: timing(samples[0] ?? []),
    audit: timing(samples[1] ?? []),
    eslint: undefined,
    baseline: baselineArgs ? timing(samples[2] ?? []) : undefined,
    state: report.state.length,
    expectedState: undefined,
    handlers: report.entryPoints,
  };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/**
 * A least-squares line through (files, audit seconds): its intercept is the fixed cost (starting
 * Node.js, loading ESLint and TypeScript), its slope the cost a file, and the largest distance of a
 * measurement from the line says how straight it is.
 */
function growth(results: readonly SizeResult[]): string {
  if (results.length < 2) return '';
  const n = results.length;
  const xs = results.map((result) => result.files);
  const ys = results.map((result) => result.audit.wall);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  const slope = xs.reduce((sum, x, index) => sum + (x - meanX) * ((ys[index] ?? 0) - meanY), 0) / xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0);
  const intercept = meanY - slope * meanX;
  const deviation = Math.max(...xs.map((x, index) => Math.abs((ys[index] ?? 0) - (intercept + slope * x)) / (ys[index] ?? 1)));
  return `${seconds(intercept)} s + ${slope.toFixed(2)} ms a file, every size within ${(deviation * 100).toFixed(0)}% of that line`;
}

function ratio(value: number, base: number): string {
  return `${(value / base).toFixed(2)}×`;
}

export function section(results: readonly SizeResult[], options: Options, load: readonly number[]): string {
  const rows = results.map((result) => {
    const eslint = result.eslint ? `${seconds(result.eslint.wall)} (${ratio(result.eslint.wall, result.tsc.wall)})` : '—';
    const baseline = result.baseline ? `${seconds(result.baseline.wall)} (${ratio(result.baseline.wall, result.tsc.wall)})` : '—';
    const memory = `${result.tsc.rss.toFixed(0)} / ${result.audit.rss.toFixed(0)}${result.baseline ? ` / ${result.baseline.rss.toFixed(0)}` : ''}`;
    const state = result.expectedState === undefined ? String(result.state) : `${String(result.state)} of ${String(result.expectedState)}`;
    return `| ${result.label} | ${String(result.files)} | ${seconds(result.tsc.wall)} | ${seconds(result.audit.wall)} | **${ratio(result.audit.wall, result.tsc.wall)}** | ${ratio(result.audit.cpu, result.tsc.cpu)} | ${eslint} | ${baseline} | ${memory} | ${state} |`;
  });
  const growths = options.flavours
    .map((flavour) => {
      const text = growth(results.filter((result) => result.label === flavour));
      return text === '' ? '' : `- ${flavour}: ${text}.`;
    })
    .filter((text) => text !== '');
  const largest = [...options.flavours.map((flavour) => results.filter((result) => result.label === flavour).at(-1)), ...results.filter((result) => result.eslint === undefined)].filter((result): result is SizeResult => result !== undefined);
  const verdicts = largest.map((result) => {
    const wall = result.audit.wall / result.tsc.wall;
    const eslint = result.eslint ? ` \`eslint\` with the same rules takes ${ratio(result.eslint.wall, result.tsc.wall)} by itself; the audit's own work (its time less \`eslint\`'s) adds ${((result.audit.wall - result.eslint.wall) / result.tsc.wall).toFixed(2)}×.` : '';
    return `- ${result.label}, ${String(result.files)} files: the audit takes ${wall.toFixed(2)}× (${wall <= TARGET ? 'met' : 'not met'}).${eslint}`;
  });
  return `${HEADING}

\`npm run bench:audit\` generates a TypeScript service at each size and times \`stateless-audit <dir> --format json\`
against \`tsc --noEmit\` on the same project, with \`eslint\` (the plugin's \`all\` config: the rules the audit
runs) for reference; \`--project DIR\` adds an existing project (a real backend), audited with each of
\`--configs\`, and \`--baseline\` another build of the audit beside this one. Each command runs in a fresh
Node.js process, the commands take turns, ${String(options.runs)} timed run${options.runs === 1 ? '' : 's'} of each follow a warm-up run of each, and the
table shows medians.

The service: features of eight files (model, mapper, repository, service, policy, errors or state module,
routes, barrel), shared library modules, and an app that mounts every router; both flavours type-check
cleanly. In the *plain* one every type is written by hand; the *typed* one infers its models from
validation schemas (a reduced copy of zod's declarations) and loads \`@types/node\`, the type load of a real
TypeScript service. One feature in ten (routes writing a \`Map\` of another module) and one in twelve (an
exported service instance whose methods write its fields) hold state, which the audit must find: the last
column.

Measured on ${String(os.cpus().length)} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node.js ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average
${load.map((value) => value.toFixed(1)).join(' / ')} before the run (other work on the machine). Seconds; CPU is user + system time of every
thread of the process; memory is peak resident memory in MB (tsc / audit${options.baseline ? ' / baseline' : ''}).

| project | files | \`tsc --noEmit\` | audit | audit ÷ tsc | CPU ÷ tsc | \`eslint\` (÷ tsc) | baseline (÷ tsc) | memory MB | state found |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

The audit's time grows linearly (a straight line through the sizes):

${growths.join('\n')}

Against the target, at most ${TARGET.toFixed(1)}× \`tsc --noEmit\`:

${verdicts.join('\n')}

Where the time goes: the audit lints every file with the plugin's rules through ESLint, which is most of
its time (the \`eslint\` column: typescript-eslint's parse, its conversion to ESTree and the scope
analysis cost more than \`tsc\` spends on the same file), then builds a TypeScript program of the
project's own files that only resolves names (\`noLib\`, no declaration files, no type checking) and
follows each handler's calls. The audit's own share is the difference between its column and
\`eslint\`'s. With more than two free cores the lint runs in worker threads while the main thread builds
the program; on two cores one thread is faster, as V8's own threads already keep the second core busy.
`;
}

export function writeSection(text: string): void {
  let doc: string;
  try {
    doc = readFileSync(DOC, 'utf8');
  } catch {
    doc = '# Performance\n';
  }
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.trim() === HEADING);
  if (start < 0) {
    writeFileSync(DOC, `${doc.trimEnd()}\n\n${text}`);
    return;
  }
  let end = lines.findIndex((line, index) => index > start && /^## /u.test(line));
  if (end < 0) end = lines.length;
  const before = lines.slice(0, start).join('\n').trimEnd();
  const after = lines.slice(end).join('\n');
  writeFileSync(DOC, `${before}\n\n${text}${after === '' ? '' : `\n${after}`}`);
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const load = os.loadavg();
  const results: SizeResult[] = [];
  const report = (result: SizeResult): void => {
    results.push(result);
    process.stderr.write(
      `  tsc ${seconds(result.tsc.wall)} s, audit ${seconds(result.audit.wall)} s (${ratio(result.audit.wall, result.tsc.wall)}; CPU ${ratio(result.audit.cpu, result.tsc.cpu)}; ${result.audit.rss.toFixed(0)} MB against ${result.tsc.rss.toFixed(0)} MB), state ${String(result.state)}, ${String(result.handlers)} handlers\n`,
    );
  };
  for (const flavour of options.flavours) {
    for (const size of options.sizes) {
      process.stderr.write(`measuring the ${flavour} service at ${String(size)} files…\n`);
      report(measure(flavour, size, options));
    }
  }
  for (const project of options.projects) {
    for (const config of options.configs) {
      process.stderr.write(`measuring ${project} with ${config}…\n`);
      report(measureProject(project, config, options));
    }
  }
  const text = section(results, options, load);
  process.stdout.write(`${text}\n`);
  if (options.write) writeSection(text);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  try {
    main();
  } catch (error) {
    // Usage mistakes and failed runs alike: the message says what went wrong, a stack trace would not.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
