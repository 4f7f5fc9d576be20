import type { FrameworkAdapter } from './types.js';

/** `node:http`, `https`, `http2` servers and their request events. */
export const nodeHttp: FrameworkAdapter = {
  name: 'Node http',
  packages: ['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2'],
  handlerCalls: [
    { names: ['createServer', 'createSecureServer'], when: 'always' },
    { names: ['on', 'addListener', 'prependListener'], when: 'always', events: ['request', 'stream', 'upgrade', 'checkContinue'] },
  ],
  startupCalls: [
    { names: ['listen'], when: 'always' },
    { names: ['on', 'once'], when: 'always', events: ['listening', 'ready'] },
  ],
  requestTypes: ['IncomingMessage', 'ServerResponse', 'Http2ServerRequest', 'ServerHttp2Stream'],
};
