import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../../bench/corpus.js';
import { sourceFiles } from '../../../bench/source-files.js';
import { mayHoldState, needsSummary, readGateText, StateGate } from '../../../src/analysis/project/gate.js';
import { parseProjectFile } from '../../../src/analysis/project/parse.js';
import { projectResolver } from '../../../src/analysis/project/resolve.js';
import { Summaries, type ExportSummary, type FunctionSummary, type SummaryHost } from '../../../src/analysis/project/summary.js';

describe('the text gate: what a file may hold', () => {
  it.each([
    ['a top-level let', 'let hits = 0;\nexport function hit() { hits++; }'],
    ['a let exported', 'export let current: string | undefined;'],
    ['a var, even inside a block (it belongs to the module)', 'if (process.env.X) { var cache = {}; }'],
    ['a const Map', 'export const sessions = new Map<string, string>();'],
    ['a const array', 'const queue: string[] = [];\nexport const push = (item: string) => queue.push(item);'],
    ['a const object', 'const config = { retries: 3 };'],
    ['a cast array', 'const items = ([] as string[]);'],
    ['an angle-bracket cast', 'const items = <string[]>[];'],
    ['Array.from', 'const ids = Array.from(source);'],
    ['Object.create', 'const registry = Object.create(null);'],
    ['a second declarator', 'const a = 1, b = [];'],
    ['an instance made at load', 'class Store { items = []; }\nexport default new Store();'],
    ['new at the top level', 'export const q = new Queue();'],
    ['CommonJS exports', 'exports.count = 0;'],
    ['module.exports', 'module.exports = { users: [] };'],
    ['an export default object', 'export default { items: [] };'],
    ['an export default array', 'export default [];'],
    ['TypeScript export =', 'const x = 1;\nexport = x;'],
    ['a using declaration', 'using handle = open();'],
    ['a const after a type alias without semicolons', 'type A = { a: string }\nconst cache = {}\n'],
    ['an unterminated string', "const a = 'oops\n"],
    ['unbalanced brackets', 'function f() {'],
    ['JSX in a .js file', 'export const page = () => <div>Don\'t</div>;'],
  ])('%s: may hold state', (label, text) => {
    expect(mayHoldState(text, label.startsWith('JSX') ? 'page.js' : 'file.ts')).toBe(true);
  });

  it.each([
    ['functions and constants', "import { db } from './db';\nconst LIMIT = 10;\nexport function list() { const rows = []; return db.all(LIMIT, rows); }"],
    ['an arrow function', 'export const handler = async (event: Event): Promise<void> => { const seen = new Set(); };'],
    ['an arrow with a return type', 'export const f = (a: number): number[] => [a];'],
    ['a type alias of an object', 'export type Options = { ttl: number; tags: string[] };\nexport interface Row { id: string }'],
    ['a destructured require', "const { join } = require('node:path');"],
    ['a factory call', 'export const router = Router();\nconst logger = pino({ level: "info" });'],
    ['a class with fields', 'export class Service { private cache = new Map(); get(k: string) { let v = this.cache.get(k); return v; } }'],
    ['template literals and regular expressions', 'const NAME = `a${`b${1}`}`;\nconst RE = /[{(]let/u;\nexport function f(s: string) { return RE.test(s) ? `${NAME}{` : s; }'],
    ['an enum and a namespace', 'export enum Kind { A = 1, B = 2 }\nexport namespace N { export let x = 1; }'],
    ['decorators', "@Module({ imports: [A], providers: [B] })\nexport class AppModule {}"],
    ['type aliases without semicolons', 'import { A } from "./a"\ntype Values = { id: string }[]\nexport type Make<T> = new (...args: unknown[]) => T\nexport function f(v: Values) { return v }'],
    ['a generic default inside parentheses', 'export function f(options: { a?: number } = {}) { return options; }'],
  ])('%s: holds no state of its own', (_label, text) => {
    expect(mayHoldState(text, 'file.ts')).toBe(false);
  });

  it.each([
    ['const data named only where declared', 'export const defaultFields = ["id", "title"];\nexport const config = { retries: 3 };', false],
    ['const data a function of the file uses', 'const items: string[] = [];\nexport function add(item: string) { items.push(item); }', true],
    ['an object whose methods write it through this', 'export const store = { items: [] as string[], add(item: string) { this.items.push(item); } };', true],
    ['a let', 'let n = 0;', true],
    ['a Map named only where declared', 'const positions = new Map([["a", 1]]);\nexport const f = (key: string) => key;', false],
    ['an instance of a class of the file', 'class Registry { items: string[] = []; add(item: string) { this.items.push(item); } }\nexport const registry = new Registry();', true],
    ['new in a default parameter', 'export function copy<T>(value: T, cache = new WeakMap()): T { return value; }', false],
    ['a second declarator written later', 'const a = 1, b: number[] = [];\nexport function f() { b.push(a); }', true],
    ['a second declarator only read', 'const a = 1, b = [];\nexport function f() { return b; }', false],
    ['a constant list only read', "const FIELDS = ['id', 'title'];\nexport function f(row: Record<string, unknown>) { return FIELDS.includes('id') ? FIELDS.map((k) => row[k]).length : FIELDS[0]; }", false],
    ['a constant table passed on and compared', "const TYPES = { a: 1 };\nexport function f(k: 'a') { return g({ types: TYPES }, TYPES[k] === 1, typeof TYPES, k in TYPES); }", false],
    ['a member assigned', "const TYPES: Record<string, number> = {};\nexport function f(k: string) { TYPES[k] = 1; }", true],
    ['a member updated', "const counts = { hits: 0 };\nexport function f() { counts.hits++; }", true],
    ['a member compound-assigned', "const counts = { hits: 0 };\nexport function f() { counts.hits ??= 1; }", true],
    ['a mutating method after a read', "const byId = new Map<string, string[]>();\nexport function f(id: string) { byId.get(id)?.push('x'); }", true],
    ['a local alias', 'const items: string[] = [];\nexport function f() { const list = items; list.push("x"); }', true],
    ['a loop over its elements', 'const rows = [{ n: 0 }];\nexport function f() { for (const row of rows) row.n++; }', true],
    ['Object.assign', 'const settings = {};\nexport function f(patch: object) { Object.assign(settings, patch); }', true],
    ['a destructuring target', 'const pair = [0, 0];\nexport function f(a: number[]) { [pair[0], pair[1]] = a; }', true],
    ['delete', 'const seen: Record<string, boolean> = {};\nexport function f(k: string) { delete seen[k]; }', true],
    ['a cast', 'const seen = {};\nexport function f() { (seen as Record<string, number>).x = 1; }', true],
    ['a call through a name Object.prototype has', "const LIST = ['a'];\nexport function f(o: any) { return o.constructor.assign(LIST) ?? toString.call(LIST); }", false],
    ['a chained assignment', 'let a;\nconst b = a = [];', true],
  ])('%s: a function of the file may write it: %s', (_label, text, expected) => {
    expect(readGateText(text, 'file.ts').mayWrite).toBe(expected);
  });

  it.each([
    ['fs.writeFile of node:fs', "import { promises as fs } from 'node:fs';\nexport const save = (file: string) => fs.writeFile(file, '');", true],
    ['a destructured copyFile of fs-extra', "const { copyFile } = require('fs-extra');\nexports.keep = (a, b) => copyFile(a, b);", true],
    ['copy() of another library', "import { copy } from './clipboard';\nexport const paste = (text: string) => copy(text);", false],
    ['rename() with fs named only in a comment', '// fs is not used here\nexport const label = (item: { rename(name: string): void }) => item.rename("x");', false],
    ['express-fileupload mv', 'export const upload = (req: any) => req.files.avatar.mv("/srv/avatars/a.png");', true],
    ['Bun.write', 'export const save = () => Bun.write("out.txt", "x");', true],
    ['page.pdf with puppeteer', "import puppeteer from 'puppeteer';\nexport const render = (page: any) => page.pdf({ path: 'out.pdf' });", true],
    ['pdf() without a browser package', 'export const render = (doc: { pdf(): Buffer }) => doc.pdf();', false],
  ])('%s: may write files: %s', (_label, text, expected) => {
    expect(readGateText(text, 'file.ts').mayWriteFiles).toBe(expected);
  });

  it('lists the specifiers of imports, re-exports, require() and import()', () => {
    const text = "import a from './a';\nimport type { B } from \"./b\";\nexport * from './c';\nexport { d } from './d';\nconst e = require('./e');\nimport f = require('./f');\nconst g = () => import('./g');\nimport './h';\n// import x from './comment'\nconst s = \"from './string'\";";
    expect(readGateText(text, 'file.ts').specifiers).toEqual(['./a', './b', './c', './d', './e', './f', './g', './h']);
  });
});

