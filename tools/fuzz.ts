import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Linter, type SourceCode } from 'eslint';
import fc from 'fast-check';
import type { StatelessPlugin } from '../src/index.js';
import { parseForESLint } from '../src/parser.js';
import { aliasProgram, aliasShape, filenameOf } from './fuzz-property.js';
import { pick, seededRandom, type Random } from './random.js';
import { strictParseErrors, type PackageType } from './strict-parse.js';

/**
 * `npm run fuzz`: random programs through every rule, from three generators: eslump (random programs
 * over the whole ECMAScript grammar, most of which no handler ever looks like); the grammar below,
 * which writes backend-shaped code (route handlers, module bindings and every way of writing them,
 * closures, classes, decorators, CommonJS, and the shapes the suggestions edit: bindings a handler
 * writes with request data, socket.io servers); and fast-check's alias-and-nesting programs
 * (`fuzz-property.ts`), shrunk to their core when one fails. No rule may throw, a second lint of a
 * program must give the same messages, and every fix and every suggestion, applied, must leave a
 * program its file type accepts (`strict-parse.ts`).
 */

function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

function times(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

export type Dialect = 'js' | 'cjs' | 'ts' | 'tsx';

/** Where a program is linted as: the file name picks the parser mode (JSX, TypeScript, CommonJS). */
const FILENAMES: Record<Dialect, readonly string[]> = {
  js: ['src/server.js', 'routes/users.mjs', 'api/handler.js'],
  cjs: ['src/app.cjs', 'lib/worker.cjs'],
  ts: ['src/orders.controller.ts', 'app/api/items/route.ts', 'src/index.mts', 'functions/handler.cts'],
  tsx: ['app/page.tsx', 'src/view.tsx'],
};

/** What the code being generated may use: `await`, `return`, `this`. */
interface Context {
  async: boolean;
  fn: boolean;
  cls: boolean;
}

/** The grammar of backend-shaped programs. Each production returns source text that parses. */
class ServiceGrammar {
  private readonly bindings: string[] = [];
  /** Imports and module-level declarations that productions ask for. */
  private readonly imports = new Set<string>();
  private readonly head: string[] = [];
  private readonly scopes: string[][] = [];
  private readonly contexts: Context[];
  private depth = 0;
  private counter = 0;

  constructor(
    private readonly random: Random,
    private readonly dialect: Dialect,
  ) {
    // CommonJS allows a top-level `return`; ES modules allow a top-level `await`.
    this.contexts = [{ async: dialect !== 'cjs', fn: dialect === 'cjs', cls: false }];
  }

  private get ts(): boolean {
    return this.dialect === 'ts' || this.dialect === 'tsx';
  }

  private get context(): Context {
    return this.contexts.at(-1) ?? { async: false, fn: false, cls: false };
  }

  private within<T>(context: Context, produce: () => T): T {
    this.contexts.push(context);
    try {
      return produce();
    } finally {
      this.contexts.pop();
    }
  }

  private fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  private type(annotation: string): string {
    return this.ts && chance(this.random, 0.6) ? `: ${annotation}` : '';
  }

  private binding(): string {
    return this.bindings.length === 0 || chance(this.random, 0.1) ? pick(this.random, ['cache', 'count', 'users', 'state']) : pick(this.random, this.bindings);
  }

  private local(): string | undefined {
    const scope = this.scopes.flat();
    return scope.length === 0 ? undefined : pick(this.random, scope);
  }

  private declare(name: string): void {
    this.scopes.at(-1)?.push(name);
  }

  requestValue(): string {
    return pick(this.random, [
      'req.body',
      'req.params.id',
      'req.query.page',
      "req.headers['x-user-id']",
      'req.user',
      'request.body',
      'event.body',
      'ctx.request.body',
      'args.input',
      '{ ...req.body, at: Date.now() }',
      '`${req.method} ${req.url}`',
      'req.body?.items?.[0]',
    ]);
  }

  value(): string {
    const local = this.local();
    const r = this.random();
    if (r < 0.25) return this.requestValue();
    if (r < 0.35 && local !== undefined) return local;
    if (r < 0.4 && this.context.async) return pick(this.random, ['await fetch(url)', 'await db.query(sql)', 'await redis.get(key)']);
    return pick(this.random, [
      '0',
      '1',
      'null',
      'undefined',
      "'x'",
      'true',
      '[]',
      '{}',
      'new Map()',
      'new Set()',
      'Date.now()',
      'crypto.randomUUID()',
      `${this.binding()} + 1`,
      `${this.binding()}?.size ?? 0`,
      'process.env.PORT',
      '() => 1',
      'Object.freeze({ a: 1 })',
      this.ts ? '(x as unknown)' : '(x)',
      this.ts ? 'value!' : 'value',
      this.ts ? '({ id: 1 } satisfies object)' : '({ id: 1 })',
    ]);
  }

  target(): string {
    const name = this.binding();
    const local = this.local();
    const candidates = [
      name,
      name,
      `${name}.value`,
      `${name}[req.params.id]`,
      `${name}['key']`,
      `${name}.nested.deep`,
      'globalThis.current',
      'global.lastRequest',
      'process.env.MODE',
      'module.exports.state',
      'exports.count',
      local ?? name,
      `(${name})`,
    ];
    if (this.context.cls) candidates.push('this.field', 'this.#secret', `this.${name}`);
    return pick(this.random, candidates);
  }

  write(): string {
    const target = this.target();
    const name = this.binding();
    switch (times(this.random, 0, 17)) {
      case 0:
        return `${target} = ${this.value()};`;
      case 1:
        return `${target} += ${this.value()};`;
      case 2:
        return `${target}++;`;
      case 3:
        return `--${target};`;
      case 4:
        return `${target} ??= ${this.value()};`;
      case 5:
        return `${target} ||= ${this.value()};`;
      case 6:
        return `delete ${name}[${this.value()}];`;
      case 7:
        return `${name}.push(${this.value()});`;
      case 8:
        return `${name}.set(${this.value()}, ${this.value()});`;
      case 9:
        return `${name}.add(${this.value()});`;
      case 10:
        return `${name}.clear();`;
      case 11:
        return `${name}.splice(0, ${name}.length, ${this.value()});`;
      case 12:
        return `Object.assign(${name}, ${this.value()});`;
      case 13: {
        const alias = this.fresh('alias');
        const text = `{ const ${alias} = ${name}; ${alias}.items = ${this.value()}; }`;
        return text;
      }
      case 14:
        return `({ a: ${name}, ...${this.binding()} } = ${this.value()});`;
      case 15:
        return `[${name}, ${this.binding()}] = [${this.value()}, ${this.value()}];`;
      case 16:
        return `${name} = ${name} + 1;`;
      default:
        return `if (!${name}) ${name} = ${this.value()};`;
    }
  }

  statement(): string {
    if (this.depth > 4) return this.write();
    this.depth += 1;
    try {
      switch (times(this.random, 0, 16)) {
        case 0:
        case 1:
        case 2:
          return this.write();
        case 3: {
          const name = this.fresh('local');
          const text = `${pick(this.random, ['const', 'let', 'var'])} ${name}${this.type('any')} = ${this.value()};`;
          this.declare(name);
          return text;
        }
        case 4:
          return `if (${this.condition()}) ${this.block()} else ${this.block()}`;
        case 5:
          return `for (const item of ${this.value()}) ${this.block()}`;
        case 6:
          return `try ${this.block()} catch (error) ${this.block()} finally ${this.block()}`;
        case 7: {
          const name = this.fresh('inner');
          return `const ${name} = ${this.arrow()};\n${name}(${this.value()});`;
        }
        case 8:
          return this.functionDeclaration(this.fresh('helper'));
        case 9:
          return `res.json(${this.value()});`;
        case 10:
          return this.context.fn ? `return ${this.value()};` : this.write();
        case 11:
          return `switch (${this.value()}) { case 1: ${this.write()} break; default: ${this.write()} }`;
        case 12:
          return `setTimeout(${this.arrow(false)}, 10);`;
        case 13:
          return `void Promise.all([${this.value()}].map(${this.arrow(true)}));`;
        case 14: {
          const label = this.fresh('label');
          return `${label}: while (${this.condition()}) { ${this.write()} break ${label}; }`;
        }
        case 15:
          return `throw new Error(String(${this.value()}));`;
        default:
          return `${this.binding()}.forEach(${this.arrow()});`;
      }
    } finally {
      this.depth -= 1;
    }
  }

  condition(): string {
    return pick(this.random, [`!${this.binding()}`, 'req.query.flag', `${this.binding()} > 10`, `typeof ${this.binding()} === 'undefined'`, `${this.binding()}.has(req.params.id)`, 'true']);
  }

  params(): string {
    const names = pick(this.random, [[], ['req', 'res'], ['req', 'res', 'next'], ['request', 'reply'], ['event', 'context'], ['ctx'], ['_parent', 'args', 'context'], ['{ body, params }']]);
    return names.map((name) => (name.startsWith('{') ? name : `${name}${this.type(pick(this.random, ['any', 'Request', 'unknown']))}`)).join(', ');
  }

  block(): string {
    this.scopes.push([]);
    const statements = Array.from({ length: times(this.random, 0, 4) }, () => this.statement());
    this.scopes.pop();
    return `{\n${statements.join('\n')}\n}`;
  }

  /** An arrow function: it keeps the `this` of the code around it. */
  arrow(isAsync = chance(this.random, 0.5)): string {
    const params = this.params();
    const body = this.within({ async: isAsync, fn: true, cls: this.context.cls }, () => this.block());
    return `${isAsync ? 'async ' : ''}(${params}) => ${body}`;
  }

  functionDeclaration(name: string, isAsync = chance(this.random, 0.5)): string {
    const params = this.params();
    const body = this.within({ async: isAsync, fn: true, cls: false }, () => this.block());
    return `${isAsync ? 'async ' : ''}function ${name}(${params}) ${body}`;
  }

  handler(): string {
    const isAsync = chance(this.random, 0.7);
    if (chance(this.random, 0.6)) return this.arrow(isAsync);
    return this.functionDeclaration(chance(this.random, 0.5) ? this.fresh('handle') : '', isAsync);
  }

  moduleBinding(): string {
    const name = this.fresh(pick(this.random, ['count', 'cache', 'sessions', 'users', 'lastUser', 'ready', 'pool', 'client', 'queue', 'memo']));
    this.bindings.push(name);
    const keyword = pick(this.random, ['let', 'const', 'var', 'let']);
    const init =
      keyword === 'const'
        ? pick(this.random, ['new Map()', '[]', '{}', 'new Set()', 'new WeakMap()', '{ hits: 0 }', 'createClient()'])
        : pick(this.random, ['0', 'null', 'undefined', '[]', 'false', "''", 'new Map()']);
    const annotation = this.type(pick(this.random, ['number', 'Map<string, unknown>', 'any', 'unknown[]']));
    const comment = chance(this.random, 0.08) ? pick(this.random, [' // stateless-ok: per-instance metrics', ' // stateless-ok', ' /* stateless-ok: warm cache */']) : '';
    return `${keyword} ${name}${annotation} = ${init};${comment}`;
  }

  route(): string {
    const app = pick(this.random, ['app', 'router', 'fastify', 'server', 'api', 'r']);
    const method = pick(this.random, ['get', 'post', 'put', 'delete', 'use', 'all', 'route', 'patch', 'on']);
    const middleware = chance(this.random, 0.2) ? 'auth, ' : '';
    return `${app}.${method}('/${this.fresh('path')}/:id', ${middleware}${this.handler()});`;
  }

  decorator(kind: 'class' | 'method' | 'param'): string {
    if (!this.ts || !chance(this.random, 0.7)) return '';
    const options = {
      class: ["@Controller('items')", '@Injectable()', '@Injectable({ scope: Scope.REQUEST })', '@Resolver()', '@WebSocketGateway()'],
      method: ["@Get(':id')", '@Post()', '@Query(() => String)', "@SubscribeMessage('event')", "@Cron('* * * * *')", '@UseGuards(AuthGuard)'],
      param: ["@Param('id')", '@Body()', '@Req()', '@Args()', '@Ctx()'],
    }[kind];
    return `${pick(this.random, options)}${kind === 'param' ? ' ' : '\n'}`;
  }

  klass(): string {
    const name = this.fresh('Service');
    const members: string[] = ['#secret = 0;'];
    let constructorWritten = false;
    for (let index = times(this.random, 1, 4); index > 0; index -= 1) {
      const r = this.random();
      if (r < 0.2) {
        const field = this.within({ async: false, fn: false, cls: true }, () => this.value().replace(/^await /u, ''));
        members.push(`${this.ts ? 'private ' : ''}${this.fresh('field')}${this.type('number')} = ${field};`);
      } else if (r < 0.3) {
        members.push(`static ${this.fresh('shared')} = ${pick(this.random, ['new Map()', '0', '[]'])};`);
      } else if (r < 0.4 && !constructorWritten) {
        constructorWritten = true;
        const params = `${this.ts ? 'private readonly repo: Repo, ' : ''}${this.params()}`;
        members.push(`constructor(${params.replace(/, $/u, '')}) ${this.within({ async: false, fn: true, cls: true }, () => this.block())}`);
      } else if (r < 0.5) {
        members.push(`get ${this.fresh('prop')}() { return ${this.within({ async: false, fn: true, cls: true }, () => this.value())}; }`);
      } else if (r < 0.55) {
        members.push(`static ${this.within({ async: false, fn: false, cls: true }, () => this.block())}`);
      } else {
        const isAsync = chance(this.random, 0.6);
        const param = this.ts && chance(this.random, 0.5) ? `${this.decorator('param')}id${this.type('string')}` : '';
        const params = [param, this.params()].filter((text) => text !== '').join(', ');
        const body = this.within({ async: isAsync, fn: true, cls: true }, () => this.block());
        members.push(`${this.decorator('method')}${isAsync ? 'async ' : ''}${this.fresh('method')}(${params}) ${body}`);
      }
    }
    const exported = chance(this.random, 0.6) && this.dialect !== 'cjs' ? 'export ' : '';
    return `${this.decorator('class')}${exported}class ${name}${chance(this.random, 0.1) ? ' extends Base' : ''} {\n${members.join('\n')}\n}`;
  }

  exportedFunction(): string {
    const name = pick(this.random, ['GET', 'POST', 'handler', 'loader', 'action', 'fetch', 'default']);
    if (this.dialect === 'cjs') return `module.exports.${name} = ${this.handler()};`;
    if (name === 'default') return `export default ${this.handler()};`;
    return `export ${this.functionDeclaration(this.fresh(name))}`;
  }

  topLevel(): string {
    this.scopes.push([]);
    try {
      switch (times(this.random, 0, 13)) {
        case 0:
        case 1:
        case 2:
          return this.route();
        case 3:
          return this.klass();
        case 4:
          return this.exportedFunction();
        case 5:
          return `app.listen(3000, ${this.arrow(false)});`;
        case 6:
          return `setInterval(${this.arrow()}, 60_000);`;
        case 7:
          return `(${this.arrow(true)})();`;
        case 8:
          return this.write();
        case 9:
          return `if (process.env.NODE_ENV !== 'test') ${this.block()}`;
        case 10:
          return this.dialect === 'cjs' ? `exports.${this.fresh('route')} = ${this.handler()};` : `export const ${this.fresh('handler')} = ${this.handler()};`;
        case 11:
          return `process.on('SIGTERM', ${this.arrow()});`;
        case 12:
          if (this.dialect === 'tsx') {
            const body = this.within({ async: false, fn: true, cls: false }, () => this.write());
            return `export function ${this.fresh('View')}(props${this.type('{ id: string }')}) { ${body} return <main>{String(${this.binding()})}</main>; }`;
          }
          return this.functionDeclaration(this.fresh('util'));
        default:
          return `wss.on('connection', (socket) => { socket.on('message', ${this.arrow()}); });`;
      }
    } finally {
      this.scopes.pop();
    }
  }

  /**
   * A module binding that a handler writes with request data, in the shapes the move suggestion of
   * `no-request-leak` applies to and the ones it must refuse: an initialiser that means something else
   * inside the handler (`await`, `this`, `arguments`, a name the handler declares), the declaration
   * holding the handler, a use outside the handler or in its parameters, a directive prologue, a
   * handler on one line, a binding captured by a plugin function.
   */
  leakRoute(): string {
    const name = this.fresh('last');
    // Half are shapes the suggestion applies to; the other half carry one reason it must not.
    const hazard = chance(this.random, 0.5)
      ? 'none'
      : pick(this.random, ['awaitInit', 'thisInit', 'argumentsInit', 'shadowInit', 'holds', 'reader', 'paramDefault', 'const', 'declare', 'export', 'twoDeclarators', 'expressionBody', 'nestedWrite']);
    const where = hazard === 'holds' ? 'holds' : pick(this.random, ['before', 'before', 'after', 'plugin', 'named']);
    const inPlugin = where === 'plugin';
    const topAsync = inPlugin || this.context.async;
    const { params, value, simple } = pick(this.random, [
      { params: 'req, res', value: 'req.body', simple: true },
      { params: 'req, res', value: 'req.params.id', simple: true },
      { params: 'request, reply', value: 'request.body', simple: true },
      { params: '{ body }, res', value: 'body', simple: false },
      { params: 'req, res, next', value: '{ ...req.query }', simple: true },
    ]);
    const shadows = pick(this.random, [
      { init: ' = id', local: 'const id = req.params?.id;' },
      { init: ' = prefix', local: "var prefix = 'local';" },
      { init: ' = `${prefix}-x`', local: 'let prefix = 1;' },
      { init: ' = request', local: 'const request = 1;' },
    ]);
    const safeInits = ['', '', ' = null', " = ''", ' = 0', ' = []', ' = { at: Date.now() }', ' = new Map()', ' = (() => null)()', ' = async () => await load()', ' = `${prefix}-x`', ' = function () { return this; }', ' = class { at = this; }', ' = id'];
    let init = pick(this.random, safeInits);
    if (hazard === 'awaitInit') init = topAsync ? pick(this.random, [' = await load()', ' = await Promise.resolve(null)', ' = (await load()).value']) : ' = this';
    if (hazard === 'thisInit') init = ' = this';
    if (hazard === 'argumentsInit') init = ' = arguments';
    if (hazard === 'shadowInit') init = shadows.init;
    if (init.includes(' id') && !this.head.includes("const id = 'none';")) this.head.push("const id = 'none';");
    const typeParameter = this.dialect === 'ts' && chance(this.random, 0.15) ? '<T>' : '';
    const annotation = this.ts ? pick(this.random, ['', '', ': unknown', ': string | null', ': Record<string, unknown>', hazard === 'shadowInit' && typeParameter ? ': T' : '']) : '';
    const keyword = hazard === 'const' ? 'const' : hazard === 'export' && this.dialect !== 'cjs' && !inPlugin ? 'export let' : pick(this.random, ['let', 'let', 'var']);
    const declarators = hazard === 'twoDeclarators' ? `${name}${annotation}${init}, ${this.fresh('other')} = 1` : `${name}${annotation}${init}`;
    const declaration = hazard === 'declare' && this.ts && !inPlugin ? `declare let ${name}${annotation};` : `${keyword} ${declarators};`;
    const statements: string[] = [];
    if (hazard === 'shadowInit' || chance(this.random, 0.1)) statements.push(hazard === 'shadowInit' ? shadows.local : 'const other = req.query;');
    statements.push(`${name} = ${value};`);
    if (chance(this.random, 0.5)) statements.push(pick(this.random, [`res.json(${name});`, `return ${name};`, `console.log(${name});`]));
    if (hazard === 'nestedWrite') statements.push(`setTimeout(() => { ${name} = null; }, 10);`);
    const isAsync = chance(this.random, 0.5) ? 'async ' : '';
    const withDefault = hazard === 'paramDefault' ? `${params}, fallback = ${name}` : params;
    const annotated = this.ts && chance(this.random, 0.4) ? withDefault.replace(/^req\b/u, `req: ${typeParameter ? 'T' : 'Request'}`) : withDefault;
    const directive = simple && hazard !== 'paramDefault' && chance(this.random, 0.2) ? "'use strict';" : '';
    const lines = directive ? [directive, ...statements] : statements;
    const block = chance(this.random, 0.3) ? `{ ${lines.join(' ')} }` : `{\n${lines.map((line) => `  ${line}`).join('\n')}\n}`;
    const functionHandler = hazard === 'argumentsInit' || chance(this.random, 0.3);
    const handler =
      hazard === 'expressionBody'
        ? `${isAsync}(${annotated}) => (${name} = ${value})`
        : functionHandler
          ? `${isAsync}function (${annotated}) ${block}`
          : `${isAsync}${typeParameter}(${annotated}) => ${block}`;
    const app = inPlugin ? 'f' : 'app';
    const path = `'/${this.fresh('leak')}'`;
    const reader = hazard === 'reader' ? `\n${app}.get(${path}, (req, res) => res.json(${name}));` : '';
    switch (where) {
      case 'after':
        return `${app}.post(${path}, ${handler});${reader}\n${declaration}`;
      case 'holds':
        return `let ${name}${annotation} = ${app}.post(${path}, ${handler});`;
      case 'plugin':
        return `fastify.register(async (f) => {\n  ${declaration}\n  f.post(${path}, ${handler});${reader}\n});`;
      case 'named': {
        const fn = this.fresh('handle');
        return `${declaration}\n${isAsync}function ${fn}(${annotated}) ${block}\n${app}.post(${path}, ${fn});${reader}`;
      }
      default:
        return `${declaration}\n${app}.post(${path}, ${handler});${reader}`;
    }
  }

  /**
   * A socket.io server, written in the ways the `websocketOnly` suggestion of `no-sticky-session`
   * edits: no options, options in the call (with or without `transports`, trailing commas, comments),
   * options in a variable, `new Server` without arguments, the CommonJS call, a NestJS gateway.
   */
  socketServer(): string {
    const io = this.fresh('io');
    const options = pick(this.random, [
      '',
      'httpServer',
      '3000',
      'httpServer,',
      '/* the app */ httpServer /* shared */',
      "httpServer, { cors: { origin: '*' } }",
      "{ transports: ['polling', 'websocket'] }",
      "httpServer, { transports: ['polling'], pingInterval: 10_000, }",
      'httpServer, {}',
      '{ }',
      "{ path: '/ws', }",
      "server, { transports: ['websocket', 'polling'] as const }",
      'httpServer, socketOptions',
      "{ ...base, transports: ['polling'] }",
    ]);
    const args = this.ts ? options : options.replace(' as const', '');
    if (this.ts && this.dialect !== 'cjs' && chance(this.random, 0.35)) {
      this.imports.add("import { WebSocketGateway } from '@nestjs/websockets';");
      this.imports.add("import { Server } from 'socket.io';");
      const decorator = pick(this.random, ['', '()', '(80)', "({ namespace: 'chat' })", "(80, { transports: ['websocket', 'polling'] })", "({ transports: ['polling'], })", `(${args})`]);
      return `@WebSocketGateway${decorator}\nexport class ${this.fresh('ChatGateway')} {\n  handleConnection() {}\n}`;
    }
    if (chance(this.random, 0.15)) this.head.push("const socketOptions = { cors: { origin: '*' } };");
    if (this.dialect === 'cjs') {
      return chance(this.random, 0.5) ? `const ${io} = require('socket.io')(${args});` : `const { Server: ${io}Server } = require('socket.io');\nconst ${io} = new ${io}Server(${args});`;
    }
    this.imports.add("import { Server } from 'socket.io';");
    return chance(this.random, 0.1) ? `const ${io} = new Server;` : `const ${io} = new Server(${args});`;
  }

  program(): string {
    const imports =
      this.dialect === 'cjs'
        ? ["const express = require('express');", 'const app = express();', "const { createClient } = require('redis');"]
        : [
            pick(this.random, [
              "import express from 'express';",
              "import Fastify from 'fastify';",
              "import { Hono } from 'hono';",
              "import { Controller, Get, Injectable, Param } from '@nestjs/common';",
              "import { NextResponse } from 'next/server';",
              '',
            ]),
            chance(this.random, 0.5) ? 'const app = express();' : 'const fastify = Fastify();',
          ];
    this.head.push(...Array.from({ length: times(this.random, 0, 5) }, () => this.moduleBinding()));
    const body = Array.from({ length: times(this.random, 1, 6) }, () => this.topLevel());
    // The shapes the suggestions apply to, in most programs, among the rest.
    const extras = [
      ...Array.from({ length: chance(this.random, 0.7) ? times(this.random, 1, 3) : 0 }, () => this.leakRoute()),
      ...Array.from({ length: chance(this.random, 0.3) ? times(this.random, 1, 2) : 0 }, () => this.socketServer()),
    ];
    if (extras.some((extra) => extra.includes('app.')) && this.dialect !== 'cjs' && !imports[0]?.includes('express')) imports.push("import express from 'express';", 'const app = express();');
    if (extras.some((extra) => extra.includes('fastify.register')) && !imports.some((line) => line.includes('const fastify'))) {
      imports.push(this.dialect === 'cjs' ? "const fastify = require('fastify')();" : "import Fastify from 'fastify';", ...(this.dialect === 'cjs' ? [] : ['const fastify = Fastify();']));
    }
    for (const extra of extras) body.splice(times(this.random, 0, body.length), 0, extra);
    const lines = [...new Set([...imports, ...this.imports])];
    return `${[...lines, ...this.head, '', ...body].join('\n')}\n`;
  }
}

export function servicePrograms(random: Random, dialect: Dialect): string {
  return new ServiceGrammar(random, dialect).program();
}

interface EslumpOptions {
  sourceType: 'module' | 'script';
  maxDepth: number;
  comments: boolean;
  whitespace: boolean;
}

const requireFromHere = createRequire(import.meta.url);

/** eslump draws from `Math.random`; it is replaced by the seeded generator for the call. */
export function eslumpProgram(random: Random, sourceType: 'module' | 'script'): string {
  const { generateRandomJS } = requireFromHere('eslump') as { generateRandomJS: (options: EslumpOptions) => string };
  const original = Math.random;
  Math.random = random;
  try {
    return generateRandomJS({ sourceType, maxDepth: times(random, 3, 7), comments: chance(random, 0.3), whitespace: chance(random, 0.3) });
  } finally {
    Math.random = original;
  }
}

export interface FuzzFailure {
  index: number;
  seed: number;
  filename: string;
  kind: 'exception' | 'not-linted' | 'fix-breaks-parse' | 'suggestion-breaks-parse' | 'unstable';
  rule: string | null;
  message: string;
  code: string;
}

export interface FuzzReport {
  programs: number;
  /** Programs the linter's parser rejected before any rule ran: eslump writes some that are early errors of JavaScript (a name declared twice, an export of nothing) and a few the TypeScript parser refuses. */
  unparsable: number;
  linted: number;
  /** Linted programs that the strict parse of their file type refuses to begin with (its errors are then not blamed on a fix). */
  notStrict: number;
  findings: number;
  fixesApplied: number;
  suggestionsApplied: number;
  /** Applied suggestions by message id. */
  suggestionsByMessage: Record<string, number>;
  failures: FuzzFailure[];
  seconds: number;
}

export type FuzzSource = 'all' | 'both' | 'eslump' | 'service' | 'property';

export interface FuzzOptions {
  plugin: StatelessPlugin;
  count: number;
  seed: number;
  /** Which generators to draw from: `all` takes a third from each, `both` halves eslump and the service grammar. */
  source: FuzzSource;
}

const SOURCE_EXTENSIONS = 'js,mjs,cjs,jsx,ts,mts,cts,tsx';

/** The fuzzed files are in a package of `"type": "module"`: `.js` is an ES module, `.cjs` CommonJS. */
export const PACKAGE_TYPE: PackageType = 'module';

const SETTINGS_VARIANTS: readonly Record<string, unknown>[] = [
  {},
  { stateless: { handlerCalls: ['server.route', 'registerJob'], startupCalls: ['bootstrap'], handlerExports: [{ files: '^src/', names: ['run'] }] } },
  // Malformed on purpose: the rules report it and must not throw on it.
  { stateless: { handlerCalls: 'server.route', bogus: true } },
];

function ruleOfError(message: string): string | null {
  return /\nRule: "([^"]+)"/u.exec(message)?.[1] ?? null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The source code of the linter's last `verify`: `null` after a parse error, which ESLint's types leave out. */
