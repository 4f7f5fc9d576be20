import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Project, ts } from 'ts-morph';
import { isInside, type SourceText } from './project.js';

export interface ProjectProgram {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
}

/** `package.json` files between the sources and the root: their `type` decides how NodeNext resolves. */
function manifests(root: string, files: readonly SourceText[]): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  for (const file of files) {
    for (let dir = path.dirname(file.path); isInside(root, dir) && !seen.has(dir); dir = path.dirname(dir)) {
      seen.add(dir);
      const manifest = path.join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      try {
        found.set(manifest, readFileSync(manifest, 'utf8'));
      } catch {
        // An unreadable manifest only changes how a module format is guessed.
      }
      if (dir === root) break;
    }
  }
  return found;
}

/**
 * A TypeScript program of the project's own files, built with ts-morph on an in-memory file
 * system that holds the sources the audit read and their `package.json` files, nothing else: the
 * program cannot read a file outside the root, a package, or a declaration file. It only resolves
 * references; no library types are loaded (`noLib`), because the audit asks where a name is
 * declared, never what type a value has, which keeps it well below the cost of `tsc --noEmit`.
 */
export function buildProgram(root: string, files: readonly SourceText[], options: ts.CompilerOptions): ProjectProgram {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      ...options,
      allowJs: true,
      checkJs: false,
      noEmit: true,
      noLib: true,
      types: [],
      skipLibCheck: true,
    },
    skipLoadingLibFiles: true,
  });
  const fileSystem = project.getFileSystem();
  for (const [manifest, text] of manifests(root, files)) fileSystem.writeFileSync(manifest, text);
  for (const file of files) project.createSourceFile(file.path, file.text, { overwrite: true });
  const program = project.getProgram().compilerObject;
  return { program, checker: program.getTypeChecker() };
}
