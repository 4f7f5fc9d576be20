import path from 'node:path';
import type { BindingFact, ClassFact, FileEntryPoints, ImportedContainer, PlaceFact, WriteFact } from './describe-file.js';
import { CACHE_NAME } from '../analysis/state/state-kind.js';
import { adviceText, FINDING_ADVICE, kindAdvice } from '../knowledge/advice.js';
import type { CrossFileGraph, Declared, FunctionLike } from './graph.js';
import type { LintedFile } from './lint.js';
import { REMOTE_SQLITE_ADAPTERS, sqliteDatasources, usesLiteFs } from './prisma.js';
import type { Access, Finding, Handler, Kind, KindSummary, Location, Skipped, StateItem, Verdict } from './report.js';
import type { FindingTag } from '../util/finding-record.js';
import { isTestFile } from '../analysis/file/file-kind.js';
import { launcherName } from './processes.js';

/** Messages about the plugin's own use (a malformed annotation, bad settings), not about state. */
const NOTE_MESSAGES: ReadonlySet<string> = new Set(['okWithoutReason', 'invalidSettings']);

/** Findings whose state lives in another module: placed once the whole project's state is known. */
const CROSS_FILE_MESSAGES: ReadonlySet<string> = new Set(['importedState', 'callWritesState', 'keyedAcross', 'importedJob', 'keptAcross', 'afterResponseAcross']);

/**
 * Rules whose findings are sites (a file write, a timer, the random call that makes a secret), never
 * the state of the binding called there (`fs`, `randomBytes`): the finding names its own state.
 */
const SITE_RULES: ReadonlySet<string> = new Set(['stateless/no-local-files', 'stateless/no-process-timers', 'stateless/no-random-secret']);

/** Longest source excerpt used to name a finding that names nothing itself. */
const EXCERPT_LENGTH = 48;


export interface InventoryInput {
  readonly root: string;
  readonly files: readonly LintedFile[];
  /** File texts, to name findings by their code. */
  readonly texts: ReadonlyMap<string, string>;
  readonly graph: CrossFileGraph;
  readonly maxBlockers: number | null;
  /** Files (absolute) that a file importing a web framework imports, directly or through others. */
  readonly serverReached: ReadonlySet<string>;
  /**
   * Files (absolute) that a process started beside others in one container runs (a worker that a
   * `Dockerfile` starts with the web server), with that process's entry and the file that says so.
   */
  readonly colocated?: ReadonlyMap<string, { readonly entry: string; readonly source: string; readonly launcher: string }>;
}

export interface Inventory {
  readonly verdict: Verdict;
  readonly summary: readonly KindSummary[];
  readonly state: readonly StateItem[];
  /** How many handlers the project has. */
  readonly entryPoints: number;
  readonly handlers: readonly Handler[];
  readonly findings: readonly Finding[];
  readonly skipped: readonly Skipped[];
}

interface HandlerDraft {
  id: string;
  readonly route: string | null;
  readonly name: string | null;
  readonly framework: string | null;
  readonly file: string;
  readonly line: number;
}

interface AccessDraft {
  readonly handler: HandlerDraft;
  readonly at: Location;
}

interface ItemDraft {
  readonly key: string;
  name: string;
  kind: Kind;
  declaration: Location;
  readonly writers: AccessDraft[];
  readonly readers: AccessDraft[];
  readonly rules: Set<string>;
  readonly findings: number[];
  hasError: boolean;
  requestData: boolean;
  crossFile: boolean;
  advice: string | undefined;
  detail: string | undefined;
  readonly fields: Set<string>;
  /** The state writes the audit attached, for a kind judged from them when no file's analysis judged it. */
  readonly writes: WriteFact[];
  /** What the declaration holds, for that judgement; undefined when the kind is known. */
  container: string | undefined;
  /** Listed although no finding and no handler points at it (state found outside the code). */
  kept?: boolean;
}



/** Rules whose findings are writes of module state, which `settledAtStartup` can place in time from the whole program. */
const STARTUP_SETTLED_RULES: ReadonlySet<string> = new Set(['stateless/no-module-state', 'stateless/no-global-state']);

/** Why an item is settled: the functions that write it run only at startup, or never. */
interface Settled {
  readonly startup: readonly string[];
  readonly unused: readonly string[];
}

function startupDetail(settled: Settled): string {
  const list = (functions: readonly string[]): string => functions.map((name) => `\`${name}\``).join(', ');
  const never = `nothing in the project calls ${list(settled.unused)}`;
  if (settled.startup.length === 0) return `never written while the service runs: ${never}`;
  const startup = `written only while the service starts: every call of ${list(settled.startup)} in the project runs at startup`;
  return settled.unused.length === 0 ? startup : `${startup}, and ${never}`;
}

