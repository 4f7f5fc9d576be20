import { createRequire } from 'node:module';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type TS from 'typescript';
import { relativeFile, type FunctionNode } from '../file/ast.js';
import { containerOfTypeName, type Container } from './place.js';
import type { StateKind } from './state-kind.js';

/** Where a piece of module state is declared in another file of the project. */
export interface ForeignDeclaration {
  /** The declaring file, relative to the linted file's directory (`./cache.ts`). */
  readonly file: string;
  readonly line: number;
  readonly container: Container;
}

/** A function of another file that writes that file's module state. */
export interface ForeignWriter {
  readonly file: string;
  /** The module bindings it writes, in source order. */
  readonly names: readonly string[];
  /** Where each is declared and what it holds, when the writer was read from a summary (aligned with `names`). */
  readonly lines?: readonly number[];
  readonly kinds?: readonly StateKind[];
  /** The file of each, relative like `file` (a function may write state of the files it calls into). */
  readonly files?: readonly string[];
  /** Where each is declared (absolute file) and its name there (`Realm.peers` for a field), for tools that list state once. */
  readonly declarations?: readonly { readonly file: string; readonly line: number; readonly name: string }[];
}

/** Per program: whether a type name's symbol is an interface, class or enum of the project's own files (`namesProjectType`). */
const projectTypes = new WeakMap<TS.Program, Map<TS.Symbol, boolean>>();

function projectTypeCache(program: TS.Program): Map<TS.Symbol, boolean> {
  let cache = projectTypes.get(program);
  if (!cache) {
    cache = new Map();
    projectTypes.set(program, cache);
  }
  return cache;
}

/**
 * `typescript`, loaded with `require` the first time a file comes with a program. A static `import`
 * would make Node's ES module loader scan the whole CommonJS bundle for named exports (most of a
 * second) every time the plugin loads, program or not; `require` skips that scan.
 */
let ts: typeof TS;
const requireTypeScript = createRequire(import.meta.url);

/** Annotations whose type has no name of its own, so it is never one of the framework request types. */
const NEVER_NAMED: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSSymbolKeyword,
  AST_NODE_TYPES.TSAnyKeyword,
  AST_NODE_TYPES.TSUnknownKeyword,
  AST_NODE_TYPES.TSNeverKeyword,
  AST_NODE_TYPES.TSVoidKeyword,
  AST_NODE_TYPES.TSUndefinedKeyword,
  AST_NODE_TYPES.TSNullKeyword,
  AST_NODE_TYPES.TSObjectKeyword,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSArrayType,
  AST_NODE_TYPES.TSTupleType,
  AST_NODE_TYPES.TSTypeLiteral,
  AST_NODE_TYPES.TSFunctionType,
  AST_NODE_TYPES.TSConstructorType,
]);
/**
 * What type information adds, when the file is linted with a TypeScript program
 * (`parserOptions.projectService`). Every question has an answer without types too; these only
 * sharpen it. Created only when a program exists.
 */
export class TypeFacts {
  private readonly checker: TS.TypeChecker;
  private readonly projectImports = new Map<TSESTree.Node, boolean>();

  static of(context: { readonly sourceCode: Readonly<TSESLint.SourceCode> }): TypeFacts | undefined {
    // Only `@typescript-eslint/parser` with a program provides these; espree provides none.
    const services = context.sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
    const typed = services as ParserServicesWithTypeInformation;
    // `require` answers from its cache after the first time.
    ts = requireTypeScript('typescript') as typeof TS;
    // The path the program knows the file by (absolute), which `context.filename` need not be.
    const fileName = typed.esTreeNodeToTSNodeMap.get(context.sourceCode.ast).fileName;
    return new TypeFacts(typed, fileName);
  }

  private constructor(
    private readonly services: ParserServicesWithTypeInformation,
    private readonly filename: string,
  ) {
    this.checker = services.program.getTypeChecker();
  }

  /** `Map`, `Set` or array from a binding's type (a factory's return type, an annotation elsewhere). */
  containerOf(node: TSESTree.Node): Container {
    const type = this.services.getTypeAtLocation(node);
    return containerOfType(this.checker, type);
  }

