import { describe, expect, it } from 'vitest';
import { emptyCounts, HOME_STATES, lowestBattery, statesOf, toHomeTile, worseAlert } from '../../../dashboard/src/model/wall-home.js';
import { aDevice, aHome, anAlert } from './fixtures.js';

// One home on the status wall: its states from its devices and its open alerts, worst first; the first is the tile's.

describe('wall home state', () => {
  it('when every device reported online with a good battery, then the home is online', () => {
    const tile = toHomeTile(aHome({ elderId: 'e1', devices: [aDevice({ id: 'd1' }), aDevice({ id: 'd2', battery: null })] }));
    expect(tile).toMatchObject({ reported: 2, offline: 0, low: 0, state: 'online' });
  });

  it('when no device was ever heard from, then the home has no data', () => {
    const tile = toHomeTile(aHome({ elderId: 'e1', devices: [aDevice({ id: 'd1', online: null, battery: null, lastSeenAt: null })] }));
    expect(tile).toMatchObject({ reported: 0, state: 'noData' });
  });

  it('when the home has no devices at all, then it has no data', () => {
    expect(toHomeTile(aHome({ elderId: 'e1' })).state).toBe('noData');
  });

  it('when one device was heard and another never, then the home is drawn from the one heard', () => {
    const tile = toHomeTile(aHome({ elderId: 'e1', devices: [aDevice({ id: 'd1' }), aDevice({ id: 'd2', online: null, battery: null, lastSeenAt: null })] }));
    expect(tile).toMatchObject({ reported: 1, state: 'online' });
  });

  it('when a battery is below the home threshold, then the home is low battery', () => {
    const tile = toHomeTile(aHome({ elderId: 'e1', batteryLow: 30, devices: [aDevice({ id: 'd1', battery: 29 }), aDevice({ id: 'd2' })] }));
    expect(tile).toMatchObject({ low: 1, state: 'lowBattery' });
  });

  it('when a battery equals the home threshold, then it is not low', () => {
    const tile = toHomeTile(aHome({ elderId: 'e1', batteryLow: 30, devices: [aDevice({ id: 'd1', battery: 30 })] }));
    expect(tile).toMatchObject({ low: 0, state: 'online' });
  });

  it('when two homes have different thresholds, then the same battery is low in one only', () => {
    const device = aDevice({ id: 'd1', battery: 25 });
    expect(toHomeTile(aHome({ elderId: 'e1', batteryLow: 20, devices: [device] })).state).toBe('online');
    expect(toHomeTile(aHome({ elderId: 'e2', batteryLow: 30, devices: [device] })).state).toBe('lowBattery');
  });

  it('when a device is offline and another low, then the home is in both, drawn offline', () => {
    const tile = toHomeTile(aHome({ elderId: 'e1', devices: [aDevice({ id: 'd1', online: false }), aDevice({ id: 'd2', battery: 5 })] }));
    expect(tile).toMatchObject({ offline: 1, low: 1, states: ['offline', 'lowBattery'], state: 'offline' });
  });

  it('when the home has an open alert, an offline device and a low battery, then it is in all three, drawn as open alert', () => {
    expect(statesOf({ alertTypes: ['sos'], reported: 2, offline: 1, low: 1 })).toEqual(['openAlert', 'offline', 'lowBattery']);
    // an open alert and no device ever heard: the alert, not "no data"
    expect(statesOf({ alertTypes: ['phone_emergency'], reported: 0, offline: 0, low: 0 })).toEqual(['openAlert']);
  });

  it('when an open alert is a low battery or a device offline, then the home is in that state too, whatever its devices said since', () => {
    expect(statesOf({ alertTypes: ['low_battery'], reported: 1, offline: 0, low: 0 })).toEqual(['openAlert', 'lowBattery']);
    expect(statesOf({ alertTypes: ['device_offline', 'fall'], reported: 1, offline: 0, low: 0 })).toEqual(['openAlert', 'offline']);
  });

  it('when a home has no problem, then it is online or has no data, never both', () => {
    expect(statesOf({ alertTypes: [], reported: 1, offline: 0, low: 0 })).toEqual(['online']);
    expect(statesOf({ alertTypes: [], reported: 0, offline: 0, low: 0 })).toEqual(['noData']);
  });

  it('when the states are listed, then they are worst first', () => {
    expect(HOME_STATES).toEqual(['openAlert', 'offline', 'lowBattery', 'online', 'noData']);
  });

  it('when a tile is made, then its devices are copies the live events may change without touching the reply', () => {
    const home = aHome({ elderId: 'e1', devices: [aDevice({ id: 'd1' })] });
    const tile = toHomeTile(home);
    tile.devices[0]!.online = false;
    expect(home.devices[0]!.online).toBe(true);
  });

  it('when a tile is made, then its search text holds name, address, device ids and rooms in lower case', () => {
    const tile = toHomeTile(aHome({ elderId: 'e1', name: 'Li Ming', address: 'Elm St 3', devices: [aDevice({ id: 'CB-7', room: 'Bedroom' })] }));
    expect(tile.haystack.split('\n')).toEqual(['li ming', 'elm st 3', 'cb-7', 'bedroom']);
  });
});

describe('wall home helpers', () => {
  it('when counts start, then every state and the homes are zero', () => {
    expect(emptyCounts()).toEqual({ homes: 0, openAlert: 0, offline: 0, lowBattery: 0, online: 0, noData: 0 });
    expect(emptyCounts()).not.toBe(emptyCounts());
  });

  it('when devices report batteries, then the lowest one is shown and those without a battery are skipped', () => {
    const tile = toHomeTile(aHome({ elderId: 'e1', devices: [aDevice({ id: 'd1', battery: 40 }), aDevice({ id: 'd2', battery: null }), aDevice({ id: 'd3', battery: 12 })] }));
    expect(lowestBattery(tile)).toBe(12);
    expect(lowestBattery(toHomeTile(aHome({ elderId: 'e2', devices: [aDevice({ id: 'd4', battery: null })] })))).toBeNull();
  });

  it('when two alerts differ in priority, then the worse priority is drawn', () => {
    const urgent = anAlert({ id: 'a1', priority: 2, raisedAt: '2025-03-01T07:00:00.000Z' });
    const life = anAlert({ id: 'a2', priority: 1, status: 'acknowledged', raisedAt: '2025-03-01T09:00:00.000Z' });
    expect(worseAlert(urgent, life)).toBe(life);
    expect(worseAlert(life, urgent)).toBe(life);
  });

  it('when two alerts share a priority, then the unacknowledged one is drawn before the one being worked on', () => {
    const acked = anAlert({ id: 'a1', status: 'acknowledged', raisedAt: '2025-03-01T07:00:00.000Z' });
    const raised = anAlert({ id: 'a2', status: 'raised', raisedAt: '2025-03-01T09:00:00.000Z' });
    expect(worseAlert(acked, raised)).toBe(raised);
    expect(worseAlert(raised, acked)).toBe(raised);
  });

  it('when two alerts share priority and state, then the oldest is drawn', () => {
    const older = anAlert({ id: 'a1', raisedAt: '2025-03-01T07:00:00.000Z' });
    const newer = anAlert({ id: 'a2', raisedAt: '2025-03-01T09:00:00.000Z' });
    expect(worseAlert(newer, older)).toBe(older);
    expect(worseAlert(older, newer)).toBe(older);
  });
});
