import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from '../file/scope-types.js';
import { knowledgeFor, type Condition, type KnowledgeTable, type Medium, type Shape, type StoreEntry, type StoreKind } from '../../knowledge/index.js';
import { calleeName, chosenValue, enclosingClass, enclosingFunction, isFunction, LISTENER_METHODS, methodCallOn, outerValue, propertyName, someNode, unwrap } from '../file/ast.js';
import { FileFacts } from '../facts.js';
import { importedSpecifiers, importResolverFor, superClassOf, type ImportResolver } from '../file/imports.js';
import { readModuleInfo, type ModuleInfo } from '../file/module-info.js';
import { developmentArm, OptionReader, optionValue, returnedValue, type ArmTest, type OptionsValue } from '../file/option-values.js';
import { instanceMethods, moduleScopeOf, thisAccesses, thisField } from '../state/writes.js';
import { nodesOfType } from '../file/node-index.js';

/** A use of a library from the store table that keeps state in this process. */
export interface StoreUse {
  readonly entry: StoreEntry;
  readonly shape: Shape;
  /** The call, construction or decorator to report. */
  readonly node: TSESTree.Node;
  readonly kind: StoreKind;
  readonly medium: Medium;
  /** The code as written, with the condition that selects the in-process store: "`session()` without `store`". */
  readonly found: string;
  /** For usage shapes: the binding that is broadcast over or used as a bus. */
  readonly name?: string;
  /** For passport: the line of the in-memory session middleware it relies on. */
  readonly sessionLine?: number;
  /** Only a finding in files that serve requests, unless the rule is told to assume every file does. */
  readonly serverFilesOnly: boolean;
  /** For a cache: a call that takes entries out of it while a request is handled (`users.delete(id)` in an update route). */
  readonly invalidatedBy?: TSESTree.CallExpression;
}


type CallLike = TSESTree.CallExpression | TSESTree.NewExpression;

/** A condition that holds: where an in-process store value keeps its data, and the test that selects the arm it holds in. */
interface Held {
  readonly medium?: Medium;
  readonly when?: ArmTest;
}

interface Candidate {
  readonly entry: StoreEntry;
  readonly shape: Shape;
  readonly node: CallLike | TSESTree.Decorator | TSESTree.ExportDefaultDeclaration;
  /** The call or construction whose arguments hold the options. */
  readonly call?: CallLike;
  /** A plugin exported for `@fastify/autoload`: its options are the file's `autoConfig` export (absent when there is none). */
  readonly autoConfig?: TSESTree.Node | 'absent';
}

const MAX_FOUND_LENGTH = 40;

/** Methods of the cache libraries that take entries out (`delete`, `del`, `clear`, `reset`, `flushAll`, `purge`). */
const INVALIDATING = new Set(['delete', 'del', 'clear', 'reset', 'flushAll', 'purge', 'purgeStale', 'invalidate']);

/** `private users = new LRUCache()` or `this.users = new LRUCache()`: the field a value is kept in. */
function fieldHolding(holder: TSESTree.Node | undefined, value: TSESTree.Node): string | undefined {
  if (holder?.type === AST_NODE_TYPES.PropertyDefinition && holder.value === value && !holder.static) return propertyName(holder);
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === value && holder.left.type === AST_NODE_TYPES.MemberExpression) return thisField(holder.left);
  return undefined;
}

/** The libraries of the store table (and of the settings) that this file uses with an in-process store. */
export function analyseStores(facts: FileFacts): readonly StoreUse[] {
  return new StoreAnalysis(facts.sourceCode, facts, knowledgeFor(facts.settings)).run();
}

