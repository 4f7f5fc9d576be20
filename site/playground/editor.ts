import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import type { Linter } from 'eslint';

export interface Suggestion {
  desc: string;
  fix: { range: [number, number]; text: string };
}

function languageFor(file: string) {
  return javascript({ typescript: /\.[cm]?tsx?$/u.test(file), jsx: /\.[jt]sx$/u.test(file) });
}

/**
 * The offset of a 1-based line and column, clamped to the document. A message with no position (a
 * fatal error that is not a syntax error carries none) is drawn at the start.
 */
function offsetOf(state: EditorState, line: number | undefined, column: number | undefined): number {
  const safeLine = Number.isFinite(line) ? Math.min(Math.max(line ?? 1, 1), state.doc.lines) : 1;
  const info = state.doc.line(safeLine);
  const safeColumn = Number.isFinite(column) ? (column ?? 1) : 1;
  return Math.min(info.from + Math.max(safeColumn - 1, 0), info.to);
}

export function diagnosticsOf(state: EditorState, messages: readonly Linter.LintMessage[], apply: (fix: Suggestion['fix']) => void): Diagnostic[] {
  return messages.map((message) => {
    const from = offsetOf(state, message.line, message.column);
    const to = message.endLine === undefined ? from : Math.max(from, offsetOf(state, message.endLine, message.endColumn ?? message.column));
    return {
      from,
      to: to === from ? Math.min(from + 1, state.doc.length) : to,
      severity: message.severity === 2 ? 'error' : 'warning',
      source: message.ruleId ?? 'parser',
      message: message.message,
      actions: (message.suggestions ?? []).map((suggestion) => ({
        name: suggestion.desc,
        apply: () => {
          apply(suggestion.fix);
        },
      })),
    };
  });
}

/**
 * The playground's editor: CodeMirror 6 with JavaScript/TypeScript highlighting chosen by the file
 * name, and the findings drawn as underlines with hover tooltips (`@codemirror/lint`).
 */
export class PlaygroundEditor {
  readonly view: EditorView;
  private readonly language = new Compartment();

  constructor(parent: HTMLElement, code: string, file: string, onChange: (code: string) => void) {
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: code,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          this.language.of(languageFor(file)),
          lintGutter(),
          EditorView.contentAttributes.of({ 'aria-label': 'Code', 'data-testid': 'editor' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
  }

  get code(): string {
    return this.view.state.doc.toString();
  }

  setCode(code: string): void {
    if (code === this.code) return;
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: code } });
  }

  setFile(file: string): void {
    this.view.dispatch({ effects: this.language.reconfigure(languageFor(file)) });
  }

  showMessages(messages: readonly Linter.LintMessage[], apply: (fix: Suggestion['fix']) => void): void {
    this.view.dispatch(setDiagnostics(this.view.state, diagnosticsOf(this.view.state, messages, apply)));
  }

  applyFix(fix: Suggestion['fix']): void {
    const [from, to] = fix.range;
    this.view.dispatch({ changes: { from, to, insert: fix.text } });
  }

  reveal(line: number, column: number): void {
    const at = offsetOf(this.view.state, line, column);
    this.view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }
}
