import { readFileSync, statSync } from 'node:fs';
import { MAX_SOURCE_BYTES } from './parse.js';
import { reachedFileResolver } from './resolve.js';
import { DATABASE_PACKAGES, mayWriteFiles } from '../findings/local-files.js';
import { mayStartJobs } from '../findings/timers.js';
import { isProjectSpecifier } from './summary.js';
import { MUTATING_METHODS } from '../state/place.js';

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
  /** A method may write a field of its instance: `this` is used outside a constructor other than to read. */
  readonly mayWriteFields: boolean;
  /** A timer or a scheduling library is named: the file may start a recurring job. */
  readonly mayStartJob: boolean;
  /** A file-system module (or Bun's, Deno's) is named: the file may write files to disk. */
  readonly mayWriteFiles: boolean;
  /** A function may return an object whose methods keep state in its closure: `return {` and a collection or `let` appear. */
  readonly mayMakeClosureState: boolean;
  /** The names each specifier's import takes (`import { a } from './x'`: `['a']`); null for the whole module. */
  readonly uses: ReadonlyMap<string, readonly string[] | null>;
  /** What the file exports, when every `export` of its text was read; undefined otherwise. */
  readonly exports: TextExports | undefined;
}

/** A module's exports as its text declares them. */
export interface TextExports {
  /** Names the file itself declares and exports (`export function a`, `export { b }`, `export default`). */
  readonly local: ReadonlySet<string>;
  /** Names re-exported from another module (`export { a as b } from './x'`: `b` → `./x`'s `a`; `* as ns`: `*`). */
  readonly named: ReadonlyMap<string, { readonly specifier: string; readonly name: string }>;
  /** `export * from './x'`, in order. */
  readonly stars: readonly string[];
}

const DATABASE_SPECIFIERS: ReadonlySet<string> = new Set(DATABASE_PACKAGES);
const UNCLEAR: GateText = { mayHoldState: true, mayWrite: true, specifiers: [], hasClass: true, mayWriteFields: true, mayStartJob: true, mayWriteFiles: true, mayMakeClosureState: true, uses: new Map(), exports: undefined };

