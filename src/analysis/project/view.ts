import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from '../file/scope-types.js';
import type { FileInput, ForeignDatabase, ForeignDeferred, ForeignFileWrite, ForeignJob, ForeignPlace, ProjectCallee, ProjectQuestions } from '../facts.js';
import { importedType, type ReceiverCall } from '../state/receivers.js';
import { constructionOf, propertyName, relativeFile, unwrap, variableOf } from '../file/ast.js';
import { importResolverFor, type ImportedValue } from '../file/imports.js';
import type { ForeignDeclaration } from '../state/place.js';
import type { ForeignWriter } from '../state/types.js';
import { stateGate, summariesFor } from './host.js';
import { projectResolver } from './resolve.js';
import { isProjectSpecifier, methodOf, type ExportSummary, type FunctionSummary, type ProjectCall, type Summaries, type SummaryJob, type SummaryPlace } from './summary.js';

/**
 * The questions a linted file asks about the other files of its project, answered from their
 * summaries: which module state an imported binding names, and what a call of an imported
 * function, object member or instance method writes. Undefined where there is no project on disk
 * to read (a file ESLint was given as text, the playground).
 */
export function projectQuestionsFor(input: FileInput): ProjectQuestions | undefined {
  if (!path.isAbsolute(input.filename)) return undefined;
  const summaries = summariesFor(input.cwd, input.settings);
  // Each linted file sees the imported files as they are now (an editor changes them between lints).
  summaries.checkAgain();
  // One lint of this file for the resolver (a second lint of it starts a new epoch of checks); the files it reaches do not count.
  projectResolver(input.filename);
  stateGate().linted(input.filename, input.sourceCode.text);
  return new ProjectView(summaries, input);
}

class ProjectView implements ProjectQuestions {
  private readonly writers = new Map<string, ForeignWriter | null>();
  private readonly lookups = new Map<string, readonly ForeignPlace[]>();

  constructor(
    private readonly summaries: Summaries,
    private readonly input: FileInput,
  ) {}

  foreignModuleState(identifier: TSESTree.Identifier): ForeignDeclaration | undefined {
    const target = this.target(identifier);
    // A file that neither holds state nor imports one that does is not summarised (project/gate.ts);
    // a name imported through a barrel asks about the file that declares it.
    if (!target?.value.paths.some((exportPath) => stateGate().mayReachState(this.summaries.originFile(target.file, exportPath[0])))) return undefined;
    for (const exportPath of target.value.paths) {
      const found = exportPath.length === 0 ? undefined : this.summaries.lookup(target.file, exportPath);
      if (found?.type === 'data') return this.declaration(found.place);
      // An exported object: state through its data members only (`config.region`, not `api.client`).
      if (found?.type === 'object') return this.objectDeclaration(found.members, found.place);
    }
    // `import * as db from './db'`, `const db = require('./db')`: the module itself, through the data it exports.
    const whole = target.value.paths.some((exportPath) => exportPath.length === 0 || (exportPath.length === 1 && exportPath[0] === 'default'));
    const summary = whole ? this.summaries.of(target.file) : undefined;
    return summary ? this.objectDeclaration(summary.exports, undefined) : undefined;
  }

  /** An object whose data members are state: undefined when it has none (an object of functions or modules). */
  private objectDeclaration(members: ReadonlyMap<string, ExportSummary>, place: SummaryPlace | undefined): ForeignDeclaration | undefined {
    const lines = new Map<string, number>();
    for (const [name, member] of members) {
      const data = dataPlaceOf(member);
      if (data) lines.set(name, data.line);
    }
    const first = [...members.values()].map(dataPlaceOf).find((data) => data !== undefined);
    if (!first) return undefined;
    return { ...this.declaration(place ?? first), container: 'object', members: lines };
  }

  foreignWriter(callee: ProjectCallee): ForeignWriter | undefined {
    const key = this.keyOf(callee);
    const known = this.writers.get(key);
    if (known !== undefined) return known ?? undefined;
    const gate: Gate = {
      functions: (file) => stateGate().mayReachWrites(file),
      classes: (file) => stateGate().mayReachFieldWrites(file),
      factories: (file) => stateGate().mayReachFactoryWrites(file),
    };
    const fn = this.functionOf(callee, gate);
    const writer = fn ? this.writer(this.summaries.effectsOf(fn, this.follows(gate)).writes, isReceiver(callee) ? callee.owner : instanceOwner(callee)) : undefined;
    this.writers.set(key, writer ?? null);
    return writer;
  }

