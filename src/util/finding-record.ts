import type { TSESLint } from '@typescript-eslint/utils';
import type { AdviceRef } from '../knowledge/advice.js';
import type { Kind } from '../knowledge/kinds.js';

/**
 * What a report is about, as the rule knows it: the words of its message are for people, this is
 * for tools (the audit) that need the same answer without reading the words back.
 */
export interface FindingTag {
  /** The kind of state; absent when the piece of state the report points at says it (a binding's writes). */
  readonly kind?: Kind;
  /** The name of the state as written in the code (`carts`, `this.jobs`, `process.env.TZ`), when it has one. */
  readonly name?: string;
  /** The advice the message names. */
  readonly advice?: AdviceRef;
  /** The package the state lives in, for a library's store (`@prisma/client`). */
  readonly package?: string;
  /** Where the state is declared when that is another file (absolute path), and its name there (`Realm.peers`, `queued`). */
  readonly declared?: { readonly file: string; readonly line: number; readonly name: string };
}

/** One report of a rule, with its position as ESLint gives it (1-based line and column). */
export interface FindingRecord extends FindingTag {
  readonly ruleId: string;
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
}

/** A report descriptor with the structured part the rule adds; ESLint never sees `finding`. */
export type StatelessReportDescriptor<MessageIds extends string> = TSESLint.ReportDescriptor<MessageIds> & { readonly finding?: FindingTag };

/** The rule context the plugin's rules get: ESLint's, whose `report` also takes a {@link FindingTag}. */
export type StatelessRuleContext<MessageIds extends string, Options extends readonly unknown[]> = Omit<TSESLint.RuleContext<MessageIds, Options>, 'report'> & {
  report(descriptor: StatelessReportDescriptor<MessageIds>): void;
};

/**
 * The records of every report made on a file, kept per `SourceCode`: nothing outlives the file's
 * lint, and nothing of one file reaches another. The map is registered under a symbol on the global
 * object, so that every copy of this module in a process reads the same records: the package's entry
 * is one bundled file (`dist/src/bundle.js`, which a project's config loads), while the audit reads
 * the records through its own modules. (`SourceCode` objects are frozen: the records cannot go on them.)
 */
const REGISTRY = Symbol.for('eslint-plugin-stateless/finding-records');
const registry = globalThis as { [REGISTRY]?: WeakMap<object, FindingRecord[]> | undefined };
const records = (registry[REGISTRY] ??= new WeakMap<object, FindingRecord[]>());

/** The records of the reports made on this `SourceCode` so far; the same array goes on filling as later rules report. */
export function findingRecords(sourceCode: object): readonly FindingRecord[] {
  let list = records.get(sourceCode);
  if (!list) {
    list = [];
    records.set(sourceCode, list);
  }
  return list;
}

interface Position {
  readonly line: number;
  readonly column: number;
}

/** Where ESLint places a report: the start of `loc` (a position or a range), else of the node; columns from 1. */
function start(descriptor: TSESLint.ReportDescriptor<string>): Position {
  if ('loc' in descriptor) {
    const loc = descriptor.loc;
    return 'start' in loc ? loc.start : loc;
  }
  return descriptor.node.loc.start;
}

/**
 * ESLint's context with a `report` that records each report (rule, message id, position and the
 * rule's {@link FindingTag}) for the file's `SourceCode`, then hands ESLint the descriptor without
 * the tag. ESLint's messages stay exactly what they were; a disabled or filtered report leaves a
 * record that no message matches.
 */
export function recordingContext<MessageIds extends string, Options extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
): StatelessRuleContext<MessageIds, Options> {
  const list = findingRecords(context.sourceCode) as FindingRecord[];
  const report = (descriptor: StatelessReportDescriptor<MessageIds>): void => {
    const { finding, ...plain } = descriptor;
    const at = start(plain);
    list.push({ ruleId: context.id, messageId: plain.messageId, line: at.line, column: at.column + 1, ...finding });
    context.report(plain);
  };
  // ESLint's context keeps its state in its own properties and prototype; the wrapper only replaces `report`.
  return Object.create(context, { report: { value: report, enumerable: true } }) as StatelessRuleContext<MessageIds, Options>;
}
