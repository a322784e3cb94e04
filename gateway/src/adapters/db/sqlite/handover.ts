import { OPEN_ALERT_STATUSES, OPEN_TASK_STATUSES, type AlertStatus, type AlertType, type ResolutionReason, type TaskKind } from '../../../../../schemas/index.js';
import type { HandoverStore } from '../../../app/ports/store/handover.port.js';
import { noteFromRow, type NoteRow } from '../rows/handover-rows.js';
import { taskWithElderFromRow, type TaskRow, type WithElderColumns } from '../rows/store-rows.js';
import { insertOrConflict, type SqliteContext } from './connection.js';
import { inList, withElder } from './statements.js';

// The shift handover's reads and its notes (app/ports/store/handover.port.ts) in the embedded store. Notes go on the
// alarms connection: a note the outgoing operator saw accepted must be there for the next shift after a power loss.
// Region scoping as everywhere: the region path (alias r) starts with the asked one; substr rather than LIKE, since
// ids may hold LIKE's wildcards.

const IN_SUBTREE = 'substr(r.path, 1, length(@path)) = @path';
const OPEN_ALERTS = inList(OPEN_ALERT_STATUSES);
const OPEN_TASKS = inList(OPEN_TASK_STATUSES);

export function createSqliteHandover({ alarms: db }: SqliteContext): HandoverStore {
  const q = {
    insert: db.prepare('INSERT INTO handover_notes (id, region_id, author, author_name, note, at) VALUES (@id, @region_id, @author, @author_name, @note, @at)'),
    notes: db.prepare(
      `SELECT n.* FROM handover_notes n JOIN regions r ON r.id = n.region_id
       WHERE ${IN_SUBTREE} AND n.at >= @since AND n.at < @until ORDER BY n.at DESC, n.id DESC LIMIT @limit`,
    ),
    alertNotes: db.prepare(
      `SELECT t.alert_id, a.type AS alert_type, e.name AS elder_name, t.at, t.actor, t.note
       FROM alert_timeline t JOIN alerts a ON a.id = t.alert_id JOIN elders e ON e.id = a.elder_id JOIN regions r ON r.id = e.region_id
       WHERE ${IN_SUBTREE} AND t.at >= @since AND t.at < @until AND t.note IS NOT NULL AND t.note <> '' AND substr(t.actor, 1, 5) = 'user:'
       ORDER BY t.at DESC, t.seq DESC LIMIT @limit`,
    ),
    taskNotes: db.prepare(
      `SELECT x.id AS task_id, x.kind, e.name AS elder_name, x.completed_at AS at, x.completed_by AS actor, x.note
       FROM tasks x JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
       WHERE ${IN_SUBTREE} AND x.completed_at >= @since AND x.completed_at < @until AND x.note IS NOT NULL AND x.note <> ''
       ORDER BY x.completed_at DESC, x.id DESC LIMIT @limit`,
    ),
    overdue: db.prepare(
      `${withElder('tasks')} WHERE ${IN_SUBTREE} AND x.status IN ${OPEN_TASKS} AND x.due_at IS NOT NULL AND x.due_at < @now
       ORDER BY x.due_at ASC, x.id ASC LIMIT @limit`,
    ),
    closed: db.prepare(
      `SELECT x.status, x.resolution_reason, count(*) AS count
       FROM alerts x JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
       WHERE ${IN_SUBTREE} AND x.status NOT IN ${OPEN_ALERTS}
         AND coalesce(x.resolved_at, x.cancelled_at, x.cleared_at) >= @since AND coalesce(x.resolved_at, x.cancelled_at, x.cleared_at) < @until
       GROUP BY x.status, x.resolution_reason ORDER BY x.status, x.resolution_reason`,
    ),
  };

  const window = (w: { regionPath: string; since: number; until: number }) => ({ path: w.regionPath, since: w.since, until: w.until });

  return {
    async addHandoverNote(n) {
      insertOrConflict(
        () => q.insert.run({ id: n.id, region_id: n.regionId, author: n.author, author_name: n.authorName, note: n.note, at: n.at }),
        `handover note ${n.id} exists`,
      );
    },
    async listHandoverNotes(w) {
      return (q.notes.all({ ...window(w), limit: w.limit }) as NoteRow[]).map(noteFromRow);
    },
    async listNotedAlertEntries(w) {
      const rows = q.alertNotes.all({ ...window(w), limit: w.limit }) as Array<{ alert_id: string; alert_type: string; elder_name: string; at: number; actor: string; note: string }>;
      return rows.map((r) => ({ alertId: r.alert_id, alertType: r.alert_type as AlertType, elderName: r.elder_name, at: r.at, actor: r.actor, note: r.note }));
    },
    async listNotedTasks(w) {
      const rows = q.taskNotes.all({ ...window(w), limit: w.limit }) as Array<{ task_id: string; kind: string; elder_name: string; at: number; actor: string | null; note: string }>;
      return rows.map((r) => ({ taskId: r.task_id, kind: r.kind as TaskKind, elderName: r.elder_name, at: r.at, actor: r.actor, note: r.note }));
    },
    async listOverdueTasks(f) {
      return (q.overdue.all({ path: f.regionPath, now: f.now, limit: f.limit }) as Array<TaskRow & WithElderColumns>).map(taskWithElderFromRow);
    },
    async countClosedAlerts(w) {
      const rows = q.closed.all(window(w)) as Array<{ status: string; resolution_reason: string | null; count: number }>;
      return rows.map((r) => ({ status: r.status as AlertStatus, resolutionReason: r.resolution_reason as ResolutionReason | null, count: Number(r.count) }));
    },
  };
}
