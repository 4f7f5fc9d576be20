import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import type { FileEntryPoints } from './describe-file.js';
import plugin, { type StatelessPlugin } from '../index.js';
import { COLLECTOR_RULE, collectorConfig } from './collector.js';

export type ShippedConfig = keyof StatelessPlugin['configs'];

/** The rules the audit runs: one of the plugin's configs, or the user's flat config file. */
export type ConfigChoice = { readonly kind: 'shipped'; readonly name: ShippedConfig } | { readonly kind: 'file'; readonly path: string };

/** ESLint's message, without what the audit never shows (fixes, suggestions). */
export interface LintMessage {
  readonly ruleId: string | null;
  readonly messageId: string | undefined;
  readonly severity: 1 | 2;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | undefined;
  readonly endColumn: number | undefined;
  readonly fatal: boolean;
}

export interface LintedFile {
  /** Absolute path. */
  readonly file: string;
  readonly messages: readonly LintMessage[];
  /** What the file's analysis found, for the cross-file graph; absent when the file did not parse or was ignored. */
  readonly facts: FileEntryPoints | undefined;
  /** The config ignores the file. */
  readonly ignored: boolean;
}

const RULE_PREFIX = 'stateless/';

function lean(message: Linter.LintMessage): LintMessage {
  return {
    ruleId: message.ruleId,
    messageId: message.messageId,
    severity: message.severity === 1 ? 1 : 2,
    message: message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
    fatal: message.fatal === true,
  };
}

/**
 * Lints files one at a time through ESLint's own API, with the collector rule added, so the
 * per-file findings are exactly what `eslint` reports with the same config.
 */
export class FileLinter {
  private readonly sink = new Map<string, FileEntryPoints>();
  private readonly eslint: ESLint;

  constructor(
    readonly root: string,
    config: ConfigChoice,
  ) {
    const collector = collectorConfig(this.sink);
    this.eslint =
      config.kind === 'shipped'
        ? new ESLint({
            cwd: root,
            overrideConfigFile: true,
            overrideConfig: [plugin.configs[config.name], collector],
            warnIgnored: false,
          })
        : new ESLint({
            cwd: root,
            overrideConfigFile: path.resolve(config.path),
            overrideConfig: [collector],
            warnIgnored: false,
            // A project config runs other plugins too; only this plugin's rules answer the audit's question.
            ruleFilter: ({ ruleId }) => ruleId.startsWith(RULE_PREFIX) || ruleId === COLLECTOR_RULE,
          });
  }

  async lint(file: string, text: string): Promise<LintedFile> {
    this.sink.delete(file);
    let result: ESLint.LintResult | undefined;
    try {
      [result] = await this.eslint.lintText(text, { filePath: file });
    } catch (error) {
      // A rule that throws on one file must not end the audit: the file is reported and left out.
      const reason = error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error);
      return { file, messages: [{ ruleId: null, messageId: undefined, severity: 2, message: `ESLint failed on this file: ${reason}`, line: 1, column: 1, endLine: undefined, endColumn: undefined, fatal: true }], facts: undefined, ignored: false };
    }
    if (!result) return { file, messages: [], facts: undefined, ignored: true };
    const facts = this.sink.get(file);
    this.sink.delete(file);
    // Unused-directive reports (rule-less, not fatal) belong to the project's own lint run.
    const messages = result.messages.filter((message) => (message.ruleId === null ? message.fatal === true : message.ruleId.startsWith(RULE_PREFIX))).map(lean);
    return { file, messages, facts: messages.some((message) => message.fatal) ? undefined : facts, ignored: false };
  }
}