/** A returned object literal, and something in the file a closure could keep data in. */
const RETURNED_OBJECT = /\breturn\s*\{/u;
const CLOSURE_DATA = /\bnew\s+(?:Map|Set)\b|\blet\s|=\s*\[\s*\]|=\s*\{\s*\}/u;

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

/** Modifiers that may stand between `export` and what it declares. */
const DECLARATION_MODIFIERS = new Set(['declare', 'abstract', 'async', 'default']);
/** Keywords whose next name is the one declaration they make (`export class Registry`). */
const DECLARES_ONE = new Set(['function', 'class', 'interface', 'enum', 'namespace', 'module', 'type']);

function nameOrString(token: Token | undefined): string | undefined {
  return token?.type === 'name' || token?.type === 'string' ? token.value : undefined;
}

/**
 * The entries of an `{ … }` list of an import or export (`a`, `type b`, `c as d`, `'e-f' as g`):
 * each as [the name in the other module, the name here]; undefined when an entry is not read.
 */
function braceList(tokens: readonly Token[], open: number): { entries: [string, string][]; end: number } | undefined {
  const start = tokens[open];
  if (start?.type !== 'punct' || start.value !== '{' || start.match === undefined) return undefined;
  const entries: [string, string][] = [];
  let index = open + 1;
  while (index < start.match) {
    let token = tokens[index];
    const following = tokens[index + 1];
    // `type a` (a type-only entry), but not an entry named `type` (`{ type }`, `{ type as t }`).
    if (token?.type === 'name' && token.value === 'type' && following?.type === 'name' && following.value !== 'as') token = tokens[++index];
    const imported = nameOrString(token);
    if (imported === undefined) return undefined;
    let local = imported;
    index++;
    const as = tokens[index];
    if (as?.type === 'name' && as.value === 'as') {
      const alias = nameOrString(tokens[index + 1]);
      if (alias === undefined) return undefined;
      local = alias;
      index += 2;
    }
    entries.push([imported, local]);
    const separator = tokens[index];
    if (index < start.match && !(separator?.type === 'punct' && separator.value === ',')) return undefined;
    if (index < start.match) index++;
  }
  return { entries, end: start.match };
}

/** `from './x'` at `tokens[index]`: the specifier. */
function fromSpecifier(tokens: readonly Token[], index: number): string | undefined {
  const from = tokens[index];
  const specifier = tokens[index + 1];
  return from?.type === 'name' && from.value === 'from' && specifier?.type === 'string' ? specifier.value : undefined;
}

/**
 * The names a top-level `import` at `tokens[index]` takes from its module (`import a, { b as c } from
 * './x'`: `./x` and `['default', 'b']`); null names for the whole module (`* as ns`, a side-effect
 * import); undefined when the statement is not read.
 */
function importNames(tokens: readonly Token[], index: number): { specifier: string; names: string[] | null } | undefined {
  let at = index + 1;
  const first = tokens[at];
  if (first?.type === 'string') return { specifier: first.value, names: null };
  // `import type X from`, `import type { X } from` (but `import type from './x'` imports a default named `type`).
  if (first?.type === 'name' && first.value === 'type' && !(tokens[at + 1]?.type === 'name' && (tokens[at + 1] as { value: string }).value === 'from')) at++;
  const names: string[] = [];
  const head = tokens[at];
  if (head?.type === 'name' && head.value !== 'from') {
    names.push('default');
    at++;
    const comma = tokens[at];
    if (comma?.type === 'punct' && comma.value === ',') at++;
    else return fromSpecifier(tokens, at) === undefined ? undefined : { specifier: fromSpecifier(tokens, at) ?? '', names };
  }
  const next = tokens[at];
  if (next?.type === 'punct' && next.value === '*') {
    const specifier = fromSpecifier(tokens, at + 3);
    return specifier === undefined ? undefined : { specifier, names: null };
  }
  const list = braceList(tokens, at);
  if (!list) return undefined;
  const specifier = fromSpecifier(tokens, list.end + 1);
  return specifier === undefined ? undefined : { specifier, names: [...names, ...list.entries.map(([imported]) => imported)] };
}

/** Whether `tokens[index]` ends the statement a top-level declaration began (`;`, or the keyword of the next statement). */
function endsStatement(token: Token | undefined, previous: Token | undefined): boolean {
  if (!token) return true;
  if (token.type === 'punct') return token.stack === 0 && token.value === ';';
  return token.type === 'name' && token.stack === 0 && STATEMENT_START.has(token.value) && !(previous?.type === 'punct' && previous.value === '.');
}

/**
 * The names a top-level `export` at `tokens[index]` adds to `exports`; false when the statement is
 * not read (CommonJS `export =`, a destructured or otherwise unclear declaration).
 */
function readExport(tokens: readonly Token[], index: number, exports: { local: Set<string>; named: Map<string, { specifier: string; name: string }>; stars: string[] }): boolean {
  let at = index + 1;
  let token = tokens[at];
  if (token?.type === 'name' && token.value === 'default') {
    exports.local.add('default');
    return true;
  }
  // `export as namespace Lib` declares a global of a declaration file: no export.
  if (token?.type === 'name' && token.value === 'as') return true;
  // `export type { a } from`, `export type * from`: types only, read like the values.
  if (token?.type === 'name' && token.value === 'type' && tokens[at + 1]?.type === 'punct') token = tokens[++at];
  if (token?.type === 'punct' && token.value === '*') {
    const as = tokens[at + 1];
    if (as?.type === 'name' && as.value === 'as') {
      const name = nameOrString(tokens[at + 2]);
      const specifier = fromSpecifier(tokens, at + 3);
      if (name === undefined || specifier === undefined) return false;
      exports.named.set(name, { specifier, name: '*' });
      return true;
    }
    const specifier = fromSpecifier(tokens, at + 1);
    if (specifier === undefined) return false;
    exports.stars.push(specifier);
    return true;
  }
  if (token?.type === 'punct' && token.value === '{') {
    const list = braceList(tokens, at);
    if (!list) return false;
    const specifier = fromSpecifier(tokens, list.end + 1);
    for (const [inner, outer] of list.entries) {
      if (specifier === undefined) exports.local.add(outer);
      else exports.named.set(outer, { specifier, name: inner });
    }
    return true;
  }
  while (token?.type === 'name' && DECLARATION_MODIFIERS.has(token.value)) token = tokens[++at];
  if (token?.type !== 'name') return false;
  if (token.value === 'import') {
    // `export import Alias = Namespace.Member`
    const name = tokens[at + 1];
    if (name?.type !== 'name') return false;
    exports.local.add(name.value);
    return true;
  }
  if (token.value === 'const' && tokens[at + 1]?.type === 'name' && (tokens[at + 1] as { value: string }).value === 'enum') at++;
  else if (token.value === 'const' || token.value === 'let' || token.value === 'var') return readDeclarators(tokens, at + 1, exports.local);
  if (!DECLARES_ONE.has((tokens[at] as { value?: string } | undefined)?.value ?? '')) return false;
  let name = tokens[at + 1];
  // `export function* gen()`
  if (name?.type === 'punct' && name.value === '*') name = tokens[at + 2];
  if (name?.type !== 'name') return false;
  exports.local.add(name.value);
  return true;
}

/** The names of `a = 1, b: T = 2` from `tokens[start]` to the end of the statement; false when a declarator is not a plain name. */
function readDeclarators(tokens: readonly Token[], start: number, names: Set<string>): boolean {
  let expectName = true;
  /** Angle brackets open at the top (`Record<string, number>`, `<T, U>(a: T) => …`): their commas separate no declarators. */
  let angles = 0;
  for (let index = start; index < tokens.length; index++) {
    const token = tokens[index];
    if (expectName) {
      const after = tokens[index + 1];
      if (token?.type !== 'name' || !(after?.type === 'punct' && (after.value === '=' || after.value === ':' || after.value === '!' || after.value === ';'))) return false;
      names.add(token.value);
      expectName = false;
      continue;
    }
    // A `<` left open (a comparison, `a < b, c = …`) hides where declarators begin: not read.
    if (index > start && endsStatement(token, tokens[index - 1])) return angles === 0;
    if (token?.type !== 'punct' || token.stack !== 0) continue;
    if (token.value === '<') angles++;
    else if (token.value === '>') angles = Math.max(0, angles - 1);
    else if (token.value === ',' && angles === 0) expectName = true;
  }
  return !expectName && angles === 0;
}

/** Modifiers between `static` and a field's name. */
const FIELD_MODIFIERS = new Set(['readonly', 'private', 'protected', 'public', 'declare', 'override', 'accessor']);

/**
 * Whether the `static` at `tokens[index]` declares a field that may change: one made with a
 * collection or object (`static cache = new Map()`, `= {}`, `= []`, or typed so), or one the text
 * assigns or updates somewhere (`Settings.count++`, `this.current = v`); not a static method, nor a
 * constant the class only reads (`static identifier = 'local'`).
 */
function staticFieldWritten(tokens: readonly Token[], index: number, text: string): boolean {
  let at = index + 1;
  while (tokens[at]?.type === 'name' && FIELD_MODIFIERS.has((tokens[at] as { value: string }).value)) at++;
  const name = tokens[at];
  const after = tokens[at + 1];
  if (name?.type !== 'name' || after?.type !== 'punct') return false;
  if (after.value === '(' || after.value === '<') return false;
  if (after.value === '=' && mayStartContainer(tokens, at + 2)) return true;
  if (after.value === ':' || after.value === '?' || after.value === '!') {
    // A declared type of a collection, or an initialiser that makes one.
    for (let next = at + 2; next < tokens.length && next < at + 40; next++) {
      const token = tokens[next];
      if (!token || (token.type === 'punct' && (token.value === ';' || token.value === '}'))) break;
      if (token.type === 'name' && (COLLECTIONS.has(token.value) || token.value === 'Record' || token.value === 'new')) return true;
      if (token.type === 'punct' && token.value === '=' ) return mayStartContainer(tokens, next + 1) || assignedInText(text, name.value);
    }
  }
  return assignedInText(text, name.value);
}

/** `Object.assign(items, …)`, `Reflect.set(cache, …)`: calls that change their first argument. */
const OBJECT_WRITERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Object', new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf'])],
  ['Reflect', new Set(['set', 'defineProperty', 'deleteProperty'])],
]);
/** Words before a name after which its value is only read. */
const READING_WORDS = new Set(['return', 'typeof', 'in', 'instanceof', 'void', 'await', 'yield', 'case', 'export', 'default', 'throw', 'keyof', 'else', 'do']);
/** Punctuation a use may stand after or before: brackets, separators and operators (an operator run is read as a whole). */
const OPERATOR_CHARS = new Set(['+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '?', '!', '=', '==', '~']);
const SEPARATORS = new Set(['(', ')', '[', ']', '{', '}', ',', ';', ':']);
/** An operator run that assigns or updates what stands before it: `=`, `+=`, `++`, `??=` (not `==`, `=>`, `<=`). */
const WRITE_OPERATOR = /^(?:=(?![=>])|\+\+|--|(?:\*\*|<<|>>>?|&&|\|\||\?\?|[-+*/%&|^])=)/u;

/** The operator punctuation from `at` on, joined (`===`, `+=`, `&&`), and where it ends. */
function operatorRun(tokens: readonly Token[], at: number, step: 1 | -1): string {
  let run = '';
  for (let index = at; ; index += step) {
    const token = tokens[index];
    if (token?.type !== 'punct' || !OPERATOR_CHARS.has(token.value)) return run;
    run = step === 1 ? run + token.value : token.value + run;
  }
}

/**
 * Whether some function of the file may write one of its `const` data (`names`) as the analysis
 * sees a write (state/writes.ts): a member assigned or updated, `delete`, a mutating method,
 * `Object.assign`-like calls, a local alias (`const c = carts`), a loop over its elements, a
 * destructuring target. A use is passed over only when its tokens show a plain read: the value as
 * an argument, element, operand or returned value (`fields: cartFields`, `f(LIMIT)`), member reads
 * (`TYPES[kind]`, `list.length`) and calls of methods that change nothing (`list.includes(x)`,
 * `keys.map(f).join(',')`), where nothing is assigned at the end. Anything else may write.
 */
function mayWriteData(tokens: readonly Token[], names: ReadonlySet<string>): boolean {
  const enclosing = enclosingBrackets(tokens);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token?.type !== 'name' || !names.has(token.value)) continue;
    const previous = tokens[index - 1];
    // A property of that name (`row.items`), or a spread (`...items`, a copy).
    if (previous?.type === 'punct' && previous.value === '.') continue;
    // The declaration itself (`const NAME =`, `const a = 1, NAME: T = []`).
    if (previous?.type === 'name' && previous.value === 'const') continue;
    const next = tokens[index + 1];
    if (token.stack === 0 && previous?.type === 'punct' && previous.value === ',' && next?.type === 'punct' && (next.value === '=' || next.value === ':')) continue;
    if (!readsOnly(tokens, index, enclosing)) return true;
  }
  return false;
}

