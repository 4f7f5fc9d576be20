import type { FrameworkAdapter } from './types.js';

/**
 * GraphQL resolver maps (`{ Query: { … }, Mutation: { … } }`, found by their keys in
 * `src/analysis/handlers.ts`) and the per-request context factories of GraphQL servers.
 */
export const graphql: FrameworkAdapter = {
  name: 'GraphQL',
  packages: ['@apollo/server', 'apollo-server', 'apollo-server-express', 'graphql-yoga', 'mercurius', '@graphql-tools/schema', 'graphql'],
  handlerCalls: [
    { names: ['startStandaloneServer', 'expressMiddleware', 'createYoga', 'createHandler'], when: 'always', functionArgs: false, optionKeys: ['context'] },
  ],
  requestTypes: ['GraphQLResolveInfo'],
};

/** Top-level keys of a resolver map whose nested functions resolve a request. */
export const RESOLVER_ROOT_KEYS = ['Query', 'Mutation', 'Subscription'];
