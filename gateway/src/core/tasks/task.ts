import type { ServiceType, TaskKind, TaskOutcome, TaskReason, TaskStatus, VisitMode } from '../../../../schemas/index.js';

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
  /** Care visits: the policy period they are for (core/visits/periods.ts), e.g. '2026-W49', '2026-12', '2026-Q4'. */
  period: string | null;
  /** Care visits: when the period ends (local midnight, exclusive); the task is due 1 ms before. */
  periodEndsAt: number | null;
  /** Care visits: 1, then 2, ... for each retry within the period (unique per elder and period). */
  attempt: number | null;
  /** Care visits: the ways of visiting that count, copied from the obligation when made (deadlines and rules as data). */
  visitModes: VisitMode[] | null;
  /** Care visits done: how the visit was made. */
  visitMode: VisitMode | null;
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
