import { describe, expect, it } from 'vitest';
import type { DeviceKind, GasDetectorEvent, SmokeDetectorEvent, WaterLeakSensorEvent } from '../../../schemas/index.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { hazardReported } from '../../../gateway/src/core/rules/alarms/hazard-detected.rule.js';
import { applyDecisions, elderState, T0, type Applied } from '../../support/elder-state.js';

type HazardEvent = SmokeDetectorEvent | GasDetectorEvent | WaterLeakSensorEvent;

type Fields<E> = E extends unknown ? Omit<E, 'msgId' | 'ts'> : never;

let seq = 0;
/** Builds a parsed detector event as the schemas deliver it (msgId and ts included). */
function ev<E extends HazardEvent>(fields: Fields<E>, at = T0): E {
  return { msgId: `m-${++seq}`, ts: at, ...fields } as E;
}

function run(events: Array<{ at: number; event: HazardEvent }>, state: ElderState): Applied {
  return events.reduce((world, { at, event }) => applyDecisions(world.state, hazardReported(event, world.state, at), world), applyDecisions(state, []));
}

const detector = (kind: DeviceKind, room: string | null = 'kitchen') => elderState({ kind, deviceId: 'det-1', room });

describe('hazard detected', () => {
  it.each([
    { kind: 'smoke_detector', event: ev<SmokeDetectorEvent>({ type: 'smoke' }), type: 'smoke', priority: 1, context: { room: 'kitchen' } },
    { kind: 'gas_detector', event: ev<GasDetectorEvent>({ type: 'gas', ppm: 1500 }), type: 'gas', priority: 1, context: { room: 'kitchen', ppm: 1500 } },
    { kind: 'gas_detector', event: ev<GasDetectorEvent>({ type: 'gas' }), type: 'gas', priority: 1, context: { room: 'kitchen' } },
    { kind: 'water_leak_sensor', event: ev<WaterLeakSensorEvent>({ type: 'water_leak' }), type: 'water_leak', priority: 2, context: { room: 'kitchen' } },
  ] as const)('when a $kind reports $event.type, then a P$priority $type alert is raised with context $context', ({ kind, event, type, priority, context }) => {
    expect(hazardReported(event, detector(kind), T0)).toEqual([
      {
        kind: 'raise',
        alert: expect.objectContaining({ type, priority, status: 'raised', deviceId: 'det-1', dedupKey: type, context }),
        entry: expect.objectContaining({ action: 'raised', actor: 'device:det-1' }),
      },
    ]);
  });

  it('when the detector has no room registered, then the context is empty', () => {
    expect(hazardReported(ev<SmokeDetectorEvent>({ type: 'smoke' }), detector('smoke_detector', null), T0)).toEqual([
      expect.objectContaining({ alert: expect.objectContaining({ context: {} }) }),
    ]);
  });

  it('when smoke is reported again while the alert is open, then it is repeated, not raised twice', () => {
    const world = run(
      [
        { at: T0, event: ev({ type: 'smoke' }) },
        { at: T0 + 30_000, event: ev({ type: 'smoke' }) },
      ],
      detector('smoke_detector'),
    );
    expect([...world.alerts.values()]).toEqual([expect.objectContaining({ type: 'smoke', count: 2 })]);
  });

  it.each([
    { kind: 'smoke_detector', alarm: ev<SmokeDetectorEvent>({ type: 'smoke' }), clear: ev<SmokeDetectorEvent>({ type: 'smoke_clear' }), note: 'detector reports smoke cleared' },
    { kind: 'gas_detector', alarm: ev<GasDetectorEvent>({ type: 'gas' }), clear: ev<GasDetectorEvent>({ type: 'gas_clear' }), note: 'detector reports gas cleared' },
    { kind: 'water_leak_sensor', alarm: ev<WaterLeakSensorEvent>({ type: 'water_leak' }), clear: ev<WaterLeakSensorEvent>({ type: 'water_clear' }), note: 'detector reports water cleared' },
  ] as const)('when a $kind reports $clear.type, then the timeline notes it and the alert stays open', ({ kind, alarm, clear, note }) => {
    const raised = run([{ at: T0, event: alarm }], detector(kind));
    const open = raised.state.openAlerts[0]!;
    const decisions = hazardReported(clear, raised.state, T0 + 60_000);
    expect(decisions).toEqual([
      { kind: 'update', alert: open, previousStatus: 'raised', entry: { alertId: open.id, at: T0 + 60_000, action: 'noted', actor: 'device:det-1', note } },
    ]);
    expect(applyDecisions(raised.state, decisions, raised).state.openAlerts).toEqual([expect.objectContaining({ id: open.id, status: 'raised' })]);
  });

  it('when a clear arrives with no alert open, then it is ignored with a reason', () => {
    expect(hazardReported(ev<SmokeDetectorEvent>({ type: 'smoke_clear' }), detector('smoke_detector'), T0)).toEqual([{ kind: 'ignore', reason: 'no_open_alert' }]);
  });

  it('when a detector in test mode reports smoke, then the alert is marked test with its own dedup key', () => {
    const state = elderState({ kind: 'smoke_detector', deviceId: 'det-1', testMode: true });
    expect(hazardReported(ev<SmokeDetectorEvent>({ type: 'smoke' }), state, T0)).toEqual([
      expect.objectContaining({ alert: expect.objectContaining({ test: true, dedupKey: 'test:smoke' }) }),
    ]);
  });
});
