import { PLATFORM_ADVICE, type PlatformAdviceKey } from '../src/knowledge/advice.js';

/** The advice `PLATFORM_ADVICE` gives a platform for a key; a test that names a missing one fails. */
export function platformAdvice(platform: string, key: PlatformAdviceKey): string {
  const text = PLATFORM_ADVICE.find((entry) => entry.platform === platform)?.advice[key];
  if (text === undefined) throw new Error(`no ${key} advice for ${platform}`);
  return text;
}
