import path from 'node:path';
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { readSettings } from '../settings.js';
import { enclosingFunction, enclosingStatement, isFunction, outerValue, propertyName, unwrap, walk, type FunctionNode } from './ast.js';
import { Annotations } from './annotations.js';
import { collectGlobalWrites, type GlobalWrite } from './globals.js';
import { HandlerIndex, REQUEST_TYPES } from './handlers.js';
import { TypeFacts, type ForeignWriter } from './types.js';
import { guardedByEmptyCheck, isClearedValue, isDevelopmentOnly, isFixedKey, isInCacheRefresh, isLazyInit, isResourceCall, isResourceValue } from './lazy-init.js';
import { LifetimeAnalysis, type Lifetime } from './lifetime.js';
import { readModuleInfo } from './module-info.js';
import { RequestData } from './request-data.js';
import { isClientModule, isTestFile } from './routes.js';
import { CACHE_NAME, type StateKind } from './state-kind.js';
import { collectCapturedBindings, collectModuleBindings, moduleScopeOf, type ModuleBinding, type StateWrite } from './writes.js';

/** One write to shared state, with the answers every rule asks about it. */
export interface ClassifiedWrite {
  readonly write: StateWrite;
  /** The module binding written, or undefined for a global. */
  readonly binding?: ModuleBinding;
  /** The global written (`globalThis.user`, `process.env.X`), for global writes. */
  readonly global?: string;
  /** Binding or global name, for messages. */
  readonly name: string;
  /** When the write runs; for a lazy initialisation (never a finding) it is worked out on first read. */
  readonly lifetime: Lifetime;
  /** The function the write sits in (undefined at top level). */
  readonly fn?: FunctionNode;
  /** Idempotent lazy initialisation, or a handle to a resource kept outside requests: never a finding. */
  readonly lazyInit: boolean;
  /** A request-derived value stored into a single slot: another request reads this user's data. */
  readonly leak: boolean;
  /** The slot is chosen by a request-derived key (`sessions.set(token, …)`). */
  readonly keyedByRequest: boolean;
  /** Marked `// stateless-ok: reason` on the declaration or the statement. */
  readonly excused: boolean;
}

/** With type information: a call of another file's function that writes that file's module state. */
export interface ForeignCall {
  readonly node: TSESTree.CallExpression;
  /** The callee as written (`recordHit`, `stats.recordHit`). */
  readonly callee: string;
  readonly writer: ForeignWriter;
  readonly lifetime: Lifetime;
  readonly excused: boolean;
}

/** A request-derived value stored on `this` of a framework singleton (a NestJS provider of default scope). */
export interface InstanceLeak {
  readonly node: TSESTree.AssignmentExpression;
  readonly field: string;
  readonly className: string;
  readonly excused: boolean;
}

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cache = new WeakMap<object, FileFacts>();

/**
 * Facts about one file, computed once and shared by every rule through a per-`SourceCode` cache.
 * Everything costly is computed on first use.
 */
export class FileFacts {
  readonly settingsError: string | undefined;
  readonly lifetimes: LifetimeAnalysis;
  readonly requestData: RequestData;
  readonly handlers: HandlerIndex;
  /**
   * The file is no part of a running service: browser code (`'use client'`, React components and
   * hooks outside server routes), a React Native or Expo app, or a test file. What it keeps in
   * memory is per tab, device or test run, nobody's shared state.
   */
  readonly outsideService: boolean;
  /** Type information, when the file is linted with a TypeScript program. */
  readonly types: TypeFacts | undefined;
  private foreignCallsValue: readonly ForeignCall[] | undefined;
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly moduleScope: TSESLint.Scope.Scope;
  private annotationsValue: Annotations | undefined;
  private moduleWritesValue: readonly ClassifiedWrite[] | undefined;
  private globalWritesValue: readonly ClassifiedWrite[] | undefined;
  private instanceLeaksValue: readonly InstanceLeak[] | undefined;
  private readonly kinds = new Map<ModuleBinding, StateKind>();
  private writesByBindingValue: ReadonlyMap<ModuleBinding, readonly ClassifiedWrite[]> | undefined;

