import type { FrameworkAdapter } from './types.js';

/** h3, Nitro and Nuxt server routes (often auto-imported, so the names alone count). */
export const h3: FrameworkAdapter = {
  name: 'h3 / Nitro / Nuxt',
  packages: ['h3', 'nitropack', 'nuxt'],
  handlerCalls: [
    {
      names: ['defineEventHandler', 'eventHandler', 'defineCachedEventHandler', 'defineHandler', 'defineWebSocketHandler', 'defineRequestMiddleware', 'defineResponseMiddleware', 'fromNodeMiddleware'],
      when: 'always',
      // h3's object form: `defineEventHandler({ onRequest: [...], handler })`
      optionKeys: ['handler', 'onRequest', 'onBeforeResponse', 'message', 'open', 'close', 'upgrade'],
    },
  ],
  startupCalls: [{ names: ['defineNitroPlugin'], when: 'always' }],
  routeFiles: [
    { pattern: /(?:^|\/)server\/api\/(?<route>.+?)\.[jt]s$/u, prefix: 'api' },
    { pattern: /(?:^|\/)server\/routes\/(?<route>.+?)\.[jt]s$/u },
  ],
  requestTypes: ['H3Event'],
};
