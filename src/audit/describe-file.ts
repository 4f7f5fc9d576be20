import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { HTTP_EXPORTS } from '../frameworks/http-methods.js';
import type { StoreKind } from '../knowledge/index.js';
import { calleeName, calleeReceiver, chainNames, enclosingFunction, enclosingStatement, functionName, isFunction, outerValue, propertyName, rootIdentifier, stringValue, unwrap, type FunctionNode } from '../analysis/file/ast.js';
import { requireCallAt } from '../analysis/file/imports.js';
import { FileFacts, type ClassifiedWrite } from '../analysis/facts.js';
import type { Role } from '../analysis/lifetime/handlers.js';
import type { SingletonReason } from '../analysis/lifetime/singletons.js';
import { analyse, type FileAnalysis } from '../analysis/index.js';
import type { Lifetime } from '../analysis/lifetime/lifetime.js';
import { fileRouteOf } from '../analysis/lifetime/routes.js';
import { handRolledSessionStores } from '../analysis/findings/session-store.js';
import type { StateKind } from '../analysis/state/state-kind.js';
import { containerOfAnnotation, containerOfValue, MUTATING_METHODS, type Container } from '../analysis/state/place.js';
import { moduleScopeOf, WriteCollector, type StateWrite } from '../analysis/state/writes.js';

/**
 * What the whole-project audit needs from one file's analysis, as plain data that crosses a worker
 * boundary: the file's entry points (request handlers, found by the framework adapters), its
 * module state with every classified write and every read, its imports and what it does with
 * them, its classes' field writes, and which piece of state each reported node belongs to.
 *
 * Functions are named by a {@link FunctionKey}: where the body starts and where the function ends,
 * offsets that any parser of the same text agrees on, so the audit can match them with the
 * TypeScript program that resolves references across files.
 */
export type FunctionKey = string;

/** A position as ESLint reports it: 1-based line and 1-based column. */
export interface Site {
  readonly line: number;
  readonly column: number;
}

export interface EntryPointFact extends Site {
  readonly fn: FunctionKey;
  /** `POST /jobs`, `GET /api/orders`, `Query.book`, when the code names the route. */
  readonly label: string | undefined;
  readonly framework: string | undefined;
  /** The function's own name, or how it is registered (`app.use`), for handlers without a route. */
  readonly name: string | undefined;
}

export type WriteLifetime = Lifetime | 'background';

export interface WriteFact extends Site {
  /** The function the write sits in; undefined at top level. */
  readonly fn: FunctionKey | undefined;
  readonly lifetime: WriteLifetime;
  readonly leak: boolean;
  /** Lazy initialisation of a resource, or a resource slot: never state. */
  readonly lazyInit: boolean;
  readonly excused: boolean;
  readonly keyedByRequest: boolean;
  readonly increments: boolean;
}

/** A value passed where the framework expects a handler (`router.get('/cart', viewCart)`, `app.use(limiter)`). */
export interface RegistrationFact extends Site {
  readonly label: string | undefined;
  readonly framework: string;
  /** The registering call (`app.use`), for registrations without a route. */
  readonly via: string | undefined;
}

export interface BindingFact extends Site {
  readonly name: string;
  /** Offset of the declared name; `export default new X()` has the offset of `new`. */
  readonly offset: number;
  /** False for a variable of a function that runs once, captured by the functions nested in it. */
  readonly topLevel: boolean;
  readonly container: Container;
  /** The kind of state, when this file writes the binding after startup. */
  readonly kind: StateKind | undefined;
  readonly exported: readonly string[];
  /** `const service = new Service()`: offset of the class name, and the name. */
  readonly instanceOf: { readonly offset: number; readonly name: string } | undefined;
  readonly writes: readonly WriteFact[];
  /** Functions that read the binding (a mutating method call is a write, not a read). */
  readonly reads: readonly FunctionKey[];
  readonly registrations: readonly RegistrationFact[];
}

