import { z } from 'zod';

// The resident identity card number (居民身份证号, GB 11643-1999): 17 digits (area, birth date, sequence) and a
// check character, a digit or X, computed over the 17 digits with ISO 7064 MOD 11-2. It is personal data: the desk
// sees only its last 4 characters, and the logger redacts it.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The check character of the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** 18 characters, 17 digits and a digit or X (upper case), with the right check character. */
export function isValidIdNumber(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && idNumberCheckCharacter(value.slice(0, 17)) === value[17];
}

/** What a desk sees: the last 4 characters, the rest starred (`**************123X`). */
export function maskIdNumber(value: string): string {
  return '*'.repeat(Math.max(0, value.length - 4)) + value.slice(-4);
}

/** As typed: spaces around it dropped, a lower-case x taken as X. */
export const idNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidIdNumber, 'an 18-character resident ID number (17 digits and a digit or X) with a valid check character');
