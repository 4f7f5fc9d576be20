import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The resolvers `bench/resolve.ts` compares, each behind one function. The packages that the project
 * does not depend on are loaded from `--candidates DIR` (a folder where they were installed with
 * `npm install oxc-resolver enhanced-resolve get-tsconfig`), so the bench needs none of them in the
 * project's own dependencies; their shapes are declared here as far as the bench uses them.
 */

export type ImportKind = 'import' | 'require';
export type Resolve = (specifier: string, fromFile: string, kind: ImportKind) => string | undefined;

/** What the project resolver looks for: script files, TypeScript's own order first. */
export const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs'];
/** TypeScript's rule: an import names the emitted file (`./x.js`), the source is `./x.ts`. */
export const EXTENSION_ALIAS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};
export function conditionsFor(kind: ImportKind): string[] {
  return ['types', kind, 'node', 'default'];
}

interface OxcResult {
  path?: string;
  error?: string;
}
interface OxcResolver {
  resolveFileSync(file: string, request: string): OxcResult;
}
interface OxcModule {
  ResolverFactory: new (options: Record<string, unknown>) => OxcResolver;
}

export function oxcCandidate(load: NodeJS.Require): Resolve {
  const { ResolverFactory } = load('oxc-resolver') as OxcModule;
  const options = (kind: ImportKind): Record<string, unknown> => ({
    tsconfig: 'auto',
    conditionNames: conditionsFor(kind),
    extensions: EXTENSIONS,
    extensionAlias: EXTENSION_ALIAS,
    mainFields: ['types', 'typings', 'module', 'main'],
    nodePath: false,
  });
  const byKind = { import: new ResolverFactory(options('import')), require: new ResolverFactory(options('require')) };
  return (specifier, fromFile, kind) => byKind[kind].resolveFileSync(fromFile, specifier).path;
}

interface EnhancedResolver {
  resolveSync(context: object, directory: string, request: string): string | false;
}
interface EnhancedModule {
  ResolverFactory: { createResolver(options: Record<string, unknown>): EnhancedResolver };
  CachedInputFileSystem: new (fs: unknown, duration: number) => object;
}

/** enhanced-resolve takes one tsconfig a resolver: the nearest one above the importing file decides. */
export function enhancedCandidate(load: NodeJS.Require): Resolve {
  const { ResolverFactory, CachedInputFileSystem } = load('enhanced-resolve') as EnhancedModule;
  const fileSystem = new CachedInputFileSystem(load('node:fs'), 4000);
  const resolvers = new Map<string, EnhancedResolver>();
  const nearest = nearestFinder('tsconfig.json');
  return (specifier, fromFile, kind) => {
    const tsconfig = nearest(path.dirname(fromFile));
    const key = `${kind}\0${tsconfig ?? ''}`;
    let resolver = resolvers.get(key);
    if (!resolver) {
      resolver = ResolverFactory.createResolver({
        fileSystem,
        useSyncFileSystemCalls: true,
        tsconfig: tsconfig ?? false,
        conditionNames: conditionsFor(kind),
        extensions: EXTENSIONS,
        extensionAlias: EXTENSION_ALIAS,
        mainFields: ['types', 'typings', 'module', 'main'],
      });
      resolvers.set(key, resolver);
    }
    try {
      const result = resolver.resolveSync({}, path.dirname(fromFile), specifier);
      return result === false ? undefined : result;
    } catch {
      return undefined;
    }
  };
}

interface TsconfigResult {
  path: string;
  config: object;
}
interface GetTsconfigModule {
  getTsconfig(searchPath: string, configName: string, cache: Map<string, unknown>): TsconfigResult | null;
  createPathsMatcher(result: TsconfigResult): ((specifier: string) => string[]) | null;
}
type PathConditions = string | readonly PathConditions[] | { readonly [condition: string]: PathConditions | null };
interface PkgMapsModule {
  resolveImports(imports: PathConditions, request: string, conditions: readonly string[]): string[];
  resolveExports(exports: PathConditions, request: string, conditions: readonly string[]): string[];
}

