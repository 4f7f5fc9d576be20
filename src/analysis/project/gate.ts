import { readFileSync, statSync } from 'node:fs';
import { MAX_SOURCE_BYTES } from './parse.js';
import { reachedFileResolver } from './resolve.js';
import { FILE_TEXT } from '../findings/local-files.js';
import { mayStartJobs } from '../findings/timers.js';
import { isProjectSpecifier } from './summary.js';

/**
 * A look at a project file's text before it is parsed and summarised: whether its summary could
 * name any module state at all. A summary names state only through the module's own places (a
 * top-level `let`/`var`/`using`, a `const` holding an array, object, `Map`/`Set`…, data exported
 * through `exports`/`module.exports` or `export default [...]`/`{…}`, an instance made when the module
 * loads) and through the files it imports or re-exports. A file whose text has none of these, and
 * whose project imports have none either, has a summary that answers every question of a linted
 * file with "nothing": it need not be parsed. The test is conservative (`tests/project-gate.test.ts`
 * compares it with the full summaries): where the text is unclear it answers "may hold state".
 *
 * Fields that a class's methods write (`this.jobs.push(…)`) are not looked at: they reach a linted
 * file only through `new Imported()` at the top of that file, which asks for the class without the
 * gate.
 */

type Token =
  | { readonly type: 'name'; readonly value: string; readonly braces: number; readonly stack: number }
  | { readonly type: 'punct'; readonly value: string; readonly braces: number; readonly stack: number; match?: number }
  | { readonly type: 'string'; readonly value: string; readonly braces: number; readonly stack: number }
  | { readonly type: 'other'; readonly braces: number; readonly stack: number };

/** What the text of a file says: whether it may declare state of its own, and the specifiers it imports. */
export interface GateText {
  readonly mayHoldState: boolean;
  /**
   * Whether a function of the file may write its own module state: it holds state, and that state
   * is not only `const` data (an array, object, `Map`…) named nowhere but where it is declared.
   */
  readonly mayWrite: boolean;
  /** Static import, re-export, `require('…')` and `import('…')` specifiers, as written. */
  readonly specifiers: readonly string[];
  /** A `class` appears: its methods' field writes are summarised. */
  readonly hasClass: boolean;
  /** A timer or a scheduling library is named: the file may start a recurring job. */
  readonly mayStartJob: boolean;
  /** A file-system module (or Bun's, Deno's) is named: the file may write files to disk. */
  readonly mayWriteFiles: boolean;
}

const UNCLEAR: GateText = { mayHoldState: true, mayWrite: true, specifiers: [], hasClass: true, mayStartJob: true, mayWriteFiles: true };

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

/** Tokens that, starting a top-level `const` initialiser or a default export, may make a collection or object. */
const CONTAINER_START = new Set(['[', '{', '(', '<', 'new', 'Array', 'Object']);

/** Built-in collections: `new Map()` is data, whereas `new Registry()` may be an instance whose methods write it. */
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object']);

/** Statement keywords that end a type alias at the top level (a type alias has no `;` of its own under ASI). */
const STATEMENT_START = new Set(['const', 'let', 'var', 'using', 'export', 'import', 'function', 'class', 'interface', 'enum', 'declare', 'namespace', 'module', 'abstract', 'async']);

const SCRIPT_FILE = /\.(?:[cm]?ts|[cm]?js)$/u;

