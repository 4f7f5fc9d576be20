import type { FrameworkAdapter } from './types.js';

/** tRPC procedures, middleware and context factories. */
export const trpc: FrameworkAdapter = {
  name: 'tRPC',
  packages: ['@trpc/server'],
  handlerCalls: [
    { names: ['query', 'mutation', 'subscription'], when: 'always', receiver: /procedure/i },
    { names: ['middleware', 'use'], when: 'always', receiver: /^(?:t|trpc)$|procedure/i },
    { names: ['createExpressMiddleware', 'createHTTPServer', 'fetchRequestHandler', 'createNextApiHandler'], when: 'always', functionArgs: false, optionKeys: ['createContext'] },
  ],
  handlerExports: [{ names: ['createContext', 'createTRPCContext'], needsEvidence: true }],
};
