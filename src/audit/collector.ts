import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Linter, Rule } from 'eslint';
import type { FunctionNode } from '../analysis/file/ast.js';
import { findingRecords, type FindingRecord } from '../util/finding-record.js';
import { describeFile, type FileEntryPoints } from './describe-file.js';

export const COLLECTOR_PLUGIN = 'stateless-audit';
export const COLLECTOR_RULE = `${COLLECTOR_PLUGIN}/collect`;

/** The file types the shipped configs lint, which the collector follows. */
const SOURCE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What the collector hands on for one file. */
export interface CollectedFile {
  readonly facts: FileEntryPoints;
  /**
   * The structured records of the rules' reports on the file: the same array the rules fill, so it
   * is complete once ESLint has run every rule, whichever order their `Program:exit` listeners ran in.
   */
  readonly records: readonly FindingRecord[];
}

/**
 * An ESLint rule that reports nothing: it runs next to the plugin's rules on the same `SourceCode`,
 * so it reads the same per-file analysis they computed, and hands the file's description and the
 * records of the rules' reports to `sink`.
 * A new sink per audit run keeps one run's files out of another's.
 */
export function createCollector(sink: Map<string, CollectedFile>): TSESLint.RuleModule<never> {
  return {
    meta: { type: 'problem', schema: [], messages: {} },
    create(context) {
      const records = findingRecords(context.sourceCode);
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
          sink.set(context.filename, { facts: describeFile(context, functions, classes), records });
        },
      };
    },
  };
}

/** The config object that turns the collector on, appended after the user's or the shipped config. */
export function collectorConfig(sink: Map<string, CollectedFile>): Linter.Config {
  return {
    name: 'stateless-audit/collector',
    files: SOURCE_FILES,
    // typescript-eslint's rule type and ESLint's describe the same object.
    plugins: { [COLLECTOR_PLUGIN]: { rules: { collect: createCollector(sink) as unknown as Rule.RuleModule } } },
    rules: { [COLLECTOR_RULE]: 'error' },
  };
}
