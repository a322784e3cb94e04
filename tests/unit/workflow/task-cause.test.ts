import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../gateway/src/core/decisions.js';
import type { ElderState } from '../../../gateway/src/core/elder-state.js';
import { followUpsOf } from '../../../gateway/src/core/alerts/alert-follow-ups.js';
import { batteryReported } from '../../../gateway/src/core/rules/device-health/low-battery.rule.js';
import { motionSeen } from '../../../gateway/src/core/rules/life-signs/motion-seen.rule.js';
import { closeClearedTask } from '../../../gateway/src/core/tasks/task-lifecycle.js';
import { applyDecisions, elderState, T0 } from '../../support/elder-state.js';
import { sampleAlert, sampleTask } from '../../support/fixtures.js';

// Tasks follow their alert: a maintenance visit or wellness check whose cause cleared by itself says so (when, and
// what cleared it), stays open for a person to decide, and can be closed in one step. Decided in alert-follow-ups.ts
// for every alert that clears, whichever rule cleared it.

const MINUTE = 60_000;

/** Runs a rule and its follow-ups, as the rule runner does. */
function run(state: ElderState, decisions: Decision[], now: number): Decision[] {
  return [...decisions, ...followUpsOf(decisions, state, now)];
}
const marks = (decisions: Decision[]) => decisions.filter((d): d is Extract<Decision, { kind: 'updateTask' }> => d.kind === 'updateTask');

describe('tasks follow their alert', () => {
  it('when a low battery opened a maintenance visit and the battery then reads 90 %, then the visit says its cause cleared, and stays open', () => {
    const start = elderState({ kind: 'call_button', deviceId: 'dev-1' });
    const low = applyDecisions(start, run(start, batteryReported(10, start, T0), T0));
    const visit = low.state.openTasks[0];
    expect(visit).toMatchObject({ kind: 'maintenance', reason: 'low_battery', causeClearedAt: null });
    const decisions = run(low.state, batteryReported(90, low.state, T0 + 60 * MINUTE), T0 + 60 * MINUTE);
    expect(marks(decisions)).toEqual([
      {
        kind: 'updateTask',
        task: { ...visit, status: 'open', causeClearedAt: T0 + 60 * MINUTE, causeClearedNote: 'battery at 90%' },
        previousStatus: 'open',
        entry: { actor: 'device:dev-1', action: 'cause_cleared', note: 'battery at 90%' },
      },
    ]);
  });

  it('when the device is also offline, then its battery clearing does not mark the visit (the visit is still needed for the link)', () => {
    const battery = sampleAlert('a-battery', { type: 'low_battery', priority: 3, dedupKey: 'low_battery:dev-1', deviceId: 'dev-1' });
    const offline = sampleAlert('a-offline', { type: 'device_offline', priority: 3, dedupKey: 'device_offline:dev-1', deviceId: 'dev-1' });
    const visit = sampleTask('task-1', { alertId: 'a-battery' });
    const state = { ...elderState({ kind: 'call_button', deviceId: 'dev-1' }), openAlerts: [battery, offline], openTasks: [visit] };
    expect(marks(run(state, batteryReported(90, state, T0), T0))).toEqual([]);
  });

  it('when no motion raised inactivity with its wellness check and motion is then seen, then the check says its cause cleared', () => {
    const alert = sampleAlert('a-inactive', { type: 'inactivity', priority: 2, dedupKey: 'inactivity', deviceId: 'pir-1' });
    const check = sampleTask('task-2', { kind: 'wellness_check', reason: 'inactivity', deviceId: null, alertId: 'a-inactive', dedupKey: 'wellness_check' });
    const state = { ...elderState({ kind: 'motion_sensor', deviceId: 'pir-1', room: 'living room' }), openAlerts: [alert], openTasks: [check] };
    expect(marks(run(state, motionSeen(state, T0), T0))).toEqual([expect.objectContaining({ task: expect.objectContaining({ id: 'task-2', causeClearedAt: T0, causeClearedNote: 'motion seen' }) })]);
  });

  it('when a task’s cause cleared, then the desk closes it in one step: done, not needed, the clearing as its note', () => {
    const task = sampleTask('task-1', { status: 'assigned', assigneeId: 'resp-1', causeClearedAt: T0, causeClearedNote: 'battery at 90%' });
    expect(closeClearedTask(task, 'user:desk', T0 + MINUTE)).toEqual({
      ok: true,
      decisions: [
        {
          kind: 'updateTask',
          task: { ...task, status: 'done', completedAt: T0 + MINUTE, completedBy: 'user:desk', outcome: 'not_needed', note: 'cause cleared: battery at 90%' },
          previousStatus: 'assigned',
          entry: { actor: 'user:desk', action: 'done', note: 'cause cleared: battery at 90%' },
        },
      ],
    });
  });

  it.each([
    { name: 'its cause has not cleared', task: sampleTask('task-1') },
    { name: 'it is already done', task: sampleTask('task-1', { status: 'done', causeClearedAt: T0, causeClearedNote: 'x' }) },
  ])('when $name, then the one-step close is refused', ({ task }) => {
    expect(closeClearedTask(task, 'user:desk', T0)).toEqual({ ok: false, code: 'TASK_TRANSITION_INVALID', from: task.status });
  });
});
