import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, encloses, isFunction, outerValue, propertyName, someNode, unwrap, type FunctionNode } from '../file/ast.js';
import { DefinitionType } from '../file/scope-types.js';
import { isInCacheRefresh, followsFreshnessReturn, guardedByEmptyCheck, isClockReading, isEmptyingWrite, isLoop, leavesEveryWay } from './lazy-init.js';
import { isCollection, MUTATING_METHODS, type Place } from './place.js';
import { thisField, type StateWrite } from './writes.js';
import type { StateKind } from '../../knowledge/kinds.js';

export type { StateKind } from '../../knowledge/kinds.js';
export { STATE_KINDS } from '../../knowledge/kinds.js';

/** Names that say "this is a cache": a per-instance cache is a performance choice, flagged only in strict. */
export const CACHE_NAME = /cache|memo|lru/iu;

/** Names of per-user state that is never a mere cache, whatever its access pattern. */
const SESSION_NAME = /session|token|login|auth|user|cart/iu;

/** What the kind is judged from: a write after startup that is no lazy initialisation. */
export interface KindEvidence {
  readonly write: StateWrite;
  /** The function the write sits in. */
  readonly fn?: FunctionNode;
  /** The slot is chosen by a request-derived key. */
  readonly keyedByRequest: boolean;
}

/** The one judgement of the kind of state, for every kind of place. */
export function kindOf(sourceCode: Readonly<TSESLint.SourceCode>, place: Place, writes: readonly KindEvidence[]): StateKind {
  if (CACHE_NAME.test(place.name)) return 'cache';
  if (writes.some(({ write }) => write.node.type === AST_NODE_TYPES.AssignmentExpression && isInCacheRefresh(sourceCode, write.node))) return 'cache';
  if (writes.some(({ write }) => followsFreshnessReturn(sourceCode, write.node))) return 'cache';
  if (writes.some((evidence) => isReadThrough(sourceCode, place, evidence))) return 'cache';
  if (writes.some((evidence) => isMemoFill(sourceCode, place, evidence.write, writes))) return 'cache';
  if (writes.some(({ write }) => isStampedFill(sourceCode, place, write))) return 'cache';
  if (writes.some(({ write }) => isSelfArithmetic(place, write))) return 'counter';
  if (writes.some(({ write }) => write.increments || (write.operator !== undefined && ['+=', '-='].includes(write.operator) && !isStringish(write.values[0])))) return 'counter';
  if (writes.some((evidence) => evidence.keyedByRequest)) return 'keyed-map';
  const init = place.type === 'global' ? undefined : place.init;
  if (isBooleanLiteral(init) || writes.some(({ write }) => write.kind === 'assign' && write.destructured !== true && isBooleanLiteral(write.values[0]))) return 'flag';
  if (place.type !== 'global' && isCollection(place.container)) return 'collection';
  if (writes.some(({ write }) => write.kind !== 'assign' && write.kind !== 'compound' && write.kind !== 'update')) return 'object';
  return 'value';
}

/** The expressions that denote a place: a binding's references, a field's `this.x` expressions (none for globals). */
export function placeReads(place: Place): readonly TSESTree.Node[] {
  if (place.type === 'binding') return place.variable.references.map((reference) => reference.identifier);
  if (place.type === 'field') return place.accesses.map((access) => access.node);
  return [];
}

/**
 * `if (this.resetTimers[userId]) throw new RateLimitError(…)`, `if (cooldowns.has(ip)) return;`: a
 * map of timer handles whose entry a later call tests before it rejects or skips. The timer's
 * presence is a cooldown mark kept in this process, not only a handle kept to clear the timer.
 */
export function marksCooldown(place: Place): boolean {
  return placeReads(place).some((read) => {
    let use = outerValue(read);
    const member = use.parent;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === use) {
      use = outerValue(member);
      const call = use.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === use) use = outerValue(call);
    }
    let test = use;
    while (test.parent && ((test.parent.type === AST_NODE_TYPES.UnaryExpression && test.parent.operator === '!') || test.parent.type === AST_NODE_TYPES.LogicalExpression || test.parent.type === AST_NODE_TYPES.BinaryExpression)) test = test.parent;
    const statement = test.parent;
    return statement?.type === AST_NODE_TYPES.IfStatement && statement.test === test && leavesEveryWay(statement.consequent);
  });
}

