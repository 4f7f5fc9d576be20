import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Bigger source files are bundles or generated code. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
/** Configs, manifests, ignore files and schemas are small; a bigger one is not what its name says. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Why a file was not read. */
export type Unread = 'missing' | 'outside-root' | 'not-a-file' | 'too-large' | 'unreadable';

export type ReadOutcome = { readonly ok: true; readonly text: string; readonly real: string } | { readonly ok: false; readonly reason: Unread };

export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

// Opening a FIFO for reading blocks until a writer comes, unless it is opened non-blocking; Windows has no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK);
const CHUNK = 64 * 1024;

/**
 * Reads a file the audit was not handed by the user, only when it is a regular file (no device,
 * FIFO or socket: `/dev/zero` would never end), not larger than `maxBytes`, and, given a root,
 * inside it once symlinks are resolved. The checks are made on the open file, so a file swapped
 * after a check is still caught. The text is decoded as UTF-8 without a byte-order mark.
 */
export function readRegularFile(file: string, options: { readonly root?: string | undefined; readonly maxBytes: number }): ReadOutcome {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'missing' : 'unreadable' };
  }
  if (options.root !== undefined && !isInside(options.root, real)) return { ok: false, reason: 'outside-root' };
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: 'not-a-file' };
    if (stats.size > options.maxBytes) return { ok: false, reason: 'too-large' };
    // The size can change between the check and the read: read at most one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, options.maxBytes + 1 - total));
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      total += read;
      if (total > options.maxBytes) return { ok: false, reason: 'too-large' };
    }
    const text = Buffer.concat(chunks, total).toString('utf8');
    return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text, real };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

/** The text of a small project file (a config, a manifest), or undefined when it is missing or not safe to read. */
export function readConfigText(file: string, root?: string): string | undefined {
  const read = readRegularFile(file, { root, maxBytes: MAX_CONFIG_BYTES });
  return read.ok ? read.text : undefined;
}

/** Whether a path is a regular file of at most `maxBytes` (symlinks followed), without opening it. */
export function isRegularFile(file: string, maxBytes: number): boolean {
  try {
    const stats = statSync(file);
    return stats.isFile() && stats.size <= maxBytes;
  } catch {
    return false;
  }
}
