import type { AlertDetail, AlertView, DeviceState, DeviceView, Elder, RegionView, TaskView, UserView } from '../../../schemas/index.js';
import { maskIdNumber } from '../../../schemas/id-number.js';
import type { TimelineEntry } from '../core/alerts/alert.js';
import type { AlertWithElder } from './ports/store/alerts.port.js';
import type { DeviceRecord } from './ports/store/devices.port.js';
import type { ElderRecord } from './ports/store/elders.port.js';
import type { RegionRecord } from './ports/store/regions.port.js';
import type { TaskWithElder } from './ports/store/tasks.port.js';
import type { UserRecord } from './ports/store/users.port.js';
import { effectiveThresholds } from '../core/thresholds.js';
import { ageOn, isVeryOld } from '../core/elders/elder-dates.js';

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
  cancelRequestedAt: isoOrNull(a.cancelRequestedAt),
  clearedAt: isoOrNull(a.clearedAt),
  assignee: a.assignee,
  assignedAt: isoOrNull(a.assignedAt),
  acceptedAt: isoOrNull(a.acceptedAt),
  arrivedAt: isoOrNull(a.arrivedAt),
  escalationLevel: a.escalationLevel,
  lateArrival: a.lateArrival,
  holdUntil: isoOrNull(a.holdUntil),
  holdReason: a.holdReason,
  resolutionReason: a.resolutionReason,
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
  period: t.period,
  periodEndsAt: isoOrNull(t.periodEndsAt),
  attempt: t.attempt,
  visitModes: t.visitModes,
  visitMode: t.visitMode,
  assignee: t.assignee,
  dueAt: isoOrNull(t.dueAt),
  createdAt: iso(t.createdAt),
  assignedAt: isoOrNull(t.assignedAt),
  acceptedAt: isoOrNull(t.acceptedAt),
  completedAt: isoOrNull(t.completedAt),
  completedBy: t.completedBy,
  outcome: t.outcome,
  note: t.note,
  causeClearedAt: isoOrNull(t.causeClearedAt),
  causeClearedNote: t.causeClearedNote,
});

/** `today` is the gateway's local date (YYYY-MM-DD) when the reply is made: the age is as of it. */
export const toElderView = (e: ElderRecord, today: string): Elder => ({
  id: e.id,
  name: e.name,
  address: e.address,
  phone: e.phone,
  idNumberMasked: e.idNumber === null ? null : maskIdNumber(e.idNumber),
  location: e.location ?? null,
  regionId: e.regionId,
  contacts: e.contacts.map((c) => ({ ...c, guardian: c.guardian === true })),
  medicalNotes: e.medicalNotes,
  accessNotes: e.accessNotes,
  assignedResponderIds: e.assignedResponderIds,
  riskCategory: e.riskCategory,
  thresholdOverrides: e.thresholdOverrides,
  thresholds: effectiveThresholds(e.riskCategory, e.thresholdOverrides),
  away: e.away ? { since: iso(e.away.since), until: isoOrNull(e.away.until), reason: e.away.reason } : null,
  groups: e.groups ?? [],
  birthDate: e.birthDate ?? null,
  age: e.birthDate ? ageOn(e.birthDate, today) : null,
  veryOld: e.birthDate ? isVeryOld(e.birthDate, today) : false,
  sex: e.sex ?? null,
  assessment: e.assessment ?? null,
  consent: e.consent ?? null,
  createdAt: iso(e.createdAt),
});

/** Retired outranks everything; a device never heard from is not "offline", it was never on. */
const deviceStateOf = (d: DeviceRecord): DeviceState =>
  d.retiredAt !== null ? 'retired' : d.lastSeenAt === null ? 'never_seen' : d.online ? 'online' : 'offline';

/** `elderName` from the in-memory care directory (null when it has no such elder), so a list needs no join. */
export const toDeviceView = (d: DeviceRecord, elderName: string | null): DeviceView => ({
  id: d.id,
  elderId: d.elderId,
  elderName,
  kind: d.kind,
  room: d.room,
  testModeUntil: isoOrNull(d.testModeUntil),
  // A retired device's session was ended; its stored presence is as it last was.
  online: d.online && d.retiredAt === null,
  battery: d.battery,
  lastSeenAt: isoOrNull(d.lastSeenAt),
  createdAt: iso(d.createdAt),
  state: deviceStateOf(d),
  firmware: d.firmware,
  model: d.model,
  retiredAt: isoOrNull(d.retiredAt),
  replacedBy: d.replacedBy,
});

export const toUserView = (u: UserRecord): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  regionId: u.regionId,
  responderKind: u.responderKind,
  phone: u.phone,
  onDuty: u.onDuty,
  disabled: u.disabledAt !== null,
  createdAt: iso(u.createdAt),
});

export const toRegionView = (r: RegionRecord): RegionView => ({ id: r.id, name: r.name, level: r.level, parentId: r.parentId });
