import type { ComplaintStore } from '../../../../app/ports/store/phone/complaints.port.js';
import {
  COMPLAINT_COLUMNS,
  COMPLAINT_MUTABLE_COLUMNS,
  complaintCountsFromRow,
  complaintFromRow,
  complaintToRow,
  complaintWithNamesFromRow,
  type ComplaintCountRow,
  type ComplaintRow,
  type ComplaintWithNamesRow,
} from '../../rows/call-rows.js';
import { insertOrConflict, type SqliteContext } from '../connection.js';
import { complaintFilter } from '../list-filter.js';

// Complaints (投诉) in the embedded store (app/ports/store/complaints.port.ts), on the alarms connection: a complaint
// and its deadline must not vanish with a power cut.

/** A complaint with its elder's and owner's names; region r for scoping (pg/complaints.ts selects the same). */
const WITH_NAMES = `SELECT k.*, e.name AS elder_name, u.display_name AS owner_name
  FROM complaints k JOIN regions r ON r.id = k.region_id LEFT JOIN elders e ON e.id = k.elder_id
  LEFT JOIN users u ON u.id = k.owner_id`;

export function createSqliteComplaints({ alarms: db }: SqliteContext): ComplaintStore {
  const q = {
    insert: db.prepare(`INSERT INTO complaints (${COMPLAINT_COLUMNS.join(', ')}) VALUES (${COMPLAINT_COLUMNS.map((c) => `@${c}`).join(', ')})`),
    byId: db.prepare(`${WITH_NAMES} WHERE k.id = ?`),
    updateIfStatus: db.prepare(
      `UPDATE complaints SET ${COMPLAINT_MUTABLE_COLUMNS.map((c) => `${c} = @${c}`).join(', ')},
         overdue_flagged_at = coalesce(overdue_flagged_at, @overdue_flagged_at)
       WHERE id = @id AND status = @expected_status`,
    ),
    dueUnflagged: db.prepare(
      `SELECT * FROM complaints WHERE status <> 'closed' AND due_at <= ? AND overdue_flagged_at IS NULL ORDER BY due_at, id LIMIT ?`,
    ),
    flag: db.prepare(`UPDATE complaints SET overdue_flagged_at = ? WHERE id = ? AND overdue_flagged_at IS NULL AND status <> 'closed'`),
    counts: db.prepare(
      `SELECT
         SUM(CASE WHEN k.created_at >= @from AND k.created_at < @to THEN 1 ELSE 0 END) AS opened,
         SUM(CASE WHEN k.closed_at >= @from AND k.closed_at < @to THEN 1 ELSE 0 END) AS closed,
         SUM(CASE WHEN k.closed_at >= @from AND k.closed_at < @to AND k.closed_at <= k.due_at THEN 1 ELSE 0 END) AS closed_in_time,
         SUM(CASE WHEN k.status <> 'closed' AND k.due_at <= @now AND k.created_at < @to THEN 1 ELSE 0 END) AS overdue
       FROM complaints k JOIN regions r ON r.id = k.region_id
       WHERE substr(r.path, 1, length(@path)) = @path`,
    ),
  };
  return {
    async createComplaint(complaint) {
      insertOrConflict(() => q.insert.run(complaintToRow(complaint)), `complaint ${complaint.id} exists`);
    },
    async getComplaint(id) {
      const r = q.byId.get(id) as ComplaintWithNamesRow | undefined;
      return r ? complaintWithNamesFromRow(r) : null;
    },
    async listComplaints(filter) {
      const { where, params } = complaintFilter(filter);
      const rows = db.prepare(`${WITH_NAMES} ${where} ORDER BY k.created_at DESC, k.id DESC LIMIT ?`).all(...params, filter.limit) as ComplaintWithNamesRow[];
      return rows.map(complaintWithNamesFromRow);
    },
    async updateComplaint(complaint, expectedStatus) {
      return q.updateIfStatus.run({ ...complaintToRow(complaint), expected_status: expectedStatus }).changes > 0;
    },
    async dueUnflaggedComplaints(now, limit) {
      return (q.dueUnflagged.all(now, limit) as ComplaintRow[]).map(complaintFromRow);
    },
    async flagComplaintOverdue(id, at) {
      return q.flag.run(at, id).changes > 0;
    },
    async countComplaints({ regionPath, from, to, now }) {
      return complaintCountsFromRow(q.counts.get({ path: regionPath, from, to, now }) as ComplaintCountRow | undefined);
    },
  };
}
