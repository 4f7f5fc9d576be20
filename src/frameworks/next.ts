import type { FrameworkAdapter } from './types.js';
import { HTTP_EXPORTS } from './http-methods.js';

const SRC = String.raw`(?:^|/)`;

/** Next.js: app-router route handlers and pages, pages API routes, server actions, middleware. */
export const next: FrameworkAdapter = {
  name: 'Next.js',
  packages: ['next'],
  handlerExports: [
    { file: new RegExp(`${SRC}app/(?:.+/)?route\\.[cm]?[jt]sx?$`), names: HTTP_EXPORTS },
    { file: new RegExp(`${SRC}app/(?:.+/)?(?:page|layout)\\.[jt]sx?$`), names: ['default', 'generateMetadata'] },
    { file: new RegExp(`${SRC}pages/api/.+\\.[cm]?[jt]sx?$`), names: ['default'] },
    { file: new RegExp(`${SRC}pages/.+\\.[jt]sx?$`), names: ['getServerSideProps'] },
    { file: /(?:^|\/)(?:src\/)?(?:middleware|proxy)\.[cm]?[jt]s$/, names: ['middleware', 'proxy', 'default'] },
    { names: 'all', directive: 'use server' },
  ],
  handlerDirectives: ['use server'],
  routeFiles: [{ pattern: new RegExp(`${SRC}app/(?<route>(?:.+/)?)route\\.[cm]?[jt]sx?$`, 'u') }, { pattern: new RegExp(`${SRC}pages/(?<route>api/.+?)\\.[cm]?[jt]sx?$`, 'u'), everyMethod: true }],
  requestTypes: ['NextRequest', 'NextApiRequest', 'NextApiResponse', 'NextFetchEvent', 'GetServerSidePropsContext'],
};