/** Containers whose writes depend on what the imported binding holds. */
export type ImportedContainer = 'array' | 'map' | 'set' | 'object';
export const IMPORTED_CONTAINERS: readonly ImportedContainer[] = ['array', 'map', 'set', 'object'];

export interface ImportFact extends Site {
  readonly local: string;
  /** Offset of the local name in the import (or `require`) declaration. */
  readonly offset: number;
  readonly source: string | undefined;
  /** Writes judged without knowing what the import holds (`stats.hits++`, `config.mode = …`). */
  readonly writes: readonly WriteFact[];
  /** Further writes for each container the import may turn out to hold (`jobs.push(…)` on an array). */
  readonly containerWrites: Readonly<Partial<Record<ImportedContainer, readonly WriteFact[]>>>;
  readonly reads: readonly FunctionKey[];
  readonly registrations: readonly RegistrationFact[];
}

export interface GlobalWriteFact extends WriteFact {
  /** `globalThis.currentUser`, `process.env.TZ`. */
  readonly name: string;
}

export interface FieldWriteFact extends WriteFact {
  readonly field: string;
}

export interface ClassFact extends Site {
  readonly name: string;
  /** Offset of the class body's `{`, the same in every parser's tree. */
  readonly offset: number;
  /** Why one instance serves every request, when this file alone shows it. */
  readonly singleton: SingletonReason | undefined;
  readonly framework: string | undefined;
  readonly fieldWrites: readonly FieldWriteFact[];
}

/** The piece of state a reported node belongs to. */
export type PlaceFact =
  | { readonly type: 'binding'; readonly name: string; readonly offset: number }
  | { readonly type: 'import'; readonly local: string; readonly offset: number }
  | { readonly type: 'global'; readonly name: string }
  | { readonly type: 'field'; readonly className: string; readonly classOffset: number; readonly field: string }
  | {
      readonly type: 'store';
      readonly store: StoreKind;
      /** The code as the rule quotes it: "`session()` without `store`". */
      readonly found: string;
      readonly advice: string;
      /** Offset of the top-level binding that holds the store, if one does. */
      readonly binding: number | undefined;
      /** Where the store itself is registered as middleware (`app.use(session(…))`). */
      readonly registration: RegistrationFact | undefined;
    };

/** Something the rules report only in server files, found in a file that imports no web framework. */
export interface ServerOnlyFact extends Site {
  readonly kind: StoreKind | 'timer';
  /** The code as the rules word it: "`new Database(…)` from `better-sqlite3`". */
  readonly found: string;
  readonly advice: string | undefined;
}

export interface FileEntryPoints {
  /** The file runs in the browser (`'use client'`): nothing in it is server state. */
  readonly browser: boolean;
  /** The file imports a web framework. */
  readonly serverFile: boolean;
  /**
   * In a file that imports no web framework, what the rules report in server files only (an
   * in-memory store, a local database, uploads on disk, a scheduled job): state of the service as
   * soon as the audit sees a server file import the file. Empty in server files.
   */
  readonly serverOnly: readonly ServerOnlyFact[];
  readonly entryPoints: readonly EntryPointFact[];
  readonly bindings: readonly BindingFact[];
  readonly imports: readonly ImportFact[];
  readonly globals: readonly GlobalWriteFact[];
  readonly classes: readonly ClassFact[];
  /** `line:column` of a node a rule may report → the state it belongs to. */
  readonly places: Readonly<Record<string, PlaceFact>>;
}

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** How many option objects and calls are climbed from a reference to the registration it is part of. */
const REGISTRATION_DEPTH = 5;

export function functionKey(fn: FunctionNode): FunctionKey {
  return `${fn.body.range[0]}:${fn.range[1]}`;
}

