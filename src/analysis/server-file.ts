import type { TSESLint } from '@typescript-eslint/utils';
import { FileFacts } from './facts.js';
import { importsWebFramework, isTestFile } from './routes.js';
import { storeUsesOf, type StoreAnalysisResult } from './stores.js';

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** What the file-level analyses of server resources (local files, timers) start from. */
export interface ServerFileInputs {
  readonly stores: StoreAnalysisResult;
  readonly facts: FileFacts;
  /** The file imports a web framework. */
  readonly serverFile: boolean;
  /** Nothing to report: invalid settings, browser code (`'use client'`) or a test file. */
  readonly skip: boolean;
}

export function serverFileInputs(context: RuleContext): ServerFileInputs {
  const stores = storeUsesOf(context);
  const facts = FileFacts.of(context);
  const skip = stores.settingsError !== undefined || facts.handlers.runsInBrowser || isTestFile(context.filename);
  return { stores, facts, serverFile: importsWebFramework(context.sourceCode.ast), skip };
}
