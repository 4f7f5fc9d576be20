/**
 * `process` in the browser bundle. typescript-estree and ESLint read environment variables
 * (`process.env.DEBUG`, `process.env.CI`) and the working directory while they parse; a worker has none.
 */
export const process = {
  env: {} as Record<string, string | undefined>,
  cwd: (): string => '/',
  platform: 'browser',
  browser: true,
  version: '',
  versions: {} as Record<string, string>,
  argv: [] as string[],
  emitWarning: (): void => undefined,
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]): void => {
    queueMicrotask(() => {
      callback(...args);
    });
  },
};
