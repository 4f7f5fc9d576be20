import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeName, declaredFunction, isFunction, LISTENER_METHODS, returnedExpressions, unwrap, variableOf } from '../file/ast.js';
import { DefinitionType } from '../file/scope-types.js';
import { isClearedValue } from './lazy-init.js';
import { isEmptyContainer, mentionsPlace } from './state-kind.js';
import type { ModuleBinding, StateWrite } from './writes.js';

/**
 * A pool of this process's own workers: child processes or threads it started, the work waiting
 * for one of them, and the ids it hands that work. A render or sandbox pool is a resource of the
 * process, as a database pool's connections are: each replica runs its own, and a caller waits for
 * its work within its own call. Nothing in it outlives the work, and no other replica could use it.
 */

/** Calls that start a child process: `fork(…)`, `spawn(…)`, `execFile(…)`, `cluster.fork()`. */
const PROCESS_CALLS = /^(?:fork|spawn|exec|execFile)$/u;

/** Methods that look an element of a collection up, for a local that holds one (`let worker = workers.find(…)`). */
const LOOKUPS = /^(?:find|get|at|shift|pop)$/u;

/**
 * A child process or thread this process started, or a record around one: `fork(file)`,
 * `new Worker(file)`, `{ proc, busy: false }` with `proc` one, a same-file function returning one
 * (`spawnWorker()`), or a local given one (`worker = spawnWorker()` after `workers.find(…)` found none).
 */
export function isProcessHandle(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): boolean {
  if (!node || !mayStartProcesses(sourceCode)) return false;
  let answers = processHandles.get(sourceCode);
  if (!answers) {
    answers = new Map();
    processHandles.set(sourceCode, answers);
  }
  return processHandle(sourceCode, node, 0, answers);
}

/** Each file's answers, by node: a value is asked about once (a cycle, `a = b; b = a`, ends as "no"). */
const processHandles = new WeakMap<Readonly<TSESLint.SourceCode>, Map<TSESTree.Node, boolean>>();
const startsProcesses = new WeakMap<Readonly<TSESLint.SourceCode>, boolean>();

/** Whether the file's text names a way to start a process or thread at all: most files do not, and are answered without a walk. */
function mayStartProcesses(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let answer = startsProcesses.get(sourceCode);
  if (answer === undefined) {
    answer = /\b(?:fork|spawn|exec|execFile)\s*\(|\bnew\s+Worker\b/u.test(sourceCode.text);
    startsProcesses.set(sourceCode, answer);
  }
  return answer;
}

function processHandle(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined, depth: number, answers: Map<TSESTree.Node, boolean>): boolean {
  if (!node || depth > 6) return false;
  const known = answers.get(node);
  if (known !== undefined) return known;
  answers.set(node, false);
  const answer = computeProcessHandle(sourceCode, node, depth, answers);
  answers.set(node, answer);
  return answer;
}

function computeProcessHandle(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth: number, answers: Map<TSESTree.Node, boolean>): boolean {
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  switch (value.type) {
    case AST_NODE_TYPES.NewExpression:
      return calleeName(value) === 'Worker';
    case AST_NODE_TYPES.ObjectExpression:
      return value.properties.some((property) => property.type === AST_NODE_TYPES.Property && processHandle(sourceCode, property.value, depth + 1, answers));
    case AST_NODE_TYPES.CallExpression: {
      if (PROCESS_CALLS.test(calleeName(value) ?? '')) return true;
      const callee = unwrap(value.callee);
      const fn = callee.type === AST_NODE_TYPES.Identifier ? declaredFunction(sourceCode, callee) : undefined;
      if (!fn) return false;
      const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? returnedExpressions(fn, sourceCode.visitorKeys) : [fn.body];
      return returned.length > 0 && returned.every((expression) => processHandle(sourceCode, expression, depth + 1, answers));
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(sourceCode, value);
      if (variable?.defs.length !== 1 || variable.defs[0]?.type !== DefinitionType.Variable) return false;
      const given = variable.references.flatMap((reference) => (reference.writeExpr ? [unwrap(reference.writeExpr)] : []));
      const lookup = (expression: TSESTree.Node): boolean =>
        expression.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.MemberExpression && LOOKUPS.test(calleeName(expression) ?? '');
      return given.some((expression) => processHandle(sourceCode, expression, depth + 1, answers)) && given.every((expression) => lookup(expression) || processHandle(sourceCode, expression, depth + 1, answers));
    }
    default:
      return false;
  }
}

/**
 * `waiting.push({ id, payload, resolve, reject })`, `pending.set(id, resolve)` inside `new
 * Promise((resolve, reject) => …)`: an entry that carries how to settle a promise its caller awaits,
 * so it lives only while that call is waiting for its work.
 */
export function isPendingEntry(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const value = unwrap(node);
  const parts = value.type === AST_NODE_TYPES.ObjectExpression ? value.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? [unwrap(property.value)] : [])) : [value];
  return parts.some((part) => part.type === AST_NODE_TYPES.Identifier && settlesPromise(sourceCode, part));
}

