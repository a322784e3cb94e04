import type { ActivityDay } from '../../../../../schemas/index.js';

// The homes' daily activity in the store (docs/decisions/0006-one-store-contract-two-engines.md: one contract, both engines). The activity tally
// counts in memory and adds what it counted every few minutes; the trend review and the desk's chart read days.
// Written on the routine connection: a lost flush loses a few minutes of counts, never an alarm.

/** Counts to add to an elder's day; `steps` is the day's highest count so far (kept as the maximum). */
export interface ActivityDelta extends ActivityDay {
  elderId: string;
}

export interface ActivityDayRecord extends ActivityDay {
  elderId: string;
}

export interface ActivityStore {
  /** Adds motion, door and bed minutes to each (elder, day), creating the day; steps keep the higher value. */
  addActivity(deltas: readonly ActivityDelta[]): Promise<void>;
  /** Days within [fromDay, toDay] (local days, inclusive), one elder's or everybody's, by elder then day. */
  listActivityDays(filter: { elderId?: string; fromDay: string; toDay: string }): Promise<ActivityDayRecord[]>;
}
