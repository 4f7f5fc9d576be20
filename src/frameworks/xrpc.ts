import type { FrameworkAdapter } from './types.js';

/**
 * AT Protocol XRPC servers (`@atproto/xrpc-server`, the Bluesky PDS and feed generators): a method
 * is registered by its lexicon, `server.add(com.atproto.server.createSession, { handler })` or
 * `server.method('app.bsky.feed.getFeedSkeleton', handler)`; the handler (or a `handler`,
 * `auth` or rate limit `calcKey` option) runs per request, `streamMethod`'s per subscription.
 */
export const xrpc: FrameworkAdapter = {
  name: 'XRPC',
  packages: ['@atproto/xrpc-server'],
  handlerCalls: [{ names: ['add', 'method', 'addMethod', 'streamMethod', 'addStreamMethod'], when: 'evidence', importOnly: true, optionKeys: ['handler', 'auth', 'calcKey'] }],
};
