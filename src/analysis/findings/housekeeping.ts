import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from '../file/scope-types.js';
import { calleeName, chainNames, declaredFunction, isFunction, outerValue, propertyName, rootIdentifier, unwrap, walk, type FunctionNode } from '../file/ast.js';
import type { ImportResolver } from '../file/imports.js';
import { FS_READS, fsOperation } from './local-files.js';

/**
 * What a callback does, judged from the calls it makes:
 * - `local`: it touches only this process (in-memory collections, this process's sockets and
 *   server, timers, logs and metrics): per-instance housekeeping;
 * - `refresh`: it also calls out, but only to store the answers in this process (a cache refresh);
 * - `external`: it does work outside the process (a database write, an e-mail, an HTTP call).
 */
export type Work = 'local' | 'refresh' | 'external';

/** Globals whose calls stay in the process. */
const LOCAL_GLOBALS = new Set([
  'console',
  'Math',
  'JSON',
  'Date',
  'Object',
  'Array',
  'Number',
  'String',
  'Boolean',
  'Promise',
  'Reflect',
  'Symbol',
  'BigInt',
  'Buffer',
  'URL',
  'URLSearchParams',
  'Intl',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Error',
  'TypeError',
  'RangeError',
  'performance',
  'process',
  'global',
  'globalThis',
  'clearInterval',
  'clearTimeout',
  'clearImmediate',
  'setTimeout',
  'setImmediate',
  'queueMicrotask',
  'structuredClone',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'gc',
  // Browser globals: code that uses them runs in a tab, not in a service.
  'document',
  'window',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'requestAnimationFrame',
]);
/** Logs, metrics and error reporting are about this instance, wherever they are sent. */
const OBSERVABILITY = /^(?:logs?|logger|console|debug|trace|tracer|metrics?|stats|statsd|gauges?|histogram|telemetry|sentry|newrelic|datadog|dd|otel|span|meter|prometheus|prom)$/iu;
/** A function of the file named for publishing this instance's measurements (`publishPoolSizeToCloudWatch`, `recordMetrics`). */
const OBSERVABILITY_FUNCTION = /(?:Metrics?|Gauges?|Histogram|Telemetry|CloudWatch|Datadog|Prometheus)(?:[A-Z]|$)|^(?:metrics?|gauges?)(?:[A-Z]|$)/u;
/**
 * Methods of strings, numbers, dates, regular expressions and arrays that compute a value and reach
 * nothing outside (`content.includes(colour)`, `name.trim()`). Names that clients of services use too
 * (`find`, `keys`, `get`, `sort`, `forEach`) are left out.
 */
