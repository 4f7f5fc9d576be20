import type { FrameworkAdapter } from './types.js';

/**
 * Netlify Functions: each file directly in `netlify/functions/` (or `netlify/edge-functions/`) is a function;
 * its default export handles each request (`(req: Request, context: Context)`), or, in the older
 * Lambda-compatible form, its `handler` export (`(event, context)`).
 */
export const netlify: FrameworkAdapter = {
  name: 'Netlify Functions',
  packages: ['@netlify/functions', '@netlify/edge-functions'],
  // A function is a file of the folder, or `name/name.ts` / `name/index.ts` in a folder of its own; other files there are helpers.
  handlerExports: [{ file: /(?:^|\/)netlify\/(?:edge-)?functions\/(?:[^/]+|(?<dir>[^/]+)\/(?:\k<dir>|index))\.[cm]?[jt]sx?$/u, names: ['default', 'handler'] }],
  requestTypes: ['HandlerEvent', 'HandlerContext'],
};