function site(node: TSESTree.Node): Site {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

function siteKey(node: TSESTree.Node): string {
  return `${node.loc.start.line}:${node.loc.start.column + 1}`;
}

const EMPTY: FileEntryPoints = { browser: true, serverFile: false, serverOnly: [], entryPoints: [], bindings: [], imports: [], globals: [], classes: [], places: {} };

/**
 * Describes one file for the audit. `functions` and `classes` are the nodes ESLint's traversal met,
 * so that no second walk of the tree is needed. Every judgement comes from the same analysis the
 * rules use ({@link FileFacts}, the store table, the route index, the singleton analysis).
 */
export function describeFile(context: RuleContext, functions: readonly FunctionNode[], classes: readonly ClassNode[]): FileEntryPoints {
  const analysis = analyse(context);
  if (analysis.facts.outsideService) return EMPTY;
  return new FileDescriber(context, analysis).describe(functions, classes);
}

class FileDescriber {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly places: Record<string, PlaceFact> = {};
  private readonly fileRoute: ReturnType<typeof fileRouteOf>;

  private readonly facts: FileFacts;

  constructor(
    private readonly context: RuleContext,
    private readonly analysis: FileAnalysis,
  ) {
    this.facts = analysis.facts;
    this.sourceCode = context.sourceCode;
    this.fileRoute = fileRouteOf(context.filename);
  }

  describe(functions: readonly FunctionNode[], classes: readonly ClassNode[]): FileEntryPoints {
    const entryPoints = this.entryPoints(functions);
    const storeHolders = this.stores();
    const { bindings, imports } = this.bindings(storeHolders);
    const globals = this.globals();
    const classFacts = this.classes(classes);
    const serverFile = this.facts.servesRequests;
    return { browser: false, serverFile, serverOnly: serverFile ? [] : this.serverOnly(), entryPoints, bindings, imports, globals, classes: classFacts, places: this.places };
  }

  /** What the rules' server-file gate holds back in this file (see `FileEntryPoints.serverOnly`); per-instance caches are left out, as by default. */
  private serverOnly(): ServerOnlyFact[] {
    const result: ServerOnlyFact[] = [];
    for (const use of this.analysis.storeUses) {
      if (use.serverFilesOnly && use.kind !== 'cache') result.push({ ...site(use.node), kind: use.kind, found: use.found, advice: use.entry.advice });
    }
    for (const finding of this.analysis.localFiles) {
      if (finding.serverFile || (finding.kind !== 'database' && finding.kind !== 'upload')) continue;
      result.push({ ...site(finding.node), kind: finding.kind === 'database' ? 'local-db' : 'upload', found: finding.found, advice: finding.advice });
    }
    // Schedulers come from the store table, above; here the `setInterval` jobs.
    for (const finding of this.analysis.timers) {
      if (!finding.serverFile && (finding.kind === 'interval' || finding.kind === 'loop')) result.push({ ...site(finding.node), kind: 'timer', found: `\`${finding.timer}\``, advice: undefined });
    }
    return result.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  private entryPoints(functions: readonly FunctionNode[]): EntryPointFact[] {
    const routes = this.facts.routes;
    const result: EntryPointFact[] = [];
    for (const fn of functions) {
      for (const entry of routes.entriesOf(fn)) {
        if (entry.fn !== fn) continue;
        result.push({ ...site(fn), fn: functionKey(fn), label: entry.label, framework: entry.framework, name: displayName(fn) });
      }
    }
    return result;
  }

  private bindings(storeHolders: ReadonlySet<number>): { bindings: BindingFact[]; imports: ImportFact[] } {
    const writesByVariable = new Map<TSESLint.Scope.Variable, ClassifiedWrite[]>();
    for (const write of this.facts.moduleWrites) {
      const variable = write.binding?.variable;
      if (!variable) continue;
      const list = writesByVariable.get(variable) ?? [];
      list.push(write);
      writesByVariable.set(variable, list);
    }
    const bindings: BindingFact[] = [];
    const imports: ImportFact[] = [];
    const moduleScope = moduleScopeOf(this.sourceCode.scopeManager) ?? this.sourceCode.getScope(this.sourceCode.ast);
    const seen = new Set<TSESLint.Scope.Variable>();
    for (const variable of moduleScope.variables) {
      seen.add(variable);
      const def = variable.defs[0];
      if (def?.name.type !== AST_NODE_TYPES.Identifier) continue;
      const writes = writesByVariable.get(variable) ?? [];
      if ((def.type as string) === 'ImportBinding') {
        imports.push(this.importFact(variable, def.name, importSource(def.parent), writes));
        continue;
      }
      if ((def.type as string) !== 'Variable') continue;
      const declarator = def.node;
      const init = declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.id === def.name ? declarator.init ?? undefined : undefined;
      const required = declarator.type === AST_NODE_TYPES.VariableDeclarator ? requireSource(declarator.init) : undefined;
      if (required !== undefined) {
        imports.push(this.importFact(variable, def.name, required, writes));
        continue;
      }
      if (init && isFunction(unwrap(init))) continue;
      const fact = this.bindingFact(variable, def.name, init, writes, true, storeHolders.has(def.name.range[0]));
      if (fact) bindings.push(fact);
    }
    // Variables of run-once functions captured by nested handlers (plugin bodies, `createApp()`).
    for (const [variable, writes] of writesByVariable) {
      if (seen.has(variable)) continue;
      const def = variable.defs[0];
      if (def?.name.type !== AST_NODE_TYPES.Identifier) continue;
      const declarator = def.node;
      const init = declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.id === def.name ? declarator.init ?? undefined : undefined;
      const fact = this.bindingFact(variable, def.name, init, writes, false, false);
      if (fact) bindings.push(fact);
    }
    const defaultInstance = this.defaultInstance();
    if (defaultInstance) bindings.push(defaultInstance);
    return { bindings, imports };
  }

  private bindingFact(
    variable: TSESLint.Scope.Variable,
    id: TSESTree.Identifier,
    init: TSESTree.Expression | undefined,
    writes: readonly ClassifiedWrite[],
    topLevel: boolean,
    holdsStore: boolean,
  ): BindingFact | undefined {
    const exported = this.facts.handlers.localExportNames(variable.name) ?? [];
    const created = init ? unwrap(init) : undefined;
    const instanceOf = created?.type === AST_NODE_TYPES.NewExpression && created.callee.type === AST_NODE_TYPES.Identifier ? { offset: created.callee.range[0], name: created.callee.name } : undefined;
    const registrations = this.registrations(variable);
    // Only state candidates carry their references: written here, exported, registered, a store or an instance.
    if (writes.length === 0 && exported.length === 0 && registrations.length === 0 && !instanceOf && !holdsStore) return undefined;
    let container = containerOfValue(init);
    if (container === 'unknown') container = containerOfAnnotation(id.typeAnnotation?.typeAnnotation);
    const binding = writes[0]?.binding;
    const kind = binding && writes.some((write) => !write.lazyInit && write.lifetime !== 'startup') ? this.facts.kindOf(binding) : undefined;
    const place: PlaceFact = { type: 'binding', name: variable.name, offset: id.range[0] };
    this.places[siteKey(id)] = place;
    const declarator = id.parent;
    if (declarator.type === AST_NODE_TYPES.VariableDeclarator) this.places[siteKey(declarator)] = place;
    for (const write of writes) this.places[siteKey(write.write.node)] = place;
    return {
      ...site(id),
      name: variable.name,
      offset: id.range[0],
      topLevel,
      container: binding?.container ?? container,
      kind,
      exported,
      instanceOf,
      writes: writes.map(writeFact),
      reads: this.reads(variable, writes.map((write) => write.write), place),
      registrations,
    };
  }

  /** `export default new Service()`: a singleton without a local name. */
  private defaultInstance(): BindingFact | undefined {
    for (const statement of this.sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ExportDefaultDeclaration) continue;
      const value = unwrap(statement.declaration);
      if (value.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      return {
        ...site(value),
        name: 'default',
        offset: value.range[0],
        topLevel: true,
        container: 'unknown',
        kind: undefined,
        exported: ['default'],
        instanceOf: { offset: value.callee.range[0], name: value.callee.name },
        writes: [],
        reads: [],
        registrations: [],
      };
    }
    return undefined;
  }

  private importFact(variable: TSESLint.Scope.Variable, id: TSESTree.Identifier, source: string | undefined, writes: readonly ClassifiedWrite[]): ImportFact {
    const place: PlaceFact = { type: 'import', local: variable.name, offset: id.range[0] };
    for (const write of writes) this.places[siteKey(write.write.node)] = place;
    const known = new Set(writes.map((write) => write.write.node));
    const containerWrites: Partial<Record<ImportedContainer, WriteFact[]>> = {};
    const extraWrites: StateWrite[] = [];
    if (variable.references.some(isWriteShaped)) {
      for (const container of IMPORTED_CONTAINERS) {
        const collector = new WriteCollector(this.sourceCode, container);
        for (const reference of variable.references) collector.reference(reference, 0, '');
        const extra = collector.writes.filter((write) => !known.has(write.node));
        if (extra.length === 0) continue;
        extraWrites.push(...extra);
        containerWrites[container] = extra.map((write) => this.containerWriteFact(write));
        for (const write of extra) this.places[siteKey(write.node)] = place;
      }
    }
    return {
      ...site(id),
      local: variable.name,
      offset: id.range[0],
      source,
      writes: writes.map(writeFact),
      containerWrites,
      reads: this.reads(variable, [...writes.map((write) => write.write), ...extraWrites], place),
      registrations: this.registrations(variable),
    };
  }

  /** A mutating method call on an import: classified as the file's own writes are, where the kind of write allows. */
  private containerWriteFact(write: StateWrite): WriteFact {
    const fn = enclosingFunction(write.node);
    return {
      ...site(write.node),
      fn: fn ? functionKey(fn) : undefined,
      lifetime: this.facts.lifetimes.ofNode(write.node),
      leak: false,
      lazyInit: false,
      excused: this.facts.annotations.excuses(enclosingStatement(write.node)),
      keyedByRequest: write.key !== undefined && this.facts.requestData.isDerived(write.key),
      increments: write.increments,
    };
  }

  /** Functions that read the binding; every reference is a place too, for rules that report where state is read. */
  private reads(variable: TSESLint.Scope.Variable, writes: readonly StateWrite[], place: PlaceFact): FunctionKey[] {
    const roots = new Set<TSESTree.Node>();
    for (const write of writes) {
      const root = writeRoot(write.node);
      if (root) roots.add(root);
    }
    const keys = new Set<FunctionKey>();
    for (const reference of variable.references) {
      if (reference.init === true) continue;
      this.places[siteKey(reference.identifier)] ??= place;
      if (reference.isWrite() || roots.has(reference.identifier)) continue;
      const fn = enclosingFunction(reference.identifier);
      if (fn) keys.add(functionKey(fn));
    }
    return [...keys];
  }

  private registrations(variable: TSESLint.Scope.Variable): RegistrationFact[] {
    const result: RegistrationFact[] = [];
    for (const reference of variable.references) {
      if (reference.init === true || reference.isWrite()) continue;
      const registration = this.registrationOf(reference.identifier);
      if (registration) result.push(registration);
    }
    return result;
  }

  /**
   * The registration a reference takes part in: passed as a handler itself (`app.post('/login',
   * limiter, …)`) or inside the options of a call that is (`app.use(session({ store })))`.
   */
  private registrationOf(identifier: TSESTree.Node): RegistrationFact | undefined {
    let current = outerValue(identifier);
    for (let depth = 0; depth < REGISTRATION_DEPTH; depth++) {
      const found = this.registration(current);
      if (found) return found;
      const parent = current.parent;
      if (parent?.type === AST_NODE_TYPES.Property && parent.value === current) {
        current = outerValue(parent.parent);
      } else if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
        current = outerValue(parent);
      } else if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee !== current) {
        current = outerValue(parent);
      } else {
        return undefined;
      }
    }
    return undefined;
  }

  private registration(value: TSESTree.Node): RegistrationFact | undefined {
    const role = this.facts.handlers.roleOfValue(value);
    if (role?.kind !== 'request') return undefined;
    const call = registeringCall(value);
    return { ...site(value), label: this.routeLabel(role), framework: role.framework, via: call ? callName(call) : undefined };
  }

  /** The route of a registration, with the path of a file-routed framework's file (`GET` in `app/api/x/route.ts`). */
  private routeLabel(role: Extract<Role, { kind: 'request' }>): string | undefined {
    const label = role.label;
    const fileRoute = this.fileRoute;
    if (!fileRoute) return label;
    if (label !== undefined && (HTTP_EXPORTS.includes(label) || label === 'ALL')) return `${label} ${fileRoute.path}`;
    if (fileRoute.method !== undefined) return `${fileRoute.method} ${fileRoute.path}`;
    return label === undefined ? undefined : `${label} (${fileRoute.path})`;
  }

  private globals(): GlobalWriteFact[] {
    return this.facts.globalWrites.map((write) => {
      this.places[siteKey(write.write.node)] = { type: 'global', name: write.name };
      return { ...writeFact(write), name: write.name };
    });
  }

  private classes(classes: readonly ClassNode[]): ClassFact[] {
    const singletons = this.facts.singletons;
    const result: ClassFact[] = [];
    for (const node of classes) {
      if (!isModuleLevelClass(node)) continue;
      const name = className(node);
      const singleton = singletons.singletonOf(node);
      // Only a class whose methods write `this` can hold state; most classes are read here and skipped cheaply.
      const writes = this.sourceCode.getText(node.body).includes('this.') ? this.facts.classifyFields(singleton ?? { node, name, reason: 'module-instance' }) : [];
      const classOffset = node.body.range[0];
      const fieldWrites: FieldWriteFact[] = [];
      for (const write of writes) {
        this.places[siteKey(write.write.node)] = { type: 'field', className: name, classOffset, field: write.name };
        fieldWrites.push({
          ...site(write.write.node),
          field: write.name,
          fn: write.fn ? functionKey(write.fn) : undefined,
          lifetime: write.lifetime,
          leak: false,
          lazyInit: write.lazyInit,
          excused: write.excused,
          keyedByRequest: write.keyedByRequest,
          increments: write.write.kind === 'update',
        });
      }
      result.push({ ...site(node), name, offset: classOffset, singleton: singleton?.reason, framework: singleton?.framework, fieldWrites });
    }
    return result;
  }

  /** Places of the store table's findings; returns the offsets of the top-level bindings that hold a store. */
  private stores(): Set<number> {
    const holders = new Set<number>();
    for (const use of this.analysis.storeUses) {
      const holder = holdingBinding(use.node);
      if (holder) holders.add(holder.range[0]);
      this.places[siteKey(use.node)] = {
        type: 'store',
        store: use.kind,
        found: use.found,
        advice: use.entry.advice,
        binding: holder?.range[0],
        registration: holder ? undefined : this.registration(use.node),
      };
    }
    for (const store of handRolledSessionStores(this.facts)) {
      const def = store.binding.variable.defs[0];
      if (def?.name.type !== AST_NODE_TYPES.Identifier) continue;
      this.places[siteKey(store.node)] = { type: 'binding', name: store.binding.name, offset: def.name.range[0] };
    }
    return holders;
  }
}

