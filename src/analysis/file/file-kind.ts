import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { PLATFORM_ADVICE } from '../../knowledge/advice.js';
import { CLIENT_DIRECTIVE, CLIENT_HOOK, DEVICE_PACKAGE, NEXT_CLIENT_MODULES, NEXT_SERVER_DATA, REACT_PACKAGES, UI_EFFECTS, UI_PACKAGES } from '../../frameworks/client.js';
import { FRAMEWORKS } from '../../frameworks/index.js';
import { calleeName, enclosingFunction, isFunction, outerValue, propertyName, stringValue, unwrap, type FunctionNode } from './ast.js';
import { readModuleInfo } from './module-info.js';

/**
 * The boundaries of the service, each drawn once: which files serve requests, which code no
 * production replica runs (test files, browser and device code, development-only branches).
 * Every rule family asks these, and nothing else draws them.
 */

/** Packages of the adapters that describe request handlers (not the process-lifecycle one: `process` is no web framework). */
const FRAMEWORK_PACKAGES: ReadonlySet<string> = new Set(
  FRAMEWORKS.filter((adapter) => adapter.handlerCalls !== undefined || adapter.handlerExports !== undefined || adapter.decoratedClasses !== undefined).flatMap((adapter) => adapter.packages),
);

/** Whether a file imports a web framework or platform, i.e. is part of a service that handles requests. */
export function servesRequests(program: TSESTree.Program): boolean {
  for (const name of readModuleInfo(program).packages) if (FRAMEWORK_PACKAGES.has(name)) return true;
  return false;
}

/**
 * Tests, and the doubles only tests import (`redis-cache.service.mock.ts`, `mailer.stub.ts`,
 * `clock.fake.ts`): under a folder named for tests (`test/`, `tests-e2e/`, `test-int/`,
 * `integration-tests/`; not `ab-test/`, a feature).
 */
const TEST_FILE = /(?:^|\/)(?:__tests__|__mocks__|specs?|(?:tests?|testing|e2e)(?:[-_][\w-]+)?|(?:unit|integration|int|e2e|functional|acceptance|api|load|perf|smoke|system)[-_]tests?)\/|\.(?:test|spec|e2e|e2e-spec|mock|mocks|stub|stubs|fake|fakes)\.[cm]?[jt]sx?$/u;

/** Test files never run in a deployed service, so what they keep in memory or on disk is nobody's state. */
export function isTestFile(filename: string): boolean {
  return TEST_FILE.test(filename.replace(/\\/gu, '/'));
}

/**
 * Code that runs in a browser or on a device rather than in the service: a `'use client'` module,
 * a file of a React Native or Expo app, a module of React components and hooks (it calls
 * `useState`, `useEffect`, …), or a module of another UI library, that imports no web framework.
 * Server-rendered routes import their framework (`next`, `@remix-run/node`), so they stay server code.
 */
export function isClientCode(program: TSESTree.Program): boolean {
  const info = readModuleInfo(program);
  if (info.directives.has(CLIENT_DIRECTIVE)) return true;
  for (const name of info.packages) if (DEVICE_PACKAGE.test(name)) return true;
  if (servesRequests(program) && !importsOnlyClientModules(program)) return false;
  for (const name of info.packages) if (UI_PACKAGES.includes(name)) return true;
  if (!REACT_PACKAGES.some((name) => info.packages.has(name))) return false;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !REACT_PACKAGES.includes(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && CLIENT_HOOK.test(specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value)) return true;
      // `import * as React from 'react'` / `import React from 'react'`, then `React.useState(…)`
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier && usesMember(program, specifier.local.name)) return true;
    }
  }
  return false;
}

/**
 * A component module that imports its framework only for what components use (`next/link`,
 * `next/router`) and exports nothing that runs on the server before it renders
 * (`getServerSideProps`): the framework import is no evidence of server code.
 */
