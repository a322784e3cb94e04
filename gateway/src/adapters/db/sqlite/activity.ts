import type { ActivityStore } from '../../../app/ports/store/activity.port.js';
import { ACTIVITY_DAY_COLUMNS, activityDayFromRow, type ActivityDayRow } from '../rows/activity-rows.js';
import type { SqliteContext } from './connection.js';

// The homes' daily activity in the embedded store (app/ports/store/activity.port.ts). On the routine connection
// (synchronous NORMAL): a flush lost to power loss costs a few minutes of counts, which the activity tally already
// accepts for a crash.

export function createSqliteActivity({ routine: db }: SqliteContext): ActivityStore {
  const add = db.prepare(
    `INSERT INTO activity_days (${ACTIVITY_DAY_COLUMNS}) VALUES (@elderId, @day, @motionEvents, @doorEvents, @bedMinutes, @steps)
     ON CONFLICT (elder_id, day) DO UPDATE SET motion_events = motion_events + excluded.motion_events,
       door_events = door_events + excluded.door_events, bed_minutes = bed_minutes + excluded.bed_minutes,
       steps = MAX(steps, excluded.steps)`,
  );
  const addAll = db.transaction((deltas: Parameters<ActivityStore['addActivity']>[0]) => {
    for (const d of deltas) add.run({ elderId: d.elderId, day: d.day, motionEvents: d.motionEvents, doorEvents: d.doorEvents, bedMinutes: d.bedMinutes, steps: d.steps });
  });
  const ofElder = db.prepare(`SELECT ${ACTIVITY_DAY_COLUMNS} FROM activity_days WHERE elder_id = ? AND day >= ? AND day <= ? ORDER BY day`);
  const ofAll = db.prepare(`SELECT ${ACTIVITY_DAY_COLUMNS} FROM activity_days WHERE day >= ? AND day <= ? ORDER BY elder_id, day`);
  return {
    async addActivity(deltas) {
      if (deltas.length > 0) addAll(deltas);
    },
    async listActivityDays({ elderId, fromDay, toDay }) {
      const rows = (elderId === undefined ? ofAll.all(fromDay, toDay) : ofElder.all(elderId, fromDay, toDay)) as ActivityDayRow[];
      return rows.map(activityDayFromRow);
    },
  };
}
