import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { DeepMemo } from '../src/analysis/file/memo.js';
import { createRule } from '../src/util/create-rule.js';

// Inputs whose size once set the depth of the analysis' recursion: each must be linted to the end,
// with the findings a short version of it gets, and never throw out of a rule (which stops ESLint
// for every file of the run).
const linter = new Linter({ configType: 'flat' });
const recommended = plugin.configs.recommended as Linter.Config;
const all = plugin.configs.all as Linter.Config;

function findings(code: string, config: Linter.Config = recommended, filename = 'src/server.ts'): string[] {
  return linter.verify(code, [config], { filename }).map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.messageId ?? message.message}`);
}

function lines(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => line(index)).join('\n');
}

const APP = "import express from 'express';\nconst app = express();\n";

describe('alias chains and cycles in the write collector', () => {
  it('a variable that aliases itself (`var a = a`)', () => {
    expect(findings('let s = {}; function f() { var a = s; var a = a; }', recommended, 'src/a.js')).toEqual([]);
    expect(findings(`${APP}let s = {};\napp.post('/', (req, res) => { var a = s; var a = a; a.last = req.body; res.end(); });`, all)).toEqual([
      '4:53 stateless/no-request-leak leak',
    ]);
  });

  it('2,000 `var` aliases of a module binding, each of the one before', () => {
    const code = `${APP}let s = {};\napp.post('/', (req, res) => {\nvar a0 = s;\n${lines(2000, (index) => `var a${index + 1} = a${index};`)}\na2000.x = 1;\nres.end();\n});`;
    expect(findings(code, all)).toEqual([]);
  });

  it('aliases are followed three hops', () => {
    const code = `${APP}let s = {};\napp.post('/', (req, res) => {\n  const a = s;\n  const b = a;\n  const c = b;\n  c.last = req.body;\n  res.end();\n});`;
    expect(findings(code, all)).toEqual(['8:3 stateless/no-request-leak leak']);
  });
});

describe('chains as long as the file', () => {
  it('request data through 3,000 local variables', () => {
    const code = `${APP}let last;\napp.post('/', (req, res) => {\nconst a0 = req.body;\n${lines(3000, (index) => `const a${index + 1} = a${index};`)}\nlast = a3000;\nres.end();\n});`;
    expect(findings(code)).toEqual(['3006:1 stateless/no-request-leak leak']);
  });

  it('a handler that reaches the write through 2,000 helpers, declared in either order', () => {
    const helpers = lines(2000, (index) => `function f${index + 1}(x) { ${index === 0 ? 'last = x;' : `f${index}(x);`} }`);
    const route = "app.post('/', (req, res) => { f2000(req.body); res.end(); });";
    expect(findings(`${APP}let last;\n${helpers}\n${route}`)).toEqual(['4:18 stateless/no-request-leak leak']);
    expect(findings(`${APP}let last;\n${route}\n${helpers}`)).toEqual(['5:18 stateless/no-request-leak leak']);
  });

  it('a controller whose route reaches the write through 1,500 methods', () => {
    const methods = lines(1500, (index) => `  m${index}(x: unknown) { ${index === 1499 ? 'this.last = x;' : `this.m${index + 1}(x);`} }`);
    const code = `import { Controller, Post, Body } from '@nestjs/common';\n@Controller('items')\nexport class Items {\n  private last: unknown;\n  @Post() create(@Body() body: unknown) { this.m0(body); }\n${methods}\n}`;
    expect(findings(code)).toEqual(['1505:23 stateless/no-request-leak instanceLeak']);
  });
});

/** A memo whose questions ask it further questions through `ask`. */
function memoOf<Value>(compute: (key: number, ask: (key: number) => Value) => Value, cycle: Value, maxDepth?: number): DeepMemo<number, Value> {
  const holder: { memo?: DeepMemo<number, Value> } = {};
  const ask = (key: number): Value => {
    if (!holder.memo) throw new Error('asked before it was made');
    return holder.memo.get(key);
  };
  holder.memo = new DeepMemo<number, Value>((key) => compute(key, ask), cycle, maxDepth);
  return holder.memo;
}

describe('DeepMemo', () => {
  it('answers a chain far longer than its depth, redoing at most the questions it unwound', () => {
    let computed = 0;
    const memo = memoOf<number>(
      (key, ask) => {
        computed += 1;
        return key === 0 ? 0 : ask(key - 1) + 1;
      },
      -1,
      10,
    );
    expect(memo.get(50_000)).toBe(50_000);
    // Each question is unwound at most once, when the one below it was deferred.
    expect(computed).toBeLessThanOrEqual(2 * 50_001);
  });

  it('ends a cycle longer than its depth with the cycle value, as a short cycle does', () => {
    const next = (key: number): number => (key + 1) % 1000;
    const short = memoOf<boolean>((key, ask) => (key === 999 ? false : ask(next(key))), true);
    const long = memoOf<boolean>((key, ask) => (key === 999 ? false : ask(next(key))), true, 7);
    expect(short.get(0)).toBe(false);
    expect(long.get(0)).toBe(false);
    const cycle = memoOf<number>((key, ask) => Math.max(key, ask(next(key))), -1, 7);
    expect(cycle.get(0)).toBe(999);
  });

  it('lets other errors through and leaves nothing half-done', () => {
    let fail = true;
    const memo = memoOf<number>(
      (key, ask) => {
        if (key === 0 && fail) throw new TypeError('a defect');
        return key === 0 ? 0 : ask(key - 1) + 1;
      },
      -1,
      5,
    );
    expect(() => memo.get(100)).toThrow('a defect');
    fail = false;
    expect(memo.get(100)).toBe(100);
  });
});

describe('a file the analysis cannot finish', () => {
  const deep = (depth: number): number => (depth === 0 ? 0 : 1 + deep(depth - 1));
  const overflowing = createRule<[], 'never'>({
    name: 'overflowing',
    meta: { type: 'problem', docs: { description: 'Runs out of stack on every file' }, messages: { never: 'Never reported.' }, schema: [], defaultOptions: [] },
    create: () => ({ 'Program:exit': () => void deep(1e7) }),
  });
  const broken = createRule<[], 'never'>({
    name: 'broken',
    meta: { type: 'problem', docs: { description: 'Throws a defect' }, messages: { never: 'Never reported.' }, schema: [], defaultOptions: [] },
    create: () => ({
      'Program:exit': () => {
        throw new TypeError('a defect');
      },
    }),
  });
  const test = { rules: { overflowing, again: overflowing, broken } } as unknown as NonNullable<Linter.Config['plugins']>[string];

  it('is skipped with one problem on line 1, from the first rule that ran out of stack', () => {
    const messages = linter.verify('let n = 0;\n', [{ plugins: { test }, rules: { 'test/overflowing': 'error', 'test/again': 'error' } }], { filename: 'a.js' });
    expect(messages.map((message) => [message.ruleId, message.messageId, message.line, message.column, message.message])).toEqual([
      ['test/overflowing', 'analysisSkipped', 1, 1, 'The analysis skipped this file: its code nests too deeply to follow, so none of it was checked.'],
    ]);
  });

  it('any other error is a defect and still stops the run', () => {
    expect(() => linter.verify('let n = 0;\n', [{ plugins: { test }, rules: { 'test/broken': 'error' } }], { filename: 'a.js' })).toThrow('a defect');
  });
});