  static of(context: RuleContext): FileFacts {
    const sourceCode = context.sourceCode;
    let facts = cache.get(sourceCode);
    if (!facts) {
      facts = new FileFacts(context);
      cache.set(sourceCode, facts);
    }
    return facts;
  }

  private constructor(context: RuleContext) {
    this.sourceCode = context.sourceCode;
    const settings = readSettings(context.settings);
    this.settingsError = settings.ok ? undefined : settings.error;
    const filename = context.filename.replace(/\\/gu, '/');
    const { cwd } = context;
    // Only `settings.stateless.handlerExports` patterns need the relative name: worked out when one is tried.
    const relative = (): string => {
      const name = path.relative(cwd, context.filename).replace(/\\/gu, '/');
      return name.startsWith('..') ? filename : name;
    };
    const info = readModuleInfo(this.sourceCode.ast);
    this.handlers = new HandlerIndex({ absolute: filename, relative }, info, settings.ok ? settings.settings : { handlerCalls: [], startupCalls: [], handlerExports: [] });
    this.outsideService = this.handlers.runsInBrowser || isTestFile(filename) || isClientModule(this.sourceCode.ast);
    this.types = TypeFacts.of(context);
    const types = this.types;
    this.lifetimes = new LifetimeAnalysis(this.sourceCode, this.handlers, types ? (fn) => types.hasRequestTypedParam(fn, REQUEST_TYPES) : undefined);
    const scope = moduleScopeOf(this.sourceCode.scopeManager);
    this.moduleScope = scope ?? this.sourceCode.getScope(this.sourceCode.ast);
    this.requestData = new RequestData(this.sourceCode, this.lifetimes, this.moduleScope);
  }

  get annotations(): Annotations {
    this.annotationsValue ??= new Annotations(this.sourceCode);
    return this.annotationsValue;
  }

  /** Writes to top-level bindings of this file, classified. */
  get moduleWrites(): readonly ClassifiedWrite[] {
    if (this.moduleWritesValue) return this.moduleWritesValue;
    const result: ClassifiedWrite[] = [];
    if (this.outsideService) {
      this.moduleWritesValue = result;
      return result;
    }
    const scopeManager = this.sourceCode.scopeManager;
    const bindings = collectModuleBindings(this.sourceCode, this.moduleScope, this.types);
    if (scopeManager) bindings.push(...collectCapturedBindings(this.sourceCode, scopeManager));
    for (const binding of bindings) {
      // A closure variable of code that itself runs per request is per-request state.
      if (binding.owner && binding.writes.length > 0 && this.lifetimes.ofFunction(binding.owner) === 'request') continue;
      const excusedBinding = this.annotations.excuses(binding.declaration);
      for (const write of binding.writes) {
        // Writes at top level (or in the declaring function) are configuration; skip the costly questions for them.
        const fn = enclosingFunction(write.node);
        if (!fn || fn === binding.owner || isDevelopmentOnly(write.node)) continue;
        // Inside a function, only code run later by the framework outlives the declaring call.
        if (binding.owner && this.lifetimes.ofNode(write.node) !== 'request') continue;
        result.push(this.classify(write, { binding, name: binding.name, fn, excused: excusedBinding }));
      }
    }
    this.moduleWritesValue = withTeardowns(result);
    return this.moduleWritesValue;
  }

  /** Writes to the global object and `process.env`, classified. */
  get globalWrites(): readonly ClassifiedWrite[] {
    if (this.globalWritesValue) return this.globalWritesValue;
    const globalScope = this.sourceCode.scopeManager?.globalScope;
    const writes: GlobalWrite[] = globalScope && !this.outsideService ? collectGlobalWrites(this.sourceCode, globalScope) : [];
    this.globalWritesValue = writes.flatMap(({ name, write }) => {
      const fn = enclosingFunction(write.node);
      if (!fn || isDevelopmentOnly(write.node)) return [];
      return [this.classify(write, { name, fn, global: name, excused: false })];
    });
    return this.globalWritesValue;
  }