/**
 * Splits the text into tokens, with the depth of braces and of all brackets around each; undefined
 * when the text does not read cleanly (an unterminated string or comment, unbalanced brackets), so
 * that the caller falls back to parsing.
 */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  /** Open brackets, and `${` of template literals (as '`'). */
  const stack: { char: string; index: number }[] = [];
  let braces = 0;
  let index = 0;
  const length = text.length;
  const last = (): Token | undefined => tokens.at(-1);
  const regexAllowed = (): boolean => {
    const previous = last();
    if (!previous) return true;
    if (previous.type === 'name') return BEFORE_REGEX.has(previous.value);
    if (previous.type === 'punct') return previous.value !== ')' && previous.value !== ']' && previous.value !== '}';
    return false;
  };
  /** Reads a template literal from after its opening backtick (or a `}` closing a `${`): true when it reached `${`. */
  const template = (): boolean | undefined => {
    while (index < length) {
      const char = text[index];
      if (char === '\\') {
        index += 2;
        continue;
      }
      if (char === '`') {
        index++;
        return false;
      }
      if (char === '$' && text[index + 1] === '{') {
        index += 2;
        return true;
      }
      index++;
    }
    return undefined;
  };
  while (index < length) {
    const char = text[index] ?? '';
    const code = char.charCodeAt(0);
    if (char === ' ' || char === '\n' || char === '\t' || char === '\r') {
      index++;
      continue;
    }
    if (char === '/' && text[index + 1] === '/') {
      const end = text.indexOf('\n', index);
      index = end === -1 ? length : end;
      continue;
    }
    if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      if (end === -1) return undefined;
      index = end + 2;
      continue;
    }
    if (char === '"' || char === "'") {
      let end = index + 1;
      for (; end < length; end++) {
        const inner = text[end];
        if (inner === '\\') {
          end++;
          continue;
        }
        if (inner === char) break;
        if (inner === '\n') return undefined;
      }
      if (end >= length) return undefined;
      // The text between the quotes, escapes as written (a specifier with an escape is not read: see readGateText).
      tokens.push({ type: 'string', value: text.slice(index + 1, end), braces, stack: stack.length });
      index = end + 1;
      continue;
    }
    if (char === '`') {
      index++;
      const opened = template();
      if (opened === undefined) return undefined;
      tokens.push({ type: 'other', braces, stack: stack.length });
      if (opened) {
        stack.push({ char: '`', index: tokens.length });
        braces++;
      }
      continue;
    }
    if (char === '/' && regexAllowed()) {
      let end = index + 1;
      let inClass = false;
      for (; end < length; end++) {
        const inner = text[end];
        if (inner === '\\') {
          end++;
          continue;
        }
        if (inner === '\n') return undefined;
        if (inner === '[') inClass = true;
        else if (inner === ']') inClass = false;
        else if (inner === '/' && !inClass) break;
      }
      if (end >= length) return undefined;
      index = end + 1;
      while (index < length && /[a-z]/u.test(text[index] ?? '')) index++;
      tokens.push({ type: 'other', braces, stack: stack.length });
      continue;
    }
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || char === '_' || char === '$' || char === '#' || code > 127) {
      let end = index + 1;
      while (end < length) {
        const next = text.charCodeAt(end);
        if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122) || (next >= 48 && next <= 57) || next === 95 || next === 36 || next > 127) end++;
        else break;
      }
      tokens.push({ type: 'name', value: text.slice(index, end), braces, stack: stack.length });
      index = end;
      continue;
    }
    if (code >= 48 && code <= 57) {
      let end = index + 1;
      while (end < length && /[\w.]/u.test(text[end] ?? '')) end++;
      tokens.push({ type: 'other', braces, stack: stack.length });
      index = end;
      continue;
    }
    if (char === '{' || char === '(' || char === '[') {
      tokens.push({ type: 'punct', value: char, braces, stack: stack.length });
      stack.push({ char, index: tokens.length - 1 });
      if (char === '{') braces++;
      index++;
      continue;
    }
    if (char === '}' || char === ')' || char === ']') {
      const open = stack.pop();
      if (!open) return undefined;
      if (open.char === '`') {
        if (char !== '}') return undefined;
        braces--;
        const opened = template();
        if (opened === undefined) return undefined;
        if (opened) {
          stack.push({ char: '`', index: tokens.length });
          braces++;
        }
        continue;
      }
      if ((open.char === '{' ? '}' : open.char === '(' ? ')' : ']') !== char) return undefined;
      if (char === '}') braces--;
      tokens.push({ type: 'punct', value: char, braces, stack: stack.length });
      const opening = tokens[open.index];
      if (opening?.type === 'punct') opening.match = tokens.length - 1;
      index++;
      continue;
    }
    if (char === '=') {
      const next = text[index + 1];
      const value = next === '=' ? '==' : next === '>' ? '=>' : '=';
      tokens.push({ type: 'punct', value, braces, stack: stack.length });
      index += value.length;
      continue;
    }
    tokens.push({ type: 'punct', value: char, braces, stack: stack.length });
    index++;
  }
  return stack.length === 0 ? tokens : undefined;
}

