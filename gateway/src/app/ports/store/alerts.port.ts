import type { AlertStatus } from '../../../../../schemas/index.js';
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
  /** Raised within [from, to). */
  raisedFrom?: number;
  raisedTo?: number;
}

export interface AlertStore {
  findOpenAlerts(elderId: string): Promise<Alert[]>;
  /** Writes an operator's transition only if the alert is still in `expectedStatus`; false when it moved meanwhile. */
  transitionAlert(alert: Alert, entry: TimelineEntry, expectedStatus: AlertStatus): Promise<boolean>;
  getAlert(id: string): Promise<AlertWithElder | null>;
  listAlerts(filter: AlertFilter): Promise<AlertWithElder[]>;
  getTimeline(alertId: string): Promise<TimelineEntry[]>;
}
