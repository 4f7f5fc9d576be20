import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { FRAMEWORKS, RESOLVER_ROOT_KEYS, type CallShape, type ExportShape, type FrameworkAdapter } from '../../frameworks/index.js';
import type { StatelessSettings } from '../../settings.js';
import { calleeName, calleeReceiver, chainNames, childNodes, enclosingFunction, isRoutePath, outerValue, propertyName, rootIdentifier, stringValue, unwrap, type FunctionNode } from '../file/ast.js';
import type { ModuleInfo } from '../file/module-info.js';

/** What the framework does with a function: calls it per request, once at startup, or on a schedule. */
export type Role =
  | { readonly kind: 'request'; readonly framework: string; readonly label?: string }
  | { readonly kind: 'startup'; readonly framework: string }
  | { readonly kind: 'background'; readonly framework: string };

/** The adapter of each handler directive. */
const DIRECTIVE_ADAPTERS: ReadonlyMap<string, FrameworkAdapter> = new Map(FRAMEWORKS.flatMap((adapter) => (adapter.handlerDirectives ?? []).map((directive) => [directive, adapter] as const)));

/** Receivers named like an application or router count as framework evidence for `use`-like calls. */
const APP_LIKE = /^(?:app|application|server|srv|api|router|routes?|fastify|instance|koa|hono|io|wss|[a-z]\w*(?:Router|App|Server|Api|Routes?))$/u;

/** Classes whose instances the platform creates and whose methods it calls per request. */
const PLATFORM_CLASSES = /^(?:DurableObject|WorkerEntrypoint|WorkflowEntrypoint|RpcTarget)$/u;

/** Classes that are per-object by design: their instance fields are legitimate state. */
const STATEFUL_BY_DESIGN = /^DurableObject$/u;

interface NamedCallShape {
  readonly adapter: FrameworkAdapter;
  readonly shape: CallShape;
  readonly kind: 'request' | 'startup';
}

/**
 * The adapters' call shapes by callee name, in the order they are tried: event-specific shapes
 * (`server.on('listening', …)`) first, as the most precise, then the others; within each, adapters
 * in order, handler calls before startup calls.
 */
const CALL_SHAPES_BY_NAME: ReadonlyMap<string, readonly NamedCallShape[]> = (() => {
  const byName = new Map<string, NamedCallShape[]>();
  for (const eventShapes of [true, false]) {
    for (const adapter of FRAMEWORKS) {
      const shapes = [...(adapter.handlerCalls ?? []).map((shape) => ({ adapter, shape, kind: 'request' as const })), ...(adapter.startupCalls ?? []).map((shape) => ({ adapter, shape, kind: 'startup' as const }))];
      for (const entry of shapes) {
        if ((entry.shape.events !== undefined) !== eventShapes) continue;
        for (const name of new Set(entry.shape.names)) {
          const list = byName.get(name);
          if (list) list.push(entry);
          else byName.set(name, [entry]);
        }
      }
    }
  }
  return byName;
})();

/** Every adapter's export conventions, in adapter order. */
const EXPORT_SHAPES: readonly { readonly adapter: FrameworkAdapter; readonly shape: ExportShape }[] = FRAMEWORKS.flatMap((adapter) => (adapter.handlerExports ?? []).map((shape) => ({ adapter, shape })));

interface SettingsShape {
  readonly names: readonly string[];
  readonly receiver?: RegExp;
}

function parseCallSetting(text: string): SettingsShape {
  const dot = text.lastIndexOf('.');
  if (dot < 0) return { names: [text] };
  const receiver = text.slice(0, dot).split('.')[0] ?? '';
  return { names: [text.slice(dot + 1)], receiver: new RegExp(`^${receiver.replace(/[$]/gu, '\\$&')}$`, 'u') };
}

function decoratorName(decorator: TSESTree.Decorator): string | undefined {
  const expression = unwrap(decorator.expression);
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.CallExpression) return calleeName(expression);
  if (expression.type === AST_NODE_TYPES.MemberExpression) return propertyName(expression);
  return undefined;
}

