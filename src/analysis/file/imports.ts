import { isBuiltin } from 'node:module';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from './scope-types.js';
import { propertyName, stringValue, unwrap, variableOf } from './ast.js';
import { nodesOfType } from './node-index.js';

/**
 * Where a value comes from: a package (the import specifier as written) and the path from the
 * module's namespace object to the value. `()` in a path is the result of calling what precedes it
 * (`require('memorystore')(session)` is `memorystore` at `default.()`), `new` the instance it makes.
 */
export interface ImportedValue {
  readonly specifier: string;
  /** Candidate paths from the namespace; CommonJS interop gives more than one (`default.X` is also `X`). */
  readonly paths: readonly (readonly string[])[];
}

type Base = { readonly kind: 'namespace' } | { readonly kind: 'default' } | { readonly kind: 'require' } | { readonly kind: 'named'; readonly name: string };

interface Origin {
  readonly specifier: string;
  readonly base: Base;
  readonly path: readonly string[];
}

/** How many alias and member steps are followed before giving up. */
const MAX_DEPTH = 12;

function candidatePaths(origin: Origin): string[][] {
  const path = [...origin.path];
  switch (origin.base.kind) {
    case 'namespace':
      // `import * as rateLimit from 'express-rate-limit'; rateLimit(…)`: called, the namespace of a
      // CommonJS module is the module itself (TypeScript without `esModuleInterop`), its default export.
      return path.length === 0 || path[0] === '()' || path[0] === 'new' ? [path, ['default', ...path]] : [path];
    case 'named':
      return [[origin.base.name, ...path]];
    case 'default':
    case 'require':
      // A CommonJS module is its own default export, and its properties are named exports too.
      return path.length > 0 && path[0] !== '()' && path[0] !== 'new' ? [['default', ...path], path] : [['default', ...path]];
  }
}

/**
 * Import-aware resolution of an expression to the package export it denotes, through ESM default,
 * named and namespace imports, `require` (also `createRequire`'d), destructuring, `import x =
 * require()`, dynamic `import()`, member access, calls of factories, and local aliases whose every
 * assignment resolves to the same export. Per file and scope-manager based; nothing crosses files.
 */
export class ImportResolver {
  private readonly memo = new Map<TSESTree.Node, Origin | null>();
  /**
   * What a local binding denotes depends on the binding alone: worked out once, however many of its
   * references are asked about, and again only when asked with more of the depth budget left.
   */
  private readonly bindings = new Map<TSESLint.Scope.Variable, { readonly origin: Origin | undefined; readonly depth: number }>();
  private readonly resolving = new Set<TSESLint.Scope.Variable>();

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {}

  /** The package export an expression denotes, or undefined when it is not one (or not knowable here). */
  resolve(node: TSESTree.Node): ImportedValue | undefined {
    const origin = this.origin(node, 0);
    return origin ? { specifier: origin.specifier, paths: candidatePaths(origin) } : undefined;
  }

  /**
   * The package export a class's heritage names (`extends session.Store`, `implements SessionStore`):
   * as `resolve`, and through `import type` too, since an interface is only ever imported as a type.
   */
  resolveHeritage(node: TSESTree.Node): ImportedValue | undefined {
    const value = this.resolve(node);
    if (value) return value;
    const path: string[] = [];
    let current = unwrap(node);
    while (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(current);
      if (name === undefined) return undefined;
      path.unshift(name);
      current = unwrap(current.object);
    }
    if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = variableOf(this.sourceCode, current)?.defs[0];
    if (definition?.type !== DefinitionType.ImportBinding) return undefined;
    const origin = importOrigin(definition.node, true);
    return origin ? { specifier: origin.specifier, paths: candidatePaths({ ...origin, path }) } : undefined;
  }

  /** Whether `node` denotes `exportPath` of `specifier` (`['default']`, `['LRUCache']`, `['default', 'MemoryStore']`). */
  denotes(node: TSESTree.Node, specifiers: readonly string[], exportPath: readonly string[]): boolean {
    const value = this.resolve(node);
    if (!value || !specifiers.includes(value.specifier)) return false;
    return value.paths.some((path) => samePath(path, exportPath));
  }

  private origin(node: TSESTree.Node, depth: number): Origin | undefined {
    const cached = this.memo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    if (depth > MAX_DEPTH) return undefined;
    // Cycles (`let a = b; let b = a`) end here as "unknown".
    this.memo.set(node, null);
    const result = this.compute(node, depth);
    this.memo.set(node, result ?? null);
    return result;
  }

