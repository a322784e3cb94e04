import type { AlertStatus, AlertType, ResolutionReason, TaskKind } from '../../../../../schemas/index.js';
import type { TaskWithElder } from './tasks.port.js';

// What the shift handover reads and writes beyond the alert and task lists: the outgoing operator's notes, the notes
// people wrote on alerts and tasks during the shift, the tasks overdue and the alerts closed in the window. Every
// read is of one region's subtree (`regionPath`) and a window [since, until).

export interface HandoverNoteRecord {
  id: string;
  /** The author's region: the desks of it and above read the note. */
  regionId: string;
  /** `user:<username>`. */
  author: string;
  /** The author's display name when the note was written. */
  authorName: string;
  note: string;
  at: number;
}

export interface HandoverWindow {
  regionPath: string;
  since: number;
  until: number;
  limit: number;
}

/** A timeline line with a note that a person (`user:*`) wrote on an alert of the region. */
export interface NotedAlertEntry {
  alertId: string;
  alertType: AlertType;
  elderName: string;
  at: number;
  actor: string;
  note: string;
}

/** A task of the region closed in the window with a note. */
export interface NotedTask {
  taskId: string;
  kind: TaskKind;
  elderName: string;
  at: number;
  /** `user:<username>`, or null when the store does not know who. */
  actor: string | null;
  note: string;
}

export interface ClosedAlertCount {
  status: AlertStatus;
  resolutionReason: ResolutionReason | null;
  count: number;
}

export interface HandoverStore {
  addHandoverNote(note: HandoverNoteRecord): Promise<void>;
  /** Notes of authors in the region's subtree, written in the window, newest first. */
  listHandoverNotes(window: HandoverWindow): Promise<HandoverNoteRecord[]>;
  /** Newest first. */
  listNotedAlertEntries(window: HandoverWindow): Promise<NotedAlertEntry[]>;
  /** Newest first. */
  listNotedTasks(window: HandoverWindow): Promise<NotedTask[]>;
  /** Open tasks whose due time is before `now`, most overdue first. */
  listOverdueTasks(filter: { regionPath: string; now: number; limit: number }): Promise<TaskWithElder[]>;
  /** Alerts that ended (resolved, false alarm, cancelled, cleared) in the window, counted by status and reason. */
  countClosedAlerts(window: Omit<HandoverWindow, 'limit'>): Promise<ClosedAlertCount[]>;
}
