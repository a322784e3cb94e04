import { VERY_OLD_AGE, type Sex } from '../../../../schemas/index.js';

// Dates of the elder record (birth, assessment, consent) are calendar dates of the deployment's local time, without
// a time or zone. Each check takes `today` (YYYY-MM-DD, local) so it is pure; the use case computes it once.

/** The oldest birth date accepted, in years before today: older is a typing error, not a person. */
export const MAX_AGE_YEARS = 130;

const parts = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];

/**
 * Whole years from `birthDate` to `today`: a birthday on `today` counts. Someone born on 29 February is a year
 * older on 1 March in common years (the day after 28 February), as Chinese civil practice counts it.
 */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [ty, tm, td] = parts(today);
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** 高龄: at least VERY_OLD_AGE years old on `today`. */
export const isVeryOld = (birthDate: string, today: string): boolean => ageOn(birthDate, today) >= VERY_OLD_AGE;

/** A date after today, which no record date may be (a birth, an assessment, a consent). Dates compare as text. */
export const isFuture = (date: string, today: string): boolean => date > today;

/** What is wrong with a birth date, or null: in the future, or more than MAX_AGE_YEARS back. */
export function birthDateProblem(birthDate: string, today: string): string | null {
  if (isFuture(birthDate, today)) return `birthDate ${birthDate} is after today (${today})`;
  // the same day MAX_AGE_YEARS years back is the limit; as text, so that 29 February needs no special case
  const earliest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
  if (birthDate < earliest) return `birthDate ${birthDate} is more than ${MAX_AGE_YEARS} years back`;
  return null;
}

/** The birth date an 18-character ID number carries (digits 7–14, YYYYMMDD), as YYYY-MM-DD. */
export function idNumberBirthDate(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** The sex an 18-character ID number carries: its 17th digit (the sequence's last) is odd for men, even for women. */
export function idNumberSex(idNumber: string): Sex {
  return Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
}
