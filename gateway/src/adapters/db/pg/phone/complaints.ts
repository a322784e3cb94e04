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
import { insertOrConflict, type PgContext } from '../connection.js';
import { complaintFilter } from '../list-filter.js';
import { columnList, insertInto, named, valuesOf } from '../statements.js';

// Complaints (投诉) in the shared store (app/ports/store/complaints.port.ts). The status compare-and-set and the
// overdue flag are single guarded UPDATEs: of two instances sweeping at once, exactly one flags a complaint.

/** A complaint with its elder's and owner's names; region r for scoping (sqlite/complaints.ts selects the same). */
const WITH_NAMES = `SELECT ${columnList(COMPLAINT_COLUMNS, 'k')}, e.name AS elder_name, u.display_name AS owner_name
  FROM complaints k JOIN regions r ON r.id = k.region_id LEFT JOIN elders e ON e.id = k.elder_id
  LEFT JOIN users u ON u.id = k.owner_id`;

const MUTABLE = COMPLAINT_MUTABLE_COLUMNS.length;

const q = {
  insert: named('complaint-insert', insertInto('complaints', COMPLAINT_COLUMNS)),
  byId: named('complaint-by-id', `${WITH_NAMES} WHERE k.id = $1`),
  // $1 id, $2.. the mutable columns, then the flag (kept once set) and the status expected.
  updateIfStatus: named(
    'complaint-update-while-status',
    `UPDATE complaints SET ${COMPLAINT_MUTABLE_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')},
       overdue_flagged_at = coalesce(overdue_flagged_at, $${MUTABLE + 2}::bigint)
     WHERE id = $1 AND status = $${MUTABLE + 3}`,
  ),
  dueUnflagged: named(
    'complaints-due-unflagged',
    `SELECT ${columnList(COMPLAINT_COLUMNS)} FROM complaints
     WHERE status <> 'closed' AND due_at <= $1 AND overdue_flagged_at IS NULL ORDER BY due_at, id LIMIT $2`,
  ),
  flag: named('complaint-flag-overdue', `UPDATE complaints SET overdue_flagged_at = $2 WHERE id = $1 AND overdue_flagged_at IS NULL AND status <> 'closed'`),
  counts: named(
    'complaint-counts',
    `SELECT
       SUM(CASE WHEN k.created_at >= $2 AND k.created_at < $3 THEN 1 ELSE 0 END) AS opened,
       SUM(CASE WHEN k.closed_at >= $2 AND k.closed_at < $3 THEN 1 ELSE 0 END) AS closed,
       SUM(CASE WHEN k.closed_at >= $2 AND k.closed_at < $3 AND k.closed_at <= k.due_at THEN 1 ELSE 0 END) AS closed_in_time,
       SUM(CASE WHEN k.status <> 'closed' AND k.due_at <= $4 AND k.created_at < $3 THEN 1 ELSE 0 END) AS overdue
     FROM complaints k JOIN regions r ON r.id = k.region_id
     WHERE starts_with(r.path, $1)`,
  ),
};

export function createPgComplaints({ pool, rows, first, changes }: PgContext): ComplaintStore {
  return {
    async createComplaint(complaint) {
      await insertOrConflict(pool, q.insert(...valuesOf(complaintToRow(complaint), COMPLAINT_COLUMNS)), `complaint ${complaint.id} exists`);
    },
    async getComplaint(id) {
      const r = await first<ComplaintWithNamesRow>(q.byId(id));
      return r ? complaintWithNamesFromRow(r) : null;
    },
    async listComplaints(filter) {
      const { where, values } = complaintFilter(filter);
      const text = `${WITH_NAMES} ${where} ORDER BY k.created_at DESC, k.id DESC LIMIT $${values.length + 1}`;
      return (await pool.query<ComplaintWithNamesRow>(text, [...values, filter.limit])).rows.map(complaintWithNamesFromRow);
    },
    async updateComplaint(complaint, expectedStatus) {
      const row = complaintToRow(complaint);
      return (await changes(q.updateIfStatus(row.id, ...valuesOf(row, COMPLAINT_MUTABLE_COLUMNS), row.overdue_flagged_at, expectedStatus))) > 0;
    },
    async dueUnflaggedComplaints(now, limit) {
      return (await rows<ComplaintRow>(q.dueUnflagged(now, limit))).map(complaintFromRow);
    },
    async flagComplaintOverdue(id, at) {
      return (await changes(q.flag(id, at))) > 0;
    },
    async countComplaints({ regionPath, from, to, now }) {
      return complaintCountsFromRow(await first<ComplaintCountRow>(q.counts(regionPath, from, to, now)));
    },
  };
}
