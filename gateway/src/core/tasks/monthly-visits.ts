import type { RiskCategory } from '../../../../schemas/index.js';
import { ignore, type Decision } from '../decisions.js';
import type { ElderState } from '../elder-state.js';
import { openTask } from './task-factory.js';
import { MINUTE } from '../time-units.js';

// The monthly visit (探访关爱) the seeds ask for every elder who lives alone, is left behind or is disabled, with a
// visit rate of 100% each month. Months are local calendar months: in China (UTC+8) December starts at
// 2026-11-30T16:00Z, and a visit made that evening counts for December, as the community worker would count it.

/**
 * The visiting-care groups. The seeds name elders who live alone (alone, 独居), are left behind (empty_nest, 空巢)
 * or are disabled (disabled, 失能); the very old (very_old, 高龄) and those in hardship (hardship, 特困) are visited
 * too, being the other categories watched more closely than 'general'. Only 'general' is not visited monthly.
 */
export const VISIT_CATEGORIES: ReadonlySet<RiskCategory> = new Set<RiskCategory>(['alone', 'empty_nest', 'disabled', 'very_old', 'hardship']);

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The local month of `at`, 'YYYY-MM'. */
export function localMonth(at: number, utcOffsetMinutes: number): string {
  // Shifting by the offset and reading the UTC fields gives local wall-clock fields (a fixed offset, no DST).
  const local = new Date(at + utcOffsetMinutes * MINUTE);
  return `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}`;
}

function parseMonth(month: string): { year: number; monthIndex: number } {
  const m = MONTH.exec(month);
  // Months come parsed from the REST query or from localMonth; anything else is a programming error.
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), monthIndex: Number(m[2]) - 1 };
}

/** Local midnight at the start of the 1st of `month`, as epoch ms. */
export function monthStartAt(month: string, utcOffsetMinutes: number): number {
  const { year, monthIndex } = parseMonth(month);
  return Date.UTC(year, monthIndex, 1) - utcOffsetMinutes * MINUTE;
}

/** Local midnight at the start of the month after the one `at` falls in. */
export function nextMonthStartAt(at: number, utcOffsetMinutes: number): number {
  const { year, monthIndex } = parseMonth(localMonth(at, utcOffsetMinutes));
  // Date.UTC rolls month 12 over into January of the next year.
  return Date.UTC(year, monthIndex + 1, 1) - utcOffsetMinutes * MINUTE;
}

/**
 * The elder's visit for `month`, due by the last millisecond of that local month. One per elder and month: a visit
 * already open for the month makes this an ignore (task_already_open), so the schedule may run as often as it likes.
 *
 * Being away (in hospital, with family) does not exempt the elder: the visit is still counted as due, and the
 * worker records what they found (not_home, or a visit in hospital). Deciding exemptions from partial absences is
 * a policy question for the county, not something to guess here.
 */
export function monthlyVisitDue(state: ElderState, now: number, month: string): Decision[] {
  if (!VISIT_CATEGORIES.has(state.elder.riskCategory)) return [ignore('not_in_visiting_care')];
  const offset = state.settings.utcOffsetMinutes;
  const dueAt = nextMonthStartAt(monthStartAt(month, offset), offset) - 1;
  return openTask(state, now, { kind: 'monthly_visit', reason: 'monthly_visit', month, deviceId: null, dueAt });
}