  /**
   * For an imported binding: its declaration, when that is a top-level `let`/`var`/`const` of
   * another project file (not a declaration file, not a package).
   */
  foreignModuleState(identifier: TSESTree.Identifier, importDeclaration?: TSESTree.Node): ForeignDeclaration | undefined {
    if (importDeclaration && !this.importsProjectFile(importDeclaration)) return undefined;
    const declaration = this.resolveDeclaration(identifier);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !isTopLevelVariable(declaration)) return undefined;
    const sourceFile = declaration.getSourceFile();
    if (!this.isProjectFile(sourceFile)) return undefined;
    const line = sourceFile.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
    const container = containerOfType(this.checker, this.checker.getTypeAtLocation(declaration.name));
    return { file: this.relative(sourceFile.fileName), line, container };
  }

  /** Whether a function's parameters are typed as a framework's request, event or context. */
  hasRequestTypedParam(fn: FunctionNode, requestTypes: ReadonlySet<string>): boolean {
    return fn.params.some((param) => {
      // `id: string`, `items: Item[]`, `opts: { … }`: written types that are never a named request type.
      const annotation = param.type === AST_NODE_TYPES.TSParameterProperty ? undefined : param.typeAnnotation;
      if (annotation && NEVER_NAMED.has(annotation.typeAnnotation.type)) return false;
      // `input: CreateCartDTO`: an interface, class or enum of the project is never a package's request type.
      if (annotation && this.namesProjectType(annotation.typeAnnotation)) return false;
      const type = this.services.getTypeAtLocation(param);
      const symbol = type.aliasSymbol ?? type.getSymbol();
      if (!symbol || !requestTypes.has(symbol.getName())) return false;
      return (symbol.getDeclarations() ?? []).some((declaration) => declaration.getSourceFile().fileName.includes('/node_modules/'));
    });
  }

  /**
   * Whether a written type (`CreateCartDTO`, `models.Cart`, without type arguments) names an
   * interface, class or enum declared in the project's own files only, or names nothing that
   * resolves: then the type's symbol is that declaration's, or there is none, and no package's
   * request type. Asks the checker for the name's symbol, far cheaper than for the parameter's
   * type; the answer depends on the declaration alone, so it is kept per program.
   */
  private namesProjectType(typeNode: TSESTree.TypeNode): boolean {
    if (typeNode.type !== AST_NODE_TYPES.TSTypeReference || typeNode.typeArguments) return false;
    const reference = this.services.esTreeNodeToTSNodeMap.get(typeNode) as TS.Node;
    if (!ts.isTypeReferenceNode(reference)) return false;
    let symbol = this.checker.getSymbolAtLocation(reference.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    // An unresolved name: the parameter's type is the error type, which has no symbol.
    if (!symbol || symbol.flags & ts.SymbolFlags.Alias) return !symbol;
    const cache = projectTypeCache(this.services.program);
    let answer = cache.get(symbol);
    if (answer === undefined) {
      const declarations = symbol.getDeclarations() ?? [];
      answer =
        (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.Enum)) !== 0 &&
        (symbol.flags & ts.SymbolFlags.TypeAlias) === 0 &&
        declarations.length > 0 &&
        declarations.every((declaration) => !declaration.getSourceFile().fileName.includes('/node_modules/'));
      cache.set(symbol, answer);
    }
    return answer;
  }

  /**
   * Whether an import declaration's module is a file of this project. When it is a package's types,
   * or does not resolve, nothing the import names is this project's module state or writes it. Asks
   * the checker for the module once per declaration, far cheaper than resolving each imported name.
   */
  private importsProjectFile(declaration: TSESTree.Node): boolean {
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return true;
    let answer = this.projectImports.get(declaration);
    if (answer === undefined) {
      const specifier = this.services.esTreeNodeToTSNodeMap.get(declaration.source);
      const module = this.checker.getSymbolAtLocation(specifier);
      const file = module?.valueDeclaration;
      answer = file !== undefined && ts.isSourceFile(file) && this.isProjectFile(file);
      this.projectImports.set(declaration, answer);
    }
    return answer;
  }

  private resolveDeclaration(node: TSESTree.Node): TS.Declaration | undefined {
    let symbol = this.services.getSymbolAtLocation(node);
    if (!symbol) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol.valueDeclaration ?? symbol.getDeclarations()?.[0];
  }

  private isProjectFile(sourceFile: TS.SourceFile): boolean {
    return !sourceFile.isDeclarationFile && !sourceFile.fileName.includes('/node_modules/') && !this.services.program.isSourceFileFromExternalLibrary(sourceFile);
  }

  private relative(fileName: string): string {
    return relativeFile(this.filename, fileName);
  }

}

function isTopLevelVariable(declaration: TS.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
}

function containerOfType(checker: TS.TypeChecker, type: TS.Type): Container {
  const nonNullable = checker.getNonNullableType(type);
  if (checker.isArrayType(nonNullable)) return 'array';
  if (checker.isTupleType(nonNullable)) return 'unknown';
  const name = (nonNullable.aliasSymbol ?? nonNullable.getSymbol())?.getName();
  const container = name === undefined ? undefined : containerOfTypeName(name);
  // A named object type says nothing about its fields: only collections and weak maps count.
  return container === undefined || container === 'object' ? 'unknown' : container;
}

