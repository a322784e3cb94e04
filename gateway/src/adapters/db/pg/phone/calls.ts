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
import { insertOrConflict, type PgContext } from '../connection.js';
import { callFilter } from '../list-filter.js';
import { columnList, insertInto, named, valuesOf } from '../statements.js';

// Telephone calls in the shared store (app/ports/store/phone/calls.port.ts). A link is set by one guarded UPDATE, so of two
// instances raising an alert from the same call exactly one links it.

/** A call with its elder's and operator's names; region r for scoping (sqlite/phone/calls.ts selects the same). */
const WITH_NAMES = `SELECT ${columnList(CALL_COLUMNS, 'c')}, e.name AS elder_name, coalesce(u.display_name, c.operator_id) AS operator_name
  FROM calls c JOIN regions r ON r.id = c.region_id LEFT JOIN elders e ON e.id = c.elder_id
  LEFT JOIN users u ON u.id = c.operator_id`;

const DAY_MS = 86_400_000;

const q = {
  insert: named('call-insert', insertInto('calls', CALL_COLUMNS)),
  byId: named('call-by-id', `${WITH_NAMES} WHERE c.id = $1`),
  exists: named('call-exists', 'SELECT 1 FROM calls WHERE id = $1'),
  byDay: named(
    'calls-by-day',
    `SELECT (c.started_at + $1::bigint) / ${DAY_MS} AS day_number, c.line, c.category, COUNT(*) AS n
     FROM calls c JOIN regions r ON r.id = c.region_id
     WHERE starts_with(r.path, $2) AND c.started_at >= $3 AND c.started_at < $4
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ),
  byRegion: named(
    'calls-by-region',
    `SELECT c.region_id, COUNT(*) AS n FROM calls c JOIN regions r ON r.id = c.region_id
     WHERE starts_with(r.path, $1) AND c.started_at >= $2 AND c.started_at < $3
     GROUP BY c.region_id ORDER BY c.region_id`,
  ),
};

export function createPgCalls({ pool, rows, first, changes }: PgContext): CallStore {
  return {
    async createCall(call) {
      await insertOrConflict(pool, q.insert(...valuesOf(callToRow(call), CALL_COLUMNS)), `call ${call.id} exists`);
    },
    async getCall(id) {
      const r = await first<CallWithNamesRow>(q.byId(id));
      return r ? callWithNamesFromRow(r) : null;
    },
    async listCalls(filter) {
      const { where, values } = callFilter(filter);
      const text = `${WITH_NAMES} ${where} ORDER BY c.started_at DESC, c.id DESC LIMIT $${values.length + 1}`;
      return (await pool.query<CallWithNamesRow>(text, [...values, filter.limit])).rows.map(callWithNamesFromRow);
    },
    async linkCall(id, links) {
      const given = givenCallLinks(links);
      if (given.length === 0) return (await first(q.exists(id))) !== undefined;
      const guards = given.filter((g) => g.guarded).map((g) => ` AND ${g.column} IS NULL`);
      const text = `UPDATE calls SET ${given.map((g, i) => `${g.column} = $${i + 2}`).join(', ')} WHERE id = $1${guards.join('')}`;
      return (await changes({ text, values: [id, ...given.map((g) => g.value)] })) > 0;
    },
    async countCalls({ regionPath, from, to, utcOffsetMinutes }) {
      const [days, regions] = await Promise.all([
        rows<CallDayCountRow>(q.byDay(utcOffsetMinutes * 60_000, regionPath, from, to)),
        rows<CallRegionCountRow>(q.byRegion(regionPath, from, to)),
      ]);
      return callCountsFromRows(days, regions);
    },
  };
}
