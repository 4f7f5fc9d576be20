import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, ScopeType } from '../file/scope-types.js';
import { constructedValue, isFunction, isPrivateMember, outerValue, propertyName, thisCallsByName, unwrap, variableOf, type FunctionNode } from '../file/ast.js';
import { nodesOfType } from '../file/node-index.js';
import { instanceMethods, moduleScopeOf, thisAccesses, thisField } from './writes.js';

/**
 * A method called on an object that a function or class was handed rather than made, declared with
 * a type that names its class: a parameter (`realm: IRealm`, `{ realm }: { realm: IRealm }`), a
 * constructor's parameter property (`constructor(private readonly realm: Realm)`) or a typed field
 * (`private readonly realm: IRealm`). A startup function that builds routes, or a class whose
 * constructor registers socket listeners, is handed the one instance the process made; its
 * handlers' calls (`realm.setClient(…)`, `this.realm.setClient(…)`) reach that instance.
 */
export interface ReceiverCall {
  readonly call: TSESTree.CallExpression;
  readonly method: string;
  /** The name in the receiver's declared type (`IRealm` in `realm: IRealm`), as written in this file. */
  readonly type: TSESTree.Identifier;
  /** How the call names the receiver (`realm`, `this.realm`, `ctx.sessions`). */
  readonly owner: string;
  /**
   * The members between the typed value and the method (`['sessions']` in `ctx.sessions.add(…)`
   * with `ctx: AppContext`): each is a field of the type before it, whose own declared type names
   * the next. Empty for a method of the typed value itself.
   */
  readonly path: readonly string[];
  /** For a parameter, the function it belongs to; for a field, the class; for a module binding, the program. */
  readonly holder: FunctionNode | TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.Program;
}

const receiverCache = new WeakMap<TSESLint.SourceCode, readonly ReceiverCall[]>();

/** The file's calls through typed receivers that name a type declared outside any function (imported or at the top). */
export function receiverCalls(sourceCode: Readonly<TSESLint.SourceCode>): readonly ReceiverCall[] {
  const cached = receiverCache.get(sourceCode);
  if (cached) return cached;
  const result: ReceiverCall[] = [];
  const moduleScope = moduleScopeOf(sourceCode.scopeManager);
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    if (scope.type !== ScopeType.function || !isFunction(scope.block)) continue;
    const holder = scope.block;
    for (const variable of scope.variables) {
      const def = variable.defs[0];
      if (def?.type !== DefinitionType.Parameter || def.name.type !== AST_NODE_TYPES.Identifier) continue;
      const type = typeNameOf(declaredType(def.name, moduleScope));
      if (!type || !declaredAtTop(type, moduleScope)) continue;
      if (isPerCallParameter(sourceCode, variable, 0)) continue;
      for (const reference of variable.references) {
        const found = methodCall(outerValue(reference.identifier));
        if (found) result.push({ ...found, type, owner: ownerName(variable.name, found.path), holder });
      }
    }
  }
  // `let manager: ClientManager | null = null; … manager = new ClientManager()`: the module's one instance.
  for (const variable of moduleScope?.variables ?? []) {
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || def?.type !== DefinitionType.Variable) continue;
    const type = typeNameOf(def.name.typeAnnotation?.typeAnnotation) ?? constructedClass(variable);
    if (!type || !declaredAtTop(type, moduleScope)) continue;
    for (const reference of variable.references) {
      const found = reference.isRead() ? methodCall(outerValue(reference.identifier)) : undefined;
      if (found) result.push({ ...found, type, owner: ownerName(variable.name, found.path), holder: sourceCode.ast });
    }
  }
  for (const classNode of nodesOfType(sourceCode, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression)) {
    const fields = typedFields(classNode, moduleScope);
    if (fields.size === 0) continue;
    for (const { fn } of instanceMethods(classNode)) {
      for (const { node } of thisAccesses(fn, sourceCode.visitorKeys)) {
        const field = thisField(node);
        const type = field === undefined ? undefined : fields.get(field);
        const found = type ? methodCall(outerValue(node)) : undefined;
        if (field !== undefined && type && found) result.push({ ...found, type, owner: ownerName(`this.${field}`, found.path), holder: classNode });
      }
    }
  }
  receiverCache.set(sourceCode, result);
  return result;
}

/**
 * Whether a type name is one the file imports or declares at its top: a class of the project may be
 * behind it. Built-in names (`Map`, `Date`, `Promise`) are declared nowhere in the file.
 */
