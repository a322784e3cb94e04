import type { SosFeedbackFigures } from '../bench.types.js';
import { createLatencyHistogram } from '../latency-histogram.js';

// Matches each SOS press with the `alarm_received` that came back on its device's commands topic
// (docs/device-protocol.md 2.1). The alertId is not known when the press leaves, so a press is matched by its device
// and time: the first alarm_received that device got at or after the press. A latency phase presses each device
// once (one device per elder, sos-plan.ts), so the first one after the press is its answer.

export interface SentPress {
  deviceId: string;
  /** When the PUBLISH was handed to the socket (the clock of load.types.ts). */
  sentAt: number;
}

/** deviceId → arrival times of its alarm_received messages, in arrival order. */
export type FeedbackArrivals = ReadonlyMap<string, readonly number[]>;

/** The first alarm_received of the press's device at or after the press; undefined while none has come. */
export function feedbackArrival(press: SentPress, arrivals: FeedbackArrivals): number | undefined {
  return arrivals.get(press.deviceId)?.find((at) => at >= press.sentAt);
}

/**
 * PUBLISH → alarm_received over every press. A press with no answer yet is counted as waiting, never left out: the
 * percentiles are of the answered ones only, so the count says how many they leave out.
 */
export function sosFeedbackFigures(presses: readonly SentPress[], arrivals: FeedbackArrivals): SosFeedbackFigures {
  const histogram = createLatencyHistogram();
  let received = 0;
  for (const press of presses) {
    const at = feedbackArrival(press, arrivals);
    if (at === undefined) continue;
    received += 1;
    histogram.record(at - press.sentAt);
  }
  return { presses: presses.length, received, waiting: presses.length - received, latency: histogram.summary() };
}
