import type { BenchResults, RunRecord } from './bench.types.js';
import { BASELINE_COLUMNS, baselineRows, markdownTable, STEP_COLUMNS, stepRow } from './results-table.js';

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
      '*latency*: half the saturation rate with SOS presses; latency from the PUBLISH leaving the device to `alert.raised` at a desk websocket.',
    '',
  );
  lines.push(markdownTable(STEP_COLUMNS, steps.map(stepRow)), '');
  const presses = Math.min(...steps.map((s) => s.latency?.matched ?? Infinity));
  if (Number.isFinite(presses) && presses < 1000) {
    const most = Math.max(...steps.map((s) => s.latency?.matched ?? 0));
    const range = presses === most ? `${presses}` : `${presses}–${most}`;
    lines.push(`SOS percentiles come from ${range} presses per step: with fewer than 1,000, p99.9 is the largest of them.`, '');
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
