import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package's version, read without loading the plugin (and with it ESLint and TypeScript). */
export function toolVersion(): string {
  return (require('eslint-plugin-stateless/package.json') as { version: string }).version;
}
