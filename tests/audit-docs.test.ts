import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/audit/cli.js';
import { capture, repoRoot } from './audit-helpers.js';

// The examples of docs/audit.md are runs of the command: each `<!-- example -->` block names the
// command line, lines of its output (`…` for lines or text left out) and its exit code.

// Each example runs the command's `main` in this thread, with a piped standard output and NO_COLOR, as
// the examples show it: starting a process for each would load TypeScript and ESLint a dozen times
// over. The process around it (the exit code, the streams, the environment) has its own tests in
// audit-process.test.ts and audit-cli.test.ts.

interface Example {
  readonly args: string[];
  readonly lines: string[];
  readonly exitCode: number;
}

function examples(): Example[] {
  const lines = readFileSync(path.join(repoRoot, 'docs', 'audit.md'), 'utf8').split('\n');
  const found: Example[] = [];
  lines.forEach((line, index) => {
    if (line !== '<!-- example -->') return;
    const end = lines.findIndex((candidate, at) => at > index + 1 && candidate.startsWith('```'));
    const block = lines.slice(index + 2, end);
    const command = block[0] ?? '';
    const exit = /^exit code (\d)$/u.exec(block.at(-1) ?? '');
    if (!command.startsWith('$ stateless-audit ') || !exit) throw new Error(`docs/audit.md line ${String(index + 1)}: an example starts with "$ stateless-audit" and ends with "exit code N"`);
    found.push({ args: command.slice('$ stateless-audit '.length).split(' '), lines: block.slice(1, -1), exitCode: Number(exit[1]) });
  });
  return found;
}

/** Whether `expected` lines appear in `actual` in order; `…` alone skips lines, inside a line it stands for any text. */
function matches(actual: readonly string[], expected: readonly string[]): boolean {
  const patterns = expected.map((line) => (line === '…' ? null : new RegExp(`^${line.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('.*')}$`, 'u')));
  let at = 0;
  // The first line shown may come after others (the header, which names the version).
  let gap = true;
  for (const pattern of patterns) {
    if (pattern === null) {
      gap = true;
      continue;
    }
    while (at < actual.length && !pattern.test(actual[at] ?? '')) {
      if (!gap) return false;
      at++;
    }
    if (at >= actual.length) return false;
    at++;
    gap = false;
  }
  return true;
}

describe('the examples of docs/audit.md', () => {
  const all = examples();

  it('are there', () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
  });

  it.each(all.map((example) => [example.args.join(' '), example]))('stateless-audit %s', async (_command, example) => {
    const captured = capture({ env: { NO_COLOR: '1' } });
    const code = await main(example.args, captured.io);
    const output = `${captured.stdout()}${captured.stderr()}`.split('\n').map((line) => line.trimEnd());
    expect(matches(output, example.lines), output.join('\n')).toBe(true);
    expect(code).toBe(example.exitCode);
  });
});
