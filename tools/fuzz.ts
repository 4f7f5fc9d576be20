import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import type { StatelessPlugin } from '../src/index.js';
import { pick, seededRandom, type Random } from './random.js';

/**
 * `npm run fuzz`: random programs through every rule. Half come from eslump (random programs over the
 * whole ECMAScript grammar, most of which no handler ever looks like), half from the grammar below,
 * which writes backend-shaped code: route handlers, module bindings and every way of writing them,
 * closures, classes, decorators, CommonJS. No rule may throw, and every fix and every suggestion,
 * applied, must leave code that still parses.
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
    const head = Array.from({ length: times(this.random, 0, 5) }, () => this.moduleBinding());
    const body = Array.from({ length: times(this.random, 1, 6) }, () => this.topLevel());
    return `${[...imports, ...head, '', ...body].join('\n')}\n`;
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
  kind: 'exception' | 'fix-breaks-parse' | 'suggestion-breaks-parse';
  rule: string | null;
  message: string;
  code: string;
}

export interface FuzzReport {
  programs: number;
  /** Programs the parser rejected before any rule ran (eslump writes a few the TypeScript parser refuses). */
  unparsable: number;
  linted: number;
  findings: number;
  fixesApplied: number;
  suggestionsApplied: number;
  failures: FuzzFailure[];
  seconds: number;
}

export interface FuzzOptions {
  plugin: StatelessPlugin;
  count: number;
  seed: number;
  /** Which generators to draw from. */
  source: 'both' | 'eslump' | 'service';
}

const SETTINGS_VARIANTS: readonly Record<string, unknown>[] = [
  {},
  { stateless: { handlerCalls: ['server.route', 'registerJob'], startupCalls: ['bootstrap'], handlerExports: [{ files: '^src/', names: ['run'] }] } },
  // Malformed on purpose: the rules report it and must not throw on it.
  { stateless: { handlerCalls: 'server.route', bogus: true } },
];

function ruleOfError(message: string): string | null {
  return /\nRule: "([^"]+)"/u.exec(message)?.[1] ?? null;
}

export function runFuzz({ plugin, count, seed, source }: FuzzOptions): FuzzReport {
  const started = performance.now();
  const linter = new Linter({ configType: 'flat' });
  const parseOnly: Linter.Config[] = [{ files: ['**/*'], languageOptions: { parser: tsParser } }];
  const configs = (['recommended', 'all'] as const).map((name) => ({ ...(plugin.configs[name] as Linter.Config), files: ['**/*'] }));
  const report: FuzzReport = { programs: 0, unparsable: 0, linted: 0, findings: 0, fixesApplied: 0, suggestionsApplied: 0, failures: [], seconds: 0 };
  const parses = (code: string, filename: string): boolean =>
    linter.verify(code, parseOnly, { filename }).every((message) => message.fatal !== true);

  for (let index = 0; index < count; index += 1) {
    const programSeed = (seed * 1_000_003 + index) >>> 0;
    const random = seededRandom(programSeed);
    const fromEslump = source === 'eslump' || (source === 'both' && index % 2 === 1);
    const dialect: Dialect = fromEslump ? pick(random, ['js', 'cjs', 'ts'] as const) : pick(random, ['js', 'js', 'cjs', 'ts', 'ts', 'tsx'] as const);
    const filename = pick(random, FILENAMES[dialect]);
    const code = fromEslump ? eslumpProgram(random, dialect === 'cjs' ? 'script' : 'module') : servicePrograms(random, dialect);
    const settings = pick(random, SETTINGS_VARIANTS);
    report.programs += 1;
    if (!parses(code, filename)) {
      report.unparsable += 1;
      continue;
    }
    report.linted += 1;
    const fail = (kind: FuzzFailure['kind'], rule: string | null, message: string, text = code): void => {
      report.failures.push({ index, seed: programSeed, filename, kind, rule, message, code: text });
    };
    for (const config of configs) {
      const withSettings = [{ ...config, settings }];
      let messages: Linter.LintMessage[];
      try {
        messages = linter.verify(code, withSettings, { filename });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        fail('exception', ruleOfError(message), message);
        continue;
      }
      report.findings += messages.filter((message) => message.ruleId?.startsWith('stateless/') === true).length;
      for (const message of messages) {
        for (const suggestion of message.suggestions ?? []) {
          const [from, to] = suggestion.fix.range;
          const fixed = code.slice(0, from) + suggestion.fix.text + code.slice(to);
          report.suggestionsApplied += 1;
          if (!parses(fixed, filename)) fail('suggestion-breaks-parse', message.ruleId, `suggestion "${suggestion.desc}" of "${message.message}"`, fixed);
        }
      }
      if (messages.some((message) => message.fix !== undefined)) {
        try {
          const fixed = linter.verifyAndFix(code, withSettings, { filename });
          report.fixesApplied += 1;
          if (!parses(fixed.output, filename)) fail('fix-breaks-parse', null, 'the fixed output does not parse', fixed.output);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          fail('exception', ruleOfError(message), message);
        }
      }
    }
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

export function formatFuzzReport(report: FuzzReport, options: Pick<FuzzOptions, 'seed' | 'source'>, failureDir?: string): string {
  const out = [
    `Fuzz: ${report.programs} programs (seed ${options.seed}, ${options.source === 'both' ? 'eslump and service grammar' : options.source}) in ${report.seconds.toFixed(1)} s.`,
    `Linted with \`recommended\` and \`all\`: ${report.linted}; not parsable to begin with: ${report.unparsable}.`,
    `Findings: ${report.findings}; fixes applied: ${report.fixesApplied}; suggestions applied: ${report.suggestionsApplied}.`,
    `Failures: ${report.failures.length}.`,
  ];
  for (const failure of report.failures.slice(0, 20)) {
    out.push(`  #${failure.index} (program seed ${failure.seed}, ${failure.filename}) ${failure.kind} ${failure.rule ?? ''}: ${failure.message.split('\n', 1)[0] ?? ''}`);
  }
  if (failureDir !== undefined && report.failures.length > 0) out.push(`Failing programs written to ${failureDir}.`);
  return out.join('\n');
}

const USAGE = 'Usage: npm run fuzz -- [--count 300] [--seed 1] [--source both|eslump|service]\n';

export function parseFuzzArgs(argv: readonly string[]): Omit<FuzzOptions, 'plugin'> {
  const options: Omit<FuzzOptions, 'plugin'> = { count: 300, seed: 1, source: 'both' };
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
        if (source !== 'both' && source !== 'eslump' && source !== 'service') throw new Error(`--source takes both, eslump or service\n${USAGE}`);
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
  const report = runFuzz({ ...options, plugin });
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
