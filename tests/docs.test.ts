import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules as ruleModules } from '../rules/index.js';
import plugin from '../src/index.js';
import { type DocExample, exampleSetup, extractExamples, renderFindings } from './doc-examples.js';

const root = path.resolve(import.meta.dirname, '..');
const docsDir = path.join(root, 'docs', 'rules');
const ruleNames = Object.keys(plugin.rules).sort();
const readme = existsSync(path.join(root, 'README.md')) ? readFileSync(path.join(root, 'README.md'), 'utf8') : '';
const REQUIRED_SECTIONS = ['## Examples', '## When Not To Use It', '## Further Reading'];
const storesPage = readFileSync(path.join(root, 'docs', 'stores.md'), 'utf8');

interface SourcedExample extends DocExample {
  /** The page the example is on, relative to the repository. */
  source: string;
}

/**
 * The examples docs/stores.md holds for a rule: the section after `<!-- examples: <rule> -->`, up to
 * the next such marker. A rule page keeps a few libraries; the others' examples live there.
 */
function storeExamples(rule: string): SourcedExample[] {
  const marker = `<!-- examples: ${rule} -->`;
  const start = storesPage.indexOf(marker);
  if (start < 0) return [];
  const next = storesPage.indexOf('<!-- examples: ', start + marker.length);
  const section = storesPage.slice(start, next < 0 ? undefined : next);
  const offset = storesPage.slice(0, start).split('\n').length - 1;
  return extractExamples(section).map((example) => ({ ...example, line: example.line + offset, source: 'docs/stores.md' }));
}

const linter = new Linter({ cwd: root });

function lint(rule: string, example: DocExample): Linter.LintMessage[] {
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

function where(example: SourcedExample): string {
  return `${example.source}:${example.line}`;
}

describe('docs/rules', () => {
  it('has a page for every rule and a rule for every page', () => {
    const pages = readdirSync(docsDir)
      .filter((file) => file.endsWith('.md'))
      .map((file) => path.basename(file, '.md'))
      .sort();
    expect(pages).toEqual(ruleNames);
  });
});

describe('docs/stores.md', () => {
  it('gives its example sections to rules that exist, each with examples', () => {
    const sections = [...storesPage.matchAll(/<!-- examples: ([\w-]+) -->/gu)].map((match) => match[1] ?? '');
    expect(sections.length).toBeGreaterThan(0);
    for (const rule of sections) {
      expect(ruleNames).toContain(rule);
      expect(storeExamples(rule).length, rule).toBeGreaterThan(0);
    }
  });
});

describe.each(ruleNames)('%s', (rule) => {
  const page = path.join(docsDir, `${rule}.md`);
  const markdown = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const pageExamples: SourcedExample[] = markdown === '' ? [] : extractExamples(markdown).map((example) => ({ ...example, source: `docs/rules/${rule}.md` }));
  const examples = [...pageExamples, ...storeExamples(rule)];

  it('has a docs page with the required sections', () => {
    expect(existsSync(page), `docs/rules/${rule}.md is missing`).toBe(true);
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    for (const section of REQUIRED_SECTIONS) {
      expect(headings, `docs/rules/${rule}.md lacks \`${section}\``).toContain(section);
    }
  });

  it('has a test file', () => {
    expect(existsSync(path.join(root, 'rules', `${rule}.test.ts`)), `rules/${rule}.test.ts is missing`).toBe(true);
  });

  it('is listed in README.md', () => {
    expect(readme).toContain(`[${rule}](docs/rules/${rule}.md)`);
  });

  it('is marked 💭 in README.md and on its page exactly when it reports more with type information', () => {
    const typed = ruleModules[rule as keyof typeof ruleModules].meta.docs?.reportsMoreWithTypes ?? false;
    const readmeLine = readme.split('\n').find((text) => text.startsWith('💭')) ?? '';
    expect(readmeLine.includes(`[${rule}](docs/rules/${rule}.md)`)).toBe(typed);
    expect(markdown.includes('💭 This rule reports more with [type information](../typed-linting.md)')).toBe(typed);
  });

  it('shows at least one ❌ and one ✅ example', () => {
    expect(pageExamples.filter((example) => example.verdict === 'incorrect').length).toBeGreaterThan(0);
    expect(pageExamples.filter((example) => example.verdict === 'correct').length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    const label = `${example.verdict === 'incorrect' ? '❌' : '✅'} ${example.language} block at ${where(example)}`;
    it(label, () => {
      const messages = lint(rule, example);
      const fatal = messages.filter((message) => message.fatal === true || message.ruleId === null);
      expect(fatal.map((message) => `${message.line}:${message.column} ${message.message}`), where(example)).toEqual([]);
      const own = messages.filter((message) => message.ruleId === `stateless/${rule}`);
      if (example.verdict === 'incorrect') {
        expect(own.length, `${where(example)}: a ❌ example must be reported by ${rule}`).toBeGreaterThan(0);
      } else {
        expect(renderFindings(example.code, messages), `${where(example)}: a ✅ example must not be reported`).toBe(
          example.code.replace(/\n$/, ''),
        );
      }
    });
  }

  const incorrect = examples.filter((example) => example.verdict === 'incorrect');

  // Without examples there is nothing to keep; the test above already fails.
  it.runIf(incorrect.length > 0)('keeps the rendered ❌ examples in a snapshot', async () => {
    const rendered = incorrect.map((example, index) => {
      const fence = `${example.language}${example.filename === undefined ? '' : ` filename="${example.filename}"`}`;
      return [
        `Incorrect example ${index + 1}`,
        '',
        `\`\`\`${fence}`,
        renderFindings(example.code, lint(rule, example)),
        '```',
      ].join('\n');
    });
    await expect(`${rendered.join('\n\n')}\n`).toMatchFileSnapshot(`./__snapshots__/docs/${rule}.md.shot`);
  });
});
