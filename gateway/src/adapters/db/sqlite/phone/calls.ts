import type { CallStore } from '../../../../app/ports/store/phone/calls.port.js';
import {
  CALL_COLUMNS,
  callCountsFromRows,
  callToRow,
  callWithNamesFromRow,
  givenCallLinks,
  type CallDayCountRow,
  type CallRegionCountRow,
  type CallWithNamesRow,
} from '../../rows/call-rows.js';
import { insertOrConflict, type SqliteContext } from '../connection.js';
import { callFilter } from '../list-filter.js';

// Telephone calls in the embedded store (app/ports/store/phone/calls.port.ts), on the alarms connection: a call that
// raised an alert must be on record as surely as the alert.

/** A call with its elder's and operator's names; region r for scoping (pg/phone/calls.ts selects the same). */
const WITH_NAMES = `SELECT c.*, e.name AS elder_name, coalesce(u.display_name, c.operator_id) AS operator_name
  FROM calls c JOIN regions r ON r.id = c.region_id LEFT JOIN elders e ON e.id = c.elder_id
  LEFT JOIN users u ON u.id = c.operator_id`;

const DAY_MS = 86_400_000;

export function createSqliteCalls({ alarms: db }: SqliteContext): CallStore {
  const q = {
    insert: db.prepare(`INSERT INTO calls (${CALL_COLUMNS.join(', ')}) VALUES (${CALL_COLUMNS.map((c) => `@${c}`).join(', ')})`),
    byId: db.prepare(`${WITH_NAMES} WHERE c.id = ?`),
    exists: db.prepare('SELECT 1 FROM calls WHERE id = ?'),
    // The offset is cast: better-sqlite3 may bind a number as REAL, and a REAL sum would not divide to whole days.
    byDay: db.prepare(
      `SELECT (c.started_at + CAST(? AS INTEGER)) / ${DAY_MS} AS day_number, c.line, c.category, COUNT(*) AS n
       FROM calls c JOIN regions r ON r.id = c.region_id
       WHERE substr(r.path, 1, length(?)) = ? AND c.started_at >= ? AND c.started_at < ?
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    ),
    byRegion: db.prepare(
      `SELECT c.region_id, COUNT(*) AS n FROM calls c JOIN regions r ON r.id = c.region_id
       WHERE substr(r.path, 1, length(?)) = ? AND c.started_at >= ? AND c.started_at < ?
       GROUP BY c.region_id ORDER BY c.region_id`,
    ),
  };
  return {
    async createCall(call) {
      insertOrConflict(() => q.insert.run(callToRow(call)), `call ${call.id} exists`);
    },
    async getCall(id) {
      const r = q.byId.get(id) as CallWithNamesRow | undefined;
      return r ? callWithNamesFromRow(r) : null;
    },
    async listCalls(filter) {
      const { where, params } = callFilter(filter);
      const rows = db.prepare(`${WITH_NAMES} ${where} ORDER BY c.started_at DESC, c.id DESC LIMIT ?`).all(...params, filter.limit) as CallWithNamesRow[];
      return rows.map(callWithNamesFromRow);
    },
    async linkCall(id, links) {
      const given = givenCallLinks(links);
      if (given.length === 0) return q.exists.get(id) !== undefined;
      const guards = given.filter((g) => g.guarded).map((g) => ` AND ${g.column} IS NULL`);
      const sql = `UPDATE calls SET ${given.map((g) => `${g.column} = ?`).join(', ')} WHERE id = ?${guards.join('')}`;
      return db.prepare(sql).run(...given.map((g) => g.value), id).changes > 0;
    },
    async countCalls({ regionPath, from, to, utcOffsetMinutes }) {
      const days = q.byDay.all(utcOffsetMinutes * 60_000, regionPath, regionPath, from, to) as CallDayCountRow[];
      const regions = q.byRegion.all(regionPath, regionPath, from, to) as CallRegionCountRow[];
      return callCountsFromRows(days, regions);
    },
  };
}
