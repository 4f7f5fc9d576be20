import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces what stands between `<!-- name:begin -->` and `<!-- name:end -->` in a markdown file, and
 * nothing else: how the benchmarks and `precision:real` publish their latest results.
 */
export function writeBetweenMarkers(file: string, name: string, text: string): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${begin} … ${end} section to write the results into.`);
  writeFileSync(file, `${doc.slice(0, from + begin.length)}\n\n${text}\n\n${doc.slice(to)}`);
}
