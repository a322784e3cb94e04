import { TIMELINE_ACTIONS } from '../../../../../schemas/index.js';
import type { ReportReadStore } from '../../../app/ports/store/report-reads.port.js';
import { taskFromRow, timelineFromRow, type TaskRow, type TimelineRow } from '../rows/store-rows.js';
import type { PgContext } from './connection.js';
import { columnList, named, TASK_COLUMNS, TIMELINE_COLUMNS } from './statements.js';

// The reports' reads (app/ports/store/report-reads.port.ts) in the shared store: one query each, joined through the
// alert's (or task's) elder to the elder's region; starts_with rather than LIKE, for the wildcards ids may hold.
// sqlite/report-reads.ts runs the same queries on SQLite.

/** The period's alerts (alias x), joined to `joinOn` (the row that names the alert), with their elder and region. */
const periodAlerts = (joinOn: string): string =>
  `JOIN alerts x ON x.id = ${joinOn} JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
   WHERE starts_with(r.path, $1) AND x.raised_at >= $2 AND x.raised_at < $3`;

const q = {
  timelines: named(
    'report-period-timelines',
    `SELECT ${columnList(TIMELINE_COLUMNS, 't')} FROM alert_timeline t ${periodAlerts('t.alert_id')} AND t.action = ANY($4::text[]) ORDER BY t.seq`,
  ),
  tasksOfAlerts: named(
    'report-tasks-of-period-alerts',
    `SELECT ${columnList(TASK_COLUMNS, 'k')} FROM tasks k ${periodAlerts('k.alert_id')} AND k.kind = $4 ORDER BY k.created_at, k.id`,
  ),
  tasksDue: named(
    'report-tasks-due',
    `SELECT ${columnList(TASK_COLUMNS, 'k')} FROM tasks k JOIN elders e ON e.id = k.elder_id JOIN regions r ON r.id = e.region_id
     WHERE starts_with(r.path, $1) AND k.due_at >= $2 AND k.due_at < $3 AND k.kind = $4 ORDER BY k.due_at, k.id`,
  ),
};

export function createPgReportReads({ rows }: PgContext): ReportReadStore {
  return {
    async listPeriodTimelines({ regionPath, from, to, actions }) {
      return (await rows<TimelineRow>(q.timelines(regionPath, from, to, [...(actions ?? TIMELINE_ACTIONS)]))).map(timelineFromRow);
    },
    async listTasksOfPeriodAlerts({ regionPath, from, to, kind }) {
      return (await rows<TaskRow>(q.tasksOfAlerts(regionPath, from, to, kind))).map(taskFromRow);
    },
    async listTasksDue({ regionPath, from, to, kind }) {
      return (await rows<TaskRow>(q.tasksDue(regionPath, from, to, kind))).map(taskFromRow);
    },
  };
}
