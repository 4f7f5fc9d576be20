import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

interface PackResult {
  files: { path: string }[];
}

/** What `npm publish` would put in the tarball, without writing one (and without the network). */
function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const output = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [result] = JSON.parse(output) as PackResult[];
  return (result?.files ?? []).map((file) => file.path).sort();
}

/** Relative link targets of a markdown text: `[text](target)`, without web links and pure anchors. */
export function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/gu, '').replace(/`[^`\n]*`/gu, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/gu)]
    .map((match) => match[1] ?? '')
    .filter((target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/iu.test(target) && !target.startsWith('#'));
}

describe('the packed package', () => {
  const files = packedFiles();
  const shipped = new Set(files);
  const isShipped = (target: string): boolean => shipped.has(target) || files.some((file) => file.startsWith(`${target.replace(/\/$/u, '')}/`));

  it('ships the built plugin, its types, the command, the docs, the README and the license', () => {
    for (const file of ['dist/src/bundle.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/audit/cli.js', 'README.md', 'LICENSE', 'package.json', 'docs/typed-linting.md']) {
      expect(shipped.has(file), file).toBe(true);
    }
    expect(files.filter((file) => /\.test\.|^dist\/(tests|tools|bench)\/|^(src|rules|tests|fixtures)\//u.test(file))).toEqual([]);
  });

  it('resolves every relative link of its markdown files to a file it ships', () => {
    const broken: string[] = [];
    for (const file of files.filter((name) => name.endsWith('.md'))) {
      const markdown = readFileSync(path.join(root, file), 'utf8');
      for (const link of relativeLinks(markdown)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(link.split('#')[0] ?? '')));
        if (!isShipped(target)) broken.push(`${file}: ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('relativeLinks', () => {
  it('finds relative links and skips web links, anchors and code', () => {
    const markdown = '[a](docs/a.md) [b](https://example.com/x) [c](#here) `[d](no.md)` [e](../e.md#part)\n```js\n[f](g.md)\n```\n';
    expect(relativeLinks(markdown)).toEqual(['docs/a.md', '../e.md#part']);
  });
});
