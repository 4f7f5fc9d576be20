import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { DefinitionType, ScopeType } from '../file/scope-types.js';
import { enclosingFunction, outerValue, propertyName, stringValue, unwrap } from '../file/ast.js';
import { importResolverFor, importsAny } from '../file/imports.js';
import { nodesOfType } from '../file/node-index.js';
import type { GlobalWrite } from './globals.js';
import { WriteCollector, type StateWrite } from './writes.js';

/**
 * The application object is one per process, whichever handler reaches it: Express's `req.app` /
 * `res.app` (and `app` itself), Koa's `ctx.app`. What a handler stores in its settings or `locals`
 * is there for every later request, as a global would be. Fastify's `decorate` after startup too.
 */
const APP_PACKAGES = ['express', 'koa'];
const FASTIFY_PACKAGES = ['fastify', 'fastify-plugin'];

/** Writes to app-wide settings from functions: `req.app.locals.x = …`, `req.app.set(k, v)`, `app.set(k, v)`, `fastify.decorate(k, v)`. */
export function collectAppSettingWrites(sourceCode: Readonly<TSESLint.SourceCode>, moduleScope: TSESLint.Scope.Scope): GlobalWrite[] {
  const result: GlobalWrite[] = [];
  const scopeManager = sourceCode.scopeManager;
  if (!scopeManager) return result;
  if (importsAny(sourceCode, APP_PACKAGES)) {
    // `req.app` / `res.app` / `ctx.app`: through a parameter of a function.
    for (const scope of scopeManager.scopes) {
      if (scope.type !== ScopeType.function) continue;
      for (const variable of scope.variables) {
        if (variable.defs[0]?.type !== DefinitionType.Parameter) continue;
        for (const reference of variable.references) {
          const value = outerValue(reference.identifier);
          const member = value.parent;
          if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== value || propertyName(member) !== 'app') continue;
          for (const write of appWrites(sourceCode, outerValue(member))) result.push({ ...write, via: value });
        }
      }
    }
    // `const app = express()` at module scope, its settings written from a function.
    const resolver = importResolverFor(sourceCode);
    for (const variable of moduleScope.variables) {
      const def = variable.defs[0];
      if (def?.type !== DefinitionType.Variable || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) continue;
      const init = unwrap(def.node.init);
      if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.NewExpression) continue;
      const made = resolver.resolve(init.callee);
      if (made?.specifier !== 'express' || !made.paths.some((path) => path.length === 1 && path[0] === 'default')) continue;
      for (const reference of variable.references) {
        if (!enclosingFunction(reference.identifier)) continue;
        const setting = settingWrite(outerValue(reference.identifier));
        if (setting) result.push(setting);
      }
    }
  }
  if (importsAny(sourceCode, FASTIFY_PACKAGES)) {
    for (const call of nodesOfType(sourceCode, AST_NODE_TYPES.CallExpression)) {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'decorate' || call.arguments.length < 2) continue;
      const name = stringValue(call.arguments[0]);
      const value = call.arguments[1];
      if (name === undefined || !value || !enclosingFunction(call)) continue;
      result.push({ name: `${receiverName(sourceCode, callee.object)}.${name}`, write: { node: call, kind: 'member', operator: '=', increments: false, values: [value], depth: 1, path: name } });
    }
  }
  return result;
}

/** Writes through `req.app`: its `locals` and other members, and `set(k, v)`. */
function appWrites(sourceCode: Readonly<TSESLint.SourceCode>, app: TSESTree.Node): GlobalWrite[] {
  const setting = settingWrite(app);
  if (setting) return [setting];
  const collector = new WriteCollector(sourceCode, 'object');
  collector.read(app, 0, '');
  return collector.writes.filter((write) => write.kind !== 'method' && write.depth > 0).map((write) => ({ name: `app.${write.path.replaceAll('.*', '[…]')}`, write }));
}

/** `app.set(key, value)` on the application: a write of one setting. */
function settingWrite(app: TSESTree.Node): GlobalWrite | undefined {
  const member = app.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== app || propertyName(member) !== 'set') return undefined;
  const call = outerValue(member).parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== outerValue(member) || call.arguments.length < 2) return undefined;
  const [keyNode, value] = call.arguments;
  if (!keyNode || !value) return undefined;
  const key = stringValue(keyNode);
  const write: StateWrite = { node: call, kind: 'member', operator: '=', increments: false, values: [value], depth: 1, path: `settings.${key ?? '*'}`, ...(key === undefined ? { key: keyNode } : {}) };
  return { name: key === undefined ? 'app.settings[…]' : `app.settings.${key}`, write };
}

function receiverName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return /^[\w$.]{1,30}$/u.test(text) ? text : 'fastify';
}