describe('the text gate: what a file exports and what it imports by name', () => {
  it('reads every kind of export statement', () => {
    const text = [
      'export const a = 1, b: number[] = [];',
      'export const m: Record<string, Array<number>> = {}, n = 2;',
      'export const k = <T extends Record<string, unknown>>(value: T): T => value;',
      'export const pick = <T, K>(value: T, key: K) => value;',
      'export let c;',
      'export function f() {}',
      'export function* g() {}',
      'export async function h() {}',
      'export default class {}',
      'export declare const d: string;',
      'export abstract class Base {}',
      'export const enum Flags { A }',
      'export type Alias<T> = T[];',
      'export interface Shape { x: number }',
      'export namespace Space { export const inner = 1; }',
      'const local = 1;',
      'export { local as renamed, type Shape as ShapeType };',
      "export { e, f as g2, default as h2 } from './e';",
      "export type { T } from './types';",
      "export * from './star';",
      "export * as ns from './ns';",
      'export as namespace Library;',
    ].join('\n');
    const exports = readGateText(text, 'file.ts').exports;
    expect(exports && [...exports.local].sort()).toEqual(['Base', 'Flags', 'Alias', 'Shape', 'Space', 'a', 'b', 'c', 'd', 'default', 'f', 'g', 'h', 'k', 'm', 'n', 'pick', 'renamed', 'ShapeType'].sort());
    expect(exports && Object.fromEntries(exports.named)).toEqual({
      e: { specifier: './e', name: 'e' },
      g2: { specifier: './e', name: 'f' },
      h2: { specifier: './e', name: 'default' },
      T: { specifier: './types', name: 'T' },
      ns: { specifier: './ns', name: '*' },
    });
    expect(exports?.stars).toEqual(['./star']);
  });

  it.each([
    ['a destructured declaration', 'export const { a, b } = source;'],
    ['CommonJS exports', 'exports.a = 1;'],
    ['module.exports', 'module.exports = { a };'],
    ['TypeScript export =', 'const a = 1;\nexport = a;'],
    ['a comparison that leaves a `<` open before a comma', 'export const a = x < y, b = [];'],
    ['an unterminated string', "export const a = 'oops\n"],
  ])('%s: the exports are not read, so the summaries look names up', (_label, text) => {
    expect(readGateText(text, 'file.ts').exports).toBeUndefined();
  });

  it('lists the names each import takes, and the whole module where it is not a list of names', () => {
    const text = [
      "import a, { b as c, type D } from './x';",
      "import type { E } from './x';",
      "import * as ns from './y';",
      "import './z';",
      "const whole = require('./w');",
      "import { q } from './w';",
      "import type from './t';",
      "export { r } from './r';",
      "export * from './s';",
      "const lazy = () => import('./l');",
    ].join('\n');
    expect(Object.fromEntries(readGateText(text, 'file.ts').uses)).toEqual({
      './x': ['default', 'b', 'D', 'E'],
      './y': null,
      './z': null,
      './w': null,
      './t': ['default'],
      './r': ['r'],
      './s': null,
      './l': null,
    });
  });
});

