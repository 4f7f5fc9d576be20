import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { callsByName, calleeName, clipCode, encloses, enclosingFunction, isFunction, outerValue, propertyName, rootIdentifier, unwrap, type FunctionNode } from '../file/ast.js';
import { isDevelopmentOnly } from '../file/file-kind.js';
import { importResolverFor, type ImportResolver } from '../file/imports.js';
import { nodesOfType } from '../file/node-index.js';
import { isLazyInit } from '../state/lazy-init.js';
import type { FileFacts } from '../facts.js';

/**
 * A secret, salt or key made at random when the process starts: `const salt = randomBytes(16)`,
 * `config.sessionSecret = crypto.randomBytes(32)`, `app.keys = [randomUUID()]`,
 * `session({ secret: process.env.SECRET ?? randomBytes(32).toString('hex') })`. Every replica makes
 * its own, so a cookie signed, a token issued or a value hashed by one replica does not verify or
 * match on another, and a restart invalidates them all.
 */
export interface RandomSecretFinding {
  /** Where the value is made: the random call, or the call of the file's own function that returns one. */
  readonly node: TSESTree.Node;
  /** Where it is kept: `salt`, `config.sessionSecret`, `secret` (an option). */
  readonly name: string;
  /** The random source as written: `crypto.randomBytes`. */
  readonly source: string;
  /** For a fallback (`process.env.SESSION_SECRET || randomBytes(32)`): what it falls back from, as written. */
  readonly fallbackOf?: string;
  /** Made on first use rather than at startup (`if (!secret) secret = randomBytes(32)` in a function). */
  readonly firstUse?: true;
}

/** Text without which a file makes no random value (the first, cheap test). */
const RANDOM_TEXT = /\b(?:randomBytes|randomUUID|getRandomValues|randomInt|generateKey\w*|generateSecret|random|nanoid|v4|uuid\w*)\b/u;

/** Random sources of packages: module specifiers and the export paths that make a random value. */
const RANDOM_EXPORTS: readonly { readonly modules: readonly string[]; readonly names: readonly string[] }[] = [
  { modules: ['crypto', 'node:crypto'], names: ['randomBytes', 'randomUUID', 'getRandomValues', 'randomInt', 'generateKeyPairSync', 'generateKeySync'] },
  { modules: ['nanoid'], names: ['nanoid'] },
  { modules: ['uuid'], names: ['v4', 'v7'] },
  { modules: ['jose'], names: ['generateSecret', 'generateKeyPair'] },
];

/**
 * The name a random value is kept under that says it signs, hashes or encrypts: `secret`, `salt`,
 * `sessionSecret`, `jwtKey`, `keys`, `privateKey`, `FALLBACK_SECRET`, `API_KEY`. An id (`instanceId`) is no secret.
 */
const SECRET_WORDS = /secret|salt|pepper|passphrase|password|signing|hmac|jwt|csrf|private|token|keypair/iu;
/** `key`, `keys`, `jwtKey`, `signingKeys`, `API_KEY`: a key by its name's last word (not `monkey`). */
const KEY_NAME = /^(?:keys?|KEYS?)$|[a-z0-9]Keys?$|_KEYS?$|_keys?$/u;

/** Calls that sign, verify, hash or encrypt with a secret given as an argument. */
const SECRET_SINKS = /^(?:createHmac|createCipheriv|createDecipheriv|createSecretKey|sign|verify|encrypt|decrypt|pbkdf2(?:Sync)?|scrypt(?:Sync)?|hkdf(?:Sync)?|cookieParser)$/u;

/** How many calls of the file's own functions a random value is followed through (`const generate = () => randomBytes(16)`). */
const MAX_HOPS = 2;

