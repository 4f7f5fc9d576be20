import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { WriteCollector, type StateWrite } from './writes.js';

/** Names of the global object in Node, browsers, Workers and Deno. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
/** The global objects and `process`, whose `env` is global too. */
const GLOBAL_NAMES: ReadonlySet<string> = new Set([...GLOBAL_OBJECTS, 'process']);
/**
 * The browser's own objects: `window.location.href = url` navigates, `window.document.title = …`
 * changes the page. Writes through them hold nothing for a later request.
 */
const BROWSER_OBJECTS: ReadonlySet<string> = new Set(['location', 'document', 'history', 'navigator', 'localStorage', 'sessionStorage']);

export interface GlobalWrite {
  /** `globalThis.currentUser`, `process.env.API_URL`, `process.env[…]`. */
  readonly name: string;
  readonly write: StateWrite;
}

function displayName(root: string, path: string): string {
  let name = root;
  for (const part of path.split('.')) {
    if (part === '') continue;
    name += part === '*' ? '[…]' : `.${part}`;
  }
  return name;
}

/** Writes to properties of the global object and to `process.env`, from references the file leaves unresolved. */
export function collectGlobalWrites(sourceCode: Readonly<TSESLint.SourceCode>, globalScope: TSESLint.Scope.Scope): GlobalWrite[] {
  const result: GlobalWrite[] = [];
  // Unresolved references, plus references to globals that a scope manager declares from its
  // type libraries (typescript-eslint resolves `globalThis` and `process` to implicit variables).
  const references = globalScope.through.filter((reference) => GLOBAL_NAMES.has((reference.identifier as TSESTree.Identifier).name));
  for (const name of GLOBAL_NAMES) {
    // Looked up by name: the global scope declares every global of the type libraries.
    const variable = globalScope.set.get(name);
    if (variable?.defs.length === 0) references.push(...variable.references);
  }
  for (const reference of references) {
    const identifier = reference.identifier as TSESTree.Identifier;
    const name = identifier.name;
    const collector = new WriteCollector(sourceCode, 'object');
    collector.read(identifier, 0, '');
    for (const write of collector.writes) {
      // Calls on what a global holds (`globalThis.redis.set(…)`) are the object's business, not a write.
      if (write.kind === 'method') continue;
      if (name === 'process') {
        const isEnv = write.path === 'env' || write.path.startsWith('env.');
        if (!isEnv) continue;
      } else if ((write.depth < 1 && write.kind !== 'object') || BROWSER_OBJECTS.has(write.path.split('.')[0] ?? '')) {
        continue;
      }
      result.push({ name: displayName(name, write.path), write });
    }
  }
  return result;
}
