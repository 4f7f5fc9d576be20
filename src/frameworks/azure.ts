import type { FrameworkAdapter } from './types.js';

/** Azure Functions v4 programming model. */
export const azure: FrameworkAdapter = {
  name: 'Azure Functions',
  packages: ['@azure/functions'],
  handlerCalls: [
    {
      names: ['http', 'get', 'post', 'put', 'patch', 'deleteRequest', 'timer', 'storageQueue', 'serviceBusQueue', 'serviceBusTopic', 'eventHub', 'eventGrid', 'cosmosDB', 'generic'],
      when: 'evidence',
      optionKeys: ['handler'],
    },
  ],
  requestTypes: ['HttpRequest', 'InvocationContext'],
  handlerTypes: ['HttpHandler'],
};
