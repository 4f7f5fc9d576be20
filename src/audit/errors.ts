/** A problem with the command line, the configuration or the project that stops the audit (exit code 2, one line). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The first line of an error's message: what a one-line report shows of it. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((text) => text.trim() !== '') ?? (error instanceof Error ? error.name : 'unknown error');
  return line.trim();
}
