/** The report formats, apart from the renderers so that the command line checks `--format` without loading them. */
export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
