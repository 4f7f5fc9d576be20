import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, enclosingFunction, outerValue, propertyName, unwrap, type FunctionNode } from '../file/ast.js';
import { FileFacts } from '../facts.js';
import { inUiEffect } from '../file/file-kind.js';
import { HousekeepingAnalysis } from './housekeeping.js';
import { importResolverFor, importsAny, type ImportResolver } from '../file/imports.js';
import { isRealtimeEntry, type Entry, type RouteIndex } from '../lifetime/routes.js';
import { nodesOfType } from '../file/node-index.js';
import type { StoreUse } from './stores.js';

/**
 * - `scheduler`: a scheduling library (node-cron, cron, node-schedule, `@nestjs/schedule`, …);
 * - `interval`: a `setInterval` job that does work outside the process;
 * - `refresh`: a `setInterval` that only refreshes data kept in this process;
 * - `afterResponse`: a timer started by a handler that does outside work after the response.
 */
export type TimerKind = 'scheduler' | 'interval' | 'refresh' | 'afterResponse';

export interface TimerFinding {
  readonly kind: TimerKind;
  readonly node: TSESTree.Node;
  /** `setInterval`, `setTimeout`, or the scheduler call as written. */
  readonly timer: string;
  /** For `scheduler`: the store table's advice. */
  readonly advice?: string;
  /** For `afterResponse`: the handler that started it. */
  readonly entry?: Entry;
  /** For schedulers, intervals and refreshes: whether the file serves requests (else reported only when told every file does). */
  readonly serverFile: boolean;
}

const TIMERS = new Set(['setInterval', 'setTimeout', 'setImmediate']);
const TIMER_MODULES = ['timers', 'node:timers'];
const TIMER_NAME = /\bset(?:Interval|Timeout|Immediate)\b/u;
const CLEARS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate']);
/** Parameters of a handler that are its response or connection: a timer that uses them belongs to the response. */
const RESPONSE_NAME = /^(?:res|response|reply|stream|ws|socket|sse|writer|h)$/u;

