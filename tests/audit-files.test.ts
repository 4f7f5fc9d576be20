import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRegularFile, readRegularFile } from '../src/audit/files.js';
import { temporaryProjects } from './audit-helpers.js';

const project = temporaryProjects();

describe('reading a file the audit was not handed', () => {
  it('reads a regular file inside the root, without its byte-order mark', () => {
    const dir = project({ 'package.json': '\uFEFF{"type":"module"}' });
    expect(readRegularFile(path.join(dir, 'package.json'), { root: dir, maxBytes: 100 })).toEqual({ ok: true, text: '{"type":"module"}', real: path.join(dir, 'package.json') });
  });

  it('reads a file of exactly the limit and refuses one byte more', () => {
    const dir = project({ 'a.json': 'x'.repeat(64), 'b.json': 'x'.repeat(65) });
    expect(readRegularFile(path.join(dir, 'a.json'), { maxBytes: 64 }).ok).toBe(true);
    expect(readRegularFile(path.join(dir, 'b.json'), { maxBytes: 64 })).toEqual({ ok: false, reason: 'too-large' });
    expect(isRegularFile(path.join(dir, 'a.json'), 64)).toBe(true);
    expect(isRegularFile(path.join(dir, 'b.json'), 64)).toBe(false);
  });

  it('says why it did not read a missing file, a link out of the root, a folder', () => {
    const outside = project({ 'secret.json': '{}' });
    const dir = project({ 'src/a.ts': '' });
    symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'linked.json'));
    expect(readRegularFile(path.join(dir, 'none.json'), { root: dir, maxBytes: 100 })).toEqual({ ok: false, reason: 'missing' });
    expect(readRegularFile(path.join(dir, 'linked.json'), { root: dir, maxBytes: 100 })).toEqual({ ok: false, reason: 'outside-root' });
    expect(readRegularFile(path.join(dir, 'linked.json'), { maxBytes: 100 }).ok).toBe(true);
    expect(readRegularFile(path.join(dir, 'src'), { root: dir, maxBytes: 100 })).toEqual({ ok: false, reason: 'not-a-file' });
  });

  it.skipIf(process.platform === 'win32')('never blocks on a FIFO and never reads a device', () => {
    const dir = project({});
    const fifo = path.join(dir, 'package.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(readRegularFile(fifo, { root: dir, maxBytes: 100 })).toEqual({ ok: false, reason: 'not-a-file' });
    expect(isRegularFile(fifo, 100)).toBe(false);
    symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    expect(readRegularFile(path.join(dir, 'zero.json'), { maxBytes: 100 })).toEqual({ ok: false, reason: 'not-a-file' });
    writeFileSync(path.join(dir, 'after.json'), '{}');
    expect(readRegularFile(path.join(dir, 'after.json'), { root: dir, maxBytes: 100 }).ok).toBe(true);
  });
});