  private compute(raw: TSESTree.Node, depth: number): Origin | undefined {
    const node = unwrap(raw);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifierOrigin(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(node);
        if (name === undefined) return undefined;
        const object = this.origin(node.object, depth + 1);
        return object ? { ...object, path: [...object.path, name] } : undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        const required = this.requireSpecifier(node);
        if (required !== undefined) return { specifier: required, base: { kind: 'require' }, path: [] };
        const callee = this.origin(node.callee, depth + 1);
        return callee ? { ...callee, path: [...callee.path, '()'] } : undefined;
      }
      case AST_NODE_TYPES.NewExpression: {
        // `new Hub()`: the instance a class makes, `new` in the path (`Hub.new.join` for `new Hub().join`).
        const callee = this.origin(node.callee, depth + 1);
        return callee ? { ...callee, path: [...callee.path, 'new'] } : undefined;
      }
      case AST_NODE_TYPES.ImportExpression: {
        const specifier = stringValue(node.source);
        return specifier === undefined ? undefined : { specifier, base: { kind: 'namespace' }, path: [] };
      }
      case AST_NODE_TYPES.AwaitExpression: {
        // `await import('x')`; `await getStore()`: what the call returns, as the call itself denotes it.
        const argument = unwrap(node.argument).type;
        return argument === AST_NODE_TYPES.ImportExpression || argument === AST_NODE_TYPES.CallExpression ? this.origin(node.argument, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** `require('x')` with the global `require` or one made by `createRequire`. */
  private requireSpecifier(call: TSESTree.CallExpression): string | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require') return undefined;
    const specifier = stringValue(call.arguments[0]);
    if (specifier === undefined) return undefined;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(callee), callee);
    if (!variable || variable.defs.length === 0) return specifier;
    const def = variable.defs[0];
    if (def?.type === DefinitionType.Variable && def.node.init) {
      const init = unwrap(def.node.init);
      if (init.type === AST_NODE_TYPES.CallExpression) {
        const name = unwrap(init.callee);
        if ((name.type === AST_NODE_TYPES.Identifier && name.name === 'createRequire') || (name.type === AST_NODE_TYPES.MemberExpression && propertyName(name) === 'createRequire')) {
          return specifier;
        }
      }
    }
    return undefined;
  }

  private identifierOrigin(identifier: TSESTree.Identifier, depth: number): Origin | undefined {
    const variable = variableOf(this.sourceCode, identifier);
    if (!variable) return undefined;
    const known = this.bindings.get(variable);
    if (known && known.depth <= depth) return known.origin;
    // A cycle through the binding's own values ends here as "unknown", as the node memo does.
    if (this.resolving.has(variable)) return undefined;
    this.resolving.add(variable);
    try {
      const origin = this.bindingOrigin(variable, depth);
      this.bindings.set(variable, { origin, depth });
      return origin;
    } finally {
      this.resolving.delete(variable);
    }
  }

  private bindingOrigin(variable: TSESLint.Scope.Variable, depth: number): Origin | undefined {
    const def = variable.defs[0];
    if (!def || variable.defs.length > 1) return undefined;
    if (def.type === DefinitionType.ImportBinding) return importOrigin(def.node);
    if (def.type !== DefinitionType.Variable) return undefined;
    const declarator = def.node;
    const pattern = patternPath(def.name, declarator.id);
    if (!pattern) return undefined;
    // Every value the binding is given must denote the same export.
    const sources: TSESTree.Node[] = [];
    if (declarator.init) sources.push(declarator.init);
    for (const reference of variable.references) {
      if (reference.init === true || !reference.isWrite()) continue;
      if (pattern.length > 0 || !reference.writeExpr) return undefined;
      const parent = reference.identifier.parent;
      if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=') return undefined;
      sources.push(reference.writeExpr);
    }
    let found: Origin | undefined;
    for (const source of sources) {
      const origin = this.origin(source, depth + 1);
      if (!origin) return undefined;
      const withPattern = { ...origin, path: [...origin.path, ...pattern] };
      if (found && !sameOrigin(found, withPattern)) return undefined;
      found = withPattern;
    }
    return found;
  }
}

function importOrigin(node: TSESTree.Node, types = false): Origin | undefined {
  if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    if ((node.importKind === 'type' && !types) || node.moduleReference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
    const specifier = stringValue(node.moduleReference.expression);
    return specifier === undefined ? undefined : { specifier, base: { kind: 'require' }, path: [] };
  }
  const declaration = node.parent;
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || (declaration.importKind === 'type' && !types)) return undefined;
  const specifier = declaration.source.value;
  switch (node.type) {
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return { specifier, base: { kind: 'default' }, path: [] };
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { specifier, base: { kind: 'namespace' }, path: [] };
    case AST_NODE_TYPES.ImportSpecifier: {
      if (node.importKind === 'type' && !types) return undefined;
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      return imported === 'default' ? { specifier, base: { kind: 'default' }, path: [] } : { specifier, base: { kind: 'named', name: imported }, path: [] };
    }
    default:
      return undefined;
  }
}