  private classify(
    write: StateWrite,
    target: { binding?: ModuleBinding; global?: string; name: string; fn: FunctionNode; excused: boolean },
  ): ClassifiedWrite {
    const excused = target.excused || this.annotations.excuses(enclosingStatement(write.node));
    const base = { write, name: target.name, fn: target.fn, excused, ...(target.binding ? { binding: target.binding } : {}), ...(target.global === undefined ? {} : { global: target.global }) };
    const derivedValue = (): boolean => write.values.some((value) => this.requestData.isDerived(value));
    const assignment = write.node.type === AST_NODE_TYPES.AssignmentExpression ? write.node : undefined;
    // One slot: the binding, a fixed member, a member under a fixed key (`globalThis[KEY]`), or one resource per key.
    const oneSlot =
      write.kind === 'assign' ||
      write.kind === 'compound' ||
      (write.kind === 'member' &&
        (write.key === undefined ||
          isFixedKey(this.sourceCode, write.key) ||
          (assignment !== undefined && isSingletonRegistry(assignment, target.fn)) ||
          // `if (!clients[env]) clients[env] = new Client(env)`: a client per key the code chooses, created once.
          (isResourceValue(write.values[0]) && !this.requestData.isDerived(write.key))));
    const lazyInit = ((assignment !== undefined && oneSlot && isLazyInit(this.sourceCode, assignment)) || this.isKeyedCreation(write)) && !derivedValue();
    if (lazyInit) {
      // Never a finding, whatever its lifetime (most writes in functions are of this kind): the lifetime is asked only if someone reads it.
      const lifetimes = this.lifetimes;
      let lifetime: Lifetime | undefined;
      return {
        ...base,
        get lifetime(): Lifetime {
          lifetime ??= lifetimes.ofNode(write.node);
          return lifetime;
        },
        lazyInit,
        leak: false,
        keyedByRequest: false,
      };
    }
    const lifetime = this.lifetimes.ofNode(write.node);
    if (lifetime === 'startup') return { ...base, lifetime, lazyInit, leak: false, keyedByRequest: false };
    // A handle to a resource kept outside requests (`interval = setInterval(…)` in `start()`, `browser =
    // await chromium.launch()`) is no data; a connection taken per request and parked here is shared by concurrent requests.
    if (lifetime !== 'request' && assignment !== undefined && write.kind === 'assign' && isResourceCall(assignment.right)) {
      return { ...base, lifetime, lazyInit: true, leak: false, keyedByRequest: false };
    }
    const singleSlot =
      (write.kind === 'assign' && write.depth === 0) ||
      (write.kind === 'compound' && ['??=', '||=', '&&='].includes(write.operator ?? '')) ||
      (write.kind === 'member' && write.operator === '=' && write.key === undefined) ||
      (write.kind === 'object' && write.key === undefined);
    const keyedByRequest = write.key !== undefined && this.requestData.isDerived(write.key);
    // `todos = [...todos, item]`, `list = list.filter(…)`: an update of a collection, not a slot.
    const selfUpdate = target.binding !== undefined && write.kind === 'assign' && write.values.some((value) => mentions(target.binding?.variable, value));
    const leak = singleSlot && !keyedByRequest && !selfUpdate && derivedValue();
    return { ...base, lifetime, lazyInit, leak, keyedByRequest };
  }