/**
 * `invalidate(id) { this.cache.delete(id) }`, `cache.clear()` in an update route: a write that only
 * takes entries out of the place, in a function that does nothing else with it but ask `has()`. For a
 * cache this is an invalidation, which reaches the one replica that runs it. An eviction or an expiry
 * inside a lookup or a fill (`if (cache.size > max) cache.delete(oldest)`, `if (hit.expires < now)
 * cache.delete(key)`) reads or fills the place in the same function and is not one.
 */
export function isInvalidation(place: Place, write: StateWrite, fn: FunctionNode | undefined, writesInFn: readonly StateWrite[]): boolean {
  if (!fn || !takesOut(write) || !writesInFn.every(takesOut)) return false;
  return placeReads(place).every((read) => !encloses(fn, read) || writesInFn.some((other) => encloses(other.node, read)) || asksHas(read));
}

/** `m.delete(k)`, `m.clear()`, `delete o[k]`, `x = null`, `x = new Map()`. */
function takesOut(write: StateWrite): boolean {
  return isEmptyingWrite(write) || write.kind === 'delete' || (write.kind === 'assign' && isEmptyContainer(write.values[0]));
}

/** `m.has(k)` on the place. */
function asksHas(read: TSESTree.Node): boolean {
  const member = outerValue(read).parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || propertyName(member) !== 'has') return false;
  const call = outerValue(member).parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === outerValue(member);
}

/** Whether `node` is the place itself: `count` for a binding, `this.count` for a field. */
function denotesPlace(place: Place, node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (place.type === 'binding') return inner.type === AST_NODE_TYPES.Identifier && inner.name === place.name;
  return place.type === 'field' && inner.type === AST_NODE_TYPES.MemberExpression && thisField(inner) === place.name;
}

/** Whether an expression reads the place. */
export function mentionsPlace(place: Place, node: TSESTree.Node): boolean {
  return placeReads(place).some((read) => read.range[0] >= node.range[0] && read.range[1] <= node.range[1]);
}

/** `n = n + 1`, `n = 1 + n`, `this.n = this.n - step`. */
function isSelfArithmetic(place: Place, write: StateWrite): boolean {
  const value = write.values[0] ? unwrap(write.values[0]) : undefined;
  if (write.kind !== 'assign' || write.destructured === true || value?.type !== AST_NODE_TYPES.BinaryExpression || (value.operator !== '+' && value.operator !== '-')) return false;
  const isNumber = (node: TSESTree.Node): boolean => {
    const inner = unwrap(node);
    return inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number';
  };
  return (denotesPlace(place, value.left) && !isStringish(value.right)) || (denotesPlace(place, value.right) && isNumber(value.left));
}

/**
 * A read-through cache: the function that stores `m.set(key, v)` first looked the same key up
 * (`m.get(key)` or `m.has(key)`), so the map only memoises what a source of truth returns.
 */
function isReadThrough(sourceCode: Readonly<TSESLint.SourceCode>, place: Place, { write, fn }: KindEvidence): boolean {
  const key = write.key;
  const value = write.values[0];
  if (write.method !== 'set' || !key || !value || write.depth !== 0 || SESSION_NAME.test(place.name)) return false;
  // `if (!carts.has(id)) carts.set(id, [])` creates per-key state; a cache stores what it fetched.
  const stored = unwrap(value);
  // `hits.set(ip, (hits.get(ip) ?? 0) + 1)`, `const n = (hits.get(ip) ?? 0) + 1; hits.set(ip, n)`: an update, not a fill.
  if (mentionsPlace(place, stored) || (stored.type === AST_NODE_TYPES.Identifier && localInitMentions(sourceCode, place, stored) && !fillsMissingEntry(sourceCode, place, stored, write))) return false;
  if (isMadeInPlace(stored)) return false;
  // `const note = new RealtimeNote(id); notes.set(id, note)`: made here too, through a constant.
  if (stored.type === AST_NODE_TYPES.Identifier) {
    const def = ASTUtils.findVariable(sourceCode.getScope(stored), stored)?.defs[0];
    if (def?.type === DefinitionType.Variable && def.parent.kind === 'const' && def.node.init && isMadeInPlace(unwrap(def.node.init))) return false;
  }
  const keyText = sourceCode.getText(key);
  return placeReads(place).some((read) => {
    const member = read.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== read || member.computed) return false;
    const method = propertyName(member);
    const call = member.parent;
    if ((method !== 'get' && method !== 'has') || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    const argument = call.arguments[0];
    // The lookup runs first, in the function that stores or in one enclosing it (`res.send` patched by the middleware that looked up).
    const lookupFn = enclosingFunction(call);
    return argument !== undefined && call.range[0] < write.node.range[0] && lookupFn !== undefined && nestedIn(lookupFn, fn) && sourceCode.getText(argument) === keyText;
  });
}

