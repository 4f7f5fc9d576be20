import type { FrameworkAdapter } from './types.js';
import { ROUTE_METHODS } from './http-methods.js';

const HOOKS = ['beforeHandle', 'afterHandle', 'transform', 'parse', 'error', 'mapResponse', 'afterResponse'];

/** Elysia routes and lifecycle hooks. */
export const elysia: FrameworkAdapter = {
  name: 'Elysia',
  packages: ['elysia'],
  handlerCalls: [
    { names: ROUTE_METHODS, when: 'path', optionKeys: HOOKS },
    {
      names: ['derive', 'resolve', 'onRequest', 'onBeforeHandle', 'onAfterHandle', 'onTransform', 'onParse', 'onError', 'onAfterResponse', 'mapResponse', 'ws'],
      when: 'evidence',
      optionKeys: ['open', 'message', 'close', 'drain', 'upgrade', ...HOOKS],
    },
  ],
  startupCalls: [{ names: ['onStart'], when: 'evidence' }],
};
