/**
 * Public services whose findings were judged by hand, by reading the code, for `npm run precision:real`.
 *
 * Each service is pinned to a commit. `expected` lists the state that stops the service from running
 * as several replicas and that a rule of the config is meant to report (found or not: what it misses
 * counts against recall); `falsePositives` lists findings judged wrong, with the reason, so that a new,
 * unjudged finding stands out. Lines are those of the pinned commit.
 *
 * Not committed: the services' code. Lay the snapshots out as `<dir>/<name>/` (the repository's files
 * at the pinned commit, e.g. `git clone <repository> <dir>/<name> && git -C <dir>/<name> checkout <commit>`),
 * then run `npm run precision:real -- --dir <dir>`.
 */

export interface JudgedFinding {
  /** Path inside the service, with forward slashes. */
  readonly file: string;
  readonly line: number;
  /** Rule name without the `stateless/` prefix. */
  readonly rule: string;
  /** Why it is (or is not) state that stops the service from scaling out. */
  readonly why: string;
}

export interface RealService {
  readonly name: string;
  readonly repository: string;
  readonly commit: string;
  /** Files and folders linted, relative to the service. */
  readonly paths: readonly string[];
  /** Globs left out (tests, front-end code, files that are not JavaScript). */
  readonly ignores: readonly string[];
  /** What the judge concluded about the service as a whole. */
  readonly summary: string;
  readonly expected: readonly JudgedFinding[];
  readonly falsePositives: readonly JudgedFinding[];
}

/** The date the findings below were last judged against the rules. */
export const JUDGED_ON = '2026-12-06';

