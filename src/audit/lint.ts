import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import type ts from 'typescript';
import type { FileEntryPoints } from './describe-file.js';
import plugin from '../index.js';
import type { FindingRecord, FindingTag } from '../util/finding-record.js';
import { COLLECTOR_RULE, collectorConfig, type CollectedFile } from './collector.js';
import type { ConfigChoice, ShippedConfig } from './configs.js';
import { firstLine, InputError } from './errors.js';
import type { SkippedPath, SourceText } from './project.js';

export type { ConfigChoice, ShippedConfig } from './configs.js';

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
  /** What the rule said the finding is about (kind, name, advice), from its report; never read back from `message`. */
  readonly finding: FindingTag | undefined;
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

export interface LinterOptions {
  /** For a type-checked config: the program typescript-eslint takes its types from, instead of building its own. */
  readonly program?: ts.Program;
}

const RULE_PREFIX = 'stateless/';
const PLUGIN_NAME = 'eslint-plugin-stateless';

/** The untyped config a type-checked one adds its TypeScript files to. */
const TYPED_BASE: Partial<Record<ShippedConfig, ShippedConfig>> = {
  'recommended-type-checked': 'recommended',
  'strict-type-checked': 'strict',
};

/**
 * Without a program the rules never look up TypeScript's node for an ESTree node, so the parser
 * need not keep the two maps (two weak-map entries a node, which the garbage collector pays for).
 * Measured on a 2,000-file service: 6 % of the audit's time. The findings are the same; a test holds
 * the audit's findings to ESLint's own with the shipped config.
 */
const UNTYPED_PARSE: Linter.Config = { name: 'stateless-audit/untyped-parse', files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], languageOptions: { parserOptions: { preserveNodeMaps: false } } };

function recordKey(ruleId: string | null, messageId: string | undefined, line: number, column: number): string {
  return `${ruleId ?? ''}\u0000${messageId ?? ''}\u0000${String(line)}:${String(column)}`;
}

/** The records of a file's reports by rule, message id and position, the first of several at one place. */
function recordIndex(records: readonly FindingRecord[]): Map<string, FindingTag> {
  const index = new Map<string, FindingTag>();
  for (const record of records) {
    const key = recordKey(record.ruleId, record.messageId, record.line, record.column);
    if (!index.has(key)) {
      const { ruleId: _rule, messageId: _message, line: _line, column: _column, ...tag } = record;
      index.set(key, tag);
    }
  }
  return index;
}

function lean(message: Linter.LintMessage, records: ReadonlyMap<string, FindingTag>): LintMessage {
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
    finding: records.get(recordKey(message.ruleId, message.messageId, message.line, message.column)),
  };
}

/**
 * ESLint reports its own concerns through `process.emitWarning` (a `.eslintignore` it no longer
 * reads, an empty config): they are about the project's lint setup, not its state, and would land
 * in the middle of the audit's output. Its warning service takes the function when it is created.
 */
function withoutEslintWarnings<T>(create: () => T): T {
  const original = Object.getOwnPropertyDescriptor(process, 'emitWarning');
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  const filtered = (warning: string | Error, ...rest: unknown[]): void => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (typeof type === 'string' && type.startsWith('ESLint')) return;
    emit(warning, ...rest);
  };
  Object.defineProperty(process, 'emitWarning', { value: filtered, configurable: true, writable: true });
  try {
    return create();
  } finally {
    if (original) Object.defineProperty(process, 'emitWarning', original);
  }
}

function severityOf(entry: unknown): number {
  const level: unknown = Array.isArray(entry) ? entry[0] : entry;
  if (level === 'off' || level === 0) return 0;
  return level === 'warn' || level === 1 ? 1 : level === 'error' || level === 2 ? 2 : 0;
}

interface CalculatedConfig {
  readonly plugins?: Readonly<Record<string, { readonly meta?: { readonly name?: string } } | undefined>>;
  readonly rules?: Readonly<Record<string, unknown>>;
}

/**
 * Lints files one at a time through ESLint's own API, with the collector rule added, so the
 * per-file findings are exactly what `eslint` reports with the same config.
 */
export class FileLinter {
  private readonly sink = new Map<string, CollectedFile>();
  private readonly eslint: ESLint;
  private readonly label: string;