/** Timers and schedulers of one file that run work per instance or past a response (`stores`: the file's store-table uses). */
export function analyseTimers(facts: FileFacts, stores: readonly StoreUse[]): TimerFinding[] {
  const serverFile = facts.servesRequests;
  const findings: TimerFinding[] = stores
    .filter((use) => use.kind === 'scheduler')
    .map((use) => ({ kind: 'scheduler', node: use.node, timer: use.found, advice: use.entry.advice, serverFile: serverFile || !use.serverFilesOnly }));
  findings.push(...new TimerAnalysis(facts.sourceCode, facts, serverFile).run());
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

class TimerAnalysis {
  private readonly resolver: ImportResolver;
  private readonly work: HousekeepingAnalysis;
  private readonly routes: RouteIndex;
  /** Whether the file names the `timers` module; if not, no callee resolves to it. */
  private readonly importsTimers: boolean;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly facts: FileFacts,
    private readonly serverFile: boolean,
  ) {
    this.resolver = importResolverFor(sourceCode);
    this.importsTimers = importsAny(sourceCode, TIMER_MODULES);
    this.work = new HousekeepingAnalysis(sourceCode, this.resolver);
    this.routes = facts.routes;
  }

  run(): TimerFinding[] {
    const findings: TimerFinding[] = [];
    // Every timer is called by its name (`setInterval`, `timers.setTimeout`, an import of it): a file without one has none.
    if (!TIMER_NAME.test(this.sourceCode.text)) return findings;
    for (const node of nodesOfType(this.sourceCode, AST_NODE_TYPES.CallExpression)) {
      const timer = this.timerName(node);
      if (timer === undefined) continue;
      const finding = this.judge(node, timer);
      if (finding) findings.push(finding);
    }
    return findings;
  }

  /** `setInterval` and friends: the globals, or imported from `timers`; `timers/promises` is awaited, so never here. */
  private timerName(call: TSESTree.CallExpression): string | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      if (!TIMERS.has(callee.name)) return this.importedTimer(callee);
      const variable = ASTUtils.findVariable(this.sourceCode.getScope(callee), callee);
      if (!variable || variable.defs.length === 0) return callee.name;
      return this.importedTimer(callee);
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(callee);
      const object = unwrap(callee.object);
      if (name !== undefined && TIMERS.has(name) && object.type === AST_NODE_TYPES.Identifier && (object.name === 'globalThis' || object.name === 'global' || object.name === 'window')) return name;
      return this.importedTimer(callee);
    }
    return undefined;
  }

  private importedTimer(callee: TSESTree.Node): string | undefined {
    const value = this.importsTimers ? this.resolver.resolve(callee) : undefined;
    if (!value || !TIMER_MODULES.includes(value.specifier)) return undefined;
    for (const path of value.paths) {
      const name = path.at(-1);
      if (name !== undefined && TIMERS.has(name)) return name;
    }
    return undefined;
  }

  private judge(call: TSESTree.CallExpression, timer: string): TimerFinding | undefined {
    const callbackArg = call.arguments[0];
    if (!callbackArg || callbackArg.type === AST_NODE_TYPES.SpreadElement) return undefined;
    // `setTimeout(next, ms)`, `setTimeout(resolve, ms)`: a continuation handed in, not new work.
    if (this.isParameter(callbackArg)) return undefined;
    const callback = this.work.functionOf(callbackArg);
    const lifetime = this.facts.lifetimes.ofNode(call);
    if (lifetime === 'request') return this.afterResponse(call, timer, callback);
    // One-off timers at startup (a warm-up, a delayed first run) are not recurring jobs.
    if (timer !== 'setInterval') return undefined;
    // A component's timer (`useEffect(() => { const id = setInterval(…); … })`) runs in the browser.
    if (inUiEffect(call)) return undefined;
    const work = callback ? this.work.workOf(callback, callback) : 'external';
    if (work === 'local') return undefined;
    return { kind: work === 'refresh' ? 'refresh' : 'interval', node: call, timer, serverFile: this.serverFile };
  }

  private afterResponse(call: TSESTree.CallExpression, timer: string, callback: FunctionNode | undefined): TimerFinding | undefined {
    if (this.awaited(call) || this.cleared(call)) return undefined;
    const [entry] = this.routes.entriesOf(call);
    // A connection's own timers live and die with the connection.
    if (!entry || isRealtimeEntry(entry)) return undefined;
    if (!callback) return { kind: 'afterResponse', node: call, timer, entry, serverFile: true };
    if (this.usesResponse(callback, entry.fn)) return undefined;
    if (this.work.workOf(callback, entry.fn) === 'local') return undefined;
    return { kind: 'afterResponse', node: call, timer, entry, serverFile: true };
  }

  private isParameter(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(value), value);
    return variable?.defs[0]?.type === TSESLint.Scope.DefinitionType.Parameter;
  }

  /** `await new Promise((resolve) => setTimeout(resolve, ms))`: the request waits for it. */
  private awaited(call: TSESTree.CallExpression): boolean {
    let fn = enclosingFunction(call);
    while (fn) {
      const parent = outerValue(fn).parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && calleeName(parent) === 'Promise') return true;
      if (this.facts.lifetimes.roleOf(fn)) return false;
      fn = enclosingFunction(fn);
    }
    const value = outerValue(call);
    return value.parent?.type === AST_NODE_TYPES.AwaitExpression;
  }

  /** `const t = setTimeout(…)` with `clearTimeout(t)` in the same handler: a timeout guard. */
  private cleared(call: TSESTree.CallExpression): boolean {
    const holder = outerValue(call).parent;
    let variable: TSESLint.Scope.Variable | undefined;
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === outerValue(call)) [variable] = this.sourceCode.getDeclaredVariables(holder);
    if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === outerValue(call) && holder.left.type === AST_NODE_TYPES.Identifier) {
      variable = ASTUtils.findVariable(this.sourceCode.getScope(holder.left), holder.left) ?? undefined;
    }
    if (!variable) return false;
    // A clear inside the timer's own callback (a poll that stops itself) does not tie it to the request.
    const callback = call.arguments[0];
    return variable.references.some((reference) => {
      const parent = outerValue(reference.identifier).parent;
      const inCallback = callback !== undefined && callback.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= callback.range[1];
      return !inCallback && parent?.type === AST_NODE_TYPES.CallExpression && CLEARS.has(calleeName(parent) ?? '') && parent.arguments[0] === outerValue(reference.identifier);
    });
  }

  /** Whether the callback uses the handler's response or connection (an SSE heartbeat, a deferred `res.end()`). */
  private usesResponse(callback: FunctionNode, handler: FunctionNode): boolean {
    return this.sourceCode.getDeclaredVariables(handler).some(
      (variable) =>
        RESPONSE_NAME.test(variable.name) &&
        variable.defs.some((def) => def.type === TSESLint.Scope.DefinitionType.Parameter) &&
        variable.references.some((reference) => callback.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= callback.range[1]),
    );
  }
}