function firstCode(text: string): string | undefined {
  return /`([^`]+)`/u.exec(text)?.[1];
}


function isImportedContainer(container: string): container is ImportedContainer {
  return container === 'array' || container === 'map' || container === 'set' || container === 'object';
}

function isStateWrite(write: WriteFact): boolean {
  return !write.lazyInit && !write.excused && write.lifetime !== 'startup';
}

/** The kind of state the audit alone found, from the same signals the analysis reads per file. */
function derivedKind(name: string, container: string, writes: readonly WriteFact[]): Kind {
  if (CACHE_NAME.test(name)) return 'cache';
  if (writes.some((write) => write.increments)) return 'counter';
  if (writes.some((write) => write.keyedByRequest)) return 'keyed-map';
  if (container === 'array' || container === 'map' || container === 'set') return 'collection';
  return 'object';
}

/** `instance of \`JobQueue\``, `NestJS singleton`, `shared instance of \`Cache\` (\`a\`, \`b\`)`. */
function instanceDetail(fact: ClassFact, instances: readonly string[]): string {
  if (instances.length === 1) return `instance of \`${fact.name}\``;
  if (instances.length === 0 && fact.singleton === 'framework') return `${fact.framework ?? 'framework'} singleton`;
  const names = instances.length > 1 ? ` (${instances.map((name) => `\`${name}\``).join(', ')})` : '';
  return `shared instance of \`${fact.name}\`${names}`;
}

/**
 * Turns the rules' per-file findings and the files' descriptions into the inventory: each piece of
 * state once, with the handlers that write and read it across files.
 */
export class InventoryBuilder {
  private readonly handlers = new Map<string, HandlerDraft>();
  private readonly items = new Map<string, ItemDraft>();
  private readonly findings: (Finding & { readonly item: ItemDraft | undefined })[] = [];
  private readonly crossFileFindings: { file: LintedFile; reported: LintedFile['messages'][number]; index: number }[] = [];
  private readonly fieldFindings: { file: LintedFile; reported: LintedFile['messages'][number]; index: number }[] = [];
  /** The absolute file of each finding, by its index. */
  private readonly findingFiles: string[] = [];
  /** A rule reported a Prisma client on a local database file, so the schema adds nothing. */
  private prismaOnLocalFile = false;
  private readonly skipped: Skipped[] = [];
  private readonly bindings = new Map<string, { readonly file: string; readonly fact: BindingFact }>();
  private readonly classes = new Map<string, { readonly file: string; readonly fact: ClassFact }>();
  private readonly reachedBy = new Map<FunctionLike, Set<HandlerDraft>>();
  private readonly attributed = new Map<FunctionLike, ReadonlySet<HandlerDraft>>();
  private readonly graph: CrossFileGraph;
  private readonly root: string;
  private entryPointCount = 0;
  private importReads: ReadonlyMap<string, readonly (readonly [string, readonly string[]])[]> | undefined;

  constructor(private readonly input: InventoryInput) {
    this.graph = input.graph;
    this.root = input.root;
  }

  build(): Inventory {
    const described = this.input.files.filter((file): file is LintedFile & { facts: FileEntryPoints } => file.facts !== undefined);
    for (const { file, facts } of described) {
      for (const fact of facts.bindings) this.bindings.set(`${file}@${fact.offset}`, { file, fact });
      for (const fact of facts.classes) this.classes.set(`${file}@class${fact.offset}`, { file, fact });
    }
    this.entryPoints(described);
    for (const file of this.input.files) this.placeFindings(file);
    for (const { file, facts } of described) {
      this.bindingEvidence(file, facts);
      this.importEvidence(file, facts);
      this.globalEvidence(file, facts);
    }
    this.instanceEvidence();
    // A finding at a call or write of another module's state joins that state's item, found above from
    // the whole project (a binding, or the instance a class's shared object is), instead of making one.
    for (const deferred of this.crossFileFindings) this.attach(deferred.file, deferred.reported, deferred.index, true);
    for (const deferred of this.fieldFindings) this.attach(deferred.file, deferred.reported, deferred.index, false, this.fieldItem(deferred.file.file, deferred.reported.finding?.name ?? ''));
    for (const { file, facts } of described) this.serverOnlyEvidence(file, facts);
    this.prismaDatasources();
    return this.finish();
  }

