import { FINDING_ADVICE } from '../../knowledge/advice.js';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from '../file/scope-types.js';
import { calleeName, clipCode, encloses, enclosingFunction, isFunction, propertyName, rootIdentifier, stringValue, unwrap, walk, type FunctionNode } from '../file/ast.js';
import { FileFacts, type ForeignFileWrite } from '../facts.js';
import { importResolverFor, importsAny, type ImportResolver } from '../file/imports.js';
import { isDevelopmentOnly } from '../file/file-kind.js';
import { developmentArm, OptionReader } from '../file/option-values.js';
import type { Lifetime } from '../lifetime/lifetime.js';
import type { Entry, RouteIndex } from '../lifetime/routes.js';
import { moduleScopeOf } from '../state/writes.js';
import { nodesOfType } from '../file/node-index.js';
import type { StoreUse } from './stores.js';

/**
 * - `readLater`: a handler saves a file that another handler (or a static file server) reads back;
 * - `kept`: a handler saves a file and leaves it on this instance's disk after the response;
 * - `upload`: an upload middleware that stores files on local disk (multer `dest`, `diskStorage`);
 * - `database`: a database kept in a local file (SQLite, LowDB, NeDB, …);
 * - `store`: a class that keeps files by key on local disk: one method writes them, another reads
 *   or removes them (a storage driver's `upload`/`read`), whatever its callers.
 */
export type LocalFileKind = 'readLater' | 'kept' | 'upload' | 'database' | 'store';

export interface LocalFileFinding {
  readonly kind: LocalFileKind;
  /** For a call of another project file's function that keeps the file there: the callee as written, and its writes. */
  readonly across?: { readonly callee: string; readonly writes: readonly ForeignFileWrite[] };
  readonly node: TSESTree.Node;
  /** The call as written: `fs.writeFile`, `writeFile`, `file.mv`; for libraries, the store table's wording. */
  readonly found: string;
  readonly lifetime: Lifetime;
  readonly writer?: Entry;
  /** For `readLater`: who reads the file back, and where; for `store`, the method that does. */
  readonly reader?: { readonly name: string; readonly node: TSESTree.Node };
  /** For `store`: the class, as named, the method that writes, and whether the other one removes (else reads) what it wrote. */
  readonly store?: { readonly name: string; readonly writer: string; readonly removes: boolean };
  readonly advice?: string;
  /** For a database another project file opens when it loads: the import that loads it, and where that file opens it. */
  readonly loaded?: { readonly source: string; readonly file: string; readonly path: string; readonly line: number };
  /** For a local database: the package that opens it (`better-sqlite3`, `@prisma/client`). */
  readonly package?: string;
  /** For libraries: whether the file serves requests (else reported only when told every file does). */
  readonly serverFile: boolean;
}

export const FS_MODULES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'fs-extra', 'fs-extra/esm', 'graceful-fs'];
/** Calls that store data in a file, with the argument that names the file kept. */
const WRITES: ReadonlyMap<string, number> = new Map([
  ['writeFile', 0],
  ['writeFileSync', 0],
  ['appendFile', 0],
  ['appendFileSync', 0],
  ['createWriteStream', 0],
  ['outputFile', 0],
  ['outputFileSync', 0],
  ['outputJson', 0],
  ['outputJSON', 0],
  ['outputJsonSync', 0],
  ['writeJson', 0],
  ['writeJSON', 0],
  ['writeJsonSync', 0],
  ['rename', 1],
  ['renameSync', 1],
  ['copyFile', 1],
  ['copyFileSync', 1],
  ['cp', 1],
  ['cpSync', 1],
  ['copy', 1],
  ['copySync', 1],
  ['move', 1],
  ['moveSync', 1],
]);
/** Calls that remove a file (the first argument); a rename moves its source away too. */
const REMOVALS = new Set(['unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync', 'rename', 'renameSync', 'move', 'moveSync']);
export const FS_READS: ReadonlySet<string> = new Set(['readFile', 'readFileSync', 'createReadStream', 'readdir', 'readdirSync', 'stat', 'statSync', 'access', 'accessSync', 'existsSync', 'exists', 'readJson', 'readJSON', 'readJsonSync', 'pathExists', 'open', 'openSync']);

/** The file-system function a callee names (`fs.promises.writeFile`, a destructured `readFile`): its name, or undefined. */
export function fsOperation(resolver: ImportResolver, callee: TSESTree.Node): string | undefined {
  const value = resolver.resolve(callee);
  if (!value || !FS_MODULES.includes(value.specifier)) return undefined;
  const op = value.paths[0]?.at(-1);
  return op === '()' ? undefined : op;
}
/** Responses that send a file from disk, and static file servers. */
const SEND_FILE = new Set(['sendFile', 'download', 'sendfile']);
const STATIC_SERVERS = new Set(['static', 'serveStatic', 'koaStatic', 'serve']);
const MEMORY_DATABASE = new Set([':memory:', '']);

/** What a database judge reads of a call: the export called, its options, and whether a location names a file. */
interface DatabaseCall {
  /** The export called (`default`, `Database`, `createClient`). */
  readonly name: string | undefined;
  readonly node: CallLike;
  /** Whether the first argument is an object of options (written there or in a `const`). */
  readonly hasOptions: boolean;
  /** A property of the first argument's object, or one nested in it (`option('connection', 'filename')`); objects are followed through a `const`. */
  option(...path: string[]): TSESTree.Node | undefined;
  /** A location that is not in memory: a literal other than `:memory:`, or anything not literal. */
  file(node: TSESTree.Node | undefined): boolean;
}

const startsWithFile = (node: TSESTree.Node | undefined): boolean => (node ? stringValue(node) : undefined)?.startsWith('file:') === true;