function lastSourceCode(linter: Linter): SourceCode | null {
  return linter.getSourceCode();
}

/** One lint of a program with one config: its messages, or what a rule threw. */
type LintOutcome = { messages: Linter.LintMessage[] } | { error: unknown };

/**
 * Lints programs with `recommended` and `all` and checks what no program may do: throw, give
 * different messages when linted again (state kept between files), or have a fix or suggestion that
 * leaves a program its file type refuses (the linter's parser, then the strict parse of the file type,
 * blaming only errors the program did not have before).
 *
 * A program is parsed once for both configs (ESLint's `verify` takes the parsed `SourceCode`, as it
 * would when one config holds the rules of both), and once more, afresh, for the second lint that
 * checks that nothing is kept between files: the analysis is cached per `SourceCode`, so a second lint
 * of the same `SourceCode` would prove nothing.
 */
export class FuzzChecker {
  readonly report: FuzzReport = { programs: 0, unparsable: 0, linted: 0, notStrict: 0, findings: 0, fixesApplied: 0, suggestionsApplied: 0, suggestionsByMessage: {}, failures: [], seconds: 0 };
  private readonly linter = new Linter({ configType: 'flat' });
  // Explicit extensions: ESLint lints a file matched only by `**/*` only if it is JavaScript.
  // The plugin's parser (espree for JavaScript, the TypeScript parser for TypeScript): what the rules
  // would read the fixed file with.
  private readonly parseOnly: Linter.Config[] = [{ files: [`**/*.{${SOURCE_EXTENSIONS}}`], languageOptions: { parser: { parseForESLint } } }];
  private readonly configs: Linter.Config[];
  /** The configs with each settings variant, built once: ESLint normalises a config array on every `verify` it is given. */
  private readonly withSettings = new Map<Record<string, unknown>, Linter.Config[][]>();

