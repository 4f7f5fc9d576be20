import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, ScopeType } from '../file/scope-types.js';
import { calleeName, enclosingFunction, isFunction, outerValue, propertyName, someNode, unwrap, walk, type FunctionNode } from '../file/ast.js';
import { FileFacts, type ForeignDeferred } from '../facts.js';
import { inUiEffect, isDevelopmentOnly } from '../file/file-kind.js';
import { HousekeepingAnalysis, type Work } from './housekeeping.js';
import { importResolverFor, importsAny, type ImportResolver } from '../file/imports.js';
import { isRealtimeEntry, type Entry, type RouteIndex } from '../lifetime/routes.js';
import { nodesOfType } from '../file/node-index.js';
import { analyseStores, type StoreUse } from './stores.js';

/**
 * - `scheduler`: a scheduling library (node-cron, cron, node-schedule, `@nestjs/schedule`, …);
 * - `interval`: a `setInterval` job that does work outside the process;
 * - `loop`: a `setTimeout` that schedules its own function again (`function poll() { …; setTimeout(poll, ms) }`),
 *   a `setInterval` by another name; or a loop that never ends and waits between rounds
 *   (`while (true) { await work(); await sleep(ms) }`), the same job written with `await`;
 * - `refresh`: a `setInterval`, loop or scheduler job that only refreshes data kept in this process (or sent to its own clients);
 * - `afterResponse`: a timer started by a handler that does outside work after the response;
 * - `connection`: a `setInterval` a socket's connection handler starts, never clears and does not
 *   tie to the socket: it outlives the connection and runs once for every client that ever connected.
 */
export type TimerKind = 'scheduler' | 'interval' | 'loop' | 'refresh' | 'afterResponse' | 'connection';

export interface TimerFinding {
  readonly kind: TimerKind;
  readonly node: TSESTree.Node;
  /** `setInterval`, `setTimeout`, or the scheduler call as written. */
  readonly timer: string;
  /** For `scheduler`: the store table's advice. */
  readonly advice?: string;
  /** For `afterResponse` and `connection`: the handler that started it. */
  readonly entry?: Entry;
  /** For schedulers, intervals and refreshes: whether the file serves requests (else reported only when told every file does). */
  readonly serverFile: boolean;
  /** For a `loop` that waits between rounds: the wait as written (`delay(interval)`), and where the loop's head is. */
  readonly wait?: { readonly text: string; readonly head: TSESTree.SourceLocation };
  /** For `afterResponse` through a call of another project file's function: the callee as written, and the timers it starts there. */
  readonly across?: { readonly callee: string; readonly timers: readonly ForeignDeferred[] };
}

const TIMERS = new Set(['setInterval', 'setTimeout', 'setImmediate']);
/**
 * Node's `timers`, and packages that stand in for the global timers: `long-timeout`, `safe-timers`
 * and `unlimited-timeout` (delays past 24.8 days), and `set-interval-async` (`setIntervalAsync`).
 */
const TIMER_MODULES = ['timers', 'node:timers', 'long-timeout', 'safe-timers', 'unlimited-timeout', 'set-interval-async', 'set-interval-async/dynamic', 'set-interval-async/fixed'];
/** A timer exported under another name, by the timer it is. */
const TIMER_ALIASES: ReadonlyMap<string, string> = new Map([['setIntervalAsync', 'setInterval']]);
const TIMER_NAME = /\bset(?:Interval|Timeout|Immediate)(?:Async)?\b/u;
const CLEARS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate', 'clearIntervalAsync']);
/** Parameters of a handler that are its response or connection: a timer that uses them belongs to the response. */
const RESPONSE_NAME = /^(?:res|response|reply|stream|ws|socket|sse|writer|h)$/u;

