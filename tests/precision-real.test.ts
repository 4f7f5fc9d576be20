import { describe, expect, it } from 'vitest';
import { parseRealOptions, score } from '../tools/precision-real.js';
import { REAL_SERVICES, type RealService } from '../tools/real-services.js';

const service: RealService = {
  name: 'svc',
  repository: 'https://example.com/svc',
  commit: '0'.repeat(40),
  paths: ['src'],
  ignores: [],
  summary: 'a service',
  expected: [
    { file: 'src/a.js', line: 3, rule: 'no-module-state', why: 'a counter' },
    { file: 'src/b.js', line: 9, rule: 'no-memory-store', why: 'a limiter' },
  ],
  falsePositives: [{ file: 'src/c.js', line: 1, rule: 'no-module-state', why: 'a once-guard' }],
};

describe('npm run precision:real scoring', () => {
  it('counts right, wrong, unjudged and missed findings per rule and in total', () => {
    const report = score(
      [service],
      [
        { service: 'svc', file: 'src/a.js', line: 3, rule: 'no-module-state' },
        { service: 'svc', file: 'src/c.js', line: 1, rule: 'no-module-state' },
        { service: 'svc', file: 'src/d.js', line: 5, rule: 'no-module-state' },
      ],
    );
    expect(report.rules['no-module-state']).toEqual({ findings: 3, truePositives: 1, falsePositives: 2, unjudged: 1, missed: 0, precision: 1 / 3, recall: 1 });
    expect(report.rules['no-memory-store']).toEqual({ findings: 0, truePositives: 0, falsePositives: 0, unjudged: 0, missed: 1, precision: null, recall: 0 });
    expect(report.total).toMatchObject({ findings: 3, truePositives: 1, missed: 1, precision: 1 / 3, recall: 0.5 });
    expect(report.unjudged).toEqual([{ service: 'svc', file: 'src/d.js', line: 5, rule: 'no-module-state' }]);
    expect(report.missed.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['src/b.js:9']);
  });

  it('takes the snapshot folder, and refuses to run without one', () => {
    expect(parseRealOptions(['--dir', '/tmp/snapshots', '--json'])).toEqual({ dir: '/tmp/snapshots', json: true, write: false });
    expect(() => parseRealOptions([])).toThrow('--dir is required');
    expect(() => parseRealOptions(['--fast', '--dir=x'])).toThrow('Unknown argument --fast');
  });
});

describe('tools/real-services.ts', () => {
  it('pins every service to a full commit and judges each finding with a reason', () => {
    for (const entry of REAL_SERVICES) {
      expect(entry.commit, entry.name).toMatch(/^[0-9a-f]{40}$/u);
      for (const judged of [...entry.expected, ...entry.falsePositives]) {
        expect(judged.why.length, `${entry.name} ${judged.file}:${judged.line}`).toBeGreaterThan(10);
      }
    }
    expect(new Set(REAL_SERVICES.map((entry) => entry.name)).size).toBe(REAL_SERVICES.length);
  });
});