/** The property path from a declarator's pattern to one of its names: `{ a: { b } }` gives `a.b` for `b`. */
function patternPath(name: TSESTree.Node, root: TSESTree.Node): string[] | undefined {
  const path: string[] = [];
  let current: TSESTree.Node = name;
  while (current !== root) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
      const key = propertyName(parent);
      if (key === undefined) return undefined;
      path.unshift(key);
      current = parent.parent;
      continue;
    }
    // `const { a = fallback } = …` still takes `a` from the object when it is there.
    if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      current = parent;
      continue;
    }
    return undefined;
  }
  return path;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}

function sameOrigin(a: Origin, b: Origin): boolean {
  return a.specifier === b.specifier && candidatePaths(a).some((path) => candidatePaths(b).some((other) => samePath(path, other)));
}

const resolvers = new WeakMap<object, ImportResolver>();

/** One resolver per `SourceCode`, shared by every rule that asks. */
export function importResolverFor(sourceCode: Readonly<TSESLint.SourceCode>): ImportResolver {
  let resolver = resolvers.get(sourceCode);
  if (!resolver) {
    resolver = new ImportResolver(sourceCode);
    resolvers.set(sourceCode, resolver);
  }
  return resolver;
}

/**
 * Whether a specifier names an installed package (`express-session`, `@nestjs/throttler/dist/x`),
 * read from its shape: not a path, not a Node built-in, and not one of the shapes projects give
 * their own path aliases (`#lib/x`, `~/x`, `@/x`).
 */
export function isPackageSpecifier(specifier: string): boolean {
  return /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/|$)/iu.test(specifier) && !specifier.startsWith('node:') && !isBuiltin(specifier);
}

const specifiers = new WeakMap<object, ReadonlySet<string>>();

/**
 * Whether the file imports any of `specifiers` in a way the resolver follows: an `import`
 * declaration, `import x = require()`, `require()` or `import()`. A cheap test before resolving the
 * calls of a file against packages: a file that never imports one has nothing that resolves to it.
 */
export function importsAny(sourceCode: Readonly<TSESLint.SourceCode>, specifiers: readonly string[]): boolean {
  const imported = importedSpecifiers(sourceCode);
  return specifiers.some((specifier) => imported.has(specifier));
}

/** Every specifier the file imports in a way the resolver follows (see `importsAny`). */
export function importedSpecifiers(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<string> {
  let found = specifiers.get(sourceCode);
  if (!found) {
    const names = new Set<string>();
    for (const statement of sourceCode.ast.body) {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) names.add(statement.source.value);
      else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
        const name = stringValue(statement.moduleReference.expression);
        if (name !== undefined) names.add(name);
      }
    }
    for (const call of nodesOfType(sourceCode, AST_NODE_TYPES.CallExpression)) {
      const callee = unwrap(call.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require' ? stringValue(call.arguments[0]) : undefined;
      if (name !== undefined) names.add(name);
    }
    for (const expression of nodesOfType(sourceCode, AST_NODE_TYPES.ImportExpression)) {
      const name = stringValue(expression.source);
      if (name !== undefined) names.add(name);
    }
    found = names;
    specifiers.set(sourceCode, found);
  }
  return found;
}

/** The class that a same-file class extends, for `new Bus()` after `class Bus extends EventEmitter {}`. */
export function superClassOf(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): TSESTree.Node | undefined {
  const value = unwrap(callee);
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(value), value)?.defs[0];
  if (def?.type !== DefinitionType.ClassName) return undefined;
  return def.node.superClass ?? undefined;
}

/**
 * The `require(…)` call at the root of an expression (`require('./db')`, `require('./db').items`),
 * read from its shape alone: what a file's imports are before any scope is consulted.
 */
export function requireCallAt(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.Identifier && current.callee.name === 'require' && current.arguments.length === 1 ? current : undefined;
}
