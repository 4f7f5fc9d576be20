import { statSync } from 'node:fs';
import path from 'node:path';
import { isInside, MAX_CONFIG_BYTES, readRegularFile } from './files.js';

/**
 * Which processes a container starts side by side. A `Dockerfile` whose command runs the web server
 * and a worker together (`concurrently "next start" "tsx worker.ts"`, `node server.js & node
 * worker.js`, `npm-run-all -p web worker`) runs the worker once in every replica of the container:
 * the worker's jobs, which the rules leave alone in a file that serves no requests, run as many
 * times as the web server is scaled. The files are read as text, never run.
 */

/** One process a container starts. */
export interface StartedProcess {
  /** The command as the file writes it. */
  readonly command: string;
  /** The project file it runs, relative to the audited root; null when it names none the audit reads (`next start`). */
  readonly entry: string | null;
}

/** The processes one container starts together. */
export interface ProcessGroup {
  /** The file that says so, relative to the audited root. */
  readonly file: string;
  /** How it starts them: `concurrently`, `npm-run-all`, `&` (the shell's background jobs). */
  readonly launcher: string;
  readonly processes: readonly StartedProcess[];
}

/** How a report names a launcher: `concurrently`, or "started with `&`" for the shell's background jobs. */
export function launcherName(launcher: string): string {
  return launcher === '&' ? 'started with `&`' : launcher;
}

/** How many `npm run` scripts deep a command is followed to the file it runs. */
const MAX_SCRIPT_DEPTH = 4;
/** Commands that run a script file: its first argument that is not an option. */
const RUNNERS = new Set(['node', 'nodejs', 'tsx', 'ts-node', 'ts-node-dev', 'ts-node-esm', 'nodemon', 'bun', 'deno', 'babel-node', 'esno', 'esrun', 'vite-node']);
/** Runner options that take a value (`node --require ./tracing.js server.js`). */
const VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--watch-path', '--inspect-port', '-e', '--eval', '-P', '--project', '--tsconfig', '--exec', '-x']);
/** Words before a command that do not change what it runs. */
const WRAPPERS = new Set(['exec', 'nohup', 'npx', 'dumb-init', 'tini', '--', 'env', 'time', 'doppler', 'dotenv']);
/** Folders that hold built output, whose sources sit in `src/` or beside them. */
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', 'lib', '.output']);
const SOURCE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '': ['.ts', '.js', '/index.ts', '/index.js'],
};

type Token = { readonly kind: 'word'; readonly text: string; readonly quoted: boolean } | { readonly kind: 'operator'; readonly text: string };

