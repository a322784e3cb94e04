import type { AlertView, RegionView, TaskView, WallDevice, WallHome } from '../../../schemas/index.js';

// Builders of the views the gateway sends (schemas/), with plain defaults a test overrides by name.

export function anAlert(over: Partial<AlertView> & { id: string }): AlertView {
  return {
    type: 'sos',
    priority: 1,
    status: 'raised',
    test: false,
    deviceId: 'dev-1',
    elder: { id: 'elder-1', name: '王秀英', address: '幸福路 1 号', regionId: 'community-a' },
    context: {},
    assignee: null,
    assignedAt: null,
    acceptedAt: null,
    arrivedAt: null,
    escalationLevel: 0,
    lateArrival: false,
    holdUntil: null,
    holdReason: null,
    resolutionReason: null,
    raisedAt: '2025-03-01T08:00:00.000Z',
    lastSeenAt: '2025-03-01T08:00:00.000Z',
    count: 1,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    cancelledAt: null,
    clearedAt: null,
    ...over,
  };
}

export function aTask(over: Partial<TaskView> & { id: string }): TaskView {
  return {
    kind: 'maintenance',
    reason: 'low_battery',
    status: 'open',
    test: false,
    elder: { id: 'elder-1', name: '王秀英', address: '幸福路 1 号', regionId: 'community-a' },
    deviceId: null,
    alertId: null,
    service: null,
    month: null,
    assignee: null,
    dueAt: null,
    createdAt: '2025-03-01T08:00:00.000Z',
    assignedAt: null,
    acceptedAt: null,
    completedAt: null,
    completedBy: null,
    outcome: null,
    note: null,
    ...over,
  };
}

export function aDevice(over: Partial<WallDevice> & { id: string }): WallDevice {
  return { kind: 'call_button', room: null, online: true, battery: 90, lastSeenAt: '2025-03-01T08:00:00.000Z', ...over };
}

export function aHome(over: Partial<WallHome> & { elderId: string }): WallHome {
  return { name: '王秀英', address: '幸福路 1 号', regionId: 'community-a', batteryLow: 20, devices: [], ...over };
}

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
