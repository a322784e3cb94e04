import { UNWORKED, type Alert } from '../../gateway/src/core/alerts/alert.js';
import type { ReportPlace } from '../../gateway/src/core/reports/region-breakdown.js';
import type { Task } from '../../gateway/src/core/tasks/task.js';
import { T0 } from './elder-state.js';

// Records as the core keeps them, for tests that need one whole: sensible defaults, the fields under test overridden.

/** A raised P1 SOS alert of elder-1's dev-1 in room 203, raised and last seen at T0, nobody has touched yet. */
export const sampleAlert = (id: string, overrides: Partial<Alert> = {}): Alert => ({
  id,
  type: 'sos',
  priority: 1,
  status: 'raised',
  test: false,
  elderId: 'elder-1',
  deviceId: 'dev-1',
  dedupKey: 'sos',
  context: { room: '203' },
  raisedAt: T0,
  lastSeenAt: T0,
  count: 1,
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
  resolutionNote: null,
  cancelledAt: null,
  raisedBy: [overrides.deviceId ?? 'dev-1'],
  cancelRequestedAt: null,
  clearedAt: null,
  ...UNWORKED,
  declinedBy: [],
  ...overrides,
});

/** An open maintenance task for elder-1's dev-1 (low battery), made at T0, nobody assigned yet. */
export const sampleTask = (id: string, overrides: Partial<Task> = {}): Task => ({
  id,
  kind: 'maintenance',
  reason: 'low_battery',
  status: 'open',
  test: false,
  elderId: 'elder-1',
  deviceId: 'dev-1',
  alertId: null,
  service: null,
  dedupKey: 'maintenance:dev-1',
  period: null,
  periodEndsAt: null,
  attempt: null,
  visitModes: null,
  visitMode: null,
  assigneeId: null,
  dueAt: null,
  createdAt: T0,
  assignedAt: null,
  acceptedAt: null,
  completedAt: null,
  completedBy: null,
  outcome: null,
  note: null,
  causeClearedAt: null,
  causeClearedNote: null,
  ...overrides,
});

/** A region as the reports see it, under `parent` (null: the root), its path built from the ids above it. */
export const reportPlace = (id: string, name: string, level: ReportPlace['level'], parent: ReportPlace | null): ReportPlace => ({
  id,
  name,
  level,
  parentId: parent?.id ?? null,
  path: `${parent?.path ?? '/'}${id}/`,
});
