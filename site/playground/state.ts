/**
 * The playground's state and its URL hash, `#file=<name>&config=<name>&code=<URI-encoded source>`,
 * shared by the page, the rule pages' "open in playground" links and the browser test. Pure: no DOM,
 * no plugin, so the site's Markdown plugin and Node tests import it too.
 */

export const CONFIG_NAMES = ['recommended', 'strict', 'all', 'serverless'] as const;
export type ConfigName = (typeof CONFIG_NAMES)[number];

export interface PlaygroundState {
  /** A path relative to the project root: `app/api/orders/route.ts`, `handler.js`. */
  file: string;
  config: ConfigName;
  code: string;
}

/** File types the plugin's configs lint (`**\/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}`). */
export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'] as const;

export const DEFAULT_STATE: PlaygroundState = {
  file: 'server.ts',
  config: 'recommended',
  code: `import express from 'express';

const app = express();
let visits = 0;

app.get('/', (req, res) => {
  visits++;
  res.send(\`You are visitor number \${visits}\`);
});

app.listen(3000);
`,
};

export function isConfigName(value: string): value is ConfigName {
  return (CONFIG_NAMES as readonly string[]).includes(value);
}

/** Why a file name cannot be linted, or undefined when it can. */
export function fileNameProblem(file: string): string | undefined {
  if (file.trim() === '') return 'Give the file a name, such as `app/api/orders/route.ts`.';
  if (!SOURCE_EXTENSIONS.some((extension) => file.endsWith(extension))) {
    return `The configs lint ${SOURCE_EXTENSIONS.join(', ')} files; \`${file}\` is none of them.`;
  }
  return undefined;
}

/** `app//api/./x.ts` → `app/api/x.ts`, without a leading slash: the path under the project root. */
export function normalizeFile(file: string): string {
  return file
    .replace(/\\/gu, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/** The hash for a state; `code` comes last so that a reader of the link sees the file and config first. */
export function formatHash(state: PlaygroundState): string {
  return `#file=${encodeURIComponent(state.file)}&config=${encodeURIComponent(state.config)}&code=${encodeURIComponent(state.code)}`;
}

/**
 * The state a hash describes, missing parts taken from `fallback`. Decoded by hand rather than with
 * `URLSearchParams`, which reads `+` as a space and would change `count + 1` in a hand-written link.
 */
export function parseHash(hash: string, fallback: PlaygroundState = DEFAULT_STATE): PlaygroundState {
  const state = { ...fallback };
  for (const part of hash.replace(/^#/u, '').split('&')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const key = part.slice(0, equals);
    let value: string;
    try {
      value = decodeURIComponent(part.slice(equals + 1));
    } catch {
      continue;
    }
    if (key === 'file' && value !== '') state.file = normalizeFile(value);
    else if (key === 'config' && isConfigName(value)) state.config = value;
    else if (key === 'code') state.code = value;
  }
  return state;
}

/**
 * A message's problem and its alternative: the plugin's messages say what is wrong in a first
 * sentence and name the replacement in the sentences after it. Periods inside backticks
 * (`req.session.user`) do not end a sentence.
 */
export function splitMessage(message: string): { problem: string; alternative: string } {
  let inCode = false;
  for (let index = 0; index < message.length; index++) {
    const character = message[index];
    if (character === '`') inCode = !inCode;
    else if (!inCode && character === '.' && message[index + 1] === ' ' && /[A-Z`(]/u.test(message[index + 2] ?? '')) {
      return { problem: message.slice(0, index + 1), alternative: message.slice(index + 2) };
    }
  }
  return { problem: message, alternative: '' };
}