/** Decorators of a class or member; espree's nodes have no `decorators` array at all. */
function decoratorsOf(node: { readonly decorators?: readonly TSESTree.Decorator[] }): readonly TSESTree.Decorator[] {
  return node.decorators ?? [];
}

/** `@Injectable({ scope: Scope.REQUEST })`: a provider created per request or per consumer. */
function hasNonDefaultScope(decorators: readonly TSESTree.Decorator[]): boolean {
  for (const decorator of decorators) {
    const expression = unwrap(decorator.expression);
    if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
    for (const argument of expression.arguments) {
      const options = unwrap(argument);
      if (options.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property || propertyName(property) !== 'scope') continue;
        const value = unwrap(property.value);
        const name = value.type === AST_NODE_TYPES.MemberExpression ? propertyName(value) : undefined;
        if (name === 'REQUEST' || name === 'TRANSIENT') return true;
      }
    }
  }
  return false;
}

export interface ClassInfo {
  /** The framework creates one instance per process and calls its methods per request. */
  readonly singleton: boolean;
  /** The framework that owns the class, if any. */
  readonly framework?: string;
  /** Instance fields are state by design (Durable Objects). */
  readonly statefulByDesign: boolean;
}

/**
 * Recognises request handlers, startup callbacks and background jobs from their position in the
 * code: an argument of a framework call, an option of one, a conventional export, a decorated
 * method, a resolver map entry.
 */
export class HandlerIndex {
  private readonly settingsCalls: readonly SettingsShape[];
  private readonly settingsStartup: readonly SettingsShape[];

  private readonly filename: string;
  private readonly relativeName: () => string;
  private relativeValue: string | undefined;
  private readonly exportShapes = new Map<ExportShape, boolean>();

  constructor(
    /** The file's path, and a function giving it relative to the project (ESLint's cwd). */
    filename: { readonly absolute: string; readonly relative: () => string },
    private readonly info: ModuleInfo,
    private readonly settings: StatelessSettings,
  ) {
    this.filename = filename.absolute;
    this.relativeName = filename.relative;
    this.settingsCalls = settings.handlerCalls.map(parseCallSetting);
    this.settingsStartup = settings.startupCalls.map(parseCallSetting);
  }

  /** Whether an export convention can apply to this file (its path, directive and imports fit); memoised per shape. */
  private shapeApplies(adapter: FrameworkAdapter, shape: ExportShape): boolean {
    let applies = this.exportShapes.get(shape);
    if (applies === undefined) {
      applies = (!shape.file || shape.file.test(this.filename)) && (shape.directive === undefined || this.info.directives.has(shape.directive)) && (shape.needsEvidence !== true || this.hasEvidence(adapter));
      this.exportShapes.set(shape, applies);
    }
    return applies;
  }

  private get relativeFilename(): string {
    this.relativeValue ??= this.relativeName();
    return this.relativeValue;
  }

  private hasEvidence(adapter: FrameworkAdapter): boolean {
    return adapter.packages.some((name) => this.info.packages.has(name));
  }

