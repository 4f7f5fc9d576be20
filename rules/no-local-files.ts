import { entryName, type LocalFileFinding } from '../src/analysis/index.js';
import type { AdviceRef } from '../src/knowledge/advice.js';
import { createRule } from '../src/util/create-rule.js';
import type { FindingTag } from '../src/util/finding-record.js';
import { lifetimesOption, type ReportedLifetime } from '../src/util/options.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [
  {
    lifetimes?: ReportedLifetime[];
    assumeServer?: boolean;
  },
];

export type MessageIds = 'readLater' | 'kept' | 'keptAcross' | 'upload' | 'database' | 'databaseOnLoad' | 'store' | PluginMessageIds;


/** What a local-file finding keeps, for tools that read reports as data. */
function localFileTag(finding: LocalFileFinding): FindingTag {
  const advice: AdviceRef = finding.advice === undefined ? 'finding:file' : { text: finding.advice };
  if (finding.kind === 'upload') return { kind: 'upload', advice };
  if (finding.kind === 'database') return { kind: 'local-db', advice, ...(finding.package === undefined ? {} : { package: finding.package }) };
  return { kind: 'file', advice };
}

function where(finding: LocalFileFinding): string {
  if (finding.writer) return `in ${entryName(finding.writer)}`;
  return finding.lifetime === 'request' ? 'in a handler' : 'in code that may run per request';
}

export default createRule<Options, MessageIds>({
  name: 'no-local-files',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow keeping files and databases on the instance's local disk",
      recommended: true,
    },
    messages: {
      readLater: `{{found}} {{where}} saves a file that {{reader}} (line {{readLine}}) reads back, but that request may reach another instance. {{advice}}`,
      kept: `{{found}} {{where}} leaves a file on this instance's disk after the response; other replicas and a replaced instance lack it. {{advice}}`,
      keptAcross: "`{{callee}}()` {{where}} leaves a file on this instance's disk ({{found}} at line {{line}} of `{{file}}`); other replicas and a replaced instance lack it. {{advice}}",
      upload: "{{found}} stores uploads on this instance's disk, where other replicas cannot read them. {{advice}}",
      database: '{{found}} keeps the database in a file on this instance: every replica has its own copy, and serverless disks are ephemeral. {{advice}}',
      databaseOnLoad: "`{{source}}` opens {{found}} on a local file when it loads (line {{line}} of `{{file}}`), and this server starts on it: every replica has its own copy of the database, and serverless disks are ephemeral. {{advice}}",
      store: "`{{name}}` keeps files on this instance's disk: `{{writer}}()` writes them ({{found}}) and `{{reader}}()` {{access}} (line {{readLine}}), but the request that asks for one may reach another replica, and a replaced instance has none. {{advice}}",
      ...PLUGIN_MESSAGES,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          lifetimes: lifetimesOption('When a file write must happen to be reported: `request` (in a handler or code it calls) and, in `strict`, `unknown` (code whose callers the file cannot see).'),
          assumeServer: {
            type: 'boolean',
            description: 'Report local databases, and writes of unknown lifetime, in every file, not only in files that import a web framework.',
          },
        },
      },
    ],
    defaultOptions: [{ lifetimes: ['request'], assumeServer: false }],
  },
  create(context, [options]) {
    const lifetimes = new Set<string>(options.lifetimes);
    return onFileAnalysis(context, (analysis) => {
      // One line a file for each write in another file: calls of several functions that all end in
      // the same write (a `getKey()` behind every `encrypt()` and `decrypt()`) name one piece of state.
      const reached = new Set<string>();
      for (const finding of analysis.localFiles) {
        if (!finding.serverFile && !options.assumeServer) continue;
        if ((finding.kind === 'readLater' || finding.kind === 'kept') && !lifetimes.has(finding.lifetime)) continue;
        if (finding.across) {
          const [first] = finding.across.writes;
          if (!first) continue;
          const target = `${first.path}:${String(first.line)}`;
          if (reached.has(target)) continue;
          reached.add(target);
          context.report({
            node: finding.node,
            messageId: 'keptAcross',
            data: { callee: finding.across.callee, where: where(finding), found: first.found, line: first.line, file: first.file, advice: analysis.advice('file') },
            finding: { kind: 'file', advice: 'finding:file', declared: { file: first.path, line: first.line, name: first.found.replaceAll('`', '') } },
          });
        } else if (finding.loaded) {
          const { source, file, path, line } = finding.loaded;
          const tag = localFileTag(finding);
          context.report({
            node: finding.node,
            messageId: 'databaseOnLoad',
            data: { source, found: finding.found, line, file, advice: finding.advice ?? analysis.advice('file') },
            finding: { ...tag, declared: { file: path, line, name: finding.found.replaceAll('`', '') } },
          });
        } else if (finding.kind === 'store' && finding.store && finding.reader) {
          context.report({
            node: finding.node,
            messageId: 'store',
            data: { name: finding.store.name, writer: finding.store.writer, found: finding.found, reader: finding.reader.name, access: finding.store.removes ? 'removes them' : 'reads them back', readLine: finding.reader.node.loc.start.line, advice: analysis.advice('file') },
            finding: { kind: 'file', advice: 'finding:file', name: finding.store.name },
          });
        } else if (finding.kind === 'readLater' && finding.reader) {
          context.report({
            node: finding.node,
            messageId: 'readLater',
            data: { found: finding.found, where: where(finding), reader: finding.reader.name, readLine: finding.reader.node.loc.start.line, advice: analysis.advice('file') },
            finding: { kind: 'file', advice: 'finding:file' },
          });
        } else {
          context.report({ node: finding.node, messageId: finding.kind === 'readLater' ? 'kept' : finding.kind, data: { found: finding.found, where: where(finding), advice: finding.advice ?? analysis.advice('file') }, finding: localFileTag(finding) });
        }
      }
    });
  },
});
