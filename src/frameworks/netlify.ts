import type { FrameworkAdapter } from './types.js';

/**
 * Netlify Functions: every file in `netlify/functions/` (or `netlify/edge-functions/`) is a function;
 * its default export handles each request (`(req: Request, context: Context)`), or, in the older
 * Lambda-compatible form, its `handler` export (`(event, context)`).
 */
export const netlify: FrameworkAdapter = {
  name: 'Netlify Functions',
  packages: ['@netlify/functions', '@netlify/edge-functions'],
  handlerExports: [{ file: /(?:^|\/)netlify\/(?:edge-)?functions\/.+\.[cm]?[jt]sx?$/u, names: ['default', 'handler'] }],
  requestTypes: ['HandlerEvent', 'HandlerContext'],
};