/** Whether the value starting at `tokens[start]` may be a collection or an object (`[`, `{`, `new Map()`, `Array.from(…)`, a parenthesised or cast expression), and not an arrow function. */
function mayStartContainer(tokens: readonly Token[], start: number): boolean {
  const token = tokens[start];
  if (!token) return false;
  if (token.type !== 'punct' && token.type !== 'name') return false;
  if (!CONTAINER_START.has(token.value)) return false;
  if (token.type === 'punct' && token.value === '(' && token.match !== undefined) {
    // `(req, res) => …`, `(a): Result => …`: an arrow function.
    const after = tokens[token.match + 1];
    if (after?.type === 'punct' && (after.value === '=>' || after.value === ':')) return false;
  }
  return true;
}

/**
 * The name a top-level `=` gives a value to, when it is a declarator of a `const`
 * (`const items = []`, `export const a: T = {}`, `const a = 1, b = []`); undefined otherwise.
 */
function declaredName(tokens: readonly Token[], equals: number): string | undefined {
  // Back to the start of the declarator (`const`, or a `,` between declarators), then to its `const`.
  let start = -1;
  let sawConst = false;
  for (let index = equals - 1; index >= 0; index--) {
    const token = tokens[index];
    if (token?.stack !== 0) continue;
    if (token.type === 'name' && token.value === 'const') {
      sawConst = true;
      if (start === -1) start = index;
      break;
    }
    if (token.type === 'punct' && token.value === ',' && start === -1) start = index;
    if (token.type === 'punct' && token.value === ';') break;
    if (token.type === 'punct' && token.value === '=' && start === -1) return undefined;
  }
  if (!sawConst || start === -1) return undefined;
  const name = tokens[start + 1];
  const after = tokens[start + 2];
  if (name?.type !== 'name' || after?.type !== 'punct' || (after.value !== '=' && after.value !== ':' && after.value !== '!')) return undefined;
  return name.value;
}

/** Whether the bracketed value starting at `tokens[start]` (`{…}`, `[…]`, `(…)`) mentions `this`; true when it cannot tell. */
function mentionsThis(tokens: readonly Token[], start: number): boolean {
  const open = tokens[start];
  if (open?.type !== 'punct' || open.match === undefined) return open?.type === 'punct' && (open.value === '{' || open.value === '[' || open.value === '(');
  for (let index = start + 1; index < open.match; index++) {
    const token = tokens[index];
    if (token?.type === 'name' && token.value === 'this') return true;
  }
  return false;
}

