import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';

/** A problem with the command line or the project that stops the audit before it starts (exit code 2). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

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

/** Bigger files are bundles or generated code. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface SourceText {
  /** Absolute path inside the root. */
  readonly path: string;
  /** The file's text without a byte-order mark, as ESLint sees it. */
  readonly text: string;
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface ProjectSource {
  /** The audited folder, symlinks resolved. */
  readonly root: string;
  /** The tsconfig the file list and compiler options come from, if any. */
  readonly tsconfig: string | undefined;
  readonly compilerOptions: ts.CompilerOptions;
  readonly files: readonly SourceText[];
  readonly skipped: readonly SkippedFile[];
}

export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
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
 * build output, hidden folders or declaration files. A symlink is followed only when its target is
 * inside the root (and not yet visited), so the walk never leaves the root and never loops.
 */
function walkFolder(root: string, skipped: SkippedFile[]): string[] {
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
      skipped.push({ path: dir, reason: 'unreadable folder' });
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
          if (isDirectory || isSourceFile(entry.name)) skipped.push({ path: full, reason: 'symlink to outside the root' });
          continue;
        }
      }
      if (isDirectory) {
        if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith('.') || visited.has(real)) continue;
        visited.add(real);
        stack.push(real);
      } else if (isFile && isSourceFile(entry.name) && !visited.has(real)) {
        visited.add(real);
        files.push(real);
      }
    }
  }
  return files;
}

function readConfig(file: string): ts.ParsedCommandLine {
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  if (read.error) {
    throw new InputError(`cannot read tsconfig ${file}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}`);
  }
  return ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
}

/** The files of a tsconfig and, for a solution config (`files: []` with references), of the projects it references. */
function configFiles(file: string, visited: Set<string>): { files: string[]; options: ts.CompilerOptions } {
  visited.add(file);
  const parsed = readConfig(file);
  const files = [...parsed.fileNames];
  for (const reference of parsed.projectReferences ?? []) {
    const target = ts.resolveProjectReferencePath(reference);
    if (visited.has(target) || !existsSync(target)) continue;
    files.push(...configFiles(target, visited).files);
  }
  return { files, options: parsed.options };
}

function readSources(root: string, candidates: readonly string[], skipped: SkippedFile[]): SourceText[] {
  const files: SourceText[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      skipped.push({ path: candidate, reason: 'unreadable file' });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    if (!isInside(root, real)) {
      skipped.push({ path: candidate, reason: 'outside the root' });
      continue;
    }
    if (!isSourceFile(real) || hasSkippedSegment(root, real)) continue;
    try {
      if (statSync(real).size > MAX_FILE_BYTES) {
        skipped.push({ path: real, reason: 'larger than 2 MB, probably generated' });
        continue;
      }
      const text = readFileSync(real, 'utf8');
      files.push({ path: real, text: text.startsWith('\uFEFF') ? text.slice(1) : text });
    } catch {
      skipped.push({ path: real, reason: 'unreadable file' });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files;
}

/** `"files": []` without `include`, or project references: a tsconfig that is not about the sources beside it. */
function listsNoFilesOnPurpose(tsconfig: string): boolean {
  const raw = ts.readConfigFile(tsconfig, (name) => ts.sys.readFile(name)).config as { files?: unknown; include?: unknown; references?: unknown } | undefined;
  if (!raw) return false;
  const references = Array.isArray(raw.references) && raw.references.length > 0;
  const emptyFiles = Array.isArray(raw.files) && raw.files.length === 0 && raw.include === undefined;
  return references || emptyFiles;
}

/**
 * Loads what the audit reads: the root folder, its tsconfig (given, or `tsconfig.json` in the root)
 * and the source files it lists, or every JavaScript and TypeScript file of a plain folder. Nothing
 * of the project is executed; configs are read as JSON.
 */
export function loadProject(rootArgument: string, tsconfigArgument: string | undefined): ProjectSource {
  let root: string;
  try {
    root = realpathSync(path.resolve(rootArgument));
  } catch {
    throw new InputError(`no such folder: ${rootArgument}`);
  }
  if (!statSync(root).isDirectory()) throw new InputError(`not a folder: ${rootArgument}`);
  const skipped: SkippedFile[] = [];
  let tsconfig: string | undefined;
  if (tsconfigArgument !== undefined) {
    tsconfig = path.resolve(tsconfigArgument);
    if (!existsSync(tsconfig) || !statSync(tsconfig).isFile()) throw new InputError(`cannot read tsconfig ${tsconfigArgument}: no such file`);
  } else if (existsSync(path.join(root, 'tsconfig.json'))) {
    tsconfig = path.join(root, 'tsconfig.json');
  }
  let candidates: string[];
  let compilerOptions: ts.CompilerOptions = {};
  if (tsconfig === undefined) {
    candidates = walkFolder(root, skipped);
  } else {
    const config = configFiles(tsconfig, new Set());
    candidates = config.files;
    compilerOptions = config.options;
    // A tsconfig found in the root that lists no files on purpose (`"files": []`, a solution of
    // references) says nothing about the sources: the folder is read as a plain one. One whose
    // `include` matches nothing is a mistake to report, and one named on the command line is taken at its word.
    if (candidates.length === 0 && tsconfigArgument === undefined && listsNoFilesOnPurpose(tsconfig)) {
      tsconfig = undefined;
      compilerOptions = {};
      candidates = walkFolder(root, skipped);
    }
  }
  const files = readSources(root, candidates, skipped);
  if (files.length === 0) {
    throw new InputError(tsconfig === undefined ? `no JavaScript or TypeScript files under ${rootArgument}` : `no source files in ${path.relative(process.cwd(), tsconfig) || tsconfig}`);
  }
  return { root, tsconfig, compilerOptions, files, skipped };
}