/**
 * `if (!this.indexes[provider]) { const index = {}; for (…) index[…] = …; this.indexes[provider] = index; }`:
 * an entry filled the first time its key is asked for with a value the code has just computed, and
 * never written into afterwards (the place is only emptied whole, or entries removed): a memo of
 * what it was computed from. An entry stored empty (`carts[id] = []`) or written into later
 * (`carts[id].push(item)`) is per-key state.
 */
function isMemoFill(sourceCode: Readonly<TSESLint.SourceCode>, place: Place, write: StateWrite, writes: readonly KindEvidence[]): boolean {
  if (write.kind !== 'member' || write.operator !== '=' || write.depth !== 1 || !write.key || SESSION_NAME.test(place.name)) return false;
  const stored = write.values[0] ? unwrap(write.values[0]) : undefined;
  if (stored?.type !== AST_NODE_TYPES.Identifier || !isComputedLocal(sourceCode, stored, write.node)) return false;
  const keyText = sourceCode.getText(write.key);
  const slot = (node: TSESTree.Node): boolean => {
    const value = unwrap(node);
    return value.type === AST_NODE_TYPES.MemberExpression && value.computed && denotesPlace(place, value.object) && sourceCode.getText(value.property) === keyText;
  };
  if (!guardedByEmptyCheck(write.node, slot)) return false;
  return writes.every(({ write: other }) => other === write || other.kind === 'delete' || (other.depth === 0 && (other.kind === 'assign' ? isEmptyContainer(other.values[0]) : other.kind === 'method' && other.method === 'clear')));
}

/**
 * `licenses[id] = license; fetchedAt[id] = new Date()`: an entry stored with what a caller fetched,
 * next to a stamp of when, under the same key in another place that the code compares with a time
 * (`fetchedAt[id] <= oneMinuteAgo`): a cache refreshed when its stamp grows old. An entry built on
 * what the place held (`hits[ip] = (hits[ip] ?? 0) + 1`), made in place, or of a session is state.
 */
function isStampedFill(sourceCode: Readonly<TSESLint.SourceCode>, place: Place, write: StateWrite): boolean {
  const entry = entryWrite(write);
  if (!entry || SESSION_NAME.test(place.name)) return false;
  const statement = write.node.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const block = statement.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program) return false;
  const index = block.body.indexOf(statement);
  const keyText = sourceCode.getText(entry.key);
  const own = unwrap(entry.value);
  const fetched = (value: TSESTree.Node, holder: TSESTree.Node): boolean => {
    const stored = unwrap(value);
    return !isMadeInPlace(stored) && !someNode(stored, sourceCode.visitorKeys, (node) => sourceCode.getText(node) === sourceCode.getText(holder));
  };
  return [block.body[index - 1], block.body[index + 1]].some((neighbour) => {
    const other = neighbour?.type === AST_NODE_TYPES.ExpressionStatement ? entryOf(neighbour.expression) : undefined;
    if (!other || sourceCode.getText(other.key) !== keyText) return false;
    const holder = unwrap(other.holder);
    if (holder.type !== AST_NODE_TYPES.Identifier || denotesPlace(place, holder)) return false;
    // This place holds the fetched entry and the other its stamp, or the other way round.
    const stampIsOther = isClockReading(unwrap(other.value)) && fetched(entry.value, entry.holder);
    const stampIsOwn = isClockReading(own) && fetched(other.value, holder) && !SESSION_NAME.test(holder.name);
    const stamp = stampIsOther ? holder : stampIsOwn ? unwrap(entry.holder) : undefined;
    return stamp?.type === AST_NODE_TYPES.Identifier && comparedWithTime(sourceCode, stamp);
  });
}