/** Packages that open a database in a local file, with the calls that do. A file importing none of them opens none. */
const LOCAL_DATABASES: ReadonlyMap<string, (call: DatabaseCall) => boolean> = new Map<string, (call: DatabaseCall) => boolean>([
  ['better-sqlite3', (call) => call.name === 'default' && call.file(call.node.arguments[0])],
  ['bun:sqlite', (call) => call.name === 'Database' && call.file(call.node.arguments[0])],
  ['node:sqlite', (call) => (call.name === 'Database' || call.name === 'DatabaseSync') && call.file(call.node.arguments[0])],
  ['sqlite3', (call) => call.name === 'Database' && call.file(call.node.arguments[0])],
  ['sqlite', (call) => call.name === 'open' && call.hasOptions && call.file(call.option('filename'))],
  ['@libsql/client', (call) => call.name === 'createClient' && startsWithFile(call.option('url'))],
  ['knex', (call) => /^(?:sqlite3?|better-sqlite3)$/u.test(stringValue(call.option('client')) ?? '') && call.file(call.option('connection', 'filename'))],
  ['sequelize', sequelizeOnFile],
  ['sequelize-typescript', sequelizeOnFile],
  ['typeorm', (call) => (call.name === 'DataSource' || call.name === 'createConnection') && typeormOnFile(call)],
  ['@nestjs/typeorm', (call) => call.name === 'forRoot' && typeormOnFile(call)],
  // Prisma's SQLite driver adapter (Prisma 7), and a client pointed at a `file:` URL (Prisma 5 and 6).
  ['@prisma/adapter-better-sqlite3', (call) => call.name === 'PrismaBetterSqlite3' && call.file(call.option('url'))],
  // LanceDB, embedded: a folder on this disk unless the URI names object storage or LanceDB Cloud.
  ['@lancedb/lancedb', lanceOnDisk],
  ['vectordb', lanceOnDisk],
  ['@prisma/client', (call) => call.name === 'PrismaClient' && (startsWithFile(call.option('datasourceUrl')) || startsWithFile(call.option('datasources', 'db', 'url')))],
]);
/** The packages of `LOCAL_DATABASES`, for the cheap import test and for checks of the table. */
export const DATABASE_PACKAGES: readonly string[] = [...LOCAL_DATABASES.keys()];

const LANCE_PACKAGES: ReadonlySet<string> = new Set(['@lancedb/lancedb', 'vectordb']);

/** `lancedb.connect('./data/lancedb')`, `connect({ uri })`: a local folder, unless the URI is `db://` (LanceDB Cloud) or object storage (`s3://`, `gs://`, `az://`). */
function lanceOnDisk(call: DatabaseCall): boolean {
  if (call.name !== 'connect') return false;
  const uri = call.hasOptions ? call.option('uri') : call.node.arguments[0];
  const text = uri ? stringValue(uri) : undefined;
  return uri !== undefined && !/^(?:db|s3|s3\+ddb|gs|az|abfss?):\/\//u.test(text ?? '') && call.file(uri);
}

function sequelizeOnFile(call: DatabaseCall): boolean {
  if (call.name !== 'Sequelize') return false;
  return stringValue(call.node.arguments[0])?.startsWith('sqlite:') === true || (stringValue(call.option('dialect')) === 'sqlite' && call.file(call.option('storage')));
}

