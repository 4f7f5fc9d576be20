import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter, type Rule } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import type { AuditReport } from '../src/audit/report.js';
import { findingRecords } from '../src/util/finding-record.js';
import { audit, auditFixture, serviceFixture } from './audit-helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Every place a source touches a `.message`: the text of a lint message (or of the audit's own
 * warnings and errors) may be copied into the report and printed by a renderer, never read for
 * what it means.
 */
function messageReads(source: string, renderer: boolean): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  source.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(/([\w.?]+)\.message\b/gu)) {
      const before = text.slice(0, match.index);
      // A thrown error's text (a config that throws, a manifest that does not parse) is printed as the cause.
      if (match[1] === 'error') continue;
      // Copied into a field of the report: `reason: fatal.message`, `message: { text: finding.message }`.
      const copied = /\b(?:message|reason|text):\s*$/u.test(before);
      // Printed: a template literal of a renderer.
      const printed = renderer && before.endsWith('${');
      if (!copied && !printed) found.push({ line: index + 1, text: text.trim() });
    }
  });
  return found;
}

function fileReads(file: string): { line: number; text: string }[] {
  return messageReads(readFileSync(file, 'utf8'), file.includes(`${path.sep}format${path.sep}`));
}

describe('the audit reads what rules report as data, never their words', () => {
  it('no file under src/audit reads message text for its meaning', () => {
    const files = sourcesUnder(path.join(repoRoot, 'src', 'audit'));
    expect(files.length).toBeGreaterThan(10);
    const reads = files.flatMap((file) => fileReads(file).map((read) => `${path.relative(repoRoot, file)}:${String(read.line)}: ${read.text}`));
    expect(reads).toEqual([]);
    // The old parsers of the English messages are gone for good.
    const parsers = files.filter((file) => /\b(?:splitAdvice|leadingName|FINDING_KINDS|OTHER_ADVICE)\b/u.test(readFileSync(file, 'utf8')));
    expect(parsers.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });

  it('the check catches a message read for its meaning and lets a copy or a printout through', () => {
    const parsing = ['const advice = splitAdvice(message.message);', "if (finding.message.includes('from `@prisma/')) return;", 'name: leadingName(message.message) ?? excerpt,', 'const kind = /counter/u.test(message.message) ? 1 : 0;'];
    expect(messageReads(parsing.join('\n'), true).map((read) => read.line)).toEqual([1, 2, 3, 4]);
    const copying = ['reason: fatal.message,', 'message: { text: finding.message },', 'out.push(`${note.file}  ${note.message}`);'];
    expect(messageReads(copying.join('\n'), true)).toEqual([]);
    expect(messageReads(copying[2] ?? '', false)).toHaveLength(1);
  });
});

describe('each report of a rule leaves a structured record beside ESLint message', () => {
  const linter = new Linter({ configType: 'flat' });
  const sources: object[] = [];
  // A rule of the test's own that keeps the file's SourceCode, as the audit's collector does.
  const capture: Rule.RuleModule = {
    meta: { type: 'problem', schema: [], messages: {} },
    create(context) {
      sources.push(context.sourceCode);
      return {};
    },
  };
  const config: Linter.Config[] = [plugin.configs.all, { plugins: { capture: { rules: { source: capture } } }, rules: { 'capture/source': 'error' } }];

  function lint(code: string, filename: string): { messages: Linter.LintMessage[]; records: ReturnType<typeof findingRecords> } {
    sources.length = 0;
    const messages = linter.verify(code, config, { filename });
    const sourceCode = sources[0];
    if (!sourceCode) throw new Error('the capture rule did not run');
    return { messages, records: findingRecords(sourceCode) };
  }

  it('records kind, name and advice at the position ESLint reports, one record a message', () => {
    const code = [
      "import express from 'express';",
      'const app = express();',
      'let hits = 0;',
      "app.get('/', (req, res) => {",
      '  hits++;',
      '  globalThis.lastUser = req.query.user;',
      "  process.env.MODE = 'busy';",
      '  res.send(String(hits));',
      '});',
    ].join('\n');
    const { messages, records } = lint(code, 'src/app.js');
    // ESLint sorts its messages by position; the records are in the order the rules reported.
    const sorted = [...records].sort((a, b) => a.line - b.line || a.column - b.column);
    expect(messages.map((message) => [message.ruleId, message.messageId, message.line, message.column])).toEqual(sorted.map((record) => [record.ruleId, record.messageId, record.line, record.column]));
    expect(sorted).toEqual([
      { ruleId: 'stateless/no-module-state', messageId: 'counter', line: 5, column: 3, kind: 'counter', name: 'hits', advice: 'state:counter' },
      { ruleId: 'stateless/no-request-leak', messageId: 'leak', line: 6, column: 3, name: 'globalThis.lastUser', advice: 'finding:leak' },
      { ruleId: 'stateless/no-global-state', messageId: 'envWrite', line: 7, column: 3, kind: 'env', name: 'process.env.MODE', advice: 'finding:env' },
    ]);
  });

  it('keeps the records of one file apart from the next file linted', () => {
    lint("import express from 'express';\nconst app = express();\nconst seen = [];\napp.post('/', (req, res) => { seen.push(1); res.end(); });\n", 'src/a.js');
    const { messages, records } = lint("export const double = (n) => n * 2;\n", 'src/b.js');
    expect(messages).toEqual([]);
    expect(records).toEqual([]);
  });

  it('records a library store with its own advice and package', () => {
    const code = "import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: 's' }));\n";
    const { messages, records } = lint(code, 'src/session.js');
    expect(messages.map((message) => message.messageId)).toEqual(['memorySession']);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ ruleId: 'stateless/no-in-memory-session', messageId: 'memorySession', line: 4, column: 9, kind: 'session', package: 'express-session' });
    expect(messages[0]?.message).toContain(typeof records[0]?.advice === 'object' ? records[0].advice.text : '');
  });
});

