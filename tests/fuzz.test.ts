import type { Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin, { type StatelessPlugin } from '../src/index.js';
import { parseForESLint } from '../src/parser.js';
import { FuzzChecker, runFuzz } from '../tools/fuzz.js';
import { strictParseErrors } from '../tools/strict-parse.js';

// The fuzzer is the net under every rule: these tests check that it generates the shapes the
// suggestions edit, that its re-parse refuses what Node refuses, and that fast-check shrinks a
// failing program to its core.

describe('strict parse of a file type', () => {
  it('refuses `await` in a function that is not async, which the TypeScript parser of the linter accepts', () => {
    const code = "app.post('/', (req, res) => {\n  let last = await Promise.resolve(null);\n  last = req.body;\n});\n";
    expect(strictParseErrors(code, 'routes/last.mjs', 'module')).toEqual(["Cannot use keyword 'await' outside an async function"]);
    expect(strictParseErrors(code, 'routes/last.mts', 'module')).toEqual(["TS1308: 'await' expressions are only allowed within async functions and at the top levels of modules."]);
    expect(strictParseErrors(code.replace('(req, res) =>', 'async (req, res) =>'), 'routes/last.mjs', 'module')).toEqual([]);
  });

  it('reads files as `node --check` does: .mjs a module, .cjs CommonJS, .js by the package type', () => {
    const topLevelAwait = 'const user = await load();\n';
    const topLevelReturn = 'if (!process.env.PORT) return;\n';
    expect(strictParseErrors(topLevelAwait, 'a.mjs', 'commonjs')).toEqual([]);
    expect(strictParseErrors(topLevelAwait, 'a.js', 'module')).toEqual([]);
    expect(strictParseErrors(topLevelAwait, 'a.js', 'commonjs')).toHaveLength(1);
    expect(strictParseErrors(topLevelAwait, 'a.cjs', 'module')).toHaveLength(1);
    expect(strictParseErrors(topLevelReturn, 'a.cjs', 'module')).toEqual([]);
    expect(strictParseErrors(topLevelReturn, 'a.mjs', 'module')).toHaveLength(1);
    expect(strictParseErrors(topLevelAwait, 'a.mts', 'commonjs')).toEqual([]);
    expect(strictParseErrors(topLevelAwait, 'a.cts', 'module')).toEqual(["TS1309: The current file is a CommonJS module and cannot use 'await' at the top level."]);
  });

  it('refuses a declaration that repeats a block-scoped name, in both languages', () => {
    const code = 'function handle() {\n  let last;\n  let last = 1;\n}\n';
    expect(strictParseErrors(code, 'a.js', 'module')).toEqual(["Identifier 'last' has already been declared"]);
    expect(strictParseErrors(code, 'a.ts', 'module')).toEqual(["TS2451: Cannot redeclare block-scoped variable 'last'.", "TS2451: Cannot redeclare block-scoped variable 'last'."]);
  });

  it('takes NestJS parameter decorators and JSX', () => {
    expect(strictParseErrors("@Controller('x')\nexport class Items {\n  @Get(':id') one(@Param('id') id: string) { return id; }\n}\n", 'a.ts', 'module')).toEqual([]);
    expect(strictParseErrors('export function View(props: { id: string }) { return <main>{props.id}</main>; }\n', 'a.tsx', 'module')).toEqual([]);
  });
});

/** A plugin of one rule whose one suggestion replaces the program with `replacement`, under both config names. */
function suggestingPlugin(replacement: string): StatelessPlugin {
  const rule: Rule.RuleModule = {
    meta: { type: 'suggestion', hasSuggestions: true, messages: { replace: 'Replace the program.' }, schema: [] },
    create: (context) => ({
      Program(program) {
        context.report({ node: program, messageId: 'replace', suggest: [{ messageId: 'replace', fix: (fixer) => fixer.replaceText(program, replacement) }] });
      },
    }),
  };
  // The plugin's parser, as the shipped configs have it: TypeScript files are read as TypeScript.
  const config = { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { parser: { parseForESLint } }, plugins: { test: { rules: { replace: rule } } }, rules: { 'test/replace': 'error' } };
  return { configs: { recommended: config, all: config } } as unknown as StatelessPlugin;
}

describe('the fuzz check', () => {
  const where = { index: 0, seed: 1 };
  const program = "let last = await Promise.resolve(null);\napp.post('/', (req, res) => {\n  last = req.body;\n});\n";
  // What the move suggestion of no-request-leak made of this program before it checked the initialiser.
  const moved = "app.post('/', (req, res) => {\n  let last = await Promise.resolve(null);\n  last = req.body;\n});\n";

  it('fails a suggestion that moves `await` into a handler that is not async', () => {
    const failures = (filename: string): string[][] => new FuzzChecker(suggestingPlugin(moved)).check(program, filename, {}, where).map((failure) => [failure.kind, failure.rule ?? '', failure.message]);
    const what = 'suggestion "Replace the program." of "Replace the program."';
    // Once for `recommended`, once for `all`. In JavaScript the linter's parser (espree) refuses it.
    expect(failures('routes/last.mjs')).toEqual(Array.from({ length: 2 }, () => ['suggestion-breaks-parse', 'test/replace', `${what}: Parsing error: Cannot use keyword 'await' outside an async function`]));
    // The TypeScript parser of the linter accepts it; the strict parse of the file type does not.
    expect(failures('routes/last.mts')).toEqual(Array.from({ length: 2 }, () => ['suggestion-breaks-parse', 'test/replace', `${what}: TS1308: 'await' expressions are only allowed within async functions and at the top levels of modules.`]));
  });

  it('does not blame a suggestion for what the program had before', () => {
    const broken = 'function handle() {\n  let last;\n  let last = 1;\n}\n';
    expect(new FuzzChecker(suggestingPlugin(`${broken}// moved\n`)).check(broken, 'a.ts', {}, where)).toEqual([]);
  });

  it('fails a rule that keeps state from one lint to the next, for each config', () => {
    // Reports a program the first time it sees its text only: the second lint, of a fresh parse, differs.
    const seen = new Set<string>();
    const rule: Rule.RuleModule = {
      meta: { type: 'problem', messages: { first: 'First time.' }, schema: [] },
      create: (context) => ({
        Program(node) {
          if (seen.has(context.sourceCode.text)) return;
          seen.add(context.sourceCode.text);
          context.report({ node, messageId: 'first' });
        },
      }),
    };
    const config = (name: string): object => ({ files: ['**/*.js'], plugins: { test: { rules: { [name]: rule } } }, rules: { [`test/${name}`]: 'error' } });
    const stateful = { configs: { recommended: config('a'), all: config('b') } } as unknown as StatelessPlugin;
    const failures = new FuzzChecker(stateful).check('let x = 1;\n', 'a.js', {}, where);
    // Only the first lint with `recommended` reports: its second lint differs; `all`'s two lints agree (both silent).
    expect(failures.map((failure) => [failure.kind, failure.message])).toEqual([['unstable', 'linting the program again gave other messages']]);
  });

  it('passes the plugin on that program, whose suggestion is no longer offered', () => {
    const checker = new FuzzChecker(plugin);
    for (const filename of ['routes/last.mjs', 'routes/last.mts', 'routes/last.js']) {
      expect(checker.check(`import express from 'express';\nconst app = express();\n${program}`, filename, {}, where)).toEqual([]);
    }
    expect(checker.report.findings).toBe(6);
    expect(checker.report.suggestionsApplied).toBe(0);
  });
});

describe('the generators', () => {
  it('write the shapes both suggestions edit, and the plugin passes them', () => {
    const report = runFuzz({ plugin, count: 25, seed: 11, source: 'service' });
    expect(report.failures).toEqual([]);
    expect(report.linted).toBe(25);
    expect(report.suggestionsByMessage.moveIntoHandler).toBeGreaterThanOrEqual(10);
    expect(report.suggestionsByMessage.websocketOnly).toBeGreaterThanOrEqual(5);
  });

  it('fast-check programs of aliases and nesting pass', () => {
    const report = runFuzz({ plugin, count: 30, seed: 5, source: 'property' });
    expect(report.failures).toEqual([]);
    expect(report.programs).toBe(30);
    expect(report.findings).toBeGreaterThan(5);
  });

  it('fast-check shrinks a failing program to its core', () => {
    // A rule that throws on an alias of an alias, wherever it sits: the smallest program has one hop and no nesting.
    const rule: Rule.RuleModule = {
      meta: { type: 'problem', messages: { never: 'Never.' }, schema: [] },
      create: () => ({
        VariableDeclarator(node) {
          if (node.init?.type === 'Identifier' && /^a\d+$/u.test(node.init.name)) throw new Error('an alias of an alias');
        },
      }),
    };
    const config = { files: ['**/*.{js,cjs,ts}'], plugins: { test: { rules: { throws: rule } } }, rules: { 'test/throws': 'error' } };
    const report = runFuzz({ plugin: { configs: { recommended: config, all: config } } as unknown as StatelessPlugin, count: 200, seed: 3, source: 'property' });
    expect(report.failures.length).toBeGreaterThan(0);
    const [failure] = report.failures;
    expect(failure?.kind).toBe('exception');
    expect(failure?.message).toContain('an alias of an alias');
    expect(failure?.message).toContain('shrunk by fast-check');
    // Shrunk: the binding, two aliases, the write, the handler around them.
    const body = failure?.code.split('\n').filter((line) => /^(?:const|let|var) a\d/u.test(line));
    expect(body).toEqual(['var a0 = state;', 'var a0 = a0;']);
  });
});
