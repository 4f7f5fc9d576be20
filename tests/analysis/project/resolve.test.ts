import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES, projectResolver } from '../../../src/analysis/project/resolve.js';

/** Writes `files` under a new temporary folder; a value `{ symlink }` makes a symbolic link to it. */
function project(files: Record<string, string | { symlink: string }>): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'stateless-resolve-')));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'string') writeFileSync(file, content);
    else symlinkSync(content.symlink, file);
  }
  roots.push(root);
  return root;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** Resolves `specifier` from `from` (a path under `root`) and answers with a path under `root`. */
function resolveIn(root: string, from: string, specifier: string, kind?: 'import' | 'require'): string | undefined {
  const fromFile = path.join(root, from);
  const found = projectResolver(fromFile).resolve(specifier, fromFile, kind);
  return found === undefined ? undefined : path.relative(root, found);
}

describe('relative imports, by TypeScript’s extension rules', () => {
  let root = '';
  beforeAll(() => {
    root = project({
      'src/app.ts': '',
      'src/x.ts': '',
      'src/m.mts': '',
      'src/c.cts': '',
      'src/view.tsx': '',
      'src/plain.js': '',
      'src/legacy.js': '',
      'src/legacy.d.ts': '',
      'src/only-types.d.ts': '',
      'src/data.json': '{}',
      'src/dir/index.ts': '',
      'src/jsdir/index.js': '',
      'src/both.ts': '',
      'src/both.js': '',
    });
  });

  it.each([
    ['./x.js', 'src/x.ts'],
    ['./x', 'src/x.ts'],
    ['./x.ts', 'src/x.ts'],
    ['./m.mjs', 'src/m.mts'],
    ['./c.cjs', 'src/c.cts'],
    ['./view.js', 'src/view.tsx'],
    ['./view.jsx', 'src/view.tsx'],
    ['./view', 'src/view.tsx'],
    ['./plain.js', 'src/plain.js'],
    ['./plain', 'src/plain.js'],
    ['./legacy', 'src/legacy.js'],
    ['./dir', 'src/dir/index.ts'],
    ['./dir/', 'src/dir/index.ts'],
    ['./dir/index.js', 'src/dir/index.ts'],
    ['./jsdir', 'src/jsdir/index.js'],
    ['./both', 'src/both.ts'],
    ['./both.js', 'src/both.ts'],
    ['../src/x', 'src/x.ts'],
  ])('%s → %s', (specifier, expected) => {
    expect(resolveIn(root, 'src/app.ts', specifier)).toBe(expected);
  });

  it.each([['./only-types'], ['./data.json'], ['./missing'], ['./missing.js']])('%s → nothing (no script of the project)', (specifier) => {
    expect(resolveIn(root, 'src/app.ts', specifier)).toBeUndefined();
  });

  it('answers nothing for Node builtins, with or without node:', () => {
    expect(resolveIn(root, 'src/app.ts', 'fs')).toBeUndefined();
    expect(resolveIn(root, 'src/app.ts', 'node:fs')).toBeUndefined();
  });
});