type Messages = Record<string, string>;

/** Every rule's messages, reworded to say nothing; restored after each test. */
function rewordMessages(): () => void {
  const saved: { messages: Messages; original: Messages }[] = [];
  for (const rule of Object.values(plugin.rules)) {
    if (!rule.meta) continue;
    const messages = rule.meta.messages as Messages;
    saved.push({ messages, original: { ...messages } });
    for (const id of Object.keys(messages)) messages[id] = 'Reworded. Nothing to read here.';
  }
  return () => {
    for (const { messages, original } of saved) Object.assign(messages, original);
  };
}

/** The report without the words of the findings. */
function meaning(report: AuditReport): unknown {
  return {
    verdict: report.verdict,
    summary: report.summary,
    state: report.state,
    handlers: report.handlers,
    findings: report.findings.map(({ message: _message, ...rest }) => rest),
  };
}

describe('the inventory does not depend on the words of the messages', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  for (const [label, dir] of [
    ['auth-service', auditFixture('auth-service')],
    ['express-exports', serviceFixture('express-exports')],
    ['express-sessions', serviceFixture('express-sessions')],
    ['fastify-api', serviceFixture('fastify-api')],
    ['koa-app', serviceFixture('koa-app')],
    ['nest-quotes', serviceFixture('nest-quotes')],
    ['nest-throttle-cache', serviceFixture('nest-throttle-cache')],
    ['socketio-chat', serviceFixture('socketio-chat')],
  ] as const) {
    it(`names, kinds and advice stay the same when every message is reworded (${label})`, async () => {
      const before = await audit(dir);
      expect(before.findings.length).toBeGreaterThan(0);
      restore = rewordMessages();
      const after = await audit(dir);
      expect(after.findings.every((finding) => finding.message === 'Reworded. Nothing to read here.')).toBe(true);
      expect(meaning(after)).toEqual(meaning(before));
    });
  }
});