/** Reads a file's text for the gate. */
export function readGateText(text: string, file: string): GateText {
  if (!SCRIPT_FILE.test(file)) return UNCLEAR;
  // JSX text can hold quotes and slashes that are not strings or regular expressions.
  if (/\.[cm]?js$/u.test(file) && (text.includes('</') || text.includes('/>'))) return UNCLEAR;
  const tokens = tokenize(text);
  if (!tokens) return UNCLEAR;
  const specifiers: string[] = [];
  let mayHoldState = false;
  /** State other than `const` data declared under a plain name: a `let`, an export through `exports`, an instance… */
  let opaque = false;
  /** The names of `const` data, and how often each name appears (not as a property). */
  const dataNames: string[] = [];
  const uses = new Map<string, number>();
  let hasClass = false;
  let inTypeAlias = false;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token) continue;
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    const afterDot = previous?.type === 'punct' && previous.value === '.';
    // `var` is the module's wherever it stands outside a function; `exports.x = …`, `module.exports = …` export data.
    if (token.type === 'name' && (token.value === 'var' || token.value === 'exports')) opaque = true;
    if (token.type === 'name' && !afterDot) {
      uses.set(token.value, (uses.get(token.value) ?? 0) + 1);
      if (token.value === 'from' && next?.type === 'string') specifiers.push(next.value);
      else if ((token.value === 'require' || token.value === 'import') && next?.type === 'punct' && next.value === '(') {
        const argument = tokens[index + 2];
        if (argument?.type === 'string') specifiers.push(argument.value);
      } else if (token.value === 'import' && next?.type === 'string') specifiers.push(next.value);
      if (token.value === 'class') hasClass = true;
      if (token.braces === 0) {
        if (token.value === 'let' || token.value === 'using') opaque = true;
        // `new` making the value of a top-level binding or export (an argument, `foo(new X())`, makes neither);
        // `const cache = new Map()` is data like `[]`, read below.
        if (token.value === 'new' && token.stack === 0 && !inTypeAlias && !(previous?.type === 'punct' && previous.value === '=' && next?.type === 'name' && COLLECTIONS.has(next.value))) opaque = true;
        if (token.value === 'export' && next?.type === 'punct' && next.value === '=') opaque = true;
        if (token.value === 'default' && previous?.type === 'name' && previous.value === 'export' && mayStartContainer(tokens, index + 1)) opaque = true;
        if (token.stack === 0 && STATEMENT_START.has(token.value)) inTypeAlias = false;
        // `type Name =`, `type Name<T> =`: two names in a row begin nothing else (`type` after a `.` is a property).
        const third = tokens[index + 2];
        if (token.stack === 0 && token.value === 'type' && next?.type === 'name' && third?.type === 'punct' && (third.value === '=' || third.value === '<')) inTypeAlias = true;
      }
    } else if (token.type === 'punct' && token.stack === 0) {
      if (token.value === ';') inTypeAlias = false;
      // `const cache = new Map()`, `const items = []`, `const config = { … }` (not a type alias's `=`).
      if (token.value === '=' && !inTypeAlias && mayStartContainer(tokens, index + 1)) {
        mayHoldState = true;
        const name = declaredName(tokens, index);
        // An object whose methods write it through `this` (`{ items: [], add(x) { this.items.push(x); } }`).
        if (name === undefined || mentionsThis(tokens, index + 1)) opaque = true;
        else dataNames.push(name);
      }
    }
  }
  // A specifier with an escape in it is not resolved here: the file is left to the summaries.
  if (specifiers.some((specifier) => specifier.includes('\\'))) opaque = true;
  // A `const` of data named only where it is declared: no function of the file can write it.
  const mayWrite = opaque || dataNames.some((name) => (uses.get(name) ?? 0) > 1);
  return { mayHoldState: mayHoldState || opaque, mayWrite, specifiers, hasClass, mayStartJob: mayStartJobs(text), mayWriteFiles: FILE_TEXT.test(text) };
}

/** Whether a file's text may hold state of its own: the gate's answer for one file, without its imports. */
export function mayHoldState(text: string, file: string): boolean {
  return readGateText(text, file).mayHoldState;
}

/** The project files a file's specifiers name. */
function projectImports(read: GateText, file: string): string[] {
  const imports: string[] = [];
  for (const specifier of read.specifiers) {
    if (!isProjectSpecifier(specifier)) continue;
    const resolved = reachedFileResolver().resolve(specifier, file);
    if (resolved !== undefined && !imports.includes(resolved)) imports.push(resolved);
  }
  return imports;
}

/**
 * Whether a file must be parsed to be summarised: false only for a file with no state of its own,
 * no class, no timer or scheduler and no import of another project file, whose summary then says
 * nothing and depends on nothing but its own text.
 */
export function needsSummary(text: string, file: string): boolean {
  const read = readGateText(text, file);
  return read.mayHoldState || read.hasClass || read.mayStartJob || read.mayWriteFiles || projectImports(read, file).length > 0;
}

/** What one file's text says to a question, before its imports are looked at. */
function answers(text: GateText, kind: Kind): boolean {
  switch (kind) {
    case 'state':
      return text.mayHoldState;
    case 'writes':
      return text.mayWrite;
    case 'fields':
      return text.mayWrite || text.hasClass;
    case 'jobs':
      return text.mayStartJob;
    case 'files':
      return text.mayWriteFiles;
  }
}

/** FNV-1a over the text: tells whether a file linted now is the file the gate read. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/**
 * The questions: may the file's summary name state at all, may its functions write state, may its
 * classes' methods write their fields or state, start a recurring job, write files.
 */
type Kind = 'state' | 'writes' | 'fields' | 'jobs' | 'files';