function importsOnlyClientModules(program: TSESTree.Program): boolean {
  let framework = false;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      const source = statement.source.value;
      if (!FRAMEWORK_PACKAGES.has(source) && !FRAMEWORK_PACKAGES.has(source.split('/')[0] ?? '')) continue;
      if (!NEXT_CLIENT_MODULES.has(source)) return false;
      framework = true;
    }
  }
  return framework && ![...readModuleInfo(program).exportsByLocal.values()].some((names) => names.some((name) => NEXT_SERVER_DATA.has(name)));
}

/** Whether the file calls a client hook through a namespace (`React.useEffect(…)`). */
function usesMember(program: TSESTree.Program, namespace: string): boolean {
  return program.tokens?.some((token, index, tokens) => token.value === namespace && tokens[index + 1]?.value === '.' && CLIENT_HOOK.test(tokens[index + 2]?.value ?? '')) === true;
}

/**
 * Folders of one-off database commands: migrations and seeders. (`scripts/` is left in: a server
 * may load a job module from there.)
 */
const ONE_OFF_FOLDER = /(?:^|\/)(?:migrations|seeders?|seeds)\//u;

/**
 * A one-off command rather than the service: a file under `migrations/`, `seeders/` or `seeds/`
 * that imports no web framework. It runs once, as its own process, and keeps nothing a request
 * could read; a file there that serves requests is still the service's.
 */
export function isOneOffCommand(program: TSESTree.Program, filename: string): boolean {
  return ONE_OFF_FOLDER.test(filename.replace(/\\/gu, '/')) && !servesRequests(program);
}

/** The file is no part of a running service: a test file, a one-off command, or browser or device code. */
export function isOutsideService(program: TSESTree.Program, filename: string): boolean {
  return isTestFile(filename) || isTestSuite(program) || isOneOffCommand(program, filename) || isClientCode(program);
}

/** Mocha's, Jest's, Vitest's and Jasmine's suite and case functions. */
const SUITE = new Set(['describe', 'suite', 'context']);
const CASE = new Set(['it', 'test', 'specify']);

/**
 * A test suite wherever it lies (`test-int/bot.js`, `checks/orders.js`): a top-level
 * `describe('…', () => { … it('…', …) … })`. A mock server started inside a case is the test's.
 */
export function isTestSuite(program: TSESTree.Program): boolean {
  return program.body.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const suite = suiteBody(statement.expression, SUITE);
    return suite?.body.type === AST_NODE_TYPES.BlockStatement && suite.body.body.some((inner) => inner.type === AST_NODE_TYPES.ExpressionStatement && (suiteBody(inner.expression, CASE) !== undefined || suiteBody(inner.expression, SUITE) !== undefined));
  });
}

/** The function of `name('title', fn)` (also `name.only`, `name.skip`) for a name in `names`. */
function suiteBody(expression: TSESTree.Expression, names: ReadonlySet<string>): FunctionNode | undefined {
  const call = unwrap(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length < 2) return undefined;
  let callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && ['only', 'skip'].includes(propertyName(callee) ?? '')) callee = unwrap(callee.object);
  if (callee.type !== AST_NODE_TYPES.Identifier || !names.has(callee.name)) return undefined;
  const [title] = call.arguments;
  const fn = call.arguments.at(-1);
  if (title?.type !== AST_NODE_TYPES.Literal && title?.type !== AST_NODE_TYPES.TemplateLiteral) return undefined;
  return fn && isFunction(fn) ? fn : undefined;
}

/**
 * A callback of a UI component's lifecycle (`useEffect(() => …)`, `onMounted(…)`, a class
 * component's `componentDidMount`): it runs in the browser after a render, never while a server renders.
 */
export function isUiEffectCallback(fn: FunctionNode): boolean {
  const parent = outerValue(fn).parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) return isUiEffectCall(parent);
  return parent?.type === AST_NODE_TYPES.MethodDefinition && UI_EFFECTS.has(propertyName(parent) ?? '');
}

/** `useEffect(…)`, `onMounted(…)`: a call whose function arguments run in the browser after a render. */
export function isUiEffectCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return call.type === AST_NODE_TYPES.CallExpression && UI_EFFECTS.has(calleeName(call) ?? '');
}

/** Whether a node sits in a UI effect callback, at any depth. */
export function inUiEffect(node: TSESTree.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (isUiEffectCallback(fn)) return true;
  return false;
}

