import type { FrameworkAdapter } from './types.js';
import { astro } from './astro.js';
import { azure } from './azure.js';
import { bunDeno } from './bun-deno.js';
import { elysia } from './elysia.js';
import { express } from './express.js';
import { fastify } from './fastify.js';
import { gcp } from './gcp.js';
import { graphql } from './graphql.js';
import { h3 } from './h3.js';
import { hono } from './hono.js';
import { koa } from './koa.js';
import { lambda } from './lambda.js';
import { nest } from './nest.js';
import { netlify } from './netlify.js';
import { next } from './next.js';
import { nodeHttp } from './node-http.js';
import { nodeProcess } from './node-process.js';
import { realtime } from './realtime.js';
import { remix } from './remix.js';
import { sveltekit } from './sveltekit.js';
import { trpc } from './trpc.js';
import { workers } from './workers.js';
import { xrpc } from './xrpc.js';

export type { CallShape, DecoratedClassShape, DecoratedRoutes, ExportShape, FrameworkAdapter, RouteFileShape } from './types.js';
export { RESOLVER_ROOT_KEYS } from './graphql.js';

export const FRAMEWORKS: readonly FrameworkAdapter[] = [
  express,
  fastify,
  koa,
  hono,
  elysia,
  nodeHttp,
  nodeProcess,
  nest,
  next,
  sveltekit,
  remix,
  h3,
  astro,
  lambda,
  netlify,
  workers,
  bunDeno,
  azure,
  gcp,
  graphql,
  trpc,
  realtime,
  xrpc,
];
