import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, ScopeType } from '../file/scope-types.js';
import { calleeName, propertyName, stringValue, unwrap } from '../file/ast.js';
import type { FileFacts } from '../facts.js';
import { CACHE_NAME } from '../state/state-kind.js';
import type { ModuleBinding } from '../state/writes.js';

/** A module-level Map, Set or object that holds sessions: keyed by session ids, tokens or cookies. */
export interface HandRolledSessionStore {
  readonly binding: ModuleBinding;
  /** The declarator to report (`sessions = new Map()`). */
  readonly node: TSESTree.Node;
  /** What gives it away, for the message: "a cookie", "the `authorization` header", "the session id", "a token", or "its name". */
  readonly evidence: string;
}

/** Words in a binding name that say it holds sessions or login tokens (`activeSessions`, `refresh_tokens`, `loggedInUsers`). */
const SESSION_WORDS = new Set(['session', 'sessions', 'sid', 'sids', 'token', 'tokens', 'login', 'logins', 'jwt', 'jwts', 'credential', 'credentials', 'bearer', 'auth']);
/** Words that make a session-like name about counting or limiting instead (`loginAttempts`, `tokenBuckets`). */
const NOT_SESSION_WORDS = new Set(['attempt', 'attempts', 'fail', 'failed', 'failure', 'failures', 'count', 'counts', 'counter', 'counters', 'hits', 'limit', 'limits', 'limiter', 'rate', 'throttle', 'bucket', 'buckets', 'lockout', 'lockouts', 'blocked']);
/** Identifier names of keys that are session handles. */
const SESSION_KEY_NAMES = /^(?:sid|sessionid|sessid|session_id|token|sessiontoken|accesstoken|refreshtoken|authtoken|bearer|bearertoken|jwt|apikey)$/iu;
const CONTAINERS = new Set(['map', 'set', 'object']);
const KEY_NODE_BUDGET = 80;
const ALIAS_DEPTH = 3;

const cache = new WeakMap<FileFacts, ReadonlyMap<ModuleBinding, HandRolledSessionStore>>();

/**
 * Whether a module binding is a hand-rolled session store, which `no-in-memory-session` reports
 * (so `no-module-state` can leave it alone). Independent of rule options.
 */
export function isHandRolledSessionStore(facts: FileFacts, binding: ModuleBinding): boolean {
  return storesOf(facts).has(binding);
}

/** Every hand-rolled session store of the file, in source order. */
export function handRolledSessionStores(facts: FileFacts): readonly HandRolledSessionStore[] {
  return [...storesOf(facts).values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function storesOf(facts: FileFacts): ReadonlyMap<ModuleBinding, HandRolledSessionStore> {
  let stores = cache.get(facts);
  if (!stores) {
    stores = compute(facts);
    cache.set(facts, stores);
  }
  return stores;
}

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .split(/[\s_$-]+/u)
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
}

function hasSessionName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((word) => NOT_SESSION_WORDS.has(word))) return false;
  if (words.some((word) => SESSION_WORDS.has(word))) return true;
  // `loggedInUsers`, `logged_in`
  return words.some((word, index) => word === 'logged' && words[index + 1] === 'in');
}

function compute(facts: FileFacts): Map<ModuleBinding, HandRolledSessionStore> {
  const result = new Map<ModuleBinding, HandRolledSessionStore>();
  const byBinding = new Map<ModuleBinding, FileFacts['moduleWrites'][number][]>();
  for (const write of facts.moduleWrites) {
    const binding = write.binding;
    if (!binding || binding.owner !== undefined || write.lazyInit || write.lifetime === 'startup' || write.write.key === undefined) continue;
    const list = byBinding.get(binding) ?? [];
    list.push(write);
    byBinding.set(binding, list);
  }
  for (const [binding, writes] of byBinding) {
    if (!CONTAINERS.has(binding.container) || !['const', 'let', 'var'].includes(binding.declarationKind) || CACHE_NAME.test(binding.name)) continue;
    const kind = facts.kindOf(binding);
    if (kind === 'counter' || kind === 'cache') continue;
    let evidence: string | undefined;
    for (const write of writes) {
      if (write.write.key) evidence = keyEvidence(binding.variable.scope, write.write.key);
      if (evidence !== undefined) break;
    }
    if (evidence === undefined && hasSessionName(binding.name)) evidence = 'its name';
    if (evidence === undefined) continue;
    const def = binding.variable.defs[0];
    const node = def?.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node : binding.declaration;
    result.set(binding, { binding, node, evidence });
  }
  return result;
}

