import { createRequire } from 'node:module';
import type TS from 'typescript';

/**
 * `typescript`, loaded with `require`. A static `import` makes Node's ES module loader scan the whole
 * CommonJS bundle for its named exports before the first line runs: about half a second of every audit
 * (and of every audit a test starts), which `require` does not spend.
 */
export const ts = createRequire(import.meta.url)('typescript') as typeof TS;
