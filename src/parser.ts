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
 * Parses that the analysis made of other files of the project (to summarise a module that a linted
 * file imports), kept until ESLint asks for the same file: in a CLI run an imported module is
 * usually summarised before its own turn comes, and ESLint would otherwise parse it a second time.
 * A parse is handed over once, only for the same text and exactly the same options (any option of
 * the user's own, a program for typed linting, another file name: parsed afresh), so that ESLint
 * gets the tree the parser would have given it. The trees and scopes are not changed by the
 * analysis; ESLint adds the config's globals to the scope manager as it would to a fresh one.
 * At most `HANDOFF_LIMIT` are kept (the oldest go first): a file that is summarised but not linted
 * in this run costs memory only until then.
 */
const handoff = new Map<string, { readonly code: string; readonly options: ParseOptions; readonly result: Linter.ESLintParseResult }>();
const HANDOFF_LIMIT = 24;

/** How many parses the analysis offered, and how many ESLint took (docs/performance.md). */
export const handoffCounts = { offered: 0, taken: 0 };

/** Whether two parser option objects are the same plain data (nested objects compared by value). */
function sameOptions(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && sameOptions(left[key], right[key]));
}

function handoffKey(options: ParseOptions): string | undefined {
  return options.filePath === undefined ? undefined : path.resolve(options.filePath);
}

/**
 * Parses a file of the project for the analysis, as ESLint would with the shipped configs, and keeps
 * the result for ESLint's own parse of that file (see `handoff`). Throws as the parser does.
 */
export function parseProjectSource(code: string, options: ParseOptions): Linter.ESLintParseResult {
  const result = parseForESLint(code, options);
  const key = handoffKey(options);
  if (key !== undefined && !PROGRAM_OPTIONS.some((option) => Boolean(options[option]))) {
    handoff.delete(key);
    handoff.set(key, { code, options: { ...options }, result });
    handoffCounts.offered++;
    if (handoff.size > HANDOFF_LIMIT) {
      const oldest = handoff.keys().next();
      if (oldest.done !== true) handoff.delete(oldest.value);
    }
  }
  return result;
}

/** The parse kept for this file, text and options, taken out of the store; undefined when there is none. */
function handedOver(code: string, options: ParseOptions): Linter.ESLintParseResult | undefined {
  if (handoff.size === 0) return undefined;
  const key = handoffKey(options);
  const kept = key === undefined ? undefined : handoff.get(key);
  if (!kept || key === undefined) return undefined;
  handoff.delete(key);
  if (kept.code !== code || !sameOptions(kept.options, options)) return undefined;
  handoffCounts.taken++;
  return kept.result;
}

/**
 * The parse of the shipped configs' parser: TypeScript files (and JavaScript linted with a program)
 * go to `@typescript-eslint/parser`, every other JavaScript file to ESLint's default parser, with the
 * options the user configured. One config object can then cover both, and a JavaScript project
 * keeps the parser it had.
 */
export function parseForESLint(code: string, options: ParseOptions = {}): Linter.ESLintParseResult {
  const kept = handedOver(code, options);
  if (kept) return kept;
  if (needsTypeScript(options)) return loadTypeScriptParser().parseForESLint(code, options);
  const javascript = loadJavaScriptParser();
  if ('parseForESLint' in javascript) return javascript.parseForESLint(code, options);
  return { ast: javascript.parse(code, javascriptOptions(options)) };
}