interface EntryWrite {
  readonly holder: TSESTree.Node;
  readonly key: TSESTree.Node;
  readonly value: TSESTree.Node;
}

/** `place[key] = value` or `place.set(key, value)`, as the place's write. */
function entryWrite(write: StateWrite): EntryWrite | undefined {
  const entry = (write.kind === 'member' && write.operator === '=' && write.depth === 1) || (write.kind === 'method' && write.method === 'set' && write.depth === 0);
  return entry ? entryOf(write.node) : undefined;
}

/** `holder[key] = value` or `holder.set(key, value)`, as written. */
function entryOf(node: TSESTree.Node): EntryWrite | undefined {
  const expression = unwrap(node);
  if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && expression.left.type === AST_NODE_TYPES.MemberExpression && expression.left.computed) {
    return { holder: expression.left.object, key: expression.left.property, value: expression.right };
  }
  if (expression.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(expression.callee) === 'set') {
    const [key, value] = expression.arguments;
    return key && value ? { holder: expression.callee.object, key, value } : undefined;
  }
  return undefined;
}

/** The stamps are compared with a time somewhere (`fetchedAt[id] <= oneMinuteAgo`): the entry is refreshed when it grows old. */
function comparedWithTime(sourceCode: Readonly<TSESLint.SourceCode>, stamps: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(stamps), stamps);
  return (
    variable?.references.some((reference) => {
      let node: TSESTree.Node = reference.identifier;
      while (node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) node = node.parent;
      const comparison = node.parent;
      return comparison.type === AST_NODE_TYPES.BinaryExpression && ['<', '<=', '>', '>='].includes(comparison.operator);
    }) ?? false
  );
}

/**
 * A `const` made empty (`{}`, `[]`, `new Map()`) and filled in a loop over some collection before
 * `use` (`for (const key of Object.keys(models)) index[key.toLowerCase()] = key`): an index the code
 * computed. A local given a few values of the request (`prefs.theme = req.body.theme`) is not.
 */
function isComputedLocal(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier, use: TSESTree.Node): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const def = variable?.defs[0];
  if (!variable || def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || !def.node.init || !isEmptyContainer(def.node.init)) return false;
  return variable.references.some((reference) => {
    if (reference.init === true || reference.identifier.range[0] >= use.range[0]) return false;
    const member = reference.identifier.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
    const parent = member.parent;
    const fills = (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) || (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member && MUTATING_METHODS.has(propertyName(member) ?? ''));
    return fills && inLoop(member, def.node);
  });
}

/** Whether `node` runs in a loop (a `for`/`while` statement, or a `forEach`/`reduce` callback) inside `scope`. */
function inLoop(node: TSESTree.Node, scope: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== scope.parent; current = current.parent) {
    if (isLoop(current)) return true;
    if (isFunction(current)) {
      const call = current.parent;
      return call.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => argument === current) && call.callee.type === AST_NODE_TYPES.MemberExpression && ['forEach', 'reduce'].includes(propertyName(call.callee) ?? '');
    }
  }
  return false;
}

/** `{}`, `[]`, `new Map()`, `new Set()`: a container with nothing in it yet. */
export function isEmptyContainer(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  if (value?.type === AST_NODE_TYPES.ObjectExpression) return value.properties.length === 0;
  if (value?.type === AST_NODE_TYPES.ArrayExpression) return value.elements.length === 0;
  return value?.type === AST_NODE_TYPES.NewExpression && value.arguments.length === 0 && value.callee.type === AST_NODE_TYPES.Identifier && ['Map', 'Set', 'Object', 'Array'].includes(value.callee.name);
}

/**
 * A value the storing code makes itself (an object, an array, an instance, a literal, a reading of
 * the clock): per-key state, not what a source returned. `seen.set(eventId, Date.now())` after a
 * `seen.has(eventId)` test records when a key was first met (a guard against handling one delivery
 * twice), whatever expiry sweeps it.
 */
function isMadeInPlace(value: TSESTree.Node): boolean {
  return value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression || value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.Literal || isClockReading(value);
}

