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