  /**
   * `if (!clients.has(key)) clients.set(key, new Client(…))`: a client per key the code chooses (not
   * one from the request), created the first time the key is missing.
   */
  private isKeyedCreation(write: StateWrite): boolean {
    if (write.kind !== 'method' || write.method !== 'set' || write.depth !== 0 || !write.key || !isResourceValue(write.values[0]) || this.requestData.isDerived(write.key)) return false;
    const call = write.node;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const map = this.sourceCode.getText(call.callee.object);
    const key = this.sourceCode.getText(write.key);
    // The guard asks the same map for the same key: `!m.has(key)`, `!m.get(key)`, `m.get(key) == null`.
    const lookup = (node: TSESTree.Node): boolean => {
      const value = unwrap(node);
      if (value.type !== AST_NODE_TYPES.CallExpression || value.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(value.callee);
      const argument = value.arguments[0];
      return (method === 'has' || method === 'get') && argument !== undefined && this.sourceCode.getText(value.callee.object) === map && this.sourceCode.getText(argument) === key;
    };
    return guardedByEmptyCheck(call, lookup);
  }

  /**
   * With type information: calls of imported functions that write their own module's state
   * (`recordHit(req.ip)` where `recordHit` increments a counter in `./stats.ts`). Empty without types.
   */
  get foreignCalls(): readonly ForeignCall[] {
    if (this.foreignCallsValue) return this.foreignCallsValue;
    const result: ForeignCall[] = [];
    const types = this.types;
    if (types && !this.outsideService) {
      for (const variable of this.moduleScope.variables) {
        const def = variable.defs[0];
        if (def?.type !== TSESLint.Scope.DefinitionType.ImportBinding) continue;
        // Every call through the same import (`f(…)`, or `ns.f(…)` for one `f`) reaches the same function: ask once.
        const writers = new Map<string, ForeignWriter | null>();
        for (const reference of variable.references) {
          const identifier = reference.identifier;
          const call = identifier.type === AST_NODE_TYPES.Identifier ? calledThrough(identifier) : undefined;
          if (!call) continue;
          const lifetime = this.lifetimes.ofNode(call);
          if (lifetime === 'startup') continue;
          const key = call.callee.type === AST_NODE_TYPES.MemberExpression ? (propertyName(call.callee) ?? '') : '';
          let writer = writers.get(key);
          if (writer === undefined) {
            writer = types.foreignWriter(call.callee, def.parent) ?? null;
            writers.set(key, writer);
          }
          if (!writer) continue;
          result.push({ node: call, callee: this.sourceCode.getText(call.callee), writer, lifetime, excused: this.annotations.excuses(enclosingStatement(call)) });
        }
      }
    }
    this.foreignCallsValue = result;
    return result;
  }

  /** The kind of state a binding holds, from its writes after startup. */
  kindOf(binding: ModuleBinding): StateKind {
    let kind = this.kinds.get(binding);
    if (!kind) {
      kind = this.computeKind(binding);
      this.kinds.set(binding, kind);
    }
    return kind;
  }

  /** The classified writes of each module binding (one pass, so that asking every binding stays linear). */
  private writesOf(binding: ModuleBinding): readonly ClassifiedWrite[] {
    if (!this.writesByBindingValue) {
      const index = new Map<ModuleBinding, ClassifiedWrite[]>();
      for (const write of this.moduleWrites) {
        if (!write.binding) continue;
        const list = index.get(write.binding);
        if (list) list.push(write);
        else index.set(write.binding, [write]);
      }
      this.writesByBindingValue = index;
    }
    return this.writesByBindingValue.get(binding) ?? [];
  }

  private computeKind(binding: ModuleBinding): StateKind {
    const writes = this.writesOf(binding).filter((write) => !write.lazyInit && write.lifetime !== 'startup');
    if (CACHE_NAME.test(binding.name)) return 'cache';
    if (writes.some((write) => write.write.node.type === AST_NODE_TYPES.AssignmentExpression && isInCacheRefresh(this.sourceCode, write.write.node))) {
      return 'cache';
    }
    if (writes.some((write) => this.isReadThrough(binding, write))) return 'cache';
    if (writes.some((write) => isSelfArithmetic(binding, write.write))) return 'counter';
    if (writes.some((write) => write.write.increments || (write.write.operator !== undefined && ['+=', '-='].includes(write.write.operator) && !isStringish(write.write.values[0])))) {
      return 'counter';
    }
    if (writes.some((write) => write.keyedByRequest)) return 'keyed-map';
    const init = binding.init;
    if ((init?.type === AST_NODE_TYPES.Literal && typeof init.value === 'boolean') || writes.some((write) => write.write.kind === 'assign' && isBooleanLiteral(write.write.values[0]))) {
      return 'flag';
    }
    if (binding.container === 'array' || binding.container === 'map' || binding.container === 'set') return 'collection';
    if (writes.some((write) => write.write.kind !== 'assign' && write.write.kind !== 'compound' && write.write.kind !== 'update')) return 'object';
    return 'value';
  }

  /**
   * A read-through cache: the function that stores `m.set(key, v)` first looked the same key up
   * (`m.get(key)` or `m.has(key)`), so the map only memoises what a source of truth returns.
   */
  private isReadThrough(binding: ModuleBinding, write: ClassifiedWrite): boolean {
    const key = write.write.key;
    const value = write.write.values[0];
    if (write.write.method !== 'set' || !key || !value || write.write.depth !== 0 || SESSION_NAME.test(binding.name)) return false;
    // `if (!carts.has(id)) carts.set(id, [])` creates per-key state; a cache stores what it fetched.
    const stored = unwrap(value);
    // `hits.set(ip, (hits.get(ip) ?? 0) + 1)`, `const n = (hits.get(ip) ?? 0) + 1; hits.set(ip, n)`: an update, not a fill.
    if (mentions(binding.variable, stored) || (stored.type === AST_NODE_TYPES.Identifier && this.localInitMentions(stored, binding))) return false;
    if (stored.type === AST_NODE_TYPES.ObjectExpression || stored.type === AST_NODE_TYPES.ArrayExpression || stored.type === AST_NODE_TYPES.NewExpression || stored.type === AST_NODE_TYPES.Literal) {
      return false;
    }
    const keyText = this.sourceCode.getText(key);
    return binding.variable.references.some((reference) => {
      const member = reference.identifier.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || member.computed) return false;
      const method = member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : '';
      const call = member.parent;
      if ((method !== 'get' && method !== 'has') || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
      const argument = call.arguments[0];
      // The lookup runs first, in the function that stores or in one enclosing it (`res.send` patched by the middleware that looked up).
      const lookupFn = enclosingFunction(call);
      return argument !== undefined && call.range[0] < write.write.node.range[0] && lookupFn !== undefined && encloses(lookupFn, write.fn) && this.sourceCode.getText(argument) === keyText;
    });
  }

  private localInitMentions(identifier: TSESTree.Identifier, binding: ModuleBinding): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    return variable?.references.some((reference) => reference.writeExpr !== null && reference.writeExpr !== undefined && mentions(binding.variable, reference.writeExpr)) ?? false;
  }

