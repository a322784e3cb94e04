import { describe, expect, it } from 'vitest';
import { latencyCurveRows } from '../../../bench/results-table.js';
import { sosFeedbackFigures } from '../../../bench/sos/sos-feedback.js';
import type { LatencyAtShare, StepResult } from '../../../bench/bench.types.js';

// The benchmark's SOS PUBLISH → alarm_received matching: the alertId is not known when a press leaves, so a press is
// answered by the first alarm_received its device got at or after it; a press with none is counted, not dropped.

describe('SOS feedback matching', () => {
  it('when each device gets its alarm_received after its press, then each latency is arrival − sent', () => {
    const figures = sosFeedbackFigures(
      [
        { deviceId: 'cb-1', sentAt: 1_000 },
        { deviceId: 'cb-2', sentAt: 2_000 },
      ],
      new Map([
        ['cb-1', [1_004]],
        ['cb-2', [2_010]],
      ]),
    );
    expect(figures).toMatchObject({ presses: 2, received: 2, waiting: 0 });
    expect(figures.latency?.count).toBe(2);
    expect(figures.latency?.maxMs).toBeCloseTo(10, 1);
    expect(figures.latency?.p50Ms).toBeCloseTo(4, 1);
  });

  it('when a device got an alarm_received before its press (an earlier alarm), then only the first one after the press answers it', () => {
    const figures = sosFeedbackFigures([{ deviceId: 'cb-1', sentAt: 5_000 }], new Map([['cb-1', [4_000, 5_007, 5_300]]]));
    expect(figures.received).toBe(1);
    expect(figures.latency?.maxMs).toBeCloseTo(7, 1);
  });

  it('when a press has no alarm_received, then it is counted as waiting and left out of the percentiles', () => {
    const figures = sosFeedbackFigures(
      [
        { deviceId: 'cb-1', sentAt: 1_000 },
        { deviceId: 'cb-2', sentAt: 1_000 },
        { deviceId: 'cb-3', sentAt: 1_000 },
      ],
      new Map([
        ['cb-1', [1_003]],
        ['cb-3', [900]],
      ]),
    );
    expect(figures).toMatchObject({ presses: 3, received: 1, waiting: 2 });
    expect(figures.latency?.count).toBe(1);
  });

  it('when nothing was pressed, then there is no latency and nothing waits', () => {
    expect(sosFeedbackFigures([], new Map())).toEqual({ presses: 0, received: 0, waiting: 0, latency: null });
  });
});

describe('SOS latency against load table', () => {
  const phase = (feedback: LatencyAtShare['feedback']): LatencyAtShare => ({
    share: 0.5,
    rate: 1000,
    ackedPerSecond: 990,
    presses: 3,
    matched: 3,
    lost: 0,
    unacknowledged: 0,
    latency: { count: 3, p50Ms: 2, p99Ms: 3, p999Ms: 3, maxMs: 3, meanMs: 2 },
    deskReconnects: 0,
    feedback,
    gatewayCores: 0.5,
    machineBusy: 0.4,
  });
  const step = (curve: LatencyAtShare[]): StepResult => ({
    devices: 1000,
    connect: null,
    saturation: null,
    latency: null,
    latencyCurve: curve,
    counters: null,
    peakRssBytes: null,
    errors: [],
  });

  it('when a phase measured the feedback, then its p50, p99, max and the presses still waiting follow SOS → desk', () => {
    const feedback = sosFeedbackFigures(
      [
        { deviceId: 'a', sentAt: 0 },
        { deviceId: 'b', sentAt: 0 },
        { deviceId: 'c', sentAt: 0 },
      ],
      new Map([
        ['a', [1.5]],
        ['b', [2.5]],
      ]),
    );
    const [row] = latencyCurveRows(step([phase(feedback)]));
    expect(row!.slice(-4)).toEqual(['1.50', '2.50', '2.50', '1 / 3']);
  });

  it('when a phase has no feedback figures (results written before), then its cells are dashes', () => {
    const [row] = latencyCurveRows(step([phase(null)]));
    expect(row!.slice(-4)).toEqual(['–', '–', '–', '–']);
  });
});
