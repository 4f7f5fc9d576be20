import type { FrameworkAdapter } from './types.js';

const EXPORTED_HANDLER_KEYS = ['fetch', 'scheduled', 'queue', 'email', 'tail', 'trace', 'tailStream', 'test', 'connect'];
/** Keys that only a Workers handler object has; `connect`, `test` and `trace` are common in any helper module. */
const DISTINCTIVE_HANDLER_KEYS = ['fetch', 'scheduled', 'queue', 'email', 'tail', 'tailStream'];

/** Cloudflare Workers (module and service-worker syntax), Pages Functions, and `export default { fetch }` servers (Bun, Deno). */
export const workers: FrameworkAdapter = {
  name: 'Cloudflare Workers',
  packages: ['cloudflare:workers', '@cloudflare/workers-types'],
  handlerCalls: [{ names: ['addEventListener'], when: 'always', events: ['fetch', 'scheduled'] }],
  handlerExports: [
    { names: ['default'], objectKeys: EXPORTED_HANDLER_KEYS, objectNeedsKeys: DISTINCTIVE_HANDLER_KEYS },
    {
      file: /(?:^|\/)functions\/.+\.[jt]s$/,
      names: ['onRequest', 'onRequestGet', 'onRequestPost', 'onRequestPut', 'onRequestPatch', 'onRequestDelete', 'onRequestHead', 'onRequestOptions'],
    },
  ],
  requestTypes: ['ExecutionContext', 'ScheduledController', 'MessageBatch'],
  handlerTypes: ['ExportedHandler', 'PagesFunction'],
};
