import path from 'node:path';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import type { FunctionNode } from './ast.js';
import type { Container } from './writes.js';

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

const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);
const ARITHMETIC_ASSIGNMENTS = new Set([ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken]);
/** How many statements of another file's function are read before giving up (bounded cost per call). */
const FUNCTION_NODE_BUDGET = 2_000;

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * What type information adds, when the file is linted with a TypeScript program
 * (`parserOptions.projectService`). Every question has an answer without types too; these only
 * sharpen it. Created only when a program exists.
 */
export class TypeFacts {
  private readonly checker: ts.TypeChecker;
  private readonly writers = new Map<ts.Node, ForeignWriter | null>();

  static of(context: RuleContext): TypeFacts | undefined {
    // Only `@typescript-eslint/parser` with a program provides these; espree provides none.
    const services = context.sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
    const typed = services as ParserServicesWithTypeInformation;
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
  foreignModuleState(identifier: TSESTree.Identifier): ForeignDeclaration | undefined {
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
  foreignWriter(callee: TSESTree.Node): ForeignWriter | undefined {
    const declaration = this.resolveDeclaration(callee);
    if (!declaration) return undefined;
    const fn = functionOf(declaration);
    if (!fn?.body) return undefined;
    const sourceFile = fn.getSourceFile();
    if (!this.isProjectFile(sourceFile) || path.resolve(sourceFile.fileName) === path.resolve(this.filename)) return undefined;
    const cached = this.writers.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    const names = this.moduleWritesIn(fn.body, sourceFile);
    const writer = names.length > 0 ? { file: this.relative(sourceFile.fileName), names } : null;
    this.writers.set(fn, writer);
    return writer ?? undefined;
  }

  /** Whether a function's parameters are typed as a framework's request, event or context. */
  hasRequestTypedParam(fn: FunctionNode, requestTypes: ReadonlySet<string>): boolean {
    return fn.params.some((param) => {
      const type = this.services.getTypeAtLocation(param);
      const symbol = type.aliasSymbol ?? type.getSymbol();
      if (!symbol || !requestTypes.has(symbol.getName())) return false;
      return (symbol.getDeclarations() ?? []).some((declaration) => declaration.getSourceFile().fileName.includes('/node_modules/'));
    });
  }

  private resolveDeclaration(node: TSESTree.Node): ts.Declaration | undefined {
    let symbol = this.services.getSymbolAtLocation(node);
    if (!symbol) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol.valueDeclaration ?? symbol.getDeclarations()?.[0];
  }

  private isProjectFile(sourceFile: ts.SourceFile): boolean {
    return !sourceFile.isDeclarationFile && !sourceFile.fileName.includes('/node_modules/') && !this.services.program.isSourceFileFromExternalLibrary(sourceFile);
  }

  private relative(fileName: string): string {
    const relative = path.relative(path.dirname(this.filename), fileName).replace(/\\/gu, '/');
    return relative.startsWith('.') ? relative : `./${relative}`;
  }

  private moduleWritesIn(body: ts.Node, sourceFile: ts.SourceFile): string[] {
    const names: string[] = [];
    let budget = FUNCTION_NODE_BUDGET;
    const record = (target: ts.Node, needsCollection: boolean): void => {
      let root: ts.Node = target;
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
    const visit = (node: ts.Node): void => {
      if (--budget < 0) return;
      if (ts.isBinaryExpression(node)) {
        const operator = node.operatorToken.kind;
        if (ARITHMETIC_ASSIGNMENTS.has(operator)) record(node.left, false);
        else if (operator === ts.SyntaxKind.EqualsToken && !ts.isIdentifier(node.left)) record(node.left, false);
      } else if ((ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
        record(node.operand, false);
      } else if (ts.isDeleteExpression(node)) {
        record(node.expression, false);
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) {
        record(node.expression.expression, true);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    return names;
  }
}

function isTopLevelVariable(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
}

function functionOf(declaration: ts.Declaration): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const initializer = declaration.initializer;
    if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
  }
  return undefined;
}

function containerOfType(checker: ts.TypeChecker, type: ts.Type): Container {
  const nonNullable = checker.getNonNullableType(type);
  if (checker.isArrayType(nonNullable)) {
    // `readonly T[]` cannot be written; only a mutable array is a collection.
    return nonNullable.getSymbol()?.getName() === 'ReadonlyArray' ? 'unknown' : 'array';
  }
  if (checker.isTupleType(nonNullable)) return 'unknown';
  const name = (nonNullable.aliasSymbol ?? nonNullable.getSymbol())?.getName();
  if (name === 'Map') return 'map';
  if (name === 'Set') return 'set';
  if (name === 'WeakMap' || name === 'WeakSet') return 'weak';
  return 'unknown';
}
