import { OPEN_ALERT_STATUSES } from '../../../../../schemas/index.js';
import type { AlertStore } from '../../../app/ports/store/alerts.port.js';
import { alertFromRow, alertToRow, alertWithElderFromRow, timelineFromRow, timelineToRow, type AlertRow, type TimelineRow, type WithElderColumns } from '../rows/store-rows.js';
import { inTransaction, type PgContext } from './connection.js';
import { listFilter } from './list-filter.js';
import {
  ALERT_COLUMNS,
  ALERT_MUTABLE_COLUMNS,
  columnList,
  inList,
  insertTimeline,
  named,
  TIMELINE_COLUMNS,
  updateAlertWhileStatus,
  valuesOf,
  withElder,
} from './statements.js';

// Alerts in the shared store (app/ports/store/alerts.port.ts), as the desk and the responders read them and as an
// operator moves them. A device's decisions reach alerts through the decision commit (decisions.ts).

const q = {
  open: named('open-alerts', `SELECT ${columnList(ALERT_COLUMNS)} FROM alerts WHERE elder_id = $1 AND status IN ${inList(OPEN_ALERT_STATUSES)}`),
  byId: named('alert-by-id', `${withElder('alerts')} WHERE x.id = $1`),
  timeline: named('timeline', `SELECT ${columnList(TIMELINE_COLUMNS)} FROM alert_timeline WHERE alert_id = $1 ORDER BY seq`),
};

export function createPgAlerts({ pool, rows, first }: PgContext): AlertStore {
  return {
    async findOpenAlerts(elderId) {
      return (await rows<AlertRow>(q.open(elderId))).map(alertFromRow);
    },
    async transitionAlert(alert, entry, expectedStatus) {
      const row = alertToRow(alert);
      return inTransaction(pool, 'BEGIN', async (client) => {
        const updated = await client.query(updateAlertWhileStatus(row.id, ...valuesOf(row, ALERT_MUTABLE_COLUMNS), expectedStatus));
        if ((updated.rowCount ?? 0) === 0) return false;
        await client.query(insertTimeline(...valuesOf(timelineToRow(entry), TIMELINE_COLUMNS)));
        return true;
      });
    },
    async getAlert(id) {
      const r = await first<AlertRow & WithElderColumns>(q.byId(id));
      return r ? alertWithElderFromRow(r) : null;
    },
    async listAlerts(filter) {
      const { where, values } = listFilter(filter, 'raised_at');
      const text = `${withElder('alerts')} ${where} ORDER BY ${filter.urgentFirst ? 'x.priority ASC, ' : ''}x.raised_at DESC, x.id DESC LIMIT $${values.length + 1}`;
      return (await pool.query<AlertRow & WithElderColumns>(text, [...values, filter.limit])).rows.map(alertWithElderFromRow);
    },
    async getTimeline(alertId) {
      return (await rows<TimelineRow>(q.timeline(alertId))).map(timelineFromRow);
    },
  };
}
