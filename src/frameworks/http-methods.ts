/** Router method names shared by Express-like routers (Express, Koa Router, Hono, Elysia, Fastify). */
export const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all', 'any', 'search'];

/** Exported HTTP-method handler names of file-routed frameworks (Next.js, SvelteKit, Astro). */
export const HTTP_EXPORTS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
