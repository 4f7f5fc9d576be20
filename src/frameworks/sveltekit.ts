import type { FrameworkAdapter } from './types.js';
import { HTTP_EXPORTS } from './http-methods.js';

/** SvelteKit endpoints, server loads, form actions and server hooks. */
export const sveltekit: FrameworkAdapter = {
  name: 'SvelteKit',
  packages: ['@sveltejs/kit'],
  handlerExports: [
    { file: /(?:^|\/)\+server\.[jt]s$/, names: [...HTTP_EXPORTS, 'fallback'] },
    { file: /(?:^|\/)\+(?:page|layout)(?:\.server)?\.[jt]s$/, names: ['load'] },
    { file: /(?:^|\/)\+page\.server\.[jt]s$/, names: ['actions'], objectKeys: 'all' },
    { file: /(?:^|\/)hooks\.server\.[jt]s$/, names: ['handle', 'handleError', 'handleFetch'] },
  ],
  routeFiles: [{ pattern: /(?:^|\/)src\/routes\/(?<route>(?:.+\/)?)\+(?:server|page\.server|layout\.server)\.[jt]s$/u }],
  requestTypes: ['RequestEvent', 'ServerLoadEvent'],
  handlerTypes: ['RequestHandler', 'Handle', 'Action', 'PageServerLoad', 'LayoutServerLoad'],
};
