import type { AlertDetail, AlertView, DeviceView, Elder, TaskView } from '../../../schemas/index.js';
import type { TimelineEntry } from '../core/alert.js';
import type { AlertWithElder, DeviceRecord, ElderRecord, TaskWithElder } from './store.port.js';
import { effectiveThresholds } from '../core/thresholds.js';

// Records as the API and the live hub show them: ISO 8601 times, no secrets.

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const toAlertView = (a: AlertWithElder): AlertView => ({
  id: a.id,
  type: a.type,
  priority: a.priority,
  status: a.status,
  test: a.test,
  deviceId: a.deviceId,
  elder: a.elder,
  context: a.context,
  raisedAt: iso(a.raisedAt),
  lastSeenAt: iso(a.lastSeenAt),
  count: a.count,
  acknowledgedAt: isoOrNull(a.acknowledgedAt),
  acknowledgedBy: a.acknowledgedBy,
  resolvedAt: isoOrNull(a.resolvedAt),
  resolvedBy: a.resolvedBy,
  resolutionNote: a.resolutionNote,
  cancelledAt: isoOrNull(a.cancelledAt),
  clearedAt: isoOrNull(a.clearedAt),
});

export const toAlertDetail = (a: AlertWithElder, timeline: TimelineEntry[]): AlertDetail => ({
  ...toAlertView(a),
  timeline: timeline.map((t) => ({ at: iso(t.at), action: t.action, actor: t.actor, note: t.note })),
});

export const toTaskView = (t: TaskWithElder): TaskView => ({
  id: t.id,
  kind: t.kind,
  reason: t.reason,
  status: t.status,
  test: t.test,
  elder: t.elder,
  deviceId: t.deviceId,
  alertId: t.alertId,
  service: t.service,
  createdAt: iso(t.createdAt),
  completedAt: isoOrNull(t.completedAt),
  completedBy: t.completedBy,
  note: t.note,
});

export const toElderView = (e: ElderRecord): Elder => ({
  id: e.id,
  name: e.name,
  address: e.address,
  phone: e.phone,
  riskCategory: e.riskCategory,
  thresholdOverrides: e.thresholdOverrides,
  thresholds: effectiveThresholds(e.riskCategory, e.thresholdOverrides),
  away: e.away ? { since: iso(e.away.since), until: isoOrNull(e.away.until), reason: e.away.reason } : null,
  createdAt: iso(e.createdAt),
});

export const toDeviceView = (d: DeviceRecord): DeviceView => ({
  id: d.id,
  elderId: d.elderId,
  kind: d.kind,
  room: d.room,
  testModeUntil: isoOrNull(d.testModeUntil),
  online: d.online,
  battery: d.battery,
  lastSeenAt: isoOrNull(d.lastSeenAt),
  createdAt: iso(d.createdAt),
});