class StoreAnalysis {
  private readonly resolver: ImportResolver;
  private readonly options: OptionReader;
  /** In-memory store values (`new session.MemoryStore()`) found in this file, and whether a consumer took them. */
  private readonly storeValues = new Map<TSESTree.Node, { candidate: Candidate; consumed: boolean }>();
  private readonly info: ModuleInfo;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly facts: FileFacts,
    private readonly table: KnowledgeTable,
  ) {
    this.resolver = importResolverFor(sourceCode);
    this.options = new OptionReader(sourceCode);
    this.info = readModuleInfo(sourceCode.ast);
  }

  run(): StoreUse[] {
    const specifiers = [...importedSpecifiers(this.sourceCode)].filter((specifier) => this.table.bySpecifier.has(specifier));
    if (specifiers.length === 0) return [];
    const relevant = new Set(specifiers);
    const candidates = this.collect(relevant);
    for (const candidate of candidates) {
      if (candidate.shape.storeValue === true) this.storeValues.set(candidate.node, { candidate, consumed: false });
    }
    const uses: StoreUse[] = [];
    const once = new Set<StoreEntry>();
    for (const candidate of candidates) {
      if (candidate.shape.storeValue === true) continue;
      if (candidate.shape.oncePerFile === true) {
        if (once.has(candidate.entry)) continue;
        once.add(candidate.entry);
      }
      const use = candidate.shape.usage ? this.usage(candidate) : this.evaluate(candidate);
      if (use) uses.push(...(Array.isArray(use) ? use : [use]));
    }
    for (const { candidate, consumed } of this.storeValues.values()) {
      if (consumed || !candidate.call || !this.isExported(candidate.call)) continue;
      uses.push(this.use(candidate, candidate.call, undefined, this.describe(candidate.call, candidate.shape, undefined)));
    }
    // Passport relies on the session middleware found above, so it is decided last.
    const passport = uses.filter((use) => use.shape.usage === 'passport');
    const sessions = uses.filter((use) => use.kind === 'session' && use.shape.usage !== 'passport');
    const kept = uses.filter((use) => use.shape.usage !== 'passport');
    const firstSession = sessions[0];
    if (firstSession) {
      for (const use of passport) kept.push({ ...use, sessionLine: firstSession.node.loc.start.line });
    }
    kept.sort((a, b) => a.node.range[0] - b.node.range[0]);
    return kept;
  }

  /** Calls, constructions, plugin registrations and decorators that reach a relevant package. */
  private collect(relevant: ReadonlySet<string>): Candidate[] {
    const found: Candidate[] = [];
    const nodes = nodesOfType(this.sourceCode, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression, AST_NODE_TYPES.Decorator);
    for (const node of nodes) {
      if (node.type === AST_NODE_TYPES.Decorator) {
        const expression = unwrap(node.expression);
        const target = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
        found.push(...this.match(target, 'decorator', relevant, node, expression.type === AST_NODE_TYPES.CallExpression ? expression : undefined));
        continue;
      }
      found.push(...this.match(node.callee, node.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call', relevant, node, node));
      const callee = unwrap(node.callee);
      // `super(options)` in `class Backend extends ShareDB`: the package's class is constructed with those options.
      if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.Super) {
        const base = enclosingClass(node)?.superClass;
        if (base) found.push(...this.match(base, 'new', relevant, node, node).filter((candidate) => candidate.shape.subclassed === true));
      }
      if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'register' && node.arguments[0]) {
        found.push(...this.match(node.arguments[0], 'register', relevant, node, node));
      }
    }
    found.push(...this.autoloaded(relevant));
    return found;
  }

  /**
   * `export default fastifyRateLimit` in a plugins folder: `@fastify/autoload` registers the file's
   * default export with its `autoConfig` export (an object, or a function of the instance returning one).
   */
  private autoloaded(relevant: ReadonlySet<string>): Candidate[] {
    const program = this.sourceCode.ast;
    const exported = program.body.find((statement): statement is TSESTree.ExportDefaultDeclaration => statement.type === AST_NODE_TYPES.ExportDefaultDeclaration);
    const declaration = exported?.declaration;
    if (!declaration || (declaration.type !== AST_NODE_TYPES.Identifier && declaration.type !== AST_NODE_TYPES.MemberExpression)) return [];
    const candidates = this.match(declaration, 'register', relevant, exported, undefined);
    if (candidates.length === 0) return [];
    let autoConfig: TSESTree.Node | 'absent' = 'absent';
    for (const statement of program.body) {
      if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== 'autoConfig' || !declarator.init) continue;
        const init = unwrap(declarator.init);
        autoConfig = isFunction(init) ? (returnedValue(init) ?? init) : init;
      }
    }
    return candidates.map((candidate) => ({ ...candidate, autoConfig }));
  }

  private match(
    target: TSESTree.Node,
    form: 'call' | 'new' | 'register' | 'decorator',
    relevant: ReadonlySet<string>,
    node: CallLike | TSESTree.Decorator | TSESTree.ExportDefaultDeclaration,
    call: CallLike | undefined,
  ): Candidate[] {
    let value = this.resolver.resolve(target);
    // `class Bus extends EventEmitter {}` … `new Bus()`: an emitter all the same, judged by its use.
    const base = !value && form === 'new' ? superClassOf(this.sourceCode, target) : undefined;
    if (base) value = this.resolver.resolve(base);
    if (!value || !relevant.has(value.specifier)) return [];
    const result: Candidate[] = [];
    for (const entry of this.table.bySpecifier.get(value.specifier) ?? []) {
      for (const shape of entry.shapes) {
        if (base && shape.usage !== 'event-bus') continue;
        const formMatches = shape.form === form || (shape.form === 'either' && (form === 'call' || form === 'new'));
        if (!formMatches) continue;
        if (!shape.exports.some((exported) => value.paths.some((path) => path.length === exported.length && path.every((part, index) => part === exported[index])))) continue;
        result.push({ entry, shape, node, ...(call ? { call } : {}) });
      }
    }
    return result;
  }

  private evaluate(candidate: Candidate): StoreUse | undefined {
    const { shape } = candidate;
    const call = candidate.call;
    const reportNode = candidate.node;
    if (!this.placed(reportNode, shape)) return undefined;
    if (call && shape.exceptAsOption && isOptionValue(call, shape.exceptAsOption)) return undefined;
    const autoConfig = candidate.autoConfig;
    const options = call ? this.optionsOf(call, shape) : autoConfig !== undefined && autoConfig !== 'absent' ? this.options.read(autoConfig) : ({ kind: 'absent' } as const);
    let holding: Condition | undefined;
    let held: Held | undefined;
    if (shape.when) {
      for (const condition of shape.when) {
        held = this.holds(condition, options, call);
        // `storage: enabled ? new RedisStorage() : undefined` beside `skipIf: () => !enabled`: the same test turns the limiter off.
        if (held?.when && this.gatesOtherOptions(options, held.when.test)) held = undefined;
        if (!held) continue;
        holding = condition;
        break;
      }
      if (!holding || !held) return undefined;
    }
    if (shape.unlessOption) {
      const value = this.options.valueAt(options, shape.unlessOption.option);
      if (value !== undefined && value !== 'unknown' && isLiteralIn(value, shape.unlessOption.equals)) return undefined;
    }
    if (shape.unlessInstanceCalls && call && this.instanceConfigured(call, shape.unlessInstanceCalls)) return undefined;
    if (shape.unlessFileCalls && this.fileConfigures(shape.unlessFileCalls)) return undefined;
    const storeMedium = held?.medium;
    const use = this.use(candidate, reportNode, holding, this.describe(reportNode, shape, holding, storeMedium, held?.when));
    return storeMedium === undefined || holding?.medium !== undefined ? use : { ...use, medium: storeMedium };
  }

  private use(candidate: Candidate, node: TSESTree.Node, holding: Condition | undefined, found: string, name?: string): StoreUse {
    const kind = holding?.kind ?? candidate.shape.kind ?? candidate.entry.kind;
    const invalidatedBy = kind === 'cache' && candidate.call ? this.invalidation(candidate.call) : undefined;
    return {
      entry: candidate.entry,
      shape: candidate.shape,
      node,
      kind,
      medium: holding?.medium ?? candidate.shape.medium ?? 'memory',
      found,
      serverFilesOnly: candidate.shape.serverFilesOnly === true,
      ...(name === undefined ? {} : { name }),
      ...(invalidatedBy ? { invalidatedBy } : {}),
    };
  }

  /**
   * The first call that takes entries out of a cache made here while a request is handled: the
   * cache kept in a module binding (`const users = new LRUCache(…)`) or in a field (`private users =
   * new LRUCache(…)`, `this.users = new LRUCache(…)` in the constructor), and `users.delete(id)`,
   * `this.users.clear()` in code that runs per request. The library expires and evicts on its own;
   * a removal the code asks for is an invalidation, and it reaches this replica only.
   */
  private invalidation(made: CallLike): TSESTree.CallExpression | undefined {
    const holder = chosenValue(made).parent;
    const calls: TSESTree.CallExpression[] = [];
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier && holder.init === chosenValue(made)) {
      for (const variable of this.sourceCode.getDeclaredVariables(holder)) {
        for (const reference of variable.references) {
          const call = methodCallOn(outerValue(reference.identifier));
          if (call) calls.push(call);
        }
      }
    }
    const field = fieldHolding(holder, chosenValue(made));
    const classNode = field === undefined ? undefined : enclosingClass(made);
    if (field !== undefined && classNode) {
      for (const { fn } of instanceMethods(classNode)) {
        for (const { node } of thisAccesses(fn, this.sourceCode.visitorKeys)) {
          const call = thisField(node) === field ? methodCallOn(outerValue(node)) : undefined;
          if (call) calls.push(call);
        }
      }
    }
    return calls.find((call) => INVALIDATING.has(calleeName(call) ?? '') && this.facts.callLifetime(call) === 'request');
  }

  /** Whether the construction is where the shape says it is shared. */
  private placed(node: TSESTree.Node, shape: Shape): boolean {
    const placement = shape.placement ?? 'shared';
    if (placement === 'anywhere') return true;
    const lifetime = this.placementOf(node);
    return placement === 'shared' ? lifetime !== 'request' : lifetime === 'startup';
  }

  /** The lifetime of a construction, with class fields and constructors judged by their class. */
  private placementOf(node: TSESTree.Node): 'startup' | 'request' | 'unknown' {
    const fn = enclosingFunction(node);
    const member = classMemberOf(node, fn);
    if (member) {
      return this.facts.handlers.classInfo(member.parent.parent).singleton ? 'startup' : 'unknown';
    }
    return this.facts.lifetimes.ofNode(node);
  }

  private optionsOf(call: CallLike, shape: Shape): OptionsValue {
    const args = call.arguments;
    if (shape.options === 'server') {
      // socket.io: `new Server()`, `new Server(opts)`, `new Server(httpServer)`, `new Server(port, opts)`.
      if (args.length >= 2) return this.options.read(args[1]);
      const first = this.options.read(args[0]);
      if (first.kind === 'object') return first;
      if (first.kind === 'unknown' && !isServerLike(args[0])) return first;
      return { kind: 'absent' };
    }
    const index = shape.options ?? (shape.form === 'register' ? 1 : 0);
    return this.options.read(args[index]);
  }

  /**
   * Whether a condition holds, and if so where an in-process store value keeps its data and which
   * test selects the arm it holds in (`store: redis ? new RedisStore() : undefined`). An arm only a
   * development build takes does not count.
   */
  private holds(condition: Condition, options: OptionsValue, call: CallLike | undefined): Held | undefined {
    if ('missing' in condition) {
      if (options.kind === 'absent' || options.kind === 'array') return {};
      if (options.kind !== 'object') return undefined;
      let when: ArmTest | undefined;
      for (const key of condition.missing) {
        const value = this.options.valueAt(options, key);
        if (value === 'unknown') return undefined;
        if (value === undefined) continue;
        const unset = this.options.arms(value).find((arm) => arm.value === undefined && !developmentArm(arm));
        if (!unset?.when) return undefined;
        when ??= unset.when;
      }
      return when ? { when } : {};
    }
    if ('present' in condition) {
      const value = this.options.valueAt(options, condition.present);
      return value !== undefined && value !== 'unknown' ? {} : undefined;
    }
    if ('argument' in condition) {
      const argument = call?.arguments[condition.argument];
      return argument !== undefined && isLiteralIn(argument, condition.equals) ? {} : undefined;
    }
    if ('callback' in condition) {
      const argument = call?.arguments[condition.callback];
      if (!argument) return undefined;
      const value = unwrap(argument);
      // `new Cron(pattern, () => {})` only checks the pattern: an empty function is no job.
      if (isFunction(value)) return value.body.type === AST_NODE_TYPES.BlockStatement && value.body.body.length === 0 ? undefined : {};
      return value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression ? {} : undefined;
    }
    if ('memoryStoreIn' in condition) {
      const key = condition.memoryStoreIn;
      const value = typeof key === 'number' ? call?.arguments[key] : this.options.valueAt(options, key);
      if (value === undefined || value === 'unknown') return undefined;
      let found: Held | undefined;
      // Every arm is read, so that an in-memory store passed in any arm counts as consumed.
      for (const arm of this.options.arms(value)) {
        const medium = arm.value === undefined ? undefined : this.storeMedium(arm.value);
        if (medium !== undefined && !found && !developmentArm(arm)) found = arm.when ? { medium, when: arm.when } : { medium };
      }
      return found;
    }
    if ('list' in condition) {
      // `server.configuration.extensions.push(new RedisSync(…))`: the file adds to the list later, out of this call's sight.
      if (new RegExp(`\\.${condition.list}\\s*\\.\\s*(?:push|unshift|splice)\\s*\\(`, 'u').test(this.sourceCode.text)) return undefined;
      if (options.kind === 'absent') return {};
      if (options.kind !== 'object') return undefined;
      const list = optionValue(options, condition.list);
      return list === undefined || this.listLacks(list, condition.noneFrom) ? {} : undefined;
    }
    const value = this.options.valueAt(options, condition.option);
    if (value === undefined || value === 'unknown') return undefined;
    if ('equals' in condition) {
      const arm = this.options.arms(value).find((candidate) => candidate.value !== undefined && isLiteralIn(candidate.value, condition.equals) && !developmentArm(candidate));
      if (!arm) return undefined;
      return arm.when ? { when: arm.when } : {};
    }
    const nested = this.options.read(value);
    return nested.kind === 'object' && condition.lacks.every((key) => optionValue(nested, key) === undefined) ? {} : undefined;
  }

  /**
   * Whether the test that selects an in-memory arm also sets another option (`skipIf: () =>
   * !enabled`, `enabled: flag`): then it switches the feature itself, not only its store, and the
   * arm without a store is the feature turned off.
   */
  private gatesOtherOptions(options: OptionsValue, test: TSESTree.Node): boolean {
    if (options.kind !== 'object') return false;
    let inner = unwrap(test);
    while (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === '!') inner = unwrap(inner.argument);
    if (inner.type !== AST_NODE_TYPES.Identifier && inner.type !== AST_NODE_TYPES.MemberExpression) return false;
    const text = this.sourceCode.getText(inner);
    return [...options.properties.values()].some(
      (value) =>
        !(value.range[0] <= test.range[0] && test.range[1] <= value.range[1]) &&
        someNode(value, this.sourceCode.visitorKeys, (node) => (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && this.sourceCode.getText(node) === text && !selectsArm(node)),
    );
  }

  /**
   * Whether an array written in the code holds nothing made by an export of `packages`, in any
   * element, spread or conditional arm (`...(url ? [new Redis(…)] : [])` holds one). Undefined, as
   * false, for a list the file does not write out (a variable, a call).
   */
  private listLacks(node: TSESTree.Node, packages: readonly string[]): boolean {
    const stack: TSESTree.Node[] = [unwrap(node)];
    if (stack[0]?.type !== AST_NODE_TYPES.ArrayExpression) return false;
    for (let current = stack.pop(); current; current = stack.pop()) {
      const value = unwrap(current);
      if (value.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of value.elements) if (element) stack.push(element);
      } else if (value.type === AST_NODE_TYPES.SpreadElement) {
        stack.push(value.argument);
      } else if (value.type === AST_NODE_TYPES.ConditionalExpression) {
        stack.push(value.consequent, value.alternate);
      } else if (value.type === AST_NODE_TYPES.LogicalExpression) {
        stack.push(value.left, value.right);
      } else if (value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.CallExpression) {
        const origin = this.resolver.resolve(value.callee);
        if (origin && packages.includes(origin.specifier)) return false;
      }
    }
    return true;
  }

  /**
   * Where a store value keeps its data when that is this machine: a table store (`new
   * session.MemoryStore()`), `new Map()`, or a hand-written Map-backed store. Undefined otherwise.
   */
  private storeMedium(node: TSESTree.Node, depth = 0): Medium | undefined {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const init = this.options.constValue(value);
      return init !== undefined && depth < 4 ? this.storeMedium(init.value, depth + 1) : undefined;
    }
    const known = this.storeValues.get(value);
    if (known) {
      known.consumed = true;
      return known.candidate.shape.medium ?? 'memory';
    }
    if (value.type === AST_NODE_TYPES.NewExpression) {
      const callee = unwrap(value.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Map' && this.isGlobal(callee)) return 'memory';
      if (callee.type === AST_NODE_TYPES.Identifier && this.isMapBackedClass(callee)) return 'memory';
      return undefined;
    }
    if (value.type === AST_NODE_TYPES.ObjectExpression && this.isMapBackedObject(value)) return 'memory';
    return undefined;
  }

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    return !variable || variable.defs.length === 0;
  }

  /** `{ get(sid) { return sessions.get(sid) }, set(…) { sessions.set(…) }, destroy … }` over a module-scope Map or object. */
  private isMapBackedObject(object: TSESTree.ObjectExpression): boolean {
    const methods = new Map<string, TSESTree.Node>();
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyName(property);
      if (key !== undefined && isFunction(property.value)) methods.set(key, property.value);
    }
    const get = methods.get('get');
    const set = methods.get('set');
    if (!get || !set) return false;
    return this.usesModuleCollection(get) && this.usesModuleCollection(set);
  }

  /** A class declared in this file with `get`/`set` methods and a `new Map()` of its own. */
  private isMapBackedClass(identifier: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    const def = variable?.defs[0];
    if (def?.type !== DefinitionType.ClassName) return false;
    const classNode = def.node;
    const names = new Set(classNode.body.body.map((member) => (member.type === AST_NODE_TYPES.MethodDefinition ? propertyName(member) : undefined)));
    if (!names.has('get') || !names.has('set')) return false;
    return /\bnew\s+Map\s*[(<]/u.test(this.sourceCode.getText(classNode.body)) || classNode.body.body.some((member) => this.usesModuleCollection(member));
  }

  private usesModuleCollection(node: TSESTree.Node): boolean {
    const moduleScope = moduleScopeOf(this.sourceCode.scopeManager);
    if (!moduleScope) return false;
    return moduleScope.variables.some((variable) => {
      const def = variable.defs[0];
      if (def?.type !== DefinitionType.Variable || !def.node.init) return false;
      const init = unwrap(def.node.init);
      const collection = init.type === AST_NODE_TYPES.ObjectExpression || (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'Map');
      return collection && variable.references.some((reference) => reference.identifier.range[0] >= node.range[0] && reference.identifier.range[1] <= node.range[1]);
    });
  }

  /** `io.adapter(createAdapter(…))` on the constructed instance, or anywhere when the instance is not a plain binding. */
  private instanceConfigured(call: CallLike, methods: readonly string[]): boolean {
    const binding = boundVariable(this.sourceCode, call);
    if (binding === 'exported' || this.isExported(call)) return true;
    if (binding) {
      return binding.references.some((reference) => {
        const member = outerValue(reference.identifier).parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== outerValue(reference.identifier)) return false;
        const invoked = outerValue(member).parent;
        return methods.includes(propertyName(member) ?? '') && invoked?.type === AST_NODE_TYPES.CallExpression && invoked.callee === outerValue(member) && invoked.arguments.length > 0;
      });
    }
    return this.anyMemberCall(methods);
  }

  private anyMemberCall(methods: readonly string[]): boolean {
    const pattern = new RegExp(`\\.(?:${methods.join('|')})\\(\\s*[^)\\s]`, 'u');
    return pattern.test(this.sourceCode.text);
  }

  /** `apicache.options({ redisClient })` somewhere in the file. */
  private fileConfigures(rule: NonNullable<Shape['unlessFileCalls']>): boolean {
    for (const node of nodesOfType(this.sourceCode, AST_NODE_TYPES.CallExpression)) {
      const value = this.resolver.resolve(node.callee);
      if (value && rule.exports.some((exported) => value.paths.some((path) => path.join('.') === exported.join('.')))) {
        const options = this.options.read(node.arguments[0]);
        if (options.kind !== 'object' || rule.withOption.some((key) => optionValue(options, key) !== undefined)) return true;
      }
    }
    return false;
  }

  private isExported(call: CallLike): boolean {
    const value = outerValue(call);
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) {
      const left = unwrap(parent.left);
      const text = this.sourceCode.getText(left);
      return text === 'module.exports' || text.startsWith('module.exports.') || text.startsWith('exports.');
    }
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier && parent.init === value) {
      if (parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
      return this.info.exportsByLocal.has(parent.id.name);
    }
    return false;
  }

  /** Shapes decided by how the instance is used rather than how it is built. */
  private usage(candidate: Candidate): StoreUse[] | StoreUse | undefined {
    const { shape } = candidate;
    if (shape.usage === 'passport') {
      const node = candidate.node;
      return this.use(candidate, node, undefined, `\`${this.calleeText(node)}()\``);
    }
    const call = candidate.call;
    if (!call || !this.placed(call, shape)) return undefined;
    const variable = boundVariable(this.sourceCode, call);
    if (!variable || variable === 'exported') return undefined;
    if (shape.usage === 'broadcast') {
      // A file that subscribes to a channel already fans messages out to every replica.
      if (/\.(?:p|s)?[sS]ubscribe\s*\(/u.test(this.sourceCode.text)) return undefined;
      return this.broadcasts(candidate, variable);
    }
    return this.eventBus(candidate, call, variable);
  }

  /** `wss.clients.forEach((c) => c.send(…))` or `for (const c of wss.clients) c.send(…)` while handling a message. */
  private broadcasts(candidate: Candidate, variable: TSESLint.Scope.Variable): StoreUse[] {
    const uses: StoreUse[] = [];
    const seen = new Set<TSESTree.Node | undefined>();
    for (const reference of variable.references) {
      const member = outerValue(reference.identifier).parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || propertyName(member) !== 'clients') continue;
      const clients = outerValue(member);
      const parent = clients.parent;
      let loop: TSESTree.Node | undefined;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === clients && propertyName(parent) === 'forEach') {
        const call = outerValue(parent).parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] && sends(this.sourceCode.getText(call.arguments[0]))) loop = call;
      } else if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === clients && sends(this.sourceCode.getText(parent.body))) {
        loop = parent;
      }
      if (!loop || this.facts.lifetimes.ofNode(loop) !== 'request') continue;
      const fn = enclosingFunction(loop);
      if (seen.has(fn)) continue;
      seen.add(fn);
      uses.push(this.use(candidate, loop, undefined, `\`${variable.name}.clients\``, variable.name));
    }
    return uses;
  }

  /** A module-scope emitter that request handlers both emit on and listen to. */
  private eventBus(candidate: Candidate, call: CallLike, variable: TSESLint.Scope.Variable): StoreUse | undefined {
    if (this.placementOf(call) !== 'startup') return undefined;
    let emits = false;
    let listens = false;
    for (const reference of variable.references) {
      const value = outerValue(reference.identifier);
      const parent = value.parent;
      let method: string | undefined;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
        const invoked = outerValue(parent).parent;
        if (invoked?.type === AST_NODE_TYPES.CallExpression && invoked.callee === outerValue(parent)) method = propertyName(parent);
      } else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === value) {
        // `once(bus, 'event')` / `on(bus, 'event')` from node:events
        const name = unwrap(parent.callee);
        const calleeName = name.type === AST_NODE_TYPES.Identifier ? name.name : name.type === AST_NODE_TYPES.MemberExpression ? propertyName(name) : undefined;
        if (calleeName === 'once' || calleeName === 'on') method = 'on';
      }
      if (method === undefined || this.facts.lifetimes.ofNode(reference.identifier) !== 'request') continue;
      if (method === 'emit') emits = true;
      if (LISTENER_METHODS.has(method)) listens = true;
    }
    if (!emits || !listens) return undefined;
    return this.use(candidate, call, undefined, `\`${variable.name}\``, variable.name);
  }

  private calleeText(node: TSESTree.Node): string {
    const callee = node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression ? node.callee : node;
    // `super(…)` names the class it constructs: `ShareDB` through `super()`.
    const base = callee.type === AST_NODE_TYPES.Super ? enclosingClass(callee)?.superClass : undefined;
    if (base) return `${shorten(this.sourceCode.getText(base))}\` through \`super`;
    return shorten(this.sourceCode.getText(callee));
  }

  /** "`session()` without `store`", "`new LRUCache()`", "`fastify.register(rateLimit)` without `redis` or `store`". */
  private describe(node: TSESTree.Node, shape: Shape, holding: Condition | undefined, storeMedium?: Medium, when?: ArmTest): string {
    let code: string;
    if (node.type === AST_NODE_TYPES.Decorator) {
      const expression = unwrap(node.expression);
      code = `@${shorten(this.sourceCode.getText(expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression))}()`;
    } else if (node.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      code = `export default ${shorten(this.sourceCode.getText(node.declaration))}`;
    } else if (shape.form === 'register' && node.type === AST_NODE_TYPES.CallExpression && node.arguments[0]) {
      code = `${this.calleeText(node)}(${shorten(this.sourceCode.getText(node.arguments[0]))})`;
    } else if (node.type === AST_NODE_TYPES.NewExpression) {
      const callee = this.calleeText(node);
      code = unwrap(node.callee).type === AST_NODE_TYPES.CallExpression ? `new (${callee})()` : `new ${callee}()`;
    } else {
      code = `${this.calleeText(node)}()`;
    }
    const test = when ? ` ${when.holds ? 'when' : 'unless'} \`${shorten(this.sourceCode.getText(when.test))}\`` : '';
    return `\`${code}\`${holding ? ` ${conditionWords(holding, storeMedium)}` : ''}${test}`;
  }
}