  /**
   * The role of a function value at `valueNode`: the function expression itself, or an identifier
   * that refers to a function.
   */
  roleOfValue(valueNode: TSESTree.Node): Role | undefined {
    const value = outerValue(valueNode);
    const parent = value.parent;
    if (!parent) return undefined;
    const exported = this.exportRole(value, []);
    if (exported) return exported;
    if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== value) {
      return this.callRole(parent, parent.arguments.indexOf(value as TSESTree.CallExpressionArgument), []) ?? this.wrappedExportRole(parent);
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === value) return this.objectRole(parent);
    if (parent.type === AST_NODE_TYPES.ExportSpecifier) {
      const exportedName = parent.exported.type === AST_NODE_TYPES.Identifier ? parent.exported.name : parent.exported.value;
      return this.exportNamesRole([exportedName], []);
    }
    if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return this.exportNamesRole(['default'], []);
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) return this.exportRole(parent.right, []);
    if (parent.type === AST_NODE_TYPES.ArrayExpression) {
      // `app.get('/x', [auth, handler])`
      const grand = outerValue(parent).parent;
      if (grand && (grand.type === AST_NODE_TYPES.CallExpression || grand.type === AST_NODE_TYPES.NewExpression)) {
        return this.callRole(grand, grand.arguments.indexOf(outerValue(parent) as TSESTree.CallExpressionArgument), []);
      }
    }
    return undefined;
  }

  /** A function whose body begins with a handler directive of an adapter (`'use server'`): a handler wherever it is written. */
  roleOfDirective(fn: FunctionNode): Role | undefined {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
    for (const statement of fn.body.body) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) return undefined;
      const adapter = DIRECTIVE_ADAPTERS.get(statement.directive);
      if (adapter) return { kind: 'request', framework: adapter.name };
    }
    return undefined;
  }

  /** The role of a method (or arrow-function field) of a class. */
  roleOfClassMember(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition, classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Role | undefined {
    const name = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : propertyName(member);
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      // The framework instantiates its decorated classes once, while the application starts.
      const info = this.classInfo(classNode);
      return info.framework !== undefined && !info.statefulByDesign ? { kind: 'startup', framework: info.framework } : undefined;
    }
    const superName = classNode.superClass ? chainNames(classNode.superClass)[0] : undefined;
    if (superName !== undefined && PLATFORM_CLASSES.test(superName)) {
      return { kind: 'request', framework: 'Cloudflare Workers' };
    }
    const classDecorators = decoratorsOf(classNode).map(decoratorName);
    const memberDecorators = decoratorsOf(member).map(decoratorName);
    for (const adapter of FRAMEWORKS) {
      const shape = adapter.decoratedClasses;
      if (!shape) continue;
      const memberHit = memberDecorators.some((decorator) => decorator !== undefined && shape.methodDecorators.includes(decorator));
      const classHit = classDecorators.some((decorator) => decorator !== undefined && shape.classDecorators.includes(decorator));
      if (!classHit && !(memberHit && this.hasEvidence(adapter))) continue;
      if (name !== undefined && shape.startupMethods.includes(name)) return { kind: 'startup', framework: adapter.name };
      if (memberDecorators.some((decorator) => decorator !== undefined && shape.backgroundDecorators?.includes(decorator))) {
        return { kind: 'background', framework: adapter.name };
      }
      if (memberHit || (name !== undefined && shape.methodNames.includes(name))) {
        return { kind: 'request', framework: adapter.name, ...(name === undefined ? {} : { label: name }) };
      }
    }
    return undefined;
  }

  /** Whether a class is a framework singleton (NestJS default scope) or stateful by design. */
  classInfo(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): ClassInfo {
    const superName = classNode.superClass ? chainNames(classNode.superClass)[0] : undefined;
    if (superName !== undefined && STATEFUL_BY_DESIGN.test(superName)) {
      return { singleton: false, statefulByDesign: true, framework: 'Cloudflare Workers' };
    }
    for (const adapter of FRAMEWORKS) {
      const shape = adapter.decoratedClasses;
      if (!shape) continue;
      const hit = decoratorsOf(classNode).some((decorator) => {
        const name = decoratorName(decorator);
        return name !== undefined && shape.classDecorators.includes(name);
      });
      if (hit) return { singleton: !hasNonDefaultScope(decoratorsOf(classNode)), statefulByDesign: false, framework: adapter.name };
    }
    return { singleton: false, statefulByDesign: false };
  }

  /** A function value inside an object literal: resolver maps, route options, exported handler objects. */
  private objectRole(property: TSESTree.Property): Role | undefined {
    const keys: string[] = [];
    let current: TSESTree.Property = property;
    for (let depth = 0; depth < 6; depth++) {
      const key = propertyName(current);
      if (key === undefined) return undefined;
      keys.push(key);
      const object = current.parent;
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      if (keys.length >= 2 && RESOLVER_ROOT_KEYS.includes(key)) {
        return { kind: 'request', framework: 'GraphQL', label: `${key}.${keys[keys.length - 2] ?? ''}` };
      }
      const outer = outerValue(object);
      const parent = outer.parent;
      if (!parent) return undefined;
      if (parent.type === AST_NODE_TYPES.Property && parent.value === outer) {
        current = parent;
        continue;
      }
      const exported = this.exportRole(outer, keys, object);
      if (exported) return exported;
      if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
        return this.callRole(parent, parent.arguments.indexOf(outer as TSESTree.CallExpressionArgument), keys);
      }
      if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return this.exportNamesRole(['default'], keys, object);
      return undefined;
    }
    return undefined;
  }

  /** `export const GET = withAuth(async (req) => …)`: a wrapped handler export. */
  private wrappedExportRole(call: TSESTree.CallExpression | TSESTree.NewExpression): Role | undefined {
    const names = this.info.exportsByNode.get(outerValue(call));
    if (!names) return undefined;
    const role = this.exportNamesRole(names, []);
    return role?.kind === 'request' ? role : undefined;
  }

  private exportRole(value: TSESTree.Node, keys: readonly string[], object?: TSESTree.ObjectExpression): Role | undefined {
    const names = this.info.exportsByNode.get(unwrap(value));
    if (names) return this.exportNamesRole(names, keys, object);
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier && parent.init === value) {
      const local = this.info.exportsByLocal.get(parent.id.name);
      if (local) return this.exportNamesRole(local, keys, object);
    }
    if (parent?.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if ((value.type === AST_NODE_TYPES.FunctionDeclaration || value.type === AST_NODE_TYPES.ClassDeclaration) && value.id) {
      const local = this.info.exportsByLocal.get(value.id.name);
      if (local) return this.exportNamesRole(local, keys);
    }
    return undefined;
  }

  /** The names a top-level binding is exported under, if it is. */
  localExportNames(name: string): readonly string[] | undefined {
    return this.info.exportsByLocal.get(name);
  }

  /**
   * Whether names exported from this file (with object keys inside the export) are handlers;
   * `object` is the exported object the keys lead into, when there is one.
   */
  exportNamesRole(names: readonly string[], keys: readonly string[], object?: TSESTree.ObjectExpression): Role | undefined {
    for (const { adapter, shape } of EXPORT_SHAPES) {
      // The names first: most exports match no convention, and then the file need not be looked at.
      const exportName = shape.names === 'all' ? names[0] : names.find((name) => shape.names.includes(name));
      if (exportName === undefined || !this.shapeApplies(adapter, shape)) continue;
      if (shape.objectKeys) {
        const key = keys[keys.length - 1];
        if (key === undefined) continue;
        if (shape.objectKeys !== 'all' && !shape.objectKeys.includes(key)) continue;
        if (shape.objectNeedsKeys && !this.hasEvidence(adapter) && !hasAnyKey(object, shape.objectNeedsKeys)) continue;
        return { kind: 'request', framework: adapter.name, label: `${exportName}.${key}` };
      }
      if (keys.length > 0) continue;
      return { kind: 'request', framework: adapter.name, label: exportName };
    }
    for (const shape of this.settings.handlerExports) {
      // Settings patterns are written relative to the project (ESLint's cwd), e.g. `^src/handlers/`.
      if (shape.files && !shape.files.test(this.relativeFilename)) continue;
      const exportName = names.find((name) => shape.names.includes(name));
      if (exportName !== undefined && keys.length === 0) return { kind: 'request', framework: 'settings', label: exportName };
    }
    return undefined;
  }

  /** The role of argument `index` of a call (with `keys` the option path inside that argument). */
  callRole(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, keys: readonly string[]): Role | undefined {
    if (index < 0) return undefined;
    const name = calleeName(call);
    if (name === undefined) return undefined;
    for (const { adapter, shape, kind } of CALL_SHAPES_BY_NAME.get(name) ?? []) {
      if (!this.matches(shape, adapter, call, index, keys)) continue;
      return kind === 'request' ? { kind, framework: adapter.name, ...routeLabel(call, name) } : { kind, framework: adapter.name };
    }
    if (keys.length === 0) {
      if (this.settingsCalls.some((shape) => this.matchesSetting(shape, call, name))) return { kind: 'request', framework: 'settings' };
      if (this.settingsStartup.some((shape) => this.matchesSetting(shape, call, name))) return { kind: 'startup', framework: 'settings' };
    }
    return undefined;
  }

  private matchesSetting(shape: SettingsShape, call: TSESTree.CallExpression | TSESTree.NewExpression, name: string): boolean {
    if (!shape.names.includes(name)) return false;
    if (!shape.receiver) return true;
    const receiver = calleeReceiver(call);
    const root = receiver ? rootIdentifier(receiver) : undefined;
    return root !== undefined && shape.receiver.test(root.name);
  }

  private matches(
    shape: CallShape,
    adapter: FrameworkAdapter,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    index: number,
    keys: readonly string[],
  ): boolean {
    const receiver = calleeReceiver(call);
    if (shape.receiver) {
      if (!receiver || !chainNames(receiver).some((part) => shape.receiver?.test(part) === true)) return false;
    }
    if (shape.chainedFrom) {
      const inner = receiver ? unwrap(receiver) : undefined;
      if (inner?.type !== AST_NODE_TYPES.CallExpression) return false;
      const innerName = calleeName(inner);
      if (innerName === undefined || !shape.chainedFrom.includes(innerName)) return false;
    }
    if (shape.events) {
      const event = stringValue(call.arguments[0]);
      if (event === undefined || !shape.events.includes(event) || index === 0) return false;
    }
    if (shape.when === 'path' && (index === 0 || !isRoutePath(call.arguments[0]))) return false;
    if (shape.unlessReceiver) {
      const root = receiver ? rootIdentifier(receiver) : undefined;
      if (root && shape.unlessReceiver.test(root.name)) return false;
    }
    if (shape.receiverIsParameter === true && !isParameterReceiver(call, receiver)) return false;
    if (shape.unlessImports && !this.hasEvidence(adapter) && shape.unlessImports.some((name) => this.info.packages.has(name))) return false;
    if (shape.when === 'evidence' && !this.hasEvidence(adapter)) {
      if (shape.importOnly === true) return false;
      const root = receiver ? rootIdentifier(receiver) : undefined;
      if (!root || !APP_LIKE.test(root.name)) return false;
    }
    if (keys.length === 0) return shape.functionArgs !== false;
    const optionKey = keys[keys.length - 1];
    return optionKey !== undefined && shape.optionKeys?.includes(optionKey) === true;
  }
}

