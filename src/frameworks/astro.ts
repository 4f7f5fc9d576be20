import type { FrameworkAdapter } from './types.js';
import { HTTP_EXPORTS } from './http-methods.js';

/** Astro endpoints, middleware and actions. */
export const astro: FrameworkAdapter = {
  name: 'Astro',
  packages: ['astro', 'astro:middleware', 'astro:actions'],
  handlerCalls: [
    { names: ['defineMiddleware', 'sequence'], when: 'always' },
    { names: ['defineAction'], when: 'always', functionArgs: false, optionKeys: ['handler'] },
  ],
  handlerExports: [
    { file: /(?:^|\/)src\/pages\/.+\.[jt]s$/, names: [...HTTP_EXPORTS, 'ALL'] },
    { file: /(?:^|\/)src\/middleware(?:\/index)?\.[jt]s$/, names: ['onRequest'] },
  ],
  routeFiles: [{ pattern: /(?:^|\/)src\/pages\/(?<route>.+?)\.[jt]s$/u }],
  requestTypes: ['APIContext'],
  handlerTypes: ['APIRoute', 'MiddlewareHandler'],
};