function conditionWords(condition: Condition, storeMedium: Medium | undefined): string {
  if ('missing' in condition) return `without ${condition.missing.map((key) => `\`${key}\``).join(' or ')}`;
  if ('present' in condition) return `with \`${condition.present}\``;
  if ('memoryStoreIn' in condition) {
    const where = storeMedium === 'disk' ? 'a local-disk' : 'an in-memory';
    return typeof condition.memoryStoreIn === 'number' ? `with ${where} store` : `with ${where} \`${condition.memoryStoreIn}\``;
  }
  if ('callback' in condition) return 'with a job';
  if ('list' in condition) return `without ${condition.noneFrom.map((name) => `\`${name}\``).join(' or ')} in \`${condition.list}\``;
  if ('argument' in condition) return `with ${condition.equals.map((value) => `\`${JSON.stringify(value).replaceAll('"', "'")}\``).join(' or ')}`;
  if ('equals' in condition) {
    const value = condition.equals[0];
    return `with \`${condition.option}: ${typeof value === 'string' ? `'${value}'` : String(value)}\``;
  }
  return `with \`${condition.option}\` but no ${condition.lacks.map((key) => `\`${key}\``).join(' or ')}`;
}

/** The test of `test ? a : b` or `test && a`: it picks another option's value (a second store), it is not the option. */
function selectsArm(node: TSESTree.Node): boolean {
  const value = outerValue(node);
  const parent = value.parent;
  return (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test === value) || (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.left === value);
}

/** An arm that only a development or test build takes (`NODE_ENV === 'test' ? new MemoryStore() : …`). */
function shorten(text: string): string {
  const flat = text.replace(/\s+/gu, ' ');
  if (flat.length <= MAX_FOUND_LENGTH) return flat;
  const last = flat.split('.').at(-1) ?? flat;
  return last.length <= MAX_FOUND_LENGTH ? last : `${last.slice(0, MAX_FOUND_LENGTH - 1)}…`;
}

function sends(text: string): boolean {
  return /\.send\s*\(/u.test(text);
}

function isLiteralIn(node: TSESTree.Node, values: readonly (string | number | boolean)[]): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return values.some((candidate) => candidate === value.value);
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return values.includes(value.quasis[0]?.value.cooked ?? '');
  return false;
}

/** The construction is the value of `insuranceLimiter: …` (a deliberate local fallback). */
function isOptionValue(call: CallLike, keys: readonly string[]): boolean {
  const value = outerValue(call);
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === value) return keys.includes(propertyName(parent) ?? '');
  // `const insurance = new RateLimiterMemory(); … { insuranceLimiter: insurance }`, or a static field so named.
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name.toLowerCase().includes('insurance');
  if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === value) return (propertyName(parent) ?? '').toLowerCase().includes('insurance');
  return false;
}

/** A first argument that is the HTTP server or a port, not options. */
function isServerLike(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number') return true;
  // `new Server(httpServer)`, `new Server(app)`, but not `new Server(serverOptions)`.
  if (value.type === AST_NODE_TYPES.Identifier) return /server|srv|app|port|http/iu.test(value.name) && !/opt|conf|setting/iu.test(value.name);
  return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.MemberExpression;
}

/** The variable a construction is bound to (`const io = new Server()`), `exported` when it leaves the file. */
function boundVariable(sourceCode: Readonly<TSESLint.SourceCode>, call: CallLike): TSESLint.Scope.Variable | 'exported' | undefined {
  const value = outerValue(call);
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
    if (parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return 'exported';
    return sourceCode.getDeclaredVariables(parent).find((variable) => variable.name === (parent.id as TSESTree.Identifier).name);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value && parent.left.type === AST_NODE_TYPES.Identifier) {
    return ASTUtils.findVariable(sourceCode.getScope(parent.left), parent.left) ?? undefined;
  }
  return undefined;
}

/** The class field or constructor a node sits in (not a method: methods run when called). */
function classMemberOf(node: TSESTree.Node, fn: ReturnType<typeof enclosingFunction>): TSESTree.PropertyDefinition | TSESTree.MethodDefinition | undefined {
  if (fn) {
    const parent = fn.parent;
    return parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor' ? parent : undefined;
  }
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return current;
    if (current.type === AST_NODE_TYPES.Program) return undefined;
    current = current.parent;
  }
  return undefined;
}
