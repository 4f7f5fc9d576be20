import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type NodeOfType<T extends AST_NODE_TYPES> = Extract<TSESTree.Node, { type: T }>;

const cache = new WeakMap<object, Map<string, TSESTree.Node[]>>();

/** The node types analyses ask for; only these are kept, to keep the index small. */
const INDEXED: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.Decorator,
  AST_NODE_TYPES.ClassDeclaration,
  AST_NODE_TYPES.ClassExpression,
]);

/**
 * The file's nodes grouped by type, from one walk shared by every analysis that needs to see
 * all calls, classes or decorators of a file (instead of one walk each).
 */
function indexOf(sourceCode: Readonly<TSESLint.SourceCode>): Map<string, TSESTree.Node[]> {
  let index = cache.get(sourceCode);
  if (index) return index;
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

/** Every node of the given types in the file, in source order. */
export function nodesOfType<T extends AST_NODE_TYPES>(sourceCode: Readonly<TSESLint.SourceCode>, ...types: T[]): NodeOfType<T>[] {
  if (!types.every((type) => INDEXED.has(type))) throw new Error(`node types not indexed: ${types.join(', ')}`);
  const index = indexOf(sourceCode);
  const lists = types.map((type) => (index.get(type) ?? []) as NodeOfType<T>[]);
  if (lists.length === 1) return lists[0] ?? [];
  return lists.flat().sort((a, b) => a.range[0] - b.range[0]);
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