/** What in a key expression says it is a session handle, following local variables a few steps. */
function keyEvidence(root: TSESLint.Scope.Scope, key: TSESTree.Node): string | undefined {
  let budget = KEY_NODE_BUDGET;
  const stack: { node: TSESTree.Node; depth: number }[] = [{ node: key, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || --budget < 0) return undefined;
    const node = unwrap(item.node);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        if (SESSION_KEY_NAMES.test(node.name)) return 'a token';
        if (item.depth >= ALIAS_DEPTH) break;
        const init = localInit(root, node);
        if (init) stack.push({ node: init, depth: item.depth + 1 });
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(node);
        if (name === 'cookies' || name === 'signedCookies' || name === 'cookie') return 'a cookie';
        if (name?.toLowerCase() === 'authorization') return 'the `authorization` header';
        if (name === 'sessionID' || name === 'sessionId') return 'the session id';
        if (name === 'id' && unwrap(node.object).type === AST_NODE_TYPES.MemberExpression && propertyName(unwrap(node.object) as TSESTree.MemberExpression) === 'session') {
          return 'the session id';
        }
        if (name !== undefined && SESSION_KEY_NAMES.test(name)) return 'a token';
        stack.push({ node: node.object, depth: item.depth });
        if (node.computed) stack.push({ node: node.property, depth: item.depth });
        break;
      }
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(node);
        if (name === 'getCookie' || name === 'getSignedCookie' || name === 'parseCookies') return 'a cookie';
        const header = stringValue(node.arguments[0])?.toLowerCase();
        if (header === 'authorization') return 'the `authorization` header';
        if (header === 'cookie') return 'a cookie';
        stack.push({ node: node.callee, depth: item.depth });
        for (const argument of node.arguments) stack.push({ node: argument, depth: item.depth });
        break;
      }
      case AST_NODE_TYPES.Literal:
        if (typeof node.value === 'string' && node.value.toLowerCase() === 'authorization') return 'the `authorization` header';
        break;
      case AST_NODE_TYPES.TemplateLiteral:
        for (const expression of node.expressions) stack.push({ node: expression, depth: item.depth });
        break;
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        stack.push({ node: node.left, depth: item.depth }, { node: node.right, depth: item.depth });
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        stack.push({ node: node.consequent, depth: item.depth }, { node: node.alternate, depth: item.depth });
        break;
      case AST_NODE_TYPES.AwaitExpression:
        stack.push({ node: node.argument, depth: item.depth });
        break;
      default:
        break;
    }
  }
  return undefined;
}

/** The initialiser of a function-local binding (`const token = req.cookies.sid`), including destructuring from it. */
function localInit(root: TSESLint.Scope.Scope, identifier: TSESTree.Identifier): TSESTree.Node | undefined {
  const scope = scopeAt(root, identifier);
  const variable = ASTUtils.findVariable(scope, identifier);
  if (!variable || variable.scope === root || variable.scope.type === ScopeType.global) return undefined;
  const def = variable.defs[0];
  if (def?.type !== DefinitionType.Variable || !def.node.init) return undefined;
  // `const { sid } = req.cookies` reads the property the pattern names.
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) return def.node.init;
  return def.node.id.type === AST_NODE_TYPES.Identifier ? def.node.init : undefined;
}

/** The innermost scope under `root` whose block contains the node. */
function scopeAt(root: TSESLint.Scope.Scope, node: TSESTree.Node): TSESLint.Scope.Scope {
  let scope = root;
  for (;;) {
    const inner = scope.childScopes.find((child) => child.block.range[0] <= node.range[0] && node.range[1] <= child.block.range[1]);
    if (!inner) return scope;
    scope = inner;
  }
}