function nearestFinder(name: string): (directory: string) => string | undefined {
  const found = new Map<string, string | undefined>();
  const find = (directory: string): string | undefined => {
    if (found.has(directory)) return found.get(directory);
    const candidate = path.join(directory, name);
    const parent = path.dirname(directory);
    const result = isFile(candidate) ? candidate : parent === directory ? undefined : find(parent);
    found.set(directory, result);
    return result;
  };
  return find;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * get-tsconfig finds and merges the tsconfig (`extends` included) and matches `paths`; the rest is a
 * small resolver written here: TypeScript's extension rules, directories, package.json `imports`
 * and `exports` (resolve-pkg-maps, get-tsconfig's own dependency) and `node_modules` lookup.
 */
export function getTsconfigCandidate(load: NodeJS.Require): Resolve {
  const getTsconfig = load('get-tsconfig') as GetTsconfigModule;
  const maps = createRequire(load.resolve('get-tsconfig'))('resolve-pkg-maps') as PkgMapsModule;
  const cache = new Map<string, unknown>();
  const matchers = new Map<string, ((specifier: string) => string[]) | null>();
  const packageJsonOf = nearestFinder('package.json');
  const matcherFor = (directory: string): ((specifier: string) => string[]) | null => {
    if (matchers.has(directory)) return matchers.get(directory) ?? null;
    let matcher: ((specifier: string) => string[]) | null = null;
    try {
      const tsconfig = getTsconfig.getTsconfig(directory, 'tsconfig.json', cache);
      matcher = tsconfig ? getTsconfig.createPathsMatcher(tsconfig) : null;
    } catch {
      matcher = null;
    }
    matchers.set(directory, matcher);
    return matcher;
  };

  const asFile = (base: string): string | undefined => {
    const extension = path.extname(base);
    for (const alias of EXTENSION_ALIAS[extension] ?? []) {
      const candidate = base.slice(0, -extension.length) + alias;
      if (isFile(candidate)) return candidate;
    }
    if (EXTENSIONS.includes(extension) && isFile(base)) return base;
    for (const added of EXTENSIONS.slice(0, 4)) if (isFile(base + added)) return base + added;
    return undefined;
  };
  const asDirectory = (directory: string, kind: ImportKind): string | undefined => {
    const manifest = readJson(path.join(directory, 'package.json'));
    for (const field of ['types', 'typings', 'module', 'main']) {
      const value = manifest?.[field];
      if (typeof value === 'string') {
        const target = path.resolve(directory, value);
        const found = asFile(target) ?? asIndex(target);
        if (found && !/\.d\.[cm]?ts$/u.test(found)) return found;
      }
    }
    void kind;
    return asIndex(directory);
  };
  const asIndex = (directory: string): string | undefined => {
    for (const added of EXTENSIONS.slice(0, 4)) if (isFile(path.join(directory, `index${added}`))) return path.join(directory, `index${added}`);
    return undefined;
  };
  const asPath = (target: string, kind: ImportKind): string | undefined => asFile(target) ?? asDirectory(target, kind);

  const asPackage = (specifier: string, fromDirectory: string, kind: ImportKind): string | undefined => {
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLength).join('/');
    const subpath = parts.slice(nameLength).join('/');
    for (let directory = fromDirectory; ; directory = path.dirname(directory)) {
      const packageDirectory = path.join(directory, 'node_modules', name);
      const manifest = readJson(path.join(packageDirectory, 'package.json'));
      if (manifest) {
        const exportsField = manifest['exports'] as PathConditions | undefined;
        if (exportsField !== undefined) {
          try {
            for (const target of maps.resolveExports(exportsField, subpath === '' ? '.' : `./${subpath}`, conditionsFor(kind))) {
              const found = asFile(path.join(packageDirectory, target));
              if (found) return found;
            }
          } catch {
            return undefined;
          }
          return undefined;
        }
        return asPath(path.join(packageDirectory, subpath), kind);
      }
      if (path.dirname(directory) === directory) return undefined;
    }
  };

  return (specifier, fromFile, kind) => {
    const directory = path.dirname(fromFile);
    let found: string | undefined;
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
      found = asPath(path.resolve(directory, specifier), kind);
    } else if (specifier.startsWith('#')) {
      const manifestPath = packageJsonOf(directory);
      const imports = manifestPath ? (readJson(manifestPath)?.['imports'] as PathConditions | undefined) : undefined;
      if (manifestPath && imports !== undefined) {
        try {
          for (const target of maps.resolveImports(imports, specifier, conditionsFor(kind))) {
            found = target.startsWith('.') ? asFile(path.resolve(path.dirname(manifestPath), target)) : asPackage(target, directory, kind);
            if (found) break;
          }
        } catch {
          found = undefined;
        }
      }
    } else {
      for (const candidate of matcherFor(directory)?.(specifier) ?? []) {
        found = asPath(candidate, kind);
        if (found) break;
      }
      found ??= asPackage(specifier, directory, kind);
    }
    if (!found) return undefined;
    try {
      return realpathSync(found);
    } catch {
      return undefined;
    }
  };
}
