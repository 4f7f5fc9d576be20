import * as typescriptParser from '@typescript-eslint/parser';
import * as espree from 'espree';
import pkg from '../../../package.json' with { type: 'json' };

/**
 * `node:module` in the browser bundle. The plugin reads its own name and version through
 * `createRequire(import.meta.url)('eslint-plugin-stateless/package.json')`, and its parser
 * (`src/parser.ts`) loads `@typescript-eslint/parser` for TypeScript and ESLint's `espree` for
 * JavaScript through `createRequire` on first use, finding `espree` from `eslint/package.json`. A
 * bundle has no `require`: these requests are answered from modules bundled at build time, and any
 * other fails loudly.
 */
const MODULES: Readonly<Record<string, unknown>> = {
  'eslint-plugin-stateless/package.json': { name: pkg.name, version: pkg.version },
  '@typescript-eslint/parser': typescriptParser,
  espree,
};

/** Where `eslint/package.json` "is" in the bundle: only ever handed back to `createRequire`. */
const ESLINT_MANIFEST = '/node_modules/eslint/package.json';

interface BundleRequire {
  (specifier: string): unknown;
  resolve(specifier: string): string;
}

export function createRequire(): BundleRequire {
  const bundleRequire = (specifier: string): unknown => {
    if (Object.hasOwn(MODULES, specifier)) return MODULES[specifier];
    throw new Error(`Cannot require ${specifier} in the browser bundle.`);
  };
  bundleRequire.resolve = (specifier: string): string => {
    if (specifier === 'eslint/package.json') return ESLINT_MANIFEST;
    throw new Error(`Cannot resolve ${specifier} in the browser bundle.`);
  };
  return bundleRequire;
}

/**
 * Node's own modules, as `require('node:module').builtinModules` lists them under Node 20 (without
 * the internal `_` ones): the browser has none, but the analysis tells an import of one from a
 * package's by the name alone.
 */
const BUILTIN_MODULES: ReadonlySet<string> = new Set([
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram',
  'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector',
  'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks', 'process', 'punycode',
  'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/consumers', 'stream/promises', 'stream/web',
  'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'vm',
  'wasi', 'worker_threads', 'zlib',
]);

/** As Node's: a listed name, or any name with the `node:` scheme (`node:test` exists only with it). */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTIN_MODULES.has(specifier);
}
