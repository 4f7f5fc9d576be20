import pkg from '../../../package.json' with { type: 'json' };

/**
 * `node:module` in the browser bundle. The plugin reads its own name and version through
 * `createRequire(import.meta.url)('eslint-plugin-stateless/package.json')`; this answers that one
 * request from the package.json bundled at build time.
 */
export function createRequire(): (specifier: string) => unknown {
  return (specifier) => {
    if (specifier === 'eslint-plugin-stateless/package.json') return { name: pkg.name, version: pkg.version };
    throw new Error(`Cannot require ${specifier} in the browser bundle.`);
  };
}