  /**
   * The rules report stores, local databases, uploads on disk and interval jobs only in files that
   * import a web framework, so that command-line scripts stay quiet. A module without one that
   * server code imports (`db.js` opening SQLite for the routes) is part of the service all the same.
   */
  private serverOnlyEvidence(file: string, facts: FileEntryPoints): void {
    if (facts.serverOnly.length === 0) return;
    const server = this.input.serverReached.has(path.resolve(file));
    const process = server ? undefined : this.input.colocated?.get(path.resolve(file));
    if (!server && !process) return;
    const relative = this.relative(file);
    // A job in a function nothing calls never starts.
    const timers = facts.serverOnly.filter((fact) => fact.kind === 'timer').map((fact) => ({ file: path.resolve(file), line: fact.line, column: fact.column }));
    const idle = timers.length === 0 ? new Map<string, string>() : this.graph.neverCalled(timers, isTestFile);
    for (const fact of facts.serverOnly) {
      if (fact.kind === 'timer' && idle.has(`${path.resolve(file)}:${String(fact.line)}:${String(fact.column)}`)) continue;
      // A job a server file starts through a call or an import: the rule's finding made its item already.
      const declaredKey = `${path.resolve(file)}@declared${String(fact.line)}:`;
      const reported = [...this.items.entries()].find(([key]) => key.startsWith(declaredKey))?.[1];
      if (reported) {
        reported.advice ??= fact.advice;
        continue;
      }
      const item = this.item(`${file}@server-only:${String(fact.line)}:${String(fact.column)}`, () => ({
        name: firstCode(fact.found) ?? fact.found,
        kind: fact.kind,
        declaration: { file: relative, line: fact.line },
        advice: fact.advice,
        detail: process
          ? `${fact.found}, in the process of \`${process.entry}\`, which ${process.source} starts beside the others in every container (${launcherName(process.launcher)}): each replica runs it`
          : `${fact.found}, in a module that server code imports; the rules leave it to the audit, as the file imports no web framework`,
      }));
      item.kept = true;
      item.crossFile = true;
    }
  }

  /**
   * A Prisma schema on SQLite keeps the data in a file beside each replica, whatever the code does:
   * no rule sees it, as the URL usually comes from the environment. Not when the code reaches
   * SQLite over the network through a driver adapter (libSQL, D1), when LiteFS replicates the file
   * (a `litefs.yml`), or when a rule already reports the Prisma client on a local file.
   */
  private prismaDatasources(): void {
    const texts = [...this.input.texts.values()];
    if (texts.some((text) => REMOTE_SQLITE_ADAPTERS.some((adapter) => text.includes(`'${adapter}`) || text.includes(`"${adapter}`)))) return;
    if (this.prismaOnLocalFile) return;
    if (usesLiteFs(this.input.root)) return;
    for (const datasource of sqliteDatasources(this.input.root)) {
      const file = this.relative(datasource.file);
      const item = this.item(`${file}@datasource:${datasource.name}`, () => ({
        name: `datasource ${datasource.name}`,
        kind: 'local-db',
        declaration: { file, line: datasource.line },
        advice: FINDING_ADVICE.sqlite,
        detail: 'Prisma schema with `provider = "sqlite"`: each replica opens a database file of its own',
      }));
      item.kept = true;
    }
  }

  /** The code at a position, up to the end of its line, shortened. */
  private excerpt(file: string, line: number, column: number): string | undefined {
    const text = this.input.texts.get(file)?.split('\n')[line - 1]?.slice(column - 1).trim();
    if (text === undefined || text === '') return undefined;
    return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
  }

  private relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  private location(file: string, line: number): Location {
    return { file: this.relative(file), line };
  }

  private functionLocation(fn: FunctionLike): Location {
    const sourceFile = fn.getSourceFile();
    return this.location(this.graph.fileOf(fn), sourceFile.getLineAndCharacterOfPosition(fn.getStart(sourceFile)).line + 1);
  }

  private handler(draft: Omit<HandlerDraft, 'id'>): HandlerDraft {
    const key = `${draft.file}:${draft.line}:${draft.route ?? ''}:${draft.name ?? ''}`;
    let handler = this.handlers.get(key);
    if (!handler) {
      handler = { id: '', ...draft };
      this.handlers.set(key, handler);
    }
    return handler;
  }

  private declared(file: string, offset: number): Declared | undefined {
    return this.graph.declarationAt(file, offset);
  }

  /** Handlers the adapters recognise in each file, plus functions of one file registered as handlers in another. */
  private entryPoints(described: readonly (LintedFile & { facts: FileEntryPoints })[]): void {
    const byFunction = new Map<FunctionLike, { routes: Map<string | null, string | null>; name: string | null; file: string; line: number }>();
    const note = (fn: FunctionLike, route: string | undefined, framework: string | undefined, name: string | undefined): void => {
      let entry = byFunction.get(fn);
      if (!entry) {
        const where = this.functionLocation(fn);
        entry = { routes: new Map(), name: name ?? null, file: where.file, line: where.line };
        byFunction.set(fn, entry);
      }
      entry.routes.set(route ?? null, framework ?? entry.routes.get(route ?? null) ?? null);
      entry.name ??= name ?? null;
    };
    for (const { file, facts } of described) {
      for (const entry of facts.entryPoints) {
        const fn = this.graph.functionAt(file, entry.fn);
        if (fn) note(fn, entry.label, entry.framework, entry.name);
      }
      for (const imported of facts.imports) {
        if (imported.registrations.length === 0) continue;
        const declared = this.declared(file, imported.offset);
        if (declared?.kind !== 'function') continue;
        for (const registration of imported.registrations) note(declared.node, registration.label, registration.framework, imported.local);
      }
    }
    for (const [fn, entry] of byFunction) {
      const named = [...entry.routes].filter(([route]) => route !== null);
      const routes = named.length > 0 ? named : [...entry.routes];
      const reach = this.graph.reach(fn);
      for (const [route, framework] of routes) {
        this.entryPointCount += 1;
        const handler = this.handler({ route, name: entry.name, framework, file: entry.file, line: entry.line });
        for (const reached of reach) {
          let set = this.reachedBy.get(reached);
          if (!set) {
            set = new Set();
            this.reachedBy.set(reached, set);
          }
          set.add(handler);
        }
      }
    }
  }

