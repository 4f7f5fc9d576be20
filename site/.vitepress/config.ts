import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { readmePrecisionSection, statelessMarkdown } from './markdown.js';
import { playgroundWorker } from './worker-plugin.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const base = process.env.DOCS_BASE ?? '/';
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; description: string; repository?: string | { url?: string } };
const repositoryUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
// A link to a repository file outside docs/ (`../src/frameworks`) goes to this source browser, when known.
const sourceUrl = process.env.DOCS_SOURCE_URL ?? repositoryUrl?.replace(/^git\+/u, '').replace(/\.git$/u, '').concat('/tree/HEAD');

function titleOf(file: string): string {
  const heading = /^#\s+(.+)$/mu.exec(readFileSync(file, 'utf8'))?.[1] ?? path.basename(file, '.md');
  // The sidebar renders its text as HTML: `<reason>` in a heading must stay text.
  return heading.replace(/`/gu, '').replace(/^stateless\//u, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const GUIDE_ORDER = ['configuration', 'annotations', 'audit', 'stores', 'serverless', 'typed-linting', 'performance', 'architecture'];
const guidePages = readdirSync(path.join(root, 'docs'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => path.basename(file, '.md'))
  .sort((a, b) => (GUIDE_ORDER.indexOf(a) + 1 || 99) - (GUIDE_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
const rulePages = readdirSync(path.join(root, 'docs', 'rules'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => path.basename(file, '.md'))
  .sort();

const sidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guide',
    items: [
      { text: 'Overview', link: '/' },
      ...guidePages.map((page) => ({ text: titleOf(path.join(root, 'docs', `${page}.md`)), link: `/${page}` })),
      { text: 'Precision', link: '/precision' },
    ],
  },
  { text: 'Rules', items: rulePages.map((rule) => ({ text: rule, link: `/rules/${rule}` })) },
  { text: 'Playground', link: '/playground' },
];

export default defineConfig({
  title: pkg.name,
  description: pkg.description,
  base,
  // The Markdown stays where the repository keeps it: README.md is the home page, docs/ the rest.
  srcDir: root,
  srcExclude: ['**/node_modules/**', 'dist/**', 'fixtures/**', 'tests/**', 'src/**', 'rules/**', 'tools/**', 'bench/**', 'site/*.md', 'site/.vitepress/**', '.*/**'],
  rewrites: { 'README.md': 'index.md', 'docs/:path*': ':path*', 'site/pages/:page': ':page' },
  outDir: path.join(root, 'site', 'dist'),
  cacheDir: path.join(root, 'site', '.vitepress', 'cache'),
  cleanUrls: false,
  lastUpdated: false,
  markdown: {
    languageAlias: { cjs: 'js', mts: 'ts', cts: 'ts' },
    config: statelessMarkdown({ root, base, sourceUrl }),
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/configuration' },
      { text: 'Rules', link: `/rules/${rulePages[0] ?? ''}` },
      { text: 'Playground', link: '/playground' },
    ],
    sidebar,
    outline: { level: [2, 3] },
    search: { provider: 'local' },
  },
  vite: {
    plugins: [
      playgroundWorker(base),
      {
        name: 'stateless:precision-page',
        enforce: 'pre',
        transform(code, id) {
          if (!id.endsWith(path.join('site', 'pages', 'precision.md'))) return undefined;
          const section = readmePrecisionSection(root);
          return code.replace(
            '<!-- precision table -->',
            section ?? 'README.md publishes no precision table yet; `npm run precision` prints the figures measured on the bundled fixture services.',
          );
        },
      },
    ],
  },
});