/** The innermost bracket around each token (-1 at the top). */
function enclosingBrackets(tokens: readonly Token[]): Int32Array {
  const enclosing = new Int32Array(tokens.length);
  const open: number[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token?.type === 'punct' && (token.value === ')' || token.value === ']' || token.value === '}')) open.pop();
    enclosing[index] = open.at(-1) ?? -1;
    if (token?.type === 'punct' && (token.value === '(' || token.value === '[' || token.value === '{')) open.push(index);
  }
  return enclosing;
}

/**
 * Whether a method of a class of the file may write a field of its instance, as the summaries take
 * one (a write through `this` in any member but the constructor, which fills the instance it makes):
 * some `this` outside a constructor's body is used other than to read (see `readsOnly`).
 */
function mayWriteThis(tokens: readonly Token[]): boolean {
  const enclosing = enclosingBrackets(tokens);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token?.type !== 'name') continue;
    const next = tokens[index + 1];
    if (token.value === 'constructor' && next?.type === 'punct' && next.value === '(' && next.match !== undefined) {
      const body = tokens[next.match + 1];
      // The constructor's body is passed over, nested functions and all, as the summaries pass it over.
      if (body?.type === 'punct' && body.value === '{' && body.match !== undefined) index = body.match;
      continue;
    }
    if (token.value !== 'this') continue;
    const previous = tokens[index - 1];
    if (previous?.type === 'punct' && previous.value === '.') continue;
    if (!readsOnly(tokens, index, enclosing)) return true;
  }
  return false;
}

