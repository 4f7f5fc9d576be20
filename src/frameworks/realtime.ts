import type { FrameworkAdapter } from './types.js';

/** Node modules whose objects emit `message` too: UDP sockets, worker threads, cluster and child-process IPC. */
const IPC_MODULES = ['dgram', 'worker_threads', 'cluster', 'child_process'];

/** socket.io and ws: connection callbacks and everything nested in them run per connection or message. */
export const realtime: FrameworkAdapter = {
  name: 'socket.io / ws',
  packages: ['socket.io', 'ws', 'express-ws', '@fastify/websocket', 'uWebSockets.js'],
  handlerCalls: [
    { names: ['on', 'addListener', 'once'], when: 'always', events: ['connection', 'connect', 'upgrade', 'headers'] },
    { names: ['on', 'addListener', 'once'], when: 'always', events: ['message'], unlessImports: IPC_MODULES, unlessReceiver: /^(?:process|parentPort)$/u },
    { names: ['use'], when: 'evidence' },
  ],
  requestTypes: ['Socket', 'WebSocket', 'RawData'],
};
