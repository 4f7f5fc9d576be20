import { describe, expect, it } from 'vitest';
import { extractExamples, renderFindings } from './doc-examples.js';

const PAGE = `# stateless/some-rule

💼 This rule is enabled in the ✅ \`recommended\` config.

<!-- end auto-generated rule header -->

\`\`\`js
const notAnExample = true;
\`\`\`

## Examples

### ❌ Incorrect

\`\`\`ts filename="app/api/orders/route.ts"
let hits = 0;
\`\`\`

\`\`\`js
let more = 0;
\`\`\`

### ✅ Correct

\`\`\`\`tsx
\`\`\`nested
\`\`\`\`

## Options

\`\`\`json
{ "lifetimes": ["request"] }
\`\`\`
`;

describe('extractExamples', () => {
  it('takes the verdict from the last ❌/✅ line and drops it at a plain heading', () => {
    expect(extractExamples(PAGE)).toEqual([
      { verdict: 'incorrect', language: 'ts', filename: 'app/api/orders/route.ts', code: 'let hits = 0;\n', line: 15 },
      { verdict: 'incorrect', language: 'js', filename: undefined, code: 'let more = 0;\n', line: 19 },
      { verdict: 'correct', language: 'tsx', filename: undefined, code: '```nested\n', line: 25 },
    ]);
  });

  it('rejects an unclosed fence', () => {
    expect(() => extractExamples('❌\n```js\nlet a;\n')).toThrow(/never closed/);
  });
});

describe('renderFindings', () => {
  it('underlines each finding and prints its message', () => {
    const code = 'let hits = 0;\nhits++;\n';
    const rendered = renderFindings(code, [
      { ruleId: 'stateless/x', message: 'Counter `hits` is per replica.', line: 2, column: 1, endLine: 2, endColumn: 7, severity: 2 },
    ]);
    expect(rendered).toBe('let hits = 0;\nhits++;\n~~~~~~ Counter `hits` is per replica.');
  });
});
