import * as tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter, type Rule, type SourceCode } from 'eslint';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_BYTES, parseProjectFile } from '../../../src/analysis/project/parse.js';
import { parseForESLint as shippedParse } from '../../../src/parser.js';

const STORE = `import type { Invite } from './types';
interface Options { ttl: number }
const pending = new Map<string, Invite>();
export function issueInvite(invite: Invite, options?: Options): void {
  pending.set(invite.token, invite);
}
export default class Registry {
  private readonly peers: string[] = [];
  add(peer: string) { this.peers.push(peer); }
}
`;

function parsed(filename: string, text: string, globals?: Readonly<Record<string, 'readonly' | 'writable'>>): Readonly<TSESLint.SourceCode> {
  const sourceCode = parseProjectFile(filename, text, { globals });
  if (!sourceCode) throw new Error(`${filename} did not parse`);
  return sourceCode;
}

/** Every node of the tree, by ESLint's visitor keys. */
function nodesOf(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    nodes.push(node);
    const record = node as unknown as Record<string, unknown>;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = record[key];
      for (const entry of Array.isArray(child) ? (child as unknown[]) : [child]) {
        if (typeof entry === 'object' && entry !== null && typeof (entry as { type?: unknown }).type === 'string') visit(entry as TSESTree.Node);
      }
    }
  };
  visit(sourceCode.ast);
  return nodes;
}

/** What a rule sees of a file linted by ESLint with @typescript-eslint/parser. */
const shippedParser = { parseForESLint: shippedParse };

function asLinted(filename: string, text: string, globals: Readonly<Record<string, 'readonly' | 'writable'>> = {}, parser: object = tsParser): SourceCode {
  let seen: SourceCode | undefined;
  const capture: Rule.RuleModule = {
    create(context) {
      return {
        'Program:exit'() {
          seen = context.sourceCode;
        },
      };
    },
  };
  const messages = new Linter({ cwd: '/p' }).verify(
    text,
    [{ files: ['**/*.ts', '**/*.js'], languageOptions: { parser, globals }, plugins: { probe: { rules: { capture } } }, rules: { 'probe/capture': 'error' } }],
    filename,
  );
  if (!seen) throw new Error(`ESLint did not lint ${filename}: ${messages.map((message) => message.message).join('; ')}`);
  return seen;
}

