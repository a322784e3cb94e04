import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsBaseName } from '../results-files.js';
import { renderClusterMarkdown } from './cluster-markdown.js';
import type { ClusterBenchResults } from './cluster.types.js';

// bench/results/<YYYY-MM-DD>-<hostname>-cluster.{json,md}, beside the single-box run's files of that day; a second
// run on the same day and machine replaces the first.

export function writeClusterResults(dir: string, results: ClusterBenchResults): string[] {
  mkdirSync(dir, { recursive: true });
  const base = `${resultsBaseName(results)}-cluster`;
  const files = [join(dir, `${base}.json`), join(dir, `${base}.md`)];
  writeFileSync(files[0]!, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(files[1]!, renderClusterMarkdown(results));
  return files;
}
