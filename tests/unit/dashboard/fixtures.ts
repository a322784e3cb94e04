import type { AlertView, RegionView, TaskView, WallDevice, WallHome } from '../../../schemas/index.js';
import { toAlertView, toTaskView } from '../../../gateway/src/app/views.js';
import { sampleAlert, sampleTask } from '../../support/fixtures.js';

// Builders of the views the gateway sends (schemas/), with plain defaults a test overrides by name.

/** When every default alert and task was raised or made. */
const BASE = Date.parse('2025-03-01T08:00:00.000Z');
const ELDER = { id: 'elder-1', name: '王秀英', address: '幸福路 1 号', regionId: 'community-a' };

/** A raised P1 SOS of elder-1 in community-a as the live link sends it: the core's record through the gateway's own view. */
export function anAlert(over: Partial<AlertView> & { id: string }): AlertView {
  const record = sampleAlert(over.id, { raisedAt: BASE, lastSeenAt: BASE, context: {} });
  return { ...toAlertView({ ...record, elder: ELDER, assignee: null }), ...over };
}

/** An open maintenance task (low battery) of elder-1 with no device, as the live link sends it. */
export function aTask(over: Partial<TaskView> & { id: string }): TaskView {
  const record = sampleTask(over.id, { createdAt: BASE, deviceId: null });
  return { ...toTaskView({ ...record, elder: ELDER, assignee: null }), ...over };
}

export function aDevice(over: Partial<WallDevice> & { id: string }): WallDevice {
  return { kind: 'call_button', room: null, online: true, battery: 90, lastSeenAt: '2025-03-01T08:00:00.000Z', ...over };
}

export function aHome(over: Partial<WallHome> & { elderId: string }): WallHome {
  // states: what the gateway said; the desk decides them again from the devices and its open alerts
  return { name: '王秀英', address: '幸福路 1 号', regionId: 'community-a', batteryLow: 20, devices: [], states: ['noData'], ...over };
}

/** A region as an entry of the desk's regions map: `new Map([regionEntry(...), ...])`. */
export const regionEntry = (id: string, name: string, level: RegionView['level'], parentId: string | null): [string, RegionView] => [id, { id, name, level, parentId }];

/** county → town-1 → community-a, community-b; county → town-2 → community-c. */
export function regionTree(): ReadonlyMap<string, RegionView> {
  const list: RegionView[] = [
    { id: 'county', name: '县', level: 'county', parentId: null },
    { id: 'town-1', name: '东镇', level: 'town', parentId: 'county' },
    { id: 'town-2', name: '西镇', level: 'town', parentId: 'county' },
    { id: 'community-a', name: '甲社区', level: 'community', parentId: 'town-1' },
    { id: 'community-b', name: '乙社区', level: 'community', parentId: 'town-1' },
    { id: 'community-c', name: '丙社区', level: 'community', parentId: 'town-2' },
  ];
  return new Map(list.map((r) => [r.id, r]));
}
