import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileInput } from '../facts.js';
import { needsSummary, StateGate } from './gate.js';
import { MAX_SOURCE_BYTES, parseProjectFile } from './parse.js';
import { reachedFileResolver } from './resolve.js';
import { Summaries, type SummaryHost } from './summary.js';

/**
 * The project's files as summaries read them: resolved with the project resolver, identified by
 * size and modification time, parsed as the shipped configs parse them. Nothing but a file's
 * summary is kept: the parsed file is dropped once its summary is built.
 */
class FileSystemHost implements SummaryHost {
  readonly summaries: Summaries;

  constructor(
    private readonly cwd: string,
    private readonly settings: Readonly<Record<string, unknown>>,
  ) {
    this.summaries = new Summaries(this);
  }

  resolve(specifier: string, fromFile: string): string | undefined {
    return reachedFileResolver().resolve(specifier, fromFile);
  }

  origin(file: string, name: string): { file: string; name: string; hops: number } | undefined {
    return stateGate().origin(file, name);
  }

  version(file: string): string | undefined {
    try {
      const stat = statSync(file);
      return stat.isFile() && stat.size <= MAX_SOURCE_BYTES ? `${String(stat.size)}:${String(stat.mtimeMs)}` : undefined;
    } catch {
      return undefined;
    }
  }

  input(file: string): FileInput | undefined {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    // A file with no state, no class and no project import: its summary would say nothing (project/gate.ts).
    if (!needsSummary(text, file)) {
      summaryCounts.notParsed++;
      return undefined;
    }
    summaryCounts.parsed++;
    const sourceCode = parseProjectFile(file, text);
    return sourceCode ? { sourceCode, filename: file, cwd: this.cwd, settings: this.settings } : undefined;
  }
}

const hosts = new Map<string, FileSystemHost>();

/** How many imported files were parsed to be summarised, and how many the text gate left unparsed (docs/performance.md). */
export const summaryCounts = { parsed: 0, notParsed: 0 };

let gate: StateGate | undefined;

/** The text gate of the process's project files (it depends on files alone, not on settings). */
export function stateGate(): StateGate {
  gate ??= new StateGate();
  return gate;
}

/** What of the settings a summary depends on: the plugin's own, as text (ESLint may hand each file its own copy). */
function settingsKey(settings: Readonly<Record<string, unknown>>): string {
  try {
    return JSON.stringify(settings.stateless ?? null);
  } catch {
    return '(unserialisable)';
  }
}

/**
 * The summaries for files linted with these settings from this working directory, kept for the
 * life of the process (ESLint's worker threads under `--concurrency` each keep their own). A
 * summary depends on its file alone; it is worked out again when the file's size or time changes.
 */
export function summariesFor(cwd: string, settings: Readonly<Record<string, unknown>>): Summaries {
  const root = path.resolve(cwd);
  const key = `${root}\u0000${settingsKey(settings)}`;
  let host = hosts.get(key);
  if (!host) {
    host = new FileSystemHost(root, settings);
    hosts.set(key, host);
  }
  return host.summaries;
}
