import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseForESLint, type ParserOptions } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { parseProjectFile, parserOptionsFor } from '../src/analysis/project/parse.js';
import { sourceFiles } from './source-files.js';

/**
 * `node --expose-gc dist/bench/parse.js --root DIR [--root DIR…] [--max N] [--candidates DIR]`:
 * parses the JavaScript and TypeScript files under each root with typescript-estree (what the
 * rules see) and with oxc-parser plus @typescript-eslint/scope-manager, and reports files a
 * second, retained heap a file, and every class of difference between the two trees (node types,
 * ranges, scalar properties, comments, tokens, scopes). oxc-parser is loaded from `--candidates`.
 */

const USAGE = 'Usage: node --expose-gc dist/bench/parse.js --root DIR [--root DIR…] [--max N] [--candidates DIR] [--show N]';

type Node = Record<string, unknown> & { type: string; range?: [number, number] };
interface OxcParser {
  parseSync(filename: string, text: string, options: Record<string, unknown>): { program: Node; comments: { type: string; start: number; end: number }[]; errors: unknown[] };
}
interface ScopeLike {
  type: string;
  variables: { name: string }[];
  references: unknown[];
  through: unknown[];
}
interface ScopeManagerModule {
  analyze(tree: unknown, options: Record<string, unknown>): { scopes: ScopeLike[] };
}

const SOURCE = /\.(?:tsx?|jsx?|[cm][jt]s)$/u;

function corpus(roots: readonly string[], max: number): string[] {
  const files = sourceFiles(roots, (name, file) => SOURCE.test(name) && !/\.d\.[cm]?ts$/u.test(name) && statSync(file).size <= 1024 * 1024);
  if (files.length <= max) return files;
  // An even sample keeps every part of every root in it.
  const step = files.length / max;
  return Array.from({ length: max }, (_, index) => files[Math.floor(index * step)] ?? '');
}

function sourceTypeOf(file: string): 'module' | 'script' {
  return file.endsWith('.cjs') ? 'script' : 'module';
}

function typescriptEstree(file: string, text: string): { ast: Node; scopes: ScopeLike[] } {
  const result = parseForESLint(text, parserOptionsFor(file) as ParserOptions);
  return { ast: result.ast as unknown as Node, scopes: result.scopeManager.scopes as unknown as ScopeLike[] };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) };
}

/** What ESLint needs beyond oxc-parser's tree: `loc` on every node (oxc gives offsets only). */
function addLocations(root: Node, text: string, keys: Readonly<Record<string, readonly string[] | undefined>>): void {
  const starts = lineStarts(text);
  const visit = (node: Node): void => {
    const range = node.range;
    if (range) node['loc'] = { start: position(starts, range[0]), end: position(starts, range[1]) };
    for (const key of keys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child as unknown[]) if (isNode(item)) visit(item);
      } else if (isNode(child)) visit(child);
    }
  };
  visit(root);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** A value as text, objects with their keys in order (the two parsers order `raw`/`cooked` differently). */
