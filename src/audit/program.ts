import path from 'node:path';
import type TS from 'typescript';
import { ts } from './typescript.js';
import { isInside, isRegularFile, MAX_SOURCE_BYTES, readConfigText, readRegularFile } from './files.js';
import type { SourceText } from './project.js';

export interface ProjectProgram {
  readonly program: TS.Program;
  readonly checker: TS.TypeChecker;
  /** Files the program could not take (a syntax tree too deep to bind), absolute. */
  readonly dropped: readonly string[];
}

/** Declaration files of packages and of TypeScript's own libraries, read by a type-checked program: larger than sources, never devices. */
const MAX_DECLARATION_BYTES = 16 * 1024 * 1024;

/** Program file names use forward slashes on every platform. */
export function programPath(file: string): string {
  return path.resolve(file).split(path.sep).join('/');
}

/** `package.json` files between the sources and the root: their `type` decides how NodeNext resolves. */
function manifests(root: string, files: readonly SourceText[]): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  for (const file of files) {
    for (let dir = path.dirname(file.path); isInside(root, dir) && !seen.has(dir); dir = path.dirname(dir)) {
      seen.add(dir);
      // An unreadable manifest only changes how a module format is guessed.
      const text = readConfigText(path.join(dir, 'package.json'), root);
      if (text !== undefined) found.set(programPath(path.join(dir, 'package.json')), text);
      if (dir === root) break;
    }
  }
  return found;
}

function scriptKind(file: string): TS.ScriptKind {
  switch (path.extname(file)) {
    case '.ts':
    case '.mts':
    case '.cts':
      return ts.ScriptKind.TS;
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.JS;
  }
}

/** How deep a syntax tree goes, walked without recursion. */
function depthOf(sourceFile: TS.SourceFile): number {
  let deepest = 0;
  const stack: [TS.Node, number][] = [[sourceFile, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > deepest) deepest = depth;
    ts.forEachChild(node, (child) => {
      stack.push([child, depth + 1]);
    });
  }
  return deepest;
}

/** The program's type checker, binding every file; a file whose tree is too deep to bind is left out and the program built again. */
function checked(create: (left: ReadonlySet<string>) => TS.Program, files: readonly string[]): ProjectProgram {
  const dropped = new Set<string>();
  for (;;) {
    const program = create(dropped);
    try {
      return { program, checker: program.getTypeChecker(), dropped: [...dropped].map((file) => path.resolve(file)) };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // The binder recurses; the deepest file left is the one that overflowed the stack.
      let deepest: { file: string; depth: number } | undefined;
      for (const file of files) {
        if (dropped.has(file)) continue;
        const sourceFile = program.getSourceFile(file);
        const depth = sourceFile ? depthOf(sourceFile) : 0;
        if (!deepest || depth > deepest.depth) deepest = { file, depth };
      }
      if (!deepest) throw error;
      dropped.add(deepest.file);
    }
  }
}

/**
 * A TypeScript program of the project's own files that only resolves names: no library types
 * (`noLib`), no declaration files, nothing read from disk. Its host knows the sources the audit
 * read and their `package.json` files. It is built with the `typescript` module the parser uses,
 * after the lint: keeping the syntax trees ESLint's parser made for the rules instead, to bind
 * them here, was measured to double the audit's peak memory (every tree alive during the whole
 * lint) for no gain in time, as parsing is the cheap part of TypeScript's work.
 */
export function buildProgram(root: string, files: readonly SourceText[], options: TS.CompilerOptions): ProjectProgram {
  const texts = new Map(files.map((file) => [programPath(file.path), file.text]));
  const trees = new Map<string, TS.SourceFile>();
  const packages = manifests(root, files);
  const folders = new Set<string>();
  for (const file of [...texts.keys(), ...packages.keys()]) {
    for (let dir = path.posix.dirname(file); !folders.has(dir); dir = path.posix.dirname(dir)) {
      folders.add(dir);
      if (path.posix.dirname(dir) === dir) break;
    }
  }
  const compilerOptions: TS.CompilerOptions = {
    ...options,
    allowJs: true,
    checkJs: false,
    noEmit: true,
    noLib: true,
    types: [],
    skipLibCheck: true,
    maxNodeModuleJsDepth: 0,
    composite: false,
    incremental: false,
  };
  const canonical = ts.sys.useCaseSensitiveFileNames ? (file: string): string => file : (file: string): string => file.toLowerCase();
  const create = (left: ReadonlySet<string>): TS.Program => {
    const host: TS.CompilerHost = {
      getSourceFile(fileName, languageVersionOrOptions) {
        if (left.has(fileName)) return undefined;
        // A program built again (after a file too deep to bind is dropped) reuses the trees of the first.
        const tree = trees.get(fileName);
        if (tree) return tree;
        const text = texts.get(fileName);
        if (text === undefined) return undefined;
        const made = ts.createSourceFile(fileName, text, languageVersionOrOptions, true, scriptKind(fileName));
        trees.set(fileName, made);
        return made;
      },
      fileExists: (fileName) => (texts.has(fileName) && !left.has(fileName)) || packages.has(fileName),
      readFile: (fileName) => packages.get(fileName) ?? texts.get(fileName),
      directoryExists: (dir) => folders.has(dir.replace(/\/$/u, '')),
      getDirectories: () => [],
      realpath: (fileName) => fileName,
      getDefaultLibFileName: () => '/lib.d.ts',
      getCurrentDirectory: () => programPath(root),
      getCanonicalFileName: canonical,
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
      getNewLine: () => '\n',
      writeFile: () => undefined,
    };
    return ts.createProgram({ rootNames: [...texts.keys()].filter((file) => !left.has(file)), options: compilerOptions, host });
  };
  return checked(create, [...texts.keys()]);
}

/**
 * For the type-checked configs: the project's program as `tsc` builds it (its tsconfig's options,
 * library types, packages' declarations), handed to typescript-eslint for the rules and used by
 * the audit's graph, so the run has one TypeScript world. Sources come from the texts the audit
 * read; other files are read only when they are regular files under a size limit.
 */
export function buildTypedProgram(root: string, files: readonly SourceText[], options: TS.CompilerOptions): ProjectProgram {
  const texts = new Map(files.map((file) => [programPath(file.path), file.text]));
  const compilerOptions: TS.CompilerOptions = { ...options, allowJs: options.allowJs ?? true, noEmit: true, composite: false, incremental: false };
  const create = (left: ReadonlySet<string>): TS.Program => {
    const host = ts.createCompilerHost(compilerOptions, true);
    const read = (fileName: string): string | undefined => {
      const own = texts.get(programPath(fileName));
      if (own !== undefined) return own;
      const result = readRegularFile(fileName, { maxBytes: fileName.endsWith('.json') ? MAX_SOURCE_BYTES : MAX_DECLARATION_BYTES });
      return result.ok ? result.text : undefined;
    };
    host.readFile = read;
    host.fileExists = (fileName) => texts.has(programPath(fileName)) || isRegularFile(fileName, MAX_DECLARATION_BYTES);
    host.getSourceFile = (fileName, languageVersionOrOptions) => {
      if (left.has(programPath(fileName))) return undefined;
      const text = read(fileName);
      return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersionOrOptions, true);
    };
    host.getCurrentDirectory = () => programPath(root);
    return ts.createProgram({ rootNames: [...texts.keys()].filter((file) => !left.has(file)), options: compilerOptions, host });
  };
  return checked(create, [...texts.keys()]);
}
