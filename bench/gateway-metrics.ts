// The gateway's own counters, read from its Prometheus endpoint: what it refused and what failed while the load ran.

export interface GatewayCounters {
  received: number;
  rejected: number;
  /** Rejects by their `reason` label (or whatever label the counter carries). */
  rejectedBy: Record<string, number>;
  ingestFailures: number;
  duplicates: number;
  connectionsRefused: number;
  accessDenied: number;
  devicesConnected: number;
  /** Telemetry dropped because the sink's buffer was full (docs/decisions/0007-telemetry-never-blocks-alarms.md: shed and counted, alarms never). */
  telemetryShed: number;
}

/** Sum of every sample of a metric, and the samples keyed by their label set. */
function samples(text: string, name: string): { total: number; byLabels: Record<string, number> } {
  const byLabels: Record<string, number> = {};
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue; // a longer metric name with this prefix
    const labels = rest[0] === '{' ? rest.slice(1, rest.indexOf('}')) : '';
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (!Number.isFinite(value)) continue;
    total += value;
    const key = labels.replace(/[a-z_]+="([^"]*)"/g, '$1') || 'all';
    byLabels[key] = (byLabels[key] ?? 0) + value;
  }
  return { total, byLabels };
}

export function parseCounters(text: string): GatewayCounters {
  const rejected = samples(text, 'gateway_mqtt_messages_rejected_total');
  return {
    received: samples(text, 'gateway_mqtt_messages_received_total').total,
    rejected: rejected.total,
    rejectedBy: rejected.byLabels,
    ingestFailures: samples(text, 'gateway_ingest_failures_total').total,
    duplicates: samples(text, 'gateway_mqtt_duplicate_messages_total').total,
    connectionsRefused: samples(text, 'gateway_mqtt_connections_refused_total').total,
    accessDenied: samples(text, 'gateway_mqtt_access_denied_total').total,
    devicesConnected: samples(text, 'gateway_devices_connected').total,
    telemetryShed: samples(text, 'gateway_telemetry_points_shed_total').total,
  };
}

export async function readCounters(httpUrl: string): Promise<GatewayCounters> {
  const response = await fetch(`${httpUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics: HTTP ${response.status}`);
  return parseCounters(await response.text());
}
