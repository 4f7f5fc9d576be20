import type { FrameworkAdapter } from './types.js';

const EXPORTED_HANDLER_KEYS = ['fetch', 'scheduled', 'queue', 'email', 'tail', 'trace', 'tailStream', 'test', 'connect'];

/** Cloudflare Workers (module and service-worker syntax), Pages Functions, and `export default { fetch }` servers (Bun, Deno). */
export const workers: FrameworkAdapter = {
  name: 'Cloudflare Workers',
  packages: ['cloudflare:workers', '@cloudflare/workers-types'],
  handlerCalls: [{ names: ['addEventListener'], when: 'always', events: ['fetch', 'scheduled'] }],
  handlerExports: [
    { names: ['default'], objectKeys: EXPORTED_HANDLER_KEYS },
    {
      file: /(?:^|\/)functions\/.+\.[jt]s$/,
      names: ['onRequest', 'onRequestGet', 'onRequestPost', 'onRequestPut', 'onRequestPatch', 'onRequestDelete', 'onRequestHead', 'onRequestOptions'],
    },
  ],
  requestTypes: ['ExecutionContext', 'ExportedHandler', 'PagesFunction', 'ScheduledController', 'MessageBatch'],
};