  /** The handlers that run a function: those that reach it or a function it is nested in. */
  private handlersOf(file: string, key: string | undefined): ReadonlySet<HandlerDraft> {
    if (key === undefined) return new Set();
    const fn = this.graph.functionAt(file, key);
    if (!fn) return new Set();
    let handlers = this.attributed.get(fn);
    if (!handlers) {
      const set = new Set<HandlerDraft>();
      for (const outer of this.graph.enclosing(fn)) for (const handler of this.reachedBy.get(outer) ?? []) set.add(handler);
      handlers = set;
      this.attributed.set(fn, handlers);
    }
    return handlers;
  }

  private item(key: string, create: () => Pick<ItemDraft, 'name' | 'kind' | 'declaration' | 'advice' | 'detail'> & Partial<Pick<ItemDraft, 'container'>>): ItemDraft {
    let item = this.items.get(key);
    if (!item) {
      item = { key, writers: [], readers: [], rules: new Set(), findings: [], fields: new Set(), writes: [], hasError: false, requestData: false, crossFile: false, container: undefined, ...create() };
      this.items.set(key, item);
    }
    return item;
  }

  private bindingItem(file: string, offset: number, fallback: { name: string; line: number }): ItemDraft {
    const key = `${file}@${offset}`;
    const known = this.bindings.get(key);
    const name = known?.fact.name ?? fallback.name;
    const judged = known?.fact.kind;
    const container = known?.fact.container ?? 'unknown';
    return this.item(key, () => ({
      name,
      kind: judged ?? derivedKind(name, container, known?.fact.writes ?? []),
      declaration: this.location(file, known?.fact.line ?? fallback.line),
      advice: undefined,
      detail: undefined,
      ...(judged === undefined ? { container } : {}),
    }));
  }

  private classItem(file: string, classOffset: number, fallback: { name: string; line: number }): ItemDraft {
    const known = this.classes.get(`${file}@class${classOffset}`);
    return this.item(`${file}@class${classOffset}`, () => ({
      name: known?.fact.name ?? fallback.name,
      kind: 'instance',
      declaration: this.location(file, known?.fact.line ?? fallback.line),
      advice: undefined,
      detail: undefined,
    }));
  }

  /** The one module binding a function writes after startup, if it writes exactly one. */
  private writtenBy(fn: FunctionLike): { file: string; offset: number } | undefined {
    const file = this.graph.fileOf(fn);
    const key = this.graph.keyOf(fn);
    const written = [...this.bindings.values()].filter((entry) => entry.file === file && entry.fact.writes.some((write) => write.fn === key && isStateWrite(write)));
    const only = written.length === 1 ? written[0] : undefined;
    return only ? { file: only.file, offset: only.fact.offset } : undefined;
  }

  /**
   * The item of another module's state that a finding at an import points at: the declared
   * binding's, or the class item of the instance it holds; else a new item for the place.
   */
  private crossFileItem(file: string, place: PlaceFact, line: number): ItemDraft {
    if (place.type === 'import') {
      const declared = this.declared(file, place.offset);
      if (declared?.kind === 'binding') {
        const key = `${declared.file}@${declared.offset}`;
        const existing = this.items.get(key);
        if (existing) return existing;
        const instanceOf = this.bindings.get(key)?.fact.instanceOf;
        const declaredClass = instanceOf ? this.declared(declared.file, instanceOf.offset) : undefined;
        const classItem = declaredClass?.kind === 'class' ? this.items.get(`${declaredClass.file}@class${declaredClass.offset}`) : undefined;
        if (classItem) return classItem;
      }
    }
    return this.itemForPlace(file, place, line);
  }

