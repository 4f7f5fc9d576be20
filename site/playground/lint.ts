import type { Linter } from 'eslint';
import plugin from '../../src/index.js';
import type { ConfigName } from './state.js';

/**
 * What the playground lints with: the plugin's shipped config, as a user's `eslint.config.js` would
 * list it, on a file at `/<file>` of a project rooted at `/`. The configs bring the plugin's parser
 * (`@typescript-eslint/parser` for TypeScript, ESLint's espree for JavaScript, both bundled through
 * `shims/module.ts`); JSX is on for `.jsx` and `.tsx`. No program is built:
 * the type-checked configs need a TypeScript project on disk, which a browser does not have.
 */
export function playgroundConfig(config: ConfigName, file: string): Linter.Config[] {
  const jsx = /\.[jt]sx$/u.test(file);
  return [
    plugin.configs[config],
    { files: ['**/*'], languageOptions: { parserOptions: { ecmaFeatures: { jsx } } } },
  ];
}

export function playgroundPath(file: string): string {
  return `/${file}`;
}

/** The rules a config turns on, for the page's config picker. */
export function rulesOf(config: ConfigName): string[] {
  return Object.keys(plugin.configs[config].rules ?? {}).map((id) => id.replace(/^stateless\//u, ''));
}

/**
 * The config in which a rule runs with its default options, the way the docs tests lint the rule
 * pages' examples: `recommended` when it is there, else the first config that lists it without options.
 */
export function exampleConfigFor(rule: string): ConfigName {
  const order: ConfigName[] = ['recommended', 'strict', 'serverless', 'all'];
  const found = order.find((config) => {
    const entry = plugin.configs[config].rules?.[`stateless/${rule}`];
    return entry === 'error' || (Array.isArray(entry) && entry.length === 1);
  });
  if (found === undefined) throw new Error(`No config runs stateless/${rule} with its default options.`);
  return found;
}
