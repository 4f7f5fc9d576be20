import type { FrameworkAdapter } from './types.js';
import { ROUTE_METHODS } from './http-methods.js';

/** Express, its Router, and connect-style middleware. */
export const express: FrameworkAdapter = {
  name: 'Express',
  packages: ['express', 'connect', 'polka', 'router'],
  handlerCalls: [
    { names: ROUTE_METHODS, when: 'path' },
    { names: ['use', 'param'], when: 'evidence' },
    { names: ROUTE_METHODS, when: 'always', chainedFrom: ['route'] },
    { names: ['ws'], when: 'path' },
  ],
  requestTypes: ['Request', 'NextFunction'],
  handlerTypes: ['RequestHandler', 'ErrorRequestHandler'],
};