const VALUE_METHODS: ReadonlySet<string> = new Set([
  'includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'trim', 'trimStart', 'trimEnd', 'split', 'slice', 'substring',
  'toLowerCase', 'toUpperCase', 'toString', 'toFixed', 'padStart', 'padEnd', 'replace', 'replaceAll', 'match', 'matchAll', 'test',
  'charAt', 'charCodeAt', 'localeCompare', 'normalize', 'repeat', 'join', 'concat', 'every', 'some', 'filter', 'map', 'reduce',
  'findIndex', 'at', 'getTime', 'toISOString', 'valueOf',
]);
/** Receivers that are this process's own server or connections. */
const PROCESS_RESOURCES = /^(?:server|httpServer|httpsServer|wss|io|sockets?|socks?|ws|clients|connections|peers)$/u;
/** Methods that send to a connection. */
const SEND_METHODS = /^(?:emit\w*|send|write)$/u;
const COLLECTION_CONSTRUCTORS = new Set(['Map', 'Set', 'Array', 'WeakMap', 'WeakSet', 'Object']);
const STORE_METHODS = new Set(['set', 'add', 'push', 'unshift', 'splice']);
/** Methods that read the body of an HTTP answer (`fetch`'s `Response`, undici's, axios-like clients'). */
const BODY_READERS: ReadonlySet<string> = new Set(['json', 'text', 'arrayBuffer', 'blob']);
/** Names of calls that do work even where their answer decides a branch. */
const DOES_WORK = /^(?:send|process|run|exec|delete|remove|insert|update|upsert|create|save|write|publish|enqueue|push|post|put|patch|acquire|lock|sync|flush|purge|clean|notify|mail|email|dispatch|trigger|charge|refund|import|export|backup|migrate)/iu;
/** Names of a constant that tells this instance from the others. */
const INSTANCE_NAME = /^(?:node|instance|host|server|worker|replica|pod|machine)_?(?:id|name)$|^hostname$/iu;
/** What such a constant is made from. */
const INSTANCE_SOURCE = /\bHOSTNAME\b|\bhostname\(\)|\bprocess\.pid\b|\bPOD_NAME\b|\brandomUUID\(\)|\brandomBytes\(/u;
/** How many same-file functions deep a callback is followed. */
const MAX_DEPTH = 3;

type CallLike = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression;

export class HousekeepingAnalysis {
  private readonly memo = new Map<string, Work>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly resolver: ImportResolver,
  ) {}

  /**
   * What `fn` does. Variables declared inside `boundary` (the callback itself, or the handler
   * that started the timer) are per-call values, so calls on them stay local.
   */
  workOf(fn: FunctionNode, boundary: TSESTree.Node): Work {
    return this.work(fn, boundary, 0);
  }

  /**
   * What one statement does (a loop's body), judged as a function's body is; `skip` leaves calls
   * out that are not the work (the loop's own wait).
   */
  workOfStatement(statement: TSESTree.Node, boundary: TSESTree.Node, skip: (call: TSESTree.Node) => boolean): Work {
    return this.bodyWork(statement, boundary, 0, skip);
  }

  /** The function a callback argument denotes: inline, a same-file function, `this.method`, `this.method.bind(this)`. */
  functionOf(node: TSESTree.Node): FunctionNode | undefined {
    let value = unwrap(node);
    if (isFunction(value)) return value;
    // `this.tick.bind(this)`
    if (value.type === AST_NODE_TYPES.CallExpression && calleeName(value) === 'bind') {
      const callee = unwrap(value.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) value = unwrap(callee.object);
    }
    if (value.type === AST_NODE_TYPES.Identifier) return declaredFunction(this.sourceCode, value);
    if (value.type === AST_NODE_TYPES.MemberExpression && unwrap(value.object).type === AST_NODE_TYPES.ThisExpression) return this.classMethod(value);
    return undefined;
  }

  private work(fn: FunctionNode, boundary: TSESTree.Node, depth: number): Work {
    const key = `${String(fn.range[0])}:${String(boundary.range[0])}`;
    const cached = this.memo.get(key);
    if (cached !== undefined) return cached;
    // A cycle or a deep chain counts as local until proven otherwise.
    this.memo.set(key, 'local');
    const result = this.bodyWork(fn.body, boundary, depth);
    this.memo.set(key, result);
    return result;
  }

  private bodyWork(body: TSESTree.Node, boundary: TSESTree.Node, depth: number, skip?: (call: TSESTree.Node) => boolean): Work {
    const external: CallLike[] = [];
    const refreshes: CallLike[] = [];
    walk(body, this.sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.TaggedTemplateExpression) return true;
      if (skip?.(node)) return false;
      const work = this.callWork(node, boundary, depth);
      if (work === 'external' && !this.isMeasurement(node) && !isCondition(node)) external.push(node);
      if (work === 'refresh') refreshes.push(node);
      return true;
    });
    // `redis.set(\`nodes:${nodeId}:sessions\`, …)`: work that publishes this instance's own record (a heartbeat, a registration) is each instance's to do.
    if (external.some((call) => this.namesThisInstance(call))) return 'local';
    if (external.length > 0) return external.every((call) => this.storedLocally(call, boundary)) ? 'refresh' : 'external';
    return refreshes.length > 0 ? 'refresh' : 'local';
  }

  /**
   * Whether a call's arguments name this instance: a module constant named for it (`nodeId`,
   * `instanceId`, `hostname`, `podName`) or made from what tells instances apart (`process.env.HOSTNAME`,
   * `os.hostname()`, `process.pid`, a random id made when the module loads), as the key of a record
   * each instance keeps in a shared store.
   */
  private namesThisInstance(call: CallLike): boolean {
    if (call.type === AST_NODE_TYPES.TaggedTemplateExpression) return false;
    return call.arguments.some((argument) => {
      let found = false;
      walk(argument, this.sourceCode.visitorKeys, (node) => {
        if (found || isFunction(node)) return false;
        if (node.type === AST_NODE_TYPES.Identifier && this.isInstanceIdentity(node)) found = true;
        return !found;
      });
      return found;
    });
  }

  private isInstanceIdentity(identifier: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    const def = variable?.defs[0];
    if (def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || !def.node.init || def.node.id !== def.name) return false;
    if (def.parent.parent.type !== AST_NODE_TYPES.Program && def.parent.parent.parent.type !== AST_NODE_TYPES.Program) return false;
    return INSTANCE_NAME.test(identifier.name) || INSTANCE_SOURCE.test(this.sourceCode.getText(def.node.init));
  }

  private callWork(call: CallLike, boundary: TSESTree.Node, depth: number): Work {
    const callee = unwrap(call.type === AST_NODE_TYPES.TaggedTemplateExpression ? call.tag : call.callee);
    if (this.readsOwnDisk(callee)) return 'local';
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const fn = declaredFunction(this.sourceCode, callee);
      if (fn && OBSERVABILITY_FUNCTION.test(callee.name)) return 'local';
      if (fn) return depth < MAX_DEPTH ? this.work(fn, boundary, depth + 1) : 'local';
      return this.receiverWork(callee, boundary);
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrap(callee.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) {
        const method = this.classMethod(callee);
        if (method) return depth < MAX_DEPTH ? this.work(method, boundary, depth + 1) : 'local';
        return 'local';
      }
      // `this.sessions.delete(id)`, `this.logger.warn(…)`
      if (object.type === AST_NODE_TYPES.MemberExpression && unwrap(object.object).type === AST_NODE_TYPES.ThisExpression) {
        return this.fieldWork(object);
      }
      const property = propertyName(callee);
      if (property !== undefined && (OBSERVABILITY.test(property) || VALUE_METHODS.has(property))) return 'local';
      // `this.config.providers.forEach((p) => …)`: a walk over a list; what the callback does is judged on its own.
      if (property === 'forEach' && call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] !== undefined && isFunction(call.arguments[0])) return 'local';
      // `this.io.sockets.sockets.values()`: judged by the field the chain starts from.
      let inner: TSESTree.Node = object;
      while (inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.MemberExpression) inner = unwrap(inner.object);
      if (inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression) return this.fieldWork(inner);
      const root = rootIdentifier(callee);
      if (!root) {
        // `promise.race([…]).catch(…)`, `(await res).json()`: the inner call is judged on its own.
        const chained = object.type === AST_NODE_TYPES.CallExpression || object.type === AST_NODE_TYPES.AwaitExpression || object.type === AST_NODE_TYPES.NewExpression;
        return chained || isFunction(object) || object.type === AST_NODE_TYPES.ArrayExpression || object.type === AST_NODE_TYPES.Literal || object.type === AST_NODE_TYPES.TemplateLiteral ? 'local' : 'external';
      }
      return this.receiverWork(root, boundary);
    }
    if (isFunction(callee)) return depth < MAX_DEPTH ? this.work(callee, boundary, depth + 1) : 'local';
    return 'external';
  }

  /**
   * `fs.readFile(statusFile, …)`, `statSync(dir)`: a read of this instance's own disk. Polling a
   * status file or reloading a local config file concerns each instance alone.
   */
  private readsOwnDisk(callee: TSESTree.Node): boolean {
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const op = fsOperation(this.resolver, callee);
    // `open` may open for writing.
    return op !== undefined && FS_READS.has(op) && !op.startsWith('open');
  }

  /** An outside call whose answer only goes into a log or a metric: `metrics.gauge('jobs', await queue.count())`. */
  private isMeasurement(call: CallLike): boolean {
    let value: TSESTree.Node = outerValue(call);
    if (value.parent?.type === AST_NODE_TYPES.AwaitExpression) value = outerValue(value.parent);
    const parent = value.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(value as TSESTree.CallExpressionArgument)) return false;
    const callee = unwrap(parent.callee);
    const names = callee.type === AST_NODE_TYPES.MemberExpression ? [propertyName(callee), rootIdentifier(callee)?.name] : callee.type === AST_NODE_TYPES.Identifier ? [callee.name] : [];
    return names.some((name) => name !== undefined && OBSERVABILITY.test(name));
  }

  /** Calls on what an identifier holds. */
  private receiverWork(identifier: TSESTree.Identifier, boundary: TSESTree.Node): Work {
    if (OBSERVABILITY.test(identifier.name) || PROCESS_RESOURCES.test(identifier.name)) return 'local';
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    if (!variable || variable.defs.length === 0) return LOCAL_GLOBALS.has(identifier.name) ? 'local' : 'external';
    const def = variable.defs[0];
    if (!def) return 'external';
    if (inside(def.name, boundary)) return 'local';
    if (def.type === DefinitionType.ImportBinding) return 'external';
    if (def.type === DefinitionType.Variable) {
      // `const dockgeSocket = socket as DockgeSocket`: an alias is what it aliases.
      const init = def.node.init ? unwrap(def.node.init) : undefined;
      if (init?.type === AST_NODE_TYPES.Identifier && init !== identifier) return this.receiverWork(init, boundary);
      return this.isProcessValue(def.node.init) ? 'local' : 'external';
    }
    if (def.type === DefinitionType.Parameter) return 'external';
    return 'external';
  }

  /** A value that lives in this process: a collection, a literal, this process's WebSocket or socket.io server. */
  private isProcessValue(init: TSESTree.Expression | null): boolean {
    if (!init) return true;
    const value = unwrap(init);
    if (value.type === AST_NODE_TYPES.ArrayExpression || value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.Literal) return true;
    if (value.type === AST_NODE_TYPES.NewExpression) {
      const name = calleeName(value);
      if (name !== undefined && COLLECTION_CONSTRUCTORS.has(name)) return true;
      return this.resolver.denotes(value.callee, ['ws'], ['WebSocketServer']) || this.resolver.denotes(value.callee, ['ws'], ['Server']) || this.resolver.denotes(value.callee, ['socket.io'], ['Server']);
    }
    return false;
  }

  /** Calls on a field: local when the field holds a collection, logs or this process's server. */
  private fieldWork(member: TSESTree.MemberExpression): Work {
    const field = propertyName(member);
    if (field === undefined) return 'external';
    if (OBSERVABILITY.test(field) || PROCESS_RESOURCES.test(field)) return 'local';
    const classBody = ancestorClassBody(member);
    if (!classBody) return 'external';
    for (const element of classBody.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && propertyName(element) === field) return this.isProcessValue(element.value) ? 'local' : 'external';
    }
    return 'external';
  }

  /** Whether an outside call's answer is only kept in this process (`rates = await fetchRates()`). */
  private storedLocally(call: CallLike, boundary: TSESTree.Node): boolean {
    let value: TSESTree.Node = outerValue(call);
    if (value.parent?.type === AST_NODE_TYPES.AwaitExpression) value = outerValue(value.parent);
    const parent = value.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) return this.isInstanceTarget(parent.left, boundary);
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(value as TSESTree.CallExpressionArgument)) return this.isStoreCall(parent, boundary);
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
      return this.usesStore(this.sourceCode.getDeclaredVariables(parent)[0], boundary);
    }
    // `fetchConfig(c).then((config) => this.configs.set(c.id, config))`: the answer handed to a callback that keeps it.
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === value && propertyName(parent) === 'then') {
      const then = outerValue(parent).parent;
      const callback = then?.type === AST_NODE_TYPES.CallExpression && then.callee === outerValue(parent) ? then.arguments[0] : undefined;
      const param = callback && isFunction(callback) ? callback.params[0] : undefined;
      if (param?.type !== AST_NODE_TYPES.Identifier) return false;
      return this.usesStore(this.sourceCode.getDeclaredVariables(callback as FunctionNode).find((variable) => variable.name === param.name), boundary);
    }
    return false;
  }

  /** Whether every use of a variable holding an answer keeps it in this process. */
  private usesStore(variable: TSESLint.Scope.Variable | undefined, boundary: TSESTree.Node): boolean {
    // Writes into the answer itself (`res.data.slow = …`) keep it where it is.
    const uses = variable?.references.filter((reference) => reference.init !== true && !writesInto(reference.identifier)) ?? [];
    return uses.length > 0 && uses.every((reference) => this.statementStores(reference.identifier, boundary) || this.readIntoStored(reference.identifier, boundary));
  }

  /**
   * `const res = await fetch(url); const data = await res.json(); this.latest = data.version`: the
   * answer is read (`res.json()`, `res.text()`) into another value that is kept in this process.
   */
  private readIntoStored(identifier: TSESTree.Node, boundary: TSESTree.Node): boolean {
    const member = outerValue(identifier).parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== outerValue(identifier) || !BODY_READERS.has(propertyName(member) ?? '')) return false;
    const call = outerValue(member).parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(member) && this.storedLocally(call, boundary);
  }

  private isStoreCall(call: TSESTree.CallExpression, boundary: TSESTree.Node): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !STORE_METHODS.has(propertyName(callee) ?? '')) return false;
    return this.isInstanceTarget(callee.object, boundary);
  }

  /** A target that outlives the callback in this process: a module or captured binding, or a field. */
  private isInstanceTarget(target: TSESTree.Node, boundary: TSESTree.Node): boolean {
    let node = unwrap(target);
    while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
    if (node.type === AST_NODE_TYPES.ThisExpression) return true;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    // `exports.latestVersion = …`, `module.exports.rates = …`: the module's own object.
    if ((node.name === 'exports' || node.name === 'module') && (!variable || variable.defs.length === 0)) return unwrap(target) !== node;
    const def = variable?.defs[0];
    return def !== undefined && def.type !== DefinitionType.ImportBinding && !inside(def.name, boundary);
  }

  /** Whether the statement around a use of an answer stores into this process (`for (const r of rows) cache.set(…)`). */
  private statementStores(identifier: TSESTree.Node, boundary: TSESTree.Node): boolean {
    let statement: TSESTree.Node = identifier;
    while (statement.parent && !isStatement(statement)) statement = statement.parent;
    let stores = false;
    walk(statement, this.sourceCode.visitorKeys, (node) => {
      if (stores) return false;
      if (node.type === AST_NODE_TYPES.AssignmentExpression && this.isInstanceTarget(node.left, boundary)) stores = true;
      if (node.type === AST_NODE_TYPES.CallExpression && (this.isStoreCall(node, boundary) || this.sendsToOwnClients(node))) stores = true;
      return true;
    });
    return stores;
  }

  /**
   * `for (const socket of io.sockets.sockets.values()) socket.emit('list', rows)`, `wss.clients.forEach((c) =>
   * c.send(data))`, `io.emit(…)`: the answer goes to this process's own connections, as a copy kept in memory would.
   */
  private sendsToOwnClients(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !SEND_METHODS.test(propertyName(callee) ?? '')) return false;
    const receiver = unwrap(callee.object);
    if (chainNames(receiver).some((name) => PROCESS_RESOURCES.test(name))) return true;
    if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
    const def = ASTUtils.findVariable(this.sourceCode.getScope(receiver), receiver)?.defs[0];
    // The loop variable of `for (const socket of <this process's sockets>)`.
    const loop = def?.type === DefinitionType.Variable ? def.parent.parent : undefined;
    return loop?.type === AST_NODE_TYPES.ForOfStatement && chainNames(loop.right).some((name) => PROCESS_RESOURCES.test(name));
  }

  private classMethod(member: TSESTree.MemberExpression): FunctionNode | undefined {
    const name = propertyName(member);
    const classBody = ancestorClassBody(member);
    if (name === undefined || !classBody) return undefined;
    for (const element of classBody.body) {
      if ((element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) && propertyName(element) === name && isFunction(element.value)) return element.value;
    }
    return undefined;
  }
}