function declaredAtTop(type: TSESTree.Identifier, moduleScope: TSESLint.Scope.Scope | undefined): boolean {
  return (moduleScope?.set.get(type.name)?.defs.length ?? 0) > 0;
}

/** How many members a call may reach through before its method (`ctx.services.sessions.add(…)`: two). */
const MAX_PATH = 2;

/**
 * `x.method(…)` where `x` is `receiver`, or `x.a.method(…)`, `x.a.b.method(…)` through its members:
 * the call, the method's name and the members in between.
 */
function methodCall(receiver: TSESTree.Node): { call: TSESTree.CallExpression; method: string; path: readonly string[] } | undefined {
  const path: string[] = [];
  let object = receiver;
  for (;;) {
    const member = object.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== object) return undefined;
    const name = propertyName(member);
    if (name === undefined) return undefined;
    const outer = outerValue(member);
    const call = outer.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === outer) return { call, method: name, path };
    if (path.length === MAX_PATH) return undefined;
    path.push(name);
    object = outer;
  }
}

function ownerName(root: string, path: readonly string[]): string {
  return [root, ...path].join('.');
}

/** A class's fields declared with a type: `private readonly realm: IRealm`, `constructor(private realm: IRealm)`. */
function typedFields(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, moduleScope: TSESLint.Scope.Scope | undefined): Map<string, TSESTree.Identifier> {
  const fields = new Map<string, TSESTree.Identifier>();
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed) {
      const name = propertyName(member);
      const type = typeNameOf(member.typeAnnotation?.typeAnnotation);
      if (name !== undefined && type && declaredAtTop(type, moduleScope)) fields.set(name, type);
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const parameter of member.value.params) {
        if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
        const type = typeNameOf(declaredType(inner, moduleScope));
        if (type && declaredAtTop(type, moduleScope)) fields.set(inner.name, type);
      }
    }
  }
  return fields;
}

/**
 * The declared type of a parameter binding: its own annotation, or the member of its destructured
 * parameter's annotation (`{ realm }: { realm: IRealm }`, or an interface of the file declaring `realm`).
 */
function declaredType(name: TSESTree.Identifier, moduleScope: TSESLint.Scope.Scope | undefined): TSESTree.TypeNode | undefined {
  if (name.typeAnnotation) return name.typeAnnotation.typeAnnotation;
  let node: TSESTree.Node = name;
  if (node.parent.type === AST_NODE_TYPES.AssignmentPattern && node.parent.left === node) node = node.parent;
  const property = node.parent;
  if (property.type !== AST_NODE_TYPES.Property || property.value !== node) return undefined;
  const key = propertyName(property);
  let pattern: TSESTree.Node = property.parent;
  if (pattern.parent.type === AST_NODE_TYPES.AssignmentPattern && pattern.parent.left === pattern) pattern = pattern.parent;
  const annotation = pattern.type === AST_NODE_TYPES.ObjectPattern ? pattern.typeAnnotation : pattern.type === AST_NODE_TYPES.AssignmentPattern && pattern.left.type === AST_NODE_TYPES.ObjectPattern ? pattern.left.typeAnnotation : undefined;
  if (key === undefined || !annotation) return undefined;
  return memberType(annotation.typeAnnotation, key, moduleScope);
}

/** The type of member `key` of an object type: written out, or an interface or type alias declared at the top of the file. */
function memberType(type: TSESTree.TypeNode, key: string, moduleScope: TSESLint.Scope.Scope | undefined): TSESTree.TypeNode | undefined {
  let members: readonly TSESTree.TypeElement[] | undefined;
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) members = type.members;
  else if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier) {
    const def = moduleScope?.set.get(type.typeName.name)?.defs.find((candidate) => candidate.node.type === AST_NODE_TYPES.TSInterfaceDeclaration || candidate.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration);
    if (def?.node.type === AST_NODE_TYPES.TSInterfaceDeclaration) members = def.node.body.body;
    else if (def?.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration && def.node.typeAnnotation.type === AST_NODE_TYPES.TSTypeLiteral) members = def.node.typeAnnotation.members;
  }
  for (const member of members ?? []) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.computed) continue;
    const name = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : String(member.key.value);
    if (name === key) return member.typeAnnotation?.typeAnnotation;
  }
  return undefined;
}

