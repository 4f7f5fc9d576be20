import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, ScopeType } from '../file/scope-types.js';
import { callsByName, childNodes, isFunction, outerValue, propertyName, thisCallsByName, type FunctionNode } from '../file/ast.js';
import type { LifetimeAnalysis } from './lifetime.js';
import { DeepMemo } from '../file/memo.js';

/** How many nodes one value expression is searched through before giving up (treated as not derived). */
const NODE_BUDGET = 400;
const SKIPPED_KEYS = new Set(['parent', 'typeAnnotation', 'typeArguments', 'typeParameters', 'returnType', 'decorators']);

/**
 * Request-derived values: parameters of handlers and whatever is computed from them, followed
 * through local variables, destructuring, callbacks on derived receivers, and parameters of
 * same-file functions that handlers call with derived arguments.
 */
export class RequestData {
  // A variable or parameter list met again while it is being answered (a cycle) is not derived.
  private readonly variables = new DeepMemo<TSESLint.Scope.Variable, boolean>((variable) => this.computeVariable(variable), false);
  private readonly params = new DeepMemo<FunctionNode, boolean>((fn) => this.computeParams(fn), false);

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
        if (this.identifierDerived(node, expression)) return true;
        continue;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        // `c.env.DB`, `context.env.API_KEY`: the platform's bindings, the same for every request.
        if (isEnvBindings(node)) continue;
        stack.push(node.object);
        if (node.computed) stack.push(node.property);
        continue;
      }
      if (node.type === AST_NODE_TYPES.Property) {
        if (node.computed) stack.push(node.key);
        stack.push(node.value);
        continue;
      }
      stack.push(...childNodes(node, SKIPPED_KEYS));
    }
    return false;
  }

  /**
   * Whether a name in `expression` carries request data. A name of a scope inside the expression
   * itself (the parameter of a callback in it: `net.createServer((socket) => …)`) is none of the
   * value's inputs; what it is handed comes from names outside, which are asked on their own.
   */
  private identifierDerived(identifier: TSESTree.Identifier, expression: TSESTree.Node): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    if (!variable) return false;
    const block = variable.scope.block;
    if (block !== expression && expression.range[0] <= block.range[0] && block.range[1] <= expression.range[1]) return false;
    return this.variableDerived(variable);
  }

  private variableDerived(variable: TSESLint.Scope.Variable): boolean {
    return this.variables.get(variable);
  }

  private computeVariable(variable: TSESLint.Scope.Variable): boolean {
    // Shared bindings are the state itself, not request data.
    if (variable.scope === this.moduleScope || variable.scope.type === ScopeType.global) return false;
    for (const def of variable.defs) {
      // `fetch(request, env, ctx)` of a Worker, `({ env })` of a Pages function: bindings and secrets, configuration.
      if (def.type === DefinitionType.Parameter && variable.name === ENV_BINDINGS) return false;
      if (def.type === DefinitionType.Parameter && isFunction(def.node) && this.paramsDerived(def.node)) return true;
      if (def.type === DefinitionType.CatchClause) return false;
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
    return this.params.get(fn);
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
    return callsByName(this.sourceCode, fn).some((call) => call.arguments.some((argument) => this.isDerived(argument)));
  }

  private thisCallsPassDerived(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): boolean {
    const name = propertyName(member);
    if (name === undefined) return false;
    const calls = thisCallsByName(member.parent, this.sourceCode.visitorKeys).get(name) ?? [];
    return calls.some(({ call, member: caller, bind }) => !bind && caller !== member && call.arguments.some((argument) => this.isDerived(argument)));
  }
}

/** The name under which Workers, Pages, Hono and Astro hand a handler the platform's bindings. */
const ENV_BINDINGS = 'env';

/** `c.env`, `context.env`, `locals.runtime.env`: bindings of the platform (KV, D1, secrets), not data of the request. */
function isEnvBindings(node: TSESTree.MemberExpression): boolean {
  return !node.computed && propertyName(node) === ENV_BINDINGS;
}

