import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderClusterMarkdown } from './cluster-markdown.js';
import type { ClusterBenchResults } from './cluster.types.js';

// bench/results/<YYYY-MM-DD>-<hostname>-cluster.{json,md}, beside the single-box run's files of that day; a second
// run on the same day and machine replaces the first.

export function writeClusterResults(dir: string, results: ClusterBenchResults): string[] {
  mkdirSync(dir, { recursive: true });
  const host = results.machine.hostname.replace(/[^A-Za-z0-9.-]/g, '_');
  const base = `${results.startedAt.slice(0, 10)}-${host}-cluster`;
  const files = [join(dir, `${base}.json`), join(dir, `${base}.md`)];
  writeFileSync(files[0]!, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(files[1]!, renderClusterMarkdown(results));
  return files;
}