  constructor(plugin: StatelessPlugin) {
    this.configs = (['recommended', 'all'] as const).map((name) => ({ ...(plugin.configs[name] as Linter.Config), files: [`**/*.{${SOURCE_EXTENSIONS}}`] }));
  }

  /** Why the linter's parser refuses `code`, or `undefined` when it reads it. */
  private parseError(code: string, filename: string): string | undefined {
    return this.linter.verify(code, this.parseOnly, { filename }).find((message) => message.fatal === true)?.message;
  }

  private configsWith(settings: Record<string, unknown>): Linter.Config[][] {
    let configs = this.withSettings.get(settings);
    if (!configs) {
      configs = this.configs.map((config) => [{ ...config, settings }]);
      this.withSettings.set(settings, configs);
    }
    return configs;
  }

  /** Each config's lint of a program parsed once; `undefined` when the program does not parse. */
  private lintAll(code: string, filename: string, configs: readonly Linter.Config[][]): LintOutcome[] | undefined {
    const outcomes: LintOutcome[] = [];
    let source: string | SourceCode = code;
    for (const config of configs) {
      try {
        outcomes.push({ messages: this.linter.verify(source, config, { filename }) });
      } catch (error) {
        outcomes.push({ error });
      }
      // No source code: the parser refused the program, which it will do for every config.
      const parsed = lastSourceCode(this.linter);
      if (!parsed) return undefined;
      source = parsed;
    }
    return outcomes;
  }

