import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

// The cost of a file must grow with the file. Timing on a shared two-core machine is noisy, so these
// tests compare CPU time (which other processes do not add to) of the same work at two sizes, take
// the fastest of a few runs, and allow generous slack: a linear cost gives a ratio near the size
// ratio, a quadratic one several times that. The parser is espree, whose own cost is small and
// linear, so that the rules' share is what is measured.

/** A service file with `count` module bindings in the shapes the rules look at, each written by its own handler. */
export function wideModule(count: number): string {
  const lines = ["import express from 'express';", 'const app = express();'];
  for (let index = 0; index < count; index += 1) {
    switch (index % 8) {
      case 0:
        lines.push(`let hits${index} = 0;`, `app.get('/h${index}', (req, res) => { hits${index}++; res.json(hits${index}); });`);
        break;
      case 1:
        lines.push(`const cache${index} = new Map();`, `app.get('/c${index}', async (req, res) => { if (!cache${index}.has(req.params.id)) cache${index}.set(req.params.id, await load(req.params.id)); res.json(cache${index}.get(req.params.id)); });`);
        break;
      case 2:
        lines.push(`let last${index};`, `app.post('/l${index}', (req, res) => { last${index} = req.body; res.end(); });`);
        break;
      case 3:
        lines.push(`let pool${index};`, `export function getPool${index}() { if (!pool${index}) pool${index} = new Pool(); return pool${index}; }`, `process.on('SIGTERM', () => { pool${index} = null; });`);
        break;
      case 4:
        lines.push(`const sessions${index} = {};`, `app.use((req, res, next) => { sessions${index}[req.cookies.sid] = { at: Date.now() }; next(); });`);
        break;
      case 5:
        lines.push(`const config${index} = { port: ${String(index)} };`, `export function port${index}() { return config${index}.port; }`);
        break;
      case 6:
        lines.push(`let ready${index} = false;`, `app.listen(${String(index)}, () => { ready${index} = true; });`);
        break;
      default:
        lines.push(`const list${index} = [];`, `app.post('/q${index}', (req, res) => { const items = list${index}; items.push(req.body.item); res.end(); });`);
        break;
    }
  }
  return `${lines.join('\n')}\n`;
}

const ESPREE: Linter.Config = { languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'module' } };
const root = path.resolve(import.meta.dirname, '..');

/**
 * The least CPU time (ms) of `runs` lints of `code` after a first one, and the number of findings.
 * One `ESLint` instance, as in a run over many files: its configuration (with the options' validation)
 * is worked out on the first lint and kept, so the time measured is the time a file costs.
 */
async function cpuTime(code: string, configs: Linter.Config[], runs: number): Promise<{ ms: number; findings: number }> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: configs, allowInlineConfig: false });
  const lint = async (): Promise<number> => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, 'src/server.js') });
    const messages = result?.messages ?? [];
    expect(messages.filter((message) => message.fatal === true || message.ruleId === null)).toEqual([]);
    return messages.length;
  };
  const findings = await lint();
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    const before = process.cpuUsage();
    await lint();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, findings };
}

describe('cost per file', () => {
  it('grows linearly with the module bindings: 8,000 cost about 8 times 1,000', { timeout: 180_000 }, async () => {
    const configs = [plugin.configs.all as Linter.Config, ESPREE];
    const one = await cpuTime(wideModule(1000), configs, 4);
    const eight = await cpuTime(wideModule(8000), configs, 2);
    expect(eight.findings).toBe(8 * one.findings);
    // Linear is 8; before the writes of each binding were indexed, this was above 20.
    expect(eight.ms / one.ms).toBeLessThan(14);
  });

  it('does not grow with the length of an allow list of names', { timeout: 180_000 }, async () => {
    const code = wideModule(1000);
    const withAllow = (allow: string[]): Linter.Config[] => [
      plugin.configs.all,
      ESPREE,
      { rules: Object.fromEntries(['no-module-state', 'no-request-leak', 'no-global-state', 'no-sticky-session', 'no-in-memory-session'].map((rule) => [`stateless/${rule}`, ['error', { allow }]])) },
    ];
    const names = (count: number): string[] => Array.from({ length: count }, (_, index) => `allowed${String(index)}`);
    const short = await cpuTime(code, withAllow(names(10)), 4);
    const long = await cpuTime(code, withAllow([...names(100_000), '/^nothing$/']), 4);
    expect(long.findings).toBe(short.findings);
    // Every name of the file was compared with every entry before: several times as long.
    expect(long.ms / short.ms).toBeLessThan(2);
  });
});
