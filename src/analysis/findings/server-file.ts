import type { TSESLint } from '@typescript-eslint/utils';
import { FileFacts } from '../facts.js';
import { servesRequests } from '../file/file-kind.js';
import { storeUsesOf, type StoreAnalysisResult } from './stores.js';

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** What the file-level analyses of server resources (local files, timers) start from. */
export interface ServerFileInputs {
  readonly stores: StoreAnalysisResult;
  readonly facts: FileFacts;
  /** The file imports a web framework. */
  readonly serverFile: boolean;
  /** Nothing to report: invalid settings, or a file outside the service (browser code, a test file). */
  readonly skip: boolean;
}

export function serverFileInputs(context: RuleContext): ServerFileInputs {
  const stores = storeUsesOf(context);
  const facts = FileFacts.of(context);
  const skip = stores.settingsError !== undefined || facts.outsideService;
  return { stores, facts, serverFile: servesRequests(context.sourceCode.ast), skip };
}
