import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import { batteryReported } from '../../../gateway/src/core/rules/device-health/low-battery.rule.js';
import { elderState, T0, type StateOptions, named } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

/** Table rows titled by `name`: vitest quotes and cuts `$name` at 40 characters, `%s` prints it whole. */

const MINUTE = 60_000;

/** Reports the levels one a minute from T0 on dev-1 and returns what the gateway would have stored. */
function report(levels: number[], options: StateOptions = {}) {
  const s = ruleScenario(elderState(options));
  const decided: Decision[][] = levels.map((level, i) => s.step('dev-1', (state) => batteryReported(level, state, T0 + i * MINUTE)));
  return { ...s.world, decided };
}

describe('battery reported', () => {
  it.each(named([
    { name: 'well above the limit', level: 80 },
    { name: 'at the limit itself', level: 20 },
    { name: 'in the band between limit and clear', level: 25 },
  ]))('when no alert is open and the battery is %s, then nothing happens', (_name, { level }) => {
    expect(batteryReported(level, elderState(), T0)).toEqual([]);
  });

  it('when the battery falls below the limit, then one P3 low_battery alert and one maintenance visit are opened', () => {
    const { alerts, tasks } = report([10]);
    const [alert] = [...alerts.values()];
    expect(alert).toMatchObject({ type: 'low_battery', priority: 3, status: 'raised', deviceId: 'dev-1', count: 1, context: { battery: 10 } });
    expect(tasks).toEqual([expect.objectContaining({ kind: 'maintenance', reason: 'low_battery', deviceId: 'dev-1', alertId: alert?.id })]);
  });

  it('when heartbeats keep reporting 10 %, then there is still one alert, counted once, and one visit', () => {
    const { alerts, tasks, decided } = report(Array.from({ length: 50 }, () => 10));
    expect([...alerts.values()].map((a) => a.count)).toEqual([1]);
    expect(tasks).toHaveLength(1);
    expect(decided.slice(1).flat()).toEqual([]);
  });

  it.each(named([
    { name: 'rises into the band, then the alert stays open', levels: [10, 25], open: true, note: null },
    { name: 'is charged to exactly the clear level, then the alert clears', levels: [10, 30], open: false, note: 'battery at 30%' },
    { name: 'is charged to 35 %, then the alert clears', levels: [10, 35], open: false, note: 'battery at 35%' },
  ]))('when a low battery %s', (_name, { levels, open, note }) => {
    const { state, decided } = report(levels);
    expect(state.openAlerts.length > 0).toBe(open);
    if (note) expect(decided.at(-1)).toEqual([expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'cleared' }), entry: expect.objectContaining({ action: 'cleared', note }) })]);
  });

  it('when the elder has their own battery limits, then they apply', () => {
    const { alerts } = report([25], { overrides: { batteryLow: 30, batteryLowClear: 40 } });
    expect([...alerts.values()].map((a) => a.context)).toEqual([{ battery: 25 }]);
  });
});
