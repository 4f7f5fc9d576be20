import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// tsd-style type tests: fixtures/types holds an `eslint.config.ts` and a `// @ts-check` JavaScript
// config that use the built package's declarations the way users do, with `@ts-expect-error` on
// the lines that must not compile (an unused one is an error too). They compile against
// dist/src/index.d.ts through the package's own name, so `npm run build` comes first.
const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'fixtures', 'types');
const builtTypes = path.join(root, 'dist', 'src', 'index.d.ts');

function diagnostics(files: string[]): string[] {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    exactOptionalPropertyTypes: true,
    allowJs: true,
    checkJs: true,
    noEmit: true,
    // The packages' own declarations are theirs to check; the fixtures and how they use ours are ours.
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(root, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1} ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe.runIf(existsSync(builtTypes))('the published types', () => {
  it('type-check the configs in defineConfig(), typescript-eslint’s config(), plain arrays and // @ts-check JavaScript', () => {
    expect(diagnostics([path.join(fixtures, 'eslint.config.ts'), path.join(fixtures, 'eslint.config.js')])).toEqual([]);
  });
});