  /** The failures of one program; `count` adds it to the report's tallies (not while fast-check shrinks). */
  check(code: string, filename: string, settings: Record<string, unknown>, where: { index: number; seed: number }, count = true): FuzzFailure[] {
    const failures: FuzzFailure[] = [];
    const tally = (update: (report: FuzzReport) => void): void => {
      if (count) update(this.report);
    };
    tally((report) => (report.programs += 1));
    const configs = this.configsWith(settings);
    const first = this.lintAll(code, filename, configs);
    if (!first) {
      tally((report) => (report.unparsable += 1));
      return failures;
    }
    tally((report) => (report.linted += 1));
    const fail = (kind: FuzzFailure['kind'], rule: string | null, message: string, text = code): void => {
      failures.push({ ...where, filename, kind, rule, message, code: text });
    };
    let strictBefore: ReadonlySet<string> | undefined;
    const newStrictErrors = (fixed: string): string[] => {
      if (!strictBefore) {
        strictBefore = new Set(strictParseErrors(code, filename, PACKAGE_TYPE));
        if (strictBefore.size > 0) tally((report) => (report.notStrict += 1));
      }
      const before = strictBefore;
      return strictParseErrors(fixed, filename, PACKAGE_TYPE).filter((error) => !before.has(error));
    };
    // What is wrong with a fixed program, by its text: `recommended` and `all` often offer the same suggestion.
    const verdicts = new Map<string, string[]>();
    const problemsOf = (fixed: string): string[] => {
      let problems = verdicts.get(fixed);
      if (!problems) {
        const parseError = this.parseError(fixed, filename);
        problems = parseError === undefined ? newStrictErrors(fixed) : [parseError];
        verdicts.set(fixed, problems);
      }
      return problems;
    };
    const again = this.lintAll(code, filename, configs);
    for (const [index, config] of configs.entries()) {
      const outcome = first[index];
      if (!outcome) continue;
      if ('error' in outcome) {
        const message = errorText(outcome.error);
        fail('exception', ruleOfError(message), message);
        continue;
      }
      const { messages } = outcome;
      // "No matching configuration": a program no rule saw proves nothing.
      const unlinted = messages.find((message) => message.ruleId === null && message.fatal !== true);
      if (unlinted) fail('not-linted', null, unlinted.message);
      const second = again?.[index];
      if (!second || 'error' in second || JSON.stringify(second.messages) !== JSON.stringify(messages)) fail('unstable', null, 'linting the program again gave other messages');
      tally((report) => (report.findings += messages.filter((message) => message.ruleId?.startsWith('stateless/') === true).length));
      for (const message of messages) {
        for (const suggestion of message.suggestions ?? []) {
          const [from, to] = suggestion.fix.range;
          const fixed = code.slice(0, from) + suggestion.fix.text + code.slice(to);
          const id = suggestion.messageId ?? suggestion.desc;
          tally((report) => {
            report.suggestionsApplied += 1;
            report.suggestionsByMessage[id] = (report.suggestionsByMessage[id] ?? 0) + 1;
          });
          const what = `suggestion "${suggestion.desc}" of "${message.message}"`;
          const problems = problemsOf(fixed);
          if (problems.length > 0) fail('suggestion-breaks-parse', message.ruleId, `${what}: ${problems.join('; ')}`, fixed);
        }
      }
      if (messages.some((message) => message.fix !== undefined)) {
        try {
          const fixed = this.linter.verifyAndFix(code, config, { filename });
          tally((report) => (report.fixesApplied += 1));
          const problems = problemsOf(fixed.output);
          if (problems.length > 0) fail('fix-breaks-parse', null, problems.join('; '), fixed.output);
        } catch (error) {
          const message = errorText(error);
          fail('exception', ruleOfError(message), message);
        }
      }
    }
    return failures;
  }
}