/**
 * Where a receiver's type name comes from when the file imports it (`import type { IRealm } from
 * './realm'`): the module specifier and the name it exports the type under (`default` for a default import).
 */
export function importedType(sourceCode: Readonly<TSESLint.SourceCode>, type: TSESTree.Identifier): { specifier: string; name: string } | undefined {
  const def = ASTUtils.findVariable(sourceCode.getScope(type), type)?.defs[0];
  if (def?.type !== DefinitionType.ImportBinding) return undefined;
  const declaration = def.parent;
  if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  const node = def.node;
  const name = node.type === AST_NODE_TYPES.ImportSpecifier ? (node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value) : node.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : undefined;
  return name === undefined ? undefined : { specifier: declaration.source.value, name };
}

/** The one class or interface a type names (`IRealm`, `IRealm | undefined`, `Readonly<…>` is not one). */
export function typeNameOf(type: TSESTree.TypeNode | undefined): TSESTree.Identifier | undefined {
  if (!type) return undefined;
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    const named = type.types.filter((member) => member.type !== AST_NODE_TYPES.TSUndefinedKeyword && member.type !== AST_NODE_TYPES.TSNullKeyword);
    return named.length === 1 ? typeNameOf(named[0]) : undefined;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeArguments || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  return type.typeName;
}

/** The class every value written to a binding is a new instance of (`new ClientManager()`), besides `null`/`undefined`. */
function constructedClass(variable: TSESLint.Scope.Variable): TSESTree.Identifier | undefined {
  let found: TSESTree.Identifier | undefined;
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const value = reference.writeExpr ? unwrap(reference.writeExpr) : undefined;
    if (!value) return undefined;
    if ((value.type === AST_NODE_TYPES.Literal && value.value === null) || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined')) continue;
    if (value.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (found && found.name !== value.callee.name) return undefined;
    found = value.callee;
  }
  return found;
}

/** Static methods that hand back an instance kept for everyone rather than a new one. */
const SHARED_FACTORY = /instance|shared|singleton|global|current|default/iu;

/**
 * `Context.deserialize(raw)`, `Details.create(…)`, or a local constant holding one: an object made
 * for this call by a static factory of the class the parameter is declared as (`ctx: Context`).
 */
function madeByOwnClass(sourceCode: Readonly<TSESLint.SourceCode>, argument: TSESTree.Node, type: string | undefined): boolean {
  if (type === undefined) return false;
  let value = unwrap(argument);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const def = variableOf(sourceCode, value)?.defs[0];
    if (def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return false;
    value = unwrap(def.node.init);
  }
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(value.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const owner = unwrap(callee.object);
  const method = propertyName(callee);
  return owner.type === AST_NODE_TYPES.Identifier && owner.name === type && method !== undefined && !SHARED_FACTORY.test(method);
}

/** How many private methods deep a value made per call is followed as it is handed on. */
const HAND_ON_DEPTH = 4;

/**
 * A parameter of a private method that the class's own calls always hand a value made for that
 * call: `const details = new Details(); await this.check(rule, details)`, or their own such
 * parameter (`this.checkOne(part, details)` inside `check`). Its calls reach that per-call object,
 * not an instance the process shares; no other file calls a private method.
 */
function isPerCallParameter(sourceCode: Readonly<TSESLint.SourceCode>, variable: TSESLint.Scope.Variable, depth: number): boolean {
  const def = variable.defs[0];
  if (depth > HAND_ON_DEPTH || def?.type !== DefinitionType.Parameter || !isFunction(def.node)) return false;
  const fn = def.node;
  const member = fn.parent;
  if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method' || member.static) return false;
  if (!isPrivateMember(member)) return false;
  const index = fn.params.findIndex((param) => (param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param) === def.name);
  const name = propertyName(member);
  if (index < 0 || name === undefined) return false;
  const calls = thisCallsByName(member.parent, sourceCode.visitorKeys).get(name) ?? [];
  if (calls.length === 0) return false;
  const type = typeNameOf(def.name.typeAnnotation?.typeAnnotation)?.name;
  return calls.every(({ call, bind }) => {
    const argument = bind ? undefined : call.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return false;
    if (constructedValue(sourceCode, argument) || madeByOwnClass(sourceCode, argument, type)) return true;
    const value = unwrap(argument);
    const handed = value.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, value) : undefined;
    return handed !== undefined && handed !== variable && isPerCallParameter(sourceCode, handed, depth + 1);
  });
}
