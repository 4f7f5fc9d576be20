/**
 * Server packages whose code the smoke lints, besides the project's own `node_modules`: the code a
 * backend service ships with, written by others, in every style (ESM and CommonJS, TypeScript
 * declarations, bundled and generated code such as `next`'s Turbopack chunks). Exact versions, so
 * that a run is repeatable; their own dependencies come as npm resolves them, with no install scripts,
 * no optional (native) packages and no peer dependencies. About 35,000 files.
 */
export const SMOKE_PACKAGES: Readonly<Record<string, string>> = {
  // Web frameworks and their realtime and API layers.
  express: '5.3.0',
  fastify: '5.12.8',
  koa: '3.2.1',
  '@koa/router': '15.7.0',
  hono: '4.13.19',
  '@nestjs/core': '12.5.1',
  '@nestjs/common': '12.5.1',
  '@nestjs/platform-express': '12.5.1',
  '@nestjs/websockets': '12.1.1',
  '@nestjs/platform-socket.io': '12.1.1',
  '@hapi/hapi': '21.4.10',
  h3: '2.0.8',
  elysia: '1.4.30',
  '@trpc/server': '11.25.2',
  '@apollo/server': '5.5.1',
  graphql: '17.1.0',
  'socket.io': '4.8.4',
  ws: '8.23.0',
  next: '16.4.6',
  '@remix-run/node': '2.17.5',
  '@sveltejs/kit': '3.2.0',
  // ORMs, database and cache clients.
  typeorm: '1.1.1',
  sequelize: '6.37.8',
  mongoose: '9.12.1',
  knex: '3.3.0',
  'drizzle-orm': '0.45.4',
  '@mikro-orm/core': '7.2.5',
  '@prisma/client': '7.10.0',
  pg: '8.23.1',
  mysql2: '3.24.5',
  mongodb: '7.8.0',
  ioredis: '6.0.0',
  redis: '6.3.1',
  // Queues and schedulers.
  bullmq: '6.7.0',
  bull: '4.16.5',
  amqplib: '2.3.1',
  kafkajs: '2.2.4',
  'pg-boss': '12.38.0',
  agenda: '6.2.6',
  // Cloud SDKs.
  '@aws-sdk/client-s3': '3.1175.0',
  '@aws-sdk/client-sqs': '3.1175.0',
  '@aws-sdk/client-dynamodb': '3.1169.0',
  '@aws-sdk/lib-dynamodb': '3.1169.0',
  '@google-cloud/storage': '8.4.0',
  '@azure/storage-blob': '12.34.0',
  '@azure/service-bus': '7.9.5',
  'firebase-admin': '14.5.1',
  stripe: '23.1.0',
  // Sessions, auth, mail, logging.
  passport: '0.7.0',
  'express-session': '1.19.0',
  'connect-redis': '10.0.0',
  nodemailer: '10.6.0',
  pino: '10.4.0',
  winston: '3.19.0',
};
