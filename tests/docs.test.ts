import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules as ruleModules } from '../rules/index.js';
import plugin from '../src/index.js';
import { type DocExample, extractExamples, lintExample, renderFindings } from './doc-examples.js';

const root = path.resolve(import.meta.dirname, '..');
const docsDir = path.join(root, 'docs', 'rules');
const ruleNames = Object.keys(plugin.rules).sort();
const readme = existsSync(path.join(root, 'README.md')) ? readFileSync(path.join(root, 'README.md'), 'utf8') : '';
const REQUIRED_SECTIONS = ['## Examples', '## When Not To Use It', '## Further Reading'];

interface SourcedExample extends DocExample {
  /** The page the example is on, relative to the repository. */
  source: string;
}

/** The docs pages beside the rule pages (docs/stores.md, docs/frameworks.md, …), by repository path. */
const sharedPages = new Map(
  readdirSync(path.join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => [`docs/${file}`, readFileSync(path.join(root, 'docs', file), 'utf8')] as const),
);

const EXAMPLES_MARKER = /<!-- examples: ([\w-]+) -->/gu;

/**
 * The examples the shared pages hold for a rule: each section after `<!-- examples: <rule> -->`, up
 * to the next such marker. A rule page shows a few libraries and frameworks; the others live there.
 */
function sharedExamples(rule: string): SourcedExample[] {
  const examples: SourcedExample[] = [];
  for (const [source, page] of sharedPages) {
    const markers = [...page.matchAll(EXAMPLES_MARKER)];
    markers.forEach((match, index) => {
      if (match[1] !== rule) return;
      const start = match.index;
      const section = page.slice(start, markers[index + 1]?.index);
      const offset = page.slice(0, start).split('\n').length - 1;
      examples.push(...extractExamples(section).map((example) => ({ ...example, line: example.line + offset, source })));
    });
  }
  return examples;
}

function lint(rule: string, example: DocExample): ReturnType<typeof lintExample> {
  return lintExample(rule, example, root);
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

describe('the shared docs pages', () => {
  it('give their example sections to rules that exist, each with examples', () => {
    const sections = [...sharedPages.values()].flatMap((page) => [...page.matchAll(EXAMPLES_MARKER)].map((match) => match[1] ?? ''));
    expect(sections.length).toBeGreaterThan(0);
    for (const rule of sections) {
      expect(ruleNames).toContain(rule);
      expect(sharedExamples(rule).length, rule).toBeGreaterThan(0);
    }
  });
});

describe.each(ruleNames)('%s', (rule) => {
  const page = path.join(docsDir, `${rule}.md`);
  const markdown = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const pageExamples: SourcedExample[] = markdown === '' ? [] : extractExamples(markdown).map((example) => ({ ...example, source: `docs/rules/${rule}.md` }));
  const examples = [...pageExamples, ...sharedExamples(rule)];

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
