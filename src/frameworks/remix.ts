import type { FrameworkAdapter } from './types.js';

/** Remix and React Router framework mode: route `loader` and `action` exports. */
export const remix: FrameworkAdapter = {
  name: 'Remix / React Router',
  packages: ['@remix-run/node', '@remix-run/server-runtime', '@remix-run/cloudflare', 'react-router', '@react-router/node'],
  handlerExports: [
    { file: /(?:^|\/)(?:routes\/.+|root)\.[jt]sx?$/, names: ['loader', 'action'] },
    { names: ['loader', 'action'], needsEvidence: true },
    { file: /(?:^|\/)entry\.server\.[jt]sx?$/, names: ['default', 'handleRequest'] },
  ],
  requestTypes: ['LoaderFunctionArgs', 'ActionFunctionArgs', 'LoaderArgs', 'ActionArgs'],
};
