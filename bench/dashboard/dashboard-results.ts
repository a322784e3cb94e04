import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from '../machine-info.js';
import { markdownTable } from '../results-table.js';
import type { UpdateRound } from './device-updates.js';
import type { FirstRender } from './first-render.js';

// The dashboard benchmark's figures: per wall size, the first render and the 1,000 updates, each as median and p95
// of its runs; printed as a table and written to bench/results/<YYYY-MM-DD>-<hostname>-dashboard.{json,md}.

export interface Spread {
  runs: number;
  median: number;
  p95: number;
  samples: number[];
}

export interface WallScenario {
  homes: number;
  devices: number;
  /** Why this size is measured: the target, or the reference beside it. */
  role: 'target' | 'baseline';
  firstRenderMs: Spread;
  wallFetchMs: Spread;
  wallBytes: number;
  tilesInDom: number;
  updates: number;
  updateTotalMs: Spread;
  updateGatewayMs: Spread;
  updateDeskLagMs: Spread;
  updateRounds: UpdateRound[];
}

export interface DashboardResults {
  kind: 'dashboard';
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  commit: string;
  browser: string;
  settings: Record<string, string | number>;
  scenarios: WallScenario[];
  notes: string[];
}

/** Nearest-rank percentile of a few runs (p95 of five runs is their slowest). */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { runs: samples.length, median: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), samples: samples.map(round) };
}

export function scenarioFrom(homes: number, devices: number, role: WallScenario['role'], renders: FirstRender[], updates: number, rounds: UpdateRound[]): WallScenario {
  const last = renders[renders.length - 1]!;
  return {
    homes,
    devices,
    role,
    firstRenderMs: spread(renders.map((r) => r.firstRenderMs)),
    wallFetchMs: spread(renders.map((r) => r.fetchMs)),
    wallBytes: last.wallBytes,
    tilesInDom: last.tilesInDom,
    updates,
    updateTotalMs: spread(rounds.map((r) => r.totalMs)),
    updateGatewayMs: spread(rounds.map((r) => r.gatewayMs)),
    updateDeskLagMs: spread(rounds.map((r) => r.deskLagMs)),
    updateRounds: rounds,
  };
}

const HEADER = ['homes', 'measure', 'runs', 'median ms', 'p95 ms'];
const ms = (n: number) => n.toFixed(0);

function tableRows(scenarios: WallScenario[]): string[][] {
  return scenarios.flatMap((s) => {
    const who = `${s.homes.toLocaleString('en-US')}${s.role === 'baseline' ? ' (baseline)' : ''}`;
    const row = (measure: string, x: Spread) => [who, measure, String(x.runs), ms(x.median), ms(x.p95)];
    return [
      row('navigation → wall:first-render', s.firstRenderMs),
      row('  of which GET /status-wall', s.wallFetchMs),
      row(`${s.updates} device updates → counts shown`, s.updateTotalMs),
      row('  of which gateway (MQTT → live hub)', s.updateGatewayMs),
      row('  of which desk lag behind the hub', s.updateDeskLagMs),
    ];
  });
}

/** Plain columns for the terminal. */
export function textTable(scenarios: WallScenario[]): string {
  const rows = [HEADER, ...tableRows(scenarios)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

function renderMarkdown(results: DashboardResults): string {
  const { machine } = results;
  const lines = [
    `# Dashboard benchmark ${results.startedAt.slice(0, 10)} on ${machine.hostname}`,
    '',
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${(machine.ramBytes / 2 ** 30).toFixed(1)} GB RAM; ${machine.os} (Linux ${machine.kernel})`,
    `- Node.js ${machine.node}; ${results.browser}; commit \`${results.commit}\`; load average at start ${machine.loadAverageAtStart.toFixed(2)}`,
    `- Run: ${results.startedAt} → ${results.finishedAt}`,
    `- Settings: ${Object.entries(results.settings)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(', ')}`,
    '',
    '## Status wall',
    '',
    markdownTable(HEADER, tableRows(results.scenarios)),
    '',
    markdownTable(
      ['homes', 'devices', 'GET /status-wall body', 'tiles in the DOM'],
      results.scenarios.map((s) => [s.homes.toLocaleString('en-US'), s.devices.toLocaleString('en-US'), `${(s.wallBytes / 2 ** 20).toFixed(2)} MiB`, String(s.tilesInDom)]),
    ),
    '',
    '## Notes',
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
  ];
  return lines.join('\n');
}

export function writeDashboardResults(dir: string, results: DashboardResults): string[] {
  mkdirSync(dir, { recursive: true });
  const base = `${results.startedAt.slice(0, 10)}-${results.machine.hostname.replace(/[^A-Za-z0-9.-]/g, '_')}-dashboard`;
  const files = [join(dir, `${base}.json`), join(dir, `${base}.md`)];
  writeFileSync(files[0]!, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(files[1]!, renderMarkdown(results));
  return files;
}
