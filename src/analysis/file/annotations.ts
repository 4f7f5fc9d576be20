import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** `// stateless-ok: <reason>` marks intentional per-instance state on the statement below it (or at its end). */
const ANNOTATION = /(?:^|\n)[\t ]*\*?[\t ]*stateless-ok\b(?<colon>[\t ]*:)?(?<reason>[^\n]*)/u;

export interface Annotation {
  readonly comment: TSESTree.Comment;
  /** The reason given after the colon, trimmed; empty when none was given. */
  readonly reason: string;
}

export class Annotations {
  readonly all: readonly Annotation[];
  private readonly byEndLine = new Map<number, Annotation>();
  private readonly byStartLine = new Map<number, Annotation>();

  constructor(sourceCode: Readonly<TSESLint.SourceCode>) {
    const all: Annotation[] = [];
    for (const comment of sourceCode.getAllComments()) {
      const match = ANNOTATION.exec(comment.value);
      if (!match?.groups) continue;
      const reason = match.groups.colon === undefined ? '' : (match.groups.reason ?? '').trim();
      const annotation = { comment, reason };
      all.push(annotation);
      this.byEndLine.set(comment.loc.end.line, annotation);
      this.byStartLine.set(comment.loc.start.line, annotation);
    }
    this.all = all;
  }

  /** The annotation that applies to a statement: on the line above it, or trailing on its first line. */
  forStatement(statement: TSESTree.Node): Annotation | undefined {
    const above = this.byEndLine.get(statement.loc.start.line - 1);
    if (above) return above;
    const trailing = this.byStartLine.get(statement.loc.start.line);
    if (trailing && trailing.comment.range[0] > statement.range[0]) return trailing;
    return undefined;
  }

  /** Whether a statement carries an annotation with a reason (malformed ones excuse nothing). */
  excuses(statement: TSESTree.Node): boolean {
    const annotation = this.forStatement(statement);
    return annotation !== undefined && annotation.reason.length > 0;
  }
}
