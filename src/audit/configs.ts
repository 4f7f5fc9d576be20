/**
 * The configs the plugin ships, by name; a test checks the list against `plugin.configs`. Kept
 * apart from the plugin so that the command line can check its arguments without loading ESLint.
 */
export const SHIPPED_CONFIGS = ['all', 'recommended', 'strict', 'serverless', 'recommended-type-checked', 'strict-type-checked'] as const;

export type ShippedConfig = (typeof SHIPPED_CONFIGS)[number];

/** The rules the audit runs: one of the plugin's configs, or the user's flat config file. */
export type ConfigChoice = { readonly kind: 'shipped'; readonly name: ShippedConfig } | { readonly kind: 'file'; readonly path: string };

export function isShippedConfig(name: string): name is ShippedConfig {
  return (SHIPPED_CONFIGS as readonly string[]).includes(name);
}