function typeormOnFile(call: DatabaseCall): boolean {
  return /^(?:sqlite|better-sqlite3)$/u.test(stringValue(call.option('type')) ?? '') && call.file(call.option('database'));
}
const CLEANUP_NAME = /^(?:rm|rmrf|remove|unlink|delete|del|rimraf|clean|cleanup|purge)(?:[A-Z_]\w*)?$/u;

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** Files written to this instance's disk, and libraries that keep data in local files (`stores`: the file's store-table uses). */
export function analyseLocalFiles(facts: FileFacts, stores: readonly StoreUse[]): LocalFileFinding[] {
  const serverFile = facts.servesRequests;
  const findings: LocalFileFinding[] = [];
  for (const use of stores) {
    if (use.medium !== 'disk' || (use.kind !== 'upload' && use.kind !== 'local-db')) continue;
    findings.push({
      kind: use.kind === 'upload' ? 'upload' : 'database',
      node: use.node,
      found: use.found,
      lifetime: 'startup',
      advice: use.entry.advice,
      serverFile: serverFile || !use.serverFilesOnly,
    });
  }
  const analysis = new LocalFileAnalysis(facts.sourceCode, facts, serverFile);
  findings.push(...analysis.run());
  // `uploadFile(buffer)` in a handler, with the write in another file: kept unless the handler removes what it made.
  for (const call of facts.foreignFileCalls) {
    if (isDevelopmentOnly(call.node) || analysis.removesAfter(call.node)) continue;
    const [writer] = facts.routes.entriesOf(call.node);
    const [first] = call.writes;
    if (!first) continue;
    findings.push({ kind: 'kept', across: { callee: call.callee, writes: call.writes }, node: call.node, found: first.found, lifetime: call.lifetime, ...(writer ? { writer } : {}), serverFile: serverFile || call.lifetime === 'request' });
  }
  // `import dataSource from './datasource'` in the server that starts on it: the database opened there.
  for (const open of facts.foreignDatabases) {
    if (isDevelopmentOnly(open.node)) continue;
    for (const database of open.databases) {
      findings.push({
        kind: 'database',
        node: open.node,
        found: database.found,
        lifetime: 'startup',
        ...(database.advice === undefined ? {} : { advice: database.advice }),
        ...(database.package === undefined ? {} : { package: database.package }),
        loaded: { source: open.source, file: database.file, path: database.path, line: database.line },
        serverFile: true,
      });
    }
  }
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * The files a module leaves on disk in code whose callers it cannot see (an exported `uploadFile()`),
 * judged as its own lint judges them: what the same function removes again is not kept. Handlers in
 * other files that call it at request time are reported there.
 */
export function keptFileWrites(facts: FileFacts): readonly LocalFileFinding[] {
  if (!mayWriteFiles(facts.sourceCode.text)) return [];
  return new LocalFileAnalysis(facts.sourceCode, facts, facts.servesRequests).run().filter((finding) => (finding.kind === 'kept' || finding.kind === 'readLater') && finding.lifetime === 'unknown');
}

/**
 * The embedded databases a module opens on a local file (`new Database('app.db')`, a TypeORM
 * `DataSource` on SQLite) while it loads: at its top, or in a function that runs then. A server
 * file that loads such a module and starts on it is told (`FileFacts.foreignDatabases`).
 */
export function databasesOnLoad(facts: FileFacts): readonly LocalFileFinding[] {
  if (!importsAny(facts.sourceCode, DATABASE_PACKAGES)) return [];
  return new LocalFileAnalysis(facts.sourceCode, facts, facts.servesRequests).databases().filter((finding) => {
    const fn = enclosingFunction(finding.node);
    return !fn || facts.lifetimes.ofFunction(fn) === 'startup';
  });
}

interface FsCall {
  readonly call: CallLike;
  readonly op: string;
  readonly found: string;
  /** Where the file goes when an option says so (`page.screenshot({ path })`), rather than an argument. */
  readonly path?: TSESTree.Node;
}

/** Browser automation packages whose pages write what they render to a file named by a `path` option. */
const BROWSER_PACKAGES = ['playwright', 'playwright-core', 'playwright-chromium', 'playwright-firefox', 'playwright-webkit', 'puppeteer', 'puppeteer-core'];
/** `page.screenshot({ path })`, `page.pdf({ path })`, `locator.screenshot({ path })`. */
const RENDERS = new Set(['screenshot', 'pdf']);

/** A string literal holding one of `specifiers` exactly. */
function specifierText(specifiers: readonly string[]): RegExp {
  return new RegExp(`(['"\`])(?:${specifiers.map((specifier) => specifier.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')).join('|')})\\1`, 'u');
}

const FS_WRITE_CALL = new RegExp(`\\b(?:${[...WRITES.keys()].join('|')})\\s*\\(`, 'u');
/** One of `FS_MODULES` as a string literal: `import … from 'node:fs'`, `require("fs-extra")`. */
const FS_SPECIFIER = specifierText(FS_MODULES);
const RUNTIME_WRITE = /\bBun\.write\b|\bDeno\.write|\.mv\s*\(/u;
const RENDER_CALL = /\.(?:screenshot|pdf)\s*\(/u;
/** One of `BROWSER_PACKAGES` as a string literal. */
const BROWSER_SPECIFIER = specifierText(BROWSER_PACKAGES);

/**
 * Whether the text of a file may write a file to disk as the analysis reads it (the project gate asks
 * too): a call of one of `WRITES` by its name (`fs.writeFile(`, a destructured `copyFile(`) in a file
 * that names a file-system module, `Bun.write`, `Deno.writeFile`, express-fileupload's `.mv(`, or a
 * browser page's `.screenshot(`/`.pdf(` in a file that names Playwright or Puppeteer. The analysis
 * only follows file-system calls of a file that imports such a module itself (`importsFs`), so a
 * `copy(` or `rename(` of some other library says nothing.
 */
export function mayWriteFiles(text: string): boolean {
  return (FS_WRITE_CALL.test(text) && FS_SPECIFIER.test(text)) || RUNTIME_WRITE.test(text) || (RENDER_CALL.test(text) && BROWSER_SPECIFIER.test(text));
}


class LocalFileAnalysis {
  private readonly resolver: ImportResolver;
  private readonly moduleScope: TSESLint.Scope.Scope | undefined;
  /** Whether the file names a file-system module at all; if not, no callee can resolve to one. */
  private readonly importsFs: boolean;
  private readonly options: OptionReader;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly facts: FileFacts,
    private readonly serverFile: boolean,
  ) {
    this.resolver = importResolverFor(sourceCode);
    this.moduleScope = moduleScopeOf(sourceCode.scopeManager);
    this.importsFs = importsAny(sourceCode, FS_MODULES);
    this.options = new OptionReader(sourceCode);
  }

  /** The handlers that run each node, worked out only for files that write files. */
  private get routes(): RouteIndex {
    return this.facts.routes;
  }

  databases(): LocalFileFinding[] {
    const findings: LocalFileFinding[] = [];
    for (const node of nodesOfType(this.sourceCode, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression)) {
      const database = this.database(node);
      if (database) findings.push(database);
    }
    return findings;
  }

  run(): LocalFileFinding[] {
    const writes: FsCall[] = [];
    const removals: FsCall[] = [];
    const reads: { call: CallLike; path: TSESTree.Node; name: string }[] = [];
    const findings: LocalFileFinding[] = [];
    // Resolving every callee's import is the costly part: only files that import a database package need it.
    const text = this.sourceCode.text;
    const mayOpenDatabase = importsAny(this.sourceCode, DATABASE_PACKAGES);
    const browser = importsAny(this.sourceCode, BROWSER_PACKAGES);
    // Without a file-system module, `Bun.write`, `Deno.writeFile`, express-fileupload's `mv` or a browser's page, nothing here writes a file.
    if (!mayOpenDatabase && !this.importsFs && !browser && !/\b(?:Bun|Deno|mv)\b/u.test(text)) return findings;
    for (const node of nodesOfType(this.sourceCode, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression)) {
      const database = mayOpenDatabase ? this.database(node) : undefined;
      if (database) findings.push(database);
      const fs = this.fsCall(node);
      if (fs) {
        if (WRITES.has(fs.op)) writes.push(fs);
        if (REMOVALS.has(fs.op)) removals.push(fs);
        const path = node.arguments[0];
        if (FS_READS.has(fs.op) && path && path.type !== AST_NODE_TYPES.SpreadElement) reads.push({ call: node, path, name: fs.found });
        continue;
      }
      const name = calleeName(node);
      const path = node.arguments[0];
      // `removeDir(tmpDir)`, `rimraf(dir)`, `del(files)`: a helper that removes what the request made.
      if (name !== undefined && CLEANUP_NAME.test(name) && path) removals.push({ call: node, op: name, found: name });
      // `const { path: dir, cleanup } = await tmp.dir(); … cleanup()`: the function removes the path it came with.
      const paired = node.arguments.length === 0 ? this.pairedPath(node) : undefined;
      if (paired) removals.push({ call: node, op: name ?? 'cleanup', found: name ?? 'cleanup', path: paired });
      if (name !== undefined && (SEND_FILE.has(name) || STATIC_SERVERS.has(name)) && path && path.type !== AST_NODE_TYPES.SpreadElement && !isFunction(unwrap(path)) && unwrap(path).type !== AST_NODE_TYPES.ObjectExpression) {
        reads.push({ call: node, path, name: this.calleeText(node) });
      }
      // express-fileupload: `req.files.avatar.mv(path)`
      if (name === 'mv' && node.type === AST_NODE_TYPES.CallExpression && path && this.facts.requestData.isDerived(node.callee)) writes.push({ call: node, op: 'mv', found: `\`${this.calleeText(node)}\`` });
      // Playwright, Puppeteer: `await page.screenshot({ path: file })` writes the image there.
      const rendered = browser && name !== undefined && RENDERS.has(name) && node.type === AST_NODE_TYPES.CallExpression ? this.objectLiteralOption(node.arguments[0], 'path') : undefined;
      if (rendered) writes.push({ call: node, op: name ?? 'screenshot', found: `\`${this.calleeText(node)}\``, path: rendered });
    }
    // File-system removals only: a helper named like one (`cleanFilename(name)`) says nothing of a store.
    const removed = removals.flatMap(({ call, op, found }) => (REMOVALS.has(op) && call.arguments[0] && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? [{ call, path: call.arguments[0], name: found, removes: true }] : []));
    const stores = this.diskStores(writes, [...reads.map((read) => ({ ...read, removes: false })), ...removed]);
    findings.push(...stores.findings);
    for (const write of writes) {
      // A store's writes are its finding; whoever calls it decides nothing more.
      if (stores.writes.has(write.call)) continue;
      const finding = this.judgeWrite(write, removals, reads);
      if (finding) findings.push(finding);
    }
    return findings;
  }

  /**
   * Classes that keep files by key on this instance's disk: a method writes a file whose path
   * depends on its arguments (or on an id it makes), under a location the class holds
   * (`this.root`, `this.pathOf(key)`, a module constant), and another method reads, streams or
   * removes files under the same location, or at a path its caller hands back. That is a storage driver (`LocalDriver.upload` and
   * `read`, `FilesystemBackend.saveFile` and `getFile`): what one request stores there, a request
   * served by another replica asks for. A class under the system's temporary folder is a cache of
   * this process and is left alone.
   */
  private diskStores(writes: readonly FsCall[], accesses: readonly { call: CallLike; path: TSESTree.Node; name: string; removes: boolean }[]): { findings: LocalFileFinding[]; writes: Set<CallLike> } {
    const result = { findings: [] as LocalFileFinding[], writes: new Set<CallLike>() };
    const reported = new Set<TSESTree.Node>();
    for (const write of writes) {
      const method = classMethodOf(write.call);
      if (!method || reported.has(method.owner) || !isProvider(method.owner) || CACHE.test(method.name)) continue;
      const path = write.path ?? write.call.arguments[WRITES.get(write.op) ?? 0];
      if (!path || path.type === AST_NODE_TYPES.SpreadElement || !this.keyedBy(path, method.fn)) continue;
      const places = this.placesOf(path, 0, true);
      if (places.size === 0 || this.underTemporaryFolder(path, method.fn, method.owner, places)) continue;
      const candidates = accesses.flatMap((access) => {
        const other = classMethodOf(access.call);
        return other?.owner === method.owner && other.fn !== method.fn && !CACHE.test(other.name) ? [{ access, other }] : [];
      });
      // Under the same location, else at a path the caller hands back (`removeFile(filePath)`: what `upload` returned).
      const sameLocation = candidates.filter(({ access }) => this.sharesPlace(places, access.path, true));
      const handedBack = candidates.filter(({ access, other }) => this.keyedBy(access.path, other.fn) && this.placesOf(access.path, 0, true).size === 0);
      for (const { access, other } of [...sameLocation, ...handedBack]) {
        reported.add(method.owner);
        const storeWrites = writes.filter((candidate) => classMethodOf(candidate.call)?.owner === method.owner);
        for (const candidate of storeWrites) result.writes.add(candidate.call);
        result.findings.push({
          kind: 'store',
          node: method.owner.id ?? write.call,
          found: write.found,
          lifetime: this.facts.lifetimes.ofNode(write.call),
          reader: { name: other.name, node: access.call },
          store: { name: method.owner.id?.name ?? 'This class', writer: method.name, removes: access.removes },
          serverFile: true,
        });
        break;
      }
    }
    return result;
  }

  /**
   * A path and the initialisers of the function's local constants it is built from (`const target =
   * this.pathOf(key)`, `const file = path.join(dir, name)`), a few steps deep.
   */
  private pathSources(path: TSESTree.Node, fn: FunctionNode): TSESTree.Node[] {
    const sources: TSESTree.Node[] = [];
    const seen = new Set<TSESTree.Node>();
    const collect = (node: TSESTree.Node, depth: number): void => {
      sources.push(node);
      walk(node, this.sourceCode.visitorKeys, (inner) => {
        if (isFunction(inner)) return false;
        if (inner.type === AST_NODE_TYPES.Identifier && depth < 4 && !isPropertyName(inner)) {
          const def = ASTUtils.findVariable(this.sourceCode.getScope(inner), inner)?.defs[0];
          if (def?.type === DefinitionType.Variable && def.node.init && !seen.has(def.node.init) && encloses(fn, def.node)) {
            seen.add(def.node.init);
            collect(def.node.init, depth + 1);
          }
        }
        return true;
      });
    };
    collect(path, 0);
    return sources;
  }

  /** Whether a path depends on the function's parameters or on an id made for it (`randomUUID()`), through its local constants. */
  private keyedBy(path: TSESTree.Node, fn: FunctionNode): boolean {
    const parameters = new Set(fn.params.flatMap((parameter) => [...referencedNames(parameter, this.sourceCode.visitorKeys)].map((name) => name.split('.')[0] ?? name)));
    return this.pathSources(path, fn).some((source) => {
      let found = false;
      walk(source, this.sourceCode.visitorKeys, (inner) => {
        if (found || isFunction(inner)) return false;
        if (inner.type === AST_NODE_TYPES.CallExpression && GENERATED_ID.test(calleeName(inner) ?? '')) found = true;
        else if (inner.type === AST_NODE_TYPES.Identifier && parameters.has(inner.name) && !isPropertyName(inner)) found = true;
        return !found;
      });
      return found;
    });
  }

  /**
   * Whether a path (through the local constants it is built from), or the class field it is built
   * on, names the system's temporary folder (`os.tmpdir()`) or a cache (`path.join(dataPath,
   * 'cache', hash)`): files this instance can make again.
   */
  private underTemporaryFolder(path: TSESTree.Node, fn: FunctionNode, owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression, places: ReadonlySet<string>): boolean {
    const texts = this.pathSources(path, fn).map((source) => this.sourceCode.getText(source));
    if (texts.some((text) => /\btmpdir\s*\(|\bTMPDIR\b/u.test(text) || CACHE.test(text))) return true;
    const members = new Set([...places].filter((place) => place.startsWith('member:')).map((place) => place.slice('member:'.length)));
    // `private root = path.join(os.tmpdir(), 'x')`, or `this.root = path.join(data, 'cache')` in the constructor.
    let temporary = false;
    walk(owner.body, this.sourceCode.visitorKeys, (node) => {
      if (temporary) return false;
      const target = node.type === AST_NODE_TYPES.PropertyDefinition ? node : node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type === AST_NODE_TYPES.ThisExpression ? node.left : undefined;
      const value = node.type === AST_NODE_TYPES.PropertyDefinition ? node.value : node.type === AST_NODE_TYPES.AssignmentExpression ? node.right : null;
      if (target && value && members.has(propertyName(target) ?? '\0') && /\btmpdir\s*\(|cache/iu.test(this.sourceCode.getText(value))) temporary = true;
      return !temporary;
    });
    return temporary;
  }

  private judgeWrite(write: FsCall, removals: readonly FsCall[], reads: readonly { call: CallLike; path: TSESTree.Node; name: string }[]): LocalFileFinding | undefined {
    const lifetime = this.facts.lifetimes.ofNode(write.call);
    // A development-only endpoint (`if (isDev) app.get('/_e2e/snapshot', …)`) never runs in production.
    if (lifetime === 'startup' || isDevelopmentOnly(write.call)) return undefined;
    const index = WRITES.get(write.op) ?? 0;
    const path = write.path ?? write.call.arguments[index];
    if (!path || path.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const scope = this.requestScope(write.call);
    if (scope && this.removedIn(path, scope, removals, write.call)) return undefined;
    const [writer] = this.routes.entriesOf(write.call);
    const places = this.placesOf(path);
    if (places.size > 0) {
      for (const read of reads) {
        if (read.call === write.call || !this.sharesPlace(places, read.path)) continue;
        const readerEntries = this.routes.entriesOf(read.call);
        const readerEntry = readerEntries.find((entry) => entry.fn !== writer?.fn);
        const startup = this.facts.lifetimes.ofNode(read.call) === 'startup';
        if (!readerEntry && !startup) continue;
        const readerName = readerEntry ? (readerEntry.label === undefined ? 'a handler' : `\`${readerEntry.label}\``) : `\`${read.name}\``;
        return { kind: 'readLater', node: write.call, found: write.found, lifetime, ...(writer ? { writer } : {}), reader: { name: readerName, node: read.call }, serverFile: true };
      }
    }
    return { kind: 'kept', node: write.call, found: write.found, lifetime, ...(writer ? { writer } : {}), serverFile: this.serverFile || lifetime === 'request' };
  }

  /**
   * Whether the request that makes `call` removes what it made afterwards: a removal (`fs.unlink(tmp)`,
   * `rimraf(dir)`) of a path that shares a name with the call's arguments or with the binding of its
   * result (`const file = await toTempFile(buf)` … `fs.unlink(file)`), on a path that runs after the
   * call. A removal of something else (the upload parser's temporary file), or one in another branch
   * of the handler (`if (method === 'DELETE') deleteUser(id)`), leaves the call's file in place.
   */
  removesAfter(call: CallLike): boolean {
    const scope = this.requestScope(call);
    if (!scope) return false;
    const made = this.namesMadeBy(call, scope);
    if (made.size === 0) return false;
    let removes = false;
    walk(scope.body, this.sourceCode.visitorKeys, (inner) => {
      if (removes) return false;
      if (inner.type === AST_NODE_TYPES.CallExpression && inner !== call) {
        const name = calleeName(inner);
        const fs = this.fsCall(inner);
        const paired = inner.arguments.length === 0 ? this.pairedPath(inner) : undefined;
        const target = paired ?? inner.arguments[0];
        const removal = (fs !== undefined && REMOVALS.has(fs.op)) || (name !== undefined && CLEANUP_NAME.test(name)) || paired !== undefined;
        if (removal && target && target.type !== AST_NODE_TYPES.SpreadElement && [...referencedNames(target, this.sourceCode.visitorKeys)].some((removed) => removesPlace(removed, made)) && runsAfter(call, inner, scope)) removes = true;
      }
      return true;
    });
    return removes;
  }

  /**
   * The places a removal of what `call` made would name: those its arguments name (`dir`,
   * `upload.path`) and the binding its result is kept in; not the request's own parameters as a
   * whole (`req`, `ctx`), which every call of the handler mentions.
   */
  private namesMadeBy(call: CallLike, scope: FunctionNode): Set<string> {
    const keys = this.sourceCode.visitorKeys;
    const parameters = new Set(scope.params.flatMap((parameter) => [...referencedNames(parameter, keys)]));
    const names = new Set<string>();
    for (const argument of call.arguments) for (const name of referencedNames(argument, keys)) if (!parameters.has(name)) names.add(name);
    let outer: TSESTree.Node = call;
    while (outer.parent.type === AST_NODE_TYPES.AwaitExpression || outer.parent.type === AST_NODE_TYPES.TSAsExpression || outer.parent.type === AST_NODE_TYPES.TSNonNullExpression) outer = outer.parent;
    const parent = outer.parent;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer) for (const name of referencedNames(parent.id, keys)) names.add(name);
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === outer) for (const name of referencedNames(parent.left, keys)) names.add(name);
    return names;
  }

  private requestScope(node: TSESTree.Node): FunctionNode | undefined {
    let scope: FunctionNode | undefined;
    let fn = enclosingFunction(node);
    while (fn && this.facts.lifetimes.ofFunction(fn) !== 'startup') {
      scope = fn;
      fn = enclosingFunction(fn);
    }
    return scope;
  }

  /**
   * For a call of a function that `tmp`-like libraries hand back beside the path they made (`const
   * { path: dir, cleanup } = await tmp.dir()`, `removeCallback`), the path binding it removes.
   */
  private pairedPath(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Identifier | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = ASTUtils.findVariable(this.sourceCode.getScope(callee), callee)?.defs[0];
    if (def?.type !== DefinitionType.Variable || def.node.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    const properties = def.node.id.properties.filter((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property);
    const own = properties.find((property) => property.value === def.name);
    if (!own || !PAIRED_REMOVERS.has(propertyName(own) ?? '')) return undefined;
    const pathProperty = properties.find((property) => PAIRED_PATHS.has(propertyName(property) ?? '') && property.value.type === AST_NODE_TYPES.Identifier);
    return pathProperty?.value.type === AST_NODE_TYPES.Identifier ? pathProperty.value : undefined;
  }

  /** `unlink(tmp)`, `rm(dir, { recursive: true })` or `rename(tmp, …)` of the same file in the same request. */
  private removedIn(path: TSESTree.Node, scope: FunctionNode, removals: readonly FsCall[], write: CallLike): boolean {
    const text = this.sourceCode.getText(path);
    const names = identifiersIn(path);
    // `const file = path.join(dir, name)`: removing `dir` removes the file too.
    const inner = unwrap(path);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const def = ASTUtils.findVariable(this.sourceCode.getScope(inner), inner)?.defs[0];
      if (def?.type === DefinitionType.Variable && def.node.init) for (const name of identifiersIn(def.node.init)) names.add(name);
    }
    return removals.some(({ call, path: paired }) => {
      if (call === write || call.range[0] < scope.range[0] || call.range[1] > scope.range[1]) return false;
      const target = paired ?? call.arguments[0];
      if (!target || target.type === AST_NODE_TYPES.SpreadElement) return false;
      const inner = unwrap(target);
      return this.sourceCode.getText(target) === text || (inner.type === AST_NODE_TYPES.Identifier && names.has(inner.name));
    });
  }

  /**
   * What names a file's location: module-level bindings (`UPLOAD_DIR`, `config.uploadDir`) and
   * leading literal folders (`uploads`); with `members`, also the fields and methods of the class
   * the path is built in (`this.root`, `this.fullPath(key)`).
   */
  private placesOf(path: TSESTree.Node, depth = 0, members = false): Set<string> {
    const places = new Set<string>();
    walk(path, this.sourceCode.visitorKeys, (node) => {
      if (members && node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
        const name = propertyName(node);
        if (name !== undefined) places.add(node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node ? `method:${name}` : `member:${name}`);
        return false;
      }
      // `path.join(…)`, `os.tmpdir()`: the function called names no place, its arguments may.
      if (node.type === AST_NODE_TYPES.CallExpression) {
        if (members) for (const place of this.placesOf(node.callee, depth, members)) if (place.startsWith('method:')) places.add(place);
        for (const argument of node.arguments) for (const place of this.placesOf(argument, depth, members)) places.add(place);
        return false;
      }
      if (node.type === AST_NODE_TYPES.Identifier || (node.type === AST_NODE_TYPES.MemberExpression && !node.computed)) {
        const root = rootIdentifier(node);
        const variable = root ? ASTUtils.findVariable(this.sourceCode.getScope(root), root) : undefined;
        const def = variable?.defs[0];
        if (variable?.scope === this.moduleScope && def?.type === DefinitionType.Variable && isLocation(def.node.init)) {
          places.add(`binding:${this.sourceCode.getText(node)}`);
        } else if (node === root && def?.type === DefinitionType.Variable && def.node.init && depth < 2) {
          // `const target = path.join(LOGO_DIR, name)`: the place is in the initialiser.
          for (const place of this.placesOf(def.node.init, depth + 1, members)) places.add(place);
        }
        return false;
      }
      const literal = node.type === AST_NODE_TYPES.Literal ? stringValue(node) : node.type === AST_NODE_TYPES.TemplateElement ? (node.value.cooked ?? undefined) : undefined;
      if (literal !== undefined) {
        const folder = literal.split('/').find((segment) => segment !== '' && segment !== '.' && segment !== '..');
        if (folder !== undefined && !folder.includes('.')) places.add(`folder:${folder}`);
      }
      return true;
    });
    return places;
  }

  private sharesPlace(places: ReadonlySet<string>, path: TSESTree.Node, members = false): boolean {
    for (const place of this.placesOf(path, 0, members)) if (places.has(place)) return true;
    return false;
  }

  /** A call of a file-system function from `fs`, `fs/promises`, `fs-extra`, or the `Bun`/`Deno` globals. */
  private fsCall(call: CallLike): FsCall | undefined {
    const op = this.importsFs ? fsOperation(this.resolver, call.callee) : undefined;
    if (op !== undefined) return { call, op, found: `\`${clipCode(this.sourceCode.getText(call.callee))}\`` };
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const root = rootIdentifier(callee);
      const op = propertyName(callee);
      if (root?.name === 'Bun' && op === 'write') return { call, op: 'writeFile', found: '`Bun.write`' };
      if (root?.name === 'Deno' && (op === 'writeFile' || op === 'writeTextFile')) return { call, op: 'writeFile', found: `\`Deno.${op}\`` };
    }
    return undefined;
  }

  private calleeText(call: CallLike): string {
    return clipCode(this.sourceCode.getText(call.callee));
  }

  /**
   * SQLite and other embedded databases opened on a file. Options chosen by a condition (`new
   * DataSource(isProd ? prodOptions : devOptions)`) are judged arm by arm; an arm only a development
   * build takes does not count.
   */
  private database(node: CallLike): LocalFileFinding | undefined {
    const value = this.resolver.resolve(node.callee);
    const judge = value ? LOCAL_DATABASES.get(value.specifier) : undefined;
    if (!value || !judge) return undefined;
    const [argument] = node.arguments;
    const arms = argument ? this.options.arms(argument).filter((arm) => !developmentArm(arm)) : [{ value: undefined }];
    const opens = arms.map((arm) => arm.value).some((first) => {
      const call: DatabaseCall = {
        name: value.paths[0]?.at(-1),
        node,
        hasOptions: this.objectLiteral(first) !== undefined,
        option: (...path) => {
          let current: TSESTree.Node | undefined = first;
          for (const key of path) current = this.objectLiteralOption(current, key);
          return current;
        },
        file: (argument) => {
          const literal = argument ? stringValue(argument) : undefined;
          return literal === undefined || !MEMORY_DATABASE.has(literal);
        },
      };
      return judge(call);
    });
    if (!opens) return undefined;
    const construction = node.type === AST_NODE_TYPES.NewExpression ? 'new ' : '';
    return { kind: 'database', node, found: `\`${construction}${this.calleeText(node)}(…)\` from \`${value.specifier}\``, lifetime: 'startup', advice: LANCE_PACKAGES.has(value.specifier) ? FINDING_ADVICE.vectorFolder : FINDING_ADVICE.sqlite, package: value.specifier, serverFile: this.serverFile };
  }

  private objectLiteralOption(node: TSESTree.Node | undefined, key: string): TSESTree.Node | undefined {
    const object = this.objectLiteral(node);
    const property = object?.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyName(candidate) === key);
    return property?.value;
  }

  private objectLiteral(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
    if (!node) return undefined;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
    if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(value), value);
    const def = variable?.defs[0];
    if (def?.type !== DefinitionType.Variable || !def.node.init) return undefined;
    const init = unwrap(def.node.init);
    return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
  }
}

/** An initialiser that can name a location: a string, a path computation, configuration; not a module or a function. */
function isLocation(init: TSESTree.Expression | null): boolean {
  if (!init) return false;
  const value = unwrap(init);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(value.callee);
    return !(callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require');
  }
  return value.type !== AST_NODE_TYPES.ArrowFunctionExpression && value.type !== AST_NODE_TYPES.FunctionExpression && value.type !== AST_NODE_TYPES.ClassExpression && value.type !== AST_NODE_TYPES.NewExpression;
}

/**
 * The places an expression or pattern names: identifiers and member chains as written (`file`,
 * `upload.path`, `req.file` for `req.file[0].path`), not the property names inside them, nor what
 * functions inside it or types name.
 */
function referencedNames(node: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): Set<string> {
  const names = new Set<string>();
  const visit = (root: TSESTree.Node): void => {
    walk(root, visitorKeys, (current) => {
      const inner = unwrap(current);
      if (inner !== current) {
        visit(inner);
        return false;
      }
      if (isFunction(current) || current.type.startsWith('TS')) return false;
      if (current.type === AST_NODE_TYPES.Identifier) names.add(current.name);
      else if (current.type === AST_NODE_TYPES.MemberExpression) {
        const chain = chainOf(current, visit);
        if (chain !== undefined) names.add(chain);
      } else if (current.type === AST_NODE_TYPES.Property) {
        visit(current.value);
        if (current.computed) visit(current.key);
      } else return true;
      return false;
    });
  };
  visit(node);
  return names;
}

/**
 * `a.b.c` for a member chain; cut below a computed member (`files.file[0].path` is `files.file`),
 * whose key is handed to `rest`, as is any other expression the chain starts from.
 */
function chainOf(node: TSESTree.Node, rest: (node: TSESTree.Node) => void): string | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type !== AST_NODE_TYPES.MemberExpression) {
    rest(inner);
    return undefined;
  }
  if (inner.computed) {
    rest(inner.property);
    return chainOf(inner.object, rest);
  }
  const head = chainOf(inner.object, rest);
  return head === undefined ? undefined : `${head}.${inner.property.name}`;
}

