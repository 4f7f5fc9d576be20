/**
 * `settings.stateless`: plugin-wide knobs shared by every rule, read and checked in one place.
 *
 * ```js
 * settings: {
 *   stateless: {
 *     handlerCalls: ['server.route', 'registerJob'],   // function arguments of these calls run per request
 *     startupCalls: ['bootstrap'],                     // function arguments of these calls run once at startup
 *     handlerExports: [{ files: '^src/handlers/', names: ['run'] }],
 *   },
 * }
 * ```
 */
export interface HandlerExportSetting {
  /** A regular expression (source text) matched against the file path with forward slashes. */
  readonly files?: RegExp;
  readonly names: readonly string[];
}

export interface StatelessSettings {
  readonly handlerCalls: readonly string[];
  readonly startupCalls: readonly string[];
  readonly handlerExports: readonly HandlerExportSetting[];
}

export type SettingsResult = { ok: true; settings: StatelessSettings } | { ok: false; error: string };

const EMPTY: StatelessSettings = { handlerCalls: [], startupCalls: [], handlerExports: [] };
const KNOWN_KEYS = new Set(['handlerCalls', 'startupCalls', 'handlerExports']);

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
  return { ok: true, settings: { handlerCalls: calls, startupCalls: startup, handlerExports: exportsSetting } };
}