describe('the text gate: static fields', () => {
  it.each([
    ['a static collection', 'export class Terminals { private static sessions = new Map<string, string>(); }', true],
    ['a static field typed as a collection', 'export class Cache { static entries: Record<string, string>; }', true],
    ['a static counter the class updates', 'export class Counter { static count = 0; static hit() { Counter.count++; } }', true],
    ['a static constant only read', "export class LocalFiles { static identifier = 'local'; static describe() { return LocalFiles.identifier; } }", false],
    ['static methods only', 'export class Paths { static join(a: string, b: string) { return `${a}/${b}`; } }', false],
  ])('%s: its methods may write state: %s', (_label, text, expected) => {
    expect(readGateText(text, 'file.ts').mayWrite).toBe(expected);
  });
});

describe('the text gate: fields written through this', () => {
  it.each([
    ['a method pushing to a field', 'export class Registry { items: string[] = []; add(item: string) { this.items.push(item); } }', true],
    ['a method assigning a field', 'export class Counter { n = 0; hit() { this.n++; } reset() { this.n = 0; } }', true],
    ['a field aliased in a method', 'export class Queue { jobs: string[] = []; take() { const jobs = this.jobs; jobs.length = 0; } }', true],
    ['this aliased', 'export class Store { data = {}; set() { const self = this; self.data = {}; } }', true],
    ['a field written from an arrow property', 'export class Bus { subs = new Map(); on = (k: string, f: () => void) => { this.subs.set(k, f); }; }', true],
    ['a field written only in the constructor', 'export class Service { private readonly repo: Repo; private n: number; constructor(repo: Repo) { this.repo = repo; this.n = 0; } list() { return this.repo.find({ take: this.n }); } }', false],
    ['fields only read, passed on and called', 'export class Service { constructor(private readonly repo: Repo, private readonly log: Log) {} async get(id: string) { this.log.info(id); const row = await this.repo.findOne(id); return row ?? this.fallback(this.repo, id); } fallback(r: Repo, id: string) { return r; } }', false],
  ])('%s: %s', (_label, text, expected) => {
    expect(readGateText(text, 'file.ts').mayWriteFields).toBe(expected);
  });
});

