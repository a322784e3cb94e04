import type { ActivityDayRecord } from '../../../app/ports/store/activity.port.js';

// The activity_days row both engines share.

export interface ActivityDayRow {
  elder_id: string;
  day: string;
  motion_events: number;
  door_events: number;
  bed_minutes: number;
  steps: number;
}

export const activityDayFromRow = (r: ActivityDayRow): ActivityDayRecord => ({
  elderId: r.elder_id,
  day: r.day,
  motionEvents: Number(r.motion_events),
  doorEvents: Number(r.door_events),
  bedMinutes: Number(r.bed_minutes),
  steps: Number(r.steps),
});

export const ACTIVITY_DAY_COLUMNS = 'elder_id, day, motion_events, door_events, bed_minutes, steps';
