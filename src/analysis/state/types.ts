import { createRequire } from 'node:module';
import path from 'node:path';
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type TS from 'typescript';
import type { FunctionNode } from '../file/ast.js';
import { containerOfTypeName, MUTATING_METHODS, type Container } from './place.js';

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
/** How many statements of another file's function are read before giving up (bounded cost per call). */
const FUNCTION_NODE_BUDGET = 2_000;


/**
 * The module bindings each function writes, per type checker: every file linted with one program
 * shares the answers, and a new program (an edit in the editor) starts afresh.
 */
const writtenByChecker = new WeakMap<TS.TypeChecker, WeakMap<TS.Node, readonly string[]>>();

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

  /**
   * For a call of an imported function: the module bindings of its own file that the function
   * writes directly (one level deep; counters, compound updates, element writes and mutating
   * methods of collections; plain reassignment is left out, since it is usually lazy set-up).
   */
  foreignWriter(callee: TSESTree.Node, importDeclaration?: TSESTree.Node): ForeignWriter | undefined {
    if (importDeclaration && !this.importsProjectFile(importDeclaration)) return undefined;
    const viaImport = this.throughImport(callee, importDeclaration);
    const declaration = viaImport === undefined ? this.resolveDeclaration(callee) : (viaImport ?? undefined);
    if (!declaration) return undefined;
    const fn = functionOf(declaration);
    if (!fn?.body) return undefined;
    const sourceFile = fn.getSourceFile();
    if (!this.isProjectFile(sourceFile) || path.resolve(sourceFile.fileName) === path.resolve(this.filename)) return undefined;
    // What a function writes does not depend on who calls it: read each function once per program.
    let written = writtenByChecker.get(this.checker);
    if (!written) {
      written = new WeakMap();
      writtenByChecker.set(this.checker, written);
    }
    let names = written.get(fn);
    if (!names) {
      names = this.moduleWritesIn(fn.body, sourceFile);
      written.set(fn, names);
    }
    return names.length > 0 ? { file: this.relative(sourceFile.fileName), names } : undefined;
  }

  /** Whether a function's parameters are typed as a framework's request, event or context. */
  hasRequestTypedParam(fn: FunctionNode, requestTypes: ReadonlySet<string>): boolean {
    return fn.params.some((param) => {
      // `id: string`, `items: Item[]`, `opts: { … }`: written types that are never a named request type.
      const annotation = param.type === AST_NODE_TYPES.TSParameterProperty ? undefined : param.typeAnnotation;
      if (annotation && NEVER_NAMED.has(annotation.typeAnnotation.type)) return false;
      const type = this.services.getTypeAtLocation(param);
      const symbol = type.aliasSymbol ?? type.getSymbol();
      if (!symbol || !requestTypes.has(symbol.getName())) return false;
      return (symbol.getDeclarations() ?? []).some((declaration) => declaration.getSourceFile().fileName.includes('/node_modules/'));
    });
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

  /**
   * The declaration an imported callee denotes, read from the import itself: `f` of
   * `import { f } from './m'` through the import specifier, `ns.f` of `import * as ns from './m'`
   * from the module's exports. Unlike asking about the call site, this needs no type checking of
   * the code around the call. Null when the import denotes nothing declared; undefined when the
   * callee has another shape (the call site is asked instead).
   */
  private throughImport(callee: TSESTree.Node, importDeclaration: TSESTree.Node | undefined): TS.Declaration | null | undefined {
    if (importDeclaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const specifier = importDeclaration.specifiers.find((candidate) => candidate.local.name === callee.name);
      if (!specifier || specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return undefined;
      return declarationOf(this.checker, this.checker.getSymbolAtLocation(this.services.esTreeNodeToTSNodeMap.get(specifier.local))) ?? null;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const object = callee.object;
    const name = callee.property.name;
    const specifier = importDeclaration.specifiers.find((candidate) => candidate.local.name === object.name);
    if (!specifier) return undefined;
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
      const module = this.checker.getSymbolAtLocation(this.services.esTreeNodeToTSNodeMap.get(importDeclaration.source));
      return (module ? declarationOf(this.checker, this.checker.tryGetMemberInModuleExports(name, module)) : undefined) ?? null;
    }
    // `logger.error(…)`, `UserService.find(…)`: the member of the imported value's declared type
    // (computed once per imported value and program, where the call site would be checked each time).
    let imported = this.checker.getSymbolAtLocation(this.services.esTreeNodeToTSNodeMap.get(specifier.local));
    if (imported && imported.flags & ts.SymbolFlags.Alias) imported = this.checker.getAliasedSymbol(imported);
    if (!imported) return null;
    return declarationOf(this.checker, this.checker.getPropertyOfType(this.checker.getTypeOfSymbol(imported), name)) ?? null;
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
    const relative = path.relative(path.dirname(this.filename), fileName).replace(/\\/gu, '/');
    return relative.startsWith('.') ? relative : `./${relative}`;
  }

  private moduleWritesIn(body: TS.Node, sourceFile: TS.SourceFile): readonly string[] {
    const names: string[] = [];
    let budget = FUNCTION_NODE_BUDGET;
    const record = (target: TS.Node, needsCollection: boolean): void => {
      let root: TS.Node = target;
      while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root) || ts.isNonNullExpression(root)) {
        root = root.expression;
      }
      if (!ts.isIdentifier(root)) return;
      const symbol = this.checker.getSymbolAtLocation(root);
      const declaration = symbol?.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !isTopLevelVariable(declaration) || declaration.getSourceFile() !== sourceFile) return;
      if (needsCollection && containerOfType(this.checker, this.checker.getTypeAtLocation(declaration.name)) === 'unknown') return;
      if (!names.includes(root.text)) names.push(root.text);
    };
    const visit = (node: TS.Node): void => {
      if (--budget < 0) return;
      if (ts.isBinaryExpression(node)) {
        const operator = node.operatorToken.kind;
        if (operator === ts.SyntaxKind.PlusEqualsToken || operator === ts.SyntaxKind.MinusEqualsToken || operator === ts.SyntaxKind.AsteriskEqualsToken) record(node.left, false);
        else if (operator === ts.SyntaxKind.EqualsToken && !ts.isIdentifier(node.left)) record(node.left, false);
      } else if ((ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
        record(node.operand, false);
      } else if (ts.isDeleteExpression(node)) {
        record(node.expression, false);
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATING_METHODS.has(node.expression.name.text)) {
        record(node.expression.expression, true);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    return names;
  }
}

function isTopLevelVariable(declaration: TS.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
}

function functionOf(declaration: TS.Declaration): TS.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = declaration.initializer;
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
  }
  return undefined;
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

function declarationOf(checker: TS.TypeChecker, found: TS.Symbol | undefined): TS.Declaration | undefined {
  let symbol = found;
  if (!symbol) return undefined;
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol.valueDeclaration ?? symbol.getDeclarations()?.[0];
}
