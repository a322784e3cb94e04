import { fileLimitLine, runLines } from '../results-markdown.js';
import { markdownTable, percent } from '../results-table.js';
import { TARGET_LATENCY_SHARE } from '../targets.js';
import { LATENCY_COLUMNS, latencyRows, PROCESS_COLUMNS, processRows, THROUGHPUT_COLUMNS, throughputRows } from './cluster-table.js';
import type { ClusterBenchResults, ClusterStep } from './cluster.types.js';

// The human-readable report of one `npm run bench:cluster`, written beside its JSON.

const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function renderClusterMarkdown(results: ClusterBenchResults): string {
  const { machine, config, steps, versions } = results;
  const lines: string[] = [];
  lines.push(`# Scale-out benchmark ${results.startedAt.slice(0, 10)} on ${machine.hostname}`, '');
  lines.push(
    ...runLines(results),
    `- Single box: one gateway process, embedded aedes and SQLite (\`npm start\`), fleet of ${int(results.singleBoxFleet.devices)} devices registered over REST once.`,
    `- Scale-out: gateway instances a and b (${config['BENCH_CLUSTER_CONSUMERS']} consumer connections each, shared subscriptions), ` +
      `Mosquitto ${versions.mosquitto} (the generated mosquitto.conf: persistence, password file, ACL), PostgreSQL ${versions.postgres} ` +
      'with fsync and full-page writes on. Each step registers its fleet through instance a into a fresh database, writes ' +
      "Mosquitto's password file from the registry and reloads it.",
    fileLimitLine(results),
    '',
  );
  lines.push('## What these numbers mean', '', ...meaning(results).map((p) => `${p}\n`));

  const all = (rows: (s: ClusterStep) => string[][]) => steps.flatMap(rows);
  lines.push('## Throughput', '');
  lines.push(
    '*ingest*: messages the gateways accepted per second in the steady window of the saturation phase (closed loop at QoS 1). ' +
      "Single box: the devices' PUBACKs, which the gateway sends after it admitted the message. Scale-out: the sum of both " +
      "instances' `gateway_mqtt_messages_received_total` less rejects and duplicates, read from their `/metrics`, because " +
      "Mosquitto acknowledges a device at once. *offered*: the devices' PUBACK rate. *backlog*: messages Mosquitto had " +
      'acknowledged that no gateway had received at the end of the window; *drain*: how long the gateways then took to ' +
      'receive them, with the load stopped, and at what rate; *purged*: what was still in Mosquitto after ' +
      '`BENCH_CLUSTER_DRAIN_SECONDS`, thrown away (Mosquitto emptied, the gateways restarted on it) so that the latency phase starts from an empty broker. *KB/device*: memory of the process that holds the device ' +
      'sockets (the gateway; Mosquitto) per connected device. *gw CPU*: the gateway processes; *all CPU*: gateways + ' +
      'Mosquitto + PostgreSQL, per accepted message.',
    '',
    markdownTable(THROUGHPUT_COLUMNS, all((s) => throughputRows(s.singleBox, s.scaleOut))),
    '',
  );
  lines.push('## SOS → desk latency', '');
  lines.push(
    `Latency phase at ${percent(TARGET_LATENCY_SHARE)} of the same topology's ingest (the issue's target share), with SOS presses at known times; from the PUBLISH ` +
      'leaving the device to `alert.raised` at a desk websocket. Scale-out: a desk on each instance; each press is ingested ' +
      'by one of them and reaches the other through PostgreSQL NOTIFY.',
    '',
    markdownTable(LATENCY_COLUMNS, all((s) => latencyRows(s.singleBox, s.scaleOut))),
    '',
  );
  const presses = steps.flatMap((s) => [s.singleBox.latency?.matched, ...Object.values(s.scaleOut.latency?.desks ?? {}).map((d) => d.matched)]);
  const fewest = Math.min(...presses.filter((n): n is number => n !== undefined));
  if (Number.isFinite(fewest) && fewest < 1000) lines.push(`With ${int(fewest)} presses or a few more per row, p99.9 is the largest of them.`, '');
  lines.push('## Processes', '');
  lines.push(
    'CPU in cores (1.00 = one core busy all the time) over the steady windows; peak memory: VmHWM, PostgreSQL the highest ' +
      'proportional set size of all its processes sampled (shared buffers counted once).',
    '',
    markdownTable(PROCESS_COLUMNS, all((s) => processRows(s.singleBox, s.scaleOut))),
    '',
  );
  const troubled = steps.flatMap((s) => [
    ...s.singleBox.errors.map((e) => `${int(s.devices)} devices, single box: ${e.split('\n')[0]}`),
    ...s.scaleOut.errors.map((e) => `${int(s.devices)} devices, scale-out: ${e.split('\n')[0]}`),
  ]);
  if (troubled.length > 0) lines.push('## What went wrong', '', ...troubled.map((t) => `- ${t}`), '');
  if (results.notes.length > 0) lines.push('## Notes', '', ...results.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** The paragraphs that say what was measured and what the figures of this run show. */
function meaning(results: ClusterBenchResults): string[] {
  const { machine, config, steps } = results;
  const paragraphs = [
    `Everything ran on one machine with ${machine.cores} cores: two gateway instances, PostgreSQL, Mosquitto, ` +
      `${config['BENCH_WORKERS']} load worker processes and the harness share them, and the single box has the same cores to itself ` +
      'and the workers. So this run measures whether the scale-out topology works under load and what it costs (a second ' +
      "network hop through Mosquitto, commits in PostgreSQL flushed to disk, the cluster's NOTIFY traffic, two processes " +
      'doing what one did), not how it scales: two instances here compete for the cores one instance already used. Scaling ' +
      'needs the instances, the database and the broker on machines of their own.',
  ];
  for (const { devices, singleBox, scaleOut } of steps) {
    const one = singleBox.saturation;
    const two = scaleOut.saturation;
    if (!one || !two) continue;
    const parts = [
      `At ${int(devices)} devices the gateways took in ${int(two.ingestPerSecond)} msg/s, ` +
        `${(two.ingestPerSecond / one.ackedPerSecond).toFixed(2)}× the single box's ${int(one.ackedPerSecond)} msg/s`,
    ];
    if (two.topologyCpuMicrosPerMessage !== null && one.cpuMicrosPerMessage !== null) {
      parts.push(`at ${int(two.topologyCpuMicrosPerMessage)} µs of CPU per message across gateways, Mosquitto and PostgreSQL against ${int(one.cpuMicrosPerMessage)} µs in the one process`);
    }
    let text = `${parts.join(', ')}.`;
    if (two.offeredPerSecond > two.ingestPerSecond * 1.05) {
      text +=
        ` Mosquitto acknowledged ${int(two.offeredPerSecond)} msg/s to the devices meanwhile: the rest waited in its queues for the gateway ` +
        `sessions (${int(two.backlogAtEnd)} messages at the end of the window${two.mosquittoStoredAtEnd === null ? '' : `; Mosquitto's $SYS count of stored messages: ${int(two.mosquittoStoredAtEnd)}`})` +
        (two.drain
          ? two.drain.drained
            ? `, and the gateways drained them in ${two.drain.seconds.toFixed(0)} s${two.drain.perSecond === null ? '' : ` at ${int(two.drain.perSecond)} msg/s with the load generator idle`}.`
            : `; the gateways took ${two.drain.perSecond === null ? 'none' : `${int(two.drain.perSecond)} msg/s`} of them with the load generator idle, ` +
              `and ${int(two.drain.remaining)} had not reached a gateway ${two.drain.seconds.toFixed(0)} s later: they were thrown away so that the latency phase started from an empty broker.`
          : '.') +
        ' A device is never slowed by a slow gateway in this topology: its messages queue in the broker, up to its per-session limits.';
    }
    paragraphs.push(text);
    const desks = Object.entries(scaleOut.latency?.desks ?? {}).filter(([, d]) => d.latency);
    const single = singleBox.latency?.latency;
    if (desks.length > 0 && single) {
      paragraphs.push(
        `SOS → desk at ${int(devices)} devices: p99 ${desks.map(([name, d]) => `${d.latency!.p99Ms.toFixed(1)} ms on instance ${name}'s desk`).join(', ')}, ` +
          `against ${single.p99Ms.toFixed(1)} ms on the single box, at ${int(scaleOut.latency!.rate)} and ${int(singleBox.latency!.rate)} msg/s of background ` +
          "load: each topology at its own share of its own ingest, so the same devices but not the same load.",
      );
    }
  }
  return paragraphs;
}