/** Whether a removal of `removed` removes what `made` names: the same place, or a place inside it (`tmp.path` of `tmp`). */
function removesPlace(removed: string, made: ReadonlySet<string>): boolean {
  for (const place of made) if (removed === place || removed.startsWith(`${place}.`)) return true;
  return false;
}

/**
 * Whether `later` runs after `call` whenever the call runs, within the request's function: it comes
 * after it (or sits in a callback, or in the `finally` of a `try` around it), is not in another
 * branch of an `if`, `switch` or conditional, and no `return` or `throw` after the call leaves first.
 */
function runsAfter(call: TSESTree.Node, later: TSESTree.Node, scope: FunctionNode): boolean {
  const callPath = ancestorsUpTo(call, scope);
  const laterPath = ancestorsUpTo(later, scope);
  const common = callPath.find((node) => laterPath.includes(node));
  if (!common) return false;
  const laterChild = laterPath[laterPath.indexOf(common) - 1];
  const callChild = callPath[callPath.indexOf(common) - 1];
  // `const cleanup = () => fs.unlink(tmp)` before the call: a callback runs when it is called.
  const inCallback = laterPath.slice(0, laterPath.indexOf(common)).some((node) => isFunction(node));
  if (common.type === AST_NODE_TYPES.IfStatement || common.type === AST_NODE_TYPES.ConditionalExpression || common.type === AST_NODE_TYPES.SwitchStatement) {
    // The test runs before either branch; a branch does not run after the other.
    if (callChild !== ('test' in common ? common.test : common.discriminant)) return false;
  }
  if (common.type === AST_NODE_TYPES.TryStatement && laterChild === common.handler) return false;
  const inFinally = common.type === AST_NODE_TYPES.TryStatement && laterChild === common.finalizer;
  if (!inCallback && !inFinally && later.range[0] < call.range[1]) return false;
  // A `return` or `throw` after the call, in a block around it below where the paths meet, leaves first.
  for (const node of callPath.slice(0, callPath.indexOf(common) + 1)) {
    const list = statementList(node);
    if (!list) continue;
    const from = list.findIndex((statement) => callPath.includes(statement));
    const to = node === common ? list.findIndex((statement) => laterPath.includes(statement)) : list.length;
    if (from < 0) continue;
    for (const statement of list.slice(from + 1, to < 0 ? list.length : to)) {
      if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return false;
    }
  }
  return true;
}

