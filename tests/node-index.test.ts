import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { nodesOfType, withNodeIndex } from '../src/analysis/file/node-index.js';

const CODE = `
import express from 'express';
const app = express();
const cache = new Map(), later = import('./later.js');
@Injectable()
export class Service {
  @Get(':id') find(@Param('id') id) { return cache.get(id) ?? load(new Key(id)).then((row) => row.value); }
}
const Local = class { run() { return [1, 2].map((n) => n * 2); } };
app.get('/', (req, res) => res.send(String(new Service().find(req.query.id))));
`;

/** Nodes of one type, collected by a plain recursive walk: what the index must agree with. */
function walked(program: TSESTree.Program, visitorKeys: TSESLint.SourceCode.VisitorKeys, types: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (types.includes(node.type)) found.push(`${node.type}@${String(node.range[0])}`);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string') visit(item as TSESTree.Node);
      }
    }
  };
  visit(program);
  return found;
}

const QUESTIONS: readonly (readonly AST_NODE_TYPES[])[] = [
  [AST_NODE_TYPES.CallExpression],
  [AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression],
  [AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.NewExpression, AST_NODE_TYPES.Decorator],
  [AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression],
  [AST_NODE_TYPES.ImportExpression],
];

/** Lints CODE with one probe rule that answers every question at `Program:exit`, wrapped in `withNodeIndex` or not. */
function answers(wrapped: boolean): { fromIndex: string[][]; fromWalk: string[][] } {
  const result = { fromIndex: [] as string[][], fromWalk: [] as string[][] };
  const probe: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', schema: [], messages: {} },
    create(context) {
      const listeners: TSESLint.RuleListener = {
        'Program:exit'(program: TSESTree.Program) {
          for (const types of QUESTIONS) {
            result.fromIndex.push(nodesOfType(context.sourceCode, ...types).map((node) => `${node.type}@${String(node.range[0])}`));
            result.fromWalk.push(walked(program, context.sourceCode.visitorKeys, types));
          }
        },
      };
      return wrapped ? withNodeIndex(context.sourceCode, listeners) : listeners;
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(CODE, [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser },
      plugins: { probe: { rules: { probe: probe as never } } },
      rules: { 'probe/probe': 'error' },
    },
  ], { filename: 'file.ts' });
  expect(messages).toEqual([]);
  return result;
}

describe('the shared node index', () => {
  it("filled by ESLint's traversal, it holds every node of the asked types, in source order", () => {
    const { fromIndex, fromWalk } = answers(true);
    expect(fromIndex).toEqual(fromWalk);
    // The code has calls, constructions, decorators, both kinds of class and an import().
    expect(fromIndex.every((list) => list.length > 0)).toBe(true);
    expect(fromIndex[1]).toEqual([...(fromIndex[1] ?? [])].sort((a, b) => Number(a.split('@')[1]) - Number(b.split('@')[1])));
  });

  it('without the traversal listeners, it walks the tree itself and gives the same answers', () => {
    const { fromIndex, fromWalk } = answers(false);
    expect(fromIndex).toEqual(fromWalk);
    expect(fromIndex).toEqual(answers(true).fromIndex);
  });

  it("keeps the wrapped rule's own listeners for indexed node types", () => {
    const seen: string[] = [];
    const rule: TSESLint.RuleModule<never> = {
      meta: { type: 'problem', schema: [], messages: {} },
      create: (context) =>
        withNodeIndex(context.sourceCode, {
          CallExpression(node: TSESTree.CallExpression) {
            seen.push(`call@${String(node.range[0])}`);
          },
          'Program:exit'() {
            seen.push(`index:${String(nodesOfType(context.sourceCode, AST_NODE_TYPES.CallExpression).length)}`);
          },
        }),
    };
    const linter = new Linter({ configType: 'flat' });
    linter.verify('f(g()); new K();', [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { probe: { rules: { probe: rule as never } } }, rules: { 'probe/probe': 'error' } }], { filename: 'file.ts' });
    expect(seen).toEqual(['call@0', 'call@2', 'index:2']);
  });

  it('refuses a node type it does not index', () => {
    const probe = (): void => {
      const linter = new Linter({ configType: 'flat' });
      const rule: TSESLint.RuleModule<never> = {
        meta: { type: 'problem', schema: [], messages: {} },
        create: (context) => ({
          'Program:exit'() {
            nodesOfType(context.sourceCode, AST_NODE_TYPES.Identifier);
          },
        }),
      };
      linter.verify('a;', [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { probe: { rules: { probe: rule as never } } }, rules: { 'probe/probe': 'error' } }], { filename: 'file.ts' });
    };
    expect(probe).toThrow('node types not indexed: Identifier');
  });
});
