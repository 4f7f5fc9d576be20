import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import type { StatelessPlugin } from '../src/index.js';

export type ConfigName = keyof StatelessPlugin['configs'];

/** File types a fixture service may use; the same set the shipped configs lint. */
export const SOURCE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

export const SERVICES_DIR = path.join('fixtures', 'services');

/** The repository root: the nearest folder upwards whose package.json is this package's. */
export function findRepoRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'eslint-plugin-stateless') return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`No eslint-plugin-stateless package.json above ${start}.`);
  }
}

/** Source files under `dir` (absolute), sorted, skipping any `node_modules`. */
export function listSourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE_EXTENSIONS.has(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes('node_modules'))
    .sort();
}

/** The project that typed runs lint the fixture services with. */
export const FIXTURES_TSCONFIG_DIR = 'fixtures';

/**
 * An ESLint instance that sees nothing but one of the plugin's shipped configs, as a user's would.
 * `typed` adds the matching type-checked config for TypeScript files, with `fixtures/tsconfig.json`.
 */
export function createESLint(plugin: StatelessPlugin, root: string, configName: ConfigName = 'recommended', typed = false): ESLint {
  const configs: Linter.Config[] = [plugin.configs[configName]];
  if (typed) {
    const typedName: ConfigName = configName === 'recommended' ? 'recommended-type-checked' : 'strict-type-checked';
    configs.push(plugin.configs[typedName], {
      files: ['**/*.{ts,mts,cts,tsx}'],
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: path.join(root, FIXTURES_TSCONFIG_DIR) } },
    });
  }
  return new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: configs });
}

/** Paths in reports are repository-relative with forward slashes, whatever the platform. */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
