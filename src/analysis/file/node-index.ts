import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isNode } from './ast.js';

type NodeOfType<T extends AST_NODE_TYPES> = Extract<TSESTree.Node, { type: T }>;

const cache = new WeakMap<object, Map<string, TSESTree.Node[]>>();

/** Indexes being filled by ESLint's own traversal: complete once the traversal leaves the Program. */
const filling = new WeakMap<object, { readonly index: Map<string, TSESTree.Node[]>; complete: boolean }>();

/** The node types analyses ask for; only these are kept, to keep the index small (`withNodeIndex` listens to the same). */
const INDEXED: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.Decorator,
  AST_NODE_TYPES.ClassDeclaration,
  AST_NODE_TYPES.ClassExpression,
  AST_NODE_TYPES.ImportExpression,
  // Loops that never end and wait between rounds are recurring jobs (findings/timers.ts).
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
  AST_NODE_TYPES.ForStatement,
]);

/**
 * The file's nodes grouped by type, from one walk shared by every analysis that needs to see
 * all calls, classes or decorators of a file (instead of one walk each).
 */
function indexOf(sourceCode: Readonly<TSESLint.SourceCode>): Map<string, TSESTree.Node[]> {
  let index = cache.get(sourceCode);
  if (index) return index;
  const filled = filling.get(sourceCode);
  if (filled?.complete === true) {
    cache.set(sourceCode, filled.index);
    return filled.index;
  }
  // Asked before (or without) ESLint's traversal: walk the tree once.
  index = new Map();
  const visitorKeys = sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (INDEXED.has(node.type)) {
      let list = index.get(node.type);
      if (!list) {
        list = [];
        index.set(node.type, list);
      }
      list.push(node);
    }
    const keys = visitorKeys[node.type] ?? [];
    // Children pushed in reverse, so nodes come out in source order.
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k] ?? ''];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item = child[i] as unknown;
          if (isNode(item)) stack.push(item);
        }
      } else if (isNode(child)) {
        stack.push(child);
      }
    }
  }
  cache.set(sourceCode, index);
  return index;
}

/** Every node of the given types in the file, in source order (one shared array per combination of types). */
export function nodesOfType<T extends AST_NODE_TYPES>(sourceCode: Readonly<TSESLint.SourceCode>, ...types: T[]): readonly NodeOfType<T>[] {
  if (!types.every((type) => INDEXED.has(type))) throw new Error(`node types not indexed: ${types.join(', ')}`);
  const index = indexOf(sourceCode);
  const key = types.length === 1 ? (types[0] ?? '') : types.join(',');
  let list = index.get(key);
  if (!list) {
    list = types
      .map((type) => index.get(type) ?? [])
      .flat()
      .sort((a, b) => a.range[0] - b.range[0]);
    index.set(key, list);
  }
  return list as NodeOfType<T>[];
}

/**
 * A rule's listeners, plus (for the first rule created on a file) listeners that fill the node index
 * during ESLint's own traversal, so that no analysis walks the tree a second time. Every rule wraps
 * its listeners in this; the analyses read the index in `Program:exit`, when the traversal is over.
 */
export function withNodeIndex(sourceCode: Readonly<TSESLint.SourceCode>, listeners: TSESLint.RuleListener): TSESLint.RuleListener {
  if (filling.has(sourceCode) || cache.has(sourceCode)) return listeners;
  const state = { index: new Map<string, TSESTree.Node[]>(), complete: false };
  filling.set(sourceCode, state);
  const add = (node: TSESTree.Node): void => {
    const list = state.index.get(node.type);
    if (list) list.push(node);
    else state.index.set(node.type, [node]);
  };
  const exit = listeners['Program:exit'];
  const wrapped: Record<string, ((node: never) => void) | undefined> = { ...listeners };
  for (const type of INDEXED) {
    // A rule's own listener for an indexed type still runs, after the index has the node.
    const own = wrapped[type] as ((node: TSESTree.Node) => void) | undefined;
    wrapped[type] = own
      ? (node: TSESTree.Node): void => {
          add(node);
          own(node);
        }
      : add;
  }
  wrapped['Program:exit'] = (program: TSESTree.Program): void => {
    state.complete = true;
    exit?.(program);
  };
  return wrapped;
}
