import type { FrameworkAdapter } from './types.js';

/** Process lifecycle events: per process, never per request. */
export const nodeProcess: FrameworkAdapter = {
  name: 'Node process',
  packages: ['process', 'node:process'],
  startupCalls: [
    {
      names: ['on', 'once', 'addListener', 'prependListener'],
      when: 'always',
      receiver: /^process$/u,
      events: ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2', 'uncaughtException', 'unhandledRejection', 'exit', 'beforeExit', 'warning'],
    },
  ],
};