  /**
   * For `Summaries.effectsOf`: whether a call of a summarised function may lead to the kind of effect
   * the gate answers for, asked of the file that declares what it calls (a function, or the member
   * of an object, instance or class), before that file is parsed.
   */
  private follows(gate: Gate): (call: ProjectCall) => boolean {
    return (call) =>
      call.paths.some((exportPath) => {
        const file = this.summaries.originFile(call.file, exportPath[0]);
        return call.through === undefined && exportPath.length <= 1 ? gate.functions(file) : gate.classes(file) || gate.factories(file);
      });
  }

  private keyOf(callee: ProjectCallee): string {
    return isReceiver(callee) ? `${callee.type.name}\0${callee.path.join('.')}\0${callee.method}\0${callee.owner}` : this.input.sourceCode.getText(callee);
  }

  /**
   * The project function a callee of this file denotes: an imported function or object member (the
   * default export for `require('./bus')(…)`), a method of an instance the file makes at its top from
   * an imported class (`const registry = new Registry()`), or a method of a typed receiver's class.
   * `gate` is the gate's answer for the file that declares the function, or the class.
   */
  private functionOf(callee: ProjectCallee, gate: Gate): FunctionSummary | undefined {
    if (isReceiver(callee)) return this.receiverMethod(callee, gate.classes);
    const target = this.target(callee);
    if (target) {
      for (const exportPath of target.value.paths) {
        const lookup = exportPath.length === 0 ? ['default'] : exportPath;
        // `Registry.getInstance().add(…)`: a method of an instance its class keeps, asked as of a class;
        // `createLimiter().hit(…)`: a method of what a factory returns, asked of the factory's closure.
        const mayReach = lookup.includes('()') || lookup.includes('new') ? (file: string) => gate.classes(file) || gate.factories(file) : gate.functions;
        if (!mayReach(this.summaries.originFile(target.file, lookup[0]))) continue;
        const found = this.summaries.lookup(target.file, lookup);
        if (found?.type === 'function') return found;
        // `new Terminal(…)` of an imported class: what its constructor does.
        if (found?.type === 'class' && constructionOf(callee) !== undefined) return found.construct;
      }
      // `registry.add(…)` with `const registry = new Registry()` at the top of this file: below.
      if (!target.value.paths.some((exportPath) => exportPath.includes('new'))) return undefined;
    }
    // `const registry = new Registry()` at the top of this file, `Registry` imported: its method.
    const node = unwrap(callee);
    if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(node);
    const object = unwrap(node.object);
    if (method === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const created = this.instanceCreation(object);
    const classTarget = created ? this.target(created.callee) : undefined;
    if (!created || !classTarget?.value.paths.some((exportPath) => gate.classes(this.summaries.originFile(classTarget.file, exportPath[0])))) return undefined;
    for (const exportPath of classTarget.value.paths) {
      const found = this.summaries.lookup(classTarget.file, exportPath);
      if (found?.type === 'class') return methodOf({ type: 'instance', of: found, line: created.loc.start.line }, method, object.name);
    }
    return undefined;
  }

  /** Per binding: a file may call the methods of one instance many times, and each asks. */
  private readonly creations = new Map<TSESLint.Scope.Variable, TSESTree.NewExpression | null>();

  /** `const registry = new Registry(…)` at the top of the file: the construction. */
  private instanceCreation(identifier: TSESTree.Identifier): TSESTree.NewExpression | undefined {
    const variable = variableOf(this.input.sourceCode, identifier);
    if (!variable) return undefined;
    let created = this.creations.get(variable);
    if (created === undefined) {
      created = constructionOfBinding(variable) ?? null;
      this.creations.set(variable, created);
    }
    return created ?? undefined;
  }

  /**
   * `realm.join(…)` with `realm: PeerRealm`, `ctx.sessions.add(…)` with `ctx: AppContext`: the method
   * of the class the receiver's declared type names (through the typed fields of its path). A
   * framework's provider counts only when one instance is shared, and then only for the methods its
   * own file does not report (`Summaries`' `shared`); one made per request keeps nothing.
   */
  private receiverMethod(receiver: ReceiverCall, mayReach: (file: string) => boolean): FunctionSummary | undefined {
    const target = this.typeTarget(receiver.type);
    // The class named by the type itself is asked of the gate before its file is parsed; a class reached through its fields is asked once found.
    if (!target || (receiver.path.length === 0 && !mayReach(this.summaries.originFile(target.file, target.name)))) return undefined;
    let found = this.summaries.lookup(target.file, [target.name]);
    for (const member of receiver.path) found = found ? this.summaries.memberOf(found, member) : undefined;
    if (found?.type !== 'class' || (found.managed && !found.shared) || !mayReach(found.file)) return undefined;
    return methodOf({ type: 'instance', of: found, line: found.line }, receiver.method, receiver.owner);
  }

  foreignLookups(callee: ProjectCallee): readonly ForeignPlace[] {
    const key = this.keyOf(callee);
    const known = this.lookups.get(key);
    if (known) return known;
    const places: ForeignPlace[] = [];
    const found = this.functionOf(callee, { functions: () => true, classes: () => true, factories: () => true });
    if (found) {
      for (const place of this.summaries.effectsOf(found).keyedReads) places.push({ name: place.name, file: this.relative(place.file), path: place.file, line: place.line, ...(place.keyArgument === undefined ? {} : { keyArgument: place.keyArgument }) });
    }
    this.lookups.set(key, places);
    return places;
  }

  foreignJobs(callee: ProjectCallee): readonly ForeignJob[] {
    return this.jobs(this.calleeEffects(callee, (file) => stateGate().mayReachJobs(file))?.jobs ?? []);
  }

  foreignFileWrites(callee: ProjectCallee): readonly ForeignFileWrite[] {
    const files = this.calleeEffects(callee, (file) => stateGate().mayReachFileWrites(file))?.files ?? [];
    return files.map((write) => ({ file: this.relative(write.file), path: write.file, line: write.line, found: write.found }));
  }

  foreignDeferredWork(callee: ProjectCallee): readonly ForeignDeferred[] {
    // Timers are named where jobs are: the same text test answers both.
    const deferred = this.calleeEffects(callee, (file) => stateGate().mayReachJobs(file))?.deferred ?? [];
    return deferred.map((timer) => ({ file: this.relative(timer.file), path: timer.file, line: timer.line, timer: timer.timer }));
  }

  /**
   * What calling a project function does, through the functions it calls (`Summaries.effectsOf`);
   * undefined when the callee is no project function, or when the gate says its file reaches nothing
   * of the kind asked (`mayReach`).
   */
  private calleeEffects(callee: ProjectCallee, mayReach: (file: string) => boolean): ReturnType<Summaries['effectsOf']> | undefined {
    const gate: Gate = { functions: mayReach, classes: mayReach, factories: mayReach };
    const fn = this.functionOf(callee, gate);
    return fn ? this.summaries.effectsOf(fn, this.follows(gate)) : undefined;
  }

  onSharedValue(callee: TSESTree.Node): boolean {
    const target = this.target(callee);
    if (!target) return false;
    return target.value.paths.some((exportPath) => {
      const [getter, call] = exportPath;
      // The value is kept in the getter's own module: a file that keeps none at its top is not parsed.
      if (getter === undefined || call !== '()' || !stateGate().mayKeepValue(this.summaries.originFile(target.file, getter))) return false;
      const found = this.summaries.lookup(target.file, [getter]);
      return found?.type === 'function' && found.shares !== undefined;
    });
  }

  jobsOnLoad(specifier: string): readonly ForeignJob[] {
    if (!isProjectSpecifier(specifier)) return [];
    const file = this.summaries.resolve(specifier, this.input.filename);
    if (file === undefined || path.resolve(file) === path.resolve(this.input.filename) || !stateGate().mayReachJobs(file)) return [];
    return this.jobs(this.summaries.jobsOnLoad(file));
  }

  databasesOnLoad(specifier: string): readonly ForeignDatabase[] {
    if (!isProjectSpecifier(specifier)) return [];
    const file = this.summaries.resolve(specifier, this.input.filename);
    if (file === undefined || path.resolve(file) === path.resolve(this.input.filename) || !stateGate().mayOpenDatabase(file)) return [];
    return this.summaries.databasesOnLoad(file).map((database) => ({ ...database, file: this.relative(database.file), path: database.file }));
  }

  private jobs(jobs: readonly SummaryJob[]): ForeignJob[] {
    return jobs.map((job) => ({ file: this.relative(job.file), path: job.file, line: job.line, timer: job.timer, kind: job.kind }));
  }

  /** The project file and exported name a type name of this file is imported from (`import type { IRealm } from './realm'`). */
  private typeTarget(type: TSESTree.Identifier): { file: string; name: string } | undefined {
    const imported = importedType(this.input.sourceCode, type);
    if (!imported || !isProjectSpecifier(imported.specifier)) return undefined;
    const file = this.summaries.resolve(imported.specifier, this.input.filename);
    if (file === undefined || path.resolve(file) === path.resolve(this.input.filename)) return undefined;
    return { file, name: imported.name };
  }

  /** The project file and export path an expression of this file denotes, through its imports. */
  private target(node: TSESTree.Node): { file: string; value: ImportedValue } | undefined {
    const value = importResolverFor(this.input.sourceCode).resolve(node);
    if (!value || !isProjectSpecifier(value.specifier)) return undefined;
    const file = this.summaries.resolve(value.specifier, this.input.filename);
    if (file === undefined || path.resolve(file) === path.resolve(this.input.filename)) return undefined;
    return { file, value };
  }

  private writer(places: readonly SummaryPlace[], owner: string | undefined): ForeignWriter | undefined {
    const first = places[0];
    if (!first) return undefined;
    // A field of the instance called is named as the caller names the instance (`registry.peers`).
    const names = places.map((place) => (place.name.startsWith('this.') ? `${owner ?? place.instance ?? 'this'}.${place.name.slice('this.'.length)}` : place.name));
    return {
      file: this.relative(first.file),
      names,
      lines: places.map((place) => place.line),
      kinds: places.map((place) => place.kind),
      files: places.map((place) => this.relative(place.file)),
      declarations: places.map((place) => ({ file: place.file, line: place.line, name: place.className !== undefined && place.name.startsWith('this.') ? `${place.className}.${place.name.slice('this.'.length)}` : place.name })),
    };
  }

  private declaration(place: SummaryPlace): ForeignDeclaration {
    return { file: this.relative(place.file), line: place.line, container: place.container };
  }

  /** A file as the messages name it: relative to the linted file's folder (`./state/cache.ts`). */
  private relative(file: string): string {
    return relativeFile(this.input.filename, file);
  }
}

/** The data an export holds, when it is data: an array, `Map`, `Set`, object with data, or a `let`. */
function dataPlaceOf(found: ExportSummary): SummaryPlace | undefined {
  if (found.type === 'data') return found.place;
  if (found.type === 'object') return found.place ?? firstDataMember(found.members);
  return undefined;
}

function firstDataMember(members: ReadonlyMap<string, ExportSummary>): SummaryPlace | undefined {
  for (const member of members.values()) {
    const place = dataPlaceOf(member);
    if (place) return place;
  }
  return undefined;
}


/** The gate's answers for the file of a function, and of a class whose method is called. */
interface Gate {
  readonly functions: (file: string) => boolean;
  readonly classes: (file: string) => boolean;
  /** For a method of what a function returns (`createLimiter().hit`). */
  readonly factories: (file: string) => boolean;
}

function isReceiver(callee: ProjectCallee): callee is ReceiverCall {
  return typeof callee.type !== 'string';
}

/** For `sessions.add()` called on an imported instance: the name the caller uses for it. */
function instanceOwner(callee: TSESTree.Node): string | undefined {
  const node = unwrap(callee);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrap(node.object);
  return object.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
}

/** The `new` a binding of the file's top is made with, when it is given no other value (one made in a function is made per call). */
function constructionOfBinding(variable: TSESLint.Scope.Variable): TSESTree.NewExpression | undefined {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== DefinitionType.Variable || variable.scope.block.type !== AST_NODE_TYPES.Program) return undefined;
  if (def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
  if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return undefined;
  const init = unwrap(def.node.init);
  return init.type === AST_NODE_TYPES.NewExpression ? init : undefined;
}


