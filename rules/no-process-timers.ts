import { entryName } from '../src/analysis/index.js';
import { createRule } from '../src/util/create-rule.js';
import { onFileAnalysis, PLUGIN_MESSAGES, type PluginMessageIds } from '../src/util/state-rule.js';

export type Options = [
  {
    assumeServer?: boolean;
    reportRefresh?: boolean;
  },
];

export type MessageIds = 'scheduler' | 'interval' | 'loop' | 'waitLoop' | 'refresh' | 'afterResponse' | 'afterResponseAcross' | 'connection' | 'importedJob' | PluginMessageIds;

/** How many jobs of another file a message names before it counts the rest. */
const NAMED_JOBS = 3;

const code = (text: string): string => `\`${text}\``;

export default createRule<Options, MessageIds>({
  name: 'no-process-timers',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow recurring jobs and after-response work on timers inside a web service process',
      recommended: true,
    },
    messages: {
      scheduler: '{{found}} runs in every replica, so the job runs once per instance, and not at all on serverless. {{advice}}',
      interval:
        'This `setInterval` job runs in every replica, stops mid-run when an instance is scaled in, and never runs on serverless. {{advice}}',
      loop: 'This `setTimeout` schedules its own function again, a recurring job that runs in every replica and never runs on serverless. {{advice}}',
      waitLoop: 'This loop never ends and waits with `{{wait}}` between rounds: a recurring job that runs in every replica, stops mid-run when an instance is scaled in, and never runs on serverless. {{advice}}',
      refresh: 'This job only refreshes data in process memory or for this process\'s clients, which a frozen serverless instance never does. {{advice}}',
      afterResponse:
        '`{{timer}}` in {{handler}} runs work after the response, which is lost when the instance is frozen or replaced. {{advice}}',
      afterResponseAcross:
        '`{{callee}}()` in {{handler}} starts `{{timer}}` (line {{line}} of `{{file}}`), which runs work after the response and is lost when the instance is frozen or replaced. {{advice}}',
      connection:
        '`{{timer}}` in {{handler}} is never cleared or tied to the socket: it keeps running after the client leaves, one more job for every connection, in every replica. {{advice}}',
      importedJob: '{{source}} starts {{jobs}}: a recurring job that runs in every replica, stops mid-run when an instance is scaled in, and never runs on serverless. {{advice}}',
      ...PLUGIN_MESSAGES,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          assumeServer: {
            type: 'boolean',
            description: 'Report schedulers and `setInterval` jobs in every file, not only in files that import a web framework.',
          },
          reportRefresh: {
            type: 'boolean',
            description: 'Also report `setInterval` callbacks that only refresh data kept in process memory (on in `serverless`).',
          },
        },
      },
    ],
    defaultOptions: [{ assumeServer: false, reportRefresh: false }],
  },
  create(context, [options]) {
    return onFileAnalysis(context, (analysis) => {
      // With `assumeServer`, the file that defines a job reports it.
      for (const start of options.assumeServer ? [] : analysis.importedJobs) {
        const [first] = start.jobs;
        if (!first) continue;
        const named = start.jobs.slice(0, NAMED_JOBS).map((job) => `${job.kind === 'scheduler' ? job.timer : code(job.timer)} at line ${String(job.line)} of ${code(job.file)}`);
        const more = start.jobs.length - named.length;
        context.report({
          node: start.node,
          messageId: 'importedJob',
          data: {
            source: start.via === 'call' ? code(start.source) : `Loading ${code(start.source)}`,
            jobs: more > 0 ? `${named.join(', ')} and ${String(more)} more` : named.join(', '),
            advice: analysis.advice('interval'),
          },
          finding: { kind: 'timer', name: first.timer, advice: 'finding:interval', declared: { file: first.path, line: first.line, name: first.timer } },
        });
      }
      for (const finding of analysis.timers) {
        if (!finding.serverFile && !options.assumeServer) continue;
        if (finding.kind === 'refresh' && !options.reportRefresh) continue;
        const across = finding.across;
        const [first] = across?.timers ?? [];
        if (across && first) {
          context.report({
            node: finding.node,
            messageId: 'afterResponseAcross',
            data: { callee: across.callee, handler: finding.entry ? entryName(finding.entry) : 'a handler', timer: first.timer, line: first.line, file: first.file, advice: analysis.advice('afterResponse') },
            finding: { kind: 'timer', name: first.timer, advice: 'finding:afterResponse', declared: { file: first.path, line: first.line, name: first.timer } },
          });
          continue;
        }
        switch (finding.kind) {
          case 'scheduler':
            context.report({ node: finding.node, messageId: 'scheduler', data: { found: finding.timer, advice: finding.advice ?? '' }, finding: { kind: 'scheduler', advice: { text: finding.advice ?? '' } } });
            break;
          case 'afterResponse':
          case 'connection':
            context.report({ node: finding.node, messageId: finding.kind, data: { timer: finding.timer, handler: finding.entry ? entryName(finding.entry) : 'a handler', advice: analysis.advice(finding.kind) }, finding: { kind: 'timer', name: finding.timer, advice: `finding:${finding.kind}` } });
            break;
          case 'loop':
            if (finding.wait) {
              context.report({ node: finding.node, loc: finding.wait.head, messageId: 'waitLoop', data: { wait: finding.wait.text, advice: analysis.advice('loop') }, finding: { kind: 'timer', name: finding.timer, advice: 'finding:loop' } });
              break;
            }
            context.report({ node: finding.node, messageId: finding.kind, data: { advice: analysis.advice(finding.kind) }, finding: { kind: 'timer', advice: `finding:${finding.kind}` } });
            break;
          default:
            context.report({ node: finding.node, messageId: finding.kind, data: { advice: analysis.advice(finding.kind) }, finding: { kind: 'timer', advice: `finding:${finding.kind}` } });
        }
      }
    });
  },
});