  /** Request-derived values stored on `this` of framework singletons. */
  get instanceLeaks(): readonly InstanceLeak[] {
    if (this.instanceLeaksValue) return this.instanceLeaksValue;
    const result: InstanceLeak[] = [];
    for (const statement of this.sourceCode.ast.body) {
      const declaration =
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration) continue;
      const info = this.handlers.classInfo(declaration);
      if (!info.singleton) continue;
      const className = declaration.id?.name ?? 'default';
      for (const member of declaration.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
        const fn = member.value;
        if (!fn || !isFunction(fn) || this.lifetimes.ofFunction(fn) !== 'request') continue;
        for (const { assignment, field } of thisAssignments(fn, this.sourceCode.visitorKeys)) {
          // A single slot: `=` (or `??=`/`||=`); `this.total += amount` aggregates and is not one user's data.
          if (!['=', '??=', '||='].includes(assignment.operator)) continue;
          // Lazily filling the slot with request data still keeps the first user's value for everyone.
          if (!this.requestData.isDerived(assignment.right)) continue;
          result.push({ node: assignment, field, className, excused: this.annotations.excuses(enclosingStatement(assignment)) });
        }
      }
    }
    this.instanceLeaksValue = result;
    return result;
  }
}

/**
 * `shared = null` after `await shared.$disconnect()`, `pool = undefined` in an error listener: a
 * binding that is otherwise only filled lazily is emptied so that the next call fills it again. The
 * reset belongs to the lazy initialisation and is no state of its own.
 */
function withTeardowns(writes: ClassifiedWrite[]): ClassifiedWrite[] {
  const resets = new Set(writes.filter((write) => write.binding !== undefined && write.write.kind === 'assign' && !write.lazyInit && isClearedValue(write.write.values[0])));
  if (resets.size === 0) return writes;
  // Per binding: whether it has writes besides its resets, and whether all of those are lazy.
  const others = new Map<ModuleBinding, boolean>();
  for (const write of writes) {
    if (!write.binding || resets.has(write)) continue;
    others.set(write.binding, (others.get(write.binding) ?? true) && write.lazyInit);
  }
  return writes.map((write) => (resets.has(write) && write.binding && others.get(write.binding) === true ? { ...write, lazyInit: true, leak: false } : write));
}

