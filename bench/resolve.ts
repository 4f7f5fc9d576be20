import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { projectResolver } from '../src/analysis/project/resolve.js';
import { sourceFiles } from './source-files.js';
import { enhancedCandidate, getTsconfigCandidate, oxcCandidate, type ImportKind, type Resolve } from './resolve-candidates.js';

/**
 * `node dist/bench/resolve.js --root DIR [--candidates DIR]`: resolves every import of every
 * TypeScript file under DIR with each candidate resolver, each in a Node process of its own (cold:
 * a first pass with empty caches; warm: the same pass again), and compares each answer, reduced to
 * "which file of the project", with TypeScript's `resolveModuleName` under the nearest tsconfig.
 */

const USAGE = 'Usage: node dist/bench/resolve.js --root DIR [--candidates DIR] [--show N]';

interface Import {
  file: string;
  specifier: string;
  kind: ImportKind;
}

interface ChildResult {
  loadMs: number;
  coldMs: number;
  warmMs: number;
  answers: (string | null)[];
}

const CANDIDATES: Record<string, (load: NodeJS.Require) => Resolve> = {
  'oxc-resolver': oxcCandidate,
  'enhanced-resolve': enhancedCandidate,
  'get-tsconfig + hand-written': getTsconfigCandidate,
  // The project's own resolver (oxc-resolver inside), with its answer cache and its checks: a new
  // lint for each file, as ESLint runs it.
  'projectResolver (src/analysis/project)': () => {
    let lastFile = '';
    let resolver = projectResolver(process.cwd());
    return (specifier, fromFile, kind) => {
      if (fromFile !== lastFile) {
        lastFile = fromFile;
        resolver = projectResolver(fromFile);
      }
      return resolver.resolve(specifier, fromFile, kind);
    };
  },
};

const SCRIPT = /\.(?:[cm]?tsx?|[cm]?jsx?)$/u;
const DECLARATION = /\.d\.(?:[cm]?ts|[^.]+\.ts)$/u;

/** Static imports, re-exports, `import x = require()`, `require()` and `import()` with a string. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ file, specifier: node.moduleSpecifier.text, kind: 'import' });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ file, specifier: node.moduleReference.expression.text, kind: 'require' });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push({ file, specifier: node.arguments[0].text, kind: 'import' });
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') found.push({ file, specifier: node.arguments[0].text, kind: 'require' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A resolver's answer as the project resolver must give it: a real path of a script of the project. */
function projectAnswer(resolved: string | undefined): string | undefined {
  if (resolved === undefined) return undefined;
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch {
    return undefined;
  }
  if (real.split(path.sep).includes('node_modules') || DECLARATION.test(real) || !SCRIPT.test(real)) return undefined;
  return real;
}

interface Expected {
  answer: string | undefined;
  /** What TypeScript resolved to, before the project filter (a declaration file, a package, nothing). */
  raw: string | undefined;
}

function typescriptAnswers(imports: readonly Import[]): { expected: Expected[]; ms: number } {
  const start = performance.now();
  const configs = new Map<string, { options: ts.CompilerOptions; cache: ts.ModuleResolutionCache }>();
  const configOf = (file: string): { options: ts.CompilerOptions; cache: ts.ModuleResolutionCache } => {
    const configPath = ts.findConfigFile(path.dirname(file), ts.sys.fileExists, 'tsconfig.json') ?? '';
    let entry = configs.get(configPath);
    if (!entry) {
      const parsed = configPath
        ? ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })
        : undefined;
      const options = parsed?.options ?? {};
      entry = { options, cache: ts.createModuleResolutionCache(path.dirname(configPath || file), (name) => name, options) };
      configs.set(configPath, entry);
    }
    return entry;
  };
  const expected = imports.map(({ file, specifier, kind }): Expected => {
    const { options, cache } = configOf(file);
    const nodeModes =
      options.moduleResolution === ts.ModuleResolutionKind.Node16 ||
      options.moduleResolution === ts.ModuleResolutionKind.NodeNext ||
      (options.moduleResolution === undefined && (options.module === ts.ModuleKind.Node16 || options.module === ts.ModuleKind.NodeNext));
    const format = nodeModes && kind === 'import' ? ts.getImpliedNodeFormatForFile(file as ts.Path, cache.getPackageJsonInfoCache(), ts.sys, options) : undefined;
    const mode = kind === 'require' ? ts.ModuleKind.CommonJS : (format ?? ts.ModuleKind.ESNext);
    const raw = ts.resolveModuleName(specifier, file, options, ts.sys, cache, undefined, mode).resolvedModule?.resolvedFileName;
    return { answer: projectAnswer(raw), raw };
  });
  return { expected, ms: performance.now() - start };
}

