import type { ESLint, Linter } from 'eslint';
import type { rules } from '../rules/index.js';
import { parseForESLint } from './parser.js';
import type { StatelessRuleDocs } from './util/create-rule.js';

export type ConfigName = 'recommended' | 'strict' | 'all' | 'serverless' | 'recommended-type-checked' | 'strict-type-checked';

type RuleName = keyof typeof rules;

/**
 * A shipped config: ESLint's own `Linter.Config`, so it goes into `defineConfig()`, typescript-eslint's
 * `config()` or a plain array, in TypeScript and in `// @ts-check` JavaScript alike.
 */
export type StatelessConfig = Linter.Config & { name: `stateless/${ConfigName}`; files: string[] };

/** The file types every config applies to: JavaScript and TypeScript, ESM and CommonJS. */
export const SOURCE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/** TypeScript files, which the type-checked configs lint with a program (`projectService`). */
export const TYPESCRIPT_FILES = ['**/*.{ts,mts,cts,tsx}'];

/** Options a rule takes in `strict`, where they differ from its defaults. */
const STRICT_OPTIONS: Partial<Record<RuleName, unknown>> = {
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
const SERVERLESS_OPTIONS: Partial<Record<RuleName, unknown>> = {
  'no-module-state': { lifetimes: ['request', 'unknown'] },
  'no-global-state': { lifetimes: ['request', 'unknown'] },
  'no-instance-state': { lifetimes: ['request', 'unknown'], assumeServer: true },
  'no-memory-store': { assumeServer: true },
  'no-local-files': { lifetimes: ['request', 'unknown'], assumeServer: true },
  'no-process-timers': { assumeServer: true, reportRefresh: true },
};

interface PluginParts {
  readonly plugin: ESLint.Plugin;
  readonly rules: typeof rules;
  readonly meta: { readonly name: string; readonly version: string };
}

/** The shipped configs of a plugin object, which each config carries as `stateless`. */
export function createConfigs({ plugin, rules: ruleModules, meta }: PluginParts): Record<ConfigName, StatelessConfig> {
  const ruleNames = Object.keys(ruleModules) as RuleName[];
  const docsOf = (ruleName: RuleName): StatelessRuleDocs => ruleModules[ruleName].meta.docs ?? {};

  const ruleEntries = (pick: (docs: StatelessRuleDocs) => boolean, strict: boolean): Linter.RulesRecord => {
    const entries: Linter.RulesRecord = {};
    for (const ruleName of ruleNames) {
      if (!pick(docsOf(ruleName))) continue;
      const strictOptions = strict ? STRICT_OPTIONS[ruleName] : undefined;
      entries[`stateless/${ruleName}`] = strictOptions === undefined ? 'error' : ['error', strictOptions];
    }
    return entries;
  };

  // One parser object for every config, named after the package so that ESLint's cache and
  // `--print-config` can tell it apart; see src/parser.ts for which files go where.
  const parser = { meta: { name: `${meta.name}/parser`, version: meta.version }, parseForESLint };

  const config = (configName: ConfigName, entries: Linter.RulesRecord): StatelessConfig => ({
    name: `stateless/${configName}`,
    files: SOURCE_FILES,
    plugins: { stateless: plugin },
    languageOptions: { parser },
    rules: entries,
  });

  /**
   * The same rules with type information for TypeScript files: imported module state, imported
   * functions that write their own module's state, handlers recognised by parameter types. The
   * project service looks for `tsconfig.json` files from the folder ESLint runs in; a config of
   * the user's own that sets `tsconfigRootDir` (`import.meta.dirname`) takes precedence.
   */
  const typeChecked = (configName: ConfigName, base: StatelessConfig): StatelessConfig => ({
    ...base,
    name: `stateless/${configName}`,
    files: TYPESCRIPT_FILES,
    languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: process.cwd() } },
  });

  const recommended = config('recommended', ruleEntries((docs) => docs.recommended === true, false));
  const strict = config('strict', ruleEntries((docs) => docs.recommended === true || docs.strict === true, true));
  return {
    recommended,
    strict,
    all: config('all', ruleEntries(() => true, true)),
    serverless: config('serverless', {
      ...ruleEntries((docs) => docs.recommended === true, false),
      ...Object.fromEntries(Object.entries(SERVERLESS_OPTIONS).map(([ruleName, options]) => [`stateless/${ruleName}`, ['error', options]])),
    }),
    'recommended-type-checked': typeChecked('recommended-type-checked', recommended),
    'strict-type-checked': typeChecked('strict-type-checked', strict),
  };
}
