import type { AlertStatus, AlertType } from '../../../../../schemas/index.js';
import type { Alert, TimelineEntry } from '../../../core/alerts/alert.js';

// Alerts in the store, as the desk and the responders read them and as an operator moves them. A device's
// decisions reach alerts through the decision commit (decisions.port.ts), not through here.

export interface ElderSummary {
  id: string;
  name: string;
  address: string;
  regionId: string;
}

export interface Assignee {
  id: string;
  displayName: string;
}

export interface AlertWithElder extends Alert {
  elder: ElderSummary;
  assignee: Assignee | null;
}

export interface AlertFilter {
  statuses: readonly AlertStatus[] | 'all';
  limit: number;
  /** Only alerts of elders in this region's subtree. */
  regionPath?: string;
  assigneeId?: string;
  elderId?: string;
  type?: AlertType;
  /** Raised within [from, to). */
  raisedFrom?: number;
  raisedTo?: number;
  /** Keyset paging, newest first: only alerts raised before this one (by raisedAt, then id). */
  before?: ListKey;
  /**
   * Most urgent first (priority, then newest) instead of newest first, for a capped picture of what is open (a live
   * client's snapshot): a cap must never leave out a waiting P1 for newer P3s. Not with `before`.
   */
  urgentFirst?: boolean;
}

/** Where the previous page of a list ended: a time and an id, so that rows with equal times neither repeat nor hide. */
export interface ListKey {
  at: number;
  id: string;
}

export interface AlertStore {
  findOpenAlerts(elderId: string): Promise<Alert[]>;
  /** Writes an operator's transition only if the alert is still in `expectedStatus`; false when it moved meanwhile. */
  transitionAlert(alert: Alert, entry: TimelineEntry, expectedStatus: AlertStatus): Promise<boolean>;
  getAlert(id: string): Promise<AlertWithElder | null>;
  /** Newest first (raisedAt, then id, descending), or most urgent first with `urgentFirst`. */
  listAlerts(filter: AlertFilter): Promise<AlertWithElder[]>;
  getTimeline(alertId: string): Promise<TimelineEntry[]>;
}