/** `node` and its ancestors, up to and including `top`. */
function ancestorsUpTo(node: TSESTree.Node, top: TSESTree.Node): TSESTree.Node[] {
  const path: TSESTree.Node[] = [];
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    path.push(current);
    if (current === top) break;
  }
  return path;
}

function statementList(node: TSESTree.Node): readonly TSESTree.Node[] | undefined {
  if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program) return node.body;
  if (node.type === AST_NODE_TYPES.SwitchCase) return node.consequent;
  return undefined;
}

function identifiersIn(node: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) continue;
    const inner = unwrap(current);
    if (inner.type === AST_NODE_TYPES.Identifier) names.add(inner.name);
    else if (inner.type === AST_NODE_TYPES.CallExpression) stack.push(...inner.arguments);
    else if (inner.type === AST_NODE_TYPES.TemplateLiteral) stack.push(...inner.expressions);
    else if (inner.type === AST_NODE_TYPES.BinaryExpression) stack.push(inner.left, inner.right);
  }
  return names;
}

/** What `tmp`, `tmp-promise` and the like hand back beside a temporary path: the function that removes it, and the path. */
const PAIRED_REMOVERS: ReadonlySet<string> = new Set(['cleanup', 'removeCallback', 'remove', 'dispose']);
const PAIRED_PATHS: ReadonlySet<string> = new Set(['path', 'name', 'dir']);

