import { describe, expect, it } from 'vitest';
import { parseOptions, runsFor } from '../bench/bench.js';

describe('npm run bench options', () => {
  it('defaults to three untyped and two typed sizes, three runs, CPU time', () => {
    expect(parseOptions([])).toEqual({ sizes: [250, 1000, 4000], typedSizes: [250, 1000], runs: 3, seed: 1, json: false, keep: false, write: false, clock: 'cpu' });
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
    });
  });

  it('an empty list skips that mode', () => {
    expect(parseOptions(['--typed-sizes=']).typedSizes).toEqual([]);
  });

  it.each([
    [['--typed-sizes', '0'], '--typed-sizes takes a comma-separated list of positive integers'],
    [['--sizes', 'many'], '--sizes takes a comma-separated list of positive integers'],
    [['--runs'], '--runs needs a value'],
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
});
