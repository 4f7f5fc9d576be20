import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, outerValue, propertyName, unwrap, walk, type FunctionNode } from '../file/ast.js';
import type { LifetimeAnalysis } from './lifetime.js';

const IN_PROGRESS = Symbol('in progress');
/** How many nodes one value expression is searched through before giving up (treated as not derived). */
const NODE_BUDGET = 400;
const SKIPPED_KEYS = new Set(['parent', 'typeAnnotation', 'typeArguments', 'typeParameters', 'returnType', 'decorators']);

/**
 * Request-derived values: parameters of handlers and whatever is computed from them, followed
 * through local variables, destructuring, callbacks on derived receivers, and parameters of
 * same-file functions that handlers call with derived arguments.
 */
export class RequestData {
  private readonly variables = new Map<TSESLint.Scope.Variable, boolean | typeof IN_PROGRESS>();
  private readonly params = new Map<FunctionNode, boolean | typeof IN_PROGRESS>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly lifetimes: LifetimeAnalysis,
    private readonly moduleScope: TSESLint.Scope.Scope,
  ) {}

  /** Whether an expression's value depends on the current request. */
  isDerived(expression: TSESTree.Node): boolean {
    let budget = NODE_BUDGET;
    const stack: TSESTree.Node[] = [expression];
    while (stack.length > 0) {
      const node = stack.pop();
      if (!node || --budget < 0) return false;
      if (node.type === AST_NODE_TYPES.Identifier) {
        if (this.identifierDerived(node)) return true;
        continue;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        stack.push(node.object);
        if (node.computed) stack.push(node.property);
        continue;
      }
      if (node.type === AST_NODE_TYPES.Property) {
        if (node.computed) stack.push(node.key);
        stack.push(node.value);
        continue;
      }
      for (const [key, child] of Object.entries(node)) {
        if (SKIPPED_KEYS.has(key)) continue;
        if (Array.isArray(child)) {
          for (const item of child as unknown[]) if (isNode(item)) stack.push(item);
        } else if (isNode(child)) {
          stack.push(child);
        }
      }
    }
    return false;
  }

  private identifierDerived(identifier: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    if (!variable) return false;
    return this.variableDerived(variable);
  }

  private variableDerived(variable: TSESLint.Scope.Variable): boolean {
    const cached = this.variables.get(variable);
    if (cached === IN_PROGRESS) return false;
    if (cached !== undefined) return cached;
    this.variables.set(variable, IN_PROGRESS);
    const result = this.computeVariable(variable);
    this.variables.set(variable, result);
    return result;
  }

  private computeVariable(variable: TSESLint.Scope.Variable): boolean {
    // Shared bindings are the state itself, not request data.
    if (variable.scope === this.moduleScope || variable.scope.type === TSESLint.Scope.ScopeType.global) return false;
    for (const def of variable.defs) {
      if (def.type === TSESLint.Scope.DefinitionType.Parameter && isFunction(def.node) && this.paramsDerived(def.node)) return true;
      if (def.type === TSESLint.Scope.DefinitionType.CatchClause) return false;
    }
    for (const reference of variable.references) {
      const written = reference.writeExpr;
      if (written && this.isDerived(written)) return true;
      // `for (const item of req.body.items)`
      const loop = outerValue(reference.identifier).parent?.parent?.parent;
      if (reference.init === true && loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && this.isDerived(loop.right)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a function's parameters carry request data. */
  private paramsDerived(fn: FunctionNode): boolean {
    const cached = this.params.get(fn);
    if (cached === IN_PROGRESS) return false;
    if (cached !== undefined) return cached;
    this.params.set(fn, IN_PROGRESS);
    const result = this.computeParams(fn);
    this.params.set(fn, result);
    return result;
  }

  private computeParams(fn: FunctionNode): boolean {
    if (this.lifetimes.isHandler(fn)) return true;
    if (this.lifetimes.ofFunction(fn) !== 'request') return false;
    const value = outerValue(fn);
    const parent = value.parent;
    // `req.on('data', (chunk) => …)`, `body.items.map((item) => …)`, `db.query(sql, id, (err, rows) => …)`
    if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee !== value) {
      const callee = parent.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression && this.isDerived(callee.object)) return true;
      return parent.arguments.some((argument) => argument !== value && this.isDerived(argument));
    }
    // A method called through `this` from another method of its class.
    if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
      return this.thisCallsPassDerived(parent);
    }
    // A same-file function: derived when some call passes request data.
    const declarator = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : parent;
    if (!declarator) return false;
    for (const variable of this.sourceCode.getDeclaredVariables(declarator)) {
      if (!variable.defs.some((def) => def.node === fn || def.node === parent)) continue;
      for (const reference of variable.references) {
        const call = outerValue(reference.identifier).parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && outerValue(call.callee) === outerValue(reference.identifier)) {
          if (call.arguments.some((argument) => this.isDerived(argument))) return true;
        }
      }
    }
    return false;
  }

  private thisCallsPassDerived(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): boolean {
    const name = propertyName(member);
    if (name === undefined) return false;
    const calls: TSESTree.CallExpression[] = [];
    for (const other of member.parent.body) {
      if (other === member || (other.type !== AST_NODE_TYPES.MethodDefinition && other.type !== AST_NODE_TYPES.PropertyDefinition) || !other.value) continue;
      walk(other.value, this.sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const callee = unwrap(node.callee);
          if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && propertyName(callee) === name) calls.push(node);
        }
        return true;
      });
    }
    return calls.some((call) => call.arguments.some((argument) => this.isDerived(argument)));
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
