import { STORE_KINDS, type StoreKind } from './knowledge/types.js';

/**
 * `settings.stateless`: plugin-wide knobs shared by every rule, read and checked in one place.
 *
 * ```js
 * settings: {
 *   stateless: {
 *     handlerCalls: ['server.route', 'registerJob'],   // function arguments of these calls run per request
 *     startupCalls: ['bootstrap'],                     // function arguments of these calls run once at startup
 *     handlerExports: [{ files: '^src/handlers/', names: ['run'] }],
 *     // in-house libraries that keep state in the process, for no-memory-store / no-in-memory-session
 *     stores: [{ package: '@acme/cache', export: 'createCache', kind: 'cache', unlessOptions: ['redis'] }],
 *     allowPackages: ['lru-cache'],                    // packages the store rules never report
 *   },
 * }
 * ```
 */
export interface HandlerExportSetting {
  /** A regular expression (source text) matched against the file path with forward slashes. */
  readonly files?: RegExp;
  readonly names: readonly string[];
}

/** An in-house library that keeps state in the process, described like an entry of the store table. */
export interface StoreSetting {
  /** The import specifier. */
  readonly package: string;
  /** The export path from the module: `default`, `createCache`, `CacheModule.register`. */
  readonly export: readonly string[];
  readonly form: 'call' | 'new' | 'either';
  readonly kind: StoreKind;
  /** Not in memory when the options argument has one of these keys. */
  readonly unlessOptions: readonly string[];
  readonly optionsArgument: number;
  /** The second sentence of the message; a generic one for the kind when omitted. */
  readonly advice?: string;
}

export interface StatelessSettings {
  readonly handlerCalls: readonly string[];
  readonly startupCalls: readonly string[];
  readonly handlerExports: readonly HandlerExportSetting[];
  readonly stores?: readonly StoreSetting[];
  /** Packages whose stores are never reported (a deliberate per-instance cache library, say). */
  readonly allowPackages?: readonly string[];
}

export type SettingsResult = { ok: true; settings: StatelessSettings } | { ok: false; error: string };

const EMPTY: StatelessSettings = { handlerCalls: [], startupCalls: [], handlerExports: [], stores: [], allowPackages: [] };
const KNOWN_KEYS = new Set(['handlerCalls', 'startupCalls', 'handlerExports', 'stores', 'allowPackages']);
const STORE_KEYS = new Set(['package', 'export', 'form', 'kind', 'unlessOptions', 'optionsArgument', 'advice']);
const STORE_FORMS = new Set(['call', 'new', 'either']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, key: string): readonly string[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string' && item.length > 0)) {
    return `settings.stateless.${key} must be an array of non-empty strings`;
  }
  return value;
}

function handlerExports(value: unknown): readonly HandlerExportSetting[] | string {
  if (value === undefined) return [];
  const shape = 'settings.stateless.handlerExports must be an array of { files?: string, names: string[] }';
  if (!Array.isArray(value)) return shape;
  const result: HandlerExportSetting[] = [];
  for (const entry of value as unknown[]) {
    if (!isRecord(entry)) return shape;
    const names = stringList(entry.names, 'handlerExports[].names');
    if (typeof names === 'string' || names.length === 0) return shape;
    if (entry.files === undefined) {
      result.push({ names });
      continue;
    }
    if (typeof entry.files !== 'string') return shape;
    try {
      result.push({ files: new RegExp(entry.files, 'u'), names });
    } catch {
      return `settings.stateless.handlerExports[].files is not a valid regular expression: ${entry.files}`;
    }
  }
  return result;
}

function stores(value: unknown): readonly StoreSetting[] | string {
  if (value === undefined) return [];
  const shape = `settings.stateless.stores must be an array of { package: string, export?: string, form?: 'call' | 'new' | 'either', kind: ${STORE_KINDS.join(' | ')}, unlessOptions?: string[], optionsArgument?: number, advice?: string }`;
  if (!Array.isArray(value)) return shape;
  const result: StoreSetting[] = [];
  for (const entry of value as unknown[]) {
    if (!isRecord(entry) || Object.keys(entry).some((key) => !STORE_KEYS.has(key))) return shape;
    const { package: specifier, export: exportName = 'default', form = 'either', kind, optionsArgument = 0, advice } = entry;
    if (typeof specifier !== 'string' || specifier.length === 0 || typeof exportName !== 'string' || exportName.length === 0) return shape;
    if (typeof form !== 'string' || !STORE_FORMS.has(form) || typeof kind !== 'string' || !(STORE_KINDS as readonly string[]).includes(kind)) return shape;
    if (typeof optionsArgument !== 'number' || !Number.isInteger(optionsArgument) || optionsArgument < 0) return shape;
    if (advice !== undefined && typeof advice !== 'string') return shape;
    const unlessOptions = stringList(entry.unlessOptions, 'stores[].unlessOptions');
    if (typeof unlessOptions === 'string') return unlessOptions;
    result.push({
      package: specifier,
      export: exportName.split('.'),
      form: form as StoreSetting['form'],
      kind: kind as StoreKind,
      unlessOptions,
      optionsArgument,
      ...(advice === undefined ? {} : { advice }),
    });
  }
  return result;
}

const cache = new WeakMap<object, SettingsResult>();

/** Reads and validates `settings.stateless`; the result is cached per settings object. */
export function readSettings(settings: Readonly<Record<string, unknown>>): SettingsResult {
  const cached = cache.get(settings);
  if (cached) return cached;
  const result = parse(settings.stateless);
  cache.set(settings, result);
  return result;
}

function parse(raw: unknown): SettingsResult {
  if (raw === undefined) return { ok: true, settings: EMPTY };
  if (!isRecord(raw)) return { ok: false, error: 'settings.stateless must be an object' };
  const unknownKey = Object.keys(raw).find((key) => !KNOWN_KEYS.has(key));
  if (unknownKey !== undefined) {
    return { ok: false, error: `settings.stateless has an unknown key "${unknownKey}" (known: ${[...KNOWN_KEYS].join(', ')})` };
  }
  const calls = stringList(raw.handlerCalls, 'handlerCalls');
  if (typeof calls === 'string') return { ok: false, error: calls };
  const startup = stringList(raw.startupCalls, 'startupCalls');
  if (typeof startup === 'string') return { ok: false, error: startup };
  const exportsSetting = handlerExports(raw.handlerExports);
  if (typeof exportsSetting === 'string') return { ok: false, error: exportsSetting };
  const storeSettings = stores(raw.stores);
  if (typeof storeSettings === 'string') return { ok: false, error: storeSettings };
  const allowPackages = stringList(raw.allowPackages, 'allowPackages');
  if (typeof allowPackages === 'string') return { ok: false, error: allowPackages };
  return { ok: true, settings: { handlerCalls: calls, startupCalls: startup, handlerExports: exportsSetting, stores: storeSettings, allowPackages } };
}
