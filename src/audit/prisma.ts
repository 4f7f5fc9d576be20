import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readConfigText } from './files.js';

/** A Prisma datasource on SQLite: every replica opens a database file of its own. */
export interface SqliteDatasource {
  /** The schema file, absolute. */
  readonly file: string;
  /** The line of `provider = "sqlite"`. */
  readonly line: number;
  /** The datasource's name (`db`). */
  readonly name: string;
}

/** Folders never searched for schemas: dependencies, build output, version control. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);
/** How deep below the audited root schemas are looked for (`prisma/schema.prisma`, `apps/api/prisma/schema/*.prisma`). */
const MAX_DEPTH = 4;
/**
 * Prisma's driver adapters that reach SQLite over the network (Turso through libSQL, Cloudflare D1):
 * with one of them a `sqlite` datasource need not be a local file.
 */
export const REMOTE_SQLITE_ADAPTERS = ['@prisma/adapter-libsql', '@prisma/adapter-d1'];

/**
 * LiteFS replicates a SQLite file to every replica and sends writes to one primary: with a
 * `litefs.yml` in the project, SQLite is shared by design.
 */
export function usesLiteFs(root: string): boolean {
  return filesNamed(root, (name) => name === 'litefs.yml' || name === 'litefs.yaml').length > 0;
}

/** The files under `root` whose name passes `wanted` (a bounded search that skips dependencies, build output and hidden folders). */
function filesNamed(root: string, wanted: (name: string) => boolean): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) visit(path.join(dir, entry.name), depth + 1);
      } else if (entry.isFile() && wanted(entry.name)) {
        found.push(path.join(dir, entry.name));
      }
    }
  };
  visit(root, 0);
  return found.sort();
}

/** The line (1-based) of an offset in a text. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/**
 * `datasource db { provider = "sqlite" … }` blocks of the project's Prisma schemas. Comments are
 * blanked first (keeping offsets, so lines stay right); a schema that cannot be read, or that is no
 * regular file under 1 MB inside the root, is skipped.
 */
export function sqliteDatasources(root: string): SqliteDatasource[] {
  const result: SqliteDatasource[] = [];
  for (const file of filesNamed(root, (name) => name.endsWith('.prisma'))) {
    const text = readConfigText(file, root);
    if (text === undefined) continue;
    const code = text.replace(/\/\/[^\n]*/gu, (comment) => ' '.repeat(comment.length));
    for (const block of code.matchAll(/\bdatasource\s+(\w+)\s*\{([^}]*)\}/gu)) {
      const body = block[2] ?? '';
      const provider = /\bprovider\s*=\s*"([^"]*)"/u.exec(body);
      if (provider?.[1] !== 'sqlite') continue;
      result.push({ file, line: lineAt(text, block.index + block[0].length - body.length - 1 + provider.index), name: block[1] ?? 'db' });
    }
  }
  return result;
}