function runChild(name: string, input: string, candidates: string): void {
  const imports = JSON.parse(readFileSync(input, 'utf8')) as Import[];
  const load = createRequire(path.join(path.resolve(candidates), 'package.json'));
  const loadStart = performance.now();
  const resolve = CANDIDATES[name]?.(load);
  const loadMs = performance.now() - loadStart;
  if (!resolve) throw new Error(`no candidate ${name}`);
  const pass = (): { ms: number; answers: (string | null)[] } => {
    const start = performance.now();
    const raw = imports.map(({ specifier, file, kind }) => {
      try {
        return resolve(specifier, file, kind);
      } catch {
        return undefined;
      }
    });
    const ms = performance.now() - start;
    return { ms, answers: raw.map((answer) => projectAnswer(answer) ?? null) };
  };
  const cold = pass();
  const warm = pass();
  const result: ChildResult = { loadMs, coldMs: cold.ms, warmMs: warm.ms, answers: cold.answers };
  process.stdout.write(JSON.stringify(result));
}

function relativeTo(root: string, file: string | undefined | null): string {
  return file ? path.relative(root, file) : '—';
}

function main(argv: readonly string[]): void {
  let root = '';
  let candidates = process.cwd();
  let show = 8;
  for (let index = 0; index < argv.length; index++) {
    const value = argv[index + 1] ?? '';
    if (argv[index] === '--root') root = path.resolve(value);
    else if (argv[index] === '--candidates') candidates = path.resolve(value);
    else if (argv[index] === '--show') show = Number(value);
    else if (argv[index] === '--child') {
      runChild(value, argv[index + 3] ?? '', argv[index + 5] ?? '');
      return;
    } else {
      console.error(USAGE);
      process.exitCode = 2;
      return;
    }
    index++;
  }
  if (!root || !statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const files = sourceFiles([root], (name) => /\.(?:[cm]?ts|tsx)$/u.test(name) && !DECLARATION.test(name));
  const imports = files.flatMap(importsOf);
  const { expected, ms: tsMs } = typescriptAnswers(imports);
  const projectImports = expected.filter((entry) => entry.answer !== undefined).length;
  console.log(`${path.basename(root)}: ${files.length} files, ${imports.length} imports, ${projectImports} to a project file by TypeScript (${((tsMs / imports.length) * 1000).toFixed(0)} ms per 1,000 for ts.resolveModuleName)`);

  const work = mkdtempSync(path.join(os.tmpdir(), 'resolve-bench-'));
  const input = path.join(work, 'imports.json');
  writeFileSync(input, JSON.stringify(imports));
  const self = fileURLToPath(import.meta.url);
  try {
    console.log('| resolver | load ms | cold ms / 1,000 | warm ms / 1,000 | agrees with TypeScript | disagrees |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    const details: string[] = [];
    for (const name of Object.keys(CANDIDATES)) {
      const child = spawnSync(process.execPath, [self, '--child', name, '--input', input, '--candidates', candidates], { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (child.status !== 0) {
        console.log(`| ${name} | failed: ${child.stderr.split('\n')[0] ?? ''} |`);
        continue;
      }
      const result = JSON.parse(child.stdout) as ChildResult;
      const classes = new Map<string, string[]>();
      result.answers.forEach((answer, index) => {
        const want = expected[index];
        const entry = imports[index];
        if (!want || !entry || (answer ?? undefined) === want.answer) return;
        const why = want.answer === undefined ? (want.raw === undefined ? 'TypeScript: none' : DECLARATION.test(want.raw) ? 'TypeScript: a declaration file' : 'TypeScript: a package file') : answer === null ? 'candidate: none' : 'different files';
        const list = classes.get(why) ?? [];
        list.push(`${relativeTo(root, entry.file)}: '${entry.specifier}' → ${relativeTo(root, answer)} (TypeScript: ${relativeTo(root, want.raw)})`);
        classes.set(why, list);
      });
      const disagreements = [...classes.values()].reduce((sum, list) => sum + list.length, 0);
      const per1000 = (ms: number): string => ((ms / imports.length) * 1000).toFixed(1);
      console.log(`| ${name} | ${result.loadMs.toFixed(0)} | ${per1000(result.coldMs)} | ${per1000(result.warmMs)} | ${imports.length - disagreements} | ${disagreements} |`);
      for (const [why, list] of classes) {
        details.push(`${name}, ${why}: ${list.length}`);
        for (const line of list.slice(0, show)) details.push(`    ${line}`);
      }
    }
    console.log(details.join('\n'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