/** Whether the receiver is a plain name that a function around the call takes as a parameter. */
function isParameterReceiver(call: TSESTree.Node, receiver: TSESTree.Node | undefined): boolean {
  const name = receiver ? unwrap(receiver) : undefined;
  if (name?.type !== AST_NODE_TYPES.Identifier) return false;
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    if (fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === name.name)) return true;
  }
  return false;
}

function hasAnyKey(object: TSESTree.ObjectExpression | undefined, keys: readonly string[]): boolean {
  return object?.properties.some((property) => property.type === AST_NODE_TYPES.Property && keys.includes(propertyName(property) ?? '')) === true;
}

function routeLabel(call: TSESTree.CallExpression | TSESTree.NewExpression, name: string): { label?: string } {
  const path = stringValue(call.arguments[0]);
  if (path === undefined) return {};
  return { label: path.startsWith('/') || path === '*' ? `${name.toUpperCase()} ${path}` : `${name} ${path}` };
}

const REQUEST_PARAM_PAIRS: readonly (readonly [RegExp, RegExp])[] = [
  [/^_?req(?:uest)?$/u, /^_?(?:res|response|reply|h)$/u],
  [/^_?(?:err|error)$/u, /^_?req(?:uest)?$/u],
  [/^_?ctx$/u, /^_?next$/u],
  [/^_?event$/u, /^_?context$/u],
];

