import path from 'node:path';
import type TS from 'typescript';
import { ts } from './typescript.js';
import type { FileEntryPoints, FunctionKey } from './describe-file.js';
import { programPath } from './program.js';

export type FunctionLike =
  | TS.FunctionDeclaration
  | TS.FunctionExpression
  | TS.ArrowFunction
  | TS.MethodDeclaration
  | TS.ConstructorDeclaration
  | TS.GetAccessorDeclaration
  | TS.SetAccessorDeclaration;

/** What a name in one file denotes in the project. */
export type Declared =
  /** A top-level variable (or `export default <value>`): `offset` is where its name (or value) starts. */
  | { readonly kind: 'binding'; readonly file: string; readonly offset: number }
  | { readonly kind: 'function'; readonly node: FunctionLike }
  /** `offset` is the class body's `{`. */
  | { readonly kind: 'class'; readonly file: string; readonly offset: number };

/** How many functions one handler's reach may hold: deep utility layers add nothing but cost. */
const REACH_BUDGET = 4_000;
/** How many re-export and assignment hops are followed from a name to its declaration. */
const MAX_HOPS = 8;

function isFunctionLike(node: TS.Node): node is FunctionLike {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node)) &&
    node.body !== undefined
  );
}

function skipOuter(node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || isSatisfies(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

function isTopLevelVariable(declaration: TS.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
}

/**
 * Calls `visit` on every node below `node`, in source order, without recursion: a file whose tree
 * is thousands of levels deep (generated code, a long `a || b || …` chain) cannot overflow the stack.
 * `visit` returns false to leave a node's children out.
 */
function walk(node: TS.Node, visit: (node: TS.Node) => boolean | undefined): void {
  const stack: TS.Node[] = [];
  const push = (parent: TS.Node): void => {
    const children: TS.Node[] = [];
    ts.forEachChild(parent, (child) => {
      children.push(child);
    });
    // A loop, not a spread: an array literal of a generated file can have more elements than a call takes arguments.
    for (const child of children.reverse()) stack.push(child);
  };
  push(node);
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (visit(current) !== false) push(current);
  }
}

/** How many callers up `startupOnly` follows a function's calls (`initConfig` ← `main` ← module code is one). */
const MAX_CALLER_DEPTH = 4;

function enclosingFunctionLike(node: TS.Node): FunctionLike | undefined {
  for (let current = node; !ts.isSourceFile(current); current = current.parent) if (isFunctionLike(current)) return current;
  return undefined;
}

/** The name of a function declared at the top of its module: `function name() {}` or `const name = () => …`. */
function topLevelName(fn: FunctionLike): TS.Identifier | undefined {
  if (ts.isFunctionDeclaration(fn)) return ts.isSourceFile(fn.parent) && fn.name ? fn.name : undefined;
  const declaration = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(declaration) && declaration.initializer === fn && isTopLevelVariable(declaration) && ts.isIdentifier(declaration.name)) {
    return declaration.name;
  }
  return undefined;
}

/**
 * The function a call runs in, for `startupOnly`: null for module code (an immediately called
 * function at the top counts as module code), otherwise the enclosing function.
 */
function startupCaller(call: TS.CallExpression): FunctionLike | null | undefined {
  let fn = enclosingFunctionLike(call);
  // `(async () => { … })()`, `void (async function () { … })()` at the top of a module.
  while (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
    let outer: TS.Node = fn.parent;
    while (ts.isParenthesizedExpression(outer)) outer = outer.parent;
    if (!ts.isCallExpression(outer) || skipOuter(outer.expression) !== fn) break;
    const next = enclosingFunctionLike(outer);
    if (!next) return null;
    fn = next;
  }
  return fn ?? null;
}

/** TypeScript 4.8 has no `satisfies`. */
function isSatisfies(node: TS.Node): node is TS.AsExpression {
  return (ts as { isSatisfiesExpression?: (node: TS.Node) => boolean }).isSatisfiesExpression?.(node) === true;
}

/**
 * The project's cross-file structure, answered from a TypeScript program: what an imported name
 * denotes, which functions a function calls (through imports, re-exports, object methods, class
 * methods and `this`), and which functions a handler reaches.
 */
export class CrossFileGraph {
  private readonly functionIndex = new Map<string, Map<FunctionKey, FunctionLike>>();
  private readonly callees = new Map<FunctionLike, readonly FunctionLike[]>();
  private readonly declarations = new Map<string, Declared | null>();
  private readonly analysed: ReadonlySet<string>;

