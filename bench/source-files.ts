import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The files under `roots` whose name `accept`s, sorted; `node_modules` and dot folders are skipped. */
export function sourceFiles(roots: readonly string[], accept: (name: string, file: string) => boolean): string[] {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && accept(entry.name, full)) files.push(full);
    }
  };
  for (const root of roots) walk(root);
  return files.sort();
}