function show(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((key) => `${key}:${show(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const NOT_COMPARED = new Set(['type', 'range', 'loc', 'start', 'end', 'parent', 'tokens', 'comments']);

/** Every difference between two trees, as `class → count` (one count a file a class). */
function differences(a: Node, b: Node, keys: Readonly<Record<string, readonly string[] | undefined>>, text: string, found: Map<string, string>): void {
  const note = (kind: string, example: Node): void => {
    if (!found.has(kind)) found.set(kind, text.slice(example.range?.[0] ?? 0, Math.min((example.range?.[1] ?? 0), (example.range?.[0] ?? 0) + 80)).replace(/\s+/gu, ' '));
  };
  const visit = (left: Node, right: Node, where: string): void => {
    if (left.type !== right.type) {
      note(`type: ${where}: ${left.type} vs ${right.type}`, left);
      return;
    }
    if (left.range?.[0] !== right.range?.[0] || left.range?.[1] !== right.range?.[1]) note(`range: ${left.type}`, left);
    const childKeys = new Set(keys[left.type] ?? []);
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      if (NOT_COMPARED.has(key) || childKeys.has(key)) continue;
      const l = left[key];
      const r = right[key];
      if (isNode(l) || isNode(r) || Array.isArray(l) || Array.isArray(r)) {
        if (JSON.stringify(l) === undefined && JSON.stringify(r) === undefined) continue;
        note(`property holding nodes outside the visitor keys: ${left.type}.${key}`, left);
        continue;
      }
      if (show(l) === show(r)) continue;
      const absent = (value: unknown): boolean => value === undefined || value === null || value === false;
      // A property one tree leaves out and the other sets to null or false says the same thing.
      if (absent(l) && absent(r)) note(`property: ${left.type}.${key}: ${show(l)} vs ${show(r)} (same meaning)`, left);
      else note(`property: ${left.type}.${key}`, left);
    }
    for (const key of childKeys) {
      const l = left[key];
      const r = right[key];
      if (Array.isArray(l) || Array.isArray(r)) {
        const ls = Array.isArray(l) ? (l as unknown[]) : [];
        const rs = Array.isArray(r) ? (r as unknown[]) : [];
        if (ls.length !== rs.length) {
          note(`children: ${left.type}.${key}: ${ls.length} vs ${rs.length}`.replace(/\d+ vs \d+/u, 'count'), left);
          continue;
        }
        ls.forEach((item, index) => {
          const other = rs[index];
          if (isNode(item) && isNode(other)) visit(item, other, `${left.type}.${key}`);
          else if (isNode(item) !== isNode(other)) note(`child: ${left.type}.${key}: ${isNode(item) ? 'node' : 'null'} vs ${isNode(other) ? 'node' : 'null'}`, left);
        });
      } else if (isNode(l) && isNode(r)) visit(l, r, `${left.type}.${key}`);
      else if (isNode(l) !== isNode(r)) note(`child: ${left.type}.${key}: ${isNode(l) ? l.type : String(l)} vs ${isNode(r) ? r.type : String(r)}`, left);
    }
  };
  visit(a, b, 'Program');
}

function compareScopes(a: readonly ScopeLike[], b: readonly ScopeLike[], found: Map<string, string>): void {
  if (a.length !== b.length) {
    found.set('scopes: count', `${a.length} vs ${b.length}`);
    return;
  }
  a.forEach((scope, index) => {
    const other = b[index];
    if (!other) return;
    if (scope.type !== other.type) found.set(`scopes: type ${scope.type} vs ${other.type}`, '');
    const names = (s: ScopeLike): string => s.variables.map((variable) => variable.name).join(',');
    if (names(scope) !== names(other)) found.set(`scopes: variables of a ${scope.type} scope`, `${names(scope)} | ${names(other)}`.slice(0, 120));
    if (scope.references.length !== other.references.length) found.set(`scopes: references of a ${scope.type} scope`, '');
    if (scope.through.length !== other.through.length) found.set(`scopes: through of a ${scope.type} scope`, '');
  });
}

function main(argv: readonly string[]): void {
  const roots: string[] = [];
  let max = 3000;
  let show = 2;
  let candidates = process.cwd();
  for (let index = 0; index < argv.length; index += 2) {
    const value = argv[index + 1] ?? '';
    if (argv[index] === '--root') roots.push(path.resolve(value));
    else if (argv[index] === '--max') max = Number(value);
    else if (argv[index] === '--show') show = Number(value);
    else if (argv[index] === '--candidates') candidates = path.resolve(value);
    else {
      console.error(USAGE);
      process.exitCode = 2;
      return;
    }
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (roots.length === 0 || !gc) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const load = createRequire(path.join(candidates, 'package.json'));
  const oxc = load('oxc-parser') as OxcParser;
  const scopeManager = createRequire(createRequire(import.meta.url).resolve('@typescript-eslint/parser'))('@typescript-eslint/scope-manager') as ScopeManagerModule;
  const files = corpus(roots, max);
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const bytes = texts.reduce((sum, text) => sum + text.length, 0);
  console.log(`${files.length} files (${(bytes / 1e6).toFixed(1)} MB) from ${roots.map((root) => path.basename(root)).join(', ')}`);

  const keysOf = (file: string, text: string): Readonly<Record<string, readonly string[] | undefined>> => parseForESLint(text, { filePath: file, range: true, eslintVisitorKeys: true }).visitorKeys;
  const keys = keysOf('a.ts', '');

  // Timing: each side parses the whole corpus once to warm up, then once timed; parse and scope
  // analysis are timed apart, and files that fail to parse on a side are counted.
  const timeSide = (name: string, run: (file: string, text: string, phase: (label: string) => void) => void): void => {
    for (let index = 0; index < files.length; index++) {
      try {
        run(files[index] ?? '', texts[index] ?? '', () => undefined);
      } catch {
        // counted in the timed pass
      }
    }
    const totals = new Map<string, number>();
    let failed = 0;
    const start = performance.now();
    for (let index = 0; index < files.length; index++) {
      let last = performance.now();
      try {
        run(files[index] ?? '', texts[index] ?? '', (label) => {
          const now = performance.now();
          totals.set(label, (totals.get(label) ?? 0) + now - last);
          last = now;
        });
      } catch {
        failed++;
      }
    }
    const total = performance.now() - start;
    const parts = [...totals].map(([label, ms]) => `${label} ${ms.toFixed(0)} ms`).join(', ');
    console.log(`| ${name} | ${((files.length / total) * 1000).toFixed(0)} | ${total.toFixed(0)} | ${parts} | ${failed} |`);
  };
  console.log('| parser | files/s | total ms | of which | failed |');
  console.log('| --- | ---: | ---: | --- | ---: |');
  timeSide('typescript-estree (parseForESLint)', (file, text, phase) => {
    const result = parseForESLint(text, parserOptionsFor(file) as ParserOptions);
    phase('parse + scopes');
    void result;
  });
  timeSide('oxc-parser + scope-manager', (file, text, phase) => {
    const result = oxc.parseSync(file, text, { range: true, preserveParens: false, sourceType: sourceTypeOf(file) });
    if (result.errors.length > 0) throw new Error('does not parse');
    phase('parse');
    addLocations(result.program, text, keys);
    phase('loc');
    scopeManager.analyze(result.program, { sourceType: sourceTypeOf(file), lib: undefined, globalReturn: undefined, jsxPragma: undefined, jsxFragmentName: undefined });
    phase('scopes');
  });
  timeSide('parseProjectFile (SourceCode)', (file, text) => {
    if (!parseProjectFile(file, text)) throw new Error('does not parse');
  });

  // Retained heap a file: a few hundred results kept alive, measured after a collection.
  const retained = (name: string, make: (file: string, text: string) => unknown): void => {
    const count = Math.min(300, files.length);
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: unknown[] = [];
    for (let index = 0; index < count; index++) {
      try {
        kept.push(make(files[index] ?? '', texts[index] ?? ''));
      } catch {
        kept.push(undefined);
      }
    }
    gc();
    const after = process.memoryUsage().heapUsed;
    console.log(`retained heap, ${name}: ${((after - before) / count / 1024).toFixed(0)} KiB a file (${kept.length} kept)`);
  };
  retained('typescript-estree + scopes', (file, text) => typescriptEstree(file, text));
  retained('oxc-parser + loc + scopes', (file, text) => {
    const result = oxc.parseSync(file, text, { range: true, preserveParens: false, sourceType: sourceTypeOf(file) });
    addLocations(result.program, text, keys);
    return [result, scopeManager.analyze(result.program, { sourceType: sourceTypeOf(file) })];
  });

  // Sameness.
  const classes = new Map<string, { files: number; example: string }>();
  let compared = 0;
  let onlyOne = 0;
  for (let index = 0; index < files.length; index++) {
    const file = files[index] ?? '';
    const text = texts[index] ?? '';
    let left: { ast: Node; scopes: ScopeLike[] } | undefined;
    let right: { ast: Node; scopes: ScopeLike[]; comments: { type: string; start: number; end: number }[] } | undefined;
    try {
      left = typescriptEstree(file, text);
    } catch {
      left = undefined;
    }
    try {
      const result = oxc.parseSync(file, text, { range: true, preserveParens: false, sourceType: sourceTypeOf(file) });
      if (result.errors.length === 0) right = { ast: result.program, comments: result.comments, scopes: scopeManager.analyze(result.program, { sourceType: sourceTypeOf(file) }).scopes };
    } catch {
      right = undefined;
    }
    if (!left || !right) {
      if (left || right) onlyOne++;
      if (left || right) {
        const kind = `parses with ${left ? 'typescript-estree' : 'oxc-parser'} only`;
        const entry = classes.get(kind) ?? { files: 0, example: path.relative(path.dirname(roots[0] ?? ''), file) };
        entry.files++;
        classes.set(kind, entry);
      }
      continue;
    }
    compared++;
    const found = new Map<string, string>();
    differences(left.ast, right.ast, keys, text, found);
    const leftComments = (left.ast['comments'] as TSESTree.Comment[] | undefined) ?? [];
    if (leftComments.length !== right.comments.length || leftComments.some((comment, at) => comment.range[0] !== right.comments[at]?.start || comment.range[1] !== right.comments[at]?.end)) found.set('comments differ', '');
    found.set('tokens: oxc-parser gives none (SourceCode token methods need them)', '');
    compareScopes(left.scopes, right.scopes, found);
    for (const [kind, example] of found) {
      const entry = classes.get(kind) ?? { files: 0, example: `${path.basename(file)}: ${example}` };
      entry.files++;
      classes.set(kind, entry);
    }
  }
  console.log(`\nsameness: ${compared} files compared, ${onlyOne} parse on one side only; classes of difference (files with it; an example):`);
  const sorted = [...classes].sort((a, b) => b[1].files - a[1].files);
  for (const [kind, { files: count, example }] of sorted) console.log(`- ${count} × ${kind}${show > 0 ? `  — ${example}` : ''}`);
}

main(process.argv.slice(2));
