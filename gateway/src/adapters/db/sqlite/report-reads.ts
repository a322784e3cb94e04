import { TIMELINE_ACTIONS } from '../../../../../schemas/index.js';
import type { ReportReadStore } from '../../../app/ports/store/report-reads.port.js';
import { taskFromRow, timelineFromRow, type TaskRow, type TimelineRow } from '../rows/store-rows.js';
import type { SqliteContext } from './connection.js';

// The reports' reads (app/ports/store/report-reads.port.ts) in the embedded store: one query each, joined through the
// alert's (or task's) elder to the elder's region. substr instead of LIKE: a path holds ids, and ids may hold LIKE's
// wildcards. pg/report-reads.ts runs the same queries on PostgreSQL.

const IN_SUBTREE = 'substr(r.path, 1, length(@path)) = @path';

/** The period's alerts (alias x), joined to `joinOn` (the row that names the alert), with their elder and region. */
const periodAlerts = (joinOn: string): string =>
  `JOIN alerts x ON x.id = ${joinOn} JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
   WHERE ${IN_SUBTREE} AND x.raised_at >= @from AND x.raised_at < @to`;

export function createSqliteReportReads({ alarms }: SqliteContext): ReportReadStore {
  const q = {
    // The actions as one JSON array parameter, so that one prepared statement serves every list of them.
    timelines: alarms.prepare(
      `SELECT t.* FROM alert_timeline t ${periodAlerts('t.alert_id')}
       AND t.action IN (SELECT value FROM json_each(@actions)) ORDER BY t.seq`,
    ),
    tasksOfAlerts: alarms.prepare(`SELECT k.* FROM tasks k ${periodAlerts('k.alert_id')} AND k.kind = @kind ORDER BY k.created_at, k.id`),
    tasksDue: alarms.prepare(
      `SELECT k.* FROM tasks k JOIN elders e ON e.id = k.elder_id JOIN regions r ON r.id = e.region_id
       WHERE ${IN_SUBTREE} AND k.kind = @kind AND k.due_at >= @from AND k.due_at < @to ORDER BY k.due_at, k.id`,
    ),
  };
  return {
    async listPeriodTimelines({ regionPath, from, to, actions }) {
      const rows = q.timelines.all({ path: regionPath, from, to, actions: JSON.stringify(actions ?? TIMELINE_ACTIONS) }) as TimelineRow[];
      return rows.map(timelineFromRow);
    },
    async listTasksOfPeriodAlerts({ regionPath, from, to, kind }) {
      return (q.tasksOfAlerts.all({ path: regionPath, from, to, kind }) as TaskRow[]).map(taskFromRow);
    },
    async listTasksDue({ regionPath, from, to, kind }) {
      return (q.tasksDue.all({ path: regionPath, from, to, kind }) as TaskRow[]).map(taskFromRow);
    },
  };
}
