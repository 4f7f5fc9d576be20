import { readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import type { NapiResolveOptions, ResolverFactory } from 'oxc-resolver';

/**
 * Which file of the project an import loads. oxc-resolver does the resolving (chosen by measurement:
 * docs/architecture.md, "Resolving the project's imports"); this module decides which tsconfig
 * applies, keeps it away from files it must not read, turns its answer into "a source file of this
 * project or nothing", and caches.
 *
 * The cache lives as long as the process and assumes that files do not change while ESLint lints
 * each file once, as the CLI does. A second lint of a file (an editor after an edit, `--fix`
 * passes) is the sign of a long-lived process: from then on every cached answer is checked again,
 * once, when next used: the config files it depends on (each `package.json`, `tsconfig.json` and `jsconfig.json`
 * from its directory up to the root, and the `extends` chain of the tsconfig that applies) by size
 * and mtime, the file it found by existence, and for a relative import the directories it looked in
 * by mtime (so a file created after an import of it was written is found). Any difference drops
 * every answer and oxc-resolver's own cache. So an editor that changes a tsconfig gets fresh answers
 * at the next lint of the file open in it, and a CLI run pays nothing for the checks.
 */

export type ImportKind = 'import' | 'require';

export interface ProjectResolver {
  /**
   * The real path of the project's own script (`.ts`, `.tsx`, `.mts`, `.cts`, `.js`, `.jsx`, `.mjs`,
   * `.cjs`) that `specifier`, imported from `fromFile`, loads; `undefined` for a file inside
   * `node_modules`, a declaration file, JSON or any other non-script, a Node builtin, or nothing.
   * `kind` picks the `import` or `require` condition of package.json `imports` and `exports`.
   */
  resolve(specifier: string, fromFile: string, kind?: ImportKind): string | undefined;
}

/** Config files larger than this are not read: a tsconfig or package.json of a real project is far smaller. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_EXTENDS_DEPTH = 8;

const SCRIPT = /\.(?:tsx?|jsx?|[cm][jt]s)$/u;
const DECLARATION = /\.d\.(?:[cm]?ts|[^./]+\.ts)$/u;

const BASE_OPTIONS: NapiResolveOptions = {
  // TypeScript's order for an extensionless import, then what a runtime or bundler would load.
  extensions: ['.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs'],
  // An import names the emitted file (`./x.js`); with TypeScript the source is `./x.ts`.
  extensionAlias: { '.js': ['.ts', '.tsx', '.js', '.jsx'], '.jsx': ['.tsx', '.jsx'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
  mainFields: ['types', 'typings', 'module', 'main'],
  symlinks: true,
  nodePath: false,
};

/**
 * `types` first, as TypeScript reads a package: a workspace package that points `types` at its
 * sources resolves to them. A declaration file found that way is asked again without it, for the
 * JavaScript that runs.
 */
function conditions(kind: ImportKind, withTypes: boolean): string[] {
  return [...(withTypes ? ['types'] : []), kind, 'node', 'default'];
}

/**
 * oxc-resolver, loaded on the first import of the project that a file asks about: loading its
 * native binding costs about 0.1–0.2 s, which a lint that never crosses a file must not pay.
 */
let oxc: typeof import('oxc-resolver') | undefined;
function oxcResolver(): typeof import('oxc-resolver') {
  oxc ??= createRequire(import.meta.url)('oxc-resolver') as typeof import('oxc-resolver');
  return oxc;
}

/** oxc-resolver's resolvers of one kind: one for each condition set, sharing one file cache. */
interface Family {
  import: ResolverFactory;
  require: ResolverFactory;
  /** Without the `types` condition and fields: what runs, when `types` led to a declaration file. */
  runtime: Record<ImportKind, ResolverFactory>;
}

/**
 * `tsconfig: 'auto'` makes oxc-resolver use the tsconfig nearest to each importing file. One
 * resolver a tsconfig (`tsconfig: { configFile }`) would have been the obvious shape, but clones
 * made by `cloneWithOptions` share the first tsconfig they load (oxc-resolver 11.24), and separate
 * resolvers would each stat the same files again.
 */
function family(tsconfig: NapiResolveOptions['tsconfig']): Family {
  const options = (kind: ImportKind, withTypes: boolean): NapiResolveOptions => ({
    ...BASE_OPTIONS,
    conditionNames: conditions(kind, withTypes),
    ...(withTypes ? {} : { mainFields: ['module', 'main'] }),
    ...(tsconfig === undefined ? {} : { tsconfig }),
  });
  const first = new (oxcResolver().ResolverFactory)(options('import', true));
  return {
    import: first,
    require: first.cloneWithOptions(options('require', true)),
    runtime: { import: first.cloneWithOptions(options('import', false)), require: first.cloneWithOptions(options('require', false)) },
  };
}

interface DirectoryState {
  epoch: number;
  /** Size and mtime of every config file the answers from this directory depend on. */
  signature: string;
  /** A package.json on the way up is not a regular file or is too large: oxc-resolver would read it. */
  unsafe: boolean;
  /** Whether the nearest tsconfig and its `extends` chain may be read, so that its aliases apply. */
  aliases: boolean;
  /** The nearest config is a `jsconfig.json` (a JavaScript project's tsconfig): its aliases apply. */
  jsconfig?: string;
}

interface Answer {
  epoch: number;
  file: string | undefined;
  /**
   * For a relative import: the directories it looked in (the target's parent, and the target as a
   * directory) with their mtimes then, as one string.
   */
  lookedIn: readonly string[];
  lookedInStamp: string;
}

class ResolverState implements ProjectResolver {
  private epoch = 0;
  private readonly answers = new Map<string, Answer>();
  private readonly directories = new Map<string, DirectoryState>();
  /** `stat` results of this epoch, so that a file is looked at once a lint whichever answer asks. */
  private stamps = new Map<string, Stats | undefined>();
  private readonly extendsCache = new Map<string, { stamp: string; targets: string[] }>();
  private readonly withAliases = family('auto');
  private readonly plain = family(undefined);
  /**
   * One family for each `jsconfig.json`: oxc-resolver's `'auto'` reads only `tsconfig.json`. A
   * project has one or a few, each made when first needed.
   */
  private readonly jsconfigFamilies = new Map<string, Family>();
  private readonly extendsResolver = this.plain.import.cloneWithOptions({ extensions: ['.json'], mainFields: ['tsconfig'], mainFiles: ['tsconfig'], conditionNames: [], nodePath: false });

  /** Files linted so far: a second lint of one starts a new epoch, in which answers are checked again. */
  private readonly linted = new Set<string>();

  startLint(fromFile: string): void {
    if (!this.linted.has(fromFile)) {
      this.linted.add(fromFile);
      return;
    }
    this.linted.clear();
    this.linted.add(fromFile);
    this.epoch++;
    this.stamps = new Map();
  }

  resolve(specifier: string, fromFile: string, kind: ImportKind = 'import'): string | undefined {
    try {
      return this.resolveUnsafe(specifier, fromFile, kind);
    } catch {
      return undefined;
    }
  }

  private resolveUnsafe(specifier: string, fromFile: string, kind: ImportKind): string | undefined {
    if (specifier === '' || specifier.startsWith('node:') || isBuiltin(specifier) || specifier.includes('\0')) return undefined;
    const directory = path.dirname(path.resolve(fromFile));
    const key = `${kind}\0${directory}\0${specifier}`;
    const known = this.answers.get(key);
    if (known?.epoch === this.epoch) return known.file;
    const state = this.directory(directory);
    const answer = this.answers.get(key);
    if (answer) {
      if (this.stillTrue(answer)) {
        answer.epoch = this.epoch;
        return answer.file;
      }
      this.forgetEverything();
    }
    const fresh = this.compute(specifier, path.resolve(fromFile), kind, state);
    this.answers.set(key, fresh);
    return fresh.file;
  }

  private stillTrue(answer: Answer): boolean {
    if (answer.file !== undefined && !this.stat(answer.file)?.isFile()) return false;
    return this.stampsOf(answer.lookedIn) === answer.lookedInStamp;
  }

  private compute(specifier: string, fromFile: string, kind: ImportKind, state: DirectoryState): Answer {
    const directory = path.dirname(fromFile);
    const relative = specifier.startsWith('.') || path.isAbsolute(specifier);
    const target = path.resolve(directory, specifier);
    const lookedIn = relative ? [path.dirname(target), target] : [];
    const answer: Answer = { epoch: this.epoch, file: undefined, lookedIn, lookedInStamp: this.stampsOf(lookedIn) };
    if (state.unsafe || (!relative && !specifier.startsWith('#') && !this.packageIsSafe(specifier, directory))) return answer;
    let resolvers = state.jsconfig !== undefined && state.aliases ? this.jsconfigFamily(state.jsconfig) : state.aliases ? this.withAliases : this.plain;
    const first = resolvers[kind].resolveFileSync(fromFile, specifier);
    let found = first.path;
    if (found === undefined && resolvers !== this.plain && !first.error?.startsWith('Cannot find module')) {
      // A tsconfig that does not load (a broken `extends`, bad JSON) fails every import; TypeScript
      // reports it and resolves the rest, and so does this: without aliases. (Matching the message
      // only saves the second try for an import that is simply not there.)
      resolvers = this.plain;
      found = resolvers[kind].resolveFileSync(fromFile, specifier).path;
    }
    if (found !== undefined && DECLARATION.test(found)) found = resolvers.runtime[kind].resolveFileSync(fromFile, specifier).path;
    if (found !== undefined && SCRIPT.test(found) && !DECLARATION.test(found) && !found.split(path.sep).includes('node_modules')) answer.file = found;
    return answer;
  }

  private jsconfigFamily(file: string): Family {
    let found = this.jsconfigFamilies.get(file);
    if (!found) {
      found = family({ configFile: file });
      this.jsconfigFamilies.set(file, found);
    }
    return found;
  }

  /** The config files of a directory, looked at once an epoch; a change forgets every answer. */
  private directory(directory: string): DirectoryState {
    const known = this.directories.get(directory);
    if (known?.epoch === this.epoch) return known;
    const fresh = this.readDirectory(directory);
    if (known && known.signature !== fresh.signature) this.forgetEverything();
    this.directories.set(directory, fresh);
    return fresh;
  }

  private readDirectory(directory: string): DirectoryState {
    const parts: string[] = [];
    let unsafe = false;
    let nearestTsconfig: string | undefined;
    let tsconfigUnsafe = false;
    for (let current = directory; ; current = path.dirname(current)) {
      // As TypeScript's editor support: the nearest `tsconfig.json` or `jsconfig.json`, the first in one folder.
      for (const name of ['package.json', 'tsconfig.json', 'jsconfig.json']) {
        const file = path.join(current, name);
        const stats = this.stat(file);
        if (!stats) continue;
        parts.push(`${file}:${stampOf(stats)}`);
        const safe = isSafeConfig(stats);
        if (name === 'package.json') unsafe ||= !safe;
        else if (nearestTsconfig === undefined) {
          nearestTsconfig = file;
          tsconfigUnsafe = !safe;
        }
      }
      if (path.dirname(current) === current) break;
    }
    let aliases = nearestTsconfig !== undefined && !tsconfigUnsafe;
    if (nearestTsconfig !== undefined && aliases) {
      const chain = this.extendsChain(nearestTsconfig);
      for (const file of chain.files) parts.push(`${file}:${stampOf(this.stat(file))}`);
      aliases = chain.safe;
    }
    const jsconfig = nearestTsconfig !== undefined && path.basename(nearestTsconfig) === 'jsconfig.json' ? nearestTsconfig : undefined;
    return { epoch: this.epoch, signature: parts.join('\n'), unsafe, aliases, ...(jsconfig === undefined ? {} : { jsconfig }) };
  }

  /** The tsconfig files that `extends` reaches from `tsconfig`, and whether all of them may be read. */
  private extendsChain(tsconfig: string): { files: string[]; safe: boolean } {
    const files: string[] = [];
    let safe = true;
    const visit = (file: string, depth: number): void => {
      if (files.includes(file) || depth > MAX_EXTENDS_DEPTH) return;
      const stats = this.stat(file);
      if (!stats) return;
      files.push(file);
      if (!isSafeConfig(stats)) {
        safe = false;
        return;
      }
      for (const target of this.extendsOf(file, stats)) visit(target, depth + 1);
    };
    visit(tsconfig, 0);
    return { files, safe };
  }

  private extendsOf(file: string, stats: Stats): string[] {
    const stamp = stampOf(stats);
    const known = this.extendsCache.get(file);
    if (known?.stamp === stamp) return known.targets;
    const targets: string[] = [];
    let value: unknown;
    try {
      value = extendsField(readFileSync(file, 'utf8'));
    } catch {
      value = undefined;
    }
    const directory = path.dirname(file);
    for (const entry of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof entry !== 'string' || entry === '') continue;
      if (entry.startsWith('.') || path.isAbsolute(entry)) {
        const target = path.resolve(directory, entry);
        targets.push(this.stat(target)?.isFile() || target.endsWith('.json') ? target : `${target}.json`);
      } else {
        const found = this.extendsResolver.sync(directory, entry).path;
        if (found !== undefined) targets.push(found);
      }
    }
    this.extendsCache.set(file, { stamp, targets });
    return targets;
  }

  /**
   * oxc-resolver reads the package.json of each `node_modules/<name>` it passes; one that is a device,
   * a FIFO or huge must not be read, so the bare specifier gets no answer.
   */
  private packageIsSafe(specifier: string, directory: string): boolean {
    const segments = specifier.split('/');
    const name = segments.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
    for (let current = directory; ; current = path.dirname(current)) {
      if (path.basename(current) !== 'node_modules') {
        const stats = this.stat(path.join(current, 'node_modules', name, 'package.json'));
        if (stats && !isSafeConfig(stats)) return false;
      }
      if (path.dirname(current) === current) return true;
    }
  }

  private stampsOf(files: readonly string[]): string {
    return files.map((file) => stampOf(this.stat(file))).join(' ');
  }

  private stat(file: string): Stats | undefined {
    if (this.stamps.has(file)) return this.stamps.get(file);
    let stats: Stats | undefined;
    try {
      stats = statSync(file, { throwIfNoEntry: false });
    } catch {
      stats = undefined;
    }
    this.stamps.set(file, stats);
    return stats;
  }

  private forgetEverything(): void {
    this.answers.clear();
    this.directories.clear();
    this.extendsCache.clear();
    this.withAliases.import.clearCache();
    this.plain.import.clearCache();
    this.jsconfigFamilies.clear();
  }
}

