import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchResults } from './bench.types.js';
import { writeResults } from './results-files.js';
import { judgeTargets } from './targets.js';

// Rewrites a run's Markdown report and chart from its JSON, with the targets judged again: for when the report,
// the chart or the judging changes and the measurements do not need to.
// Usage: npx tsx bench/render-results.ts bench/results/<date>-<host>.json

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx bench/render-results.ts <results.json>\n');
  process.exit(2);
}
const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
results.targets = judgeTargets(results);
for (const written of writeResults(dirname(file), results)) process.stdout.write(`${written}\n`);
