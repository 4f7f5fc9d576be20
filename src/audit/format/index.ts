import type { AuditReport } from '../report.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

import type { Format } from './names.js';

export { FORMATS, type Format } from './names.js';

export interface RenderOptions {
  readonly color: boolean;
  readonly rootLabel: string;
}

export async function render(report: AuditReport, format: Format, options: RenderOptions): Promise<string> {
  switch (format) {
    case 'text':
      return renderText(report, options);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif': {
      // SARIF names each rule with its docs; only this format needs the plugin loaded.
      const { renderSarif } = await import('./sarif.js');
      return renderSarif(report);
    }
    case 'markdown':
      return renderMarkdown(report, options);
  }
}
