import type { FrameworkAdapter } from './types.js';
import { ROUTE_METHODS } from './http-methods.js';

/** Koa middleware and @koa/router routes. */
export const koa: FrameworkAdapter = {
  name: 'Koa',
  packages: ['koa', '@koa/router', 'koa-router'],
  handlerCalls: [
    { names: ROUTE_METHODS, when: 'path' },
    // koa-router registers several methods at once (`router.register('cron.run', ['get', 'post'], [auth(), handler])`).
    { names: ['register'], when: 'evidence', importOnly: true, receiver: /^(?:\w*[rR]outer|api)$/u },
    { names: ['use', 'param'], when: 'evidence' },
  ],
  requestTypes: ['ParameterizedContext', 'RouterContext', 'DefaultContext'],
};
