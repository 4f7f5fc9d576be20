import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type TS from 'typescript';
import { isPackageSpecifier } from '../analysis/file/imports.js';
import { ts } from './typescript.js';
import { InputError } from './errors.js';
import { isInside, isRegularFile, MAX_CONFIG_BYTES, MAX_SOURCE_BYTES, readConfigText, readRegularFile, type Unread } from './files.js';
import { ScopeFilter } from './ignores.js';
import type { SkipReason } from './report.js';

export { InputError } from './errors.js';
export { isInside } from './files.js';

/** The file types the shipped configs lint. */
export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

/** Folders of dependencies, build output, caches and tool state: never the service's own source. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'dist',
  'build',
  'out',
  'coverage',
  'storybook-static',
]);

/** Why a file of the project is not checked although it is a source file (counted in the report). */
export type { SkipReason };

export interface SourceText {
  /** Absolute path inside the root. */
  readonly path: string;
  /** The file's text without a byte-order mark, as ESLint sees it. */
  readonly text: string;
}

export interface SkippedPath {
  /** A file or, for an ignored folder, the folder. */
  readonly path: string;
  readonly reason: SkipReason;
}

/** A file in scope that could not be checked. */
export interface FailedFile {
  readonly path: string;
  readonly line: number | null;
  readonly reason: string;
}

export interface ProjectSource {
  /** The audited folder, symlinks resolved. */
  readonly root: string;
  /** The tsconfig the file list and compiler options come from, if any. */
  readonly tsconfig: string | undefined;
  readonly compilerOptions: TS.CompilerOptions;
  readonly files: readonly SourceText[];
  readonly skipped: readonly SkippedPath[];
  readonly failed: readonly FailedFile[];
}

export interface ProjectOptions {
  /** `--ignore` patterns. */
  readonly ignore?: readonly string[];
}

function isDeclarationFile(file: string): boolean {
  return /\.d\.[cm]?tsx?$/u.test(file) || /\.d\.[^/\\]+\.ts$/u.test(file);
}

function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSIONS.has(path.extname(file)) && !isDeclarationFile(file) && !file.endsWith('.min.js');
}

function hasSkippedSegment(root: string, file: string): boolean {
  return path
    .relative(root, file)
    .split(path.sep)
    .slice(0, -1)
    .some((segment) => SKIPPED_FOLDERS.has(segment) || segment.startsWith('.'));
}

/**
 * The source files of a plain folder: every JavaScript and TypeScript file, without dependencies,
 * build output, hidden folders, declaration files and what the user ignores. A symlink is followed
 * only when its target is inside the root (and not yet visited), so the walk never leaves the root
 * and never loops; an ignored folder is not entered.
 */
function walkFolder(root: string, filter: ScopeFilter, skipped: SkippedPath[], failed: FailedFile[]): string[] {
  const files: string[] = [];
  const visited = new Set<string>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    if (dir === undefined) break;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      failed.push({ path: dir, line: null, reason: 'unreadable folder' });
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let real = full;
      if (entry.isSymbolicLink()) {
        try {
          real = realpathSync(full);
          const stats = statSync(real);
          isDirectory = stats.isDirectory();
          isFile = stats.isFile();
        } catch {
          continue;
        }
        if (!isInside(root, real)) {
          if (isDirectory || isSourceFile(entry.name)) skipped.push({ path: full, reason: 'outside-root' });
          continue;
        }
      }
      if (isDirectory) {
        if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.') || visited.has(real)) continue;
        const reason = filter.reason(full, true);
        if (reason) {
          skipped.push({ path: full, reason });
          continue;
        }
        visited.add(real);
        stack.push(real);
      } else if (isSourceFile(entry.name) && !visited.has(real)) {
        if (!isFile) {
          // A FIFO, socket or device named like a source file: never opened.
          skipped.push({ path: full, reason: 'not-a-file' });
          continue;
        }
        visited.add(real);
        files.push(full);
      }
    }
  }
  return files;
}