function readsOnly(tokens: readonly Token[], index: number, enclosing: Int32Array): boolean {
  const previous = tokens[index - 1];
  if (previous?.type === 'name' && !READING_WORDS.has(previous.value)) return false;
  if (previous?.type === 'punct') {
    const before = operatorRun(tokens, index - 1, -1);
    // `const c = NAME` (an alias), `++NAME`; a comparison or other operand reads it.
    if (before !== '' ? before.endsWith('=') && !/(?:==|[!<>]=)$/u.test(before) || before.endsWith('++') || before.endsWith('--') : !SEPARATORS.has(previous.value)) return false;
    // `Object.assign(NAME, …)`
    const callee = tokens[index - 2];
    const owner = tokens[index - 4];
    if (previous.value === '(' && callee?.type === 'name' && owner?.type === 'name' && OBJECT_WRITERS.get(owner.value)?.has(callee.value) === true) return false;
  } else if (previous !== undefined && previous.type !== 'name') {
    return false;
  }
  let at = index + 1;
  // A chain of member reads (`!` and `?.` included) and calls of methods that change nothing.
  for (;;) {
    const next = tokens[at];
    if (next?.type !== 'punct') break;
    const following = tokens[at + 1];
    if ((next.value === '!' || next.value === '?') && following?.type === 'punct' && (following.value === '.' || following.value === '[')) {
      at++;
      continue;
    }
    if (next.value === '.' && following?.type === 'punct' && following.value === '[') {
      at++;
      continue;
    }
    if (next.value === '.') {
      if (following?.type !== 'name') return false;
      const after = tokens[at + 2];
      if (after?.type === 'punct' && after.value === '(') {
        if (MUTATING_METHODS.has(following.value) || after.match === undefined) return false;
        at = after.match + 1;
        continue;
      }
      at += 2;
      continue;
    }
    if (next.value === '[' && next.match !== undefined) {
      at = next.match + 1;
      continue;
    }
    break;
  }
  return endsUse(tokens, at) && !assignedAsPattern(tokens, index, enclosing);
}