/**
 * The `extends` of a tsconfig's text (JSON with comments and trailing commas), read without loading
 * TypeScript, which a JavaScript project never loads.
 */
function extendsField(text: string): unknown {
  const json = text.replace(/("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//gu, (_match, string: string | undefined) => string ?? ' ').replace(/,(\s*[}\]])/gu, '$1');
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as { extends?: unknown }).extends : undefined;
  } catch {
    return undefined;
  }
}

function isSafeConfig(stats: Stats): boolean {
  return stats.isFile() && stats.size <= MAX_CONFIG_BYTES;
}

function stampOf(stats: Stats | undefined): string {
  return stats ? `${stats.isFile() ? 'f' : 'o'}${stats.size}@${stats.mtimeMs}` : 'none';
}

let shared: ResolverState | undefined;

/**
 * The resolver for a lint of `fromFile`, to be asked once a lint. A call for a file that was linted
 * before starts a new epoch: answers cached earlier are checked once more against the files they
 * depend on (see the top of this module).
 * One resolver serves the process; its caches are keyed by directory, so each project root and
 * each tsconfig has its own entries.
 */
export function projectResolver(fromFile: string): ProjectResolver {
  shared ??= new ResolverState();
  shared.startLint(fromFile);
  return shared;
}

/**
 * The same resolver, without starting a lint: for the files a lint reaches through imports (their
 * summaries, the text gate), which must not count as files linted again, each of which would start
 * a new epoch and check every cached answer once more.
 */
export function reachedFileResolver(): ProjectResolver {
  shared ??= new ResolverState();
  return shared;
}
