import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const shims = path.join(here, 'shims');

/**
 * The lint worker, bundled with esbuild: ESLint's `Linter` (its `eslint/universal` entry),
 * `@typescript-eslint/parser` with TypeScript, and the plugin's own `src/`, unchanged. Node's
 * built-ins are replaced at bundle time, not in the source: `path` by path-browserify, `module` by a
 * `createRequire` that answers the plugin's package.json, `process` by a stub, and the modules only
 * typed linting reads (`fs`, `util`, `url`) by an empty object.
 */
export function workerBuildOptions(minify: boolean): esbuild.BuildOptions & { write: false; metafile: true } {
  const redirect: [RegExp, string][] = [
    [/^eslint$/, path.join(shims, 'eslint.ts')],
    [/^eslint\/use-at-your-own-risk$/, path.join(shims, 'eslint.ts')],
    [/^(node:)?path$/, path.join(root, 'node_modules/path-browserify/index.js')],
    [/^(node:)?module$/, path.join(shims, 'module.ts')],
    [/^(node:)?(fs|util|url)$/, path.join(shims, 'node-unavailable.cjs')],
  ];
  return {
    absWorkingDir: root,
    entryPoints: [path.join(here, 'worker.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: false,
    write: false,
    metafile: true,
    outfile: 'playground-worker.js',
    logLevel: 'silent',
    inject: [path.join(shims, 'process.ts')],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'node-built-ins',
        setup(build) {
          for (const [filter, target] of redirect) build.onResolve({ filter }, () => ({ path: target }));
        },
      },
    ],
  };
}

export interface WorkerBundle {
  code: string;
  bytes: number;
}

export async function buildWorker(minify = true): Promise<WorkerBundle> {
  const result = await esbuild.build(workerBuildOptions(minify));
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no playground worker.');
  return { code: output.text, bytes: output.contents.byteLength };
}
