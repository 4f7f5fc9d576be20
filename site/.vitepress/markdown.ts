import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { UserConfig } from 'vitepress';
import { extractExamples, type DocExample } from '../../tests/doc-examples.js';
import { exampleConfigFor } from '../playground/lint.js';
import { formatHash } from '../playground/state.js';

/** What the Markdown plugins need to know about the repository and the site. */
export interface SiteLayout {
  /** The repository root (VitePress's `srcDir`). */
  root: string;
  /** The site's `base`, ending in `/`. */
  base: string;
  /** Where a repository file outside `docs/` is shown (a source browser), if anywhere. */
  sourceUrl: string | undefined;
}

/** markdown-it as VitePress hands it to `markdown.config`. */
type MarkdownIt = Parameters<NonNullable<NonNullable<UserConfig['markdown']>['config']>>[0];

interface Env {
  realPath?: string;
  path?: string;
  /** The ❌/✅ examples of a rule page, by the 1-based line of their opening fence. */
  statelessExamples?: Map<number, DocExample>;
  statelessRule?: string;
}

const EXTERNAL = /^(?:[a-z][a-z\d+.-]*:|\/\/|#)/iu;

/**
 * Where a link of a page points on the site. The Markdown under `docs/` links with paths that work
 * on a repository browser: relative `.md` paths inside `docs/`, `../README.md#rules` for the rules
 * table, `../src/frameworks` for code. On the site `docs/` is the root and README.md the home page;
 * other repository paths go to `sourceUrl`, or lose their link (the text stays) when there is none.
 */
export function siteHref(href: string, sourceFile: string, layout: SiteLayout): string | undefined {
  if (EXTERNAL.test(href) || href.startsWith('/')) return href;
  const hashAt = href.search(/[?#]/u);
  const target = hashAt < 0 ? href : href.slice(0, hashAt);
  const suffix = hashAt < 0 ? '' : href.slice(hashAt);
  const absolute = path.resolve(path.dirname(sourceFile), decodeURI(target));
  const relative = path.relative(layout.root, absolute).split(path.sep).join('/');
  if (relative === 'README.md') return `/${suffix}`;
  if (relative.startsWith('docs/')) return `/${relative.slice('docs/'.length)}${suffix}`;
  if (relative.startsWith('site/pages/')) return `/${relative.slice('site/pages/'.length)}${suffix}`;
  if (relative.startsWith('..') || !existsSync(absolute)) return href;
  return layout.sourceUrl === undefined ? undefined : `${layout.sourceUrl.replace(/\/$/u, '')}/${relative}${suffix}`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The playground hash that opens a rule page's example, linted the way the docs test lints it. */
export function exampleHash(rule: string, example: DocExample): string {
  const extension = { js: 'js', javascript: 'js', mjs: 'mjs', cjs: 'cjs', jsx: 'jsx', ts: 'ts', typescript: 'ts', mts: 'mts', cts: 'cts', tsx: 'tsx' }[example.language];
  const file = example.filename ?? `example.${extension ?? 'js'}`;
  return formatHash({ file, config: exampleConfigFor(rule), code: example.code });
}

export function statelessMarkdown(layout: SiteLayout) {
  return (md: MarkdownIt): void => {
    md.core.ruler.push('stateless-links', (state) => {
      const env = state.env as Env;
      const source = env.realPath ?? env.path;
      if (source === undefined) return;
      const rulePage = /[\\/]docs[\\/]rules[\\/]([a-z-]+)\.md$/u.exec(source);
      if (rulePage?.[1] !== undefined) {
        env.statelessRule = rulePage[1];
        env.statelessExamples = new Map(extractExamples(state.src).map((example) => [example.line, example]));
      }
      for (const block of state.tokens) {
        const children = block.children ?? [];
        for (let index = 0; index < children.length; index++) {
          const token = children[index];
          if (token?.type !== 'link_open') continue;
          const href = token.attrGet('href');
          if (href === null) continue;
          const mapped = siteHref(href, source, layout);
          if (mapped !== undefined) {
            token.attrSet('href', mapped);
            continue;
          }
          // No place to show the file: keep the link's text, drop the link.
          let depth = 0;
          for (let close = index; close < children.length; close++) {
            const candidate = children[close];
            if (candidate?.type === 'link_open') depth++;
            if (candidate?.type === 'link_close' && --depth === 0) {
              children.splice(close, 1);
              break;
            }
          }
          children.splice(index, 1);
          index--;
        }
      }
    });

    const fence = md.renderer.rules.fence;
    if (!fence) throw new Error('markdown-it has no fence renderer to extend.');
    md.renderer.rules.fence = (tokens, index, options, env: Env, self) => {
      const token = tokens[index];
      const html = fence(tokens, index, options, env, self);
      const line = token?.map?.[0];
      const example = line === undefined ? undefined : env.statelessExamples?.get(line + 1);
      const filename = token ? /\bfilename="([^"]+)"/u.exec(token.info)?.[1] : undefined;
      if (!example || env.statelessRule === undefined) {
        return filename === undefined ? html : `<div class="stateless-file">${escapeHtml(filename)}</div>${html}`;
      }
      const verdict = example.verdict === 'incorrect' ? '❌' : '✅';
      const href = `${layout.base}playground.html${exampleHash(env.statelessRule, example)}`;
      return [
        `<div class="stateless-example" data-verdict="${example.verdict}" data-line="${example.line}">`,
        '<div class="stateless-example-bar">',
        `<span class="stateless-file">${escapeHtml(example.filename ?? `${verdict} ${example.language}`)}</span>`,
        `<a class="playground-link" href="${escapeHtml(href)}" data-rule="${env.statelessRule}" data-line="${example.line}">Open in playground</a>`,
        '</div>',
        html,
        '</div>',
      ].join('');
    };
  };
}

/**
 * The precision section of README.md (a `##` heading that names precision), for the site's
 * precision page; undefined while the README publishes none.
 */
export function readmePrecisionSection(root: string): string | undefined {
  const readme = path.join(root, 'README.md');
  if (!existsSync(readme)) return undefined;
  const lines = readFileSync(readme, 'utf8').split(/\r?\n/u);
  const start = lines.findIndex((line) => /^##\s.*precision/iu.test(line));
  if (start < 0) return undefined;
  let end = lines.findIndex((line, index) => index > start && /^##\s/u.test(line));
  if (end < 0) end = lines.length;
  return lines.slice(start + 1, end).join('\n');
}