/**
 * `inFlight.set(key, lookup(key).finally(() => inFlight.delete(key)))`, or a `set` in a `try` whose
 * `finally` deletes from the same place: an entry that lives only while one call is in flight, so
 * that concurrent callers share its promise (single flight). Nothing in it outlives the call; each
 * replica coalescing its own callers is correct.
 */
export function isInFlightEntry(sourceCode: Readonly<TSESLint.SourceCode>, place: Place, write: StateWrite): boolean {
  const stored = write.values[0] ? unwrap(write.values[0]) : undefined;
  if (write.method !== 'set' || write.depth !== 0 || !write.key || !stored) return false;
  const deletes = (root: TSESTree.Node): boolean =>
    someNode(root, sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      return propertyName(node.callee) === 'delete' && denotesPlace(place, node.callee.object);
    });
  let value: TSESTree.Node | undefined = stored;
  if (stored.type === AST_NODE_TYPES.Identifier) {
    const def = ASTUtils.findVariable(sourceCode.getScope(stored), stored)?.defs[0];
    value = def?.type === DefinitionType.Variable && def.parent.kind === 'const' ? (def.node.init ?? undefined) : undefined;
  }
  const settles =
    value !== undefined &&
    someNode(value, sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(node.callee) !== 'finally') return false;
      const [callback] = node.arguments;
      return callback !== undefined && deletes(callback);
    });
  if (settles) return true;
  for (let current: TSESTree.Node | undefined = write.node.parent; current && !isFunction(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer && deletes(current.finalizer)) return true;
  }
  return false;
}

/** `const n = (hits.get(ip) ?? 0) + 1; hits.set(ip, n)`: a local whose value was computed from the place. */
function localInitMentions(sourceCode: Readonly<TSESLint.SourceCode>, place: Place, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return variable?.references.some((reference) => reference.writeExpr !== null && reference.writeExpr !== undefined && mentionsPlace(place, reference.writeExpr)) ?? false;
}

/**
 * `let name = names.get(key); if (name === undefined) { name = compute(key); names.set(key, name); }`:
 * the local only looked the entry up, and the place is set, under a test that the entry was
 * missing, to what the code computed from the key instead: a fill, not an update of what was
 * there. A local made empty to be written into later (`entry = { count: 0 }`), or given a value
 * the request handed over, is per-key state.
 */
function fillsMissingEntry(sourceCode: Readonly<TSESLint.SourceCode>, place: Place, identifier: TSESTree.Identifier, write: StateWrite): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable || !write.key) return false;
  const keyText = sourceCode.getText(write.key);
  const values = variable.references.flatMap((reference) => (reference.writeExpr ? [unwrap(reference.writeExpr)] : []));
  const lookup = (value: TSESTree.Node): boolean => {
    const call = value.type === AST_NODE_TYPES.AwaitExpression ? unwrap(value.argument) : value;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(call.callee) !== 'get') return false;
    const [argument] = call.arguments;
    return denotesPlace(place, call.callee.object) && argument !== undefined && sourceCode.getText(argument) === keyText;
  };
  // What fills the entry is computed from the key (`lookupRegion(country)`), not a value the request handed over.
  const fromKey = (value: TSESTree.Node): boolean => someNode(value, sourceCode.visitorKeys, (node) => sourceCode.getText(node) === keyText);
  if (!values.every((value) => (mentionsPlace(place, value) ? lookup(value) : !isMadeInPlace(value) && fromKey(value)))) return false;
  return guardedByEmptyCheck(write.node, (node) => {
    const value = unwrap(node);
    return value.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(sourceCode.getScope(value), value) === variable;
  });
}

/** Whether `inner` is `outer` or a function nested in it. */
function nestedIn(outer: FunctionNode, inner: FunctionNode | undefined): boolean {
  for (let fn = inner; fn; fn = enclosingFunction(fn)) if (fn === outer) return true;
  return false;
}

function isBooleanLiteral(node: TSESTree.Node | undefined): boolean {
  const value = node ? unwrap(node) : undefined;
  return value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean';
}

function isStringish(node: TSESTree.Node | undefined): boolean {
  return (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') || node?.type === AST_NODE_TYPES.TemplateLiteral;
}
