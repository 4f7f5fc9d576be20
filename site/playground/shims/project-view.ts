import type { ProjectQuestions } from '../../../src/analysis/facts.js';

/**
 * `src/analysis/project/view.ts` in the browser bundle. A file linted in the playground has no
 * project on disk around it, so it asks nothing of other files, and the resolver (a native addon)
 * and the file system are left out of the bundle.
 */
export function projectQuestionsFor(): ProjectQuestions | undefined {
  return undefined;
}
