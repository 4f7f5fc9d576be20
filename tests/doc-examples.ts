import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../src/index.js';

export type Verdict = 'incorrect' | 'correct';

export interface DocExample {
  verdict: Verdict;
  /** The fence's language: `js`, `ts`, `tsx`, ... */
  language: string;
  /** From `filename="..."` in the fence's info string; rules read file paths for framework conventions. */
  filename: string | undefined;
  code: string;
  /** 1-based line of the opening fence in the page. */
  line: number;
}

const GENERATED_HEADER_END = '<!-- end auto-generated rule header -->';
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/;

/**
 * Fenced blocks that follow a line with ❌ (must report) or ✅ (must not). The verdict holds for
 * every block until the next marker line or heading; blocks under a heading without a marker
 * (an options snippet, a config) are not examples. The generated header is skipped: its config
 * notice carries the ✅ of `recommended`.
 */
export function extractExamples(markdown: string): DocExample[] {
  const lines = markdown.split(/\r?\n/);
  const headerEnd = lines.findIndex((text) => text.trim() === GENERATED_HEADER_END);
  const examples: DocExample[] = [];
  let verdict: Verdict | undefined;

  for (let index = headerEnd + 1; index < lines.length; index++) {
    const text = lines[index] ?? '';
    const fence = FENCE.exec(text);
    if (!fence) {
      const incorrect = text.includes('❌');
      const correct = text.includes('✅');
      if (incorrect !== correct) verdict = incorrect ? 'incorrect' : 'correct';
      else if (incorrect && correct) throw new Error(`Line ${index + 1} carries both ❌ and ✅.`);
      else if (/^ {0,3}#/.test(text)) verdict = undefined;
      continue;
    }

    const [, marker = '```', info = ''] = fence;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length; index++) {
      const closing = lines[index] ?? '';
      if (closing.trim().startsWith(marker) && closing.trim().replaceAll(marker[0] ?? '`', '') === '') break;
      body.push(closing);
    }
    if (index >= lines.length) throw new Error(`The fence opened on line ${start + 1} is never closed.`);
    if (verdict === undefined) continue;

    const [language = ''] = info.trim().split(/\s+/);
    examples.push({
      verdict,
      language,
      filename: /\bfilename="([^"]+)"/.exec(info)?.[1],
      code: `${body.join('\n')}\n`,
      line: start + 1,
    });
  }
  return examples;
}

interface LanguageSetup {
  extension: string;
  typescript: boolean;
  jsx: boolean;
  sourceType: 'module' | 'commonjs';
}

const LANGUAGES: Record<string, LanguageSetup | undefined> = {
  js: { extension: '.js', typescript: false, jsx: false, sourceType: 'module' },
  javascript: { extension: '.js', typescript: false, jsx: false, sourceType: 'module' },
  mjs: { extension: '.mjs', typescript: false, jsx: false, sourceType: 'module' },
  cjs: { extension: '.cjs', typescript: false, jsx: false, sourceType: 'commonjs' },
  jsx: { extension: '.jsx', typescript: false, jsx: true, sourceType: 'module' },
  ts: { extension: '.ts', typescript: true, jsx: false, sourceType: 'module' },
  typescript: { extension: '.ts', typescript: true, jsx: false, sourceType: 'module' },
  mts: { extension: '.mts', typescript: true, jsx: false, sourceType: 'module' },
  cts: { extension: '.cts', typescript: true, jsx: false, sourceType: 'commonjs' },
  tsx: { extension: '.tsx', typescript: true, jsx: true, sourceType: 'module' },
};

export function isLintable(language: string): boolean {
  return LANGUAGES[language] !== undefined;
}

/**
 * The virtual path and the language options an example is linted with: espree for JavaScript (so a
 * JavaScript example must be valid JavaScript), the TypeScript parser for TypeScript.
 */
export function exampleSetup(example: DocExample, root: string): { filename: string; languageOptions: Linter.LanguageOptions } {
  const setup = LANGUAGES[example.language];
  if (!setup) throw new Error(`Cannot lint a \`${example.language || '(no language)'}\` block.`);
  const filename = path.join(root, example.filename ?? `example${setup.extension}`);
  const jsx = setup.jsx || /\.[jt]sx$/.test(filename);
  return {
    filename,
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: setup.sourceType,
      ...(setup.typescript ? { parser: tsParser } : {}),
      parserOptions: { ecmaFeatures: { jsx } },
    },
  };
}

/** The code with each finding underlined, its message beside the squiggle (typescript-eslint's docs snapshots). */
export function renderFindings(code: string, messages: Linter.LintMessage[]): string {
  const out: string[] = [];
  const lines = code.replace(/\n$/, '').split('\n');
  lines.forEach((text, index) => {
    out.push(text);
    for (const message of messages.filter((candidate) => candidate.line === index + 1)) {
      const start = Math.max(0, message.column - 1);
      const end = message.endLine === message.line && message.endColumn !== undefined ? message.endColumn - 1 : text.length;
      out.push(`${' '.repeat(start)}${'~'.repeat(Math.max(1, end - start))} ${message.message}`);
    }
  });
  return out.join('\n');
}

const linters = new Map<string, Linter>();

/**
 * The findings of one rule on a rule page's example, with the rule's default options and nothing
 * else enabled: what the docs test asserts (❌ reported, ✅ clean) and keeps in its snapshots, and
 * what the browser test expects the playground to show for the rule.
 */
export function lintExample(rule: string, example: DocExample, root: string): Linter.LintMessage[] {
  let linter = linters.get(root);
  if (!linter) {
    linter = new Linter({ cwd: root });
    linters.set(root, linter);
  }
  const { filename, languageOptions } = exampleSetup(example, root);
  return linter.verify(
    example.code,
    [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        plugins: { stateless: plugin },
        languageOptions,
        rules: { [`stateless/${rule}`]: 'error' },
      },
    ],
    filename,
  );
}