/** The type name of a parameter's annotation (`Request`, `FastifyRequest<…>`, `express.Request`). */
function annotationName(param: TSESTree.Parameter): string | undefined {
  const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const annotation = 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const typeName = annotation.typeName;
  if (typeName.type === AST_NODE_TYPES.Identifier) return typeName.name;
  if (typeName.type === AST_NODE_TYPES.TSQualifiedName) return typeName.right.name;
  return undefined;
}

function paramName(param: TSESTree.Parameter | undefined): string | undefined {
  if (!param) return undefined;
  const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.AssignmentPattern && target.left.type === AST_NODE_TYPES.Identifier) return target.left.name;
  return undefined;
}

/** What a handler reads of the request it is handed: what the client sent. */
const REQUEST_PARTS = new Set(['body', 'params', 'query', 'headers', 'cookies']);

/**
 * A function passed to a call, whose one parameter is named `req` or `request` and whose body reads
 * what the client sent through it (`req.body`, `req.params.id`, `const { body } = req`).
 */
function readsRequestParts(fn: FunctionNode, param: TSESTree.Parameter): boolean {
  const name = paramName(param);
  const call = fn.parent;
  if (name === undefined || !/^req(?:uest)?$/u.test(name) || call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === fn)) return false;
  return someDescendant(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression) return node.object.type === AST_NODE_TYPES.Identifier && node.object.name === name && REQUEST_PARTS.has(propertyName(node) ?? '');
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.init?.type !== AST_NODE_TYPES.Identifier || node.init.name !== name || node.id.type !== AST_NODE_TYPES.ObjectPattern) return false;
    return node.id.properties.some((property) => property.type === AST_NODE_TYPES.Property && REQUEST_PARTS.has(propertyName(property) ?? ''));
  });
}

