import type { CallView } from '../../../../schemas/index.js';
import type { CallWithNames } from '../ports/store/phone/calls.port.js';

// A call as the API and the desk show it: ISO 8601 times, the elder and the operator by name.

const iso = (ms: number): string => new Date(ms).toISOString();

export const toCallView = (c: CallWithNames): CallView => ({
  id: c.id,
  direction: c.direction,
  line: c.line,
  callerNumber: c.callerNumber,
  elder: c.elderId === null ? null : { id: c.elderId, name: c.elderName ?? '' },
  callerName: c.callerName,
  address: c.address,
  category: c.category,
  note: c.note,
  outcome: c.outcome,
  regionId: c.regionId,
  operator: { id: c.operatorId, displayName: c.operatorName },
  startedAt: iso(c.startedAt),
  endedAt: c.endedAt === null ? null : iso(c.endedAt),
  alertId: c.alertId,
  taskId: c.taskId,
  complaintId: c.complaintId,
  externalId: c.externalId,
  createdAt: iso(c.createdAt),
});