describe('parseProjectFile', () => {
  it('parses TypeScript into the tree, scopes and parents a rule sees when ESLint lints the file', () => {
    const sourceCode = parsed('/p/lib/invites.ts', STORE);
    const linted = asLinted('/p/lib/invites.ts', STORE) as unknown as TSESLint.SourceCode;
    const shape = (code: Readonly<TSESLint.SourceCode>): string[] => nodesOf(code).map((node) => `${node.type}@${node.range.join('-')}<${node.parent?.type ?? 'none'}`);
    expect(shape(sourceCode)).toEqual(shape(linted));
    const scopes = (code: Readonly<TSESLint.SourceCode>): string[] => code.scopeManager?.scopes.map((scope) => `${scope.type}:${scope.variables.map((variable) => variable.name).join(',')}:${scope.references.length}`) ?? [];
    expect(scopes(sourceCode)).toEqual(scopes(linted));
    expect(sourceCode.getAllComments()).toEqual([]);
    expect(sourceCode.ast.tokens.length).toBe(linted.ast.tokens.length);
  });

  it('adds the globals of the config and of /* global */ comments to the global scope, as ESLint does', () => {
    const text = '/* global registry */\nprocess.env.PORT = "1";\nregistry.add(1);\n';
    const globals = { process: 'readonly' } as const;
    const sourceCode = parsed('/p/server.ts', text, globals);
    const linted = asLinted('/p/server.ts', text, globals) as unknown as TSESLint.SourceCode;
    const resolved = (code: Readonly<TSESLint.SourceCode>): string[] => code.scopeManager?.globalScope?.through.map((reference) => reference.identifier.name) ?? [];
    expect(resolved(sourceCode)).toEqual(resolved(linted));
    const variable = (code: Readonly<TSESLint.SourceCode>, name: string): number | undefined => code.scopeManager?.globalScope?.set.get(name)?.references.length;
    expect([variable(sourceCode, 'process'), variable(sourceCode, 'registry')]).toEqual([1, 1]);
    expect([variable(linted, 'process'), variable(linted, 'registry')]).toEqual([1, 1]);
  });

  it('sets parent pointers on every node, Program at the top', () => {
    const sourceCode = parsed('/p/lib/invites.ts', STORE);
    expect(sourceCode.ast.parent).toBeNull();
    for (const node of nodesOf(sourceCode).slice(1)) {
      let top: TSESTree.Node = node;
      while (top.parent) top = top.parent;
      expect(top).toBe(sourceCode.ast);
    }
  });

  it('answers sourceCode.getScope(node): a write in a function resolves to the module binding', () => {
    const sourceCode = parsed('/p/lib/invites.ts', STORE);
    const call = nodesOf(sourceCode).find((node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression);
    expect(call).toBeDefined();
    if (!call) return;
    const scope = sourceCode.getScope(call);
    expect(scope.type).toBe('function');
    expect(scope.variables.map((variable) => variable.name)).toEqual(['arguments', 'invite', 'options']);
    const pending = scope.references.find((reference) => reference.identifier.name === 'pending')?.resolved;
    expect(pending?.scope.type).toBe('module');
    expect(pending?.defs[0]?.node.type).toBe('VariableDeclarator');
  });

  it('parses JavaScript as ESLint does under the shipped configs (espree, eslint-scope)', () => {
    const text = 'const items = [];\nexport function add(item) { items.push(item); }\n';
    const sourceCode = parsed('/p/lib/items.js', text);
    const linted = asLinted('/p/lib/items.js', text, {}, shippedParser) as unknown as TSESLint.SourceCode;
    const shape = (code: Readonly<TSESLint.SourceCode>): string[] => nodesOf(code).map((node) => `${node.type}@${node.range.join('-')}<${node.parent?.type ?? 'none'}`);
    expect(shape(sourceCode)).toEqual(shape(linted));
    const scopes = (code: Readonly<TSESLint.SourceCode>): string[] => code.scopeManager?.scopes.map((scope) => `${scope.type}:${scope.variables.map((variable) => variable.name).join(',')}:${scope.references.length}`) ?? [];
    expect(scopes(sourceCode)).toEqual(scopes(linted));
    expect(sourceCode.parserServices).toEqual({});
  });

  it('parses JSX where the shipped parser allows it: .jsx and .tsx, not .js or .ts', () => {
    const component = 'export function View({ rows }) { return <ul>{rows.map((row) => <li key={row}>{row}</li>)}</ul>; }\n';
    expect(parseProjectFile('/p/view.js', component)).toBeUndefined();
    expect(parsed('/p/view.jsx', component).ast.body[0]?.type).toBe('ExportNamedDeclaration');
    expect(parsed('/p/view.tsx', component.replace('{ rows }', '{ rows }: { rows: string[] }')).ast.body[0]?.type).toBe('ExportNamedDeclaration');
    expect(parseProjectFile('/p/view.ts', 'const view = <div>text</div>;\n')).toBeUndefined();
  });

  it('parses CommonJS, .mjs, .mts and .cts', () => {
    expect(parsed('/p/db.cjs', 'const items = [];\nexports.items = items;\nmodule.exports.add = (item) => items.push(item);\n').ast.sourceType).toBe('commonjs');
    expect(parsed('/p/db.mjs', 'export const items = [];\n').ast.sourceType).toBe('module');
    expect(parsed('/p/db.mts', 'export const items: string[] = [];\n').ast.sourceType).toBe('module');
    expect(parsed('/p/db.cts', 'import fs = require("node:fs");\nexport = fs;\n').ast.body).toHaveLength(2);
  });

  it('keeps the text without its BOM and reads a shebang line as a comment, as ESLint does', () => {
    const sourceCode = parsed('/p/bin/cli.js', '\uFEFF#!/usr/bin/env node\nlet runs = 0;\n');
    expect(sourceCode.text).toBe('#!/usr/bin/env node\nlet runs = 0;\n');
    expect(sourceCode.hasBOM).toBe(true);
    expect(sourceCode.getAllComments().map((comment) => comment.value)).toEqual(['/usr/bin/env node']);
    expect(sourceCode.lines).toEqual(['#!/usr/bin/env node', 'let runs = 0;', '']);
  });

  it('answers undefined for a syntax error', () => {
    expect(parseProjectFile('/p/broken.ts', 'export function (a { return a; }\n')).toBeUndefined();
    expect(parseProjectFile('/p/broken.js', 'const = 1;\n')).toBeUndefined();
  });

  it('does not parse what is not a script of the service: other extensions, declarations, huge, minified or generated files', () => {
    expect(parseProjectFile('/p/data.json', '{"a": 1}')).toBeUndefined();
    expect(parseProjectFile('/p/types.d.ts', 'export declare const a: number;\n')).toBeUndefined();
    expect(parseProjectFile('/p/big.ts', `export const a = 1;\n${'// padding\n'.repeat(MAX_SOURCE_BYTES / 10)}`)).toBeUndefined();
    expect(parseProjectFile('/p/bundle.js', `var a=1;${'a+=1;'.repeat(2000)}\n`)).toBeUndefined();
    expect(parseProjectFile('/p/client.ts', '/* eslint-disable */\n// This file was automatically generated. Do not edit.\nexport const a = 1;\n')).toBeUndefined();
    expect(parseProjectFile('/p/nul.ts', 'export const a = 1;\0')).toBeUndefined();
  });

  it('parses a long but ordinary file', () => {
    const text = Array.from({ length: 400 }, (_, index) => `export const value${index} = ${index};`).join('\n');
    expect(parsed('/p/long.ts', text).ast.body).toHaveLength(400);
  });
});
