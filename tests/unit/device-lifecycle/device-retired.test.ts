import { describe, expect, it } from 'vitest';
import { deviceRetired } from '../../../gateway/src/core/device-lifecycle/device-retired.js';
import { deviceKindNamed, mapDeviceColumns } from '../../../gateway/src/core/device-lifecycle/device-import-columns.js';
import { batteryReported } from '../../../gateway/src/core/rules/device-health/low-battery.rule.js';
import { sosPressed } from '../../../gateway/src/core/rules/alarms/sos-pressed.rule.js';
import { applyDecisions, elderState, T0 } from '../../support/elder-state.js';

// The pure part of taking a device out of service: which of its alerts are cleared and which watches are disarmed;
// and how a device file's headers and kinds are read.

const ACTOR = 'user:op';

describe('device retired', () => {
  it('when a device with a flat battery and an open SOS is retired, then the battery alert is cleared with the note, the SOS stays, and its watches are disarmed', () => {
    const start = elderState({ kind: 'call_button' });
    let world = applyDecisions(start, sosPressed({ type: 'sos' }, start, T0));
    world = applyDecisions(world.state, batteryReported(5, world.state, T0 + 1000), world);
    const decisions = deviceRetired(world.state, T0 + 2000, { note: 'device retired: broken', actor: ACTOR });
    const after = applyDecisions(world.state, decisions, world);

    const byType = Object.fromEntries([...after.alerts.values()].map((a) => [a.type, a.status]));
    expect(byType).toEqual({ sos: 'raised', low_battery: 'cleared' });
    expect(decisions).toContainEqual(expect.objectContaining({ kind: 'update', entry: expect.objectContaining({ action: 'cleared', actor: ACTOR, note: 'device retired: broken' }) }));
    const disarmed = decisions.flatMap((d) => (d.kind === 'disarm' ? [d.key] : []));
    expect(disarmed).toEqual(expect.arrayContaining(['device_silent:dev-1', 'device_offline_confirm:dev-1', 'test_signal_due:dev-1']));
  });

  it('when a device in test mode is retired, then its test alerts are the ones cleared', () => {
    const start = elderState({ kind: 'wearable', testMode: true });
    const world = applyDecisions(start, batteryReported(5, start, T0));
    const after = applyDecisions(world.state, deviceRetired(world.state, T0 + 1000, { note: 'replaced by w-2', actor: ACTOR }), world);
    expect([...after.alerts.values()].map((a) => [a.test, a.status])).toEqual([[true, 'cleared']]);
  });

  it('when no device is in state, then nothing is decided but an ignore', () => {
    expect(deviceRetired({ ...elderState(), device: null }, T0, { note: 'x', actor: ACTOR })).toEqual([{ kind: 'ignore', reason: 'no_device_in_state' }]);
  });
});

describe('device file columns and kinds', () => {
  it('when kinds are written as the API, with hyphens, or by their Chinese names, then each is read; anything else is not a kind', () => {
    expect(['call_button', 'Call-Button', '呼叫器', '一键呼叫器', '智能手环', '烟感', '门磁 ', '床垫传感器'].map(deviceKindNamed)).toEqual([
      'call_button', 'call_button', 'call_button', 'call_button', 'wearable', 'smoke_detector', 'door_sensor', 'bed_sensor',
    ]);
    expect(['洗衣机', '', 'sos'].map(deviceKindNamed)).toEqual([null, null, null]);
  });

  it('when headers are Chinese, English or full-width, then the columns are found; without a kind or an elder column they are missing', () => {
    expect(mapDeviceColumns(['序号', '设备编号', '类型', '身份证号', '位置', '型号']).index).toEqual({ id: 1, kind: 2, elderIdNumber: 3, room: 4, model: 5 });
    expect(mapDeviceColumns(['Device ID', 'KIND', 'elder_id']).index).toEqual({ id: 0, kind: 1, elderId: 2 });
    expect(mapDeviceColumns(['设备编号', '位置'])).toMatchObject({ missing: ['类型', '老人编号 / 身份证号'], repeated: [] });
    expect(mapDeviceColumns(['类型', '老人编号', 'kind'])).toMatchObject({ missing: [], repeated: ['kind'] });
  });
});
