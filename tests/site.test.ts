import { builtinModules, isBuiltin as nodeIsBuiltin } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteHref } from '../site/.vitepress/markdown.js';
import { exampleConfigFor, rulesOf } from '../site/playground/lint.js';
import { DEFAULT_STATE, fileNameProblem, formatHash, parseHash, splitMessage } from '../site/playground/state.js';

const root = path.resolve(import.meta.dirname, '..');

describe('playground hash', () => {
  it('round-trips a state, code with `&`, `#`, `+` and newlines included', () => {
    const state = { file: 'app/api/x/route.ts', config: 'serverless' as const, code: "let a = 1 + 2;\nconst q = '?x=1&y=#2';\n" };
    expect(formatHash(state)).toBe(
      '#file=app%2Fapi%2Fx%2Froute.ts&config=serverless&code=let%20a%20%3D%201%20%2B%202%3B%0Aconst%20q%20%3D%20\'%3Fx%3D1%26y%3D%232\'%3B%0A',
    );
    expect(parseHash(formatHash(state))).toEqual(state);
  });

  it('keeps a literal `+` of a hand-written link, and falls back on unknown or broken parts', () => {
    expect(parseHash('#code=count+1&config=nope&file=%E0')).toEqual({ ...DEFAULT_STATE, code: 'count+1' });
  });

  it('normalises the file name to a path under the project root', () => {
    expect(parseHash('#file=%2Fapp%2F%2Fapi%2F.%2Froute.ts').file).toBe('app/api/route.ts');
  });

  it('names a file the configs do not lint', () => {
    expect(fileNameProblem('handler.py')).toMatch(/^The configs lint \.js, .*`handler\.py` is none of them\.$/u);
    expect(fileNameProblem('handler.mts')).toBeUndefined();
  });
});

describe('splitMessage', () => {
  it('splits the problem from the alternative, not at a period inside backticks', () => {
    expect(splitMessage('`req.session.user` is kept in `cache.x`. Use Redis `SET` with a TTL.')).toEqual({
      problem: '`req.session.user` is kept in `cache.x`.',
      alternative: 'Use Redis `SET` with a TTL.',
    });
    expect(splitMessage('One sentence only.')).toEqual({ problem: 'One sentence only.', alternative: '' });
  });
});

describe('example links', () => {
  it('open each rule in a config that runs it with its default options', () => {
    expect(exampleConfigFor('no-module-state')).toBe('recommended');
    // no-process-timers is in recommended now; in strict it would run with the same (default) options.
    expect(rulesOf('recommended')).toContain('no-process-timers');
    expect(exampleConfigFor('no-process-timers')).toBe('recommended');
  });
});

describe('siteHref', () => {
  const layout = { root, base: '/', sourceUrl: undefined };
  const rulePage = path.join(root, 'docs', 'rules', 'no-module-state.md');

  it('maps links inside docs/ and to README.md onto the site', () => {
    expect(siteHref('../configuration.md#how-handlers-are-recognised', rulePage, layout)).toBe('/configuration.md#how-handlers-are-recognised');
    expect(siteHref('no-request-leak.md', rulePage, layout)).toBe('/rules/no-request-leak.md');
    expect(siteHref('../../README.md#rules', rulePage, layout)).toBe('/#rules');
    expect(siteHref('docs/rules/no-module-state.md', path.join(root, 'README.md'), layout)).toBe('/rules/no-module-state.md');
  });

  it('sends other repository files to the source browser, or drops the link without one', () => {
    const configuration = path.join(root, 'docs', 'configuration.md');
    expect(siteHref('../src/frameworks', configuration, layout)).toBeUndefined();
    expect(siteHref('../src/frameworks', configuration, { ...layout, sourceUrl: 'https://example.test/repo/tree/HEAD/' })).toBe(
      'https://example.test/repo/tree/HEAD/src/frameworks',
    );
  });

  it('leaves external links, anchors and site paths alone', () => {
    for (const href of ['https://eslint.org', '#options', '/playground.html', 'mailto:a@b.c']) expect(siteHref(href, rulePage, layout)).toBe(href);
  });
});

describe('the browser stand-in for node:module', () => {
  it("tells Node's own modules from packages as Node does", async () => {
    // Loaded by path: the shim imports the package manifest, which a static import would have the test build emit beside the tests.
    const shim = path.join(root, 'site', 'playground', 'shims', 'module.ts');
    const { isBuiltin } = (await import(shim)) as { isBuiltin: (specifier: string) => boolean };
    const names = [...builtinModules.filter((name) => !name.startsWith('_')), 'express', 'express-session', '@nestjs/throttler', 'events-x', 'node:fs', 'node:test'];
    expect(names.filter((name) => isBuiltin(name) !== nodeIsBuiltin(name))).toEqual([]);
  });
});
