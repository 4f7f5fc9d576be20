import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunction, propertyName, rootIdentifier, stringValue, unwrap, type FunctionNode } from './ast.js';

/**
 * What a file imports and exports, read from its top-level statements only (cheap, no walk):
 * the packages it uses (evidence for framework adapters), its directive, and which values it
 * exports under which names (ESM and CommonJS).
 */
export interface ModuleInfo {
  /** Imported specifiers and their package names (`next/server` gives both it and `next`). */
  readonly packages: ReadonlySet<string>;
  /** `'use server'`, `'use client'`, … when the file starts with one. */
  readonly directives: ReadonlySet<string>;
  /** Export names by exported value node (a function, object, class or call). */
  readonly exportsByNode: ReadonlyMap<TSESTree.Node, readonly string[]>;
  /** Export names by local binding name (`export { a as b }`, `module.exports = { a }`). */
  readonly exportsByLocal: ReadonlyMap<string, readonly string[]>;
  /**
   * The modules the file loads when it loads, with the top-level statement that loads each: static
   * imports (not `import type`), re-exports, and `require('…')`/`await import('…')` at the top.
   */
  readonly loads: readonly { readonly statement: TSESTree.ProgramStatement; readonly specifier: string }[];
}

function packageName(specifier: string): string {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (bare.startsWith('@')) return bare.split('/').slice(0, 2).join('/');
  return bare.split('/')[0] ?? bare;
}

function requireSource(node: TSESTree.Node | null | undefined): string | undefined {
  let current = node ? unwrap(node) : undefined;
  // `require('x')`, `require('x').default`, `require('x')(arg)`, `await import('x')`
  for (let i = 0; current && i < 4; i++) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = unwrap(current.argument);
    } else if (current.type === AST_NODE_TYPES.ImportExpression) {
      return stringValue(current.source);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(current.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require') return stringValue(current.arguments[0]);
      current = callee;
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = unwrap(current.object);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** `module.exports` or `exports` itself. */
export function isModuleExportsObject(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'exports';
  return value.type === AST_NODE_TYPES.MemberExpression && unwrap(value.object).type === AST_NODE_TYPES.Identifier && (unwrap(value.object) as TSESTree.Identifier).name === 'module' && propertyName(value) === 'exports';
}

/**
 * A module whose export is a function that hands functions to the object it is given:
 * `module.exports = function (Posts) { const inProgress = {}; Posts.upvote = async function () {…} }`,
 * or `export default function (app) {…}` in that shape. The file that loads it calls it once with a
 * shared object (`require('./votes')(Posts)`), so what the function declares lives as long as the
 * process, as a module's own top-level bindings do, and the functions it attaches are called later
 * from anywhere. A function that only registers routes or plugins attaches nothing.
 */
export function isMixinFactory(fn: FunctionNode): boolean {
  const parent = fn.parent;
  const exported =
    parent.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
    (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === fn && commonJsExportName(parent.left) === 'default');
  if (!exported || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  if (params.size === 0) return false;
  return fn.body.body.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) return false;
    const { left, right, operator } = statement.expression;
    if (operator !== '=' || left.type !== AST_NODE_TYPES.MemberExpression) return false;
    // `Posts.upvote = …`, `User.blocks.is = …`
    const target = rootIdentifier(left.object);
    return target !== undefined && params.has(target.name) && isFunction(unwrap(right));
  });
}

/**
 * `module.exports`, `exports`, `module.exports.x`, `exports.x`: the export name, or 'default'; also
 * `file.x` where `const file = module.exports` (`aliases`).
 */
function commonJsExportName(target: TSESTree.Node, aliases: ReadonlySet<string> = new Set()): string | undefined {
  const node = unwrap(target);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(node.object);
    const name = propertyName(node);
    if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && name === 'exports') return 'default';
    if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'exports' || aliases.has(object.name)) && name !== undefined) return name;
    if (object.type === AST_NODE_TYPES.MemberExpression && commonJsExportName(object) === 'default' && name !== undefined) {
      return name;
    }
  }
  return undefined;
}

const infos = new WeakMap<TSESTree.Program, ModuleInfo>();