  /**
   * The item of state another file declares, for a call the rules traced there through a receiver
   * (`this.realm.join(…)` on an instance a factory was handed): the binding the audit knows at that
   * declaration, or one item for the declaration. The handlers that make the call are its writers.
   */
  private declaredItem(file: string, message: LintedFile['messages'][number], declared: NonNullable<FindingTag['declared']>, kind: Kind | undefined): ItemDraft {
    const declaredFile = path.resolve(declared.file);
    const binding = [...this.bindings.values()].find((entry) => path.resolve(entry.file) === declaredFile && entry.fact.line === declared.line && entry.fact.name === declared.name);
    const item = binding
      ? this.bindingItem(binding.file, binding.fact.offset, { name: declared.name, line: declared.line })
      : this.item(`${declaredFile}@declared${String(declared.line)}:${declared.name}`, () => ({ name: declared.name, kind: kind ?? 'other', declaration: this.location(declaredFile, declared.line), advice: undefined, detail: undefined }));
    item.crossFile = true;
    const fn = this.graph.functionAround(file, message.line, message.column);
    for (const handler of fn ? this.handlersOf(file, this.graph.keyOf(fn)) : []) item.writers.push({ handler, at: this.location(file, message.line) });
    return item;
  }

  /** The item a finding's place belongs to. */
  private itemForPlace(file: string, place: PlaceFact, line: number): ItemDraft {
    switch (place.type) {
      case 'binding':
        return this.bindingItem(file, place.offset, { name: place.name, line });
      case 'import': {
        const declared = this.declared(file, place.offset);
        // An imported function that writes its module's state (typed linting reports the call): the state is that binding.
        const written = declared?.kind === 'function' ? this.writtenBy(declared.node) : undefined;
        const target = declared?.kind === 'binding' ? declared : written;
        if (target) {
          const item = this.bindingItem(target.file, target.offset, { name: place.local, line });
          item.crossFile = true;
          return item;
        }
        return this.bindingItem(file, place.offset, { name: place.local, line });
      }
      case 'global':
        return this.item(`global:${place.name}`, () => ({
          name: place.name,
          kind: place.name.startsWith('process.env') ? 'env' : 'global',
          declaration: this.location(file, line),
          advice: undefined,
          detail: undefined,
        }));
      case 'field': {
        const item = this.classItem(file, place.classOffset, { name: place.className, line });
        item.fields.add(place.field);
        return item;
      }
      case 'store': {
        const item =
          place.binding === undefined
            ? this.item(`${file}@store${line}:${place.found}`, () => ({ name: firstCode(place.found) ?? place.found, kind: place.store, declaration: this.location(file, line), advice: undefined, detail: undefined }))
            : this.bindingItem(file, place.binding, { name: firstCode(place.found) ?? place.found, line });
        item.kind = place.store;
        item.advice = place.advice;
        item.detail = place.found;
        if (place.registration) {
          const registration = place.registration;
          const handler = this.handler({ route: registration.label ?? null, name: registration.via ?? null, framework: registration.framework, file: this.relative(file), line: registration.line });
          item.writers.push({ handler, at: this.location(file, registration.line) });
        }
        return item;
      }
    }
  }

  private placeFindings(linted: LintedFile): void {
    const file = linted.file;
    for (const message of linted.messages) {
      if (message.fatal || message.ruleId === null) {
        this.skipped.push({ file: this.relative(file), line: message.line, reason: message.message });
        continue;
      }
      const rule = message.ruleId;
      if (rule === 'stateless/no-local-files' && message.finding?.package?.startsWith('@prisma/') === true) this.prismaOnLocalFile = true;
      const index = this.findings.length;
      this.findingFiles.push(file);
      this.findings.push({
        file: this.relative(file),
        line: message.line,
        column: message.column,
        endLine: message.endLine ?? null,
        endColumn: message.endColumn ?? null,
        rule,
        messageId: message.messageId ?? null,
        severity: message.severity === 2 ? 'error' : 'warning',
        message: message.message,
        state: null,
        item: undefined,
      });
      // Another module's state is placed once the whole project's state is known.
      if (CROSS_FILE_MESSAGES.has(message.messageId ?? '')) this.crossFileFindings.push({ file: linted, reported: message, index });
      // A field named at a read (`this.rooms` sent through): its class's item, once the file's field writes are in.
      else if (message.finding?.name?.startsWith('this.') === true && linted.facts?.places[`${message.line}:${message.column}`] === undefined) this.fieldFindings.push({ file: linted, reported: message, index });
      else this.attach(linted, message, index, false);
    }
  }

  /** The item of the class in `file` one of whose fields is `this.<field>`, if the file's field writes named it. */
  private fieldItem(file: string, name: string): ItemDraft | undefined {
    const field = name.replace(/^this\./u, '');
    for (const item of this.items.values()) if (item.key.startsWith(`${file}@class`) && item.fields.has(field)) return item;
    return undefined;
  }