/** Whether what stands at `at` ends a use of the value before it: nothing is assigned to it, called on it or taken from it. */
function endsUse(tokens: readonly Token[], at: number): boolean {
  const next = tokens[at];
  if (next === undefined) return true;
  if (next.type === 'punct') {
    const following = tokens[at + 1];
    // `?.` and `!.` go on to a member of the result.
    if ((next.value === '?' || next.value === '!') && following?.type === 'punct' && (following.value === '.' || following.value === '[')) return false;
    const run = operatorRun(tokens, at, 1);
    if (run !== '') return !WRITE_OPERATOR.test(run);
    return next.value !== '(' && next.value !== '[' && next.value !== '.' && SEPARATORS.has(next.value);
  }
  // A new statement without a semicolon, or `NAME in obj`; a cast (`NAME as T`) may be written through.
  return next.type !== 'name' || (next.value !== 'as' && next.value !== 'satisfies');
}

/** Whether the token stands in brackets that are assigned to (`[a, NAME] = pair`), up to three levels out. */
function assignedAsPattern(tokens: readonly Token[], index: number, enclosing: Int32Array): boolean {
  let open = enclosing[index] ?? -1;
  for (let level = 0; level < 3 && open >= 0; level++) {
    const bracket = tokens[open];
    const close = bracket?.type === 'punct' ? bracket.match : undefined;
    if (close === undefined) return true;
    const after = tokens[close + 1];
    if (after?.type === 'punct' && after.value === '=') return true;
    open = enclosing[open] ?? -1;
  }
  return false;
}

