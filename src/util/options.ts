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

const patterns = new Map<string, RegExp | null>();

function asPattern(entry: string): RegExp | null {
  let pattern = patterns.get(entry);
  if (pattern !== undefined) return pattern;
  pattern = null;
  const match = /^\/(?<source>.+)\/(?<flags>[a-z]*)$/u.exec(entry);
  if (match?.groups?.source !== undefined) {
    try {
      pattern = new RegExp(match.groups.source, match.groups.flags ?? '');
    } catch {
      pattern = null;
    }
  }
  patterns.set(entry, pattern);
  return pattern;
}

/** Whether a name is in an `allow` list of names and `/regex/` patterns. */
export function nameAllowed(name: string, allow: readonly string[]): boolean {
  return allow.some((entry) => entry === name || asPattern(entry)?.test(name) === true);
}
