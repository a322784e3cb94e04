import { describe, expect, it } from 'vitest';
import { geofenceCrossed } from '../../../gateway/src/core/rules/geofence.rule.js';
import { applyDecisions, elderState, T0, type Applied } from '../../support/elder-state.js';

type Crossing = { type: 'geofence_exit' | 'geofence_enter'; fence: string };

function run(crossings: Array<{ at: number } & Crossing>): Applied {
  return crossings.reduce(
    (world, { at, ...event }) => applyDecisions(world.state, geofenceCrossed(event, world.state, at), world),
    applyDecisions(elderState({ kind: 'wearable', deviceId: 'watch-1' }), []),
  );
}

describe('geofence crossed', () => {
  it('when the elder leaves the home fence, then a P2 geofence_exit alert is raised naming the fence', () => {
    expect(geofenceCrossed({ type: 'geofence_exit', fence: 'home' }, elderState({ kind: 'wearable', deviceId: 'watch-1' }), T0)).toEqual([
      {
        kind: 'raise',
        alert: expect.objectContaining({ type: 'geofence_exit', priority: 2, deviceId: 'watch-1', context: { fence: 'home' } }),
        entry: expect.objectContaining({ action: 'raised', actor: 'device:watch-1' }),
      },
    ]);
  });

  it('when the elder comes back inside, then the alert is cleared with a note and no longer open', () => {
    const world = run([
      { at: T0, type: 'geofence_exit', fence: 'home' },
      { at: T0 + 20 * 60_000, type: 'geofence_enter', fence: 'home' },
    ]);
    expect([...world.alerts.values()]).toEqual([expect.objectContaining({ status: 'cleared', clearedAt: T0 + 20 * 60_000 })]);
    expect(world.state.openAlerts).toEqual([]);
  });

  it('when the elder comes back inside, then the clear decision carries the fence in its note', () => {
    const exited = run([{ at: T0, type: 'geofence_exit', fence: 'community' }]);
    expect(geofenceCrossed({ type: 'geofence_enter', fence: 'community' }, exited.state, T0 + 1_000)).toEqual([
      expect.objectContaining({ kind: 'update', previousStatus: 'raised', entry: expect.objectContaining({ action: 'cleared', note: 'back inside community' }) }),
    ]);
  });

  it('when exits repeat before a return, then they count on one alert', () => {
    const world = run([
      { at: T0, type: 'geofence_exit', fence: 'home' },
      { at: T0 + 60_000, type: 'geofence_exit', fence: 'home' },
    ]);
    expect([...world.alerts.values()]).toEqual([expect.objectContaining({ count: 2, status: 'raised' })]);
  });

  it('when an enter arrives with no alert open, then it is ignored with a reason', () => {
    expect(geofenceCrossed({ type: 'geofence_enter', fence: 'home' }, elderState({ kind: 'wearable' }), T0)).toEqual([{ kind: 'ignore', reason: 'no_open_alert' }]);
  });

  it('when the elder leaves again after a return, then a new alert opens', () => {
    const world = run([
      { at: T0, type: 'geofence_exit', fence: 'home' },
      { at: T0 + 60_000, type: 'geofence_enter', fence: 'home' },
      { at: T0 + 120_000, type: 'geofence_exit', fence: 'home' },
    ]);
    expect([...world.alerts.values()].map((a) => a.status)).toEqual(['cleared', 'raised']);
  });

  it('when the elder left the home fence and then enters another fence, then it is ignored and the alert stays open until home is entered', () => {
    const exited = run([{ at: T0, type: 'geofence_exit', fence: 'home' }]);
    const other = geofenceCrossed({ type: 'geofence_enter', fence: 'community' }, exited.state, T0 + 60_000);
    expect(other).toEqual([{ kind: 'ignore', reason: 'other_fence_entered' }]);
    const inCommunity = applyDecisions(exited.state, other, exited);
    expect(inCommunity.state.openAlerts).toEqual([expect.objectContaining({ type: 'geofence_exit', status: 'raised', context: { fence: 'home' } })]);
    expect(geofenceCrossed({ type: 'geofence_enter', fence: 'home' }, inCommunity.state, T0 + 120_000)).toEqual([
      expect.objectContaining({ kind: 'update', alert: expect.objectContaining({ status: 'cleared', clearedAt: T0 + 120_000 }), entry: expect.objectContaining({ note: 'back inside home' }) }),
    ]);
  });
});
