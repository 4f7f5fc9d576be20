import { createRequire } from 'node:module';
import path from 'node:path';
import type { Linter } from 'eslint';

/** Extensions of TypeScript sources, which only `@typescript-eslint/parser` reads. */
const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

/**
 * Parser options that ask for a TypeScript program. A JavaScript file linted with one (`allowJs`
 * projects under typed linting) keeps `@typescript-eslint/parser`, so type-aware rules of other
 * plugins still get their program.
 */
const PROGRAM_OPTIONS = ['project', 'projectService', 'programs'] as const;

type ParseOptions = Linter.ParserOptions & { filePath?: string; sourceType?: string };
type ParseForESLint = (code: string, options: ParseOptions) => Linter.ESLintParseResult;

interface TypeScriptParser {
  readonly parseForESLint: ParseForESLint;
}

interface JavaScriptParser {
  readonly parse: (code: string, options: ParseOptions) => Linter.ESLintParseResult['ast'];
}

const requireHere = createRequire(import.meta.url);
let typescriptParser: TypeScriptParser | undefined;
let javascriptParser: JavaScriptParser | undefined;

/**
 * `@typescript-eslint/parser`, loaded on the first TypeScript file: a JavaScript project never
 * loads it, nor TypeScript. It resolves from this package, which asks for it as a peer, so it is
 * the copy the project's own `typescript-eslint` uses.
 */
function loadTypeScriptParser(): TypeScriptParser {
  if (typescriptParser) return typescriptParser;
  try {
    typescriptParser = requireHere('@typescript-eslint/parser') as TypeScriptParser;
  } catch (error) {
    const missing = error instanceof Error && 'code' in error && error.code === 'MODULE_NOT_FOUND';
    if (!missing) throw error;
    throw new Error('eslint-plugin-stateless lints TypeScript files with @typescript-eslint/parser: install it next to the plugin (npm install --save-dev @typescript-eslint/parser typescript).', { cause: error });
  }
  return typescriptParser;
}

/**
 * ESLint's own default parser (espree), resolved from the `eslint` package that runs the lint, so
 * that JavaScript is parsed exactly as it would be without this plugin. Without a resolvable
 * `eslint` (an unusual layout), `@typescript-eslint/parser` reads JavaScript too.
 */
function loadJavaScriptParser(): JavaScriptParser | TypeScriptParser {
  if (javascriptParser) return javascriptParser;
  let eslintManifest: string;
  try {
    eslintManifest = requireHere.resolve('eslint/package.json');
  } catch {
    return loadTypeScriptParser();
  }
  javascriptParser = createRequire(eslintManifest)('espree') as JavaScriptParser;
  return javascriptParser;
}

function needsTypeScript(options: ParseOptions): boolean {
  const extension = path.extname(options.filePath ?? '').toLowerCase();
  return TYPESCRIPT_EXTENSIONS.has(extension) || PROGRAM_OPTIONS.some((option) => Boolean(options[option]));
}

/**
 * The options ESLint gives its default parser: JSX is on for `.jsx` files (the extension says so),
 * and, as ESLint does for espree, no `globalReturn` in a module.
 */
function javascriptOptions(options: ParseOptions): ParseOptions {
  const jsx = path.extname(options.filePath ?? '').toLowerCase() === '.jsx';
  const globalReturn = options.sourceType === 'module' ? false : options.ecmaFeatures?.globalReturn;
  if (!jsx && globalReturn === options.ecmaFeatures?.globalReturn) return options;
  return { ...options, ecmaFeatures: { ...options.ecmaFeatures, ...(jsx ? { jsx: true } : {}), globalReturn } };
}

/**
 * The parse of the shipped configs' parser: TypeScript files (and JavaScript linted with a program)
 * go to `@typescript-eslint/parser`, every other JavaScript file to ESLint's default parser, with the
 * options the user configured. One config object can then cover both, and a JavaScript project
 * keeps the parser it had.
 */
export function parseForESLint(code: string, options: ParseOptions = {}): Linter.ESLintParseResult {
  if (needsTypeScript(options)) return loadTypeScriptParser().parseForESLint(code, options);
  const javascript = loadJavaScriptParser();
  if ('parseForESLint' in javascript) return javascript.parseForESLint(code, options);
  return { ast: javascript.parse(code, javascriptOptions(options)) };
}