  constructor(
    readonly root: string,
    private readonly config: ConfigChoice,
    options: LinterOptions = {},
  ) {
    const collector = collectorConfig(this.sink);
    this.label = config.kind === 'shipped' ? config.name : path.basename(config.path);
    this.eslint = withoutEslintWarnings(() => {
      if (config.kind === 'file') {
        return new ESLint({
          cwd: root,
          overrideConfigFile: path.resolve(config.path),
          overrideConfig: [collector],
          warnIgnored: false,
          // A project config runs other plugins too; only this plugin's rules answer the audit's question.
          ruleFilter: ({ ruleId }) => ruleId.startsWith(RULE_PREFIX) || ruleId === COLLECTOR_RULE,
        });
      }
      const base = TYPED_BASE[config.name];
      const typed = plugin.configs[config.name];
      const configs: Linter.Config[] =
        base === undefined
          ? [typed, UNTYPED_PARSE]
          : [
              plugin.configs[base],
              {
                ...typed,
                // One program for the whole run: the audit's, instead of a project service of typescript-eslint's own.
                languageOptions: { ...typed.languageOptions, parserOptions: options.program ? { programs: [options.program] } : { projectService: true } },
              },
            ];
      return new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [...configs, collector], warnIgnored: false });
    });
  }

  /**
   * The files the config lints with at least one of the plugin's rules, and why the others are left
   * out. A config file is loaded here (which runs it, as `eslint` does); one that throws, that does
   * not load the plugin, or that enables none of its rules stops the audit.
   */
  async scope(files: readonly SourceText[]): Promise<{ lintable: SourceText[]; skipped: SkippedPath[] }> {
    if (this.config.kind === 'shipped') return { lintable: [...files], skipped: [] };
    const lintable: SourceText[] = [];
    const skipped: SkippedPath[] = [];
    let plugin = false;
    for (const file of files) {
      let calculated: CalculatedConfig | undefined;
      try {
        calculated = (await this.eslint.calculateConfigForFile(file.path)) as CalculatedConfig | undefined;
      } catch (error) {
        throw new InputError(`cannot load config ${this.label}: ${firstLine(error)}`);
      }
      if (calculated === undefined) {
        skipped.push({ path: file.path, reason: 'eslint-ignores' });
        continue;
      }
      if (Object.values(calculated.plugins ?? {}).some((candidate) => candidate?.meta?.name === PLUGIN_NAME)) plugin = true;
      const enabled = Object.entries(calculated.rules ?? {}).some(([ruleId, entry]) => ruleId.startsWith(RULE_PREFIX) && severityOf(entry) > 0);
      if (enabled) lintable.push(file);
      else skipped.push({ path: file.path, reason: 'no-rule' });
    }
    if (lintable.length === 0 && files.length > 0) {
      if (!plugin && skipped.some((entry) => entry.reason === 'no-rule')) throw new InputError(`config ${this.label} does not load ${PLUGIN_NAME}: add one of its configs (stateless.configs.recommended)`);
      if (!plugin) throw new InputError(`config ${this.label} ignores every file of the project`);
      throw new InputError(`config ${this.label} enables no ${RULE_PREFIX} rule for any file of the project`);
    }
    return { lintable, skipped };
  }

  async lint(file: string, text: string): Promise<LintedFile> {
    this.sink.delete(file);
    let result: ESLint.LintResult | undefined;
    try {
      [result] = await this.eslint.lintText(text, { filePath: file });
    } catch (error) {
      // A rule that throws on one file must not end the audit: the file is reported and left out.
      return { file, messages: [{ ruleId: null, messageId: undefined, severity: 2, message: `ESLint failed on this file: ${firstLine(error)}`, line: 1, column: 1, endLine: undefined, endColumn: undefined, fatal: true, finding: undefined }], facts: undefined, ignored: false };
    }
    if (!result) return { file, messages: [], facts: undefined, ignored: true };
    const collected = this.sink.get(file);
    this.sink.delete(file);
    const records = recordIndex(collected?.records ?? []);
    // Unused-directive reports (rule-less, not fatal) belong to the project's own lint run.
    const messages = result.messages.filter((message) => (message.ruleId === null ? message.fatal === true : message.ruleId.startsWith(RULE_PREFIX))).map((message) => lean(message, records));
    return { file, messages, facts: messages.some((message) => message.fatal) ? undefined : collected?.facts, ignored: false };
  }
}
