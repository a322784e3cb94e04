import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchResults, LatencyAtShare, LatencyFigures, StepResult } from './bench.types.js';
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
/**
 * As stored: results written before there was more than one latency phase per step have no latencyCurve, and those
 * written before PUBLISH → alarm_received was measured have no `feedback` in their latency figures.
 */
type StoredLatency<T extends LatencyFigures> = Omit<T, 'feedback'> & { feedback?: T['feedback'] };
type StoredStep = Omit<StepResult, 'latency' | 'latencyCurve'> & { latency: StoredLatency<LatencyFigures> | null; latencyCurve?: StoredLatency<LatencyAtShare>[] };
type StoredResults = Omit<BenchResults, 'steps'> & { steps: StoredStep[] };
const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredResults;
const withFeedback = <T extends LatencyFigures>(figures: StoredLatency<T>): T => ({ ...figures, feedback: figures.feedback ?? null }) as T;
const results: BenchResults = {
  ...stored,
  steps: stored.steps.map((s) => ({
    ...s,
    latency: s.latency ? withFeedback(s.latency) : null,
    latencyCurve: (s.latencyCurve ?? []).map(withFeedback),
  })),
};
results.targets = judgeTargets(results);
for (const written of writeResults(dirname(file), results)) process.stdout.write(`${written}\n`);