function writeFact(write: ClassifiedWrite): WriteFact {
  return {
    ...site(write.write.node),
    fn: write.fn ? functionKey(write.fn) : undefined,
    lifetime: write.lifetime,
    leak: write.leak,
    lazyInit: write.lazyInit,
    excused: write.excused,
    keyedByRequest: write.keyedByRequest,
    increments: write.write.increments,
  };
}

/** The identifier a write goes through: `carts` in `carts.set(k, v)`, `n` in `n++`. */
function writeRoot(node: TSESTree.Node): TSESTree.Identifier | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return rootIdentifier(node.left);
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.UnaryExpression:
      return rootIdentifier(node.argument);
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && chainNames(callee)[1] !== 'Object' && chainNames(callee)[1] !== 'Reflect') return rootIdentifier(callee.object);
      return node.arguments[0] ? rootIdentifier(node.arguments[0]) : undefined;
    }
    default:
      return node.type === AST_NODE_TYPES.Identifier ? node : undefined;
  }
}

/** A reference whose value may be mutated by a method call: `jobs.set(…)`, `state.items.push(…)`, `Object.assign(config, …)`. */
function isWriteShaped(reference: TSESLint.Scope.Reference): boolean {
  let node: TSESTree.Node = outerValue(reference.identifier);
  for (let depth = 0; depth < 6; depth++) {
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression) return parent.callee !== node;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return false;
    const name = propertyName(parent);
    const call = outerValue(parent).parent;
    if (name !== undefined && MUTATING_METHODS.has(name) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(parent)) return true;
    node = call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(parent) ? call : outerValue(parent);
  }
  return false;
}