/** The module info of a file, read once per AST and shared by every analysis that asks. */
export function readModuleInfo(program: TSESTree.Program): ModuleInfo {
  let info = infos.get(program);
  if (!info) {
    info = computeModuleInfo(program);
    infos.set(program, info);
  }
  return info;
}

function computeModuleInfo(program: TSESTree.Program): ModuleInfo {
  const packages = new Set<string>();
  const directives = new Set<string>();
  const exportsByNode = new Map<TSESTree.Node, string[]>();
  const exportsByLocal = new Map<string, string[]>();

  const loads: { statement: TSESTree.ProgramStatement; specifier: string }[] = [];
  const addPackage = (specifier: string | undefined): void => {
    if (specifier === undefined || specifier.startsWith('.') || specifier.startsWith('/')) return;
    packages.add(specifier);
    packages.add(packageName(specifier));
  };
  const addNode = (node: TSESTree.Node, name: string): void => {
    const value = unwrap(node);
    const list = exportsByNode.get(value) ?? [];
    list.push(name);
    exportsByNode.set(value, list);
  };
  const addLocal = (local: string, name: string): void => {
    const list = exportsByLocal.get(local) ?? [];
    list.push(name);
    exportsByLocal.set(local, list);
  };
  const addObjectExports = (object: TSESTree.ObjectExpression): void => {
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyName(property);
      if (key === undefined) continue;
      const value = unwrap(property.value);
      if (value.type === AST_NODE_TYPES.Identifier) addLocal(value.name, key);
      else addNode(value, key);
    }
  };
  /** Names bound to the module's exports object at the top (`const User = module.exports`). */
  const aliases = new Set<string>();
  const addCommonJs = (assignment: TSESTree.AssignmentExpression): void => {
    const name = commonJsExportName(assignment.left, aliases);
    if (name === undefined) return;
    const value = unwrap(assignment.right);
    if (value.type === AST_NODE_TYPES.Identifier) addLocal(value.name, name);
    else addNode(value, name);
    if (name === 'default' && value.type === AST_NODE_TYPES.ObjectExpression) addObjectExports(value);
  };

  /** A module a top-level statement loads: a package (evidence for adapters) and one of `loads`. */
  const load = (statement: TSESTree.ProgramStatement, specifier: string | undefined): void => {
    addPackage(specifier);
    if (specifier !== undefined) loads.push({ statement, specifier });
  };

  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      if (typeof statement.directive === 'string') {
        directives.add(statement.directive);
        continue;
      }
      const expression = unwrap(statement.expression);
      if (expression.type === AST_NODE_TYPES.AssignmentExpression) {
        addCommonJs(expression);
        // `module.exports = exports = …`
        const right = unwrap(expression.right);
        if (right.type === AST_NODE_TYPES.AssignmentExpression) addCommonJs(right);
      } else {
        load(statement, requireSource(expression));
      }
      continue;
    }
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.importKind === 'type') addPackage(statement.source.value);
      else load(statement, statement.source.value);
      continue;
    }
    if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      if (statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
        load(statement, stringValue(statement.moduleReference.expression));
      }
      continue;
    }
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      load(statement, statement.source.value);
      continue;
    }
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) addLocal(declaration.name, 'default');
      else addNode(declaration, 'default');
      continue;
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.source) {
        load(statement, statement.source.value);
        continue;
      }
      const declaration = statement.declaration;
      if (!declaration) {
        for (const specifier of statement.specifiers) {
          const local = specifier.local.name;
          const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
          addLocal(local, exported);
        }
        continue;
      }
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) {
        if (declaration.id) {
          addNode(declaration, declaration.id.name);
          addLocal(declaration.id.name, declaration.id.name);
        }
      } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
          addLocal(declarator.id.name, declarator.id.name);
          if (declarator.init) {
            addNode(declarator.init, declarator.id.name);
            load(statement, requireSource(declarator.init));
          }
        }
      }
      continue;
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        load(statement, requireSource(declarator.init));
        if (statement.kind === 'const' && declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init && isModuleExportsObject(declarator.init)) aliases.add(declarator.id.name);
      }
    }
  }
  return { packages, directives, exportsByNode, exportsByLocal, loads };
}
