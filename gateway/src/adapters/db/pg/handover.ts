import { OPEN_ALERT_STATUSES, OPEN_TASK_STATUSES, type AlertStatus, type AlertType, type ResolutionReason, type TaskKind } from '../../../../../schemas/index.js';
import type { HandoverStore } from '../../../app/ports/store/handover.port.js';
import { noteFromRow, type NoteRow } from '../rows/handover-rows.js';
import { taskWithElderFromRow, type TaskRow, type WithElderColumns } from '../rows/store-rows.js';
import { insertOrConflict, type PgContext } from './connection.js';
import { inList, named, withElder } from './statements.js';

// The shift handover's reads and its notes (app/ports/store/handover.port.ts) in the shared store, the same
// queries as sqlite/handover.ts. starts_with rather than LIKE for the region: ids may hold LIKE's wildcards.

const OPEN_ALERTS = inList(OPEN_ALERT_STATUSES);
const OPEN_TASKS = inList(OPEN_TASK_STATUSES);
const ENDED_AT = 'coalesce(x.resolved_at, x.cancelled_at, x.cleared_at)';

const q = {
  insert: named('handover-note-insert', 'INSERT INTO handover_notes (id, region_id, author, author_name, note, at) VALUES ($1, $2, $3, $4, $5, $6)'),
  notes: named(
    'handover-notes',
    `SELECT n.id, n.region_id, n.author, n.author_name, n.note, n.at FROM handover_notes n JOIN regions r ON r.id = n.region_id
     WHERE starts_with(r.path, $1) AND n.at >= $2 AND n.at < $3 ORDER BY n.at DESC, n.id DESC LIMIT $4`,
  ),
  alertNotes: named(
    'handover-alert-notes',
    `SELECT t.alert_id, a.type AS alert_type, e.name AS elder_name, t.at, t.actor, t.note
     FROM alert_timeline t JOIN alerts a ON a.id = t.alert_id JOIN elders e ON e.id = a.elder_id JOIN regions r ON r.id = e.region_id
     WHERE starts_with(r.path, $1) AND t.at >= $2 AND t.at < $3 AND t.note IS NOT NULL AND t.note <> '' AND starts_with(t.actor, 'user:')
     ORDER BY t.at DESC, t.seq DESC LIMIT $4`,
  ),
  taskNotes: named(
    'handover-task-notes',
    `SELECT x.id AS task_id, x.kind, e.name AS elder_name, x.completed_at AS at, x.completed_by AS actor, x.note
     FROM tasks x JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
     WHERE starts_with(r.path, $1) AND x.completed_at >= $2 AND x.completed_at < $3 AND x.note IS NOT NULL AND x.note <> ''
     ORDER BY x.completed_at DESC, x.id DESC LIMIT $4`,
  ),
  overdue: named(
    'handover-overdue-tasks',
    `${withElder('tasks')} WHERE starts_with(r.path, $1) AND x.status IN ${OPEN_TASKS} AND x.due_at IS NOT NULL AND x.due_at < $2
     ORDER BY x.due_at ASC, x.id ASC LIMIT $3`,
  ),
  closed: named(
    'handover-closed-alerts',
    `SELECT x.status, x.resolution_reason, count(*)::int AS count
     FROM alerts x JOIN elders e ON e.id = x.elder_id JOIN regions r ON r.id = e.region_id
     WHERE starts_with(r.path, $1) AND x.status NOT IN ${OPEN_ALERTS} AND ${ENDED_AT} >= $2 AND ${ENDED_AT} < $3
     GROUP BY x.status, x.resolution_reason ORDER BY x.status, x.resolution_reason`,
  ),
};

export function createPgHandover({ pool, rows }: PgContext): HandoverStore {
  return {
    async addHandoverNote(n) {
      await insertOrConflict(pool, q.insert(n.id, n.regionId, n.author, n.authorName, n.note, n.at), `handover note ${n.id} exists`);
    },
    async listHandoverNotes(w) {
      return (await rows<NoteRow>(q.notes(w.regionPath, w.since, w.until, w.limit))).map(noteFromRow);
    },
    async listNotedAlertEntries(w) {
      const found = await rows<{ alert_id: string; alert_type: string; elder_name: string; at: number; actor: string; note: string }>(
        q.alertNotes(w.regionPath, w.since, w.until, w.limit),
      );
      return found.map((r) => ({ alertId: r.alert_id, alertType: r.alert_type as AlertType, elderName: r.elder_name, at: r.at, actor: r.actor, note: r.note }));
    },
    async listNotedTasks(w) {
      const found = await rows<{ task_id: string; kind: string; elder_name: string; at: number; actor: string | null; note: string }>(
        q.taskNotes(w.regionPath, w.since, w.until, w.limit),
      );
      return found.map((r) => ({ taskId: r.task_id, kind: r.kind as TaskKind, elderName: r.elder_name, at: r.at, actor: r.actor, note: r.note }));
    },
    async listOverdueTasks(f) {
      return (await rows<TaskRow & WithElderColumns>(q.overdue(f.regionPath, f.now, f.limit))).map(taskWithElderFromRow);
    },
    async countClosedAlerts(w) {
      const found = await rows<{ status: string; resolution_reason: string | null; count: number }>(q.closed(w.regionPath, w.since, w.until));
      return found.map((r) => ({ status: r.status as AlertStatus, resolutionReason: r.resolution_reason as ResolutionReason | null, count: Number(r.count) }));
    },
  };
}
