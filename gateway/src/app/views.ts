import type { AlertDetail, AlertView, DeviceView, Elder } from '../../../schemas/index.js';
import type { TimelineEntry } from '../core/alert.js';
import type { AlertWithElder, DeviceRecord, ElderRecord } from './store.port.js';

// Records as the API and the live hub show them: ISO 8601 times, no secrets.

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const toAlertView = (a: AlertWithElder): AlertView => ({
  id: a.id,
  type: a.type,
  priority: a.priority,
  status: a.status,
  deviceId: a.deviceId,
  elder: a.elder,
  raisedAt: iso(a.raisedAt),
  lastSeenAt: iso(a.lastSeenAt),
  count: a.count,
  acknowledgedAt: isoOrNull(a.acknowledgedAt),
  acknowledgedBy: a.acknowledgedBy,
  resolvedAt: isoOrNull(a.resolvedAt),
  resolvedBy: a.resolvedBy,
  resolutionNote: a.resolutionNote,
  cancelledAt: isoOrNull(a.cancelledAt),
});

export const toAlertDetail = (a: AlertWithElder, timeline: TimelineEntry[]): AlertDetail => ({
  ...toAlertView(a),
  timeline: timeline.map((t) => ({ at: iso(t.at), action: t.action, actor: t.actor, note: t.note })),
});

export const toElderView = (e: ElderRecord): Elder => ({
  id: e.id,
  name: e.name,
  address: e.address,
  phone: e.phone,
  createdAt: iso(e.createdAt),
});

export const toDeviceView = (d: DeviceRecord): DeviceView => ({
  id: d.id,
  elderId: d.elderId,
  kind: d.kind,
  online: d.online,
  battery: d.battery,
  lastSeenAt: isoOrNull(d.lastSeenAt),
  createdAt: iso(d.createdAt),
});
