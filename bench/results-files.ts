import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults, RunRecord } from './bench.types.js';
import { renderChart } from './results-chart.js';
import { renderMarkdown } from './results-markdown.js';

// bench/results/<YYYY-MM-DD>-<hostname>.{json,md,svg}: a second run on the same day and machine replaces the first.

/** `<YYYY-MM-DD>-<hostname>`: what a run's file names start with. */
export const resultsBaseName = ({ startedAt, machine }: RunRecord): string => `${startedAt.slice(0, 10)}-${machine.hostname.replace(/[^A-Za-z0-9.-]/g, '_')}`;

export function writeResults(dir: string, results: BenchResults): string[] {
  mkdirSync(dir, { recursive: true });
  const base = resultsBaseName(results);
  const files = [join(dir, `${base}.json`), join(dir, `${base}.md`), join(dir, `${base}.svg`)];
  writeFileSync(files[0]!, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(files[1]!, renderMarkdown(results, `${base}.svg`));
  writeFileSync(files[2]!, renderChart(results));
  return files;
}
