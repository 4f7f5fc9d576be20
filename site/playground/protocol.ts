import type { Linter } from 'eslint';
import type { ConfigName } from './state.js';

export interface LintRequest {
  id: number;
  code: string;
  file: string;
  config: ConfigName;
}

export type LintResponse =
  | { ready: true }
  | { id: number; messages: Linter.LintMessage[]; ms: number }
  | { id: number; error: string; ms: number };
