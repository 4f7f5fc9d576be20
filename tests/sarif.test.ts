import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { createESLint, listSourceFiles, SERVICES_DIR } from '../tools/fixtures.js';

// Code scanning reads SARIF: the README's `--format @microsoft/sarif` recipe must produce a log that the
// SARIF 2.1.0 schema accepts, with our findings and our rule metadata in it. The schema is the one the
// SARIF SDK ships (in @microsoft/jest-sarif); it is draft-04 JSON Schema, hence ajv-draft-04.
const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const SERVICE = path.join(root, SERVICES_DIR, 'express-shop');

function sarifValidator(): ValidateFunction {
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
  // The schema's language-tag pattern is not valid with the `u` flag, and its formats need ajv-formats.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

let log: Log;
let ruleIdsReported: string[];

beforeAll(async () => {
  const eslint = createESLint(plugin, root, 'recommended');
  const results = await eslint.lintFiles(listSourceFiles(SERVICE));
  ruleIdsReported = [...new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId ?? 'fatal')))].sort();
  // The formatter is loaded by name, as `eslint --format @microsoft/sarif` loads it.
  const formatter = await eslint.loadFormatter('@microsoft/sarif');
  log = JSON.parse(await formatter.format(results)) as Log;
});

function resultsOf(sarif: Log): Result[] {
  return sarif.runs[0]?.results ?? [];
}

function rulesOf(sarif: Log): ReportingDescriptor[] {
  return sarif.runs[0]?.tool.driver.rules ?? [];
}

describe('SARIF from @microsoft/eslint-formatter-sarif', () => {
  it('lints a fixture that has findings of our rules', () => {
    expect(ruleIdsReported.length).toBeGreaterThan(0);
    expect(ruleIdsReported.every((ruleId) => ruleId.startsWith('stateless/'))).toBe(true);
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('is checked by a validator that refuses a broken log', () => {
    const validate = sarifValidator();
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const [run] = log.runs;
    const [first] = resultsOf(log);
    expect(run && first).toBeTruthy();
    const { message: _message, ...withoutMessage } = first ?? ({} as Result);
    expect(validate({ ...log, runs: [{ ...run, results: [withoutMessage] }] })).toBe(false);
  });

  it('has one run with a result for every finding', () => {
    expect(log.runs).toHaveLength(1);
    const results = resultsOf(log);
    expect(results.length).toBeGreaterThan(0);
    expect([...new Set(results.map((result) => result.ruleId))].sort()).toEqual(ruleIdsReported);
  });

  it('describes every rule it reports, with the docs page as help', () => {
    const rules = new Map(rulesOf(log).map((rule) => [rule.id, rule]));
    for (const result of resultsOf(log)) {
      const rule = rules.get(result.ruleId ?? '');
      expect(rule, result.ruleId).toBeDefined();
      const name = (result.ruleId ?? '').replace(/^stateless\//u, '') as keyof typeof plugin.rules;
      expect(rule?.helpUri).toBe(plugin.rules[name].meta?.docs?.url);
      expect(rule?.shortDescription?.text).toBe(plugin.rules[name].meta?.docs?.description);
      expect(result.ruleIndex).toBe(rulesOf(log).findIndex((candidate) => candidate.id === result.ruleId));
    }
  });

  it('places every result in a file of the fixture with a line and a column', () => {
    for (const result of resultsOf(log)) {
      expect(result.level).toBe('error');
      expect(result.message.text).toMatch(/\.$/u);
      const location = result.locations?.[0]?.physicalLocation;
      expect(location?.artifactLocation?.uri).toMatch(/^file:\/\/.*\/fixtures\/services\/express-shop\//u);
      expect(location?.region?.startLine).toBeGreaterThan(0);
      expect(location?.region?.startColumn).toBeGreaterThan(0);
    }
  });
});