  /** Puts a finding on the item of the state it is about (`into`, when that is already known). */
  private attach(linted: LintedFile, message: LintedFile['messages'][number], index: number, crossFile: boolean, into?: ItemDraft): void {
    const file = linted.file;
    const rule = message.ruleId ?? '';
    const tag = message.finding;
    const found = linted.facts?.places[`${message.line}:${message.column}`];
    // A file write or a timer is its own piece of state: the binding it is called through (`fs` of
    // `fs.writeFile(…)`) is not what it keeps; only the store table's uploads and schedulers have a place.
    const place = found && (found.type === 'store' || !SITE_RULES.has(rule)) ? found : undefined;
    let item: ItemDraft | undefined = into;
    // A call through an imported function or class (`setting()`, `Settings.get()` writing the static
    // `Settings.cacheList`): the state is the declaration the rule names, not the import the call goes through.
    const throughCode = crossFile && tag?.declared !== undefined && place?.type === 'import' && this.declared(file, place.offset)?.kind !== 'binding';
    if (item === undefined && place && !throughCode) {
      item = crossFile ? this.crossFileItem(file, place, message.line) : this.itemForPlace(file, place, message.line);
    } else if (item === undefined && crossFile && tag?.declared) {
      item = this.declaredItem(file, message, tag.declared, tag.kind);
    } else if (item === undefined && !NOTE_MESSAGES.has(message.messageId ?? '')) {
      item = this.item(`${file}@finding${message.line}:${message.column}`, () => ({
        name: tag?.name ?? this.excerpt(file, message.line, message.column) ?? rule.replace(/^stateless\//u, ''),
        kind: tag?.kind ?? 'other',
        declaration: this.location(file, message.line),
        advice: undefined,
        detail: undefined,
      }));
    }
    if (!item) return;
    item.rules.add(rule);
    if (message.severity === 2) item.hasError = true;
    if (rule === 'stateless/no-request-leak') item.requestData = true;
    if (tag?.kind === 'session') item.kind = 'session';
    // The callers' keys, seen through the call: a collection written under them is kept per key.
    if (tag?.kind === 'keyed-map' && item.kind === 'collection') item.kind = 'keyed-map';
    if (tag?.advice !== undefined) item.advice ??= adviceText(tag.advice);
    item.findings.push(index);
    const finding = this.findings[index];
    if (finding) this.findings[index] = { ...finding, item };
  }

  /**
   * Writes the file's analysis saw but could not place in time: a write whose callers only another
   * file shows. Reached from a handler, it runs per request; the audit adds it as state even when
   * the config did not report it (`unknown` writes are reported in `strict` and `all` only).
   */
  private addWrites(item: ItemDraft | undefined, file: string, writes: readonly WriteFact[], create: () => ItemDraft, invisible: boolean): void {
    let target = item;
    for (const write of writes) {
      if (!isStateWrite(write)) continue;
      const handlers = this.handlersOf(file, write.fn);
      if (!target) {
        const reached = handlers.size > 0 && (invisible || write.lifetime === 'unknown');
        const perRequest = invisible && write.lifetime === 'request';
        if (!reached && !perRequest) continue;
        target = create();
        target.crossFile = true;
      }
      if (write.leak) target.requestData = true;
      target.writes.push(write);
      for (const handler of handlers) target.writers.push({ handler, at: this.location(file, write.line) });
    }
  }

  private addReads(item: ItemDraft, file: string, reads: readonly string[]): void {
    for (const key of reads) {
      const handlers = this.handlersOf(file, key);
      if (handlers.size === 0) continue;
      const fn = this.graph.functionAt(file, key);
      const at = fn ? this.functionLocation(fn) : this.location(file, 0);
      for (const handler of handlers) item.readers.push({ handler, at });
    }
  }

  private addRegistrations(item: ItemDraft, file: string, registrations: BindingFact['registrations']): void {
    for (const registration of registrations) {
      const handler = this.handler({ route: registration.label ?? null, name: registration.via ?? null, framework: registration.framework, file: this.relative(file), line: registration.line });
      item.writers.push({ handler, at: this.location(file, registration.line) });
    }
  }

  private bindingEvidence(file: string, facts: FileEntryPoints): void {
    for (const binding of facts.bindings) {
      const key = `${file}@${binding.offset}`;
      const create = (): ItemDraft => this.bindingItem(file, binding.offset, binding);
      this.addWrites(this.items.get(key), file, binding.writes, create, false);
      const item = this.items.get(key);
      if (!item) continue;
      this.addReads(item, file, binding.reads);
      this.addRegistrations(item, file, binding.registrations);
    }
  }

  private importEvidence(file: string, facts: FileEntryPoints): void {
    for (const imported of facts.imports) {
      const declared = this.declared(file, imported.offset);
      if (declared?.kind !== 'binding') continue;
      const target = this.bindings.get(`${declared.file}@${declared.offset}`);
      const key = `${declared.file}@${declared.offset}`;
      const create = (): ItemDraft => this.bindingItem(declared.file, declared.offset, { name: imported.local, line: imported.line });
      const container = target?.fact.container;
      const extra = container !== undefined && isImportedContainer(container) ? imported.containerWrites[container] ?? [] : [];
      // Writes through the import, which the rules now report at the handler too: the item at the declaration gets its writers.
      this.addWrites(this.items.get(key), file, imported.writes, create, true);
      this.addWrites(this.items.get(key), file, extra, create, true);
      const item = this.items.get(key);
      if (!item) continue;
      const before = item.writers.length + item.readers.length;
      this.addReads(item, file, imported.reads);
      this.addRegistrations(item, file, imported.registrations);
      if (item.writers.length + item.readers.length > before || imported.writes.length > 0) item.crossFile = true;
    }
  }

  private globalEvidence(file: string, facts: FileEntryPoints): void {
    for (const write of facts.globals) {
      const key = `global:${write.name}`;
      const create = (): ItemDraft => this.itemForPlace(file, { type: 'global', name: write.name }, write.line);
      this.addWrites(this.items.get(key), file, [write], create, false);
    }
  }

  /**
   * Field writes of classes with one shared instance: a framework singleton, or a class of which
   * some module (this one or another) keeps an instance at top level.
   */
  private instanceEvidence(): void {
    const instances = new Map<string, { file: string; fact: BindingFact }[]>();
    for (const { file, fact } of this.bindings.values()) {
      if (!fact.instanceOf || !fact.topLevel) continue;
      const declared = this.declared(file, fact.instanceOf.offset);
      if (declared?.kind !== 'class') continue;
      const key = `${declared.file}@class${declared.offset}`;
      const list = instances.get(key) ?? [];
      list.push({ file, fact });
      instances.set(key, list);
    }
    for (const [key, { file, fact }] of this.classes) {
      const shared = instances.get(key) ?? [];
      if (fact.singleton === undefined && shared.length === 0) continue;
      const single = shared.length === 1 ? shared[0] : undefined;
      const create = (): ItemDraft => {
        const item = this.classItem(file, fact.offset, fact);
        if (single) {
          item.name = single.fact.name === 'default' ? `default export of ${this.relative(single.file)}` : single.fact.name;
          item.declaration = this.location(single.file, single.fact.line);
        }
        return item;
      };
      let item = this.items.get(key);
      for (const write of fact.fieldWrites) {
        if (!isStateWrite(write)) continue;
        const handlers = this.handlersOf(file, write.fn);
        if (!item) {
          if (handlers.size === 0) continue;
          item = create();
          item.crossFile = shared.some((instance) => instance.file !== file) || [...handlers].some((handler) => handler.file !== this.relative(file));
        }
        item.fields.add(write.field);
        for (const handler of handlers) item.writers.push({ handler, at: this.location(file, write.line) });
      }
      if (!item) continue;
      item.detail ??= instanceDetail(fact, shared.map((instance) => instance.fact.name));
      for (const instance of shared) {
        this.addReads(item, instance.file, instance.fact.reads);
        for (const [otherFile, imports] of this.importsOf(instance.file, instance.fact.offset)) this.addReads(item, otherFile, imports);
      }
    }
  }

  /** Reads, in other files, of an imported top-level binding. */
  private importsOf(file: string, offset: number): readonly (readonly [string, readonly string[]])[] {
    if (!this.importReads) {
      const byBinding = new Map<string, [string, readonly string[]][]>();
      for (const linted of this.input.files) {
        for (const imported of linted.facts?.imports ?? []) {
          const declared = this.declared(linted.file, imported.offset);
          if (declared?.kind !== 'binding') continue;
          const key = `${declared.file}@${declared.offset}`;
          byBinding.set(key, [...(byBinding.get(key) ?? []), [linted.file, imported.reads]]);
        }
      }
      this.importReads = byBinding;
    }
    return this.importReads.get(`${file}@${offset}`) ?? [];
  }

  /**
   * Items whose every finding is a write the file alone could not place in time (a module binding
   * set in an exported function), and that the whole program shows to run only while the service
   * starts (`initConfig()`, called only from `main()` at the top of `app.ts`): warnings, not
   * blockers, with the functions that settle them. An item a handler writes is never one.
   */
  private settledAtStartup(items: readonly ItemDraft[]): Map<ItemDraft, Settled> {
    const candidates = items.filter((item) => item.writers.length === 0 && item.findings.length > 0 && item.findings.every((index) => STARTUP_SETTLED_RULES.has(this.findings[index]?.rule ?? '')));
    const positions = candidates.flatMap((item) => item.findings.map((index) => ({ file: this.findingFiles[index] ?? '', line: this.findings[index]?.line ?? 0, column: this.findings[index]?.column ?? 0 })));
    const proven = positions.length === 0 ? new Map<string, string>() : this.graph.startupOnly(positions, isTestFile);
    // A write in a function that nothing calls (dead code kept for debugging) never runs at all.
    const unused = positions.length === 0 ? new Map<string, string>() : this.graph.neverCalled(positions, isTestFile);
    const result = new Map<ItemDraft, Settled>();
    for (const item of candidates) {
      const keys = item.findings.map((index) => `${this.findingFiles[index] ?? ''}:${String(this.findings[index]?.line ?? 0)}:${String(this.findings[index]?.column ?? 0)}`);
      if (!keys.every((key) => proven.has(key) || unused.has(key))) continue;
      const startup = keys.flatMap((key) => proven.get(key) ?? []);
      const never = keys.flatMap((key) => (proven.has(key) ? [] : (unused.get(key) ?? [])));
      result.set(item, { startup: [...new Set(startup)].sort(), unused: [...new Set(never)].sort() });
    }
    return result;
  }

  private finish(): Inventory {
    const handlerIds = new Map<HandlerDraft, string>();
    const usedHandlers = new Set<HandlerDraft>();
    const items = [...this.items.values()].filter((item) => item.findings.length > 0 || item.writers.length > 0 || item.kept === true);
    for (const item of items) for (const access of [...item.writers, ...item.readers]) usedHandlers.add(access.handler);
    // Only the handlers that touch state are listed; the rest are counted.
    const handlers = [...usedHandlers].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.route ?? '').localeCompare(b.route ?? '') || (a.name ?? '').localeCompare(b.name ?? ''),
    );
    handlers.forEach((handler, index) => {
      handler.id = `h${index + 1}`;
      handlerIds.set(handler, handler.id);
    });
    items.sort((a, b) => a.declaration.file.localeCompare(b.declaration.file) || a.declaration.line - b.declaration.line || a.name.localeCompare(b.name));
    const ids = new Map<ItemDraft, string>(items.map((item, index) => [item, `s${index + 1}`]));
    const accesses = (list: readonly AccessDraft[]): Access[] => {
      const seen = new Set<string>();
      const result: Access[] = [];
      for (const access of list) {
        const id = handlerIds.get(access.handler) ?? '';
        const key = `${id}\u0000${access.at.file}:${access.at.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.push({ handler: id, at: access.at });
      }
      return result.sort((a, b) => Number(a.handler.slice(1)) - Number(b.handler.slice(1)) || a.at.file.localeCompare(b.at.file) || a.at.line - b.at.line);
    };
    for (const item of items) {
      // Only the writes seen across files tell what this binding holds.
      if (item.container !== undefined && item.rules.size === 0) item.kind = derivedKind(item.name, item.container, item.writes);
    }
    const settled = this.settledAtStartup(items);
    const state: StateItem[] = items.map((item) => {
      const startup = settled.get(item);
      if (startup) item.detail = [item.detail, startupDetail(startup)].filter((part): part is string => part !== undefined).join('; ');
      const blocker = startup === undefined && (item.hasError || item.findings.length === 0);
      const fields = [...item.fields].sort();
      const fieldText = fields.length > 0 ? `fields ${fields.map((field) => `\`${field}\``).join(', ')}` : undefined;
      const detail = [item.detail, fieldText].filter((part): part is string => part !== undefined).join('; ');
      return {
        id: ids.get(item) ?? '',
        name: item.name,
        kind: item.kind,
        blocker,
        requestData: item.requestData,
        crossFile: item.crossFile || [...item.writers, ...item.readers].some((access) => access.handler.file !== item.declaration.file),
        declaration: item.declaration,
        writtenBy: accesses(item.writers),
        // A handler that writes the state is listed once, as a writer; readers are the others.
        readBy: accesses(item.readers.filter((reader) => !item.writers.some((writer) => writer.handler === reader.handler))),
        rules: [...item.rules].sort(),
        findings: [...item.findings].sort((a, b) => a - b),
        alternative: item.advice ?? kindAdvice(item.kind),
        detail: detail === '' ? null : detail,
      };
    });
    const findings: Finding[] = this.findings.map(({ item, ...finding }) => ({ ...finding, state: item ? ids.get(item) ?? null : null }));
    const kinds = new Map<Kind, { count: number; blockers: number }>();
    for (const item of state) {
      const entry = kinds.get(item.kind) ?? { count: 0, blockers: 0 };
      entry.count += 1;
      if (item.blocker) entry.blockers += 1;
      kinds.set(item.kind, entry);
    }
    const summary: KindSummary[] = [...kinds]
      .map(([kind, entry]) => ({ kind, ...entry }))
      .sort((a, b) => b.blockers - a.blockers || b.count - a.count || a.kind.localeCompare(b.kind));
    const blockers = state.filter((item) => item.blocker).length;
    const max = this.input.maxBlockers;
    const verdict: Verdict = {
      stateless: blockers === 0,
      complete: true,
      blockers,
      warnings: state.length - blockers,
      maxBlockers: max,
      failed: blockers > (max ?? 0),
    };
    return {
      verdict,
      summary,
      state,
      entryPoints: this.entryPointCount,
      handlers: handlers.map(({ id, route, name, framework, file, line }) => ({ id, route, name, framework, file, line })),
      findings,
      skipped: this.skipped,
    };
  }
}
