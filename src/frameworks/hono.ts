import type { FrameworkAdapter } from './types.js';
import { ROUTE_METHODS } from './http-methods.js';

/** Hono apps, middleware and factories. */
export const hono: FrameworkAdapter = {
  name: 'Hono',
  packages: ['hono'],
  handlerCalls: [
    { names: ROUTE_METHODS, when: 'path' },
    { names: ['use', 'onError', 'notFound'], when: 'evidence' },
    // `app.on('GET', '/path', handler)`: `.on` is too common to guess without the import.
    { names: ['on'], when: 'evidence', importOnly: true },
    { names: ['createMiddleware', 'createHandlers'], when: 'always' },
  ],
};
