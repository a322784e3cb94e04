import { describe, expect, test } from 'vitest';
import { createDeviceCommandBodySchema, THRESHOLDS_BY_KIND, deviceThresholdsSchema } from '../../../schemas/index.js';
import { buildCommand, THRESHOLD_RANGES } from '../../../dashboard/src/desk/devices/panel/command-body.js';
import { deviceQuery, defaultDeviceFilter } from '../../../dashboard/src/desk/devices/device-filter.js';

// The devices tab's command forms (dashboard/src/desk/devices/panel/command-body.ts) against the gateway's own body
// schema: what the form builds the gateway takes, and a number the gateway would refuse is refused at the form first.
// And the list's filters as the query GET /devices takes.

const label = (key: string) => key;

describe('command forms', () => {
  test('when every threshold of every kind is set at its range ends, then the body passes the gateway schema; one past the end is refused in words', () => {
    for (const [kind, keys] of Object.entries(THRESHOLDS_BY_KIND) as [keyof typeof THRESHOLDS_BY_KIND, readonly (keyof typeof THRESHOLD_RANGES)[]][]) {
      for (const key of keys) {
        const [min, max] = THRESHOLD_RANGES[key];
        for (const value of [min, max]) {
          const built = buildCommand('set_thresholds', kind, { [key]: String(value) }, label);
          expect('body' in built && createDeviceCommandBodySchema.safeParse(built.body).success).toBe(true);
        }
        // the form's ranges are the schema's: one past either end the schema refuses too
        expect(deviceThresholdsSchema.safeParse({ [key]: max + 1 }).success).toBe(false);
        expect(deviceThresholdsSchema.safeParse({ [key]: min - 1 }).success).toBe(false);
        const refused = buildCommand('set_thresholds', kind, { [key]: String(max + 1) }, label);
        expect(refused).toEqual({ error: ['devices.cmd.outOfRange', { field: `devices.threshold.${key}`, min, max }] });
      }
    }
  });

  test('when a form is left empty, then it says what is missing; filled, its body passes the gateway schema', () => {
    expect(buildCommand('set_intervals', 'wearable', { heartbeatSeconds: '', telemetrySeconds: '' }, label)).toEqual({ error: ['devices.cmd.intervalsNeedOne'] });
    expect(buildCommand('set_thresholds', 'wearable', {}, label)).toEqual({ error: ['devices.cmd.thresholdsNeedOne'] });
    expect(buildCommand('play_message', 'call_button', { text: '   ' }, label)).toEqual({ error: ['form.required'] });
    const bodies = [
      buildCommand('set_intervals', 'wearable', { heartbeatSeconds: '300', telemetrySeconds: '' }, label),
      buildCommand('test_mode', 'door_sensor', { enabled: 'true', minutes: '30' }, label),
      buildCommand('test_mode', 'door_sensor', { enabled: 'false', minutes: '99999' }, label),
      buildCommand('play_message', 'call_button', { text: '工作人员马上到'.repeat(12) }, label),
      buildCommand('reboot', 'camera', {}, label),
    ];
    for (const built of bodies) expect('body' in built && createDeviceCommandBodySchema.safeParse(built.body).success).toBe(true);
    expect(bodies[2]).toEqual({ body: { type: 'test_mode', enabled: false } });
  });
});

describe('device list query', () => {
  test('when filters are set, then only those go, and "not seen for 24 h" becomes lastSeenBefore 24 h before now', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(deviceQuery(defaultDeviceFilter(), now, { limit: '200' })).toBe('limit=200');
    const query = new URLSearchParams(deviceQuery({ ...defaultDeviceFilter(), q: ' wb ', kind: 'wearable', state: 'offline', regionId: 'r1', firmware: '2.4', batteryBelow: '20', silentHours: '24' }, now));
    expect(Object.fromEntries(query)).toEqual({ q: 'wb', kind: 'wearable', state: 'offline', regionId: 'r1', firmware: '2.4', batteryBelow: '20', lastSeenBefore: '2026-12-06T12:00:00.000Z' });
    expect(deviceQuery({ ...defaultDeviceFilter(), batteryBelow: '0' }, now)).toBe('');
  });
});
