import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { rules } from '../rules/index.js';
import type { StatelessRuleDocs } from './util/create-rule.js';

const require = createRequire(import.meta.url);
const { name, version } = require('eslint-plugin-stateless/package.json') as { name: string; version: string };

type ConfigName = 'recommended' | 'strict' | 'all' | 'serverless' | 'recommended-type-checked' | 'strict-type-checked';

export interface StatelessPlugin {
  meta: { name: string; version: string; namespace: 'stateless' };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

/** The file types every config applies to: JavaScript and TypeScript, ESM and CommonJS. */
const SOURCE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/** TypeScript files, which the type-checked configs lint with a program (`projectService`). */
const TYPESCRIPT_FILES = ['**/*.{ts,mts,cts,tsx}'];

/** Options a rule takes in `strict`, where they differ from its defaults. */
const STRICT_OPTIONS: Partial<Record<keyof typeof rules, unknown>> = {
  'no-module-state': { lifetimes: ['request', 'unknown'], reportCaches: true },
  'no-global-state': { lifetimes: ['request', 'unknown'] },
  'no-memory-store': { kinds: ['rate-limit', 'loader', 'pubsub', 'realtime', 'queue', 'cache', 'lock', 'upload-buffer'] },
  'no-instance-state': { lifetimes: ['request', 'unknown'], reportCaches: true },
  'no-local-files': { lifetimes: ['request', 'unknown'] },
};

/**
 * Options a rule takes in `serverless` (Lambda, Workers, Vercel functions), over `recommended`:
 * a warm instance reuses module state across invocations, so writes whose callers the file cannot
 * see count too; `/tmp` is per instance and every file is server code; timers do not fire while an
 * instance is frozen, and in-memory refresh jobs leave stale data.
 */
const SERVERLESS_OPTIONS: Partial<Record<keyof typeof rules, unknown>> = {
  'no-module-state': { lifetimes: ['request', 'unknown'] },
  'no-global-state': { lifetimes: ['request', 'unknown'] },
  'no-instance-state': { lifetimes: ['request', 'unknown'], assumeServer: true },
  'no-memory-store': { assumeServer: true },
  'no-local-files': { lifetimes: ['request', 'unknown'], assumeServer: true },
  'no-process-timers': { assumeServer: true, reportRefresh: true },
};

function docsOf(ruleName: keyof typeof rules): StatelessRuleDocs {
  return rules[ruleName].meta.docs ?? {};
}

function ruleEntries(pick: (docs: StatelessRuleDocs) => boolean, strict: boolean): TSESLint.FlatConfig.Rules {
  const entries: TSESLint.FlatConfig.Rules = {};
  for (const ruleName of Object.keys(rules) as (keyof typeof rules)[]) {
    if (!pick(docsOf(ruleName))) continue;
    const strictOptions = strict ? STRICT_OPTIONS[ruleName] : undefined;
    entries[`stateless/${ruleName}`] = strictOptions === undefined ? 'error' : ['error', strictOptions];
  }
  return entries;
}

const plugin: StatelessPlugin = {
  meta: { name, version, namespace: 'stateless' },
  rules,
  configs: {} as StatelessPlugin['configs'],
};

function config(configName: ConfigName, entries: TSESLint.FlatConfig.Rules): TSESLint.FlatConfig.Config {
  return {
    name: `stateless/${configName}`,
    files: SOURCE_FILES,
    plugins: { stateless: plugin },
    languageOptions: { parser: tsParser },
    rules: entries,
  };
}

/**
 * The same rules with type information for TypeScript files: imported module state, imported
 * functions that write their own module's state, handlers recognised by parameter types.
 */
function typeChecked(configName: ConfigName, base: TSESLint.FlatConfig.Config): TSESLint.FlatConfig.Config {
  return {
    ...base,
    name: `stateless/${configName}`,
    files: TYPESCRIPT_FILES,
    languageOptions: { parser: tsParser, parserOptions: { projectService: true } },
  };
}

plugin.configs.recommended = config('recommended', ruleEntries((docs) => docs.recommended === true, false));
plugin.configs.strict = config(
  'strict',
  ruleEntries((docs) => docs.recommended === true || docs.strict === true, true),
);
plugin.configs.all = config('all', ruleEntries(() => true, true));
plugin.configs.serverless = config('serverless', {
  ...ruleEntries((docs) => docs.recommended === true, false),
  ...Object.fromEntries(Object.entries(SERVERLESS_OPTIONS).map(([ruleName, options]) => [`stateless/${ruleName}`, ['error', options]])),
});
plugin.configs['recommended-type-checked'] = typeChecked('recommended-type-checked', plugin.configs.recommended);
plugin.configs['strict-type-checked'] = typeChecked('strict-type-checked', plugin.configs.strict);

export default plugin;
// `require('eslint-plugin-stateless')` (Node 20.19+ loads ES modules with require) returns the plugin itself, not a namespace.
export { plugin as 'module.exports' };