describe('the gate through barrels', () => {
  let root: string;
  const file = (name: string): string => path.join(root, 'src', name);

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'gate-barrel-'));
    mkdirSync(path.join(root, 'src', 'lib'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), '{"name":"barrel","type":"module"}');
    const files: Record<string, string> = {
      'lib/index.ts': "export * from './format';\nexport * from './invites';\nexport { slug as toSlug } from './slug';\nexport * from './commonjs';\n",
      'lib/format.ts': 'export function formatDate(date: Date) { return date.toISOString(); }\n',
      'lib/invites.ts': 'const pending = new Map<string, string>();\nexport function issueInvite(token: string) { pending.set(token, token); }\n',
      'lib/slug.ts': "export function slug(text: string) { return text.replace(/ /gu, '-'); }\n",
      'lib/commonjs.ts': 'exports.legacy = function legacy() {};\n',
      'dates.ts': "import { formatDate } from './lib';\nexport function today() { return formatDate(new Date()); }\n",
      'invite.ts': "import { issueInvite } from './lib';\nexport function invite(token: string) { issueInvite(token); }\n",
      'slugs.ts': "import { toSlug } from './lib';\nexport function title(text: string) { return toSlug(text); }\n",
      'everything.ts': "import * as lib from './lib';\nexport function run() { return lib.formatDate(new Date()); }\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(file(name), text);
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('finds the file that declares a name past export * and renamed re-exports', () => {
    const gate = new StateGate();
    expect(gate.origin(file('lib/index.ts'), 'formatDate')).toEqual({ file: file('lib/format.ts'), name: 'formatDate', hops: 1 });
    expect(gate.origin(file('lib/index.ts'), 'issueInvite')).toEqual({ file: file('lib/invites.ts'), name: 'issueInvite', hops: 1 });
    expect(gate.origin(file('lib/index.ts'), 'toSlug')).toEqual({ file: file('lib/slug.ts'), name: 'slug', hops: 1 });
  });

  it('gives no origin where a file on the way cannot be read to the end (a CommonJS module behind export *)', () => {
    const gate = new StateGate();
    expect(gate.origin(file('lib/index.ts'), 'legacy')).toBeUndefined();
    expect(gate.origin(file('lib/index.ts'), 'missing')).toBeUndefined();
  });

  it('follows an import of names to the files that declare them, and a namespace import to the whole barrel', () => {
    const gate = new StateGate();
    expect(gate.mayReachWrites(file('dates.ts'))).toBe(false);
    expect(gate.mayReachWrites(file('slugs.ts'))).toBe(false);
    expect(gate.mayReachWrites(file('invite.ts'))).toBe(true);
    expect(gate.mayReachWrites(file('everything.ts'))).toBe(true);
  });

  it('answers what loading a module starts from every module it imports, since loading runs them all', () => {
    writeFileSync(file('lib/ticker.ts'), 'export const stop = () => undefined;\nsetInterval(() => undefined, 1000);\n');
    writeFileSync(file('lib/index.ts'), "export * from './format';\nexport * from './ticker';\n");
    const gate = new StateGate();
    expect(gate.mayReachJobs(file('dates.ts'))).toBe(true);
    expect(gate.mayReachWrites(file('dates.ts'))).toBe(false);
  });
});