/**
 * Code that runs only outside production: in the branch of a test like
 * `process.env.NODE_ENV !== 'production'` (the hot-reload singleton `globalThis.prisma = prisma`).
 * A replica in production never runs it.
 */
export function isDevelopmentOnly(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current) {
    if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && child !== current.test) {
      if (current.consequent === child ? testsDevelopment(current.test, true) : testsDevelopment(current.test, false)) return true;
    } else if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && current.right === child && testsDevelopment(current.left, true)) {
      return true;
    }
    child = current;
    current = current.parent;
  }
  return false;
}

/** Flags named for the development build (`isDev`, `IS_DEVELOPMENT`, `__DEV__`, SvelteKit's `dev`), and for production. */
const DEVELOPMENT_FLAG = /^(?:is_?dev(?:elopment)?|__dev__|dev)$/iu;
const PRODUCTION_FLAG = /^(?:is_?prod(?:uction)?)$/iu;

/** Whether `test` being `outcome` means the process is not in production. */
export function testsDevelopment(test: TSESTree.Node, outcome: boolean): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return testsDevelopment(node.argument, !outcome);
  // `if (isDev)`, `if (!isProduction)`, `if (import.meta.env.DEV)`, `if (config.isDev)`
  const flag = node.type === AST_NODE_TYPES.Identifier ? node.name : node.type === AST_NODE_TYPES.MemberExpression ? propertyName(node) : undefined;
  if (flag !== undefined) {
    if (DEVELOPMENT_FLAG.test(flag)) return outcome;
    if (PRODUCTION_FLAG.test(flag)) return !outcome;
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    // a && b true: both are; a || b false: both are.
    if ((node.operator === '&&' && outcome) || (node.operator === '||' && !outcome)) return testsDevelopment(node.left, outcome) || testsDevelopment(node.right, outcome);
    return false;
  }
  if (node.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const [env, other] = isNodeEnv(node.left) ? [node.left, node.right] : [node.right, node.left];
  if (!isNodeEnv(env) || other.type === AST_NODE_TYPES.PrivateIdentifier) return false;
  const value = stringValue(other);
  if (value === undefined) return false;
  const equal = node.operator === '===' || node.operator === '==';
  if (!equal && node.operator !== '!==' && node.operator !== '!=') return false;
  // NODE_ENV === 'production' false, NODE_ENV !== 'production' true, NODE_ENV === 'development' true.
  if (value === 'production') return equal !== outcome;
  return equal === outcome && (value === 'development' || value === 'test');
}

/** `process.env.NODE_ENV`, `process.env['NODE_ENV']`. */
function isNodeEnv(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.MemberExpression || propertyName(value) !== 'NODE_ENV') return false;
  const env = unwrap(value.object);
  return env.type === AST_NODE_TYPES.MemberExpression && propertyName(env) === 'env' && unwrap(env.object).type === AST_NODE_TYPES.Identifier && (unwrap(env.object) as TSESTree.Identifier).name === 'process';
}

/**
 * The platforms and libraries of `PLATFORM_ADVICE` a file shows (its imports, the globals it calls,
 * a module Worker's `export default { fetch }`), in the table's order: the advice is chosen from them.
 */
export function platformsOf(sourceCode: Readonly<TSESLint.SourceCode>): readonly string[] {
  const info = readModuleInfo(sourceCode.ast);
  const globals = new Set((sourceCode.scopeManager?.globalScope?.through ?? []).map((reference) => reference.identifier.name));
  const defaultFetch = [...info.exportsByNode].some(
    ([node, names]) =>
      names.includes('default') &&
      node.type === AST_NODE_TYPES.ObjectExpression &&
      node.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'fetch'),
  );
  return PLATFORM_ADVICE.filter(
    (entry) =>
      entry.packages?.some((name) => info.packages.has(name)) === true ||
      entry.prefixes?.some((prefix) => [...info.packages].some((specifier) => specifier.startsWith(prefix))) === true ||
      entry.globals?.some((name) => globals.has(name)) === true ||
      (entry.defaultFetch === true && defaultFetch),
  ).map((entry) => entry.platform);
}