/** Whether some node under `root` passes `test`, found through the nodes' own fields (no visitor keys are at hand here). */
function someDescendant(root: TSESTree.Node, test: (node: TSESTree.Node) => boolean): boolean {
  const stack: TSESTree.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (test(node)) return true;
    stack.push(...childNodes(node));
  }
  return false;
}

/** A parameter destructured with a `req` or `request` member: the object a framework hands each request's handler. */
function destructuresRequest(param: TSESTree.Parameter | undefined): boolean {
  const pattern = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (pattern?.type !== AST_NODE_TYPES.ObjectPattern) return false;
  return pattern.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed && /^(?:req|request)$/u.test(propertyName(property) ?? ''));
}

export const REQUEST_TYPES: ReadonlySet<string> = new Set(FRAMEWORKS.flatMap((adapter) => adapter.requestTypes ?? []));
/** Types of a whole handler function (and, for a variable, of its request parameter too): what `const GET: X = …` may say. */
const HANDLER_VARIABLE_TYPES: ReadonlySet<string> = new Set([...REQUEST_TYPES, ...FRAMEWORKS.flatMap((adapter) => adapter.handlerTypes ?? [])]);

/**
 * The weaker signal: a function whose parameters are named or typed like a request handler's
 * (`(req, res)`, `(ctx, next)`, `(request: FastifyRequest)`, `(event: APIGatewayProxyEvent)`).
 */
export function looksLikeHandler(fn: FunctionNode): boolean {
  const [first, second, third] = fn.params;
  // `async ({ params, req }) => …`, `({ input, req, auth })`: one object of the request and what was parsed from it.
  if (destructuresRequest(first)) return true;
  // `createHandler(spec)(async (req) => { … req.body … })`: a request alone, handed to a wrapper that makes the handler.
  if (second === undefined && first !== undefined && readsRequestParts(fn, first)) return true;
  const firstName = paramName(first);
  const secondName = paramName(second);
  if (firstName !== undefined && secondName !== undefined) {
    if (REQUEST_PARAM_PAIRS.some(([a, b]) => a.test(firstName) && b.test(secondName))) return true;
    if (/^_?(?:err|error)$/u.test(firstName) && /^_?req(?:uest)?$/u.test(secondName) && third !== undefined) return true;
  }
  if (
    fn.params.some((param) => {
      const type = annotationName(param);
      return type !== undefined && REQUEST_TYPES.has(type);
    })
  ) {
    return true;
  }
  // `export const GET: RequestHandler = async (event) => …`
  const declarator = fn.parent;
  if (declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === fn && declarator.id.type === AST_NODE_TYPES.Identifier) {
    const annotation = declarator.id.typeAnnotation?.typeAnnotation;
    if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
      const typeName = annotation.typeName;
      const name = typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : undefined;
      if (name !== undefined && HANDLER_VARIABLE_TYPES.has(name)) return true;
    }
  }
  return false;
}