  constructor(
    private readonly program: TS.Program,
    private readonly checker: TS.TypeChecker,
    analysedFiles: Iterable<string>,
  ) {
    this.analysed = new Set([...analysedFiles].map(programPath));
  }

  /**
   * Which of these positions the whole program shows to run only while the service starts: each is
   * in a function declared at the top of its module (`function initConfig()`, `const setup = () =>
   * …`) whose every use in the program is a call from module code, or from another such function (a
   * few levels up: `main()` called at the top of `app.ts`). A function handed on as a value (to a
   * framework, a timer), called nowhere, or called from a handler is not shown to. Calls in the files
   * `ignoreCallsIn` accepts (test files) do not count. The answer maps each position's key
   * (`file:line:column`) to the name of the function that settles it.
   */
  startupOnly(positions: readonly { readonly file: string; readonly line: number; readonly column: number }[], ignoreCallsIn: (file: string) => boolean): Map<string, string> {
    const result = new Map<string, string>();
    const candidates: { key: string; fn: FunctionLike; name: TS.Identifier }[] = [];
    for (const position of positions) {
      const fn = this.functionAround(position.file, position.line, position.column);
      const name = fn ? topLevelName(fn) : undefined;
      if (fn && name) candidates.push({ key: `${position.file}:${String(position.line)}:${String(position.column)}`, fn, name });
    }
    if (candidates.length === 0) return result;
    const references = this.referencesByName();
    const proven = new Map<FunctionLike, boolean>();
    const onlyAtStartup = (fn: FunctionLike, name: TS.Identifier, depth: number): boolean => {
      const known = proven.get(fn);
      if (known !== undefined) return known;
      // Assumed while it is being shown: a function that calls itself adds no caller of its own.
      proven.set(fn, true);
      const symbol = this.resolvedSymbol(name);
      let calls = 0;
      let only = symbol !== undefined && depth <= MAX_CALLER_DEPTH;
      for (const reference of only ? (references.get(name.text) ?? []) : []) {
        if (reference === name || this.resolvedSymbol(reference) !== symbol) continue;
        const parent = reference.parent;
        // An import or export of the name is no use of it.
        if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent) || ts.isExportAssignment(parent)) continue;
        if (ignoreCallsIn(reference.getSourceFile().fileName)) continue;
        const callee = ts.isPropertyAccessExpression(parent) && parent.name === reference ? parent : reference;
        const call = callee.parent;
        if (!ts.isCallExpression(call) || skipOuter(call.expression) !== callee) {
          only = false;
          break;
        }
        calls += 1;
        const caller = startupCaller(call);
        if (caller === null) continue;
        const callerName = caller ? topLevelName(caller) : undefined;
        if (!caller || !callerName || !onlyAtStartup(caller, callerName, depth + 1)) {
          only = false;
          break;
        }
      }
      const answer = only && calls > 0;
      proven.set(fn, answer);
      return answer;
    };
    for (const { key, fn, name } of candidates) if (onlyAtStartup(fn, name, 0)) result.set(key, name.text);
    return result;
  }

  /**
   * Which of these positions lie in a function declared at the top of its module that nothing in the
   * program uses: no call, no reference besides its imports and named exports (a worker that
   * imports `startDigest` and has its call commented out). A job there never starts. An export that
   * no file imports may be called from outside the project (a Lambda handler, another package), and
   * a default export under another name: both are taken as used. The answer maps each such position
   * to the function's name.
   */
  neverCalled(positions: readonly { readonly file: string; readonly line: number; readonly column: number }[], ignoreUsesIn: (file: string) => boolean): Map<string, string> {
    const result = new Map<string, string>();
    const references = this.referencesByName();
    for (const position of positions) {
      const fn = this.functionAround(position.file, position.line, position.column);
      const name = fn ? topLevelName(fn) : undefined;
      const symbol = name ? this.resolvedSymbol(name) : undefined;
      // A default export is called under another name (`(await import('./cron')).default()`).
      if (!fn || !name || !symbol || (ts.isFunctionDeclaration(fn) && ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Default)) continue;
      let exported = (ts.getCombinedModifierFlags(ts.isVariableDeclaration(fn.parent) ? fn.parent : fn) & ts.ModifierFlags.Export) !== 0;
      let imported = false;
      let used = false;
      for (const reference of references.get(name.text) ?? []) {
        if (reference === name || ignoreUsesIn(reference.getSourceFile().fileName)) continue;
        const parent = reference.parent;
        if (ts.isExportSpecifier(parent)) exported = true;
        else if (ts.isImportSpecifier(parent) || ts.isImportClause(parent)) imported ||= this.resolvedSymbol(reference) === symbol;
        else used ||= ts.isExportAssignment(parent) || this.resolvedSymbol(reference) === symbol;
        if (used) break;
      }
      // An export no file of the project imports may be called from outside it: a platform's handler, another package.
      if (!used && (!exported || imported)) result.set(`${position.file}:${String(position.line)}:${String(position.column)}`, name.text);
    }
    return result;
  }

  private referencesValue: Map<string, TS.Identifier[]> | undefined;

  /** Every identifier of the analysed files, by its text: one walk, for all the questions of `startupOnly`. */
  private referencesByName(): Map<string, TS.Identifier[]> {
    if (this.referencesValue) return this.referencesValue;
    const byName = new Map<string, TS.Identifier[]>();
    for (const sourceFile of this.program.getSourceFiles()) {
      if (!this.analysed.has(sourceFile.fileName)) continue;
      walk(sourceFile, (node) => {
        if (ts.isIdentifier(node)) {
          const list = byName.get(node.text);
          if (list) list.push(node);
          else byName.set(node.text, [node]);
        }
        return true;
      });
    }
    this.referencesValue = byName;
    return byName;
  }

  /** The symbol a name denotes, through imports and re-exports. */
  private resolvedSymbol(name: TS.Identifier): TS.Symbol | undefined {
    const symbol = this.checker.getSymbolAtLocation(name);
    if (!symbol) return undefined;
    return symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  /** The function of `file` with this key (body start and end offsets), if the program has it. */
  functionAt(file: string, key: FunctionKey): FunctionLike | undefined {
    const fileName = programPath(file);
    let index = this.functionIndex.get(fileName);
    if (!index) {
      index = new Map();
      const sourceFile = this.program.getSourceFile(fileName);
      if (sourceFile) {
        const functions = index;
        walk(sourceFile, (node) => {
          if (isFunctionLike(node)) functions.set(this.keyOf(node), node);
          return true;
        });
      }
      this.functionIndex.set(fileName, index);
    }
    return index.get(key);
  }

  keyOf(fn: FunctionLike): FunctionKey {
    const body = fn.body;
    const start = body ? (ts.isBlock(body) ? body : skipOuter(body)).getStart() : fn.getStart();
    return `${start}:${fn.end}`;
  }

  /** The file a node is in, as the audit names files (absolute, platform separators). */
  fileOf(node: TS.Node): string {
    return path.resolve(node.getSourceFile().fileName);
  }

  /** The function and the functions lexically around it, innermost first. */
  enclosing(fn: FunctionLike): FunctionLike[] {
    const chain: FunctionLike[] = [fn];
    for (let current = fn.parent; !ts.isSourceFile(current); current = current.parent) {
      if (isFunctionLike(current)) chain.push(current);
    }
    return chain;
  }

  /** The innermost function of `file` around a position as ESLint gives it (1-based line and column). */
  functionAround(file: string, line: number, column: number): FunctionLike | undefined {
    const sourceFile = this.program.getSourceFile(programPath(file));
    if (!sourceFile || line < 1 || line > sourceFile.getLineStarts().length) return undefined;
    const position = sourceFile.getPositionOfLineAndCharacter(line - 1, column - 1);
    let found: FunctionLike | undefined;
    walk(sourceFile, (node) => {
      if (position < node.getStart(sourceFile) || position >= node.end) return false;
      if (isFunctionLike(node)) found = node;
      return true;
    });
    return found;
  }

  /** What the identifier starting at `offset` in `file` denotes (memoised). */
  declarationAt(file: string, offset: number): Declared | undefined {
    const key = `${file}@${offset}`;
    const known = this.declarations.get(key);
    if (known !== undefined) return known ?? undefined;
    const sourceFile = this.program.getSourceFile(programPath(file));
    const identifier = sourceFile ? identifierAt(sourceFile, offset) : undefined;
    const declared = identifier ? this.declared(this.checker.getSymbolAtLocation(identifier), 0) : undefined;
    this.declarations.set(key, declared ?? null);
    return declared;
  }

  /**
   * Resolves in advance what the inventory will ask about one file: where its imports lead and what
   * its handlers reach. Called as each file's lint result arrives, so this work overlaps the lint.
   */
  /**
   * The project files a file loads: ESM imports and re-exports, `import x = require()`, `require()`
   * and `import()` of a literal specifier, as the program resolved them.
   */
  importedFiles(file: string): string[] {
    const sourceFile = this.program.getSourceFile(programPath(file));
    if (!sourceFile) return [];
    const found = new Set<string>();
    const add = (specifier: TS.Node | undefined): void => {
      if (!specifier || !ts.isStringLiteralLike(specifier)) return;
      const symbol = this.checker.getSymbolAtLocation(specifier);
      const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (declaration && ts.isSourceFile(declaration) && this.analysed.has(declaration.fileName)) found.add(path.resolve(declaration.fileName));
    };
    walk(sourceFile, (node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node.moduleSpecifier);
      else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
      else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) add(node.arguments[0]);
      return true;
    });
    return [...found];
  }

  /** Every project file reached from `roots` by following imports. */
  reachedFrom(roots: Iterable<string>): Set<string> {
    const reached = new Set<string>();
    const queue = [...roots].map((file) => path.resolve(file));
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      if (reached.has(file)) continue;
      reached.add(file);
      queue.push(...this.importedFiles(file));
    }
    return reached;
  }

  prepare(file: string, facts: FileEntryPoints): void {
    for (const imported of facts.imports) this.declarationAt(file, imported.offset);
    for (const entry of facts.entryPoints) {
      const fn = this.functionAt(file, entry.fn);
      if (fn) this.reach(fn);
    }
  }

  private declared(symbol: TS.Symbol | undefined, hops: number): Declared | undefined {
    if (!symbol || hops > MAX_HOPS) return undefined;
    let target = symbol;
    if (target.flags & ts.SymbolFlags.Alias) {
      target = this.checker.getAliasedSymbol(target);
    }
    const declaration = target.valueDeclaration ?? target.declarations?.[0];
    if (!declaration) return undefined;
    const sourceFile = declaration.getSourceFile();
    if (!this.analysed.has(sourceFile.fileName)) return undefined;
    const file = path.resolve(sourceFile.fileName);
    if (ts.isVariableDeclaration(declaration)) {
      if (!ts.isIdentifier(declaration.name)) return undefined;
      const init = declaration.initializer ? skipOuter(declaration.initializer) : undefined;
      if (init && isFunctionLike(init)) return { kind: 'function', node: init };
      if (init && ts.isIdentifier(init) && !isTopLevelVariable(declaration)) return this.declared(this.checker.getSymbolAtLocation(init), hops + 1);
      return isTopLevelVariable(declaration) ? { kind: 'binding', file, offset: declaration.name.getStart() } : undefined;
    }
    if (isFunctionLike(declaration)) return { kind: 'function', node: declaration };
    if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) return { kind: 'class', file, offset: declaration.members.pos - 1 };
    if (ts.isExportAssignment(declaration)) return this.value(declaration.expression, file, hops);
    if (ts.isShorthandPropertyAssignment(declaration)) return this.declared(this.checker.getShorthandAssignmentValueSymbol(declaration), hops + 1);
    if (ts.isPropertyAssignment(declaration)) return this.value(declaration.initializer, undefined, hops);
    if (ts.isBinaryExpression(declaration)) return this.value(declaration.right, undefined, hops);
    if (ts.isPropertyDeclaration(declaration) && declaration.initializer) {
      const init = skipOuter(declaration.initializer);
      return isFunctionLike(init) ? { kind: 'function', node: init } : undefined;
    }
    return undefined;
  }

  /** An exported or assigned value: a function, a name to follow, or (for `export default new X()`) the value itself. */
  private value(expression: TS.Expression, defaultFile: string | undefined, hops: number): Declared | undefined {
    const value = skipOuter(expression);
    if (isFunctionLike(value)) return { kind: 'function', node: value };
    if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) return this.declared(this.checker.getSymbolAtLocation(value), hops + 1);
    if (ts.isClassExpression(value)) return { kind: 'class', file: path.resolve(value.getSourceFile().fileName), offset: value.members.pos - 1 };
    return defaultFile === undefined ? undefined : { kind: 'binding', file: defaultFile, offset: value.getStart() };
  }

  /** Functions a function calls, constructs, or hands on as a callback (memoised). */
  calleesOf(fn: FunctionLike): readonly FunctionLike[] {
    const known = this.callees.get(fn);
    if (known) return known;
    const found = new Set<FunctionLike>();
    const add = (target: TS.Expression, construct: boolean): void => {
      for (const callee of this.targets(target, construct)) found.add(callee);
    };
    const visit = (node: TS.Node): boolean => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const construct = ts.isNewExpression(node);
        add(node.expression, construct);
        for (const argument of node.arguments ?? []) {
          const value = skipOuter(argument);
          if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) add(value, false);
        }
      }
      return true;
    };
    if (fn.body) {
      visit(fn.body);
      walk(fn.body, visit);
    }
    const result = [...found];
    this.callees.set(fn, result);
    return result;
  }

  private targets(expression: TS.Expression, construct: boolean): FunctionLike[] {
    const callee = skipOuter(expression);
    let name: TS.Node;
    if (ts.isIdentifier(callee)) {
      name = callee;
    } else if (ts.isPropertyAccessExpression(callee)) {
      if (!this.hasProjectReceiver(callee.expression)) return [];
      name = callee.name;
    } else {
      return [];
    }
    const declared = this.declared(this.checker.getSymbolAtLocation(name), 0);
    if (!declared) return [];
    if (declared.kind === 'function') return [declared.node];
    if (declared.kind === 'class' && construct) return this.constructorsOf(declared);
    return [];
  }

  /**
   * Whether a method call's receiver may be one of the project's own objects: it starts at `this`,
   * at an import, or at a module-level declaration (`service.create()`, `this.repo.find()`,
   * `Registry.getInstance().add()`). A receiver held in a parameter or a local (`res.json()`,
   * `rows.map()`) is left alone: resolving it would mean type-checking the function, the cost the
   * audit avoids.
   */
  private hasProjectReceiver(expression: TS.Expression): boolean {
    let root = skipOuter(expression);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isCallExpression(root)) root = skipOuter(root.expression);
    if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
    if (!ts.isIdentifier(root)) return false;
    const symbol = this.checker.getSymbolAtLocation(root);
    if (!symbol) return false;
    if (symbol.flags & ts.SymbolFlags.Alias) return true;
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return false;
    if (ts.isVariableDeclaration(declaration)) {
      // `STATUSES.includes(…)`, `PATTERN.test(…)`: methods of a literal are the language's.
      const init = declaration.initializer ? skipOuter(declaration.initializer) : undefined;
      const literal = init !== undefined && (ts.isArrayLiteralExpression(init) || ts.isStringLiteralLike(init) || ts.isNumericLiteral(init) || ts.isRegularExpressionLiteral(init) || ts.isTemplateExpression(init));
      return isTopLevelVariable(declaration) && !literal;
    }
    return ts.isClassDeclaration(declaration) || ts.isFunctionDeclaration(declaration) || ts.isModuleDeclaration(declaration) || ts.isEnumDeclaration(declaration);
  }

  private constructorsOf(declared: Extract<Declared, { kind: 'class' }>): FunctionLike[] {
    const sourceFile = this.program.getSourceFile(programPath(declared.file));
    if (!sourceFile) return [];
    const result: FunctionLike[] = [];
    walk(sourceFile, (node) => {
      if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.members.pos - 1 === declared.offset) {
        for (const member of node.members) if (ts.isConstructorDeclaration(member) && member.body) result.push(member);
        return false;
      }
      return true;
    });
    return result;
  }

  /** Every function a handler runs: itself and what it calls, transitively, across files. */
  reach(entry: FunctionLike): Set<FunctionLike> {
    const reached = new Set<FunctionLike>([entry]);
    const queue: FunctionLike[] = [entry];
    while (queue.length > 0 && reached.size < REACH_BUDGET) {
      const fn = queue.shift();
      if (!fn) break;
      for (const callee of this.calleesOf(fn)) {
        if (reached.has(callee)) continue;
        reached.add(callee);
        queue.push(callee);
      }
    }
    return reached;
  }
}

/** The identifier that starts exactly at `offset`. */
function identifierAt(sourceFile: TS.SourceFile, offset: number): TS.Identifier | undefined {
  let node: TS.Node = sourceFile;
  for (;;) {
    let next: TS.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (child.pos <= offset && offset < child.end) {
        next = child;
        return true;
      }
      return undefined;
    });
    if (!next) return undefined;
    node = next;
    if (ts.isIdentifier(node)) return node.getStart(sourceFile) === offset ? node : undefined;
  }
}