function importSource(node: TSESTree.Node | null | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.ImportDeclaration) return node.source.value;
  if (node?.type === AST_NODE_TYPES.TSImportEqualsDeclaration && node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
    const expression = node.moduleReference.expression;
    return typeof expression.value === 'string' ? expression.value : undefined;
  }
  return undefined;
}

/** `require('./x')`, `require('./x').y`: the specifier; undefined for anything else. */
function requireSource(init: TSESTree.Expression | null | undefined): string | undefined {
  return init ? stringValue(requireCallAt(init)?.arguments[0]) : undefined;
}

/** The name a handler is shown by when no route names it. */
function displayName(fn: FunctionNode): string | undefined {
  const parent = outerValue(fn).parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    const owner = parent.parent.parent;
    const method = propertyName(parent);
    const owning = owner.id?.name;
    if (method !== undefined) return owning === undefined ? method : `${owning}.${method}`;
  }
  const own = functionName(fn);
  if (own !== undefined) return own;
  const call = registeringCall(fn);
  return call ? callName(call) : undefined;
}

/** The call a value is an argument of, directly or in an array (`app.get('/x', [auth, handler])`). */
function registeringCall(value: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let outer = outerValue(value);
  if (outer.parent?.type === AST_NODE_TYPES.ArrayExpression) outer = outerValue(outer.parent);
  const parent = outer.parent;
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee !== outer ? parent : undefined;
}