/** Timers and schedulers of one file that run work per instance or past a response (`stores`: the file's store-table uses). */
export function analyseTimers(facts: FileFacts, stores: readonly StoreUse[]): TimerFinding[] {
  const serverFile = facts.servesRequests;
  const analysis = new TimerAnalysis(facts.sourceCode, facts, serverFile);
  const findings: TimerFinding[] = [];
  for (const use of stores) {
    if (use.kind !== 'scheduler') continue;
    const work = analysis.jobWork(use.node);
    if (work === 'local') continue;
    findings.push({ kind: work === 'refresh' ? 'refresh' : 'scheduler', node: use.node, timer: use.found, advice: use.entry.advice, serverFile: serverFile || !use.serverFilesOnly });
  }
  findings.push(...analysis.run());
  // A job or timer in a development-only branch (`if (isDev) setInterval(…)`) runs in no deployed replica.
  return findings.filter((finding) => !isDevelopmentOnly(finding.node)).sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** `clearTimeout(t)`, `clearInterval(t)`: a reference to a timer's handle that clears it. */
function clears(reference: TSESLint.Scope.Reference): boolean {
  const parent = outerValue(reference.identifier).parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && CLEARS.has(calleeName(parent) ?? '') && parent.arguments[0] === outerValue(reference.identifier);
}

/** Text without which a file starts no job: a timer's name, or a scheduling library's; or a loop and a wait (see `mayStartJobs`). */
const JOB_TEXT = /\bset(?:Interval|Timeout|Immediate)(?:Async)?\b|cron|schedul/iu;
/** The head of a loop that may never end: `while (true)`, `for (;;)`, `while (!this.stopped)`, `while (running)`. */
const ENDLESS_HEAD = /\bwhile\s*\(\s*(?:true|1|!?\s*(?:this\.)?[\w$]+)\s*\)|\bfor\s*\(\s*;\s*;\s*\)/u;
/** A wait a loop may do between rounds (`await sleep(ms)`, `await delay(s)`, `timers/promises`' `setTimeout`). */
const WAIT_TEXT = /\bawait\s+(?:[\w$.]*?(?:sleep|delay|wait|pause|snooze|setTimeout|timeout)\b|new\s+Promise)/iu;
/** A wait by its callee's name: `sleep(ms)`, `delay(s)`, `setTimeout(ms)` of `timers/promises`, `backoffDelay(n)`. */
const WAIT_NAME = /^(?:sleep|delay|wait|pause|snooze|setTimeout|timeout)$|(?:Sleep|Delay)$/u;

/** Whether a file's text may start a recurring job (the project gate reads it too): without this, it starts none. */
export function mayStartJobs(text: string): boolean {
  return JOB_TEXT.test(text) || (ENDLESS_HEAD.test(text) && WAIT_TEXT.test(text));
}

/**
 * The recurring jobs a file starts, judged as in a server file (`setInterval` and self-rescheduling
 * `setTimeout` jobs that do outside work, scheduler jobs), wherever they are; what only refreshes
 * this process's data is left out. Files that import this one and serve requests report them.
 */
export function recurringJobs(facts: FileFacts): readonly (TimerFinding & { kind: 'interval' | 'loop' | 'scheduler' })[] {
  if (!mayStartJobs(facts.sourceCode.text)) return [];
  return analyseTimers(facts, analyseStores(facts)).filter((finding): finding is TimerFinding & { kind: 'interval' | 'loop' | 'scheduler' } => finding.kind === 'interval' || finding.kind === 'loop' || finding.kind === 'scheduler');
}

/**
 * A handler's calls of other project files' functions that start timers doing outside work later
 * (`Notifications.push(…)` batching with `setTimeout`): work after the response, as if the handler
 * had started the timer itself. Socket handlers are left out, as their own timers are judged apart.
 */
export function importedDeferredWork(facts: FileFacts): TimerFinding[] {
  const findings: TimerFinding[] = [];
  for (const call of facts.foreignDeferredCalls) {
    const [first] = call.timers;
    if (!first || call.lifetime !== 'request' || isDevelopmentOnly(call.node)) continue;
    const [entry] = facts.routes.entriesOf(call.node);
    if (!entry || isRealtimeEntry(entry)) continue;
    findings.push({ kind: 'afterResponse', node: call.node, timer: first.timer, entry, serverFile: true, across: { callee: call.callee, timers: call.timers } });
  }
  return findings;
}

/**
 * Timers a file's functions start, in code whose callers it cannot see, that do outside work later:
 * `setTimeout(() => sendDigest(ids), 500)`, `setImmediate(() => deliver(activity))`, whose handle is
 * discarded (so nothing can clear it). Not awaited, not a loop. A handler in another file that calls
 * such a function answers before the work is done, and a frozen or replaced instance never does it.
 */
export function deferredWork(facts: FileFacts): readonly { readonly node: TSESTree.CallExpression; readonly timer: string }[] {
  if (!JOB_TEXT.test(facts.sourceCode.text)) return [];
  return new TimerAnalysis(facts.sourceCode, facts, facts.servesRequests).deferred();
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

  /**
   * What a scheduler's job does, judged as a `setInterval` callback is: only touching this process
   * (pruning an in-memory map, logging) is per-instance housekeeping; refreshing this process's copy
   * or its clients' view is a refresh. The job is the decorated method (`@Cron`, `@Interval`) or the
   * function handed to the scheduler; a job the file does not show counts as outside work.
   */
  jobWork(node: TSESTree.Node): Work {
    let job: FunctionNode | undefined;
    if (node.type === AST_NODE_TYPES.Decorator) {
      const member = node.parent;
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.value.type === AST_NODE_TYPES.FunctionExpression) job = member.value;
    } else if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const jobs = node.arguments.map((argument) => this.work.functionOf(argument)).filter((fn) => fn !== undefined);
      if (jobs.length === 1) [job] = jobs;
    }
    return job ? this.work.workOf(job, job) : 'external';
  }

  run(): TimerFinding[] {
    const findings: TimerFinding[] = [];
    const text = this.sourceCode.text;
    if (ENDLESS_HEAD.test(text) && WAIT_TEXT.test(text)) findings.push(...this.waitingLoops());
    // Every timer is called by its name (`setInterval`, `timers.setTimeout`, an import of it): a file without one has none.
    if (!TIMER_NAME.test(text)) return findings;
    for (const node of nodesOfType(this.sourceCode, AST_NODE_TYPES.CallExpression)) {
      const timer = this.timerName(node);
      if (timer === undefined) continue;
      const finding = this.judge(node, timer);
      if (finding) findings.push(finding);
    }
    return findings;
  }

  /**
   * `while (true) { await processBatch(); await delay(interval) }`: a loop that never ends (a true
   * condition, `for (;;)`, or a stop flag kept outside the function), has no `break` or `return` of
   * its own, and awaits a wait in every round, is a recurring job written with `await`. A loop in a
   * handler (a stream's pushes) lives with its request; one whose rounds only touch this process
   * (pruning a map) is housekeeping, and one that only refreshes this process's copy is a refresh.
   */
  private waitingLoops(): TimerFinding[] {
    const findings: TimerFinding[] = [];
    for (const loop of nodesOfType(this.sourceCode, AST_NODE_TYPES.WhileStatement, AST_NODE_TYPES.DoWhileStatement, AST_NODE_TYPES.ForStatement)) {
      if (!this.endless(loop) || leavesLoop(loop, this.sourceCode.visitorKeys)) continue;
      const wait = this.waitIn(loop.body);
      if (!wait || this.facts.lifetimes.ofNode(loop) === 'request' || inUiEffect(loop)) continue;
      const scope = enclosingFunction(loop) ?? loop;
      const work = this.work.workOfStatement(loop.body, scope, (call) => call === wait);
      if (work === 'local') continue;
      // `while (…)`, `for (;;)`, or the `do` of a `do … while`.
      const head = { start: loop.loc.start, end: loop.type === AST_NODE_TYPES.DoWhileStatement ? { line: loop.loc.start.line, column: loop.loc.start.column + 2 } : loop.body.loc.start };
      const timer = loop.type === AST_NODE_TYPES.ForStatement ? 'for (;;)' : `${loop.type === AST_NODE_TYPES.DoWhileStatement ? 'do … ' : ''}while (${oneLine(this.sourceCode.getText(loop.test))})`;
      if (work === 'refresh') findings.push({ kind: 'refresh', node: loop, timer, serverFile: this.serverFile });
      else findings.push({ kind: 'loop', node: loop, timer, wait: { text: oneLine(this.sourceCode.getText(wait)), head }, serverFile: this.serverFile });
    }
    return findings;
  }

  /** A condition that stays true: `true`, `1`, no test, or a stop flag that the loop's own function does not declare. */
  private endless(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): boolean {
    if (loop.type === AST_NODE_TYPES.ForStatement) return loop.test === null && loop.init === null && loop.update === null;
    let test = unwrap(loop.test);
    if (test.type === AST_NODE_TYPES.Literal) return test.value === true || test.value === 1;
    if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') test = unwrap(test.argument);
    if (test.type === AST_NODE_TYPES.MemberExpression) return !test.computed && unwrap(test.object).type === AST_NODE_TYPES.ThisExpression;
    if (test.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(test), test);
    const fn = enclosingFunction(loop);
    if (!variable || variable.defs.length === 0) return false;
    // A flag of the module or of an enclosing function (`let running = true` … `stop() { running = false }`).
    return fn === undefined ? variable.scope.type === ScopeType.module || variable.scope.type === ScopeType.global : variable.scope.block.range[0] < fn.range[0];
  }

  /** The awaited wait in a loop's rounds (not in a function it defines): `sleep(ms)`, `new Promise((r) => setTimeout(r, ms))`. */
  private waitIn(body: TSESTree.Statement): TSESTree.Node | undefined {
    let found: TSESTree.Node | undefined;
    walk(body, this.sourceCode.visitorKeys, (node) => {
      if (found || isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.AwaitExpression && this.isWait(unwrap(node.argument))) {
        found = unwrap(node.argument);
        return false;
      }
      return true;
    });
    return found;
  }

  private isWait(value: TSESTree.Node): boolean {
    if (value.type === AST_NODE_TYPES.NewExpression) return calleeName(value) === 'Promise' && this.startsTimer(value.arguments[0]);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = calleeName(value);
    if (name !== undefined && WAIT_NAME.test(name) && value.arguments.length > 0) return true;
    // `const pause = (ms) => new Promise((r) => setTimeout(r, ms))`, defined in this file under any name.
    const fn = this.work.functionOf(value.callee);
    if (!fn) return false;
    const body = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body.find((statement) => statement.type === AST_NODE_TYPES.ReturnStatement)?.argument : fn.body;
    const returned = body ? unwrap(body) : undefined;
    return returned?.type === AST_NODE_TYPES.NewExpression && calleeName(returned) === 'Promise' && this.startsTimer(returned.arguments[0]);
  }

  /** Whether a promise's executor starts a timer: `(resolve) => setTimeout(resolve, ms)`. */
  private startsTimer(executor: TSESTree.Node | undefined): boolean {
    if (!executor || !isFunction(executor)) return false;
    return someNode(executor.body, this.sourceCode.visitorKeys, (node) => node.type === AST_NODE_TYPES.CallExpression && this.timerName(node) !== undefined);
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
      const alias = name === undefined ? undefined : TIMER_ALIASES.get(name);
      if (alias !== undefined) return alias;
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
    // One-off timers at startup (a warm-up, a delayed first run) are not recurring jobs; a timeout
    // that schedules its own function again is one.
    const loop = timer === 'setTimeout' && callback !== undefined && this.reschedulesItself(call, callback);
    if (timer !== 'setInterval' && !loop) return undefined;
    // A timer one call keeps in its own variable and clears (a job's keep-alive while it runs) lives with that call.
    if (this.clearedPerCall(call)) return undefined;
    // A component's timer (`useEffect(() => { const id = setInterval(…); … })`) runs in the browser.
    if (inUiEffect(call)) return undefined;
    const work = callback ? this.work.workOf(callback, callback) : 'external';
    if (work === 'local') return undefined;
    if (work === 'refresh') return { kind: 'refresh', node: call, timer, serverFile: this.serverFile };
    return { kind: loop ? 'loop' : 'interval', node: call, timer, serverFile: this.serverFile };
  }

  /** `setTimeout`/`setImmediate` in code of unknown lifetime whose callback does outside work later (see `deferredWork`). */
  deferred(): { node: TSESTree.CallExpression; timer: string }[] {
    const found: { node: TSESTree.CallExpression; timer: string }[] = [];
    for (const call of nodesOfType(this.sourceCode, AST_NODE_TYPES.CallExpression)) {
      const timer = this.timerName(call);
      if (timer !== 'setTimeout' && timer !== 'setImmediate') continue;
      const callbackArg = call.arguments[0];
      if (!callbackArg || callbackArg.type === AST_NODE_TYPES.SpreadElement || this.isParameter(callbackArg)) continue;
      const callback = this.work.functionOf(callbackArg);
      if (!callback || this.facts.lifetimes.ofNode(call) !== 'unknown' || inUiEffect(call) || isDevelopmentOnly(call)) continue;
      // A handle kept anywhere (`worker.bootTimer = setTimeout(…)`) can be cleared; a discarded one cannot.
      if (outerValue(call).parent?.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      if (this.awaited(call) || this.reschedulesItself(call, callback)) continue;
      if (this.work.workOf(callback, callback) === 'external') found.push({ node: call, timer });
    }
    return found;
  }

  /**
   * `function poll() { …; setTimeout(poll, ms) }`: the timer's callback is the function that starts
   * it, or calls (directly, in this file) the function that does (`tick()` → `this.enqueue()` →
   * `setTimeout(this.tick.bind(this), ms)`).
   */
  private reschedulesItself(call: TSESTree.CallExpression, callback: FunctionNode): boolean {
    const starter = enclosingFunction(call);
    if (!starter) return false;
    if (starter === callback) return true;
    // `setTimeout(() => poll(), ms)`: the arrow only calls the function.
    const target = this.calledOnlyFunction(callback) ?? callback;
    if (target === starter) return true;
    return someNode(target.body, this.sourceCode.visitorKeys, (node) => node.type === AST_NODE_TYPES.CallExpression && this.work.functionOf(node.callee) === starter);
  }

  /** The same-file function an arrow callback does nothing but call: `() => poll()`, `() => void this.tick()`. */
  private calledOnlyFunction(callback: FunctionNode): FunctionNode | undefined {
    let body: TSESTree.Node = callback.body;
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      const [only] = body.body;
      if (body.body.length !== 1 || only?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
      body = only.expression;
    }
    body = unwrap(body);
    if (body.type === AST_NODE_TYPES.UnaryExpression && body.operator === 'void') body = unwrap(body.argument);
    if (body.type === AST_NODE_TYPES.AwaitExpression) body = unwrap(body.argument);
    return body.type === AST_NODE_TYPES.CallExpression ? this.work.functionOf(body.callee) : undefined;
  }

  private afterResponse(call: TSESTree.CallExpression, timer: string, callback: FunctionNode | undefined): TimerFinding | undefined {
    if (this.awaited(call) || this.cleared(call)) return undefined;
    const [entry] = this.routes.entriesOf(call);
    if (!entry) return undefined;
    if (isRealtimeEntry(entry)) return this.connectionTimer(call, timer, callback, entry);
    if (!callback) return { kind: 'afterResponse', node: call, timer, entry, serverFile: true };
    if (this.usesResponse(callback, entry.fn)) return undefined;
    if (this.work.workOf(callback, entry.fn) === 'local') return undefined;
    return { kind: 'afterResponse', node: call, timer, entry, serverFile: true };
  }

  /**
   * A connection's own timers live and die with the connection: a heartbeat that uses the socket, a
   * timer kept in a variable that a handler clears or on the socket's own data. A `setInterval` that
   * is kept nowhere cannot be cleared: it runs on after the client leaves, one more for every
   * connection, and does its outside work in every replica.
   */
  private connectionTimer(call: TSESTree.CallExpression, timer: string, callback: FunctionNode | undefined, entry: Entry): TimerFinding | undefined {
    if (timer !== 'setInterval' || !callback) return undefined;
    if (outerValue(call).parent?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
    if (this.usesResponse(callback, entry.fn)) return undefined;
    if (this.work.workOf(callback, entry.fn) !== 'external') return undefined;
    return { kind: 'connection', node: call, timer, entry, serverFile: true };
  }

  private isParameter(node: TSESTree.Node): boolean {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(value), value);
    return variable?.defs[0]?.type === DefinitionType.Parameter;
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

  /** `touchTimer = setInterval(…)` into a variable a function declares, cleared somewhere (`clearInterval(touchTimer)`). */
  private clearedPerCall(call: TSESTree.CallExpression): boolean {
    const variable = this.handleOf(call);
    if (!variable || variable.scope.type === ScopeType.module || variable.scope.type === ScopeType.global) return false;
    return variable.references.some(clears);
  }

  /** The variable a timer's handle is kept in: `const t = setTimeout(…)`, `t = setInterval(…)`. */
  private handleOf(call: TSESTree.CallExpression): TSESLint.Scope.Variable | undefined {
    const holder = outerValue(call).parent;
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === outerValue(call)) return this.sourceCode.getDeclaredVariables(holder)[0];
    if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === outerValue(call) && holder.left.type === AST_NODE_TYPES.Identifier) {
      return ASTUtils.findVariable(this.sourceCode.getScope(holder.left), holder.left) ?? undefined;
    }
    return undefined;
  }

  /** `const t = setTimeout(…)` with `clearTimeout(t)` in the same handler: a timeout guard. */
  private cleared(call: TSESTree.CallExpression): boolean {
    const variable = this.handleOf(call);
    if (!variable) return false;
    // A clear inside the timer's own callback (a poll that stops itself) does not tie it to the request.
    const callback = call.arguments[0];
    return variable.references.some((reference) => {
      const inCallback = callback !== undefined && callback.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= callback.range[1];
      return !inCallback && clears(reference);
    });
  }

  /** Whether the callback uses the handler's response or connection (an SSE heartbeat, a deferred `res.end()`). */
  private usesResponse(callback: FunctionNode, handler: FunctionNode): boolean {
    return this.sourceCode.getDeclaredVariables(handler).some(
      (variable) =>
        RESPONSE_NAME.test(variable.name) &&
        variable.defs.some((def) => def.type === DefinitionType.Parameter) &&
        variable.references.some((reference) => callback.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= callback.range[1]),
    );
  }
}

