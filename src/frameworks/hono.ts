import type { FrameworkAdapter } from './types.js';
import { ROUTE_METHODS } from './http-methods.js';

/** Hono apps, middleware and factories. */
export const hono: FrameworkAdapter = {
  name: 'Hono',
  packages: ['hono'],
  handlerCalls: [
    { names: ROUTE_METHODS, when: 'path' },
    { names: ['use', 'on', 'onError', 'notFound'], when: 'evidence' },
    { names: ['createMiddleware', 'createHandlers'], when: 'always' },
  ],
};
