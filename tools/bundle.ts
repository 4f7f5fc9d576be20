import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run bundle` (part of `npm run build`): the package's entry, `dist/src/bundle.js`, is the built
 * `dist/src/index.js` and every module it imports in one file. What a first lint pays for the plugin
 * is mostly loading modules, not running them (docs/performance.md, "Start-up"): each module of our
 * own is resolved, read and linked, and each CommonJS module imported from an ES module is scanned
 * for its named exports first.
 *
 * - Our own modules are bundled.
 * - So are `@typescript-eslint/types` and `@typescript-eslint/utils` (the AST node types, the scope
 *   helpers, `RuleCreator`): small CommonJS helpers without state, whose thirty modules cost a start
 *   more to load than to run. Their licence goes at the top of the bundle.
 * - Every other package stays a package: ESLint and what ESLint loads itself, and the parser and
 *   TypeScript, which are the user's and are loaded only for a TypeScript file.
 *
 * The audit (`dist/src/audit/cli.js`), the tools and the tests import the modules one by one.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const INLINED = /^@typescript-eslint\/(?:types|utils)(?:\/|$)/u;

const packagesExternal: Plugin = {
  name: 'packages-external-but-typescript-eslint-helpers',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) => (INLINED.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

function licence(): string {
  const text = readFileSync(path.join(ROOT, 'node_modules', '@typescript-eslint', 'utils', 'LICENSE'), 'utf8').trim();
  return ['/*!', ' * Includes @typescript-eslint/types and @typescript-eslint/utils:', ...text.split('\n').map((line) => ` * ${line}`.trimEnd()), ' */'].join('\n');
}

await build({
  entryPoints: [path.join(ROOT, 'dist', 'src', 'index.js')],
  outfile: path.join(ROOT, 'dist', 'src', 'bundle.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minifyWhitespace: true,
  plugins: [packagesExternal],
  // The inlined CommonJS helpers `require` @eslint-community/eslint-utils, which ESLint has loaded already.
  banner: { js: `${licence()}\nimport { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);` },
  logLevel: 'warning',
});
