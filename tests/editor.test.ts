import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { createESLint } from '../tools/fixtures.js';

// An editor lints on every keystroke, so the code is often half-written, empty or of an unusual kind.
// Whatever it is, `all` must answer with messages (a fatal one for a parse error), never an exception.
const root = path.resolve(import.meta.dirname, '..');
const eslint = createESLint(plugin, root, 'all');

async function lint(code: string, file?: string): Promise<ESLint.LintResult> {
  const results = await eslint.lintText(code, file === undefined ? {} : { filePath: path.join(root, file) });
  expect(results).toHaveLength(1);
  const [result] = results;
  if (!result) throw new Error('lintText returned no result');
  return result;
}

function fatal(result: ESLint.LintResult): Linter.LintMessage[] {
  return result.messages.filter((message) => message.fatal === true);
}

function where(result: ESLint.LintResult): string[] {
  return result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'fatal'}`);
}

describe('lintText with configs.all, as an editor calls it', () => {
  it('reports half-typed code as one fatal parse error', async () => {
    const result = await lint("app.get('/x', (req, res) => { count", 'src/server.js');
    expect(fatal(result)).toHaveLength(1);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 1 });
    expect(result.messages[0]?.message).toMatch(/^Parsing error: /u);
  });

  it('reports half-typed TypeScript, mid-decorator, as a fatal parse error', async () => {
    const code = `import { Controller, Get } from '@nestjs/common';
@Controller('orders')
export class OrdersController {
  private count = 0;
  @Get(':id')
  find(@Param('id') id: string) {
    this.count++;
    return { id, count: this.
`;
    const result = await lint(code, 'src/orders.controller.ts');
    expect(fatal(result)).toHaveLength(1);
    expect(result.messages.every((message) => message.fatal === true)).toBe(true);
  });

  it('has nothing to say about an empty file', async () => {
    expect((await lint('', 'src/empty.ts')).messages).toEqual([]);
    expect((await lint('\n\n', 'src/empty.js')).messages).toEqual([]);
    expect((await lint('// nothing here yet\n', 'src/todo.mjs')).messages).toEqual([]);
  });

  it('lints text with no file name', async () => {
    const result = await lint('let hits = 0;\nexport function handler(req, res) {\n  hits++;\n}\n');
    expect(fatal(result)).toEqual([]);
    expect(result.messages.every((message) => message.ruleId?.startsWith('stateless/'))).toBe(true);
  });

  it('finds no state in a declaration file, which has no code that runs', async () => {
    const code = `declare let state: Map<string, string>;
declare module 'cache' {
  export let hits: number;
  export function bump(): void;
}
export declare function handler(req: Request): Promise<Response>;
export declare class Store {
  static instances: number;
  items: string[];
}
`;
    expect((await lint(code, 'src/types.d.ts')).messages).toEqual([]);
  });

  it('parses JSX in a .jsx file', async () => {
    const code = `let renders = 0;
export function View({ user }) {
  renders++;
  return <p>{user.name} {renders}</p>;
}
`;
    const result = await lint(code, 'src/view.jsx');
    expect(fatal(result)).toEqual([]);
    expect(result.messages.every((message) => message.ruleId?.startsWith('stateless/'))).toBe(true);
  });

  it('reports the counter of a route handler in a .tsx file', async () => {
    const code = `let hits = 0;
export async function GET(request: Request): Promise<Response> {
  hits++;
  return new Response(String(<p>{hits}</p>));
}
`;
    const result = await lint(code, 'app/api/items/route.tsx');
    expect(where(result)).toEqual(['3:3 stateless/no-module-state']);
  });

  it('reports the counter of an Express handler in a CommonJS file', async () => {
    const code = `const express = require('express');
const app = express();
let hits = 0;
app.get('/', (req, res) => {
  hits++;
  res.send(String(hits));
});
module.exports = app;
`;
    const result = await lint(code, 'src/server.cjs');
    expect(where(result)).toEqual(['5:3 stateless/no-module-state']);
  });

  it('leaves a script with no imports and no handlers alone', async () => {
    const code = `let total = 0;
for (const n of [1, 2, 3]) total += n;
console.log(total);
`;
    expect((await lint(code, 'scripts/report.js')).messages).toEqual([]);
  });

  it('reads a file with a byte order mark and CRLF line endings', async () => {
    const code = '\uFEFFlet hits = 0;\r\nexport function handler(req, res) {\r\n  hits++;\r\n}\r\n';
    expect(where(await lint(code, 'src/handler.ts'))).toEqual(['3:3 stateless/no-module-state']);
  });
});