/** A parameter of a `new Promise(…)` executor: its `resolve` or `reject`. */
function settlesPromise(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const def = variableOf(sourceCode, identifier)?.defs[0];
  if (def?.type !== DefinitionType.Parameter || !isFunction(def.node)) return false;
  const executor = def.node;
  const made = executor.parent;
  return made.type === AST_NODE_TYPES.NewExpression && made.arguments[0] === executor && calleeName(made) === 'Promise';
}

/** A write that puts something new in the place: an element, an entry, or a new value of the binding. */
function adds(binding: ModuleBinding, write: StateWrite): boolean {
  const value = write.values[0];
  if (write.kind === 'method') return write.depth === 0 && ['push', 'unshift', 'set', 'add', 'splice'].includes(write.method ?? '') && value !== undefined;
  if (write.kind === 'assign') return write.depth === 0 && value !== undefined && !isClearedValue(value) && !isEmptyContainer(value) && !mentionsPlace(binding, value);
  if (write.kind === 'member') return write.depth === 1 && write.key !== undefined && value !== undefined && !isClearedValue(value);
  return false;
}

/**
 * A binding that only ever gains a pool's workers or work waiting for them (`workers.push(spawnWorker())`,
 * `waiting.push({ …, resolve })`): its other writes (taking work off, marking a worker busy,
 * dropping one that exited) are the pool's bookkeeping.
 */
export function holdsOnlyPoolWork(sourceCode: Readonly<TSESLint.SourceCode>, binding: ModuleBinding): boolean {
  const added = binding.writes.filter((write) => adds(binding, write));
  return added.length > 0 && added.every((write) => write.values.some((value) => isPendingEntry(sourceCode, value) || isProcessHandle(sourceCode, value)));
}

/**
 * `waiting.push({ id: ++nextJobId, …, resolve })`: a counter whose every write draws the id of an
 * entry waiting in a pool. The id need only tell this process's waiting work apart.
 */
export function drawsPendingIds(sourceCode: Readonly<TSESLint.SourceCode>, binding: ModuleBinding): boolean {
  return binding.writes.length > 0 && binding.writes.every((write) => (write.increments || write.kind === 'compound') && identifiesPendingEntry(sourceCode, write.node));
}

/** `{ id: ++seq, …, resolve }`, or `const id = ++seq` with `pending.set(id, resolve)`: a value that names an entry waiting for its work. */
function identifiesPendingEntry(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = node.parent;
  while (current?.type === AST_NODE_TYPES.Property || current?.type === AST_NODE_TYPES.ObjectExpression) {
    if (current.type === AST_NODE_TYPES.ObjectExpression && isPendingEntry(sourceCode, current)) return true;
    current = current.parent;
  }
  if (current?.type !== AST_NODE_TYPES.VariableDeclarator || current.init !== node || current.id.type !== AST_NODE_TYPES.Identifier) return false;
  return sourceCode.getDeclaredVariables(current).some((variable) =>
    variable.references.some((reference) => {
      const use = reference.identifier;
      const parent = use.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression) return parent.arguments[0] === use && calleeName(parent) === 'set' && isPendingEntry(sourceCode, parent.arguments[1]);
      return parent.type === AST_NODE_TYPES.Property && parent.value === use && isPendingEntry(sourceCode, parent.parent);
    }),
  );
}

/** `proc.on('exit', () => …)` with `proc` a child process or thread this process started: what the listener does follows that process's life. */
export function isProcessListener(sourceCode: Readonly<TSESLint.SourceCode>, fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument) || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  return LISTENER_METHODS.has(calleeName(call) ?? '') && isProcessHandle(sourceCode, call.callee.object);
}