/**
 * `registry[name] ??= create()` where `name` and `create` are both parameters of the function: a
 * registry of lazily created singletons (`singleton('prisma', () => new PrismaClient())`), one slot
 * per name its callers choose, each filled once.
 */
function isSingletonRegistry(assignment: TSESTree.AssignmentExpression, fn: FunctionNode): boolean {
  if (assignment.operator !== '??=' && assignment.operator !== '||=') return false;
  const target = unwrap(assignment.left);
  const value = unwrap(assignment.right);
  if (target.type !== AST_NODE_TYPES.MemberExpression || !target.computed || value.type !== AST_NODE_TYPES.CallExpression) return false;
  const key = unwrap(target.property);
  const callee = unwrap(value.callee);
  const isParameter = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.Identifier && fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === node.name);
  return isParameter(key) && isParameter(callee);
}

/** Whether `inner` is `outer` or a function nested in it. */
function encloses(outer: FunctionNode, inner: FunctionNode | undefined): boolean {
  for (let fn = inner; fn; fn = enclosingFunction(fn)) if (fn === outer) return true;
  return false;
}

/** `f(…)` or `ns.f(…)` where `identifier` is `f` or `ns`. */
function calledThrough(identifier: TSESTree.Identifier): TSESTree.CallExpression | undefined {
  let callee: TSESTree.Node = outerValue(identifier);
  const parent = callee.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === callee && !parent.computed) callee = outerValue(parent);
  const call = callee.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === callee ? call : undefined;
}

/** `n = n + 1`, `n = 1 + n`, `n = n - step`. */
function isSelfArithmetic(binding: ModuleBinding, write: StateWrite): boolean {
  const value = write.values[0] ? unwrap(write.values[0]) : undefined;
  if (write.kind !== 'assign' || value?.type !== AST_NODE_TYPES.BinaryExpression || (value.operator !== '+' && value.operator !== '-')) return false;
  const isSelf = (node: TSESTree.Node): boolean => {
    const inner = unwrap(node);
    return inner.type === AST_NODE_TYPES.Identifier && inner.name === binding.name;
  };
  const isNumber = (node: TSESTree.Node): boolean => {
    const inner = unwrap(node);
    return inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number';
  };
  return (isSelf(value.left) && !isStringish(value.right)) || (isSelf(value.right) && isNumber(value.left));
}

function mentions(variable: TSESLint.Scope.Variable | undefined, node: TSESTree.Node): boolean {
  return variable?.references.some((reference) => reference.identifier.range[0] >= node.range[0] && reference.identifier.range[1] <= node.range[1]) === true;
}

/** Names of per-user state that is never a mere cache, whatever its access pattern. */
const SESSION_NAME = /session|token|login|auth|user|cart/iu;

function isBooleanLiteral(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'boolean';
}

function isStringish(node: TSESTree.Node | undefined): boolean {
  return (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') || node?.type === AST_NODE_TYPES.TemplateLiteral;
}

/**
 * `this.field = …` and `this.a.b = …` assignments (fixed property names only) in a method body,
 * including arrow functions, which share `this`; the field is the first property.
 */
function thisAssignments(fn: FunctionNode, visitorKeys: TSESLint.SourceCode.VisitorKeys): { assignment: TSESTree.AssignmentExpression; field: string }[] {
  const found: { assignment: TSESTree.AssignmentExpression; field: string }[] = [];
  walk(fn.body, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      return false;
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      const field = thisField(node.left);
      if (field !== undefined) found.push({ assignment: node, field });
    }
    return true;
  });
  return found;
}

function thisField(target: TSESTree.Node): string | undefined {
  let node = unwrap(target);
  let field: string | undefined;
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(node);
    if (name === undefined) return undefined;
    field = name;
    node = unwrap(node.object);
  }
  return node.type === AST_NODE_TYPES.ThisExpression ? field : undefined;
}