/** Diagnostics of a tsconfig that leave the audit without the project's files or module resolution: a file it names cannot be read. */
const FATAL_CONFIG_ERRORS: ReadonlySet<number> = new Set([
  5083, // Cannot read file (an `extends` that does not resolve, a missing config)
  6053, // File not found (in `files`)
  18001, // A path in an 'extends' option must be relative or rooted
  5057, // Cannot find a tsconfig.json file at the specified directory
  5058, // The specified path does not exist
  6306, // Referenced project must have setting "composite": true (the reference is still read)
]);
/** How a file that was not read is named in a one-line error. */
export const UNREAD_TEXT: Readonly<Record<Unread, string>> = {
  missing: 'no such file',
  'outside-root': 'outside the audited folder',
  'not-a-file': 'not a regular file',
  'too-large': 'larger than 1 MB',
  unreadable: 'cannot be read',
};

/** Config files are read only when they are regular files under the size limit; a tsconfig chain may lead above the root (a monorepo's base config). */
const configHost: TS.ParseConfigHost = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  readDirectory: (rootDir, extensions, excludes, includes, depth) => ts.sys.readDirectory(rootDir, extensions, excludes, includes, depth),
  fileExists: (file) => isRegularFile(file, MAX_CONFIG_BYTES),
  readFile: (file) => readConfigText(file),
};

function diagnosticText(diagnostic: TS.Diagnostic): string {
  return `${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')} (TS${diagnostic.code})`;
}

/** What TypeScript's language service sets for a `jsconfig.json` before its own options. */
const JSCONFIG_DEFAULTS: TS.CompilerOptions = { allowJs: true, maxNodeModuleJsDepth: 2, allowSyntheticDefaultImports: true, skipLibCheck: true, noEmit: true };

