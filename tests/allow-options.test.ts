import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { OptionsError } from '../src/util/options.js';

// An `allow` entry the schema lets through but no rule can use (a pattern that does not compile, a
// flag that makes a pattern remember its last match) must stop the rule with one line naming the rule,
// the option and the entry. RuleTester has no case for options a rule refuses, so its tests are kept
// here and run by hand: each case's test must throw that error.

/** A RuleTester whose `describe` runs at once and whose `it` keeps each test to be run here. */
class CollectingRuleTester extends RuleTester {
  static readonly tests: { name: string; run: () => void }[] = [];

  static override get afterAll(): (typeof RuleTester)['afterAll'] {
    return afterAll;
  }

  static override get describe(): (typeof RuleTester)['describe'] {
    return (_text, body) => {
      body();
    };
  }

  static override get it(): (typeof RuleTester)['it'] {
    return (name, run) => {
      CollectingRuleTester.tests.push({ name, run });
    };
  }
}

const withAllow = ['no-global-state', 'no-in-memory-session', 'no-instance-state', 'no-module-state', 'no-request-leak', 'no-sticky-session'] as const;

/** The one line of a refused entry; the reason of a pattern that does not compile is the engine's own. */
function expectedLine(ruleId: string, entry: string): string {
  const match = /^\/(?<source>.+)\/(?<flags>[a-z]*)$/u.exec(entry);
  const source = match?.groups?.source ?? '';
  const flags = match?.groups?.flags ?? '';
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `${ruleId}: option \`allow\` has an entry that is not a valid regular expression, ${JSON.stringify(entry)}: ${(error as Error).message}.`;
  }
  const flag = /[gy]/u.exec(flags)?.[0] ?? '';
  return `${ruleId}: option \`allow\` has an entry with the flag ${flag}, ${JSON.stringify(entry)}: with g or y a pattern remembers where its last match ended, so whether a name is allowed would depend on the names tested before it; remove the flag (\`^\` anchors a pattern at the start).`;
}

const REFUSED = ['/(/', '/[/', '/*/', '/a/z', '/^tmp/g', '/^tmp/y', '/a/gi'] as const;

describe.each(withAllow)('%s refuses an allow entry it cannot use', (name) => {
  const rule = plugin.rules[name];
  const tester = new CollectingRuleTester();
  CollectingRuleTester.tests.length = 0;
  tester.run(name, rule as unknown as Parameters<RuleTester['run']>[1], {
    valid: [
      ...REFUSED.map((entry) => ({ name: entry, code: 'let hits = 0;\n', options: [{ allow: ['fine', entry] }] })),
      // Accepted: a name that only looks like a pattern, and patterns that compile without g or y.
      { name: 'accepted', code: 'let hits = 0;\n', options: [{ allow: ['/', '//', '/^cache/i', '/s$/u'] }] },
    ],
    invalid: [],
  });
  const tests = [...CollectingRuleTester.tests];

  it('runs one RuleTester case per entry', () => {
    expect(tests.map((test) => test.name)).toEqual([...REFUSED, 'accepted']);
  });

  it.each(REFUSED)('%s: the case throws one line naming the rule, the option and the entry, with no stack', (entry) => {
    const test = tests.find((candidate) => candidate.name === entry);
    let thrown: unknown;
    try {
      test?.run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OptionsError);
    const error = thrown as OptionsError;
    // ESLint puts the rule it was loading before the message; the stack, which ESLint's command line prints, is the line alone.
    // RuleTester names the rule `@rule-tester/<name>`; ESLint names it as configured (`stateless/<name>`).
    const line = expectedLine(`@rule-tester/${name}`, entry);
    expect(error.message).toContain(line);
    expect(error.stack).toBe(line);
  });

  it('the accepted entries run', () => {
    expect(() => tests.find((test) => test.name === 'accepted')?.run()).not.toThrow();
  });
});