/** How often a long run says how far it is (a run stopped early still tells what it did). */
const PROGRESS_EVERY = 500;

export function runFuzz({ plugin, count, seed, source }: FuzzOptions, progress: (line: string) => void = () => undefined): FuzzReport {
  const started = performance.now();
  const checker = new FuzzChecker(plugin);
  const report = checker.report;
  const tell = (): void => {
    if (report.programs % PROGRESS_EVERY !== 0) return;
    const seconds = (performance.now() - started) / 1000;
    progress(`${String(report.programs)}/${String(count)} programs, ${String(report.suggestionsApplied)} suggestions applied, ${String(report.failures.length)} failures, ${seconds.toFixed(0)} s`);
  };
  // `all`: every third program from the property generator, run through fast-check (which shrinks a failure).
  const propertyRuns = source === 'property' ? count : source === 'all' ? Math.floor(count / 3) : 0;
  const generated = count - propertyRuns;
  for (let index = 0; index < generated; index += 1) {
    const programSeed = (seed * 1_000_003 + index) >>> 0;
    const random = seededRandom(programSeed);
    const fromEslump = source === 'eslump' || ((source === 'both' || source === 'all') && index % 2 === 1);
    const dialect: Dialect = fromEslump ? pick(random, ['js', 'cjs', 'ts'] as const) : pick(random, ['js', 'js', 'cjs', 'ts', 'ts', 'tsx'] as const);
    const filename = pick(random, FILENAMES[dialect]);
    const code = fromEslump ? eslumpProgram(random, dialect === 'cjs' ? 'script' : 'module') : servicePrograms(random, dialect);
    const settings = pick(random, SETTINGS_VARIANTS);
    report.failures.push(...checker.check(code, filename, settings, { index, seed: programSeed }));
    tell();
  }
  if (propertyRuns > 0) {
    let run = 0;
    let failed = false;
    const details = fc.check(
      fc.property(aliasShape, (shape) => {
        // After the first failure fast-check only shrinks: those runs are not counted.
        const failures = checker.check(aliasProgram(shape), filenameOf(shape), {}, { index: generated + run, seed }, !failed);
        if (!failed) {
          run += 1;
          tell();
        }
        if (failures.length > 0) {
          failed = true;
          throw new Error(failures.map((failure) => `${failure.kind} ${failure.rule ?? ''}: ${failure.message.split('\n', 1)[0] ?? ''}`).join('\n'));
        }
      }),
      { seed, numRuns: propertyRuns },
    );
    if (details.failed && details.counterexample) {
      const [shape] = details.counterexample;
      const code = aliasProgram(shape);
      const filename = filenameOf(shape);
      const failures = checker.check(code, filename, {}, { index: generated + run - 1, seed }, false);
      report.failures.push(...failures.map((failure) => ({ ...failure, message: `${failure.message}\n(shrunk by fast-check after ${String(details.numShrinks)} steps; property seed ${String(details.seed)}, path ${details.counterexamplePath})` })));
    }
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

export function formatFuzzReport(report: FuzzReport, options: Pick<FuzzOptions, 'seed' | 'source'>, failureDir?: string): string {
  const sources: Record<FuzzSource, string> = {
    all: 'eslump, service grammar and property generator',
    both: 'eslump and service grammar',
    eslump: 'eslump',
    service: 'service grammar',
    property: 'property generator',
  };
  const bySuggestion = Object.entries(report.suggestionsByMessage)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, applied]) => `${id} ${String(applied)}`)
    .join(', ');
  const out = [
    `Fuzz: ${String(report.programs)} programs (seed ${String(options.seed)}, ${sources[options.source]}) in ${report.seconds.toFixed(1)} s.`,
    `Linted with \`recommended\` and \`all\`: ${String(report.linted)}; not parsable to begin with: ${String(report.unparsable)}; refused by the strict parse of their file type to begin with: ${String(report.notStrict)}.`,
    `Findings: ${String(report.findings)}; fixes applied: ${String(report.fixesApplied)}; suggestions applied and re-parsed: ${String(report.suggestionsApplied)}${bySuggestion ? ` (${bySuggestion})` : ''}.`,
    `Failures: ${String(report.failures.length)}.`,
  ];
  for (const failure of report.failures.slice(0, 20)) {
    out.push(`  #${String(failure.index)} (program seed ${String(failure.seed)}, ${failure.filename}) ${failure.kind} ${failure.rule ?? ''}: ${failure.message.split('\n', 1)[0] ?? ''}`);
  }
  if (failureDir !== undefined && report.failures.length > 0) out.push(`Failing programs written to ${failureDir}.`);
  return out.join('\n');
}

