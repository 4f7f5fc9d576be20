import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).replace(/\\/gu, '/'));
}

/** Relative imports of a file (value and type imports, re-exports, `import()`), as repository paths. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/u, '.ts'));
}

const files = [...sourceFiles('src'), ...sourceFiles('rules')];
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** The floor of a file of the analysis: its imports may only point to the same or a lower floor. */
const FLOORS: readonly (readonly [RegExp, number])[] = [
  [/^src\/analysis\/file\//u, 0],
  [/^src\/analysis\/state\//u, 1],
  [/^src\/analysis\/lifetime\//u, 2],
  [/^src\/analysis\/facts\.ts$/u, 3],
  [/^src\/analysis\/findings\//u, 4],
  [/^src\/analysis\/index\.ts$/u, 5],
];

function floorOf(file: string): number | undefined {
  return FLOORS.find(([pattern]) => pattern.test(file))?.[1];
}

describe('the layout of src/', () => {
  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
        else if (state.get(next) === undefined) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (state.get(file) === undefined) visit(file);
    expect(cycles).toEqual([]);
  });

  it('keeps the floors of the analysis: file/ → state/ → lifetime/ → facts.ts → findings/ → index.ts, never upwards', () => {
    const upwards: string[] = [];
    for (const [file, imports] of graph) {
      const floor = floorOf(file);
      if (floor === undefined) continue;
      for (const imported of imports) {
        const target = floorOf(imported);
        if (target !== undefined && target > floor) upwards.push(`${file} → ${imported}`);
      }
    }
    expect(upwards).toEqual([]);
  });

  it('keeps the analysis below the rules, the audit and the plugin object', () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      file.startsWith('src/analysis/') || file.startsWith('src/frameworks/') || file.startsWith('src/knowledge/')
        ? imports.filter((imported) => imported.startsWith('rules/') || imported.startsWith('src/audit/') || imported === 'src/index.ts').map((imported) => `${file} → ${imported}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });

  it('lets a rule import only the rule helpers, the analysis door and the knowledge tables', () => {
    const allowed = (imported: string): boolean => imported.startsWith('src/util/') || imported === 'src/analysis/index.ts' || imported.startsWith('src/knowledge/');
    const wrong = [...graph].flatMap(([file, imports]) => (file.startsWith('rules/') && file !== 'rules/index.ts' ? imports.filter((imported) => !allowed(imported)).map((imported) => `${file} → ${imported}`) : []));
    expect(wrong).toEqual([]);
  });
});
