import type { TaskKind, TimelineAction } from '../../../../../schemas/index.js';
import type { TimelineEntry } from '../../../core/alerts/alert.js';
import type { Task } from '../../../core/tasks/task.js';

// What the reports read beyond the alert and task lists, each in one query however many alerts the period holds: the
// timelines of a period's alerts (who was offered what, who accepted), the tasks those alerts caused (follow-up
// visits), and the tasks due in the period (monthly visits). Reading a timeline per alert made a county's month of
// alarms thousands of round trips.

/** The alerts of elders in the region's subtree raised in [from, to), as the report's period filter means it. */
export interface PeriodInRegion {
  regionPath: string;
  from: number;
  to: number;
}

export interface ReportReadStore {
  /**
   * The timeline entries of those alerts, only of the given actions (all when absent), in the order they were
   * written (per alert, the order of its timeline).
   */
  listPeriodTimelines(period: PeriodInRegion & { actions?: readonly TimelineAction[] }): Promise<TimelineEntry[]>;
  /** Tasks of `kind` caused by those alerts (task.alertId), whatever their status. */
  listTasksOfPeriodAlerts(period: PeriodInRegion & { kind: TaskKind }): Promise<Task[]>;
  /** Tasks of `kind` of elders in the region's subtree due (dueAt) in [from, to), whatever their status. */
  listTasksDue(period: PeriodInRegion & { kind: TaskKind }): Promise<Task[]>;
}
