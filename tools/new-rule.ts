import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRepoRoot } from './fixtures.js';

const RULE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function ruleSource(name: string): string {
  return `import { createRule } from '../src/util/create-rule.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [];
export type MessageIds = 'found' | PluginMessageIds;

export default createRule<Options, MessageIds>({
  name: '${name}',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow …',
    },
    messages: {
      found: '\`{{name}}\` … (one sentence: what state, what fails with two replicas, what to use).',
      ...PLUGIN_MESSAGES,
    },
    schema: [],
  },
  create(context) {
    // The file's analysis (src/analysis/index.ts), read once ESLint's traversal has filled the node index.
    return onFileAnalysis(context, () => {
      // Read the facts from the file's analysis and report them (\`context.report({ node, messageId: 'found', data })\`).
    });
  },
});
`;
}

function testSource(name: string): string {
  return `import { createRuleTesters } from '../tests/rule-tester.js';
import rule from './${name}.js';

const { ts: ruleTester, js: jsRuleTester } = createRuleTesters();

ruleTester.run('${name}', rule, {
  valid: [],
  invalid: [],
});

jsRuleTester.run('${name} (JavaScript)', rule, {
  valid: [],
  invalid: [],
});
`;
}

function docSource(name: string): string {
  return `# stateless/${name}

<!-- end auto-generated rule header -->

What state this is, and what fails in production: a second replica, a restart, a cold start.

## Examples

❌ Incorrect

\`\`\`js
\`\`\`

✅ Correct

\`\`\`js
\`\`\`

## External Stores

## When Not To Use It

## Further Reading
`;
}

/** Adds `import x from './name.js'` and `'name': x` to rules/index.ts, keeping both lists sorted. */
export function registerRule(index: string, name: string): string {
  const lines = index.split('\n');
  const binding = camelCase(name);
  const importLine = `import ${binding} from './${name}.js';`;
  const entryLine = `  '${name}': ${binding},`;
  if (lines.includes(importLine)) throw new Error(`rules/index.ts already imports ${name}.`);

  const imports = lines.flatMap((line, at) => (/^import \w+ from '\.\/[\w-]+\.js';$/.test(line) ? [at] : []));
  const entries = lines.flatMap((line, at) => (/^ {2}'[\w-]+': \w+,$/.test(line) ? [at] : []));
  if (imports.length === 0 || entries.length === 0) {
    throw new Error('rules/index.ts has no `import x from` lines or no `\'name\': x,` entries to extend.');
  }
  const entryAt = entries.find((at) => (lines[at] ?? '') > entryLine) ?? (entries.at(-1) ?? 0) + 1;
  lines.splice(entryAt, 0, entryLine);
  const importAt = imports.find((at) => (lines[at] ?? '') > importLine) ?? (imports.at(-1) ?? 0) + 1;
  lines.splice(importAt, 0, importLine);
  return lines.join('\n');
}

/** Writes the rule, its test and its docs page, registers it, and returns the paths written. */
export function scaffoldRule(root: string, name: string): string[] {
  if (!RULE_NAME.test(name)) throw new Error(`"${name}" is not a kebab-case rule name.`);
  const files: [string, string][] = [
    [path.join('rules', `${name}.ts`), ruleSource(name)],
    [path.join('rules', `${name}.test.ts`), testSource(name)],
    [path.join('docs', 'rules', `${name}.md`), docSource(name)],
  ];
  for (const [file] of files) {
    if (existsSync(path.join(root, file))) throw new Error(`${file} already exists.`);
  }
  const indexPath = path.join(root, 'rules', 'index.ts');
  const index = registerRule(readFileSync(indexPath, 'utf8'), name);
  for (const [file, content] of files) writeFileSync(path.join(root, file), content);
  writeFileSync(indexPath, index);
  return [...files.map(([file]) => file), path.join('rules', 'index.ts')];
}

function main(): void {
  const [name] = process.argv.slice(2);
  if (name === undefined) {
    process.stderr.write('Usage: npm run new -- <rule-name>\n');
    process.exitCode = 2;
    return;
  }
  const written = scaffoldRule(findRepoRoot(import.meta.dirname), name);
  process.stdout.write(
    `${written.map((file) => `wrote ${file}`).join('\n')}\nThen: write the rule, its tests and docs; \`npm run update:eslint-docs\`.\n`,
  );
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  main();
}
