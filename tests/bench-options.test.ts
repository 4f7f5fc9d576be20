import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles, parseOptions, runsFor } from '../bench/bench.js';

describe('npm run bench options', () => {
  it('defaults to three untyped and two typed sizes, five runs, CPU time, no real corpus', () => {
    expect(parseOptions([])).toEqual({
      sizes: [250, 1000, 4000],
      typedSizes: [250, 1000],
      runs: 5,
      seed: 1,
      json: false,
      keep: false,
      write: false,
      clock: 'cpu',
      corpus: null,
      corpusFiles: null,
      corpusTypedFiles: null,
      rss: false,
      cold: 0,
    });
  });

  it('takes a real corpus folder, how many of its files each mode lints, and a memory run', () => {
    expect(parseOptions(['--corpus', 'services/medusa', '--corpus-files=800', '--corpus-typed-files', '300', '--rss', '--cold', '3'])).toMatchObject({
      corpus: path.resolve('services/medusa'),
      corpusFiles: 800,
      corpusTypedFiles: 300,
      rss: true,
      cold: 3,
    });
  });

  it('reads lists, numbers and flags, inline or as the next argument', () => {
    expect(parseOptions(['--sizes', '100,200', '--typed-sizes=50', '--runs=5', '--seed', '7', '--clock', 'wall', '--json', '--keep', '--write'])).toEqual({
      sizes: [100, 200],
      typedSizes: [50],
      runs: 5,
      seed: 7,
      json: true,
      keep: true,
      write: true,
      clock: 'wall',
      corpus: null,
      corpusFiles: null,
      corpusTypedFiles: null,
      rss: false,
      cold: 0,
    });
  });

  it('an empty list skips that mode', () => {
    expect(parseOptions(['--typed-sizes=']).typedSizes).toEqual([]);
  });

  it.each([
    [['--typed-sizes', '0'], '--typed-sizes takes a comma-separated list of positive integers'],
    [['--sizes', 'many'], '--sizes takes a comma-separated list of positive integers'],
    [['--runs'], '--runs needs a value'],
    [['--cold', '-1'], '--cold takes a comma-separated list of positive integers'],
    [['--clock', 'gpu'], '--clock takes cpu or wall'],
    [['--fast'], 'Unknown argument --fast'],
  ])('%j is refused with a message that names the mistake', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });

  it('gives small corpora more runs, so every median rests on about as many files', () => {
    expect(runsFor(3, 250)).toBe(6);
    expect(runsFor(3, 1000)).toBe(3);
    expect(runsFor(3, 4000)).toBe(3);
  });

  it('a real corpus is its service sources in path order: no tests, fixtures, declarations, build output or node_modules', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bench-corpus-'));
    try {
      const files = ['b/src/index.ts', 'a/src/app.js', 'a/src/routes/user.tsx', 'a/src/user.spec.ts', 'a/src/__tests__/x.ts', 'a/src/types.d.ts', 'a/dist/index.js', 'a/node_modules/p/index.js', 'a/src/readme.md', 'a/integration-tests/run.ts'];
      for (const file of files) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), '');
      }
      expect(corpusFiles(root).map((file) => path.relative(root, file).split(path.sep).join('/'))).toEqual(['a/src/app.js', 'a/src/routes/user.tsx', 'b/src/index.ts']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
