import type { ActivityStore } from '../../../app/ports/store/activity.port.js';
import { ACTIVITY_DAY_COLUMNS, activityDayFromRow, type ActivityDayRow } from '../rows/activity-rows.js';
import type { PgContext } from './connection.js';
import { named } from './statements.js';

// The homes' daily activity on the shared database (app/ports/store/activity.port.ts). Each instance adds what it
// counted itself: the upsert adds to the row, so two instances counting the same home (their devices spread over
// both) sum up, and steps keep the higher count. One statement per flush: the deltas go as arrays and are unnested.

const q = {
  add: named(
    'activity-add',
    `INSERT INTO activity_days (${ACTIVITY_DAY_COLUMNS})
     SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::integer[], $5::double precision[], $6::integer[])
     ON CONFLICT (elder_id, day) DO UPDATE SET motion_events = activity_days.motion_events + excluded.motion_events,
       door_events = activity_days.door_events + excluded.door_events, bed_minutes = activity_days.bed_minutes + excluded.bed_minutes,
       steps = GREATEST(activity_days.steps, excluded.steps)`,
  ),
  ofElder: named('activity-of-elder', `SELECT ${ACTIVITY_DAY_COLUMNS} FROM activity_days WHERE elder_id = $1 AND day >= $2 AND day <= $3 ORDER BY day`),
  ofAll: named('activity-of-all', `SELECT ${ACTIVITY_DAY_COLUMNS} FROM activity_days WHERE day >= $1 AND day <= $2 ORDER BY elder_id, day`),
};

export function createPgActivity({ pool }: PgContext): ActivityStore {
  return {
    async addActivity(deltas) {
      if (deltas.length === 0) return;
      // One row per (elder, day) in a statement: ON CONFLICT cannot touch the same row twice in one command.
      const merged = new Map<string, (typeof deltas)[number]>();
      for (const d of deltas) {
        const key = `${d.elderId}\u0000${d.day}`;
        const m = merged.get(key);
        merged.set(
          key,
          m
            ? { ...m, motionEvents: m.motionEvents + d.motionEvents, doorEvents: m.doorEvents + d.doorEvents, bedMinutes: m.bedMinutes + d.bedMinutes, steps: Math.max(m.steps, d.steps) }
            : d,
        );
      }
      const rows = [...merged.values()];
      await pool.query(
        q.add(
          rows.map((d) => d.elderId),
          rows.map((d) => d.day),
          rows.map((d) => d.motionEvents),
          rows.map((d) => d.doorEvents),
          rows.map((d) => d.bedMinutes),
          rows.map((d) => d.steps),
        ),
      );
    },
    async listActivityDays({ elderId, fromDay, toDay }) {
      const { rows } = await pool.query<ActivityDayRow>(elderId === undefined ? q.ofAll(fromDay, toDay) : q.ofElder(elderId, fromDay, toDay));
      return rows.map(activityDayFromRow);
    },
  };
}