function readConfig(file: string, label: string, root: string | undefined): TS.ParsedCommandLine {
  const read = readRegularFile(file, { root, maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) throw new InputError(`cannot read tsconfig ${label}: ${UNREAD_TEXT[read.reason]}`);
  const text = read.text;
  const json = ts.parseJsonText(file, text);
  const syntax = (json as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics ?? [];
  const firstSyntax = syntax[0];
  if (firstSyntax) throw new InputError(`cannot read tsconfig ${label}: ${diagnosticText(firstSyntax)}`);
  // A jsconfig.json is a tsconfig.json with JavaScript on, as TypeScript's editor support reads it.
  const existing = path.basename(file) === 'jsconfig.json' ? JSCONFIG_DEFAULTS : undefined;
  const parsed = ts.parseJsonSourceFileConfigFileContent(json, configHost, path.dirname(file), existing, file);
  const fatal = parsed.errors.find((diagnostic) => FATAL_CONFIG_ERRORS.has(diagnostic.code));
  if (fatal) throw new InputError(`cannot use tsconfig ${label}: ${diagnosticText(fatal)}${missingPackageHint(parsed.raw, diagnosticText(fatal))}`);
  return parsed;
}

/**
 * When the file a tsconfig cannot find is a package its `extends` names (`@tsconfig/node20`, a
 * shared base of the organisation), the project's dependencies are not installed: say so, and how
 * to audit without them.
 */
function missingPackageHint(raw: unknown, message: string): string {
  const extended: unknown = typeof raw === 'object' && raw !== null ? (raw as { extends?: unknown }).extends : undefined;
  const names = (Array.isArray(extended) ? extended : [extended]).filter((name): name is string => typeof name === 'string');
  const missing = names.find((name) => isPackageSpecifier(name) && message.includes(name));
  return missing === undefined ? '' : `; \`extends\` names the package \`${missing}\`, which is not installed: install the project's dependencies first, or pass --tsconfig a file that does not extend it`;
}

/** The files of a tsconfig and, for a solution config (`files: []` with references), of the projects it references. */
function configFiles(file: string, label: string, visited: Set<string>, root: string | undefined): { files: string[]; options: TS.CompilerOptions; raw: unknown } {
  visited.add(file);
  const parsed = readConfig(file, label, root);
  const files = [...parsed.fileNames];
  for (const reference of parsed.projectReferences ?? []) {
    const target = ts.resolveProjectReferencePath(reference);
    if (visited.has(target) || !isRegularFile(target, MAX_CONFIG_BYTES)) continue;
    // A sibling package of a monorepo (`"references": [{ "path": "../shared" }]` in `packages/api`): its files lie outside the audited folder and would be skipped anyway.
    if (root !== undefined && !isInside(root, realpathSync(target))) continue;
    files.push(...configFiles(target, path.relative(process.cwd(), target) || target, visited, root).files);
  }
  return { files, options: parsed.options, raw: parsed.raw };
}

/** `"files": []` without `include`, or project references: a tsconfig that is not about the sources beside it. */
function listsNoFilesOnPurpose(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const config = raw as { files?: unknown; include?: unknown; references?: unknown };
  const references = Array.isArray(config.references) && config.references.length > 0;
  const emptyFiles = Array.isArray(config.files) && config.files.length === 0 && config.include === undefined;
  return references || emptyFiles;
}

const UNREAD_REASONS = { 'too-large': 'too-large', 'not-a-file': 'not-a-file', 'outside-root': 'outside-root' } as const;

function readSources(root: string, candidates: readonly string[], filter: ScopeFilter, skipped: SkippedPath[], failed: FailedFile[]): SourceText[] {
  const files: SourceText[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      failed.push({ path: candidate, line: null, reason: 'unreadable file' });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    if (!isInside(root, real)) {
      skipped.push({ path: candidate, reason: 'outside-root' });
      continue;
    }
    if (!isSourceFile(real) || hasSkippedSegment(root, real)) continue;
    const reason = filter.reason(real, false);
    if (reason) {
      skipped.push({ path: real, reason });
      continue;
    }
    const read = readRegularFile(real, { root, maxBytes: MAX_SOURCE_BYTES });
    if (read.ok) files.push({ path: real, text: read.text });
    else if (read.reason === 'missing' || read.reason === 'unreadable') failed.push({ path: real, line: null, reason: 'unreadable file' });
    else skipped.push({ path: real, reason: UNREAD_REASONS[read.reason] });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files;
}

/**
 * Loads what the audit reads: the root folder, its tsconfig (given, or `tsconfig.json`, else
 * `jsconfig.json`, in the root)
 * and the source files it lists, or every JavaScript and TypeScript file of a plain folder, less
 * what `.gitignore` files and `--ignore` patterns leave out. Nothing of the project is executed;
 * configs are read as JSON, and only regular files under a size limit are read.
 */
export function loadProject(rootArgument: string, tsconfigArgument: string | undefined, options: ProjectOptions = {}): ProjectSource {
  let root: string;
  try {
    root = realpathSync(path.resolve(rootArgument));
  } catch {
    throw new InputError(`no such folder: ${rootArgument}`);
  }
  if (!statSync(root).isDirectory()) throw new InputError(`not a folder: ${rootArgument}`);
  const filter = new ScopeFilter(root, options.ignore ?? []);
  const skipped: SkippedPath[] = [];
  const failed: FailedFile[] = [];
  let tsconfig: string | undefined;
  let label: string;
  if (tsconfigArgument !== undefined) {
    tsconfig = path.resolve(tsconfigArgument);
    label = path.relative(process.cwd(), tsconfig) || tsconfig;
  } else {
    // A JavaScript project's `jsconfig.json` when there is no `tsconfig.json`.
    tsconfig = ['tsconfig.json', 'jsconfig.json'].map((name) => path.join(root, name)).find((file) => existsSync(file));
    label = tsconfig === undefined ? '' : path.relative(process.cwd(), tsconfig) || tsconfig;
  }
  let candidates: string[];
  let compilerOptions: TS.CompilerOptions = {};
  if (tsconfig === undefined) {
    candidates = walkFolder(root, filter, skipped, failed);
  } else {
    // The root's own tsconfig must be a file of the project; one named on the command line may be anywhere.
    const config = configFiles(tsconfig, label, new Set(), tsconfigArgument === undefined ? root : undefined);
    candidates = config.files;
    compilerOptions = config.options;
    // A tsconfig found in the root that lists no files on purpose (`"files": []`, a solution of
    // references) says nothing about the sources: the folder is read as a plain one. One whose
    // `include` matches nothing is a mistake to report, and one named on the command line is taken at its word.
    if (candidates.length === 0 && tsconfigArgument === undefined && listsNoFilesOnPurpose(config.raw)) {
      tsconfig = undefined;
      compilerOptions = {};
      candidates = walkFolder(root, filter, skipped, failed);
    }
  }
  const files = readSources(root, candidates, filter, skipped, failed);
  if (files.length === 0 && failed.length === 0) {
    const ignored = skipped.length > 0 ? ` (${String(skipped.length)} left out by ignores or limits)` : '';
    throw new InputError(tsconfig === undefined ? `no JavaScript or TypeScript files under ${rootArgument}${ignored}` : `no source files in ${label}${ignored}`);
  }
  return { root, tsconfig, compilerOptions, files, skipped, failed };
}
