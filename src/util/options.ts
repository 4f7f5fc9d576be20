import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { Lifetime } from '../analysis/lifetime/lifetime.js';

/** Lifetimes a rule can be asked to report (startup writes are configuration, never reported). */
export const REPORTED_LIFETIMES = ['request', 'unknown'] as const;
export type ReportedLifetime = (typeof REPORTED_LIFETIMES)[number];

/** The `lifetimes` option shared by the rules that judge when a write happens. */
export function lifetimesOption(description: string): JSONSchema4 {
  return { type: 'array', items: { type: 'string', enum: [...REPORTED_LIFETIMES] }, uniqueItems: true, description };
}

/** The `allow` option shared by the rules that name what they report: names, or `/pattern/` regular expressions (see `allowList`). */
export function allowOption(description: string): JSONSchema4 {
  return { type: 'array', items: { type: 'string' }, uniqueItems: true, description };
}

/** Words for a lifetime inside a message. */
export function lifetimeWords(lifetime: Lifetime): string {
  return lifetime === 'request' ? 'at request time' : 'after startup';
}

/** Whether a name is on a rule's `allow` list. */
export type AllowList = (name: string) => boolean;

const allowLists = new WeakMap<readonly string[], AllowList>();

/**
 * A mistake in a rule's options that the options schema cannot express (a pattern that does not
 * compile, a flag the option refuses). ESLint's command line prints a fatal error's `stack`, so the stack is the message alone:
 * the user reads one line naming the rule, the option and the entry, and no frames of the plugin's
 * code. ESLint prefixes the message with the rule it was loading and the file; the stack keeps the
 * line as it is written here.
 */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';

  constructor(message: string) {
    super(message);
    Object.defineProperty(this, 'stack', { value: message, writable: true, configurable: true, enumerable: false });
  }
}

/** Flags that make `RegExp#test` remember where its last match ended. */
const STATEFUL_FLAGS = /[gy]/u;

/**
 * The `allow` option of a rule as a test of names: plain names looked up in a set, `/pattern/flags`
 * entries compiled once, so the cost of a test does not grow with the number of names. The list is
 * kept per options array, which is one object for every file a configuration applies to.
 *
 * A pattern that does not compile, or that has the flag `g` or `y`, is a configuration error naming
 * the rule and the entry (thrown when the rule is created, so ESLint stops with it, as it does for
 * options the schema refuses). With `g` or `y` a pattern remembers where its last match ended, so a
 * name would be allowed or not depending on the names tested before it, in this file or an earlier
 * one; dropping the flag would change what `y` means (a match at the start only).
 */
export function allowList(ruleId: string, allow: readonly string[]): AllowList {
  let list = allowLists.get(allow);
  if (list) return list;
  const names = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of allow) {
    names.add(entry);
    const match = /^\/(?<source>.+)\/(?<flags>[a-z]*)$/u.exec(entry);
    const source = match?.groups?.source;
    if (source === undefined) continue;
    const flags = match?.groups?.flags ?? '';
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, flags);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new OptionsError(`${ruleId}: option \`allow\` has an entry that is not a valid regular expression, ${JSON.stringify(entry)}: ${reason}.`);
    }
    const stateful = STATEFUL_FLAGS.exec(flags)?.[0];
    if (stateful !== undefined) {
      throw new OptionsError(
        `${ruleId}: option \`allow\` has an entry with the flag ${stateful}, ${JSON.stringify(entry)}: with g or y a pattern remembers where its last match ended, so whether a name is allowed would depend on the names tested before it; remove the flag (\`^\` anchors a pattern at the start).`,
      );
    }
    patterns.push(pattern);
  }
  list = patterns.length === 0 ? (name) => names.has(name) : (name) => names.has(name) || patterns.some((pattern) => pattern.test(name));
  allowLists.set(allow, list);
  return list;
}