const USAGE = 'Usage: npm run fuzz -- [--count 300] [--seed 1] [--source all|both|eslump|service|property]\n';

export function parseFuzzArgs(argv: readonly string[]): Omit<FuzzOptions, 'plugin'> {
  const options: Omit<FuzzOptions, 'plugin'> = { count: 300, seed: 1, source: 'all' };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag = '', inline] = (argv[index] ?? '').split('=', 2);
    const value = (): string => {
      if (inline !== undefined) return inline;
      index += 1;
      const next = argv[index];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    const whole = (): number => {
      const parsed = Number(value());
      if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${flag} takes a whole number\n${USAGE}`);
      return parsed;
    };
    switch (flag) {
      case '--count':
        options.count = whole();
        break;
      case '--seed':
        options.seed = whole();
        break;
      case '--source': {
        const source = value();
        if (source !== 'all' && source !== 'both' && source !== 'eslump' && source !== 'service' && source !== 'property') throw new Error(`--source takes all, both, eslump, service or property\n${USAGE}`);
        options.source = source;
        break;
      }
      default:
        throw new Error(`Unknown argument ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseFuzzArgs(process.argv.slice(2));
  const { default: plugin } = await import('../src/index.js');
  const report = runFuzz({ ...options, plugin }, (line) => process.stderr.write(`${line}\n`));
  let failureDir: string | undefined;
  if (report.failures.length > 0) {
    failureDir = path.join(os.tmpdir(), `stateless-fuzz-${String(options.seed)}`);
    mkdirSync(failureDir, { recursive: true });
    for (const failure of report.failures) {
      const file = path.join(failureDir, `${String(failure.index)}-${failure.kind}${path.extname(failure.filename)}`);
      writeFileSync(file, `// ${failure.filename}, program seed ${String(failure.seed)}\n// ${failure.message.split('\n').join('\n// ')}\n${failure.code}`);
    }
  }
  process.stdout.write(`${formatFuzzReport(report, options, failureDir)}\n`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
