import path from 'node:path';
import type { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { createESLint, listSourceFiles, relativePath, SERVICES_DIR } from '../tools/fixtures.js';

// The peer range is `^9 || ^10`: the shipped config must lint the same on both majors.
const root = path.resolve(import.meta.dirname, '..');
const files = listSourceFiles(path.join(root, SERVICES_DIR));

function findings(results: ESLint10.LintResult[] | ESLint9.LintResult[]): string[] {
  return results.flatMap((result) =>
    result.messages.map(
      (message) =>
        `${relativePath(root, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.message}`,
    ),
  );
}

describe('ESLint 9', () => {
  it('is the major this test means', () => {
    expect(ESLint9.version).toMatch(/^9\./);
  });

  it('reports on the fixture services exactly what ESLint 10 reports', async () => {
    const eslint9 = new ESLint9({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended],
    });
    const [on9, on10] = await Promise.all([
      eslint9.lintFiles(files),
      createESLint(plugin, root, 'recommended').lintFiles(files),
    ]);
    expect(findings(on9)).toEqual(findings(on10));
    expect(findings(on9).filter((finding) => finding.includes(' fatal '))).toEqual([]);
  });
});
