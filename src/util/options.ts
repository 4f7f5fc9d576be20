import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { Lifetime } from '../analysis/lifetime/lifetime.js';

/** Lifetimes a rule can be asked to report (startup writes are configuration, never reported). */
export const REPORTED_LIFETIMES = ['request', 'unknown'] as const;
export type ReportedLifetime = (typeof REPORTED_LIFETIMES)[number];

/** The `lifetimes` option shared by the rules that judge when a write happens. */
export function lifetimesOption(description: string): JSONSchema4 {
  return { type: 'array', items: { type: 'string', enum: [...REPORTED_LIFETIMES] }, uniqueItems: true, description };
}

/** Words for a lifetime inside a message. */
export function lifetimeWords(lifetime: Lifetime): string {
  return lifetime === 'request' ? 'at request time' : 'after startup';
}

/** Whether a name is on a rule's `allow` list. */
export type AllowList = (name: string) => boolean;

const allowLists = new WeakMap<readonly string[], AllowList>();

/**
 * The `allow` option of a rule as a test of names: plain names looked up in a set, `/pattern/flags`
 * entries compiled once, so the cost of a test does not grow with the number of names. The list is
 * kept per options array, which is one object for every file a configuration applies to.
 *
 * A pattern that does not compile is a configuration error naming the rule and the entry (thrown when
 * the rule is created, so ESLint stops with it, as it does for options the schema refuses). The `g`
 * and `y` flags are dropped: they make `RegExp#test` remember where it stopped, so a name would be
 * allowed or not depending on the names tested before it, in this file or an earlier one.
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
    const flags = (match?.groups?.flags ?? '').replace(/[gy]/gu, '');
    try {
      patterns.push(new RegExp(source, flags));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${ruleId}: option \`allow\` has an entry that is not a valid regular expression, ${JSON.stringify(entry)}: ${reason}.`, { cause: error });
    }
  }
  list = patterns.length === 0 ? (name) => names.has(name) : (name) => names.has(name) || patterns.some((pattern) => pattern.test(name));
  allowLists.set(allow, list);
  return list;
}
