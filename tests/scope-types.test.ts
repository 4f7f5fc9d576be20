import { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { DefinitionType, ScopeType } from '../src/analysis/file/scope-types.js';

describe('the scope manager’s kinds, as the analysis reads them', () => {
  it('are the strings of typescript-eslint’s enums, member for member', () => {
    expect(DefinitionType).toEqual({ ...TSESLint.Scope.DefinitionType });
    expect(ScopeType).toEqual({ ...TSESLint.Scope.ScopeType });
  });
});