/** `.name = …`, `.name += …`, `.name++`: the text writes a member of that name. */
function assignedInText(text: string, name: string): boolean {
  const escaped = name.replace(/[$]/gu, '\\$');
  return new RegExp(`\\.${escaped}\\s*(?:(?:[-+*/%&|^]|\\?\\?|\\|\\||&&|\\*\\*|<<|>>>?)?=(?!=)|\\+\\+|--)`, 'u').test(text);
}

/** Adds the names an import or re-export takes from a specifier (null: the whole module). */
function addUse(uses: Map<string, { names: string[] | null; statements: number }>, specifier: string, names: readonly string[] | null): void {
  const known = uses.get(specifier);
  if (!known) uses.set(specifier, { names: names === null ? null : [...names], statements: 1 });
  else {
    known.statements++;
    known.names = known.names === null || names === null ? null : [...known.names, ...names];
  }
}

/** Each specifier's names: those read, or null (the whole module) for a specifier some statement names otherwise (`require`, `import()`). */
function usesOf(specifiers: readonly string[], read: ReadonlyMap<string, { names: string[] | null; statements: number }>): Map<string, readonly string[] | null> {
  const result = new Map<string, readonly string[] | null>();
  const counted = new Map<string, number>();
  for (const specifier of specifiers) counted.set(specifier, (counted.get(specifier) ?? 0) + 1);
  for (const [specifier, count] of counted) {
    const known = read.get(specifier);
    // A specifier named more often than the statements read (a `require('./x')` beside `import { a } from './x'`) is used whole.
    result.set(specifier, !known || count > known.statements ? null : known.names);
  }
  return result;
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
  /** The names of `const` data. */
  const dataNames: string[] = [];
  let hasClass = false;
  let staticState = false;
  let inTypeAlias = false;
  const uses = new Map<string, { names: string[] | null; statements: number }>();
  const exportsRead = { local: new Set<string>(), named: new Map<string, { specifier: string; name: string }>(), stars: [] as string[] };
  let exportsClear = true;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token) continue;
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    const afterDot = previous?.type === 'punct' && previous.value === '.';
    // `var` is the module's wherever it stands outside a function; `exports.x = …`, `module.exports = …` export data.
    if (token.type === 'name' && (token.value === 'var' || token.value === 'exports')) opaque = true;
    // `exports.a = …`, `module.exports = {…}`: names the text of ESM exports does not list.
    if (token.type === 'name' && token.value === 'exports') exportsClear = false;
    if (token.type === 'name' && !afterDot) {
      if (token.value === 'from' && next?.type === 'string') specifiers.push(next.value);
      else if ((token.value === 'require' || token.value === 'import') && next?.type === 'punct' && next.value === '(') {
        const argument = tokens[index + 2];
        if (argument?.type === 'string') specifiers.push(argument.value);
      } else if (token.value === 'import' && next?.type === 'string') specifiers.push(next.value);
      if (token.value === 'class') hasClass = true;
      // `static sessions = new Map()`, `static count = 0` written as `X.count++`: state the class's static methods may write.
      if (token.value === 'static' && token.braces > 0 && staticFieldWritten(tokens, index, text)) staticState = true;
      if (token.braces === 0 && token.stack === 0 && token.value === 'import' && !(next?.type === 'punct' && (next.value === '(' || next.value === '.'))) {
        const read = importNames(tokens, index);
        if (read) addUse(uses, read.specifier, read.names);
      }
      if (token.braces === 0 && token.stack === 0 && token.value === 'export') {
        const before = { named: new Map(exportsRead.named), stars: exportsRead.stars.length };
        if (!readExport(tokens, index, exportsRead)) exportsClear = false;
        for (const [name, origin] of exportsRead.named) if (!before.named.has(name)) addUse(uses, origin.specifier, origin.name === '*' ? null : [origin.name]);
        for (const star of exportsRead.stars.slice(before.stars)) addUse(uses, star, null);
      }
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
  const mayWrite = opaque || staticState || (dataNames.length > 0 && mayWriteData(tokens, new Set(dataNames)));
  const exports = exportsClear ? exportsRead : undefined;
  const mayMakeClosureState = opaque || (RETURNED_OBJECT.test(text) && CLOSURE_DATA.test(text));
  const mayWriteFields = hasClass && mayWriteThis(tokens);
  return { mayHoldState: mayHoldState || opaque, mayWrite, specifiers, hasClass, mayWriteFields, mayStartJob: mayStartJobs(text), mayWriteFiles: mayWriteFiles(text), mayMakeClosureState, uses: usesOf(specifiers, uses), exports };
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
      return text.mayWrite || text.mayWriteFields;
    case 'jobs':
      return text.mayStartJob;
    case 'files':
      return text.mayWriteFiles;
    case 'factories':
      return text.mayWrite || text.mayMakeClosureState;
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
type Kind = 'state' | 'writes' | 'fields' | 'jobs' | 'files' | 'factories';

interface GateEntry {
  readonly hash: number;
  readonly text: GateText;
  /** The project files its specifiers name, resolved when first needed. */
  imports?: readonly string[];
  /**
   * The project files its code can reach through what it imports: for an import of names, the file
   * that declares each name (past barrels that re-export it); for the whole module, that module.
   */
  reached?: readonly string[] | undefined;
}

/** Where an export is declared: the file, the name there, and how many re-exports led to it. */
export interface ExportOrigin {
  readonly file: string;
  readonly name: string;
  readonly hops: number;
}


/**
 * The gate over a project: each file's text read once, the files its imports name resolved, and
 * whether a file or any project file it imports (transitively) may hold state, kept for the life of
 * the process. A file is read again once it is linted with other content than the gate read (an
 * editor lints the file being edited), and every answer is then worked out anew.
 */
export class StateGate {
  private readonly entries = new Map<string, GateEntry | null>();
  private readonly reaches: Record<Kind, Map<string, boolean>> = { state: new Map(), writes: new Map(), fields: new Map(), jobs: new Map(), files: new Map(), factories: new Map() };
  /** Counts for docs/performance.md: questions asked, and how many the gate answered without a parse. */
  readonly counts = { asked: 0, skipped: 0 };

  private readonly origins = new Map<string, ExportOrigin | 'absent' | null>();

  /** A file is linted with this text: if the gate read other content for it, what it concluded is dropped. */
  linted(file: string, text: string): void {
    const entry = this.entries.get(file);
    if (entry === undefined || (entry !== null && entry.hash === hashOf(text))) return;
    this.entries.delete(file);
    for (const kind of Object.values(this.reaches)) kind.clear();
    this.origins.clear();
    for (const other of this.entries.values()) if (other) other.reached = undefined;
  }

  /**
   * The file that declares what `file` exports as `name`, through the re-exports of barrels
   * (`export * from './a'`, `export { x as y } from './b'`), read from their text; undefined when a
   * file on the way is not read clearly, or the name is not found (the summaries then look it up).
   */
  origin(file: string, name: string): ExportOrigin | undefined {
    const found = this.findOrigin(file, name, 0);
    return found === 'absent' ? undefined : found;
  }

  /** `'absent'`: the file's exports, all read, have no such name; undefined: not known. */
  private findOrigin(file: string, name: string, hops: number): ExportOrigin | 'absent' | undefined {
    const key = `${file}\0${name}`;
    const cached = this.origins.get(key);
    if (cached !== undefined) return cached === null ? undefined : cached === 'absent' ? cached : { ...cached, hops: cached.hops + hops };
    // A cycle of re-exports ends here unread.
    this.origins.set(key, null);
    const found = this.readOrigin(file, name);
    this.origins.set(key, found ?? null);
    return found === undefined || found === 'absent' ? found : { ...found, hops: found.hops + hops };
  }

  /** The origin as seen from `file` (hops counted from it). */
  private readOrigin(file: string, name: string): ExportOrigin | 'absent' | undefined {
    const exports = this.entry(file)?.text.exports;
    if (!exports) return undefined;
    if (exports.local.has(name)) return { file, name, hops: 0 };
    const named = exports.named.get(name);
    if (named) {
      const resolved = named.name === '*' ? undefined : reachedFileResolver().resolve(named.specifier, file);
      const inner = resolved === undefined ? undefined : this.findOrigin(resolved, named.name, 1);
      return inner === 'absent' ? undefined : inner;
    }
    // `export *` passes on no default export.
    if (name === 'default') return 'absent';
    for (const star of exports.stars) {
      const resolved = reachedFileResolver().resolve(star, file);
      if (resolved === undefined) return undefined;
      const inner = this.findOrigin(resolved, name, 1);
      if (inner !== 'absent') return inner;
    }
    return 'absent';
  }

  /** The files a file's code reaches through its imports (see `GateEntry.reached`). */
  private reachedFrom(entry: GateEntry, file: string): readonly string[] {
    if (entry.reached) return entry.reached;
    const reached: string[] = [];
    const add = (target: string): void => {
      if (!reached.includes(target)) reached.push(target);
    };
    for (const [specifier, names] of entry.text.uses) {
      if (!isProjectSpecifier(specifier)) continue;
      const resolved = reachedFileResolver().resolve(specifier, file);
      if (resolved === undefined) continue;
      if (names === null) add(resolved);
      else for (const name of names) add(this.origin(resolved, name)?.file ?? resolved);
    }
    entry.reached = reached;
    return reached;
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
   * Whether `file` itself may keep a value at its top (a `let`, an instance, an object, a collection),
   * its imports aside: what a getter of the module's one value needs (`onSharedValue`).
   */
  mayKeepValue(file: string): boolean {
    this.counts.asked++;
    const entry = this.entry(file);
    const result = entry === null || entry.text.mayHoldState;
    if (!result) this.counts.skipped++;
    return result;
  }

  /**
   * Whether `file` itself may open an embedded database (it imports a package of `DATABASE_PACKAGES`),
   * its imports aside: what a server file that loads it asks (`databasesOnLoad`).
   */
  mayOpenDatabase(file: string): boolean {
    this.counts.asked++;
    const entry = this.entry(file);
    const result = entry === null || entry.text.specifiers.some((specifier) => DATABASE_SPECIFIERS.has(specifier));
    if (!result) this.counts.skipped++;
    return result;
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
   * Whether a method of an object a function of `file` returns may write that function's closure
   * (`createLimiter()` returning `{ hit(key) { hits.set(key, …) } }`), or the module's state.
   */
  mayReachFactoryWrites(file: string): boolean {
    return this.ask(file, 'factories');
  }

  /**
   * Whether a method of a class of `file` may write the instance's fields or state: as `mayReachWrites`,
   * and true for a file whose classes use `this` outside their constructors other than to read it
   * (`GateText.mayWriteFields`). Asked of a call on an instance (`registry.add`).
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
      // Loading a module runs every module it imports; a call reaches only what it names.
      const next = kind === 'jobs' ? (entry.imports ??= projectImports(entry.text, current)) : this.reachedFrom(entry, current);
      for (const imported of next) {
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
