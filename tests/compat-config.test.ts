import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

// A mistyped option or setting must stop the run with a message that says what is wrong, never pass
// silently (the user believes the option works) nor crash inside a rule.
const root = path.resolve(import.meta.dirname, '..');
const ruleNames = Object.keys(plugin.rules).sort();
const all = plugin.configs.all as Linter.Config;

const COUNTER = `let hits = 0;
app.get('/', (req, res) => {
  hits++;
  res.send(String(hits));
});
`;

function eslintWith(extra: Linter.Config): ESLint {
  return new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [all, extra] });
}

async function configError(rules: Linter.RulesRecord): Promise<string> {
  try {
    await eslintWith({ rules }).lintText(COUNTER, { filePath: path.join(root, 'src/server.js') });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('The configuration was accepted.');
}

async function messagesWith(settings: Record<string, unknown>): Promise<Linter.LintMessage[]> {
  const [result] = await eslintWith({ settings }).lintText(COUNTER, { filePath: path.join(root, 'src/server.js') });
  return result?.messages ?? [];
}

describe('rule options that the schema refuses', () => {
  it.each(ruleNames)('%s: an unknown option is named in ESLint\'s error', async (name) => {
    const message = await configError({ [`stateless/${name}`]: ['error', { bogus: true }] });
    expect(message).toContain(`Key "stateless/${name}"`);
    expect(message).toContain('Unexpected property "bogus"');
  });

  it('no-module-state: a wrong type names the rule, the value and the type expected', async () => {
    const message = await configError({ 'stateless/no-module-state': ['error', { reportCaches: 'yes' }] });
    expect(message).toContain('Key "stateless/no-module-state"');
    expect(message).toContain('Value "yes" should be boolean');
  });

  it('no-module-state: a value outside an enum is refused', async () => {
    const message = await configError({ 'stateless/no-module-state': ['error', { lifetimes: ['forever'] }] });
    expect(message).toContain('Key "stateless/no-module-state"');
    expect(message).toContain('Value "forever" should be equal to one of the allowed values');
  });

  it('no-module-state: options that are not an object are refused', async () => {
    const message = await configError({ 'stateless/no-module-state': ['error', 'strict'] });
    expect(message).toContain('Value "strict" should be object');
  });
});

describe('allow patterns', () => {
  const withAllow = Object.entries(plugin.rules)
    .filter(([, rule]) => 'allow' in ((rule.meta?.schema as readonly { properties?: object }[])[0]?.properties ?? {}))
    .map(([name]) => name)
    .sort();

  it('the rules with an allow list', () => {
    expect(withAllow).toEqual(['no-global-state', 'no-in-memory-session', 'no-instance-state', 'no-module-state', 'no-random-secret', 'no-request-leak', 'no-sticky-session']);
  });

  it.each(withAllow.flatMap((name) => ['/[/', '/(/', '/*/', '/a/z'].map((entry) => [name, entry] as const)))('%s: allow entry %s is a configuration error naming the rule, the option and the entry', async (name, entry) => {
    const message = await configError({ [`stateless/${name}`]: ['error', { allow: ['fine', entry] }] });
    expect(message).toContain(`stateless/${name}: option \`allow\` has an entry that is not a valid regular expression, ${JSON.stringify(entry)}: Invalid`);
  });

  it.each(withAllow.flatMap((name) => ['/^tmp/g', '/^tmp/y', '/^TMP/iy'].map((entry) => [name, entry] as const)))('%s: allow entry %s, whose flag makes a pattern remember its last match, is a configuration error', async (name, entry) => {
    const message = await configError({ [`stateless/${name}`]: ['error', { allow: [entry] }] });
    const flag = /[gy]/u.exec(entry.slice(entry.lastIndexOf('/')))?.[0] ?? '';
    expect(message).toContain(`stateless/${name}: option \`allow\` has an entry with the flag ${flag}, ${JSON.stringify(entry)}: with g or y a pattern remembers where its last match ended`);
  });

  it('valid patterns and names are accepted and allow what they match', async () => {
    const code = `let tmpA = 0;
let tmpB = 0;
let keep = 0;
let other = 0;
app.get('/', (req, res) => {
  tmpA++;
  tmpB++;
  keep++;
  other++;
  res.end();
});
`;
    const eslint = eslintWith({ rules: { 'stateless/no-module-state': ['error', { allow: ['/^TMP/i', 'keep', '/(?<name>x)/u'] }] } });
    for (const file of ['src/a.js', 'src/b.js']) {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
      expect(result?.messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.ruleId ?? 'fatal'}`), file).toEqual(['9:3 stateless/no-module-state']);
    }
  });
});

describe('malformed settings.stateless', () => {
  it.each([
    [{ stateless: { handlerCalls: 'server.route' } }, 'settings.stateless.handlerCalls must be an array of non-empty strings'],
    [{ stateless: 42 }, 'settings.stateless must be an object'],
    [{ stateless: { handlerCall: ['server.route'] } }, 'settings.stateless has an unknown key "handlerCall"'],
    [{ stateless: { handlerExports: [{ files: '[', names: ['run'] }] } }, 'settings.stateless.handlerExports[].files is not a valid regular expression: ['],
  ])('%j gives one message for the file, with every rule on, and nothing else', async (settings, error) => {
    const messages = await messagesWith(settings);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    // The text may go on to list what is allowed; it starts by naming what is wrong.
    expect(message?.message.startsWith(`Invalid plugin settings: ${error}`)).toBe(true);
    expect(message?.message).toMatch(/\.$/u);
    expect(ruleNames.map((name) => `stateless/${name}`)).toContain(message?.ruleId);
    expect(message).toMatchObject({ messageId: 'invalidSettings', line: 1, column: 1 });
  });

  it('well-formed settings report the counter as usual', async () => {
    const messages = await messagesWith({ stateless: { handlerCalls: ['server.route'], startupCalls: ['bootstrap'] } });
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'fatal'}`)).toEqual(['3:3 stateless/no-module-state']);
  });
});
