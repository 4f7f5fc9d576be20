import type { TSESLint } from '@typescript-eslint/utils';

/**
 * The kinds of definition and of scope that ESLint's scope manager puts on `def.type` and
 * `scope.type`, as values the analysis can compare with.
 *
 * `TSESLint.Scope.DefinitionType` and `TSESLint.Scope.ScopeType` are the same strings, but reading them
 * as values goes through `@typescript-eslint/utils`' root, which loads `@typescript-eslint/scope-manager`
 * and its library type definitions (about 180 modules, 75 ms on a first lint): a JavaScript lint,
 * which runs on ESLint's own scope manager, never needs them. Each value here is typed as the enum
 * member it equals, so `def.type === DefinitionType.Variable` narrows `def` as the enum would; the
 * import above is a type and loads nothing. The compiler checks each string against its member, and
 * `tests/scope-types.test.ts` that no member is missing.
 */

type Definition = typeof TSESLint.Scope.DefinitionType;
type Scope = typeof TSESLint.Scope.ScopeType;

/** The enum member whose string is `value`; the parameter's type makes a misspelt string a type error. */
function member<Member extends string>(value: `${Member}`): Member {
  return value as Member;
}

export const DefinitionType: { readonly [Name in keyof Definition]: Definition[Name] } = {
  CatchClause: member<Definition['CatchClause']>('CatchClause'),
  ClassName: member<Definition['ClassName']>('ClassName'),
  FunctionName: member<Definition['FunctionName']>('FunctionName'),
  ImplicitGlobalVariable: member<Definition['ImplicitGlobalVariable']>('ImplicitGlobalVariable'),
  ImportBinding: member<Definition['ImportBinding']>('ImportBinding'),
  Parameter: member<Definition['Parameter']>('Parameter'),
  TSEnumName: member<Definition['TSEnumName']>('TSEnumName'),
  TSEnumMember: member<Definition['TSEnumMember']>('TSEnumMemberName'),
  TSModuleName: member<Definition['TSModuleName']>('TSModuleName'),
  Type: member<Definition['Type']>('Type'),
  Variable: member<Definition['Variable']>('Variable'),
};

export const ScopeType: { readonly [Name in keyof Scope]: Scope[Name] } = {
  block: member<Scope['block']>('block'),
  catch: member<Scope['catch']>('catch'),
  class: member<Scope['class']>('class'),
  classFieldInitializer: member<Scope['classFieldInitializer']>('class-field-initializer'),
  classStaticBlock: member<Scope['classStaticBlock']>('class-static-block'),
  conditionalType: member<Scope['conditionalType']>('conditionalType'),
  for: member<Scope['for']>('for'),
  function: member<Scope['function']>('function'),
  functionExpressionName: member<Scope['functionExpressionName']>('function-expression-name'),
  functionType: member<Scope['functionType']>('functionType'),
  global: member<Scope['global']>('global'),
  mappedType: member<Scope['mappedType']>('mappedType'),
  module: member<Scope['module']>('module'),
  switch: member<Scope['switch']>('switch'),
  tsEnum: member<Scope['tsEnum']>('tsEnum'),
  tsModule: member<Scope['tsModule']>('tsModule'),
  type: member<Scope['type']>('type'),
  with: member<Scope['with']>('with'),
};