/** `app.use`, `router.get`, `defineEventHandler`. */
function callName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const name = calleeName(call);
  if (name === undefined) return undefined;
  const receiver = calleeReceiver(call);
  const root = receiver ? rootIdentifier(receiver) : undefined;
  return root ? `${root.name}.${name}` : name;
}

function className(node: ClassNode): string {
  if (node.id) return node.id.name;
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  return 'default';
}

/** A class declared at module level (directly, exported, or as a top-level variable's value). */
function isModuleLevelClass(node: ClassNode): boolean {
  const value = outerValue(node);
  const parent = value.parent;
  if (!parent) return false;
  // `export default new (class { … })()`
  if (parent.type === AST_NODE_TYPES.NewExpression) return enclosingFunction(parent) === undefined;
  const statement = parent.type === AST_NODE_TYPES.VariableDeclarator ? parent.parent : value;
  return isTopLevelStatement(statement);
}

function isTopLevelStatement(statement: TSESTree.Node): boolean {
  const holder = statement.parent;
  if (holder?.type === AST_NODE_TYPES.ExportNamedDeclaration || holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return holder.parent.type === AST_NODE_TYPES.Program;
  return holder?.type === AST_NODE_TYPES.Program;
}

/** The name of the top-level variable whose initialiser holds `node` (`export const limiter = rateLimit(…)`). */
function holdingBinding(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let current: TSESTree.Node = node;
  while (current.type !== AST_NODE_TYPES.Program) {
    if (isFunction(current) || current.type === AST_NODE_TYPES.BlockStatement) return undefined;
    if (current.type === AST_NODE_TYPES.VariableDeclarator) {
      return current.id.type === AST_NODE_TYPES.Identifier && isTopLevelStatement(current.parent) ? current.id : undefined;
    }
    current = current.parent;
  }
  return undefined;
}