/**
 * A call whose answer only decides a branch (`if (await setting('checkUpdate'))`, `cond ? a : b`,
 * `if (compare(a, b, '>'))`): a read, which neither does outside work nor needs storing.
 */
function isCondition(call: CallLike): boolean {
  // `if (await purgeExpired())`, `while (await processNext())`: work whose result is tested is still work.
  const name = call.type === AST_NODE_TYPES.TaggedTemplateExpression ? undefined : calleeName(call);
  if (name === undefined || DOES_WORK.test(name)) return false;
  let node: TSESTree.Node = outerValue(call);
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) return parent.test === node;
    const passesOn =
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.UnaryExpression ||
      parent.type === AST_NODE_TYPES.LogicalExpression ||
      (parent.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!=', '<', '<=', '>', '>='].includes(parent.operator)) ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression;
    if (!passesOn) return false;
  }
  return false;
}

/** A reference that is the object of a member written to (`answer.data.flag = …`). */
function writesInto(identifier: TSESTree.Node): boolean {
  let node: TSESTree.Node = outerValue(identifier);
  while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) node = outerValue(node.parent);
  return node !== outerValue(identifier) && node.parent?.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
}

function inside(node: TSESTree.Node, boundary: TSESTree.Node): boolean {
  return boundary.range[0] <= node.range[0] && node.range[1] <= boundary.range[1];
}

function isStatement(node: TSESTree.Node): boolean {
  return node.type.endsWith('Statement') || node.type === AST_NODE_TYPES.VariableDeclaration;
}

function ancestorClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  let current = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
    current = current.parent;
  }
  return undefined;
}