/** The summaries as they are without the gate: every file parsed and summarised. */
function fullSummaries(): Summaries {
  const host: SummaryHost = {
    resolve: (specifier, fromFile) => projectResolver(fromFile).resolve(specifier, fromFile),
    version: (file) => {
      try {
        const stat = statSync(file);
        return stat.isFile() ? `${String(stat.size)}:${String(stat.mtimeMs)}` : undefined;
      } catch {
        return undefined;
      }
    },
    input: (file) => {
      const sourceCode = parseProjectFile(file, readFileSync(file, 'utf8'));
      return sourceCode ? { sourceCode, filename: file, cwd: path.dirname(file), settings: {} } : undefined;
    },
  };
  return new Summaries(host);
}

/**
 * Whether a full summary names state anywhere a linted file could see it: data, an object holding
 * data, an instance, a function that writes or looks up a place (through its calls too), and, with
 * `classes`, a class whose methods write its fields.
 */
function namesState(summaries: Summaries, file: string, classes: boolean, seen = new Set<string>(), writesOnly = false): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const summary = summaries.of(file);
  if (!summary) return false;
  const exportNames = (found: ExportSummary): boolean => {
    switch (found.type) {
      case 'data':
        return !writesOnly;
      case 'instance':
      case 'made':
        return true;
      case 'function': {
        const effects = summaries.effectsOf(found);
        // A lookup by key (`KINDS.has(kind)`) names state, but writes none.
        return effects.writes.length > 0 || (!writesOnly && effects.keyedReads.length > 0);
      }
      case 'object':
        return (!writesOnly && found.place !== undefined) || [...found.members.values()].some(exportNames);
      case 'class':
        return classes && (found.methods.size > 0 || [...found.effects.values()].some((effects) => summaries.effectsOf(effects).writes.length > 0));
      case 'reexport':
        return namesState(summaries, found.file, classes, seen, writesOnly);
      // A type's members lead to other files' classes, which answer for themselves; the type holds nothing.
      case 'shape':
      case 'other':
        return false;
    }
  };
  return [...summary.exports.values()].some(exportNames) || summary.star.some((star) => namesState(summaries, star, classes, seen, writesOnly));
}

