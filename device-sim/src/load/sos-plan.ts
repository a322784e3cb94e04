import type { DeviceKind } from '../../../schemas/index.js';
import type { SosOrder } from './load-protocol.js';
import type { FleetDevice } from './load.types.js';

// Which devices press SOS during a load run, and when. Each press must raise its own alert on the desk, so each
// comes from a different elder (a second press of an elder with an open SOS only adds to its count), from a kind
// that has an SOS key. The elders are taken evenly apart from a random start: two runs on the same fleet almost
// never pick the same elder, whose SOS from the last run may still be open.

const SOS_KINDS: ReadonlySet<DeviceKind> = new Set(['call_button', 'wearable']);

/** One SOS-capable device per elder, in fleet order, leaving out the devices in `exclude` (not connected). */
export function sosCandidates(devices: FleetDevice[], exclude: ReadonlySet<string> = new Set()): FleetDevice[] {
  const elders = new Set<string>();
  const candidates: FleetDevice[] = [];
  for (const device of devices) {
    if (!SOS_KINDS.has(device.kind) || exclude.has(device.id) || elders.has(device.elderId)) continue;
    elders.add(device.elderId);
    candidates.push(device);
  }
  return candidates;
}

export interface SosPlanInput {
  candidates: FleetDevice[];
  count: number;
  startAt: number;
  endAt: number;
  runTag: string;
  /** [0, 1); Math.random by default. */
  random?: () => number;
}

/** `count` presses at (i + ½) / count of the steady phase, from candidates evenly apart after a random start. */
export function planSosPresses({ candidates, count, startAt, endAt, runTag, random = Math.random }: SosPlanInput): SosOrder[] {
  if (count > candidates.length) {
    throw new RangeError(`${count} SOS presses need ${count} elders with a call button or wearable; the fleet has ${candidates.length}`);
  }
  if (count <= 0) return [];
  const offset = Math.floor(random() * candidates.length);
  const stride = candidates.length / count;
  const span = endAt - startAt;
  return Array.from({ length: count }, (_, i) => ({
    deviceId: candidates[(offset + Math.floor(i * stride)) % candidates.length]!.id,
    msgId: `${runTag}-sos-${i}`,
    at: startAt + ((i + 0.5) * span) / count,
  }));
}
