import { AST_NODE_TYPES } from '@typescript-eslint/types';
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
  /** `globalThis.currentUser`, `process.env.API_URL`, `process.env[…]`, an implicit global `token`, `app.locals.user`. */
  readonly name: string;
  readonly write: StateWrite;
  /** The request object the place is reached through (`req` of `req.app`): a write only where it carries a request. */
  readonly via?: TSESTree.Node;
}

/** Names a CommonJS or script file assigns without declaring that are not the program's own state. */
const NOT_IMPLICIT: ReadonlySet<string> = new Set(['exports', 'module', 'require', 'undefined']);

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
  result.push(...implicitGlobalWrites(sourceCode, globalScope));
  return result;
}

/**
 * `token = body.access_token` with no declaration anywhere: in a sloppy-mode script or CommonJS file
 * that creates a property of the global object, which every later request reads.
 */
function implicitGlobalWrites(sourceCode: Readonly<TSESLint.SourceCode>, globalScope: TSESLint.Scope.Scope): GlobalWrite[] {
  const byName = new Map<string, TSESLint.Scope.Reference[]>();
  for (const reference of globalScope.through) {
    const name = (reference.identifier as TSESTree.Identifier).name;
    if (GLOBAL_NAMES.has(name) || NOT_IMPLICIT.has(name) || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
    const list = byName.get(name);
    if (list) list.push(reference);
    else byName.set(name, [reference]);
  }
  const result: GlobalWrite[] = [];
  for (const [name, references] of byName) {
    // Only a name the file assigns as a whole: one it only reads is some global it did not make.
    if (!references.some((reference) => reference.isWrite() && reference.init !== true)) continue;
    const collector = new WriteCollector(sourceCode, 'unknown');
    for (const reference of references) collector.reference(reference, 0, '');
    for (const write of collector.writes) result.push({ name: write.path === '' ? name : displayName(name, write.path), write });
  }
  return result;
}
