import path from 'node:path';
import * as espree from 'espree';
import ts from 'typescript';

/**
 * Whether code is a program its file type allows, as strictly as the tools that run it judge it.
 * The fuzzer asks this of every program before and after a fix or suggestion: `@typescript-eslint/parser`
 * alone accepts code that Node rejects (`await` in a function that is not async), so a suggestion that
 * breaks a program could pass unseen.
 *
 * - JavaScript goes through espree as `node --check` reads it: `.mjs` as a module, `.cjs` as CommonJS
 *   (a script in a function: top-level `return`, no top-level `await`), `.js` and `.jsx` by the
 *   `type` of the package around it.
 * - TypeScript goes through the TypeScript compiler on a program of the one file: its syntax errors and
 *   the grammar errors its checker reports (`await` outside an async function, a declaration that
 *   repeats a block-scoped name), which `@typescript-eslint/parser` leaves to the checker. `.mts` is a
 *   module, `.cts` CommonJS, `.ts` and `.tsx` by the package type.
 */
export type PackageType = 'module' | 'commonjs';

export type SourceType = 'module' | 'commonjs';

/** `node --check`'s reading of a JavaScript or TypeScript file name. */
export function sourceTypeOf(filename: string, packageType: PackageType): SourceType {
  const extension = path.extname(filename);
  if (extension === '.mjs' || extension === '.mts') return 'module';
  if (extension === '.cjs' || extension === '.cts') return 'commonjs';
  return packageType;
}

export function isTypeScript(filename: string): boolean {
  return ['.ts', '.mts', '.cts', '.tsx'].includes(path.extname(filename));
}

/** The errors that make `code` no valid program for `filename`; none when it is one. */
export function strictParseErrors(code: string, filename: string, packageType: PackageType): string[] {
  return isTypeScript(filename) ? typeScriptErrors(code, filename, packageType) : javaScriptErrors(code, filename, packageType);
}

function javaScriptErrors(code: string, filename: string, packageType: PackageType): string[] {
  try {
    espree.parse(code, {
      ecmaVersion: 'latest',
      sourceType: sourceTypeOf(filename, packageType),
      ecmaFeatures: { jsx: path.extname(filename) === '.jsx' },
    });
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/**
 * Diagnostics of the checker that are early errors of the language, not type errors: without the
 * standard library or other files every name is unknown, which says nothing about the syntax.
 */
const EARLY_ERRORS = new Set([
  2300, // Duplicate identifier.
  2451, // Cannot redeclare block-scoped variable.
  2480, // 'let' is not allowed to be used as a name in 'let' or 'const' declarations.
  2492, // Cannot redeclare identifier in catch clause.
]);

const ROOT = '/fuzz';

function typeScriptErrors(code: string, filename: string, packageType: PackageType): string[] {
  const fileName = path.posix.join(ROOT, filename);
  const extension = path.extname(filename);
  const scriptKind = extension === '.tsx' ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const options: ts.CompilerOptions = {
    noLib: true,
    noResolve: true,
    types: [],
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    // NestJS code is written for the decorators of TypeScript's own design (parameter decorators).
    experimentalDecorators: true,
    jsx: ts.JsxEmit.Preserve,
  };
  const packageJson = path.posix.join(ROOT, 'package.json');
  let source: ts.SourceFile | undefined;
  const host: ts.CompilerHost = {
    // The program passes how to tell a module (by extension and package type, as Node does).
    getSourceFile: (name, languageVersion) => {
      if (name !== fileName) return undefined;
      source ??= ts.createSourceFile(fileName, code, languageVersion, true, scriptKind);
      return source;
    },
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => ROOT,
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === fileName || name === packageJson,
    readFile: (name) => (name === packageJson ? JSON.stringify({ type: packageType }) : name === fileName ? code : undefined),
  };
  const program = ts.createProgram({ rootNames: [fileName], options, host });
  if (!source) return [`${fileName} was not read`];
  const diagnostics = [
    ...program.getSyntacticDiagnostics(source),
    ...program.getSemanticDiagnostics(source).filter((diagnostic) => diagnostic.code < 2000 || EARLY_ERRORS.has(diagnostic.code) || (diagnostic.code >= 17000 && diagnostic.code < 18000)),
  ];
  return diagnostics.map((diagnostic) => `TS${String(diagnostic.code)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
}