describe('the gate answers as the full summaries do', () => {
  let root: string;
  let files: string[];
  // Summaries are read-only facts about files, so every comparison reads the same full set: each file is
  // parsed once for the whole block rather than once a test.
  let summaries: Summaries;

  beforeAll(() => {
    summaries = fullSummaries();
    root = mkdtempSync(path.join(os.tmpdir(), 'gate-corpus-'));
    const corpus = writeCorpus(path.join(root, 'corpus'), 400, 3).files;
    const fixtures = sourceFiles([path.resolve(import.meta.dirname, '../../../fixtures')], (name) => /\.(?:[cm]?[jt]s|tsx)$/u.test(name) && !name.endsWith('.d.ts'));
    files = [...fixtures, ...corpus];
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  /** The files `passes` lets through without a parse, and those of them whose full summary `names` state anyway. */
  function compare(passes: (gate: StateGate, file: string) => boolean, names: (summaries: Summaries, file: string) => boolean): { passed: string[]; wrong: string[] } {
    const gate = new StateGate();
    const passed: string[] = [];
    const wrong: string[] = [];
    for (const file of files) {
      summaries.checkAgain();
      if (!passes(gate, file)) continue;
      passed.push(file);
      if (names(summaries, file)) wrong.push(file);
    }
    return { passed, wrong };
  }

  it('a file the gate passes over names no state in its full summary, nor does any file it imports', () => {
    const { passed, wrong } = compare(
      (gate, file) => !gate.mayReachState(file),
      (summaries, file) => namesState(summaries, file, false),
    );
    expect(wrong).toEqual([]);
    // The comparison covers files on both sides of the gate.
    expect(passed.length).toBeGreaterThan(20);
    expect(files.length - passed.length).toBeGreaterThan(20);
  });

  it('a file whose functions the gate says cannot write state: no function, object member or instance of its full summary writes any', () => {
    const { passed, wrong } = compare(
      (gate, file) => !gate.mayReachWrites(file),
      (summaries, file) => namesState(summaries, file, false, new Set(), true),
    );
    expect(wrong).toEqual([]);
    expect(passed.length).toBeGreaterThan(20);
    expect(files.length - passed.length).toBeGreaterThan(20);
  });

  it('a file whose classes the gate says cannot write: no method of a class of its full summary writes a field or state', () => {
    const { passed, wrong } = compare(
      (gate, file) => !gate.mayReachFieldWrites(file),
      (summaries, file) => namesState(summaries, file, true, new Set(), true),
    );
    expect(wrong).toEqual([]);
    expect(passed.length).toBeGreaterThan(20);
    expect(files.length - passed.length).toBeGreaterThan(20);
  });

  /** Whether loading `file`, or calling a function it exports (through re-exports too), has an effect its full summary records. */
  function hasEffect(summaries: Summaries, file: string, effect: (fn: FunctionSummary) => boolean, onLoad = false, seen = new Set<string>()): boolean {
    if (seen.has(file)) return false;
    seen.add(file);
    const summary = summaries.of(file);
    if (!summary) return false;
    const exportHas = (found: ExportSummary): boolean => {
      switch (found.type) {
        case 'function':
          return effect(found);
        case 'object':
          return [...found.members.values()].some(exportHas);
        // A method of a class, or of the instance the module makes of it.
        case 'class':
          return [...found.effects.values()].some(effect);
        case 'instance':
          return [...found.of.effects.values()].some(effect);
        case 'made': {
          const made = summaries.lookup(found.file, [found.name]);
          return made?.type === 'class' && [...made.effects.values()].some(effect);
        }
        case 'reexport':
          return hasEffect(summaries, found.file, effect, onLoad, seen);
        default:
          return false;
      }
    };
    return (onLoad && summaries.jobsOnLoad(file).length > 0) || [...summary.exports.values()].some(exportHas);
  }

  it('a file from which the gate says no timer can start: neither loading it nor calling its functions starts a job or deferred work in the full summaries', () => {
    const startsJob = (summaries: Summaries, file: string): boolean =>
      hasEffect(
        summaries,
        file,
        (fn) => {
          const effects = summaries.effectsOf(fn);
          return effects.jobs.length > 0 || effects.deferred.length > 0;
        },
        true,
      );
    const { passed, wrong } = compare((gate, file) => !gate.mayReachJobs(file), startsJob);
    expect(wrong).toEqual([]);
    expect(passed.length).toBeGreaterThan(20);
    // Files on the other side of the gate start jobs: the fixtures' job modules among them.
    expect(files.filter((file) => startsJob(summaries, file)).map((file) => path.basename(file))).toEqual(expect.arrayContaining(['cleanup.ts', 'nightly.cjs', 'notify.ts']));
  });

  it('a file whose factories the gate says keep nothing: no function of its full summary returns an object whose methods write its closure', () => {
    const makesClosureState = (summaries: Summaries, file: string): boolean => hasEffect(summaries, file, (fn) => (fn.returns?.size ?? 0) > 0);
    const { passed, wrong } = compare((gate, file) => !gate.mayReachFactoryWrites(file), makesClosureState);
    expect(wrong).toEqual([]);
    expect(passed.length).toBeGreaterThan(20);
    expect(files.filter((file) => makesClosureState(summaries, file)).map((file) => path.basename(file))).toEqual(expect.arrayContaining(['throttle.ts']));
  });

  it('a file from which the gate says no file can be written: no function of its full summary leaves one on disk', () => {
    const writesFiles = (summaries: Summaries, file: string): boolean => hasEffect(summaries, file, (fn) => summaries.effectsOf(fn).files.length > 0);
    const { passed, wrong } = compare((gate, file) => !gate.mayReachFileWrites(file), writesFiles);
    expect(wrong).toEqual([]);
    expect(passed.length).toBeGreaterThan(20);
    expect(files.filter((file) => writesFiles(summaries, file)).map((file) => path.basename(file))).toEqual(expect.arrayContaining(['uploads.ts', 'files.cjs']));
  });

  it('a file the gate says opens no database: its full summary names none opened on load', () => {
    const opensDatabase = (summaries: Summaries, file: string): boolean => summaries.databasesOnLoad(file).length > 0;
    const { passed, wrong } = compare((gate, file) => !gate.mayOpenDatabase(file), opensDatabase);
    expect(wrong).toEqual([]);
    expect(passed.length).toBeGreaterThan(20);
    expect(files.filter((file) => opensDatabase(summaries, file)).map((file) => path.basename(file))).toEqual(expect.arrayContaining(['datasource.ts', 'notes-db.cjs']));
    expect(files.filter((file) => opensDatabase(summaries, file)).map((file) => path.basename(file))).not.toContain('scratch-db.ts');
  });

  it('a file left unsummarised (no state, no class, no project import) names no state, classes included', () => {
    const { passed, wrong } = compare(
      (_gate, file) => !needsSummary(readFileSync(file, 'utf8'), file),
      (summaries, file) => namesState(summaries, file, true),
    );
    expect(wrong).toEqual([]);
    expect(passed.length).toBeGreaterThan(10);
  });
});

describe('the gate over time', () => {
  it('reads a file again once it is linted with other content, and works every answer out anew', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gate-edit-'));
    try {
      mkdirSync(path.join(root, 'src'));
      writeFileSync(path.join(root, 'package.json'), '{"name":"edit","type":"module"}');
      const routes = path.join(root, 'src', 'routes.ts');
      const stats = path.join(root, 'src', 'stats.ts');
      writeFileSync(routes, "import { record } from './stats';\nexport function handle(ip: string) { record(ip); }\n");
      writeFileSync(stats, 'export function record(ip: string) { console.log(ip); }\n');
      const gate = new StateGate();
      expect(gate.mayReachState(routes)).toBe(false);
      const edited = 'const hits = new Map<string, number>();\nexport function record(ip: string) { hits.set(ip, 1); }\n';
      writeFileSync(stats, edited);
      // Linted with the content the gate read: nothing to do.
      gate.linted(routes, readFileSync(routes, 'utf8'));
      expect(gate.mayReachState(routes)).toBe(false);
      gate.linted(stats, edited);
      expect(gate.mayReachState(routes)).toBe(true);
      expect(gate.counts).toEqual({ asked: 3, skipped: 2 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