export const REAL_SERVICES: readonly RealService[] = [
  {
    name: 'haste-server',
    repository: 'https://github.com/toptal/haste-server',
    commit: 'a56763258b9a4a8fd589484351f027599a4f3515',
    paths: ['server.js', 'lib'],
    ignores: [],
    summary: 'Paste service on connect. Default storage writes pastes to local files; rate limiting is in memory.',
    expected: [
      { file: 'server.js', line: 107, rule: 'no-memory-store', why: '`connect-ratelimit` counts requests in process memory: N replicas allow N times the limit.' },
      { file: 'lib/document_stores/file.js', line: 29, rule: 'no-local-files', why: 'The default store writes each paste to ./data on the instance that took the POST; another replica cannot serve it.' },
    ],
    falsePositives: [],
  },
  {
    name: 'node-express-boilerplate',
    repository: 'https://github.com/hagopj13/node-express-boilerplate',
    commit: '179ae84efec61b14206d0305d941daed6c6d07f9',
    paths: ['src'],
    ignores: [],
    summary: 'Express REST API with JWT and MongoDB; everything durable lives in MongoDB.',
    expected: [{ file: 'src/middlewares/rateLimiter.js', line: 3, rule: 'no-memory-store', why: '`express-rate-limit` on its default memory store limits login attempts per instance.' }],
    falsePositives: [],
  },
  {
    name: 'TypeScript-Node-Starter',
    repository: 'https://github.com/microsoft/TypeScript-Node-Starter',
    commit: '1e15e8b4bf6136ee181a8d46ccda9d5b3ed4e479',
    paths: ['src'],
    ignores: [],
    summary: 'Express and Passport with sessions in MongoDB (connect-mongo): stateless.',
    expected: [],
    falsePositives: [],
  },
  {
    name: 'koa-rest-api-boilerplate',
    repository: 'https://github.com/posquit0/koa-rest-api-boilerplate',
    commit: 'ed077b84458a8fa32c422b0b42045cb364203d0a',
    paths: ['app'],
    ignores: ['app/spec/**'],
    summary: 'Koa API skeleton: configuration, middlewares and error classes; stateless.',
    expected: [],
    falsePositives: [],
  },
  {
    name: 'fastify-example-twitter',
    repository: 'https://github.com/fastify/fastify-example-twitter',
    commit: '1823ae5b44759b4654b4c5a4537c2731d50b7669',
    paths: ['.'],
    ignores: ['frontend/**', 'test/**', '**/test/**'],
    summary: 'Fastify plugins over MongoDB and Redis, one service class per plugin: stateless.',
    expected: [],
    falsePositives: [],
  },
  {
    name: 'dockge',
    repository: 'https://github.com/louislam/dockge',
    commit: 'f809ae192b571944ad773e9866d3e67064ae8043',
    paths: ['backend', 'common'],
    ignores: [],
    summary: 'Socket.io server that manages Docker Compose stacks of its host: built as one instance.',
    expected: [
      { file: 'backend/dockge-server.ts', line: 214, rule: 'no-memory-store', why: 'socket.io on its in-memory adapter: an event emitted on one replica reaches only its own sockets.' },
      { file: 'backend/dockge-server.ts', line: 214, rule: 'no-sticky-session', why: 'socket.io accepts long-polling, whose requests must all reach the replica that opened the session.' },
      { file: 'backend/terminal.ts', line: 47, rule: 'no-instance-state', why: 'Live terminals are registered in a static Map while handling socket events; a reconnect on another replica finds none.' },
    ],
    falsePositives: [],
  },
  {
    name: 'nestjs-prisma-starter',
    repository: 'https://github.com/notiz-dev/nestjs-prisma-starter',
    commit: '225e5a906865df237a681c1ad228a3ecf2909326',
    paths: ['src'],
    ignores: [],
    summary: 'NestJS GraphQL API over Prisma; subscriptions go through an in-process PubSub.',
    expected: [{ file: 'src/posts/posts.resolver.ts', line: 25, rule: 'no-memory-store', why: '`new PubSub()` from graphql-subscriptions publishes inside this process: subscribers on other replicas miss new posts.' }],
    falsePositives: [],
  },
  {
    name: 'hackathon-starter',
    repository: 'https://github.com/sahat/hackathon-starter',
    commit: 'dbcac7a7b159bf6b8e93eb071a6f066c0b0ab6c8',
    paths: ['app.js', 'config', 'controllers', 'models'],
    ignores: [],
    summary: 'Express app with many API examples; sessions in MongoDB, but limiters, uploads and RAG files on the instance.',
    expected: [
      { file: 'app.js', line: 47, rule: 'no-memory-store', why: 'Global `express-rate-limit` on its memory store.' },
      { file: 'app.js', line: 54, rule: 'no-memory-store', why: 'Strict `express-rate-limit` on its memory store.' },
      { file: 'app.js', line: 62, rule: 'no-memory-store', why: 'Login limiter on the memory store: N replicas allow N times the attempts.' },
      { file: 'app.js', line: 71, rule: 'no-memory-store', why: '2FA limiter on the memory store.' },
      { file: 'controllers/ai.js', line: 437, rule: 'no-local-files', why: 'RAG ingestion moves files into a local `ingested` folder that the listing page reads back.' },
      { file: 'controllers/ai.js', line: 491, rule: 'no-local-files', why: 'Same local `ingested` folder, after a file is processed.' },
      { file: 'controllers/api.js', line: 1143, rule: 'no-local-files', why: 'multer `dest` keeps uploads on the instance disk.' },
      { file: 'controllers/api.js', line: 1294, rule: 'no-local-files', why: 'Downloaded images are cached on the instance disk and served by URL; another replica returns 404.' },
    ],
    falsePositives: [
      { file: 'controllers/ai.js', line: 169, rule: 'no-module-state', why: 'A once-guard for creating a local folder, which each instance needs for itself.' },
      { file: 'controllers/ai.js', line: 308, rule: 'no-module-state', why: 'A once-guard for idempotent collection set-up in MongoDB; another replica redoing it is harmless.' },
      { file: 'controllers/ai.js', line: 348, rule: 'no-module-state', why: 'A once-guard for idempotent index set-up in MongoDB.' },
    ],
  },
];
