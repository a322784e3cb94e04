import type { ServiceType, TaskKind, TaskOutcome, TaskReason, TaskStatus } from '../../../../schemas/index.js';

// A task: work for a person that is not an alarm (a maintenance visit, a service request).

export interface Task {
  id: string;
  kind: TaskKind;
  reason: TaskReason;
  status: TaskStatus;
  test: boolean;
  elderId: string;
  deviceId: string | null;
  alertId: string | null;
  service: ServiceType | null;
  /** At most one open task per (elder, dedupKey): one maintenance visit per device, one request per service. */
  dedupKey: string;
  /** Monthly visits: the local month they are for, YYYY-MM. */
  month: string | null;
  assigneeId: string | null;
  dueAt: number | null;
  createdAt: number;
  assignedAt: number | null;
  acceptedAt: number | null;
  completedAt: number | null;
  completedBy: string | null;
  outcome: TaskOutcome | null;
  note: string | null;
  /** The cause went away by itself (its alert cleared, the activity came back): when, and what cleared it. */
  causeClearedAt: number | null;
  causeClearedNote: string | null;
}
