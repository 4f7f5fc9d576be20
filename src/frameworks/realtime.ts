import type { FrameworkAdapter } from './types.js';

/** socket.io and ws: connection callbacks and everything nested in them run per connection or message. */
export const realtime: FrameworkAdapter = {
  name: 'socket.io / ws',
  packages: ['socket.io', 'ws', 'express-ws', '@fastify/websocket', 'uWebSockets.js'],
  handlerCalls: [
    { names: ['on', 'addListener', 'once'], when: 'always', events: ['connection', 'connect', 'message', 'upgrade', 'headers'] },
    { names: ['use'], when: 'evidence' },
  ],
  requestTypes: ['Socket', 'WebSocket', 'RawData'],
};
