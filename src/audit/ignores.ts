import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readConfigText } from './files.js';

/** Why a path is left out of the audit by the user's ignores. */
export type IgnoreReason = 'gitignore' | 'ignore-option';

// Git compares paths case-insensitively where the file system does (core.ignorecase).
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

/**
 * The user's ignores: every `.gitignore` inside the audited folder (each for its own folder and
 * below, the deeper one deciding, as git does; a folder once ignored keeps its files ignored), and
 * the `--ignore` patterns, in the same syntax, relative to the audited folder. `.gitignore` files
 * above the folder, the global excludes and `.git/info/exclude` are not read.
 */
export class ScopeFilter {
  private readonly gitignores = new Map<string, Ignore | null>();
  private readonly patterns: Ignore | undefined;
  private readonly decided = new Map<string, IgnoreReason | null>();

  constructor(
    private readonly root: string,
    patterns: readonly string[],
  ) {
    this.patterns = patterns.length > 0 ? ignore({ ignorecase: IGNORE_CASE }).add([...patterns]) : undefined;
  }

  /** The rules of the `.gitignore` in `dir` (absolute), read once. */
  private gitignoreOf(dir: string): Ignore | null {
    let rules = this.gitignores.get(dir);
    if (rules === undefined) {
      const text = readConfigText(path.join(dir, '.gitignore'), this.root);
      rules = text === undefined ? null : ignore({ ignorecase: IGNORE_CASE }).add(text);
      this.gitignores.set(dir, rules);
    }
    return rules;
  }

  /** Why `file` (absolute, inside the root) is out of scope, or undefined when it is in scope. Folders are asked with `directory`. */
  reason(file: string, directory: boolean): IgnoreReason | undefined {
    const relative = path.relative(this.root, file).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) return undefined;
    const key = directory ? `${relative}/` : relative;
    const known = this.decided.get(key);
    if (known !== undefined) return known ?? undefined;
    const parent = path.posix.dirname(relative);
    // A folder that is ignored takes everything below it along, whatever deeper rules say.
    const inherited = parent === '.' ? undefined : this.reason(path.join(this.root, ...parent.split('/')), true);
    const reason = inherited ?? this.own(relative, key);
    this.decided.set(key, reason ?? null);
    return reason;
  }

  private own(relative: string, key: string): IgnoreReason | undefined {
    if (this.patterns?.ignores(key) === true) return 'ignore-option';
    const segments = relative.split('/');
    let ignored = false;
    // From the root's `.gitignore` down to the one beside the path: a deeper match overrides.
    for (let depth = 0; depth < segments.length; depth++) {
      const dir = path.join(this.root, ...segments.slice(0, depth));
      const rules = this.gitignoreOf(dir);
      if (!rules) continue;
      const below = segments.slice(depth).join('/') + (key.endsWith('/') ? '/' : '');
      const result = rules.test(below);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored ? 'gitignore' : undefined;
  }
}