/**
 * Whether a loop can end from inside: a `break` of it (not of a loop or `switch` inside it) or a
 * `return` (not in a function inside it). A loop that retries until it succeeds is no job.
 */
function leavesLoop(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  const label = loop.parent.type === AST_NODE_TYPES.LabeledStatement ? loop.parent.label.name : undefined;
  // Whether a loop or `switch` between a `break` and this loop takes an unlabelled `break`.
  const breaksInner = (node: TSESTree.Node): boolean => {
    for (let current = node.parent; current && current !== loop; current = current.parent) if (BREAKABLE.has(current.type)) return true;
    return false;
  };
  let leaves = false;
  walk(loop.body, visitorKeys, (node) => {
    if (leaves || isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement) leaves = true;
    else if (node.type === AST_NODE_TYPES.BreakStatement) leaves = node.label ? node.label.name === label : !breaksInner(node);
    return !leaves;
  });
  return leaves;
}

const BREAKABLE: ReadonlySet<string> = new Set([AST_NODE_TYPES.WhileStatement, AST_NODE_TYPES.DoWhileStatement, AST_NODE_TYPES.ForStatement, AST_NODE_TYPES.ForInStatement, AST_NODE_TYPES.ForOfStatement, AST_NODE_TYPES.SwitchStatement]);

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ');
}
