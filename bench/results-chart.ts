import type { BenchResults, StepResult } from './bench.types.js';
import { percent } from './results-table.js';
import { TARGET_LATENCY_SHARE } from './targets.js';

// A line chart of the ladder as a hand-written SVG (no browser, no chart library): SOS → desk p99 latency on the left
// axis and sustained ingest on the right, against connected devices; the 20 ms target and Mosquitto's forwarding
// rate as dashed reference lines. The p99 at the target share is drawn bold with its values; the other shares of
// BENCH_LATENCY_SHARES thin beside it, so the reader sees how the latency moves with the load.

const W = 760;
const H = 440;
const PAD = { left: 70, right: 80, top: 56, bottom: 60 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const LATENCY_COLOUR = '#c0392b';
const INGEST_COLOUR = '#1f6fb2';
const REFERENCE_COLOUR = '#7f8c8d';
/** The other shares' p99 lines, in share order. */
const SHARE_COLOURS = ['#e67e22', '#8e44ad', '#16a085', '#b7950b', '#d35400', '#2c3e50'];

/** 1, 2 or 5 × a power of ten, at or above v. */
function niceCeiling(v: number): number {
  if (!(v > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].map((m) => m * power).find((c) => c >= v) ?? 10 * power);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (n: number) => Math.round(n).toLocaleString('en-US');

function polyline(points: [number, number][], colour: string, { width = 2.5, dot = 4 } = {}): string {
  if (points.length === 0) return '';
  const d = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const dots = points.map(([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${dot}" fill="${colour}"/>`).join('');
  return `<polyline points="${d}" fill="none" stroke="${colour}" stroke-width="${width}"/>${dots}`;
}

type Series = Array<readonly [devices: number, p99Ms: number]>;

/**
 * The p99 at every share other than the target's, lowest share first. The target's comes from `latency`, which
 * results written before the latency curve have too.
 */
function otherShares(steps: StepResult[]): Array<{ share: number; points: Series }> {
  const shares = [...new Set(steps.flatMap((s) => s.latencyCurve.map((p) => p.share)))].filter((v) => v !== TARGET_LATENCY_SHARE).sort((a, b) => a - b);
  return shares.map((share) => ({
    share,
    points: steps.flatMap((s) => {
      const p99 = s.latencyCurve.find((p) => p.share === share)?.latency?.p99Ms;
      return p99 === undefined ? [] : [[s.devices, p99] as const];
    }),
  }));
}

export function renderChart(results: BenchResults): string {
  const steps = results.steps;
  // A little room right of the largest step for its labels.
  const maxDevices = Math.max(1, ...steps.map((s) => s.devices)) * 1.08;
  const latencies: Series = steps.flatMap((s) => (s.latency?.latency ? [[s.devices, s.latency.latency.p99Ms] as const] : []));
  const others = otherShares(steps);
  const rates = steps.flatMap((s) => (s.saturation ? [[s.devices, s.saturation.ackedPerSecond] as const] : []));
  const mosquitto = results.baselines.mosquitto;
  const reference = mosquitto && 'result' in mosquitto ? mosquitto.result.forwardedPerSecond : null;
  const maxLatency = niceCeiling(Math.max(25, ...[latencies, ...others.map((o) => o.points)].flat().map(([, ms]) => ms)) * 1.1);
  const maxRate = niceCeiling(Math.max(1, reference ?? 0, ...rates.map(([, r]) => r)) * 1.1);

  const x = (devices: number) => PAD.left + (devices / maxDevices) * PLOT_W;
  const yLatency = (ms: number) => PAD.top + PLOT_H - (ms / maxLatency) * PLOT_H;
  const yRate = (rate: number) => PAD.top + PLOT_H - (rate / maxRate) * PLOT_H;

  const parts: string[] = [];
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${esc(
      `Gateway under load: ${results.machine.cores} cores, ${results.machine.cpuModel}`,
    )}</text>`,
    `<text x="${W / 2}" y="42" text-anchor="middle" font-size="12" fill="#555">${esc(
      `${results.startedAt.slice(0, 10)} · commit ${results.commit} · Node ${results.machine.node}`,
    )}</text>`,
  );
  // grid and axes
  for (let i = 0; i <= 5; i += 1) {
    const y = PAD.top + (PLOT_H * i) / 5;
    parts.push(`<line x1="${PAD.left}" y1="${y}" x2="${PAD.left + PLOT_W}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${PAD.left - 8}" y="${y + 4}" text-anchor="end" font-size="11" fill="${LATENCY_COLOUR}">${num((maxLatency * (5 - i)) / 5)}</text>`);
    parts.push(`<text x="${PAD.left + PLOT_W + 8}" y="${y + 4}" font-size="11" fill="${INGEST_COLOUR}">${num((maxRate * (5 - i)) / 5)}</text>`);
  }
  for (const s of steps) {
    parts.push(`<text x="${x(s.devices)}" y="${PAD.top + PLOT_H + 18}" text-anchor="middle" font-size="11">${num(s.devices)}</text>`);
    parts.push(`<line x1="${x(s.devices)}" y1="${PAD.top + PLOT_H}" x2="${x(s.devices)}" y2="${PAD.top + PLOT_H + 5}" stroke="#333"/>`);
  }
  parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${PAD.left + PLOT_W / 2}" y="${H - 18}" text-anchor="middle" font-size="12">connected devices</text>`);
  parts.push(
    `<text transform="translate(18 ${PAD.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="${LATENCY_COLOUR}">SOS → desk p99 (ms)</text>`,
    `<text transform="translate(${W - 14} ${PAD.top + PLOT_H / 2}) rotate(90)" text-anchor="middle" font-size="12" fill="${INGEST_COLOUR}">sustained ingest (msg/s, QoS 1)</text>`,
  );
  // reference lines
  parts.push(`<line x1="${PAD.left}" y1="${yLatency(20)}" x2="${PAD.left + PLOT_W}" y2="${yLatency(20)}" stroke="${LATENCY_COLOUR}" stroke-dasharray="3 4"/>`);
  parts.push(`<text x="${PAD.left + 6}" y="${yLatency(20) - 5}" font-size="11" fill="${LATENCY_COLOUR}">p99 target 20 ms</text>`);
  if (reference !== null) {
    parts.push(`<line x1="${PAD.left}" y1="${yRate(reference)}" x2="${PAD.left + PLOT_W}" y2="${yRate(reference)}" stroke="${REFERENCE_COLOUR}" stroke-dasharray="8 5"/>`);
    parts.push(
      `<text x="${PAD.left + PLOT_W - 6}" y="${yRate(reference) - 5}" text-anchor="end" font-size="11" fill="${REFERENCE_COLOUR}">${esc(
        `Mosquitto forwarding ${num(reference)}/s (${num(results.baselines.devices)} devices)`,
      )}</text>`,
    );
  }
  // data
  parts.push(polyline(rates.map(([d, r]) => [x(d), yRate(r)]), INGEST_COLOUR));
  const shareColour = (i: number) => SHARE_COLOURS[i % SHARE_COLOURS.length]!;
  others.forEach(({ points }, i) => parts.push(polyline(points.map(([d, ms]) => [x(d), yLatency(ms)]), shareColour(i), { width: 1.5, dot: 2.5 })));
  parts.push(polyline(latencies.map(([d, ms]) => [x(d), yLatency(ms)]), LATENCY_COLOUR));
  for (const [d, ms] of latencies) parts.push(`<text x="${x(d) + 6}" y="${yLatency(ms) - 6}" font-size="10" fill="${LATENCY_COLOUR}">${ms.toFixed(1)}</text>`);
  for (const [d, r] of rates) parts.push(`<text x="${x(d) + 6}" y="${yRate(r) + 14}" font-size="10" fill="${INGEST_COLOUR}">${num(r)}</text>`);
  // legend
  const legend: Array<{ colour: string; width: number; text: string }> = [
    { colour: INGEST_COLOUR, width: 2.5, text: 'sustained ingest at saturation' },
    { colour: LATENCY_COLOUR, width: 2.5, text: `SOS p99 at ${percent(TARGET_LATENCY_SHARE)} of that rate (target share)` },
    ...others.map(({ share }, i) => ({ colour: shareColour(i), width: 1.5, text: `SOS p99 at ${percent(share)} of that rate` })),
  ];
  const lx = PAD.left + 10;
  const ly = PAD.top + 12;
  parts.push(`<rect x="${lx - 6}" y="${ly - 12}" width="310" height="${legend.length * 18 + 4}" fill="#ffffff" fill-opacity="0.85" stroke="#ccc"/>`);
  legend.forEach(({ colour, width, text }, i) => {
    const y = ly + i * 18;
    parts.push(`<line x1="${lx}" y1="${y}" x2="${lx + 24}" y2="${y}" stroke="${colour}" stroke-width="${width}"/><text x="${lx + 30}" y="${y + 4}" font-size="11">${esc(text)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">\n${parts.join('\n')}\n</svg>\n`;
}