interface GateEntry {
  readonly hash: number;
  readonly text: GateText;
  /** The project files its specifiers name, resolved when first needed. */
  imports?: readonly string[];
}

/**
 * The gate over a project: each file's text read once, the files its imports name resolved, and
 * whether a file or any project file it imports (transitively) may hold state, kept for the life of
 * the process. A file is read again once it is linted with other content than the gate read (an
 * editor lints the file being edited), and every answer is then worked out anew.
 */
export class StateGate {
  private readonly entries = new Map<string, GateEntry | null>();
  private readonly reaches: Record<Kind, Map<string, boolean>> = { state: new Map(), writes: new Map(), fields: new Map(), jobs: new Map(), files: new Map() };
  /** Counts for docs/performance.md: questions asked, and how many the gate answered without a parse. */
  readonly counts = { asked: 0, skipped: 0 };

  /** A file is linted with this text: if the gate read other content for it, what it concluded is dropped. */
  linted(file: string, text: string): void {
    const entry = this.entries.get(file);
    if (entry === undefined || (entry !== null && entry.hash === hashOf(text))) return;
    this.entries.delete(file);
    for (const kind of Object.values(this.reaches)) kind.clear();
  }

  /** The gate's reading of one file, or null when it cannot be read (the summaries then answer as they do). */
  private entry(file: string): GateEntry | null {
    const cached = this.entries.get(file);
    if (cached !== undefined) return cached;
    let entry: GateEntry | null = null;
    try {
      if (statSync(file).size <= MAX_SOURCE_BYTES) {
        const text = readFileSync(file, 'utf8');
        const read = readGateText(text, file);
        entry = { hash: hashOf(text), text: read };
      }
    } catch {
      entry = null;
    }
    this.entries.set(file, entry);
    return entry;
  }

  /**
   * Whether the summary of `file` may name state: false only when neither the file nor any project
   * file it imports, however deep, may hold state. An import cycle of such files holds none.
   */
  mayReachState(file: string): boolean {
    return this.ask(file, 'state');
  }

  /**
   * Whether a function of `file` may write state, in its own module or through its calls into other
   * project files: false only when no file it reaches may write. Asked of a call (`foreignWriter`).
   */
  mayReachWrites(file: string): boolean {
    return this.ask(file, 'writes');
  }

  /**
   * Whether a method of a class of `file` may write the instance's fields or state: as `mayReachWrites`,
   * and true for any file that declares a class. Asked of a call on an instance (`registry.add`).
   */
  mayReachFieldWrites(file: string): boolean {
    return this.ask(file, 'fields');
  }

  /**
   * Whether calling a function of `file`, or loading it, may start a recurring job: false only when
   * no file it reaches names a timer or a scheduling library. Asked of server files' imports.
   */
  mayReachJobs(file: string): boolean {
    return this.ask(file, 'jobs');
  }

  /** Whether calling a function of `file` may leave files on disk: false only when no file it reaches names a file-system module. */
  mayReachFileWrites(file: string): boolean {
    return this.ask(file, 'files');
  }

  private ask(file: string, kind: Kind): boolean {
    this.counts.asked++;
    const result = this.reach(file, kind);
    if (!result) this.counts.skipped++;
    return result;
  }

  /** Reachability in the graph of project imports: does any file reachable from `file` (itself included) hold state, or write it? */
  private reach(file: string, kind: Kind): boolean {
    const reaches = this.reaches[kind];
    const known = reaches.get(file);
    if (known !== undefined) return known;
    const seen = new Set<string>([file]);
    const queue = [file];
    for (let current = queue.pop(); current !== undefined; current = queue.pop()) {
      const cached = reaches.get(current);
      if (cached === false) continue;
      const entry = cached === true ? null : this.entry(current);
      if (!entry || answers(entry.text, kind)) {
        // `file` reaches `current`; the files in between are left to be asked on their own.
        reaches.set(file, true);
        return true;
      }
      entry.imports ??= projectImports(entry.text, current);
      for (const imported of entry.imports) {
        if (!seen.has(imported)) {
          seen.add(imported);
          queue.push(imported);
        }
      }
    }
    // Nothing reachable holds state: neither does any file on the way.
    for (const visited of seen) reaches.set(visited, false);
    return false;
  }
}
