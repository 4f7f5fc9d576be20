import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeName, constructionOf, enclosingFunction, isFunction, outerValue, propertyName, thisCallsByName, type ClassMember, type FunctionNode } from '../file/ast.js';
import { looksLikeHandler, type HandlerIndex, type Role } from './handlers.js';
import { isUiEffectCall } from '../file/file-kind.js';
import { isMixinFactory } from '../file/module-info.js';
import { importResolverFor, importsAny } from '../file/imports.js';
import { DeepMemo } from '../file/memo.js';
import { objectMethodThis } from '../state/writes.js';

/**
 * When code runs:
 * - `startup`: while the module initialises (top level, IIFEs, functions only called from there,
 *   listen/ready callbacks, framework boot hooks), or never in a running server (test callbacks,
 *   React effects);
 * - `request`: once per request, event or message (a handler, code nested in one, or a function
 *   in this file called from one);
 * - `unknown`: the file cannot see who calls it (an exported helper, a callback handed to an
 *   unrecognised API, a timer started at startup).
 */
export type Lifetime = 'startup' | 'request' | 'unknown';

/** Callbacks that run synchronously, or as a continuation of the code that passes them. */
const CONTINUATION_CALLEES = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'sort',
  'toSorted',
  'then',
  'catch',
  'finally',
  'nextTick',
  'queueMicrotask',
  'Promise',
  'call',
  'apply',
  'from',
  'replace',
  'replaceAll',
]);

const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/**
 * Node's modules whose callback functions call the callback once, when the operation ends
 * (`fs.readdir(dir, cb)`, `dns.lookup(host, cb)`, `crypto.randomBytes(n, cb)`, `exec(cmd, cb)`):
 * a continuation of the code that starts them. Watchers are the exception: they call back on
 * every change.
 */
const ONE_SHOT_MODULES = ['fs', 'node:fs', 'dns', 'node:dns', 'crypto', 'node:crypto', 'zlib', 'node:zlib', 'child_process', 'node:child_process'];
const REPEATING_CALLBACKS = new Set(['watch', 'watchFile']);


/**
 * Hooks by which a host initialises a module's object once, as it starts (`init(injector)` of a
 * strategy object, `setup()` of a plugin): an object made when the module loads and handed on, whose
 * method of one of these names runs then. Teardown names (`close`, `destroy`) are left out: per-call
 * objects have them too.
 */
const INIT_HOOKS = new Set(['init', 'initialize', 'initialise', 'setup', 'bootstrap', 'configure', 'onInit', 'onModuleInit', 'onApplicationBootstrap']);

