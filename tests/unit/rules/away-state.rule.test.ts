import { describe, expect, it } from 'vitest';
import { awayEnded } from '../../../gateway/src/core/rules/life-signs/away-ended.rule.js';
import { motionSeen } from '../../../gateway/src/core/rules/life-signs/motion-seen.rule.js';
import { wearableNotWornDue, wearableRemoved } from '../../../gateway/src/core/rules/life-signs/wearable-worn.rule.js';
import { deviceFacts, elderState, T0 } from '../../support/elder-state.js';
import { ruleScenario } from '../../support/rule-scenario.js';

// Issue 28, item 5: motion at home while the elder is away asks the desk (P3 motion_while_away), once per away
// state; ending the away state answers it and restarts what was paused (the not-worn clock among them).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const home = () =>
  ruleScenario(elderState({ kind: 'motion_sensor', deviceId: 'pir-hall', room: 'hall', otherDevices: [deviceFacts('watch-1', 'wearable'), deviceFacts('door-1', 'door_sensor')] }));

describe('motion at home while away', () => {
  it('when a motion sensor sees a pass while the elder is away, then a P3 motion_while_away question naming the room reaches the desk', () => {
    const s = home();
    s.setAway({ since: T0 - HOUR, until: T0 + 3 * 24 * HOUR });
    expect(s.step('pir-hall', (state) => motionSeen(state, T0))).toContainEqual({
      kind: 'raise',
      alert: expect.objectContaining({ type: 'motion_while_away', priority: 3, deviceId: 'pir-hall', context: { room: 'hall' }, status: 'raised' }),
      entry: expect.objectContaining({ action: 'raised', actor: 'device:pir-hall' }),
    });
  });

  it('when passes keep coming while the question is open, then it is neither repeated nor raised again', () => {
    const s = home();
    s.setAway({ since: T0 - HOUR, until: T0 + 3 * 24 * HOUR });
    s.step('pir-hall', (state) => motionSeen(state, T0));
    const later = s.step('pir-hall', (state) => motionSeen(state, T0 + 10 * MINUTE));
    expect(later.filter((d) => d.kind === 'raise' || d.kind === 'update')).toEqual([]);
    expect([...s.world.alerts.values()]).toEqual([expect.objectContaining({ type: 'motion_while_away', count: 1 })]);
  });

  it('when the elder is at home, then a pass asks nothing', () => {
    expect(home().step('pir-hall', (state) => motionSeen(state, T0)).some((d) => d.kind === 'raise')).toBe(false);
  });

  it('when the desk ends the away state, then the question is cleared by the gateway', () => {
    const s = home();
    s.setAway({ since: T0 - HOUR, until: T0 + 3 * 24 * HOUR });
    s.step('pir-hall', (state) => motionSeen(state, T0));
    s.setAway(null);
    expect(s.step(null, (state) => awayEnded(state, T0 + MINUTE))).toContainEqual(
      expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ type: 'motion_while_away', status: 'cleared' }), entry: expect.objectContaining({ note: 'away state ended' }) }),
    );
    expect(s.world.state.openAlerts).toEqual([]);
  });
});

describe('the not-worn clock and the away state', () => {
  it('when the not-worn clock falls due while the elder is away without an end and the desk ends it, then the clock starts again from then', () => {
    const s = home();
    s.step('watch-1', (state) => wearableRemoved(state, T0));
    s.setAway({ since: T0 + MINUTE, until: null });
    expect(s.fire('wearable_not_worn:watch-1', wearableNotWornDue)).toEqual([{ kind: 'ignore', reason: 'elder_away' }]);
    s.setAway(null);
    expect(s.step(null, (state) => awayEnded(state, T0 + 5 * HOUR))).toContainEqual(
      expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ key: 'wearable_not_worn:watch-1', dueAt: T0 + 7 * HOUR }) }),
    );
  });

  it('when the not-worn clock falls due while the elder is away until a time, then it starts again at that time', () => {
    const s = home();
    s.step('watch-1', (state) => wearableRemoved(state, T0));
    s.setAway({ since: T0 + MINUTE, until: T0 + 3 * HOUR });
    expect(s.fire('wearable_not_worn:watch-1', wearableNotWornDue)).toEqual([
      expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ key: 'wearable_not_worn:watch-1', dueAt: T0 + 5 * HOUR }) }),
    ]);
  });
});
