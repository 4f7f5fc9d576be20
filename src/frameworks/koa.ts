import type { FrameworkAdapter } from './types.js';
import { ROUTE_METHODS } from './http-methods.js';

/** Koa middleware and @koa/router routes. */
export const koa: FrameworkAdapter = {
  name: 'Koa',
  packages: ['koa', '@koa/router', 'koa-router'],
  handlerCalls: [
    { names: ROUTE_METHODS, when: 'path' },
    // koa-router takes a route's name where Express takes its path (`router.post('documents.list', auth(), handler)`,
    // RPC-style APIs), and registers several methods at once (`router.register('cron', ['get', 'post'], [auth(), handler])`):
    // in a file that imports Koa or its router, a route method of a receiver named as a router.
    { names: [...ROUTE_METHODS, 'register'], when: 'evidence', importOnly: true, receiver: /^(?:\w*[rR]outer|api)$/u },
    { names: ['use', 'param'], when: 'evidence' },
  ],
  requestTypes: ['ParameterizedContext', 'RouterContext', 'DefaultContext'],
};