/** A name that says cache: what it holds is made again from elsewhere. */
const CACHE = /cache/iu;

/**
 * A class that stands for an interface or a base class (`implements StorageDriver`, `extends
 * BaseStorage`), or a provider a framework injects (`@Injectable()`): a storage driver, which the
 * configuration picks among others. A helper class of plain file operations is none of these.
 */
function isProvider(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  // ESLint's own parser (espree, for JavaScript) gives a class neither `implements` nor `decorators`.
  const implemented = owner.implements as readonly TSESTree.TSClassImplements[] | undefined;
  const decorators = owner.decorators as readonly TSESTree.Decorator[] | undefined;
  return owner.superClass !== null || (implemented?.length ?? 0) > 0 || (decorators?.length ?? 0) > 0;
}

/** Calls that make a fresh name for a file: `randomUUID()`, `uuid()`, `v4()`, `nanoid()`, `crypto.randomBytes(16)`. */
const GENERATED_ID = /^(?:randomUUID|uuid|uuidv4|v4|v7|nanoid|cuid|cuid2|createId|ulid|randomBytes|random)$/u;

/** The class method (or function-valued field) a node runs in, with its class and name. */
function classMethodOf(node: TSESTree.Node): { owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression; fn: FunctionNode; name: string } | undefined {
  let fn = enclosingFunction(node);
  // The method itself, not a callback inside it (`new Promise((resolve) => unlink(file, …))`).
  while (fn) {
    const parent = fn.parent;
    if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) && parent.value === fn) {
      const owner = parent.parent.parent;
      if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') return undefined;
      return { owner, fn, name: propertyName(parent) ?? 'a method' };
    }
    fn = enclosingFunction(fn);
  }
  return undefined;
}

/** `path` in `options.path`: a property's name, which names no binding. */
function isPropertyName(identifier: TSESTree.Identifier): boolean {
  return identifier.parent.type === AST_NODE_TYPES.MemberExpression && identifier.parent.property === identifier && !identifier.parent.computed;
}