describe('tsconfig paths and baseUrl', () => {
  it('maps a paths alias, and a bare name through baseUrl', () => {
    const root = project({
      'tsconfig.json': json({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'], '@config': ['./config/index.ts'] } } }),
      'src/lib/rooms.ts': '',
      'src/api/route.ts': '',
      'config/index.ts': '',
    });
    expect(resolveIn(root, 'src/api/route.ts', '@/lib/rooms')).toBe('src/lib/rooms.ts');
    expect(resolveIn(root, 'src/api/route.ts', '@/lib/rooms.js')).toBe('src/lib/rooms.ts');
    expect(resolveIn(root, 'src/api/route.ts', '@config')).toBe('config/index.ts');
    expect(resolveIn(root, 'src/api/route.ts', 'src/lib/rooms')).toBe('src/lib/rooms.ts');
  });

  it('follows an extends chain, through a relative file and a package', () => {
    const root = project({
      'tsconfig.json': json({ extends: './tsconfig.base.json' }),
      'tsconfig.base.json': json({ extends: '@acme/tsconfig/paths.json', compilerOptions: { strict: true } }),
      'node_modules/@acme/tsconfig/package.json': json({ name: '@acme/tsconfig', version: '1.0.0' }),
      // paths without baseUrl are relative to the config file that declares them.
      'node_modules/@acme/tsconfig/paths.json': json({ compilerOptions: { paths: { '~/*': ['../../../src/*'] } } }),
      'src/lib/rooms.ts': '',
      'src/api/route.ts': '',
    });
    expect(resolveIn(root, 'src/api/route.ts', '~/lib/rooms')).toBe('src/lib/rooms.ts');
  });

  it('uses the nearest tsconfig in a monorepo without references', () => {
    const root = project({
      'tsconfig.json': json({ compilerOptions: { strict: true } }),
      'packages/a/tsconfig.json': json({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'packages/a/src/store.ts': '',
      'packages/a/src/api.ts': '',
      'packages/b/tsconfig.json': json({ compilerOptions: { paths: { '@/*': ['./lib/*'] } } }),
      'packages/b/lib/store.ts': '',
      'packages/b/lib/api.ts': '',
    });
    expect(resolveIn(root, 'packages/a/src/api.ts', '@/store')).toBe('packages/a/src/store.ts');
    expect(resolveIn(root, 'packages/b/lib/api.ts', '@/store')).toBe('packages/b/lib/store.ts');
  });
});

describe('jsconfig.json paths', () => {
  it('maps the aliases of a JavaScript project’s jsconfig.json, and prefers a tsconfig.json beside it', () => {
    const root = project({
      'jsconfig.json': json({ compilerOptions: { baseUrl: '.', paths: { '@/models/*': ['src/models/*'] } } }),
      'src/models/session.js': '',
      'src/helpers/attach.js': '',
      'web/tsconfig.json': json({ compilerOptions: { paths: { '@/models/*': ['./models/*'] } } }),
      'web/jsconfig.json': json({ compilerOptions: { paths: { '@/models/*': ['./elsewhere/*'] } } }),
      'web/models/session.ts': '',
      'web/page.ts': '',
    });
    expect(resolveIn(root, 'src/helpers/attach.js', '@/models/session.js')).toBe('src/models/session.js');
    expect(resolveIn(root, 'src/helpers/attach.js', '@/models/session', 'require')).toBe('src/models/session.js');
    expect(resolveIn(root, 'web/page.ts', '@/models/session')).toBe('web/models/session.ts');
  });

  it('uses the nearer of a jsconfig.json and a tsconfig.json above it', () => {
    const root = project({
      'tsconfig.json': json({ compilerOptions: { paths: { '@/*': ['./shared/*'] } } }),
      'shared/store.ts': '',
      'app/jsconfig.json': json({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'app/src/store.js': '',
      'app/src/route.js': '',
    });
    expect(resolveIn(root, 'app/src/route.js', '@/store')).toBe('app/src/store.js');
  });
});

describe('package.json imports', () => {
  let root = '';
  beforeAll(() => {
    root = project({
      'package.json': json({
        name: 'svc',
        type: 'module',
        imports: {
          '#lib/*': './src/lib/*.js',
          '#db': { import: './src/db-esm.ts', require: './src/db-cjs.ts', default: './src/db.ts' },
          '#config': { types: './src/config.ts', default: './dist/config.js' },
          '#env': { node: './src/env-node.ts', default: './src/env-browser.ts' },
          '#fallback': { browser: './src/browser.ts', default: './src/server.ts' },
        },
      }),
      'src/lib/rooms.ts': '',
      'src/db-esm.ts': '',
      'src/db-cjs.ts': '',
      'src/db.ts': '',
      'src/config.ts': '',
      'src/env-node.ts': '',
      'src/env-browser.ts': '',
      'src/browser.ts': '',
      'src/server.ts': '',
      'src/app.ts': '',
    });
  });

  it('maps a wildcard alias to the TypeScript source of the .js it names', () => {
    expect(resolveIn(root, 'src/app.ts', '#lib/rooms')).toBe('src/lib/rooms.ts');
  });

  it('picks the import or require condition by the kind of import', () => {
    expect(resolveIn(root, 'src/app.ts', '#db', 'import')).toBe('src/db-esm.ts');
    expect(resolveIn(root, 'src/app.ts', '#db', 'require')).toBe('src/db-cjs.ts');
  });

  it('takes types, node and default conditions, and skips browser', () => {
    expect(resolveIn(root, 'src/app.ts', '#config')).toBe('src/config.ts');
    expect(resolveIn(root, 'src/app.ts', '#env')).toBe('src/env-node.ts');
    expect(resolveIn(root, 'src/app.ts', '#fallback')).toBe('src/server.ts');
  });

  it('answers nothing for an alias the map does not have', () => {
    expect(resolveIn(root, 'src/app.ts', '#nope')).toBeUndefined();
  });
});

describe('packages', () => {
  let root = '';
  beforeAll(() => {
    root = project({
      'package.json': json({ name: 'monorepo', private: true }),
      'apps/api/package.json': json({ name: 'api', dependencies: { '@acme/shared': 'workspace:*', '@acme/built': 'workspace:*', express: '5' } }),
      'apps/api/src/app.ts': '',
      'apps/api/node_modules/@acme/shared': { symlink: '../../../../packages/shared' },
      'apps/api/node_modules/@acme/built': { symlink: '../../../../packages/built' },
      'packages/shared/package.json': json({ name: '@acme/shared', exports: { '.': { types: './src/index.ts', default: './dist/index.js' }, './rooms': './src/rooms.ts' } }),
      'packages/shared/src/index.ts': '',
      'packages/shared/src/rooms.ts': '',
      'packages/built/package.json': json({ name: '@acme/built', exports: { types: './dist/index.d.ts', default: './dist/index.js' } }),
      'packages/built/dist/index.d.ts': '',
      'packages/built/dist/index.js': '',
      'node_modules/express/package.json': json({ name: 'express', main: 'index.js' }),
      'node_modules/express/index.js': '',
      'node_modules/typed/package.json': json({ name: 'typed', exports: { types: './src/index.ts', default: './dist/index.js' } }),
      'node_modules/typed/src/index.ts': '',
    });
  });

  it('returns a workspace package, whose real path lies outside node_modules, at its sources', () => {
    expect(resolveIn(root, 'apps/api/src/app.ts', '@acme/shared')).toBe('packages/shared/src/index.ts');
    expect(resolveIn(root, 'apps/api/src/app.ts', '@acme/shared/rooms')).toBe('packages/shared/src/rooms.ts');
  });

  it('returns the JavaScript of a workspace package whose types are declaration files', () => {
    expect(resolveIn(root, 'apps/api/src/app.ts', '@acme/built')).toBe('packages/built/dist/index.js');
  });

  it('never returns a file inside node_modules', () => {
    expect(resolveIn(root, 'apps/api/src/app.ts', 'express')).toBeUndefined();
    expect(resolveIn(root, 'apps/api/src/app.ts', 'typed')).toBeUndefined();
    expect(resolveIn(root, 'apps/api/src/app.ts', 'not-installed')).toBeUndefined();
  });
});

describe('broken or hostile configuration', () => {
  it('treats a tsconfig that is not JSON as no aliases, and still resolves relative imports', () => {
    const root = project({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } ',
      'src/a.ts': '',
      'src/b.ts': '',
    });
    expect(resolveIn(root, 'src/a.ts', './b.js')).toBe('src/b.ts');
    expect(resolveIn(root, 'src/a.ts', '@/b')).toBeUndefined();
  });

  it('treats a tsconfig whose extends does not resolve as no aliases', () => {
    const root = project({
      'tsconfig.json': json({ extends: '@missing/tsconfig/base.json', compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/a.ts': '',
      'src/b.ts': '',
    });
    expect(resolveIn(root, 'src/a.ts', './b')).toBe('src/b.ts');
    expect(resolveIn(root, 'src/a.ts', '@/b')).toBeUndefined();
  });

  it('does not read a tsconfig that is a symbolic link to /dev/zero', () => {
    const root = project({ 'tsconfig.json': { symlink: '/dev/zero' }, 'src/a.ts': '', 'src/b.ts': '' });
    expect(resolveIn(root, 'src/a.ts', './b')).toBe('src/b.ts');
  });

  it('does not read a tsconfig that extends /dev/zero', () => {
    const root = project({
      'tsconfig.json': json({ extends: './zero.json', compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'zero.json': { symlink: '/dev/zero' },
      'src/a.ts': '',
      'src/b.ts': '',
    });
    expect(resolveIn(root, 'src/a.ts', './b')).toBe('src/b.ts');
    expect(resolveIn(root, 'src/a.ts', '@/b')).toBeUndefined();
  });

  it(`does not read a tsconfig over ${MAX_CONFIG_BYTES} bytes`, () => {
    const padding = ' '.repeat(MAX_CONFIG_BYTES);
    const root = project({ 'tsconfig.json': `${json({ compilerOptions: { paths: { '@/*': ['./src/*'] } } })}${padding}`, 'src/a.ts': '', 'src/b.ts': '' });
    expect(resolveIn(root, 'src/a.ts', './b')).toBe('src/b.ts');
    expect(resolveIn(root, 'src/a.ts', '@/b')).toBeUndefined();
  });

  it('answers nothing under a package.json that is a symbolic link to /dev/zero', () => {
    const root = project({ 'package.json': { symlink: '/dev/zero' }, 'src/a.ts': '', 'src/b.ts': '' });
    expect(resolveIn(root, 'src/a.ts', './b')).toBeUndefined();
  });

  it('answers nothing for a package whose package.json is a symbolic link to /dev/zero', () => {
    const root = project({
      'packages/zero/package.json': { symlink: '/dev/zero' },
      'packages/zero/index.ts': '',
      'node_modules/zero': { symlink: '../packages/zero' },
      'src/a.ts': '',
    });
    expect(resolveIn(root, 'src/a.ts', 'zero')).toBeUndefined();
  });

  it('never throws, whatever it is given', () => {
    const root = project({ 'src/a.ts': '' });
    const resolver = projectResolver(path.join(root, 'src/a.ts'));
    for (const [specifier, from] of [
      ['', path.join(root, 'src/a.ts')],
      ['./a', ''],
      ['./a', 'relative/file.ts'],
      ['./x\0y', path.join(root, 'src/a.ts')],
      ['#', path.join(root, 'src/a.ts')],
      ['@', path.join(root, 'src/a.ts')],
      ['./a', path.join(root, 'missing/dir/file.ts')],
    ] as const) {
      expect(() => resolver.resolve(specifier, from)).not.toThrow();
    }
    expect(resolver.resolve('./a', path.join(root, 'missing/dir/file.ts'))).toBeUndefined();
  });
});

describe('the cache, between two lints', () => {
  const touch = (file: string, seconds: number): void => {
    utimesSync(file, seconds, seconds);
  };

  it.each([['tsconfig.json'], ['tsconfig.base.json']])('sees an edited %s (the tsconfig, or the base it extends) at the next lint', (edited) => {
    const paths = (folder: string): string => json({ compilerOptions: { paths: { '@/*': [`./${folder}/*`] } } });
    const root = project({
      'tsconfig.json': edited === 'tsconfig.json' ? paths('one') : json({ extends: './tsconfig.base.json' }),
      'tsconfig.base.json': paths('one'),
      'one/store.ts': '',
      'two/store.ts': '',
      'src/a.ts': '',
    });
    expect(resolveIn(root, 'src/a.ts', '@/store')).toBe('one/store.ts');
    writeFileSync(path.join(root, edited), paths('two'));
    touch(path.join(root, edited), 2_000_000_000);
    expect(resolveIn(root, 'src/a.ts', '@/store')).toBe('two/store.ts');
  });

  it('finds a file created after an import of it was resolved, and forgets a deleted one', () => {
    const root = project({ 'src/a.ts': '' });
    expect(resolveIn(root, 'src/a.ts', './later')).toBeUndefined();
    writeFileSync(path.join(root, 'src/later.ts'), '');
    touch(path.join(root, 'src'), 2_000_000_000);
    expect(resolveIn(root, 'src/a.ts', './later')).toBe('src/later.ts');
    unlinkSync(path.join(root, 'src/later.ts'));
    expect(resolveIn(root, 'src/a.ts', './later')).toBeUndefined();
  });

  it('gives the same answer twice within one lint', () => {
    const root = project({ 'src/a.ts': '', 'src/b.ts': '' });
    const from = path.join(root, 'src/a.ts');
    const resolver = projectResolver(from);
    const first = resolver.resolve('./b', from);
    expect(first).toBe(path.join(root, 'src/b.ts'));
    expect(resolver.resolve('./b', from)).toBe(first);
  });
});
