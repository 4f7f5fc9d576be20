import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint } from 'eslint';
import type { StatelessPlugin } from '../src/index.js';
import { createESLint, findRepoRoot, listSourceFiles, relativePath, SERVICES_DIR, SOURCE_EXTENSIONS } from './fixtures.js';

export interface ServiceSummary {
  service: string;
  findings: number;
  parseErrors: number;
}

export interface DemoResult {
  /** The stylish rendering of every service's findings, with its summary line. */
  output: string;
  services: ServiceSummary[];
}

/** Each folder (or single source file) directly under `fixtures/services` is one service. */
export function listServices(root: string): { service: string; files: string[] }[] {
  const dir = path.join(root, SERVICES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || (entry.isFile() && SOURCE_EXTENSIONS.has(path.extname(entry.name))))
    .map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory()
        ? { service: entry.name, files: listSourceFiles(full) }
        : { service: path.basename(entry.name, path.extname(entry.name)), files: [full] };
    })
    .filter(({ files }) => files.length > 0)
    .sort((a, b) => a.service.localeCompare(b.service));
}

export function summaryLine({ service, findings, parseErrors }: ServiceSummary): string {
  const counted = `${findings} finding${findings === 1 ? '' : 's'}`;
  const errors = parseErrors === 0 ? '' : `, ${parseErrors} parse error${parseErrors === 1 ? '' : 's'}`;
  return findings === 0 && parseErrors === 0 ? `${service}: stateless, ${counted}` : `${service}: ${counted}${errors}`;
}

export async function runDemo(plugin: StatelessPlugin, root: string): Promise<DemoResult> {
  const eslint = createESLint(plugin, root, 'recommended');
  const stylish = await eslint.loadFormatter('stylish');
  const services: ServiceSummary[] = [];
  const blocks: string[] = [];

  for (const { service, files } of listServices(root)) {
    const results: ESLint.LintResult[] = (await eslint.lintFiles(files)).map((result) => ({
      ...result,
      filePath: relativePath(root, result.filePath),
    }));
    const messages = results.flatMap((result) => result.messages);
    const summary = {
      service,
      findings: messages.filter((message) => message.ruleId?.startsWith('stateless/')).length,
      parseErrors: messages.filter((message) => message.fatal === true).length,
    };
    services.push(summary);
    const rendered = (await stylish.format(results)).trim();
    blocks.push([`== ${service} ==`, ...(rendered === '' ? [] : [rendered]), summaryLine(summary)].join('\n\n'));
  }

  const summaries = services.length === 0 ? [`No services under ${SERVICES_DIR}.`] : services.map(summaryLine);
  return { output: [...blocks, ['Summary:', ...summaries].join('\n')].join('\n\n'), services };
}

async function main(): Promise<void> {
  const { default: plugin } = await import('../src/index.js');
  const { output } = await runDemo(plugin, findRepoRoot(import.meta.dirname));
  process.stdout.write(`${output}\n`);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  await main();
}
