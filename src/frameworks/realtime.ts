import type { FrameworkAdapter } from './types.js';

/** Node modules whose objects emit `message` too: UDP sockets, worker threads, cluster and child-process IPC. */
const IPC_MODULES = ['dgram', 'worker_threads', 'cluster', 'child_process'];

/** socket.io and ws: connection callbacks and everything nested in them run per connection or message. */
export const realtime: FrameworkAdapter = {
  name: 'socket.io / ws',
  packages: ['socket.io', 'ws', 'express-ws', '@fastify/websocket', 'uWebSockets.js'],
  handlerCalls: [
    { names: ['on', 'addListener', 'once'], when: 'always', events: ['connection', 'connect', 'upgrade', 'headers'] },
    // Not a worker's or a child process's IPC channel, named for what it is (`worker.on('message', …)` on what another module spawned).
    { names: ['on', 'addListener', 'once'], when: 'always', events: ['message'], unlessImports: IPC_MODULES, unlessReceiver: /^(?:process|parentPort|worker|child|childProcess|subprocess)$/u },
    { names: ['use'], when: 'evidence' },
    // A module of socket.io handlers handed the connection (`registerRoomHandlers(socket)`, called in
    // `io.on('connection', …)` elsewhere): each `socket.on('event', fn)` runs per event.
    { names: ['on'], when: 'always', receiver: /^socket$/u, receiverIsParameter: true, unlessImports: [...IPC_MODULES, 'net', 'node:net', 'tls', 'node:tls'] },
  ],
  requestTypes: ['Socket', 'WebSocket', 'RawData'],
};
