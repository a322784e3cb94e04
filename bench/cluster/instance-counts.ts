import { readCounters, type GatewayCounters } from '../gateway-metrics.js';

// Ingest as the gateways count it, summed over the instances: with an external broker the device's PUBACK comes from
// Mosquitto before any gateway has seen the message, so only the gateways' own counters tell what was taken in.

export interface CountedInstance {
  name: string;
  httpUrl: string;
}

export interface InstanceCounts {
  /** Messages the instances received (gateway_mqtt_messages_received_total), all instances. */
  received: number;
  /** Received, less rejected and redelivered duplicates: messages validated, ruled and committed. */
  accepted: number;
  acceptedByInstance: Record<string, number>;
}

export const acceptedOf = (c: GatewayCounters): number => c.received - c.rejected - c.duplicates;

export async function readInstanceCounts(instances: CountedInstance[]): Promise<InstanceCounts> {
  const counters = await Promise.all(instances.map((i) => readCounters(i.httpUrl)));
  const acceptedByInstance: Record<string, number> = {};
  let received = 0;
  let accepted = 0;
  counters.forEach((c, n) => {
    received += c.received;
    accepted += acceptedOf(c);
    acceptedByInstance[instances[n]!.name] = acceptedOf(c);
  });
  return { received, accepted, acceptedByInstance };
}

/** One instance's counters over two of its lives (before and after a restart). */
export function addCounters(a: GatewayCounters, b: GatewayCounters): GatewayCounters {
  const rejectedBy: Record<string, number> = { ...a.rejectedBy };
  for (const [reason, n] of Object.entries(b.rejectedBy)) rejectedBy[reason] = (rejectedBy[reason] ?? 0) + n;
  return {
    received: a.received + b.received,
    rejected: a.rejected + b.rejected,
    rejectedBy,
    ingestFailures: a.ingestFailures + b.ingestFailures,
    duplicates: a.duplicates + b.duplicates,
    connectionsRefused: a.connectionsRefused + b.connectionsRefused,
    accessDenied: a.accessDenied + b.accessDenied,
    // A gauge: what it reads now.
    devicesConnected: b.devicesConnected,
    telemetryShed: a.telemetryShed + b.telemetryShed,
  };
}
