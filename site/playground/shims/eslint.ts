/**
 * `eslint` in the browser bundle. `@typescript-eslint/utils` re-exports ESLint's classes (its
 * `TSESLint` namespace extends `Linter`, `SourceCode`, `ESLint`, `RuleTester`), so the package is
 * imported as soon as the plugin is; only `Linter` runs in a browser (ESLint's own `eslint/universal`
 * entry). The Node-only classes are placeholders that say so if anything constructs one.
 */
export { Linter } from 'eslint/universal';

/** A constructor (`@typescript-eslint/utils` subclasses these when it loads) that throws when called. */
function nodeOnly(name: string): new () => object {
  function unavailable(): never {
    throw new Error(`${name} needs Node.js; the playground has ESLint's Linter only.`);
  }
  return unavailable as unknown as new () => object;
}

export const ESLint = nodeOnly('ESLint');
export const FlatESLint = nodeOnly('FlatESLint');
export const LegacyESLint = nodeOnly('LegacyESLint');
export const RuleTester = nodeOnly('RuleTester');
export const SourceCode = nodeOnly('SourceCode');
export async function loadESLint(): Promise<never> {
  return Promise.reject(new Error('loadESLint needs Node.js; the playground has ESLint\'s Linter only.'));
}

// `eslint/use-at-your-own-risk` resolves here too and is read through a default import.
export default { FlatESLint, LegacyESLint };
