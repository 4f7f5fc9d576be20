import type { StatelessSettings, StoreSetting } from '../settings.js';
import { SAFE, UNDETECTED } from './safe.js';
import { STORES } from './stores.js';
import { GENERIC_ADVICE } from './advice.js';
import type { StoreEntry, StoreKind } from './types.js';

export { SAFE, STORES, UNDETECTED };
export type { Alternative, Condition, Medium, Placement, SafeEntry, Shape, StoreEntry, StoreKind, UndetectedEntry, Verdict } from './types.js';
export { STORE_KINDS } from './types.js';
export { ALTERNATIVES, FINDING_ADVICE, GENERIC_ADVICE, type FindingAdvice } from './advice.js';
export type { StateKind } from './kinds.js';
export { STATE_KINDS } from './kinds.js';


/** Kinds whose in-house stores are middleware or servers, so a per-request build is still a finding. */
const ANYWHERE_KINDS: ReadonlySet<StoreKind> = new Set(['session', 'rate-limit', 'realtime', 'upload', 'upload-buffer']);

/** The store table with the user's own libraries, indexed by import specifier. */
export interface KnowledgeTable {
  readonly entries: readonly StoreEntry[];
  readonly bySpecifier: ReadonlyMap<string, readonly StoreEntry[]>;
}

function fromSetting(setting: StoreSetting): StoreEntry {
  return {
    package: setting.package,
    kind: setting.kind,
    verdict: 'stateful-default',
    shapes: [
      {
        form: setting.form,
        exports: [setting.export],
        options: setting.optionsArgument,
        placement: ANYWHERE_KINDS.has(setting.kind) ? 'anywhere' : 'shared',
        ...(setting.unlessOptions.length > 0 ? { when: [{ missing: setting.unlessOptions }] } : {}),
      },
    ],
    why: 'Declared in `settings.stateless.stores`.',
    advice: setting.advice ?? GENERIC_ADVICE[setting.kind],
    alternatives: [],
  };
}

function specifiersOf(entry: StoreEntry): readonly string[] {
  return entry.specifiers ?? [entry.package];
}

function build(stores: readonly StoreSetting[], allow: readonly string[]): KnowledgeTable {
  const allowed = new Set(allow);
  const entries = [...STORES, ...stores.map(fromSetting)].filter((entry) => !allowed.has(entry.package));
  const bySpecifier = new Map<string, StoreEntry[]>();
  for (const entry of entries) {
    for (const specifier of specifiersOf(entry)) {
      if (allowed.has(specifier)) continue;
      const list = bySpecifier.get(specifier) ?? [];
      list.push(entry);
      bySpecifier.set(specifier, list);
    }
  }
  return { entries, bySpecifier };
}

const DEFAULT_TABLE = build([], []);
const tables = new WeakMap<StatelessSettings, KnowledgeTable>();

/** The table for a file's settings (cached per settings object). */
export function knowledgeFor(settings: StatelessSettings | undefined): KnowledgeTable {
  if (!settings || ((settings.stores ?? []).length === 0 && (settings.allowPackages ?? []).length === 0)) return DEFAULT_TABLE;
  let table = tables.get(settings);
  if (!table) {
    table = build(settings.stores ?? [], settings.allowPackages ?? []);
    tables.set(settings, table);
  }
  return table;
}
