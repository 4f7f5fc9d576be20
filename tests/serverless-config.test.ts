import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { createESLint } from '../tools/fixtures.js';

const root = path.resolve(import.meta.dirname, '..');
const serverless = plugin.configs.serverless.rules ?? {};
const recommended = plugin.configs.recommended.rules ?? {};

// A Lambda file: no web framework import, a counter, a file left in /tmp and a timer.
const LAMBDA = `
import { writeFile } from 'node:fs/promises';
import { flushMetrics } from './metrics';

let invocations = 0;
setInterval(() => void flushMetrics(), 10_000);

export const handler = async (event: { id: string }) => {
  invocations++;
  await writeFile(\`/tmp/\${event.id}.json\`, JSON.stringify({ invocations }));
  return { statusCode: 204 };
};
`;

describe('configs.serverless', () => {
  it('enables the recommended rules, no-process-timers among them', () => {
    expect(Object.keys(serverless).sort()).toEqual(Object.keys(recommended).sort());
    expect(recommended['stateless/no-process-timers']).toBe('error');
  });

  it('reports unknown lifetimes, files in any file, and refresh intervals', () => {
    expect(serverless['stateless/no-module-state']).toEqual(['error', { lifetimes: ['request', 'unknown'] }]);
    expect(serverless['stateless/no-local-files']).toEqual(['error', { lifetimes: ['request', 'unknown'], assumeServer: true }]);
    expect(serverless['stateless/no-process-timers']).toEqual(['error', { assumeServer: true, reportRefresh: true }]);
  });

  it('reports the counter, the /tmp file and the timer of a Lambda file that recommended partly misses', async () => {
    const lint = async (config: 'serverless' | 'recommended') => {
      const [result] = await createESLint(plugin, root, config).lintText(LAMBDA, { filePath: path.join(root, 'functions', 'receipt.ts') });
      return (result?.messages ?? []).map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}`);
    };
    expect(await lint('serverless')).toEqual(['6 stateless/no-process-timers', '9 stateless/no-module-state', '10 stateless/no-local-files']);
    expect(await lint('recommended')).toEqual(['9 stateless/no-module-state', '10 stateless/no-local-files']);
  });
});