export function analyseRandomSecrets(facts: FileFacts): RandomSecretFinding[] {
  const sourceCode = facts.sourceCode;
  if (!RANDOM_TEXT.test(sourceCode.text)) return [];
  const resolver = importResolverFor(sourceCode);
  const findings: RandomSecretFinding[] = [];
  const seen = new Set<TSESTree.Node>();
  for (const call of nodesOfType(sourceCode, AST_NODE_TYPES.CallExpression)) {
    const source = randomSource(call, resolver);
    if (source === undefined) continue;
    for (const kept of keptAt(sourceCode, call, 0)) {
      if (seen.has(kept.node) || isDevelopmentOnly(kept.node)) continue;
      const firstUse = facts.lifetimes.ofNode(kept.node) !== 'startup';
      if (firstUse && !keptLazily(sourceCode, kept)) continue;
      if (!kept.sink && !isSecretName(lastSegment(kept.name)) && !(kept.variable && usedAsSecret(kept.variable))) continue;
      seen.add(kept.node);
      findings.push({ node: kept.node, name: kept.name, source, ...(kept.fallbackOf === undefined ? {} : { fallbackOf: kept.fallbackOf }), ...(firstUse ? { firstUse: true as const } : {}) });
    }
  }
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** The names of the random sources of packages, for a first test of a member call (`crypto.randomBytes`). */
const RANDOM_NAMES: ReadonlySet<string> = new Set(RANDOM_EXPORTS.flatMap(({ names }) => names));

/** The random source a call is, as written (`crypto.randomBytes`, `Math.random`, `nanoid`), or undefined. */
function randomSource(call: TSESTree.CallExpression, resolver: ImportResolver): string | undefined {
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  // A member call is one of the names; a bare call may be an alias (`import { v4 as uuidv4 } from 'uuid'`).
  if (callee.type === AST_NODE_TYPES.Identifier || (method !== undefined && RANDOM_NAMES.has(method))) {
    const value = resolver.resolve(callee);
    if (value) {
      for (const { modules, names } of RANDOM_EXPORTS) {
        if (!modules.includes(value.specifier)) continue;
        const name = names.find((candidate) => value.paths.some((path) => path.at(-1) === candidate && path.length <= 2));
        if (name !== undefined) return modules[0] === name ? name : `${modules[0] ?? ''}.${name}`;
      }
      return undefined;
    }
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || method === undefined) return undefined;
  const root = rootIdentifier(callee);
  if (root === undefined) return undefined;
  // `Math.random()`, and the Web Crypto global: `crypto.randomUUID()`, `crypto.subtle.generateKey(…)`.
  if (root.name === 'Math' && method === 'random') return 'Math.random';
  if (root.name === 'crypto' && ['randomUUID', 'getRandomValues', 'generateKey'].includes(method) && !resolver.resolve(root)) return `crypto.${method}`;
  return undefined;
}

interface Kept {
  /** The expression that is stored: the random call, or the call of the helper that returns one. */
  readonly node: TSESTree.Node;
  readonly name: string;
  readonly variable?: TSESLint.Scope.Variable;
  readonly fallbackOf?: string;
  /** Handed straight to a call that signs or encrypts with it. */
  readonly sink?: true;
  /** The assignment that keeps it in a binding (`secret = randomBytes(32)`). */
  readonly assignment?: TSESTree.AssignmentExpression;
}

/**
 * `if (!secret) secret = randomBytes(32)` in a function, where `secret` is declared outside it (in
 * the module or an enclosing closure): made once, on first use, and kept for the process's life,
 * as if it were made at startup.
 */
function keptLazily(sourceCode: Readonly<TSESLint.SourceCode>, kept: Kept): boolean {
  const { assignment, variable } = kept;
  if (!assignment || !variable) return false;
  const fn = enclosingFunction(assignment);
  const block = variable.scope.block;
  return fn !== undefined && block !== fn && encloses(block, fn) && isLazyInit(sourceCode, assignment);
}

/**
 * Where the value a node makes is kept: a binding (`const salt = …`), a property assigned
 * (`config.sessionSecret = …`, `app.keys = […]`), an option (`{ secret: … }`), or the argument of a
 * call that signs with it. A value returned by a function of the file is followed to the calls of
 * that function.
 */
function keptAt(sourceCode: Readonly<TSESLint.SourceCode>, made: TSESTree.Node, hops: number): Kept[] {
  let value: TSESTree.Node = outerValue(made);
  let fallbackOf: string | undefined;
  for (;;) {
    const parent: TSESTree.Node | undefined = value.parent;
    if (!parent) return [];
    // `randomBytes(32).toString('hex')`, `.slice(0, 16)`
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === value && outerValue(parent).parent?.type === AST_NODE_TYPES.CallExpression) {
      const call = outerValue(parent).parent as TSESTree.CallExpression;
      if (call.callee !== outerValue(parent)) return [];
      value = outerValue(call);
      continue;
    }
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.TemplateLiteral ||
      parent.type === AST_NODE_TYPES.ArrayExpression ||
      (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== value) ||
      // `Buffer.from(…)`, `String(…)`
      (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(value as TSESTree.CallExpressionArgument) && ['from', 'String'].includes(calleeName(parent) ?? ''))
    ) {
      value = outerValue(parent);
      continue;
    }
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === value && (parent.operator === '||' || parent.operator === '??')) {
      fallbackOf = sourceCode.getText(parent.left);
      value = outerValue(parent);
      continue;
    }
    break;
  }
  const parent = value.parent;
  const kept = (name: string, variable?: TSESLint.Scope.Variable): Kept[] => [{ node: made, name, ...(variable ? { variable } : {}), ...(fallbackOf === undefined ? {} : { fallbackOf: shortText(fallbackOf) }) }];
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value) {
    // `const { privateKey, publicKey } = generateKeyPairSync('ed25519')`: the part named like a secret, if one is.
    const variables = sourceCode.getDeclaredVariables(parent);
    const variable = variables.find((candidate) => isSecretName(candidate.name)) ?? variables[0];
    return variable ? kept(variable.name, variable) : [];
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) {
    const target = unwrap(parent.left);
    if (target.type === AST_NODE_TYPES.Identifier) return kept(target.name, ASTUtils.findVariable(sourceCode.getScope(target), target) ?? undefined).map((found) => ({ ...found, assignment: parent }));
    if (target.type === AST_NODE_TYPES.MemberExpression) return kept(shortText(sourceCode.getText(target)));
    return [];
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === value) {
    const key = propertyName(parent);
    return key === undefined ? [] : kept(key);
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(value as TSESTree.CallExpressionArgument) && SECRET_SINKS.test(calleeName(parent) ?? '')) {
    return kept(`${calleeName(parent) ?? ''}()`).map((found) => ({ ...found, sink: true as const }));
  }
  // `const generate = () => randomBytes(16).toString('hex'); let salt = generate();`
  if (hops >= MAX_HOPS) return [];
  const fn = returnedBy(value);
  return fn ? callsByName(sourceCode, fn).flatMap((call) => keptAt(sourceCode, call, hops + 1)) : [];
}

/** The function whose result `value` is: the body of an arrow function, or the argument of a `return`. */
function returnedBy(value: TSESTree.Node): FunctionNode | undefined {
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === value) return parent;
  if (parent?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  let current: TSESTree.Node | undefined = parent.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current;
}

/** A binding whose value signs or encrypts: passed to `createHmac`, `jwt.sign`, or as an option named like a secret. */
function usedAsSecret(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    const value = outerValue(reference.identifier);
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(value as TSESTree.CallExpressionArgument)) return SECRET_SINKS.test(calleeName(parent) ?? '');
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === value) return isSecretName(propertyName(parent) ?? '');
    return false;
  });
}

function isSecretName(name: string): boolean {
  // A public key is published: one made at random signs nothing by itself.
  return (SECRET_WORDS.test(name) || KEY_NAME.test(name)) && !/public/iu.test(name);
}

function lastSegment(name: string): string {
  return name.replace(/\(\)$/u, '').split('.').at(-1) ?? name;
}

function shortText(text: string): string {
  return clipCode(text.replace(/\s+/gu, ' '));
}
