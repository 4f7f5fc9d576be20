import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Linter, Rule } from 'eslint';
import type { FunctionNode } from '../analysis/file/ast.js';
import { describeFile, type FileEntryPoints } from './describe-file.js';

export const COLLECTOR_PLUGIN = 'stateless-audit';
export const COLLECTOR_RULE = `${COLLECTOR_PLUGIN}/collect`;

/** The file types the shipped configs lint, which the collector follows. */
const SOURCE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * An ESLint rule that reports nothing: it runs next to the plugin's rules on the same `SourceCode`,
 * so it reads the same per-file analysis they computed, and hands the file's description to `sink`.
 * A new sink per audit run keeps one run's files out of another's.
 */
export function createCollector(sink: Map<string, FileEntryPoints>): TSESLint.RuleModule<never> {
  return {
    meta: { type: 'problem', schema: [], messages: {} },
    create(context) {
      const functions: FunctionNode[] = [];
      const classes: ClassNode[] = [];
      const addFunction = (node: FunctionNode): void => {
        functions.push(node);
      };
      const addClass = (node: ClassNode): void => {
        classes.push(node);
      };
      return {
        FunctionDeclaration: addFunction,
        FunctionExpression: addFunction,
        ArrowFunctionExpression: addFunction,
        ClassDeclaration: addClass,
        ClassExpression: addClass,
        'Program:exit'() {
          sink.set(context.filename, describeFile(context, functions, classes));
        },
      };
    },
  };
}

/** The config object that turns the collector on, appended after the user's or the shipped config. */
export function collectorConfig(sink: Map<string, FileEntryPoints>): Linter.Config {
  return {
    name: 'stateless-audit/collector',
    files: SOURCE_FILES,
    // typescript-eslint's rule type and ESLint's describe the same object.
    plugins: { [COLLECTOR_PLUGIN]: { rules: { collect: createCollector(sink) as unknown as Rule.RuleModule } } },
    rules: { [COLLECTOR_RULE]: 'error' },
  };
}
