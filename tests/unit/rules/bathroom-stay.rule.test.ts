import { describe, expect, it } from 'vitest';
import { awayEnded } from '../../../gateway/src/core/rules/life-signs/away-ended.rule.js';
import { bathroomStayDue, motionSeen } from '../../../gateway/src/core/rules/life-signs/motion-seen.rule.js';
import { deviceFacts, elderState, T0 } from '../../support/elder-state.js';
import { ruleScenario, type RuleScenario } from '../../support/rule-scenario.js';

// Issue 28, items 1 and 6: the bathroom stay is counted from entering the bathroom until a pass somewhere else;
// moving in the bathroom does not restart it, and it resumes when the away state ends.
// The acceptance tester's figures: a 36 s stay (0.01 h) and the bathroom sensor firing every 12 s.

const SECOND = 1000;
const KEY = 'bathroom_stay:elder-1';

const flat = (overrides = {}) =>
  ruleScenario(
    elderState({ kind: 'motion_sensor', deviceId: 'pir-bath', room: 'bathroom', overrides: { bathroomStayHours: 0.01, ...overrides }, otherDevices: [deviceFacts('pir-hall', 'motion_sensor', 'hall')] }),
  );
const pass = (s: RuleScenario, deviceId: string, at: number) => s.step(deviceId, (state) => motionSeen(state, at));

describe('bathroom stay', () => {
  it('when the bathroom sensor fires every 12 s after entering, then the stay still falls due 36 s after entering and raises prolonged_stay', () => {
    const s = flat();
    for (let t = 0; t <= 96; t += 12) pass(s, 'pir-bath', T0 + t * SECOND);
    expect(s.world.armed.get(KEY)?.dueAt).toBe(T0 + 36 * SECOND);
    expect(s.fire(KEY, bathroomStayDue, T0 + 36 * SECOND)).toEqual([
      expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ type: 'prolonged_stay', priority: 2, context: expect.objectContaining({ room: 'bathroom' }) }) }),
    ]);
  });

  it('when passes in the bathroom come at 0, 10 and 20 s, then the stay is due at 36 s, not 56 s', () => {
    const s = flat();
    for (const t of [0, 10, 20]) pass(s, 'pir-bath', T0 + t * SECOND);
    expect(s.world.armed.get(KEY)?.dueAt).toBe(T0 + 36 * SECOND);
  });

  it('when a further pass in the bathroom comes after the alert was raised, then no new clock starts and the alert stays open', () => {
    const s = flat();
    pass(s, 'pir-bath', T0);
    s.fire(KEY, bathroomStayDue);
    expect(pass(s, 'pir-bath', T0 + 40 * SECOND)).toContainEqual({ kind: 'ignore', reason: 'bathroom_stay_already_counted' });
    expect(s.world.armed.has(KEY)).toBe(false);
    expect(s.world.state.openAlerts).toEqual([expect.objectContaining({ type: 'prolonged_stay' })]);
  });

  it('when the elder passes in the hall and comes back to the bathroom, then a new stay is counted from coming back', () => {
    const s = flat();
    pass(s, 'pir-bath', T0);
    pass(s, 'pir-hall', T0 + 20 * SECOND);
    expect(s.world.armed.has(KEY)).toBe(false);
    expect(s.world.state.ruleStates.has('bathroom_visit')).toBe(false);
    pass(s, 'pir-bath', T0 + 30 * SECOND);
    expect(s.world.armed.get(KEY)?.dueAt).toBe(T0 + 66 * SECOND);
  });

  it('when the only motion sensor is in the bathroom, then nothing could end a stay and the clock runs from the last pass', () => {
    const s = ruleScenario(elderState({ kind: 'motion_sensor', deviceId: 'pir-bath', room: 'bathroom', overrides: { bathroomStayHours: 0.01 } }));
    pass(s, 'pir-bath', T0);
    pass(s, 'pir-bath', T0 + 20 * SECOND);
    expect(s.world.armed.get(KEY)?.dueAt).toBe(T0 + 56 * SECOND);
  });
});

describe('bathroom stay and the away state', () => {
  it('when the stay falls due while the elder is away without an end and the desk ends the away state, then the bathroom clock starts again from then', () => {
    const s = flat();
    pass(s, 'pir-bath', T0);
    s.setAway({ since: T0 + 10 * SECOND, until: null });
    expect(s.fire(KEY, bathroomStayDue)).toEqual([{ kind: 'ignore', reason: 'elder_away' }]);
    s.setAway(null);
    const back = T0 + 3_600 * SECOND;
    expect(s.step(null, (state) => awayEnded(state, back))).toContainEqual({
      kind: 'arm',
      deadline: { key: KEY, kind: 'bathroom_stay', elderId: 'elder-1', deviceId: 'pir-bath', dueAt: back + 36 * SECOND, data: { room: 'bathroom', since: back } },
    });
    expect(s.fire(KEY, bathroomStayDue)).toEqual([expect.objectContaining({ kind: 'raise', alert: expect.objectContaining({ type: 'prolonged_stay' }) })]);
  });

  it('when the stay falls due while the elder is away until a time, then it starts again at that time, like inactivity and door idle', () => {
    const s = flat();
    pass(s, 'pir-bath', T0);
    const until = T0 + 600 * SECOND;
    s.setAway({ since: T0 + 10 * SECOND, until });
    expect(s.fire(KEY, bathroomStayDue)).toEqual([expect.objectContaining({ kind: 'arm', deadline: expect.objectContaining({ key: KEY, dueAt: until + 36 * SECOND, data: { room: 'bathroom', since: until } }) })]);
  });

  it('when the away state ends and the elder was not in the bathroom, then no bathroom clock starts', () => {
    const s = flat();
    pass(s, 'pir-hall', T0);
    expect(s.step(null, (state) => awayEnded(state, T0 + 60 * SECOND)).some((d) => d.kind === 'arm' && d.deadline.kind === 'bathroom_stay')).toBe(false);
  });
});
