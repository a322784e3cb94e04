import { OPEN_ALERT_STATUSES } from '../../../../../schemas/index.js';
import type { AlertStore } from '../../../app/ports/store/alerts.port.js';
import { alertFromRow, alertWithElderFromRow, timelineFromRow, timelineToRow, type AlertRow, type TimelineRow, type WithElderColumns } from '../rows/store-rows.js';
import type { SqliteContext } from './connection.js';
import { listFilter } from './list-filter.js';
import { alertParams, inList, INSERT_TIMELINE, UPDATE_ALERT_IF_STATUS, withElder } from './statements.js';

// Alerts in the embedded store (app/ports/store/alerts.port.ts), as the desk and the responders read them and as an
// operator moves them, on the alarms connection (synchronous FULL). A device's decisions reach alerts through the
// decision commit (decisions.ts).

const OPEN = inList(OPEN_ALERT_STATUSES);

export function createSqliteAlerts({ alarms }: SqliteContext): AlertStore {
  const q = {
    open: alarms.prepare(`SELECT * FROM alerts WHERE elder_id = ? AND status IN ${OPEN}`),
    updateIfStatus: alarms.prepare(UPDATE_ALERT_IF_STATUS),
    insertTimeline: alarms.prepare(INSERT_TIMELINE),
    byId: alarms.prepare(`${withElder('alerts')} WHERE x.id = ?`),
    timeline: alarms.prepare('SELECT * FROM alert_timeline WHERE alert_id = ? ORDER BY seq'),
  };

  const transition = alarms.transaction((params: ReturnType<typeof alertParams> & { expected_status: string }, entry: TimelineRow) => {
    if (q.updateIfStatus.run(params).changes === 0) return false;
    q.insertTimeline.run(entry.alert_id, entry.at, entry.action, entry.actor, entry.note);
    return true;
  });

  return {
    async findOpenAlerts(elderId) {
      return (q.open.all(elderId) as AlertRow[]).map(alertFromRow);
    },
    async transitionAlert(alert, entry, expectedStatus) {
      return transition({ ...alertParams(alert), expected_status: expectedStatus }, timelineToRow(entry));
    },
    async getAlert(id) {
      const r = q.byId.get(id) as (AlertRow & WithElderColumns) | undefined;
      return r ? alertWithElderFromRow(r) : null;
    },
    async listAlerts(filter) {
      const { where, params } = listFilter(filter, 'raised_at');
      const rows = alarms
        .prepare(`${withElder('alerts')} ${where} ORDER BY ${filter.urgentFirst ? 'x.priority ASC, ' : ''}x.raised_at DESC, x.id DESC LIMIT ?`)
        .all(...params, filter.limit) as Array<AlertRow & WithElderColumns>;
      return rows.map(alertWithElderFromRow);
    },
    async getTimeline(alertId) {
      return (q.timeline.all(alertId) as TimelineRow[]).map(timelineFromRow);
    },
  };
}
