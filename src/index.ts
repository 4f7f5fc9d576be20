import { createRequire } from 'node:module';
import type { ESLint, Rule } from 'eslint';
import { rules } from '../rules/index.js';
import { type ConfigName, createConfigs, type StatelessConfig } from './configs.js';

export type { ConfigName, StatelessConfig } from './configs.js';

const require = createRequire(import.meta.url);
const { name, version } = require('eslint-plugin-stateless/package.json') as { name: string; version: string };

/**
 * The plugin, typed with ESLint's own types, so that `plugins: { stateless }` and the configs type-check
 * in `defineConfig()`, typescript-eslint's `config()` and `// @ts-check` JavaScript. The rules are
 * written with typescript-eslint's types (`rules/index.ts` has them), which describe the same runtime
 * objects but are not assignable to ESLint's.
 */
export interface StatelessPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: 'stateless' };
  rules: Record<keyof typeof rules, Rule.RuleModule>;
  configs: Record<ConfigName, StatelessConfig>;
}

const plugin: StatelessPlugin = {
  meta: { name, version, namespace: 'stateless' },
  rules: rules as unknown as StatelessPlugin['rules'],
  configs: {} as StatelessPlugin['configs'],
};

// The configs name the plugin object itself, so they are attached once it exists.
Object.assign(plugin.configs, createConfigs({ plugin, rules, meta: plugin.meta }));

export default plugin;
// `require('eslint-plugin-stateless')` (Node 20.19+ loads ES modules with require) returns the plugin itself, not a namespace.
export { plugin as 'module.exports' };
