/// <reference lib="dom" />
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Linter } from 'eslint';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_MESSAGES } from '../../src/util/state-rule.js';
import { playgroundConfig, playgroundPath } from '../../site/playground/lint.js';
import { formatHash, parseHash, type PlaygroundState } from '../../site/playground/state.js';
import { extractExamples, lintExample } from '../doc-examples.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, type RunningChromium } from './chromium.js';
import { serveStatic, type StaticServer } from './static-server.js';

const root = path.resolve(import.meta.dirname, '../..');
const siteDir = path.join(root, 'site', 'dist');
const outputDir = path.join(root, 'site', 'e2e-output');
const rulesDir = path.join(root, 'docs', 'rules');

// `.ci/run` sets STATELESS_E2E=required: there a missing browser or site fails the run instead of skipping.
const required = process.env.STATELESS_E2E === 'required';
const missing = !chromiumAvailable()
  ? `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`
  : !existsSync(path.join(siteDir, 'playground.html'))
    ? 'the site is not built (npm run docs:build)'
    : newestSource() > statSync(path.join(siteDir, 'playground.html')).mtimeMs
      ? 'the site is older than its sources (npm run docs:build, or npm run test:e2e)'
      : undefined;

/** The newest modification time among what the site is built from: the docs, the plugin's source and the site's own. */
function newestSource(): number {
  let newest = statSync(path.join(root, 'README.md')).mtimeMs;
  const skipped = new Set([path.join(root, 'site', 'dist'), path.join(root, 'site', '.vitepress', 'cache'), outputDir]);
  const stack = ['docs', 'src', 'rules', 'site'].map((dir) => path.join(root, dir));
  while (stack.length > 0) {
    const dir = stack.pop();
    if (dir === undefined || skipped.has(dir) || !existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}
const skip = missing !== undefined && !required;
if (skip) process.stderr.write(`tests/e2e/site.test.ts: browser test skipped: ${missing}\n`);

/** A note about the plugin's own use (a malformed annotation, invalid settings), which any rule of the plugin may report. */
function isNote(finding: ShownFinding): boolean {
  return finding.message === PLUGIN_MESSAGES.okWithoutReason || finding.message.startsWith('Invalid plugin settings:');
}

/** A finding as the playground lists it, and as the same lint in Node would list it. */
interface ShownFinding {
  rule: string;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
  message: string;
}

function shown(message: Linter.LintMessage): ShownFinding {
  return {
    rule: message.ruleId?.replace(/^stateless\//u, '') ?? '',
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
    message: message.message,
  };
}

const nodeLinter = new Linter({ cwd: '/' });

/** What the playground must show for a state: the same config and file linted by ESLint in Node. */
function lintInNode(state: PlaygroundState): Linter.LintMessage[] {
  return nodeLinter.verify(state.code, playgroundConfig(state.config, state.file), playgroundPath(state.file));
}

/** The first uncaught error or crash of each watched page, as a rejected promise. */
const pageFailures = new WeakMap<Page, Promise<never>>();

/**
 * Makes every wait on the page end at its first uncaught error or crash: a script that throws leaves
 * the condition a test waits for false forever, and the error says what went wrong.
 */
function watch(page: Page): Page {
  const failed = new Promise<never>((_resolve, reject) => {
    page.on('pageerror', (error) => {
      reject(new Error(`The page threw (at ${page.url()}): ${error.stack ?? error.message}`));
    });
    page.on('crash', () => {
      reject(new Error(`The page crashed (at ${page.url()}).`));
    });
  });
  failed.catch(() => undefined);
  pageFailures.set(page, failed);
  return page;
}

/** A wait on the page, ended by the page's first uncaught error. */
async function onPage<T>(page: Page, wait: Promise<T>): Promise<T> {
  const failed = pageFailures.get(page);
  if (!failed) throw new Error('The page is not watched for errors.');
  return Promise.race([wait, failed]);
}

/**
 * Waits until the findings on the page are those of the code the editor shows: the page is `ready`
 * and the code in its address (written when findings arrive) is the editor's text.
 */
async function waitForFindings(page: Page): Promise<PlaygroundState> {
  await onPage(page, page.waitForFunction(() => {
    const playground = document.querySelector<HTMLElement>('.playground');
    if (playground?.dataset.status === 'error') return true;
    if (playground?.dataset.status !== 'ready') return false;
    const code = /[#&]code=([^&]*)/u.exec(location.hash)?.[1];
    if (code === undefined) return false;
    const lines = Array.from(document.querySelectorAll('.cm-content .cm-line'), (line) => line.textContent);
    return decodeURIComponent(code) === lines.join('\n');
  }));
  const error = await page.locator('[data-testid="error"]').allTextContents();
  expect(error, 'the playground reported an error').toEqual([]);
  return parseHash(await page.evaluate(() => location.hash));
}

async function findingsOnPage(page: Page): Promise<ShownFinding[]> {
  return page.locator('.finding').evaluateAll((items) =>
    items.map((item) => {
      const data = (item as HTMLElement).dataset;
      const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
      return {
        rule: data.rule ?? '',
        line: Number(data.line),
        column: Number(data.column),
        endLine: number(data.endLine),
        endColumn: number(data.endColumn),
        message: data.message ?? '',
      };
    }),
  );
}

async function typeLines(page: Page, lines: readonly string[]): Promise<void> {
  for (const [index, line] of lines.entries()) {
    await page.keyboard.type(line);
    if (index < lines.length - 1) await page.keyboard.press('Enter');
  }
}

// Typed without indentation: the editor indents after `{` and dedents a line that starts with `}`.
const STATEFUL_HANDLER = [
  'let invocations = 0;',
  '',
  'export const handler = async (event) => {',
  'invocations++;',
  'return { statusCode: 200, body: JSON.stringify({ invocations }) };',
  '};',
];
const STATELESS_HANDLER = [
  "import Redis from 'ioredis';",
  '',
  'const redis = new Redis(process.env.REDIS_URL);',
  '',
  'export const handler = async (event) => {',
  "const invocations = await redis.incr('invocations');",
  'return { statusCode: 200, body: JSON.stringify({ invocations }) };',
  '};',
];

it.runIf(required)('finds Chromium and the built site, as STATELESS_E2E=required demands', () => {
  expect(missing).toBeUndefined();
});

describe.skipIf(skip)(`docs site in Chromium${missing === undefined ? '' : ` (${missing})`}`, { timeout: 900_000 }, () => {
  let chromium: RunningChromium | undefined;
  let server: StaticServer | undefined;
  let page: Page;

  beforeAll(async () => {
    if (missing !== undefined) throw new Error(`STATELESS_E2E=required, but ${missing}.`);
    await mkdir(outputDir, { recursive: true });
    server = await serveStatic(siteDir);
    chromium = await launchChromium();
    const context = await chromium.browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Every wait is on a condition; a hang is caught by the describe's guard, not by a budget per step.
    context.setDefaultTimeout(0);
    page = watch(await context.newPage());
  }, 900_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  function site(pathname: string): string {
    if (!server) throw new Error('The site is not served.');
    return `${server.url}${pathname}`;
  }

  it('shows the first finding of the default example and records the time it took', async () => {
    const context = await chromium?.browser.newContext({ viewport: { width: 1400, height: 900 } });
    if (!context) throw new Error('No browser.');
    context.setDefaultTimeout(0);
    const fresh = watch(await context.newPage());
    await fresh.goto(site('/playground.html'));
    await onPage(fresh, fresh.locator('.playground[data-first-finding-ms]').waitFor());
    const firstFindingMs = Number(await fresh.locator('.playground').getAttribute('data-first-finding-ms'));
    const state = await waitForFindings(fresh);
    expect(await findingsOnPage(fresh)).toEqual(lintInNode(state).map(shown));
    await context.close();

    const worker = readdirSync(path.join(siteDir, 'assets')).find((file) => /^playground-worker\.[\da-f]+\.js$/u.test(file));
    if (worker === undefined) throw new Error('The build has no playground worker.');
    const workerCode = readFileSync(path.join(siteDir, 'assets', worker));
    const pageScripts = readdirSync(path.join(siteDir, 'assets')).filter((file) => file.endsWith('.js') && file !== worker);
    await writeFile(
      path.join(outputDir, 'metrics.json'),
      `${JSON.stringify(
        {
          workerBytes: workerCode.byteLength,
          workerGzipBytes: gzipSync(workerCode).byteLength,
          siteScriptBytes: pageScripts.reduce((sum, file) => sum + statSync(path.join(siteDir, 'assets', file)).size, 0),
          firstFindingMs,
        },
        null,
        2,
      )}\n`,
    );
    expect(firstFindingMs).toBeGreaterThan(0);
  });

  it('reports a handler that increments a module counter, and nothing for its stateless twin', async () => {
    await page.goto(site('/playground.html#file=handler.ts&config=recommended&code='));
    await waitForFindings(page);
    await page.locator('.cm-content').click();
    await typeLines(page, STATEFUL_HANDLER);

    const stateful = await waitForFindings(page);
    expect(stateful.code).toContain('invocations++');
    const expected = lintInNode(stateful);
    expect(expected.map((message) => [message.ruleId, message.messageId])).toContainEqual(['stateless/no-module-state', 'counter']);
    expect(await findingsOnPage(page)).toEqual(expected.map(shown));
    const counter = page.locator('.finding[data-rule="no-module-state"]');
    await expect.poll(() => counter.count()).toBe(1);
    expect(await counter.getAttribute('data-message')).toMatch(/^`invocations` is a counter/u);
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);

    await page.keyboard.press('ControlOrMeta+A');
    await typeLines(page, STATELESS_HANDLER);
    const stateless = await waitForFindings(page);
    expect(stateless.code).toContain("redis.incr('invocations')");
    expect(lintInNode(stateless)).toEqual([]);
    expect(await findingsOnPage(page)).toEqual([]);
    expect(await page.locator('[data-testid="no-findings"]').count()).toBe(1);
  });

  it('applies a suggestion with a click', async () => {
    const code = [
      "import express from 'express';",
      'const app = express();',
      'let currentUser;',
      "app.get('/me', (req, res) => {",
      '  currentUser = req.user;',
      '  res.json(currentUser);',
      '});',
      '',
    ].join('\n');
    const state: PlaygroundState = { file: 'server.js', config: 'recommended', code };
    const [leak] = lintInNode(state).filter((message) => message.ruleId === 'stateless/no-request-leak');
    const suggestion = leak?.suggestions?.[0];
    if (!suggestion) throw new Error('no-request-leak offers no suggestion for this code.');
    const { range, text } = suggestion.fix;
    const fixed = code.slice(0, range[0]) + text + code.slice(range[1]);

    await page.goto(site(`/playground.html${formatHash(state)}`));
    await waitForFindings(page);
    const button = page.locator('.finding[data-rule="no-request-leak"] .finding-suggestion');
    expect(await button.allTextContents()).toEqual([suggestion.desc]);
    await button.click();
    const after = await waitForFindings(page);
    expect(after.code).toBe(fixed);
    expect(await findingsOnPage(page)).toEqual(lintInNode(after).map(shown));
  });

  it("opens a rule page's ❌ example in the playground with the findings the docs test expects", async () => {
    await page.goto(site('/rules/no-module-state.html'));
    const link = page.locator('.stateless-example[data-verdict="incorrect"] a.playground-link').first();
    await link.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outputDir, 'rule-page.png') });
    const line = Number(await link.getAttribute('data-line'));
    await link.click();

    const state = await waitForFindings(page);
    expect(new URL(page.url()).pathname).toBe('/playground.html');
    const example = extractExamples(readFileSync(path.join(rulesDir, 'no-module-state.md'), 'utf8')).find((candidate) => candidate.line === line);
    if (!example) throw new Error(`docs/rules/no-module-state.md has no example at line ${line}.`);
    expect(state.code).toBe(example.code);
    const expected = lintExample('no-module-state', example, root).map(shown);
    expect(expected.length).toBeGreaterThan(0);
    expect((await findingsOnPage(page)).filter((finding) => finding.rule === 'no-module-state')).toEqual(expected);
    await page.screenshot({ path: path.join(outputDir, 'playground.png') });
  });

  it('opens every example of every rule page with the findings the docs test expects of its rule', async () => {
    const rules = readdirSync(rulesDir)
      .filter((file) => file.endsWith('.md'))
      .map((file) => path.basename(file, '.md'))
      .sort();
    const mismatches: string[] = [];
    let opened = 0;
    for (const rule of rules) {
      const examples = extractExamples(readFileSync(path.join(rulesDir, `${rule}.md`), 'utf8'));
      await page.goto(site(`/rules/${rule}.html`));
      const links = await page.locator('a.playground-link').evaluateAll((anchors) =>
        anchors.map((anchor) => ({ line: Number(anchor.getAttribute('data-line')), hash: new URL((anchor as HTMLAnchorElement).href).hash })),
      );
      expect(links.map((link) => link.line), `every example of docs/rules/${rule}.md has a playground link`).toEqual(examples.map((example) => example.line));

      await page.goto(site('/playground.html'));
      await waitForFindings(page);
      for (const example of examples) {
        const link = links.find((candidate) => candidate.line === example.line);
        if (!link) continue;
        await page.evaluate((hash) => {
          location.hash = hash;
        }, link.hash);
        const state = await waitForFindings(page);
        opened++;
        if (state.code !== example.code) {
          mismatches.push(`docs/rules/${rule}.md:${example.line}: the playground opened other code`);
          continue;
        }
        const linted = lintExample(rule, example, root).map(shown);
        const onPage = await findingsOnPage(page);
        // Plugin-wide notes (a malformed annotation) come from whichever rule runs first: compared apart from the rule's own findings.
        const expected = [...linted.filter((finding) => !isNote(finding)), ...linted.filter(isNote).map((finding) => ({ ...finding, rule: 'any' }))];
        const actual = [...onPage.filter((finding) => finding.rule === rule && !isNote(finding)), ...onPage.filter(isNote).map((finding) => ({ ...finding, rule: 'any' }))];
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          mismatches.push(`docs/rules/${rule}.md:${example.line} (${example.verdict}): playground ${JSON.stringify(actual)}, docs test ${JSON.stringify(expected)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(opened).toBeGreaterThan(rules.length);
  });
});
