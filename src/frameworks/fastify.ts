import type { FrameworkAdapter } from './types.js';
import { ROUTE_METHODS } from './http-methods.js';

const REQUEST_HOOKS = [
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
  'onError',
  'onTimeout',
  'onRequestAbort',
];

/** Fastify routes, route options and request hooks; plugins and app hooks run at boot. */
export const fastify: FrameworkAdapter = {
  name: 'Fastify',
  packages: ['fastify', 'fastify-plugin'],
  handlerCalls: [
    { names: ROUTE_METHODS, when: 'path', optionKeys: ['handler', ...REQUEST_HOOKS] },
    { names: ['route'], when: 'always', functionArgs: false, optionKeys: ['handler', 'wsHandler', ...REQUEST_HOOKS] },
    { names: ['addHook'], when: 'always', events: REQUEST_HOOKS },
    { names: ['setErrorHandler', 'setNotFoundHandler'], when: 'evidence' },
  ],
  startupCalls: [
    // koa-router's `router.register(name, methods, middleware)` registers a route, not a plugin.
    { names: ['register', 'after', 'ready'], when: 'evidence', unlessImports: ['koa', 'koa-router', '@koa/router'] },
    { names: ['addHook'], when: 'always', events: ['onReady', 'onListen', 'onClose', 'onRoute', 'onRegister', 'preClose'] },
    { names: ['fastifyPlugin', 'fp'], when: 'always' },
  ],
  requestTypes: ['FastifyRequest', 'FastifyReply'],
};