/** A shell command line as words and operators (`&&`, `||`, `;`, `&`, `|`), with quotes removed. */
export function shellTokens(line: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  const end = (): void => {
    if (inWord) tokens.push({ kind: 'word', text: word, quoted });
    word = '';
    inWord = false;
    quoted = false;
  };
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (char === '"' || char === "'") {
      const close = line.indexOf(char, i + 1);
      const inner = close < 0 ? line.slice(i + 1) : line.slice(i + 1, close);
      word += char === '"' ? inner.replace(/\\(["\\$`])/gu, '$1') : inner;
      inWord = true;
      quoted = true;
      i = close < 0 ? line.length : close;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line.charAt(i + 1);
      inWord = true;
      i++;
    } else if (/\s/u.test(char)) {
      end();
    } else if (char === '&' || char === '|' || char === ';') {
      end();
      const pair = line.slice(i, i + 2);
      const operator = pair === '&&' || pair === '||' ? pair : char;
      tokens.push({ kind: 'operator', text: operator });
      i += operator.length - 1;
    } else {
      word += char;
      inWord = true;
    }
  }
  end();
  return tokens;
}

/** A Dockerfile's instructions, continuation lines joined and comments dropped, from its last stage. */
function instructions(text: string): { keyword: string; value: string }[] {
  const joined = text.replace(/\r\n?/gu, '\n').replace(/\\\n/gu, ' ');
  const result: { keyword: string; value: string }[] = [];
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/u.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    if (keyword === 'FROM') result.length = 0;
    result.push({ keyword, value: (match[2] ?? '').trim() });
  }
  return result;
}

/** The shell line a `CMD` or `ENTRYPOINT` runs: its exec form's `sh -c` script, or its words. */
function commandLine(value: string): string {
  if (!value.startsWith('[')) return value;
  let words: unknown;
  try {
    words = JSON.parse(value);
  } catch {
    return value;
  }
  if (!Array.isArray(words) || !words.every((word): word is string => typeof word === 'string')) return value;
  const [shell, flag, script] = words;
  if (shell !== undefined && /^(?:\/bin\/|\/usr\/bin\/)?(?:ba|da)?sh$/u.test(shell) && flag === '-c' && script !== undefined) return script;
  return words.map((word) => (/[\s"'&|;]/u.test(word) ? `'${word.replaceAll("'", "'\\''")}'` : word)).join(' ');
}

interface Statement {
  readonly words: readonly Token[];
  /** The operator after it. */
  readonly then: string | undefined;
}

function statements(tokens: readonly Token[]): Statement[] {
  const result: Statement[] = [];
  let words: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'operator') {
      result.push({ words, then: token.text });
      words = [];
    } else words.push(token);
  }
  if (words.length > 0) result.push({ words, then: undefined });
  return result.filter((statement) => statement.words.length > 0);
}

/** `["exec", "node", …]` without the words that only wrap a command, nor leading `NAME=value` assignments. */
function unwrapped(words: readonly Token[]): Token[] {
  let start = 0;
  while (start < words.length) {
    const text = words[start]?.text ?? '';
    if (WRAPPERS.has(text) || /^[A-Za-z_][A-Za-z0-9_]*=/u.test(text) || text === 'export') start++;
    else break;
  }
  // `export PATH=…` is a statement of its own, not a command.
  return words.slice(start).filter((token) => token.kind === 'word');
}

function wordsText(words: readonly Token[]): string {
  return words.map((token) => token.text).join(' ');
}

/** The commands of a shell line, each with the folder it runs in: a `cd` moves it and runs nothing. */
function* commandsOf(line: string, start: string): Generator<{ readonly words: readonly Token[]; readonly then: string | undefined; readonly cwd: string }> {
  let cwd = start;
  for (const statement of statements(shellTokens(line))) {
    const words = unwrapped(statement.words);
    const [first, ...rest] = words;
    if (!first) continue;
    if (first.text === 'cd' && rest[0]) {
      cwd = path.posix.resolve(cwd, rest[0].text);
      continue;
    }
    yield { words, then: statement.then, cwd };
  }
}

/** Reads `Dockerfile`s for the processes each container starts together. */
export class ProcessReader {
  private readonly packages = new Map<string, string>();
  private packagesIndexed = false;

  constructor(
    private readonly root: string,
    /** The audited source files, absolute. */
    private readonly sources: ReadonlySet<string>,
  ) {}

  /** The processes a Dockerfile's command starts side by side; undefined when it starts one. */
  dockerfile(file: string, text: string): ProcessGroup | undefined {
    let workdir = '/';
    let cmd: string | undefined;
    let entrypoint: string | undefined;
    for (const { keyword, value } of instructions(text)) {
      if (keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, value.replace(/^["']|["']$/gu, ''));
      else if (keyword === 'CMD') cmd = commandLine(value);
      else if (keyword === 'ENTRYPOINT') entrypoint = commandLine(value);
    }
    const base = path.dirname(file);
    for (const line of [cmd, entrypoint]) {
      if (line === undefined) continue;
      const group = this.group(line, { container: workdir, base });
      if (group) return { file: this.relative(file), ...group };
    }
    return undefined;
  }

  /** Two or more processes started together by one shell line. */
  private group(line: string, where: { container: string; base: string }): Omit<ProcessGroup, 'file'> | undefined {
    let cwd = where.container;
    const background: string[] = [];
    for (const command of commandsOf(line, where.container)) {
      cwd = command.cwd;
      const [first, ...rest] = command.words;
      if (!first) continue;
      if (command.then === '&') {
        background.push(wordsText(command.words));
        continue;
      }
      if (background.length > 0 && first.text !== 'wait') {
        return this.processes('&', [...background, wordsText(command.words)], { ...where, container: cwd });
      }
      const launched = this.launched(first.text, rest, { ...where, container: cwd });
      if (launched) return launched;
    }
    return background.length > 1 ? this.processes('&', background, { ...where, container: cwd }) : undefined;
  }

  /** `concurrently "a" "b"`, `npm-run-all -p a b`, `run-p a b`. */
  private launched(command: string, rest: readonly Token[], where: { container: string; base: string }): Omit<ProcessGroup, 'file'> | undefined {
    const name = path.posix.basename(command);
    if (name === 'concurrently') {
      // Commands are the quoted arguments, or `npm:script` shortcuts; option values are bare words.
      const commands = rest.filter((token) => (token.kind === 'word' && token.quoted && !token.text.startsWith('-')) || token.text.startsWith('npm:')).map((token) => (token.text.startsWith('npm:') ? `npm run ${token.text.slice(4)}` : token.text));
      return commands.length > 1 ? this.processes('concurrently', commands, where) : undefined;
    }
    const parallel = name === 'run-p' || (name === 'npm-run-all' && rest.some((token) => token.text === '-p' || token.text === '--parallel'));
    if (parallel) {
      const scripts = rest.filter((token) => !token.text.startsWith('-')).map((token) => `npm run ${token.text}`);
      return scripts.length > 1 ? this.processes(name, scripts, where) : undefined;
    }
    return undefined;
  }

  private processes(launcher: string, commands: readonly string[], where: { container: string; base: string }): Omit<ProcessGroup, 'file'> {
    return { launcher, processes: commands.map((command) => ({ command, entry: this.entryOf(command, where, 0) })) };
  }

  /** The project file a command runs, followed through `cd`, `npm run`, `yarn workspace` and runners. */
  private entryOf(command: string, where: { container: string; base: string }, depth: number): string | null {
    if (depth > MAX_SCRIPT_DEPTH) return null;
    let found: string | null = null;
    for (const { words, cwd } of commandsOf(command, where.container)) {
      const [first, ...rest] = words;
      if (first) found = this.runs(first.text, rest.map((token) => token.text), { ...where, container: cwd }, depth);
    }
    return found;
  }

  private runs(command: string, args: readonly string[], where: { container: string; base: string }, depth: number): string | null {
    const name = path.posix.basename(command);
    if (RUNNERS.has(name)) {
      let list = args;
      if ((name === 'bun' || name === 'deno') && list[0] === 'run') list = list.slice(1);
      for (let i = 0; i < list.length; i++) {
        const arg = list[i] ?? '';
        if (VALUE_OPTIONS.has(arg)) i++;
        else if (!arg.startsWith('-')) return this.sourceFile(arg, where);
      }
      return null;
    }
    const dir = this.directory(where.container, where.base);
    if (dir === undefined) return null;
    if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun') {
      let list = [...args];
      let packageDir = dir;
      // `yarn workspace @acme/worker start`, `pnpm --filter @acme/worker start`, `npm -w @acme/worker run start`.
      const selector = list.findIndex((arg) => arg === 'workspace' || arg === '--filter' || arg === '-F' || arg === '-w' || arg === '--workspace');
      if (selector >= 0) {
        const selected = this.packageDir(list[selector + 1] ?? '');
        if (selected === undefined) return null;
        packageDir = selected;
        list.splice(selector, 2);
      }
      list = list.filter((arg) => !arg.startsWith('-'));
      const script = list[0] === 'run' || list[0] === 'run-script' ? list[1] : list[0];
      if (script === undefined) return null;
      const body = this.script(packageDir, script);
      if (body === undefined) return script === 'start' ? this.sourceFile('server.js', { container: '/', base: packageDir }) : null;
      return this.entryOf(body, { container: '/', base: packageDir }, depth + 1);
    }
    return null;
  }

  /**
   * The folder of the project a container path stands for: below the `WORKDIR` the Dockerfile copies
   * the project into, or the longest tail of the path that exists beside the Dockerfile or at the root.
   */
  private directory(container: string, base: string): string | undefined {
    const segments = container.split('/').filter((segment) => segment !== '');
    for (let start = 0; start <= segments.length; start++) {
      for (const from of [base, this.root]) {
        const candidate = path.join(from, ...segments.slice(start));
        if (isInside(this.root, candidate) && isDirectory(candidate)) return candidate;
      }
    }
    return undefined;
  }

  /** The source file a runner's argument names, its built output mapped back to the sources the audit reads. */
  private sourceFile(argument: string, where: { container: string; base: string }): string | null {
    const dir = this.directory(where.container, where.base);
    if (dir === undefined) return null;
    const target = path.resolve(dir, argument);
    const extension = path.extname(target);
    // `worker.js` may be the output of `worker.ts`; a name without a known extension is tried as written first.
    const mapped = extension !== '' && extension in SOURCE_EXTENSIONS;
    const stem = mapped ? target.slice(0, target.length - extension.length) : target;
    const suffixes = mapped ? [extension, ...(SOURCE_EXTENSIONS[extension] ?? [])] : ['', ...(SOURCE_EXTENSIONS[''] ?? [])];
    const stems = [stem];
    // `dist/worker.js` of `src/worker.ts`, or of `worker.ts` beside the build folder.
    const parts = path.relative(dir, stem).split(path.sep);
    const built = parts.findIndex((part) => BUILD_FOLDERS.has(part));
    if (built >= 0) {
      stems.push(path.join(dir, ...parts.slice(0, built), 'src', ...parts.slice(built + 1)), path.join(dir, ...parts.slice(0, built), ...parts.slice(built + 1)));
    }
    for (const candidateStem of stems) {
      for (const suffix of suffixes) {
        const candidate = candidateStem + suffix;
        if (this.sources.has(candidate)) return this.relative(candidate);
      }
    }
    return null;
  }

  private packageDir(name: string): string | undefined {
    if (!this.packagesIndexed) this.indexPackages();
    return this.packages.get(name);
  }

  /** The packages of the project by name: the nearest `package.json` with a name above each source file. */
  private indexPackages(): void {
    this.packagesIndexed = true;
    for (const source of this.sources) {
      for (let dir = path.dirname(source); isInside(this.root, dir) && dir !== this.root; dir = path.dirname(dir)) {
        const name = this.packageName(dir);
        if (name !== undefined) {
          if (!this.packages.has(name)) this.packages.set(name, dir);
          break;
        }
      }
    }
  }

  private packageName(dir: string): string | undefined {
    const manifest = this.manifest(dir);
    return typeof manifest?.name === 'string' ? manifest.name : undefined;
  }

  private script(dir: string, name: string): string | undefined {
    const scripts = this.manifest(dir)?.scripts;
    if (typeof scripts !== 'object' || scripts === null) return undefined;
    const body = (scripts as Record<string, unknown>)[name];
    return typeof body === 'string' ? body : undefined;
  }

  private readonly manifests = new Map<string, Record<string, unknown> | null>();

  private manifest(dir: string): Record<string, unknown> | undefined {
    let known = this.manifests.get(dir);
    if (known === undefined) {
      known = null;
      const read = readRegularFile(path.join(dir, 'package.json'), { root: this.root, maxBytes: MAX_CONFIG_BYTES });
      if (read.ok) {
        try {
          const parsed: unknown = JSON.parse(read.text);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) known = parsed as Record<string, unknown>;
        } catch {
          known = null;
        }
      }
      this.manifests.set(dir, known);
    }
    return known ?? undefined;
  }

  private relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
