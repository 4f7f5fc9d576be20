import fc from 'fast-check';

/**
 * Programs for property-based fuzzing of aliases and nesting: one shared binding, a chain of local
 * aliases of it (plain, through a member, destructured, an alias of itself, a `var` declared twice),
 * the write made through the last alias, inside blocks, branches, loops, callbacks and nested
 * functions, inside a route handler or another place code runs from. A failing program is shrunk by
 * fast-check to the fewest aliases and levels that still fail.
 */

export type PropertyDialect = 'js' | 'cjs' | 'ts';

type AliasStep = 'plain' | 'member' | 'destructure' | 'self' | 'redeclare' | 'parameter' | 'optional';
type Nesting = 'block' | 'if' | 'else' | 'arrow' | 'asyncArrow' | 'function' | 'for' | 'forOf' | 'try' | 'callback' | 'iife' | 'switch' | 'label' | 'class';
type Write = 'member' | 'computed' | 'push' | 'set' | 'add' | 'delete' | 'increment' | 'assign' | 'objectAssign' | 'destructuringAssign' | 'reassign';
type Wrapper = 'route' | 'routeFunction' | 'namedRoute' | 'export' | 'plugin' | 'listen' | 'interval' | 'classMethod' | 'topLevel';

export interface AliasShape {
  readonly dialect: PropertyDialect;
  readonly keyword: 'let' | 'const' | 'var';
  readonly init: string;
  readonly aliases: readonly { readonly step: AliasStep; readonly keyword: 'const' | 'let' | 'var' }[];
  readonly nesting: readonly Nesting[];
  readonly write: Write;
  readonly value: string;
  readonly wrapper: Wrapper;
  /** Whether the handler reads the binding back (a use besides the write). */
  readonly readBack: boolean;
}

export const aliasShape: fc.Arbitrary<AliasShape> = fc.record({
  dialect: fc.constantFrom<PropertyDialect>('js', 'cjs', 'ts'),
  keyword: fc.constantFrom('let', 'const', 'var'),
  init: fc.constantFrom('{}', '[]', 'new Map()', 'new Set()', '{ items: [], byId: {} }', 'null', '0', "''", 'new WeakMap()'),
  aliases: fc.array(fc.record({ step: fc.constantFrom<AliasStep>('plain', 'member', 'destructure', 'self', 'redeclare', 'parameter', 'optional'), keyword: fc.constantFrom('const', 'let', 'var') }), { maxLength: 6 }),
  nesting: fc.array(fc.constantFrom<Nesting>('block', 'if', 'else', 'arrow', 'asyncArrow', 'function', 'for', 'forOf', 'try', 'callback', 'iife', 'switch', 'label', 'class'), { maxLength: 8 }),
  write: fc.constantFrom<Write>('member', 'computed', 'push', 'set', 'add', 'delete', 'increment', 'assign', 'objectAssign', 'destructuringAssign', 'reassign'),
  value: fc.constantFrom('req.body', 'req.params.id', '1', '{ ...req.body }', 'Date.now()', 'req.body?.items?.[0]'),
  wrapper: fc.constantFrom<Wrapper>('route', 'routeFunction', 'namedRoute', 'export', 'plugin', 'listen', 'interval', 'classMethod', 'topLevel'),
  readBack: fc.boolean(),
});

const FILENAMES: Record<PropertyDialect, string> = { js: 'src/routes.js', cjs: 'src/routes.cjs', ts: 'src/routes.ts' };

export function filenameOf(shape: AliasShape): string {
  return FILENAMES[shape.dialect];
}

/** The program a shape describes; every shape gives a program its dialect accepts. */
export function aliasProgram(shape: AliasShape): string {
  const ts = shape.dialect === 'ts';
  const lines: string[] = shape.dialect === 'cjs' ? ["const express = require('express');", 'const app = express();'] : ["import express from 'express';", 'const app = express();'];
  lines.push(`${shape.keyword} state${ts ? ': any' : ''} = ${shape.init};`);
  const body: string[] = [];
  let current = 'state';
  shape.aliases.forEach(({ step, keyword }, index) => {
    const next = `a${String(index)}`;
    switch (step) {
      case 'plain':
        body.push(`${keyword} ${next} = ${current};`);
        break;
      case 'member':
        body.push(`${keyword} ${next} = ${current}.items;`);
        break;
      case 'optional':
        body.push(`${keyword} ${next} = ${current}?.byId;`);
        break;
      case 'destructure':
        body.push(`${keyword} { items: ${next} } = ${current};`);
        break;
      case 'self':
        // `var a = s; var a = a;`: an alias of itself.
        body.push(`var ${next} = ${current};`, `var ${next} = ${next};`);
        break;
      case 'redeclare':
        body.push(`var ${next} = ${current};`, `var ${next} = ${current};`);
        break;
      case 'parameter':
        body.push(`const ${next} = ((x${ts ? ': any' : ''}) => x)(${current});`);
        break;
    }
    current = next;
  });
  body.push(writeThrough(current, shape.write, shape.value));
  if (shape.readBack) body.push(`res.json(${current});`);
  let inner = body.join('\n');
  // Innermost first: the last nesting is the one right around the write.
  [...shape.nesting].reverse().forEach((nesting, level) => {
    inner = nest(nesting, inner, ts, level);
  });
  lines.push(wrap(shape.wrapper, inner, shape.dialect));
  return `${lines.join('\n')}\n`;
}