/** Test-runner callbacks: never part of a running service. */
const TEST_CALLEES = new Set(['describe', 'it', 'test', 'suite', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach', 'before', 'after', 'bench']);

function combine(values: readonly (Lifetime | undefined)[]): Lifetime | undefined {
  if (values.includes('request')) return 'request';
  if (values.includes('unknown')) return 'unknown';
  if (values.includes('startup')) return 'startup';
  return undefined;
}

/**
 * `init(injector) { … }` of an object literal written outside any function (`export const process
 * = { init(injector) { … }, … }`, `new Condition({ init(injector) { … }, check() { … } })`): the host
 * it is handed to calls the hook once while it starts.
 */
function isInitHookOfModuleObject(property: TSESTree.Property): boolean {
  const key = propertyName(property);
  return key !== undefined && INIT_HOOKS.has(key) && enclosingFunction(property) === undefined;
}

function fromRole(role: Role | undefined): Lifetime | undefined {
  if (!role) return undefined;
  if (role.kind === 'request') return 'request';
  if (role.kind === 'startup') return 'startup';
  return 'unknown';
}

export class LifetimeAnalysis {
  // A function met again while its lifetime is being worked out (a cycle) has none yet: undefined.
  private readonly memo = new DeepMemo<FunctionNode, Lifetime | undefined>((fn) => this.computeLifetime(fn), undefined);
  private readonly roles = new Map<FunctionNode, Role | null>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly handlers: HandlerIndex,
    /** With type information: parameters typed as a framework's request. */
    private readonly typedAsHandler: (fn: FunctionNode) => boolean = () => false,
  ) {}

  /** The lifetime of the code at `node`. */
  ofNode(node: TSESTree.Node): Lifetime {
    const fn = enclosingFunction(node);
    if (!fn) return 'startup';
    return this.ofFunction(fn) ?? 'unknown';
  }

  /** The framework role of a function, if its position says it (memoised). */
  roleOf(fn: FunctionNode): Role | undefined {
    const cached = this.roles.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    const role = this.computeRole(fn);
    this.roles.set(fn, role ?? null);
    return role;
  }

  private computeRole(fn: FunctionNode): Role | undefined {
    const directed = this.handlers.roleOfDirective(fn);
    if (directed) return directed;
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) {
      return this.handlers.roleOfClassMember(parent, parent.parent.parent);
    }
    return this.handlers.roleOfValue(fn);
  }

  /** Whether the function is a request handler by its own position or signature. */
  isHandler(fn: FunctionNode): boolean {
    const role = this.roleOf(fn);
    if (role) return role.kind === 'request';
    return looksLikeHandler(fn) && this.ofFunction(fn) === 'request';
  }

  /** The lifetime of a function's body, or undefined while it is being computed (a cycle). */
  ofFunction(fn: FunctionNode): Lifetime | undefined {
    return this.memo.get(fn);
  }

  private computeLifetime(fn: FunctionNode): Lifetime {
    const result = fromRole(this.roleOf(fn)) ?? this.fromPosition(fn) ?? 'unknown';
    return result === 'unknown' && (looksLikeHandler(fn) || this.typedAsHandler(fn)) ? 'request' : result;
  }

  private fromPosition(fn: FunctionNode): Lifetime | undefined {
    // A module's mixin factory runs once, when the file that loads the module hands it its object.
    if (isMixinFactory(fn) && !looksLikeHandler(fn)) return 'startup';
    const value = outerValue(fn);
    const parent = value.parent;
    if (!parent) return undefined;
    // (function () { … })(), (async () => { … })()
    if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee === value) {
      return this.ofNode(parent);
    }
    // (function () { … }).call(this), the wrapper of UMD and compiled CoffeeScript modules.
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === value && (propertyName(parent) === 'call' || propertyName(parent) === 'apply')) {
      const member = outerValue(parent);
      if (member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member) return this.ofNode(member.parent);
    }
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
      return this.ofCallback(parent);
    }
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return this.ofNamedFunction(fn, this.sourceCode.getDeclaredVariables(fn));
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value) {
      return this.ofNamedFunction(fn, this.sourceCode.getDeclaredVariables(parent));
    }
    if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) {
      return this.ofClassMember(parent);
    }
    // A FunctionDeclaration has returned above: a property's value is a function or an arrow.
    if (parent.type === AST_NODE_TYPES.Property && parent.value === value) {
      const method = fn.type === AST_NODE_TYPES.FunctionExpression ? this.ofObjectMethod(parent) : undefined;
      if (method) return method;
      if (isInitHookOfModuleObject(parent)) return 'startup';
    }
    const outer = enclosingFunction(fn);
    if (outer && this.ofFunction(outer) === 'request') return 'request';
    return undefined;
  }

  /**
   * A method of an object literal bound to a name (`const pads = { set(k, v) { … } }`): the lifetime
   * of its calls through that name and through `this` in the object's other methods; unknown when
   * the object or the method is handed on. Undefined when the object has no such binding.
   */
  private ofObjectMethod(property: TSESTree.Property): Lifetime | undefined {
    const key = propertyName(property);
    const object = outerValue(property.parent);
    const declarator = object.parent;
    if (key === undefined || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== object || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.sourceCode.getDeclaredVariables(declarator)[0];
    if (!variable || variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return undefined;
    const results: (Lifetime | undefined)[] = [];
    let escapes = declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
    const callOf = (member: TSESTree.MemberExpression): void => {
      const outer = outerValue(member);
      if (outer.parent?.type === AST_NODE_TYPES.CallExpression && outer.parent.callee === outer) results.push(this.ofNode(outer.parent));
      else escapes = true;
    };
    for (const reference of variable.references) {
      if (reference.init === true) continue;
      const value = outerValue(reference.identifier);
      const parent = value.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
        if (propertyName(parent) === key) callOf(parent);
        continue;
      }
      escapes = true;
    }
    for (const self of objectMethodThis(object, this.sourceCode.visitorKeys)) {
      const parent = self.parent;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === self && propertyName(parent) === key) callOf(parent);
    }
    // Handed on: whoever holds it calls its init hook once, if the object is the module's own.
    if (escapes) results.push(isInitHookOfModuleObject(property) ? 'startup' : 'unknown');
    return combine(results);
  }

  /** A function passed to a call that no framework shape recognised. */
  private ofCallback(call: TSESTree.CallExpression | TSESTree.NewExpression): Lifetime | undefined {
    const name = calleeName(call);
    const caller = this.ofNode(call);
    if (name !== undefined && TEST_CALLEES.has(name)) return 'startup';
    if (isUiEffectCall(call)) return 'startup';
    if (name !== undefined && TIMERS.has(name)) return caller === 'request' ? 'request' : 'unknown';
    if (name !== undefined && CONTINUATION_CALLEES.has(name)) return caller;
    if (name !== undefined && !REPEATING_CALLBACKS.has(name) && this.callsBackOnce(call)) return caller;
    // Callbacks created while handling a request run because of it (`res.on('finish', …)`, `db.query(sql, cb)`).
    if (caller === 'request') return 'request';
    return undefined;
  }

  /** A call of one of Node's one-shot callback functions (`fs.readdir`, `readFile` imported from `node:fs`). */
  private callsBackOnce(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    if (call.type !== AST_NODE_TYPES.CallExpression || !importsAny(this.sourceCode, ONE_SHOT_MODULES)) return false;
    const value = importResolverFor(this.sourceCode).resolve(call.callee);
    // A function of the module itself, not what one returns (`fs.watch(dir).on('change', cb)` stays unknown).
    return value !== undefined && ONE_SHOT_MODULES.includes(value.specifier) && value.paths.some((path) => path.length > 0 && !path.includes('()'));
  }

  /** A function with a name: its lifetime is that of the places that call it or hand it on. */
  private ofNamedFunction(fn: FunctionNode, variables: readonly TSESLint.Scope.Variable[]): Lifetime | undefined {
    const variable = variables.find((candidate) => candidate.defs.some((def) => def.node === fn || def.node === fn.parent));
    if (!variable) return undefined;
    const results: (Lifetime | undefined)[] = [];
    const exportNames = this.handlers.localExportNames(variable.name);
    let escapes = false;
    if (exportNames) {
      const role = this.handlers.exportNamesRole(exportNames, []);
      if (role) results.push(fromRole(role));
      else escapes = true;
    }
    for (const reference of variable.references) {
      if (reference.init === true) continue;
      const identifier = reference.identifier;
      const value = outerValue(identifier);
      const parent = value.parent;
      if (!parent) continue;
      if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee === value) {
        results.push(this.ofNode(parent));
        continue;
      }
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === value && ['call', 'apply', 'bind'].includes(propertyName(parent) ?? '')) {
        results.push(this.ofNode(parent));
        continue;
      }
      const role = this.handlers.roleOfValue(identifier);
      if (role) {
        results.push(fromRole(role));
        continue;
      }
      if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
        const callback = this.ofCallback(parent);
        if (callback) results.push(callback);
        else escapes = true;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.ExportSpecifier || parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
        escapes = true;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.TSTypeQuery || parent.type === AST_NODE_TYPES.TSQualifiedName) continue;
      escapes = true;
    }
    if (this.isExportedDeclaration(fn)) escapes = true;
    if (escapes) results.push('unknown');
    // Never referenced and not exported: it never runs in the service.
    return combine(results) ?? 'startup';
  }

  private isExportedDeclaration(fn: FunctionNode): boolean {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.ExportNamedDeclaration || parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator) {
      const declaration = parent.parent;
      return declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
    }
    return false;
  }

  /**
   * A class method: constructors run where instances are created; other methods take the
   * lifetime of the methods that call them through `this`, else unknown.
   */
  private ofClassMember(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): Lifetime | undefined {
    const classBody = member.parent;
    const classNode = classBody.parent;
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      return this.ofConstruction(classNode);
    }
    const name = propertyName(member);
    if (name === undefined) return undefined;
    const callers: (Lifetime | undefined)[] = [];
    const seen = new Set<ClassMember>();
    for (const { member: other, bind, call } of thisCallsByName(classBody, this.sourceCode.visitorKeys).get(name) ?? []) {
      if (bind || other === member) continue;
      const body = other.value;
      if (!body || !isFunction(body)) continue;
      // `this.wss.on('connection', (s) => this.onConnection(s))` in the constructor: the handler calls it, not the constructor.
      const role = this.roleAround(call, body);
      if (role) {
        callers.push(fromRole(role));
        continue;
      }
      if (seen.has(other)) continue;
      seen.add(other);
      callers.push(this.ofFunction(body));
    }
    return combine(callers);
  }

  /** The role of the innermost function around `node` that a framework calls itself, inside `outer` (a method's own function). */
  roleAround(node: TSESTree.Node, outer: FunctionNode): Role | undefined {
    for (let fn = enclosingFunction(node); fn && fn !== outer; fn = enclosingFunction(fn)) {
      const role = this.roleOf(fn);
      if (role) return role;
    }
    return undefined;
  }

  private ofConstruction(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Lifetime | undefined {
    const variables = this.sourceCode.getDeclaredVariables(classNode);
    const variable = variables[0];
    if (!variable) return 'unknown';
    const sites: (Lifetime | undefined)[] = [];
    for (const reference of variable.references) {
      if (reference.init === true) continue;
      const site = constructionOf(reference.identifier);
      if (site) {
        sites.push(this.ofNode(site));
      } else if (outerValue(reference.identifier).parent?.type !== AST_NODE_TYPES.ClassBody) {
        sites.push('unknown');
      }
    }
    return combine(sites) ?? 'unknown';
  }
}
