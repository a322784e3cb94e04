import { DEVICE_KINDS, type DeviceKind } from '../../../schemas/index.js';
import { randomInt, seededRandom } from '../seeded-random.js';
import type { FleetMix } from './load.types.js';

// The shape of a load fleet, decided before anything is registered: how many devices of each kind, in which order,
// and which devices share a home (one elder). Pure and deterministic, so the same count and mix always give the same
// fleet, and a benchmark run is comparable with the last one.

/** A home in the plan: one elder and the indexes (into the kinds list) of its 1–3 devices. */
export interface PlannedHome {
  deviceIndexes: number[];
}

export interface FleetPlan {
  /** The kind of each device, interleaved so that any slice (a worker's share, the first n) has the same mix. */
  kinds: DeviceKind[];
  homes: PlannedHome[];
}

const HOMES_SEED = 2026;

export function planFleet(count: number, mix: FleetMix): FleetPlan {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`device count must be a whole number ≥ 0, got ${count}`);
  const kinds = interleave(countsPerKind(count, mix));
  return { kinds, homes: groupIntoHomes(kinds.length) };
}

/**
 * Devices per kind by the largest-remainder method: every kind gets the floor of its exact share, and the devices
 * left over go to the largest fractional parts (ties in DEVICE_KINDS order). The counts always add up to `count`.
 */
export function countsPerKind(count: number, mix: FleetMix): Map<DeviceKind, number> {
  const weights = DEVICE_KINDS.map((kind) => ({ kind, weight: mix[kind] ?? 0 }));
  for (const { kind, weight } of weights) {
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`mix weight of ${kind} must be ≥ 0, got ${weight}`);
  }
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  if (total <= 0) throw new RangeError('the fleet mix needs at least one kind with a positive weight');
  const shares = weights.map(({ kind, weight }, order) => {
    const exact = (count * weight) / total;
    return { kind, order, whole: Math.floor(exact), fraction: exact - Math.floor(exact) };
  });
  let left = count - shares.reduce((sum, s) => sum + s.whole, 0);
  const byRemainder = [...shares].sort((a, b) => b.fraction - a.fraction || a.order - b.order);
  for (const share of byRemainder) {
    if (left === 0) break;
    share.whole += 1;
    left -= 1;
  }
  return new Map(shares.filter((s) => s.whole > 0).map((s) => [s.kind, s.whole]));
}

/**
 * Spreads each kind evenly over the list: the j-th of n devices of a kind sits at (j + ½) / n, and the list is
 * sorted by that position. A worker that takes every k-th device then gets the mix too, not all the cameras.
 */
function interleave(counts: Map<DeviceKind, number>): DeviceKind[] {
  const slots: Array<{ kind: DeviceKind; position: number; order: number }> = [];
  for (const [kind, n] of counts) {
    const order = DEVICE_KINDS.indexOf(kind);
    for (let j = 0; j < n; j += 1) slots.push({ kind, position: (j + 0.5) / n, order });
  }
  slots.sort((a, b) => a.position - b.position || a.order - b.order);
  return slots.map((s) => s.kind);
}

/** Consecutive devices share a home of 1 to 3 devices (seeded, so always the same homes). */
function groupIntoHomes(deviceCount: number): PlannedHome[] {
  const random = seededRandom(HOMES_SEED);
  const homes: PlannedHome[] = [];
  for (let next = 0; next < deviceCount; ) {
    const size = Math.min(randomInt(random, 1, 3), deviceCount - next);
    homes.push({ deviceIndexes: Array.from({ length: size }, (_, i) => next + i) });
    next += size;
  }
  return homes;
}
