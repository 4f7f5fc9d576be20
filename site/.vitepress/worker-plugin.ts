import { createHash } from 'node:crypto';
import type { UserConfig } from 'vitepress';
import { buildWorker, type WorkerBundle } from '../playground/bundle.js';

/** Vite's plugin type as VitePress's own Vite declares it (the repository also has a newer Vite, for vitest). */
type Plugin = Extract<NonNullable<NonNullable<UserConfig['vite']>['plugins']>[number], { name: string }>;

const VIRTUAL = 'virtual:playground-worker';
const RESOLVED = `\0${VIRTUAL}`;
const DEV_PATH = '@playground-worker.js';

/**
 * Serves the playground's lint worker, which esbuild bundles (see `playground/bundle.ts`), and tells
 * the page its URL through `import workerUrl from 'virtual:playground-worker'`. The build writes it
 * to `assets/` under a content hash; the dev server bundles it again on each request, so edits to
 * `src/` and `rules/` show after a reload.
 */
export function playgroundWorker(base: string): Plugin {
  let command: 'build' | 'serve' = 'build';
  let ssr = false;
  let built: Promise<WorkerBundle & { fileName: string }> | undefined;
  const buildOnce = () =>
    (built ??= buildWorker().then((bundle) => ({
      ...bundle,
      fileName: `assets/playground-worker.${createHash('sha256').update(bundle.code).digest('hex').slice(0, 10)}.js`,
    })));

  return {
    name: 'stateless:playground-worker',
    configResolved(config) {
      command = config.command;
      ssr = Boolean(config.build.ssr);
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const url = command === 'serve' ? `${base}${DEV_PATH}` : `${base}${(await buildOnce()).fileName}`;
      return `export default ${JSON.stringify(url)};`;
    },
    configureServer(server) {
      server.middlewares.use(`${base}${DEV_PATH}`, (_request, response, next) => {
        buildWorker(false).then(
          (bundle) => {
            response.setHeader('Content-Type', 'text/javascript');
            response.end(bundle.code);
          },
          (error: unknown) => {
            next(error);
          },
        );
      });
    },
    async generateBundle() {
      // VitePress builds twice, for the browser and for prerendering; the worker belongs to the first.
      if (ssr) return;
      const bundle = await buildOnce();
      this.emitFile({ type: 'asset', fileName: bundle.fileName, source: bundle.code });
    },
  };
}