function writeThrough(target: string, write: Write, value: string): string {
  switch (write) {
    case 'member':
      return `${target}.last = ${value};`;
    case 'computed':
      return `${target}[req.params.id] = ${value};`;
    case 'push':
      return `${target}.push(${value});`;
    case 'set':
      return `${target}.set(req.params.id, ${value});`;
    case 'add':
      return `${target}.add(${value});`;
    case 'delete':
      return `delete ${target}[req.params.id];`;
    case 'increment':
      return `${target}.count++;`;
    case 'assign':
      return `${target} = ${value};`;
    case 'objectAssign':
      return `Object.assign(${target}, { last: ${value} });`;
    case 'destructuringAssign':
      return `({ last: ${target}.last } = { last: ${value} });`;
    case 'reassign':
      return `state = ${value};`;
  }
}

function nest(nesting: Nesting, inner: string, ts: boolean, level: number): string {
  const any = ts ? ': any' : '';
  switch (nesting) {
    case 'block':
      return `{\n${inner}\n}`;
    case 'if':
      return `if (req.query.flag) {\n${inner}\n}`;
    case 'else':
      return `if (!req.query.flag) {} else {\n${inner}\n}`;
    case 'arrow':
      return `const run = (n${any}) => {\n${inner}\n};\nrun(1);`;
    case 'asyncArrow':
      return `void (async () => {\n${inner}\n})();`;
    case 'function':
      return `function step(n${any}) {\n${inner}\n}\nstep(1);`;
    case 'for':
      return `for (let i = 0; i < 2; i++) {\n${inner}\n}`;
    case 'forOf':
      return `for (const item of req.body.items) {\n${inner}\n}`;
    case 'try':
      return `try {\n${inner}\n} catch (error) {\nnext(error);\n}`;
    case 'callback':
      return `req.body.items.forEach((item${any}) => {\n${inner}\n});`;
    case 'iife':
      return `(function () {\n${inner}\n})();`;
    case 'switch':
      return `switch (req.method) {\ncase 'POST': {\n${inner}\nbreak;\n}\ndefault:\n}`;
    case 'label':
      // A label per level: a label may not repeat inside its own statement.
      return `outer${String(level)}: while (true) {\n${inner}\nbreak outer${String(level)};\n}`;
    case 'class':
      return `new (class {\nrun() {\n${inner}\n}\n})().run();`;
  }
}

function wrap(wrapper: Wrapper, inner: string, dialect: PropertyDialect): string {
  const params = dialect === 'ts' ? 'req: any, res: any, next: any' : 'req, res, next';
  switch (wrapper) {
    case 'route':
      return `app.post('/items/:id', (${params}) => {\n${inner}\n});`;
    case 'routeFunction':
      return `app.post('/items/:id', async function (${params}) {\n${inner}\n});`;
    case 'namedRoute':
      return `function handle(${params}) {\n${inner}\n}\napp.post('/items/:id', handle);`;
    case 'export':
      return dialect === 'cjs' ? `module.exports.update = function (${params}) {\n${inner}\n};` : `export function update(${params}) {\n${inner}\n}`;
    case 'plugin':
      return `app.use((() => {\nconst router = express.Router();\nrouter.put('/items/:id', (${params}) => {\n${inner}\n});\nreturn router;\n})());`;
    case 'listen':
      return `app.listen(3000, () => {\nconst req${dialect === 'ts' ? ': any' : ''} = { body: {}, params: {}, query: {}, method: 'GET' };\nconst res = { json() {} };\nconst next = () => {};\n${inner}\n});`;
    case 'interval':
      return `setInterval((${params}) => {\n${inner}\n}, 1000);`;
    case 'classMethod':
      return `class Items {\nupdate(${params}) {\n${inner}\n}\n}\nconst items = new Items();\napp.post('/items/:id', (${params}) => items.update(req, res, next));`;
    case 'topLevel':
      return `{\nconst req${dialect === 'ts' ? ': any' : ''} = { body: {}, params: {}, query: {}, method: 'GET' };\nconst res = { json() {} };\nconst next = () => {};\n${inner}\n}`;
  }
}
