import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { formatFinding, parseExpectations, runPrecision } from '../tools/precision.js';

const root = path.resolve(import.meta.dirname, '..');
const untyped = await runPrecision({ plugin, root });
const typed = await runPrecision({ plugin, root, typed: true });
const services = [...new Set(untyped.files.map((file) => file.split('/')[2] ?? file))].sort();

function inService(service: string): (finding: { file: string }) => boolean {
  return (finding) => finding.file.split('/')[2] === service;
}

describe.each([
  ['precision harness', untyped],
  ['precision harness, typed', typed],
])('%s', (_title, report) => {
  it('lints the fixtures without a harness error', () => {
    expect(report.errors).toEqual([]);
  });

  describe.each(services)('%s', (service) => {
    it('reports every `// expect:` finding', () => {
      expect(report.missing.filter(inService(service)).map(formatFinding)).toEqual([]);
    });

    it('reports nothing else', () => {
      expect(report.extra.filter(inService(service)).map(formatFinding)).toEqual([]);
    });
  });
});

describe('parseExpectations', () => {
  it('reads line comments, block comments and JSX comments', () => {
    const source = [
      'let a = 0;',
      'a++; // expect: no-module-state',
      'globalThis.x = req.body; // expect: stateless/no-global-state, no-request-leak',
      '  <p>{hits}</p> {/* expect: no-module-state */}',
      'const note = "// expect: in a string is still a comment at line end"; // expect: no-request-leak',
      '// a comment that mentions expect: but is prose.',
      'recordHit(req.ip); // expect-typed: no-module-state',
    ].join('\n');
    expect(parseExpectations(source, true).get(7)).toEqual(new Set(['no-module-state']));
    expect(parseExpectations(source)).toEqual(
      new Map([
        [2, new Set(['no-module-state'])],
        [3, new Set(['no-global-state', 'no-request-leak'])],
        [4, new Set(['no-module-state'])],
        [5, new Set(['no-request-leak'])],
      ]),
    );
  });
});
