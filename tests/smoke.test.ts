import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSmokeFiles, parseSmokeArgs, projectsFromEnvironment, runSmoke } from '../tools/smoke.js';

// The project smoke lints real projects from their own roots, so that the cross-file summaries are
// built from the projects' relative imports; here it runs on a fixture service of two files, one
// importing the other.
const root = path.resolve(import.meta.dirname, '..');

describe('smoke over projects', () => {
  it('reads --projects and STATELESS_SMOKE_PROJECTS, and lints on the main thread unless told otherwise', () => {
    const services = path.join(root, 'fixtures', 'services');
    const metrics = path.join(services, 'express-metrics');
    const shop = path.join(services, 'express-shop');
    const command = parseSmokeArgs(['--projects', `${metrics},${shop}`], root);
    expect(command.projects).toEqual([metrics, shop]);
    expect(command.concurrency).toBe('off');
    expect(parseSmokeArgs(['--projects', metrics, '--concurrency', '2'], root).concurrency).toBe(2);
    expect(projectsFromEnvironment(`${metrics}${path.delimiter}${shop}${path.delimiter}`)).toEqual([metrics, shop]);
    expect(parseSmokeArgs([], root, [shop]).projects).toEqual([shop]);
    expect(() => parseSmokeArgs(['--projects', path.join(services, 'no-such-service')], root)).toThrow(`--projects: ${path.join(services, 'no-such-service')} is not a folder`);
  });

  it('leaves out node_modules of a project', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stateless-smoke-list-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
      writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
      writeFileSync(path.join(dir, 'node_modules', 'x', 'index.js'), 'module.exports = 1;\n');
      expect(listSmokeFiles(dir, false)).toEqual([path.join(dir, 'src', 'a.ts')]);
      expect(listSmokeFiles(dir)).toEqual([path.join(dir, 'node_modules', 'x', 'index.js'), path.join(dir, 'src', 'a.ts')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The smoke lints with the built plugin, as the command does.
  it.runIf(existsSync(path.join(root, 'dist', 'src', 'index.js')))('counts the project files the summaries read: app.ts reads metrics.ts', async () => {
    const project = path.join(root, 'fixtures', 'services', 'express-metrics');
    const report = await runSmoke({ root, cwd: project, dir: '.', concurrency: 'off', batchSize: 1000, limit: 0, sample: 0, nodeModules: false });
    expect(report.files).toBe(2);
    expect(report.exceptions).toEqual([]);
    expect(report.parseErrors).toBe(0);
    expect(report.skipped).toBe(0);
    expect(report.summaryReads).toBe(1);
  });
});
