import type { FrameworkAdapter } from './types.js';

/** `Bun.serve` and `Deno.serve`. */
export const bunDeno: FrameworkAdapter = {
  name: 'Bun / Deno',
  packages: ['bun'],
  handlerCalls: [
    { names: ['serve'], when: 'always', receiver: /^(?:Bun|Deno)$/, optionKeys: ['fetch', 'routes', 'websocket', 'error', 'handler', 'static'] },
  ],
  requestTypes: ['BunRequest', 'ServeHandlerInfo'],
};
