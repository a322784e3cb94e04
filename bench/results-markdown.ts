import type { BenchResults, RunRecord, StepResult } from './bench.types.js';
import { BASELINE_COLUMNS, baselineRows, LATENCY_CURVE_COLUMNS, latencyCurveRows, markdownTable, percent, STEP_COLUMNS, stepRow } from './results-table.js';
import { TARGET_LATENCY_SHARE } from './targets.js';

// The human-readable report of one run, written beside its JSON.

const GB = 2 ** 30;

/** The list items that open a report: the machine, the commit, when the run was and with which settings. */
export function runLines({ machine, commit, startedAt, finishedAt, config }: RunRecord): string[] {
  return [
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${(machine.ramBytes / GB).toFixed(1)} GB RAM; ${machine.os} (Linux ${machine.kernel})`,
    `- Node.js ${machine.node}; commit \`${commit}\`; load average at start ${machine.loadAverageAtStart.toFixed(2)}`,
    `- Run: ${startedAt} → ${finishedAt}`,
    `- Settings: ${Object.entries(config)
      .map(([k, v]) => `\`${k}=${Array.isArray(v) ? v.join(',') : String(v)}\``)
      .join(', ')}`,
  ];
}

export const fileLimitLine = ({ fileLimit }: RunRecord): string =>
  `- Open-file limit: ${fileLimit.soft} (hard ${fileLimit.hard})${fileLimit.problem ? `: ${fileLimit.problem}` : ''}`;

/** Every latency phase of every step; nothing for results written before there was more than one. */
function latencyCurveSection(steps: StepResult[]): string[] {
  const rows = steps.flatMap(latencyCurveRows);
  if (rows.length === 0) return [];
  return [
    '## SOS latency against load',
    '',
    'One latency phase per share of the step\'s sustained ingest at saturation (`BENCH_LATENCY_SHARES`), lowest first, on the ' +
      'same gateway: the devices offer the share × that rate while SOS presses go out at known times, and the alerts they raise ' +
      `are resolved before the next phase. *acked*: what the gateway acknowledged per second. The ${percent(TARGET_LATENCY_SHARE)} rows are ` +
      'the ladder\'s latency columns, where the targets are judged. *alarm_received*: the same presses from the device\'s side, from its ' +
      'PUBLISH leaving to the `alarm_received` coming back on its commands topic (docs/device-protocol.md 2.1), matched by device and time; ' +
      '*no alarm_received*: presses still without one 10 s after the last press, left out of its percentiles.',
    '',
    markdownTable(LATENCY_CURVE_COLUMNS, rows),
    '',
  ];
}

export function renderMarkdown(results: BenchResults, chartFile: string): string {
  const { machine, steps, baselines, targets } = results;
  const gatewayStep = steps.find((s) => s.devices === baselines.devices);
  const lines: string[] = [];
  lines.push(`# Benchmark ${results.startedAt.slice(0, 10)} on ${machine.hostname}`, '');
  lines.push(
    ...runLines(results),
    fileLimitLine(results),
    `- Fleet: ${results.fleet.devices.toLocaleString('en-US')} devices${
      results.fleet.reused ? ' (reused)' : results.fleet.provisionSeconds !== null ? `, registered over REST in ${results.fleet.provisionSeconds.toFixed(0)} s` : ''
    }`,
    '',
  );
  lines.push('## Targets (issue 7)', '');
  lines.push(
    markdownTable(
      ['target', 'measured', 'result'],
      targets.map((t) => [t.target, t.measured, t.pass === null ? 'not measured' : t.pass ? 'met' : 'missed']),
      false,
    ),
    '',
  );
  lines.push('## Ladder', '');
  lines.push(
    'Each step starts a fresh gateway on a copy of the provisioned data. *connect*: all devices connect and hold at one message ' +
      'per device a minute (memory per device = RSS growth ÷ connected). *saturation*: closed loop at QoS 1, ingest = PUBACKs per second ' +
      'in the steady phase (the gateway validates, runs the rules and commits before the PUBACK); CPU is the gateway process only. ' +
      `*latency*: ${percent(TARGET_LATENCY_SHARE)} of the saturation rate (the share the issue's targets are set at) with SOS presses; ` +
      'latency from the PUBLISH leaving the device to `alert.raised` at a desk websocket.',
    '',
  );
  lines.push(markdownTable(STEP_COLUMNS, steps.map(stepRow)), '');
  // Results written before the latency curve have their one phase in `latency` only.
  const phases = steps.flatMap((s) => (s.latencyCurve.length > 0 ? s.latencyCurve : s.latency ? [s.latency] : []));
  if (phases.length > 0) {
    const fewest = Math.min(...phases.map((p) => p.matched));
    const most = Math.max(...phases.map((p) => p.matched));
    const range = fewest === most ? `${fewest}` : `${fewest}–${most}`;
    if (fewest < 1000) lines.push(`SOS percentiles come from ${range} presses per latency phase: with fewer than 1,000, p99.9 is the largest of them.`, '');
  }
  const crowded = steps.filter((s) => s.latency && s.latency.machineBusy >= 0.9);
  if (crowded.length > 0) {
    lines.push(
      `During the latency phase the machine was ${crowded.map((s) => `${Math.round(s.latency!.machineBusy * 100)} %`).join(', ')} busy ` +
        `(${crowded.map((s) => s.devices.toLocaleString('en-US')).join(', ')} devices): the load workers' paced sending and the gateway ` +
        'shared the cores, so the tail latency includes time spent waiting for a core.',
      '',
    );
  }
  const troubled = steps.filter((s) => s.errors.length > 0);
  if (troubled.length > 0) {
    lines.push('What went wrong:', '');
    for (const s of troubled) for (const e of s.errors) lines.push(`- ${s.devices.toLocaleString('en-US')} devices: ${e.split('\n')[0]}`);
    lines.push('');
  }
  const rejects = steps.filter((s) => s.counters && s.counters.rejected > 0);
  for (const s of rejects) {
    lines.push(`Rejected at ${s.devices.toLocaleString('en-US')} devices, by reason: ${JSON.stringify(s.counters!.rejectedBy)}`);
  }
  if (rejects.length > 0) lines.push('');
  lines.push(...latencyCurveSection(steps));
  lines.push('## Baselines', '');
  lines.push(
    `Same generator, same fleet slice (${baselines.devices.toLocaleString('en-US')} devices), saturation at QoS 1, one MQTT.js subscriber on ` +
      '`devices/#` at QoS 1. The reference rate is what reaches the subscriber per second in the steady phase.',
    '',
  );
  lines.push(markdownTable(BASELINE_COLUMNS, baselineRows(baselines, gatewayStep)), '');
  if (results.notes.length > 0) {
    lines.push('## Notes', '');
    for (const note of results.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  lines.push('## Chart', '', `![p99 latency and ingest against devices](${chartFile})`, '');
  return lines.join('\n');
}
