/**
 * A framework adapter describes, as data, how one framework or platform shows its request
 * handlers. `src/analysis/handlers.ts` interprets these shapes; adding a framework means adding
 * one file here and listing it in `index.ts`.
 */
export interface FrameworkAdapter {
  /** Display name, used in docs and debugging output. */
  readonly name: string;
  /** Packages whose import in a file is evidence that the file uses this framework. */
  readonly packages: readonly string[];
  /** Calls whose function arguments (or option properties) run once per request. */
  readonly handlerCalls?: readonly CallShape[];
  /** Calls whose function arguments run once, while the process starts. */
  readonly startupCalls?: readonly CallShape[];
  /** Exports that the framework calls per request, by file convention. */
  readonly handlerExports?: readonly ExportShape[];
  /** Decorated classes whose methods handle requests (NestJS, TypeGraphQL). */
  readonly decoratedClasses?: DecoratedClassShape;
  /** Type names of a request, event or context parameter. */
  readonly requestTypes?: readonly string[];
  /**
   * Type names of a whole handler function, as a variable annotation (`export const GET:
   * RequestHandler = …`); never taken for a parameter (`(action: Action)` is a reducer's argument).
   */
  readonly handlerTypes?: readonly string[];
  /**
   * Directives that make the function whose body begins with them a handler, wherever it is
   * written: React's inline server action (`async function save(formData) { 'use server'; … }`).
   */
  readonly handlerDirectives?: readonly string[];
  /** File-routed frameworks: the files whose path is the route (for messages), in the order they are tried. */
  readonly routeFiles?: readonly RouteFileShape[];
}

/** A file whose path gives its route: `app/api/jobs/[id]/route.ts` serves `/api/jobs/[id]`. */
export interface RouteFileShape {
  /** Matched against the file path with forward slashes; its `route` group is the route below the prefix. */
  readonly pattern: RegExp;
  /** A path segment the framework puts before the route (`api` for Nuxt's `server/api/`). */
  readonly prefix?: string;
  /** The default export serves every method of the route (Next.js `pages/api`), so no method names it. */
  readonly everyMethod?: boolean;
}

/**
 * When a call matches: by the callee's name (a bare function or a method), and optionally by the
 * first argument, the receiver, or the framework's presence in the file.
 */
export interface CallShape {
  /** Method names (`app.get`) or function names (`createServer`). */
  readonly names: readonly string[];
  /**
   * What else must hold:
   * - `always`: the name alone is distinctive (`defineEventHandler`).
   * - `path`: the first argument is a route path literal (`'/users/:id'`, `'*'`, a RegExp).
   * - `evidence`: the file imports one of the adapter's packages, or the receiver is named
   *   like an application or router (`app`, `router`, `server`, `fastify`, `userRouter`, …).
   */
  readonly when: 'always' | 'path' | 'evidence';
  /** For event-style calls (`io.on('connection', fn)`): accepted first-argument strings. */
  readonly events?: readonly string[];
  /** Only when some name along the receiver chain matches (`publicProcedure.input(x).query`). */
  readonly receiver?: RegExp;
  /** Only when the receiver is itself a call to one of these methods (`router.route(p).get`). */
  readonly chainedFrom?: readonly string[];
  /** Option-object keys whose function values (at any depth) are the handlers. */
  readonly optionKeys?: readonly string[];
  /** With `when: 'evidence'`: only an import of the adapter's packages counts, not an app-like receiver name. */
  readonly importOnly?: boolean;
  /** Whether bare function arguments count (false for option-only shapes). Defaults to true. */
  readonly functionArgs?: boolean;
  /**
   * Not in a file that imports one of these and none of the adapter's packages: other objects emit
   * the same event (`message` on a UDP socket, a worker thread, cluster or child-process IPC).
   */
  readonly unlessImports?: readonly string[];
  /** Not when the receiver's root is named like this (`process.on('message', …)`). */
  readonly unlessReceiver?: RegExp;
  /**
   * Only when the receiver is a parameter of a function around the call (`(socket) => { socket.on(…) }`),
   * not a connection the file opens itself (`const socket = io.connect()` in browser code).
   */
  readonly receiverIsParameter?: boolean;
}

export interface ExportShape {
  /** Matched against the file path with forward slashes. Omit to match any file. */
  readonly file?: RegExp;
  /** Exported names that are handlers; `default` is the default export. */
  readonly names: readonly string[] | 'all';
  /** Only when the file starts with this directive (`'use server'`). */
  readonly directive?: string;
  /** Only when the file imports one of the adapter's packages. */
  readonly needsEvidence?: boolean;
  /**
   * The export is an object whose function properties are handlers
   * (`export default { fetch }`, SvelteKit `export const actions = { default: … }`).
   */
  readonly objectKeys?: readonly string[] | 'all';
  /**
   * With `objectKeys`: the object must also have one of these keys, unless the file imports one of
   * the adapter's packages (`export default { fetch, connect }` is a Worker; `export default
   * { connect, query }` is a database helper).
   */
  readonly objectNeedsKeys?: readonly string[];
}

export interface DecoratedClassShape {
  /** Class decorators that make a class a long-lived singleton whose methods handle requests. */
  readonly classDecorators: readonly string[];
  /** Method decorators that mark per-request methods. */
  readonly methodDecorators: readonly string[];
  /** Method names that are per-request by interface (guards, interceptors, pipes, filters). */
  readonly methodNames: readonly string[];
  /** Methods that run once, while the application starts. */
  readonly startupMethods: readonly string[];
  /** Method decorators for recurring background jobs (not request handlers). */
  readonly backgroundDecorators?: readonly string[];
  /** How the decorators name a route, for messages (`@Controller('orders')` + `@Get(':id')` is `GET /orders/:id`). */
  readonly routes?: DecoratedRoutes;
}

export interface DecoratedRoutes {
  /** The class decorator whose argument is the path prefix. */
  readonly controller: string;
  /** Method decorators of HTTP verbs, with the verb each stands for. */
  readonly verbs: Readonly<Record<string, string>>;
  /** Method decorators of messages and events, named by their first argument. */
  readonly messages: readonly string[];
  /** Method decorators of GraphQL fields, named `Decorator.field`. */
  readonly resolvers: readonly string[];
}
